/**
 * The reference model's checks, tested like the fake: for each kind of check (a page's items, its cursors, the
 * count of a full listing, an answer's fields, the outcome) an answer that is subtly wrong must be reported,
 * naming the difference; the right answer must not.
 */
import { ApiKey, OrganizationOwner, UserOwner } from "@effect-workos/core/ApiKey"
import * as List from "@effect-workos/core/List"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Commands from "../src/Commands.js"
import * as Command from "../src/commands/Command.js"
import * as Model from "../src/Model.js"

const T0 = "2025-01-01T00:00:00.000Z"
const T1 = "2025-01-01T00:00:01.000Z"

/** A model with three organizations (A ids `a0`…, B ids `b0`…) and one API key of the first. */
const fixture = () => {
  const state = Model.make(Commands.defaultLimits, [], [{ id: "flag_1", enabledFor: ["a0"] }])
  const orgs = [0, 1, 2].map((i) =>
    Model.createdOrganization(
      state,
      { name: `Org ${i}`, externalId: `ext-${i}`, domainData: [{ domain: `d${i}.test`, state: "verified" }] },
      undefined,
      `a${i}`,
      `b${i}`
    )
  )
  const key = Model.createdApiKey(state, orgs[0]!, { name: "ci", permissions: ["p:r", "p:w"] }, undefined, "k0", "kb0")
  return { state, orgs, key }
}

const answer = (
  org: Model.Org,
  side: "a" | "b" = "a",
  change: Partial<ConstructorParameters<typeof Organization>[0]> = {}
) =>
  new Organization({
    id: org[side],
    name: org.name,
    externalId: org.externalId,
    domains: org.domains.map((d, i) =>
      new OrganizationDomain({
        id: `dom_${i}`,
        organizationId: org[side],
        domain: d.domain,
        state: d.state === "verified" ? "verified" : "pending"
      })
    ),
    metadata: org.metadata,
    ...(org.stripeCustomerId === null ? {} : { stripeCustomerId: org.stripeCustomerId }),
    createdAt: T0,
    updatedAt: T1,
    ...change
  })

const keyAnswer = (key: Model.ApiKey, change: Partial<ConstructorParameters<typeof ApiKey>[0]> = {}) =>
  new ApiKey({
    id: key.a,
    owner: new OrganizationOwner({ type: "organization", id: key.org.a }),
    name: key.name,
    obfuscatedValue: "sk_...abcd",
    lastUsedAt: null,
    expiresAt: key.expiresAt,
    permissions: key.permissions,
    createdAt: T0,
    updatedAt: T0,
    ...change
  })

