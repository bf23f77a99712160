/**
 * The reference model of organization domains, on its own: the verification state machine on the model's clock
 * and DNS (WIRE-LIFECYCLE.md §3.7, §7 #7, #13–#17). Each rule is stated once with the right answer and once with a
 * subtly wrong one, which the model must name.
 */
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import { assert, describe, it } from "@effect/vitest"
import * as Commands from "../src/Commands.js"
import * as Model from "../src/Model.js"

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const fixture = () => {
  const state = Model.make(Commands.defaultLimits, [], [], { controlled: true })
  const acme = Model.createdOrganization(state, { name: "Acme" }, undefined, "a0", "b0")
  const globex = Model.createdOrganization(state, { name: "Globex" }, undefined, "a1", "b1")
  const create = (org: Model.Org, domain: string, n: number) =>
    Model.createdDomain(state, org, domain, { a: `dom_a${n}`, b: `dom_b${n}` }, { a: `tok_a${n}`, b: `tok_b${n}` })
  return { state, acme, globex, create }
}

/** A's organization answer with the given domain states. */
const shown = (org: Model.Org, states: Record<string, string>) =>
  new Organization({
    id: org.a,
    name: org.name,
    externalId: org.externalId,
    domains: org.domains.map((d) =>
      new OrganizationDomain({
        id: d.ids?.a ?? `dom_${d.domain}`,
        organizationId: org.a,
        domain: d.domain,
        state: (states[d.domain] ?? d.state) as "pending"
      })
    ),
    metadata: org.metadata,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z"
  })

describe("the domain model: create", () => {
  it("a new domain is pending in its organization; consumer, invalid, duplicate and verified-elsewhere ones fail", () => {
    const { acme, create, globex, state } = fixture()
    assert.deepStrictEqual(Model.expectCreateDomain(state, acme, "Foo.test").allowed, ["ok"])
    const foo = create(acme, "Foo.test", 0)
    assert.strictEqual(foo.domain.domain, "foo.test")
    assert.strictEqual(foo.domain.state, "pending")
    assert.include(acme.domains, foo.domain)
    assert.deepStrictEqual(Model.expectCreateDomain(state, acme, "foo.test").allowed, ["DomainAlreadyExists"])
    assert.deepStrictEqual(Model.expectCreateDomain(state, acme, "GMAIL.com").allowed, ["DomainNotAllowed"])
    assert.includeMembers([...Model.expectCreateDomain(state, acme, "not a domain").allowed], ["ValidationFailed"])
    assert.includeMembers([...Model.expectCreateDomain(state, undefined, "bar.test").allowed], ["NotFound"])
    // pending in another organization: allowed; verified there: not
    assert.deepStrictEqual(Model.expectCreateDomain(state, globex, "foo.test").allowed, ["ok"])
    Model.settle(state, acme, foo.domain, "verified")
    assert.deepStrictEqual(Model.expectCreateDomain(state, globex, "foo.test").allowed, ["DomainAlreadyExists"])
  })
})

describe("the domain model: DNS checks and expiry on the model's clock", () => {
  it("the TXT record verifies a domain at the next check after it is published, not before", () => {
    const { acme, create, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    Model.advanced(state, 10 * MINUTE)
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: foo.domain })
    assert.strictEqual(foo.domain.state, "pending", "no check has run since it was published")
    Model.advanced(state, Model.DNS_CHECK_INTERVAL - MINUTE)
    assert.strictEqual(foo.domain.state, "pending")
    Model.advanced(state, MINUTE)
    assert.strictEqual(foo.domain.state, "verified")
  })

  it("a record that is no domain's token, or one withdrawn, verifies nothing; the window ends in failed", () => {
    const { acme, create, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: undefined })
    Model.advanced(state, DAY)
    assert.strictEqual(foo.domain.state, "pending")
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: foo.domain })
    Model.publishedRecord(state, "foo.test", { _tag: "Remove" })
    Model.advanced(state, 29 * DAY - MINUTE * 5)
    assert.strictEqual(foo.domain.state, "pending", "the window is not over yet")
    Model.advanced(state, 5 * MINUTE)
    assert.strictEqual(foo.domain.state, "failed", "30 days without the record")
  })

  it("a check at the instant the window ends may go either way; the first answer settles it", () => {
    const { acme, create, globex, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    Model.advanced(state, Model.VERIFICATION_PERIOD - Model.DNS_CHECK_INTERVAL)
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: foo.domain })
    Model.advanced(state, Model.DNS_CHECK_INTERVAL)
    assert.deepStrictEqual(Model.statesOf(foo.domain), ["verified", "failed"])
    assert.deepStrictEqual(Model.checkOrganization(acme, shown(acme, { "foo.test": "failed" })), [])
    assert.deepStrictEqual(Model.checkOrganization(acme, shown(acme, { "foo.test": "verified" })), [])
    assert.lengthOf(Model.checkOrganization(acme, shown(acme, { "foo.test": "pending" })), 1)
    // a full listing (newest first)
    assert.deepStrictEqual(
      Model.checkListing(state, [shown(globex, {}), shown(acme, { "foo.test": "failed" })], "a"),
      []
    )
    assert.strictEqual(foo.domain.state, "failed", "A's listing settled it")
    assert.include(Model.checkOrganization(acme, shown(acme, { "foo.test": "verified" }))[0], "foo.test:failed")
  })

  it("when one organization's domain verifies, the other organizations' pending copies fail", () => {
    const { acme, create, globex, state } = fixture()
    const mine = create(acme, "foo.test", 0)
    const theirs = create(globex, "foo.test", 1)
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: theirs.domain })
    Model.advanced(state, Model.DNS_CHECK_INTERVAL)
    assert.strictEqual(theirs.domain.state, "verified")
    assert.strictEqual(mine.domain.state, "failed")
    // the record now names the other token: the failed one restarts, and the re-check that finds its record fails
    // it again while the other organization holds the domain
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: mine.domain })
    assert.deepStrictEqual(Model.expectVerify(state, mine), { allowed: ["ok"], states: ["failed"] })
  })

  it("a pending copy beside a domain_data verified one stays pending; the check that finds its record fails it", () => {
    const { acme, create, globex, state } = fixture()
    const mine = create(acme, "foo.test", 0)
    Model.updatedOrganization(globex, { domainData: [{ domain: "foo.test", state: "verified" }] }, state.now)
    Model.catchUp(state)
    assert.strictEqual(mine.domain.state, "pending")
    assert.deepStrictEqual(Model.expectVerify(state, mine), { allowed: ["ok"], states: ["pending"] })
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: mine.domain })
    Model.advanced(state, Model.DNS_CHECK_INTERVAL)
    assert.strictEqual(mine.domain.state, "failed")
  })
})