describe("the model's check of an answer's fields", () => {
  it("the right organization passes, on either side", () => {
    const { orgs } = fixture()
    assert.deepStrictEqual(Model.checkOrganization(orgs[1]!, answer(orgs[1]!)), [])
    assert.deepStrictEqual(Model.checkOrganization(orgs[1]!, answer(orgs[1]!, "b"), "b"), [])
    // the same updatedAt as createdAt is fine, domains in another order and case are the same set
    const same = answer(orgs[1]!, "a", {
      updatedAt: T0,
      domains: [new OrganizationDomain({ id: "d", domain: " D1.TEST ", state: "verified" })]
    })
    assert.deepStrictEqual(Model.checkOrganization(orgs[1]!, same), [])
  })

  it("each field that differs is named", () => {
    const { orgs } = fixture()
    const org = orgs[1]!
    const check = (change: Partial<ConstructorParameters<typeof Organization>[0]>) =>
      Model.checkOrganization(org, answer(org, "a", change))
    assert.deepStrictEqual(check({ id: "a2" }), ["org #1 (a1): id is a2", "org #1 (a1): domain d1.test belongs to a1"])
    assert.deepStrictEqual(Model.checkOrganization(org, answer(org), "b"), ["org #1 (b1): id is a1"])
    assert.deepStrictEqual(check({ name: "Org" }), ["org #1 (a1): name is \"Org\", model says \"Org 1\""])
    assert.deepStrictEqual(check({ externalId: null }), ["org #1 (a1): externalId is null, model says \"ext-1\""])
    assert.deepStrictEqual(check({ metadata: { tier: "gold" } }), [
      "org #1 (a1): metadata is [[\"tier\",\"gold\"]], model says []"
    ])
    assert.deepStrictEqual(check({ domains: [] }), ["org #1 (a1): domains are [], model says [d1.test:verified]"])
    assert.deepStrictEqual(
      check({ domains: [new OrganizationDomain({ id: "d", domain: "d1.test", state: "pending" })] }),
      ["org #1 (a1): domains are [d1.test:pending], model says [d1.test:verified]"]
    )
    assert.deepStrictEqual(check({ stripeCustomerId: "cus_1" }), [
      "org #1 (a1): stripeCustomerId is \"cus_1\", model says null"
    ])
    assert.deepStrictEqual(check({ updatedAt: "2024-01-01T00:00:00.000Z" }), [
      "org #1 (a1): updatedAt 2024-01-01T00:00:00.000Z < createdAt 2025-01-01T00:00:00.000Z"
    ])
    assert.deepStrictEqual(
      check({
        domains: [new OrganizationDomain({ id: "d", organizationId: "a0", domain: "d1.test", state: "verified" })]
      }),
      ["org #1 (a1): domain d1.test belongs to a0"]
    )
  })

  it("metadata compare as maps, in any key order", () => {
    const { state } = fixture()
    const org = Model.createdOrganization(state, { name: "M", metadata: { a: "1", b: "2" } }, undefined, "a9", "b9")
    assert.deepStrictEqual(Model.checkOrganization(org, answer(org, "a", { metadata: { b: "2", a: "1" } })), [])
    assert.lengthOf(Model.checkOrganization(org, answer(org, "a", { metadata: { a: "1", b: "3" } })), 1)
    assert.lengthOf(Model.checkOrganization(org, answer(org, "a", { metadata: { a: "1" } })), 1)
  })

  it("an API key's expiry and use: an expired key has some time, a used one a lastUsedAt; B's ids on B", () => {
    const { key } = fixture()
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { lastUsedAt: T1 })), [
      "api key #0 (k0): lastUsedAt is \"2025-01-01T00:00:01.000Z\", model says never used"
    ])
    Model.validatedApiKey(key)
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { lastUsedAt: T1 })), [])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { lastUsedAt: null })), [
      "api key #0 (k0): lastUsedAt is null, model says used"
    ])
    Model.expiredApiKey(key, { _tag: "Now" })
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { lastUsedAt: T1, expiresAt: T1 })), [])
    assert.lengthOf(Model.checkApiKey(key, keyAnswer(key, { lastUsedAt: T1, expiresAt: null })), 1)
    const onB = keyAnswer(key, {
      id: key.b,
      owner: new OrganizationOwner({ type: "organization", id: key.org.b }),
      lastUsedAt: T1,
      expiresAt: T1
    })
    assert.deepStrictEqual(Model.checkApiKey(key, onB, "b"), [])
    assert.lengthOf(Model.checkApiKey(key, onB), 2, "B's ids are not A's")
  })

  it("each API key field that differs is named", () => {
    const { key } = fixture()
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key)), [])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { permissions: ["p:w", "p:r"] })), [])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { id: "k1" })), ["api key #0 (k0): id is k1"])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { name: "cd" })), [
      "api key #0 (k0): name is \"cd\", model says \"ci\""
    ])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { permissions: ["p:r"] })), [
      "api key #0 (k0): permissions are [\"p:r\"], model says [\"p:r\",\"p:w\"]"
    ])
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { expiresAt: T1 })), [
      "api key #0 (k0): expiresAt is \"2025-01-01T00:00:01.000Z\", model says null"
    ])
    assert.deepStrictEqual(
      Model.checkApiKey(key, keyAnswer(key, { owner: new OrganizationOwner({ type: "organization", id: "a1" }) })),
      ["api key #0 (k0): owner is {\"type\":\"organization\",\"id\":\"a1\"}, model says organization a0"]
    )
    assert.lengthOf(
      Model.checkApiKey(
        key,
        keyAnswer(key, { owner: new UserOwner({ type: "user", id: "a0", organizationId: "a0" }) })
      ),
      1
    )
  })
})

describe("the model's check of a page", () => {
  const page = (ids: ReadonlyArray<string>, before: string | null, after: string | null) =>
    List.make(ids.map((id) => ({ id })), { before, after })
  const expected = { data: ["a2", "a1"], before: null, after: "a1" }

  it("the right page passes", () => {
    assert.deepStrictEqual(Model.checkPage("p", page(["a2", "a1"], null, "a1"), expected), [])
  })

  it("an item missing, an extra one, or the items in another order", () => {
    assert.deepStrictEqual(Model.checkPage("p", page(["a2"], null, "a1"), expected), [
      "p: page holds [a2], model says [a2, a1]"
    ])
    assert.lengthOf(Model.checkPage("p", page(["a2", "a1", "a0"], null, "a1"), expected), 1)
    assert.lengthOf(Model.checkPage("p", page(["a1", "a2"], null, "a1"), expected), 1)
  })

  it("a wrong cursor, on either end", () => {
    assert.deepStrictEqual(Model.checkPage("p", page(["a2", "a1"], null, "a2"), expected), [
      "p: list_metadata.after is a2, model says a1"
    ])
    assert.deepStrictEqual(Model.checkPage("p", page(["a2", "a1"], null, null), expected), [
      "p: list_metadata.after is null, model says a1"
    ])
    assert.deepStrictEqual(Model.checkPage("p", page(["a2", "a1"], "a2", "a1"), expected), [
      "p: list_metadata.before is a2, model says null"
    ])
  })

  it("a walk: the ids in order, then each item's fields", () => {
    const { orgs } = fixture()
    const newest = [...orgs].reverse()
    const check = (got: ReadonlyArray<Organization>) =>
      Model.checkSequence("the walk", got, newest, (o) => o.a, Model.checkOrganization)
    assert.deepStrictEqual(check(newest.map((o) => answer(o))), [])
    assert.deepStrictEqual(check(newest.slice(1).map((o) => answer(o))), [
      "the walk yields [a1, a0], the model [a2, a1, a0]"
    ])
    assert.deepStrictEqual(check(newest.map((o, i) => answer(o, "a", i === 1 ? { name: "X" } : {}))), [
      "org #1 (a1): name is \"X\", model says \"Org 1\""
    ])
  })

  it("roles: the environment's first", () => {
    assert.deepStrictEqual(Model.checkRoleOrder(["EnvironmentRole", "EnvironmentRole", "OrganizationRole"]), [])
    assert.deepStrictEqual(Model.checkRoleOrder(["EnvironmentRole"]), [])
    assert.deepStrictEqual(Model.checkRoleOrder([]), [])
    assert.deepStrictEqual(Model.checkRoleOrder(["OrganizationRole", "EnvironmentRole"]), [
      "roles are not environment roles first: OrganizationRole, EnvironmentRole"
    ])
    assert.lengthOf(Model.checkRoleOrder(["EnvironmentRole", "OrganizationRole", "EnvironmentRole"]), 1)
  })
})