describe("the domain model: verify and delete", () => {
  it("verify: pending is re-checked now, verified is DomainAlreadyVerified, failed restarts with a new window", () => {
    const { acme, create, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    assert.deepStrictEqual(Model.expectVerify(state, foo), { allowed: ["ok"], states: ["pending"] })
    Model.publishedRecord(state, "foo.test", { _tag: "Set", owner: foo.domain })
    assert.deepStrictEqual(Model.expectVerify(state, foo), { allowed: ["ok"], states: ["verified"] })
    Model.verifiedDomain(state, foo, { _tag: "Shown", state: "verified" })
    assert.strictEqual(foo.domain.state, "verified")
    assert.deepStrictEqual(Model.expectVerify(state, foo).allowed, ["DomainAlreadyVerified"])

    const bar = create(acme, "bar.test", 1)
    Model.advanced(state, Model.VERIFICATION_PERIOD)
    assert.strictEqual(bar.domain.state, "failed")
    assert.deepStrictEqual(Model.expectVerify(state, bar), { allowed: ["ok"], states: ["pending"] })
    Model.verifiedDomain(state, bar, { _tag: "Shown", state: "pending" })
    assert.strictEqual(bar.domain.state, "pending")
    Model.advanced(state, Model.VERIFICATION_PERIOD - Model.DNS_CHECK_INTERVAL)
    assert.strictEqual(bar.domain.state, "pending", "a new 30-day window")
    Model.advanced(state, Model.DNS_CHECK_INTERVAL)
    assert.strictEqual(bar.domain.state, "failed")
  })

  it("a deleted domain, or one of a deleted organization, is NotFound and leaves the domains", () => {
    const { acme, create, globex, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    const bar = create(globex, "bar.test", 1)
    assert.deepStrictEqual(Model.expectGetDomain(foo).allowed, ["ok"])
    Model.deletedDomain(foo)
    assert.notInclude(acme.domains, foo.domain)
    for (const expect of [Model.expectGetDomain, Model.expectDeleteDomain]) {
      assert.deepStrictEqual(expect(foo).allowed, ["NotFound"])
      assert.deepStrictEqual(expect(undefined).allowed, ["NotFound"])
    }
    assert.deepStrictEqual(Model.expectVerify(state, foo).allowed, ["NotFound"])
    globex.alive = false
    assert.deepStrictEqual(Model.expectGetDomain(bar).allowed, ["NotFound"])
  })

  it("an organization answer names a domain's wrong id or a state the model does not allow", () => {
    const { acme, create } = fixture()
    create(acme, "foo.test", 0)
    assert.deepStrictEqual(Model.checkOrganization(acme, shown(acme, {})), [])
    assert.include(Model.checkOrganization(acme, shown(acme, { "foo.test": "verified" }))[0], "foo.test:pending")
    const wrongId = new Organization({
      ...shown(acme, {}),
      domains: [new OrganizationDomain({ id: "dom_other", domain: "foo.test", state: "pending" })]
    })
    assert.include(Model.checkOrganization(acme, wrongId)[0], "has the id dom_other, model says dom_a0")
  })
})

describe("the domain model: a standalone domain answer", () => {
  const standalone = (
    record: Model.DomainRecord,
    change: Partial<ConstructorParameters<typeof OrganizationDomain>[0]>
  ) =>
    new OrganizationDomain({
      id: record.domain.ids!.a,
      organizationId: record.org.a,
      domain: record.domain.domain,
      state: record.domain.state as "pending",
      verificationStrategy: "dns",
      verificationToken: record.domain.tokens!.a!,
      verificationPrefix: "workos-domain-verification-abc",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:01.000Z",
      ...change
    })

  it("the right answer passes; each field that differs is named", () => {
    const { acme, create, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    assert.deepStrictEqual(Model.checkDomain(state, foo, standalone(foo, {})), [])
    const named: ReadonlyArray<[Partial<ConstructorParameters<typeof OrganizationDomain>[0]>, string]> = [
      [{ id: "dom_other" }, "id is dom_other"],
      [{ organizationId: "a1" }, "organizationId is a1, model says a0"],
      [{ domain: "Foo.test" }, "domain is \"Foo.test\""],
      [{ state: "verified" }, "is verified, the model says pending"],
      [{ verificationToken: "tok_other" }, "verificationToken is \"tok_other\", it was tok_a0"],
      [{ verificationStrategy: "manual" }, "verificationStrategy is manual, model says dns"],
      [{ verificationPrefix: "" }, "no verificationPrefix"],
      [{ createdAt: undefined }, "a timestamp is missing"],
      [{ updatedAt: "2024-12-31T00:00:00.000Z" }, "updatedAt 2024-12-31T00:00:00.000Z < createdAt"]
    ]
    for (const [change, fragment] of named) {
      const problems = Model.checkDomain(state, foo, standalone(foo, change))
      assert.lengthOf(problems, 1, JSON.stringify(change))
      assert.include(problems[0], fragment)
    }
  })

  it("B's answer is checked against B's ids and token, and settles nothing", () => {
    const { acme, create, state } = fixture()
    const foo = create(acme, "foo.test", 0)
    const onB = standalone(foo, { id: "dom_b0", organizationId: "b0", verificationToken: "tok_b0" })
    assert.deepStrictEqual(Model.checkDomain(state, foo, onB, "b"), [])
    assert.include(Model.checkDomain(state, foo, standalone(foo, {}), "b")[0], "id is dom_a0")
    foo.domain.possible = ["verified", "failed"]
    assert.deepStrictEqual(Model.checkDomain(state, foo, new OrganizationDomain({ ...onB, state: "failed" }), "b"), [])
    assert.deepStrictEqual(Model.statesOf(foo.domain), ["verified", "failed"], "B settles nothing")
    assert.deepStrictEqual(Model.checkDomain(state, foo, standalone(foo, { state: "failed" })), [])
    assert.deepStrictEqual(Model.statesOf(foo.domain), ["failed"], "A settles it")
  })
})