describe("the model's invariants over a full listing", () => {
  const listing = (orgs: ReadonlyArray<Model.Org>, side: "a" | "b" = "a") =>
    [...orgs].reverse().map((o) => answer(o, side))

  it("the right listing passes, on either side", () => {
    const { orgs, state } = fixture()
    assert.deepStrictEqual(Model.checkListing(state, listing(orgs), "a"), [])
    assert.deepStrictEqual(Model.checkListing(state, listing(orgs, "b"), "b"), [])
    orgs[1]!.alive = false
    assert.deepStrictEqual(Model.checkListing(state, listing([orgs[0]!, orgs[2]!]), "a"), [])
  })

  it("a missing organization: the count and which one", () => {
    const { orgs, state } = fixture()
    assert.deepStrictEqual(Model.checkListing(state, listing([orgs[0]!, orgs[2]!]), "a"), [
      "A: the full listing has 2 organizations, the model 3; missing #1 (a1)"
    ])
    assert.deepStrictEqual(Model.checkListing(state, listing([orgs[0]!, orgs[2]!], "b"), "b"), [
      "B: the full listing has 2 organizations, the model 3; missing #1 (b1)"
    ])
  })

  it("an organization twice, one the model does not know, a deleted one", () => {
    const { orgs, state } = fixture()
    const twice = Model.checkListing(state, [...listing(orgs), answer(orgs[0]!)], "a")
    assert.includeMembers([...twice], [
      "A: the full listing holds a0 twice",
      "A: the full listing is not newest first at a0"
    ])
    assert.include([...twice].join("\n"), "A: the full listing has 4 organizations, the model 3")
    const unknown = Model.checkListing(state, [
      ...listing(orgs),
      new Organization({ ...answer(orgs[0]!), id: "zz", domains: [] })
    ], "a")
    assert.include([...unknown], "A: the full listing holds zz, which the model does not know")
    orgs[1]!.alive = false
    const deleted = Model.checkListing(state, listing(orgs), "a")
    assert.include([...deleted], "A: the full listing holds deleted org #1 (a1)")
    assert.include([...deleted].join("\n"), "A: the full listing has 3 organizations, the model 2")
  })

  it("not newest first", () => {
    const { orgs, state } = fixture()
    const swapped = listing(orgs)
    ;[swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!]
    assert.deepStrictEqual(Model.checkListing(state, swapped, "a"), ["A: the full listing is not newest first at a2"])
  })

  it("an external id or a verified domain on two organizations; pending ones may repeat", () => {
    const { orgs, state } = fixture()
    const [o0, o1, o2] = orgs as [Model.Org, Model.Org, Model.Org]
    const dup = [answer(o2), answer(o1), answer(o0, "a", { externalId: "ext-1" })]
    assert.include([...Model.checkListing(state, dup, "a")], "A: external id ext-1 on a1 and a0")
    const domain = (d: string, state: "verified" | "pending") => new OrganizationDomain({ id: "x", domain: d, state })
    const verified = [
      answer(o2),
      answer(o1, "a", { domains: [domain("d1.test", "verified"), domain("D2.test", "verified")] }),
      answer(o0)
    ]
    assert.include([...Model.checkListing(state, verified, "a")], "A: verified domain d2.test on a2 and a1")
    const pending = [
      answer(o2, "a", { domains: [domain("d2.test", "verified"), domain("p.test", "pending")] }),
      answer(o1, "a", {
        domains: [domain("d1.test", "verified"), domain("p.test", "pending")]
      }),
      answer(o0)
    ]
    const problems = Model.checkListing(state, pending, "a")
    assert.isFalse(problems.some((p) => p.includes("p.test on")), problems.join("\n"))
    // a domain listed twice by one organization is not a conflict with itself
    const self = [
      answer(o2, "a", { domains: [domain("d2.test", "verified"), domain("D2.TEST", "verified")] }),
      answer(o1),
      answer(o0)
    ]
    assert.isFalse(Model.checkListing(state, self, "a").some((p) => p.includes("verified domain")))
  })
})

describe("the model's check of an outcome", () => {
  it("a different error tag, or an error where the model expects success", () => {
    assert.deepStrictEqual(Command.expectOutcome({ allowed: ["ok", "DomainConflict"] }, Either.right(1)), [])
    assert.deepStrictEqual(
      Command.expectOutcome(
        { allowed: ["InvalidMetadata"] },
        Either.left({ _tag: "ValidationFailed", message: "bad" })
      ),
      ["the model allows InvalidMetadata, A answered ValidationFailed (\"bad\")"]
    )
    assert.deepStrictEqual(Command.expectOutcome({ allowed: ["NotFound"] }, Either.right(1)), [
      "the model allows NotFound, A answered ok"
    ])
    assert.deepStrictEqual(Command.expectOutcome({ allowed: ["ok"] }, Either.left("boom")), [
      "the model allows ok, A answered defect (\"boom\")"
    ])
    assert.strictEqual(Command.outcomeOf(Either.left({ _tag: 3 })), "defect")
  })

  it("a create's answer: a replay must carry the original id, a new object a new id", () => {
    const record = () => ["recorded"]
    assert.deepStrictEqual(
      Command.checkCreated({ allowed: ["ok"], replay: "a1" }, "a1", "organization", () => true, record),
      []
    )
    assert.deepStrictEqual(
      Command.checkCreated({ allowed: ["ok"], replay: "a1" }, "a2", "organization", () => false, record),
      [
        "a replay answered a2, the original was a1"
      ]
    )
    assert.deepStrictEqual(Command.checkCreated({ allowed: ["ok"] }, "a1", "api key", () => true, record), [
      "a new api key reuses the id a1"
    ])
    assert.deepStrictEqual(Command.checkCreated({ allowed: ["ok"] }, "a1", "api key", () => false, record), [
      "recorded"
    ])
  })
})

describe("the model's list filters", () => {
  it("domains (any, case-insensitive, empty entries ignored) and search (case-insensitive substring)", () => {
    const { orgs } = fixture()
    const org = orgs[1]!
    assert.isTrue(Model.matches(org, {}))
    assert.isTrue(Model.matches(org, { domains: ["x.test", " D1.TEST "] }))
    assert.isFalse(Model.matches(org, { domains: ["d0.test"] }))
    assert.isTrue(Model.matches(org, { domains: [""] }))
    assert.isFalse(Model.matches(org, { domains: ["", "d0.test"] }))
    assert.isTrue(Model.matches(org, { search: "RG 1" }))
    assert.isTrue(Model.matches(org, { search: "" }))
    assert.isFalse(Model.matches(org, { search: "org 2" }))
    assert.isFalse(Model.matches(org, { domains: ["d1.test"], search: "nope" }))
  })

  it("pages in every order, from either cursor", () => {
    const items = [1, 2, 3, 4, 5]
    const p = (request: Model.PageRequest) => Model.page(items, (n) => n, request)
    assert.deepStrictEqual(p({ order: "asc", limit: 2 }), { data: [1, 2], before: null, after: 2 })
    assert.deepStrictEqual(p({ order: "desc", limit: 2 }), { data: [5, 4], before: null, after: 4 })
    assert.deepStrictEqual(p({ order: "asc", limit: 2, after: 2 }), { data: [3, 4], before: 3, after: 4 })
    assert.deepStrictEqual(p({ order: "asc", limit: 2, before: 4 }), { data: [2, 3], before: 2, after: 3 })
    assert.deepStrictEqual(p({ order: "desc", limit: 2, after: 4 }), { data: [3, 2], before: 3, after: 2 })
    assert.deepStrictEqual(p({ order: "desc", limit: 10, before: 3 }), { data: [5, 4], before: null, after: 4 })
    // `normal` is the mirror image of `desc`: newest first, continued by `before`
    assert.deepStrictEqual(p({ order: "normal", limit: 2 }), { data: [5, 4], before: 4, after: null })
    assert.deepStrictEqual(p({ order: "normal", limit: 2, before: 4 }), { data: [3, 2], before: 2, after: 3 })
    assert.deepStrictEqual(p({ order: "normal", limit: 2, after: 4 }), { data: [5], before: 5, after: null })
    assert.deepStrictEqual(p({ order: "asc", limit: 3, after: 5 }), { data: [], before: null, after: null })
    assert.deepStrictEqual(p({ order: "asc", limit: 5 }), { data: [1, 2, 3, 4, 5], before: null, after: null })
    assert.deepStrictEqual(Model.page([3, 1, 2], (n) => n, { order: "asc", limit: 3 }).data, [1, 2, 3])
  })
})

describe("the details a weaker check would let pass", () => {
  it("domain and metadata sets in another order, permissions in another order on either side", () => {
    const { state } = fixture()
    const org = Model.createdOrganization(
      state,
      {
        name: "Two",
        domainData: [{ domain: "b.test", state: "pending" }, { domain: "a.test", state: "verified" }],
        metadata: { z: "1", a: "2" }
      },
      undefined,
      "a7",
      "b7"
    )
    const domains = [
      new OrganizationDomain({ id: "x", domain: "a.test", state: "verified" }),
      new OrganizationDomain({ id: "y", domain: "b.test", state: "pending" })
    ]
    assert.deepStrictEqual(
      Model.checkOrganization(org, answer(org, "a", { domains, metadata: { a: "2", z: "1" } })),
      []
    )
    assert.deepStrictEqual(Model.checkOrganization(org, answer(org, "a", { domains: [...domains].reverse() })), [])
    assert.deepStrictEqual(Model.checkOrganization(org, answer(org, "a", { domains: [domains[0]!, domains[0]!] })), [
      "org #3 (a7): domains are [a.test:verified, a.test:verified], model says [a.test:verified, b.test:pending]"
    ])
    const key = Model.createdApiKey(state, org, { name: "k", permissions: ["p:w", "p:r"] }, undefined, "k9", "kb9")
    assert.deepStrictEqual(Model.checkApiKey(key, keyAnswer(key, { permissions: ["p:r", "p:w"] })), [])
  })

  it("page and listing messages name every item", () => {
    const page = List.make([{ id: "a1" }, { id: "a0" }], { before: null, after: null })
    assert.deepStrictEqual(Model.checkPage("p", page, { data: ["a1"], before: null, after: null }), [
      "p: page holds [a1, a0], model says [a1]"
    ])
    const { orgs, state } = fixture()
    const listed = [...orgs].reverse().map((o) => answer(o))
    assert.deepStrictEqual(Model.checkListing(state, listed.slice(0, 1), "a"), [
      "A: the full listing has 1 organizations, the model 3; missing #0 (a0), #1 (a1)"
    ])
    const unknown = new Organization({ ...answer(orgs[0]!), id: "zz", externalId: null, domains: [] })
    assert.deepStrictEqual(Model.checkListing(state, [...listed, unknown], "a"), [
      "A: the full listing holds zz, which the model does not know",
      "A: the full listing has 4 organizations, the model 3"
    ])
  })

  it("a listing of the right length that holds a deleted organization instead of an alive one", () => {
    const { orgs, state } = fixture()
    orgs[1]!.alive = false
    const problems = Model.checkListing(state, [answer(orgs[2]!), answer(orgs[1]!)], "a")
    assert.deepStrictEqual(problems, [
      "A: the full listing holds deleted org #1 (a1)",
      "A: the full listing has 2 organizations, the model 2; missing #0 (a0)"
    ])
  })

  it("organizations without an external id, and legacy verified domains held twice", () => {
    const state = Model.make(Commands.defaultLimits)
    const orgs = [0, 1].map((i) =>
      Model.createdOrganization(
        state,
        { name: `N${i}`, domainData: [{ domain: "l.test", state: "pending" }] },
        undefined,
        `a${i}`,
        `b${i}`
      )
    )
    const legacy = (o: Model.Org) =>
      answer(o, "a", { domains: [new OrganizationDomain({ id: "d", domain: "l.test", state: "legacy_verified" })] })
    assert.deepStrictEqual(Model.checkListing(state, [...orgs].reverse().map((o) => answer(o)), "a"), [])
    assert.include(
      [...Model.checkListing(state, [legacy(orgs[1]!), legacy(orgs[0]!)], "a")],
      "A: verified domain l.test on a1 and a0"
    )
  })

  it("a domain filter matches any of an organization's domains; no search is no filter", () => {
    const state = Model.make(Commands.defaultLimits)
    const org = Model.createdOrganization(
      state,
      {
        name: "Both",
        domainData: [{ domain: "one.test", state: "verified" }, { domain: "two.test", state: "pending" }]
      },
      undefined,
      "a",
      "b"
    )
    assert.isTrue(Model.matches(org, { domains: ["two.test"] }))
    assert.isTrue(Model.matches(org, { search: undefined }))
  })
})
