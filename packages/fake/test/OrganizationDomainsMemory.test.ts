/**
 * Organization domains in the fake (WIRE-LIFECYCLE.md §3.7, §7 #13–#17): create with its checks, the controllable
 * DNS checked on `Clock`, the 30-day expiry, the other-organization rule, verify and its restart, delete, one store
 * behind `/organization_domains` and `Organization.domains`, `awaitVerification` on `TestClock`, snapshots, faults.
 */
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationDomainsMemory from "../src/OrganizationDomainsMemory.js"

const START = Date.parse("2026-01-15T12:00:00.000Z")
const iso = (millis: number) => new Date(millis).toISOString()
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** A fresh environment at START with two organizations. */
const setup = (settings: Partial<FakeWorkOS.Settings> = {}) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(START)
    const memory = yield* OrganizationDomainsMemory.makeMemory({ seed: 11, settings })
    const acme = yield* memory.organizations.createOrganization({ name: "Acme" })
    const beta = yield* memory.organizations.createOrganization({ name: "Beta" })
    return { ...memory, domains: memory.organizationDomains, acme, beta }
  })

type Env = Effect.Effect.Success<ReturnType<typeof setup>>

/** Publishes the TXT record that verifies `domain`. */
const publish = (env: Env, domain: { readonly domain: string; readonly verificationToken?: string | undefined }) =>
  env.control.setDnsRecord({ domain: domain.domain, value: `verification_token=${domain.verificationToken}` })

const stateOf = (env: Env, id: string) => Effect.map(env.domains.getOrganizationDomain(id), (d) => d.state)

describe("createOrganizationDomain", () => {
  it.effect("a pending DNS domain with a token and prefix, in its organization's domains, readable by id", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({
        organizationId: env.acme.id,
        domain: "Foo-Corp.COM."
      })
      assert.match(created.id, /^org_domain_[0-9A-HJKMNP-TV-Z]{26}$/)
      assert.strictEqual(created.organizationId, env.acme.id)
      assert.strictEqual(created.domain, "foo-corp.com")
      assert.strictEqual(created.state, "pending")
      assert.strictEqual(created.verificationStrategy, "dns")
      assert.match(created.verificationToken!, /^[A-Za-z0-9]{25}$/)
      assert.match(created.verificationPrefix!, /^workos-domain-verification-[a-z0-9]{6}$/)
      assert.deepStrictEqual([created.createdAt, created.updatedAt], [iso(START), iso(START)])
      assert.deepStrictEqual(yield* env.domains.getOrganizationDomain(created.id), created)
      const organization = yield* env.organizations.getOrganization(env.acme.id)
      assert.deepStrictEqual(organization.domains, [created])
      // the organization's own fields do not change
      assert.strictEqual(organization.updatedAt, env.acme.updatedAt)
    }))

  it.effect("consumer domains are DomainNotAllowed; the list is a setting", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      for (const domain of ["gmail.com", "GMAIL.com.", "yahoo.com"]) {
        const error = yield* Effect.flip(env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain }))
        assert.strictEqual(error._tag, "DomainNotAllowed")
        if (error._tag === "DomainNotAllowed") assert.strictEqual(error.domain, domain.toLowerCase().replace(/\.$/, ""))
      }
      yield* env.control.updateSettings({ consumerDomains: ["example.org"] })
      assert.strictEqual(
        (yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "gmail.com" })).state,
        "pending"
      )
      const refused = yield* Effect.flip(
        env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "example.org" })
      )
      assert.strictEqual(refused._tag, "DomainNotAllowed")
    }))

  it.effect("twice in one organization, or verified by another, is DomainAlreadyExists; pending elsewhere is allowed", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      const twice = yield* Effect.flip(
        env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "A.com" })
      )
      assert.strictEqual(twice._tag, "DomainAlreadyExists")
      assert.strictEqual(twice.message.includes("Domain already exists for this organization."), true)
      // another organization's pending copy is allowed
      const betaCopy = yield* env.domains.createOrganizationDomain({ organizationId: env.beta.id, domain: "a.com" })
      assert.strictEqual(betaCopy.state, "pending")
      // a domain verified by another organization (here through domain_data) is not
      const gamma = yield* env.organizations.createOrganization({
        name: "Gamma",
        domainData: [{ domain: "v.com", state: "verified" }]
      })
      const taken = yield* Effect.flip(
        env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "v.com" })
      )
      assert.strictEqual(taken._tag, "DomainAlreadyExists")
      if (taken._tag === "DomainAlreadyExists") assert.strictEqual(taken.domain, "v.com")
      assert.strictEqual(gamma.domains[0]!.state, "verified")
    }))

  it.effect("an unknown organization is NotFound; a malformed domain is ValidationFailed; nothing is created", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const missing = yield* Effect.flip(
        env.domains.createOrganizationDomain({ organizationId: "org_nope", domain: "a.com" })
      )
      assert.strictEqual(missing._tag, "NotFound")
      if (missing._tag === "NotFound") {
        assert.deepStrictEqual([missing.resource, missing.id], ["Organization", "org_nope"])
      }
      for (const domain of ["not a domain", "localhost", "a..com", "-a.com"]) {
        const bad = yield* Effect.flip(env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain }))
        assert.strictEqual(bad._tag, "ValidationFailed", domain)
      }
      assert.deepStrictEqual((yield* env.organizations.getOrganization(env.acme.id)).domains, [])
    }))

  it.effect("an Idempotency-Key replays the created domain, and refuses another request", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const first = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" }, {
        idempotencyKey: "k1"
      })
      const again = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" }, {
        idempotencyKey: "k1"
      })
      assert.strictEqual(again.id, first.id)
      const other = yield* Effect.flip(
        env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "b.com" }, { idempotencyKey: "k1" })
      )
      assert.strictEqual(other._tag, "IdempotencyKeyReused")
    }))
})

describe("the DNS, checked on Clock", () => {
  it.effect("the TXT record is found at the next 5-minute check after the attempt started", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* TestClock.adjust("2 minutes")
      yield* publish(env, created)
      yield* TestClock.adjust(Duration.millis(3 * MINUTE - 1))
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
      yield* TestClock.adjust("1 millis")
      const verified = yield* env.domains.getOrganizationDomain(created.id)
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.updatedAt, iso(START + 5 * MINUTE))
      // the same in the organization's domains
      assert.deepStrictEqual((yield* env.organizations.getOrganization(env.acme.id)).domains, [verified])
    }))

  it.effect("a wrong record, another domain's record, or a removed record verifies nothing", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* env.control.setDnsRecord({ domain: "a.com", value: "verification_token=wrong" })
      yield* env.control.setDnsRecord({ domain: "b.com", value: `verification_token=${created.verificationToken}` })
      yield* publish(env, created)
      yield* env.control.removeDnsRecord({ domain: "A.COM", value: `verification_token=${created.verificationToken}` })
      yield* TestClock.adjust("1 hour")
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
      // removing every record of the domain
      yield* publish(env, created)
      yield* env.control.removeDnsRecord({ domain: "a.com" })
      yield* TestClock.adjust("1 hour")
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
    }))

  it.effect("the check interval is a setting", () =>
    Effect.gen(function*() {
      const env = yield* setup({ domainDnsCheckInterval: Duration.seconds(30) })
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* publish(env, created)
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* stateOf(env, created.id), "verified")
    }))

  it.effect("FakeWorkOS.advanceClock moves the environment's time (for a server on a real clock)", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* publish(env, created)
      yield* env.control.advanceClock("5 minutes")
      const verified = yield* env.domains.getOrganizationDomain(created.id)
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.updatedAt, iso(START + 5 * MINUTE))
      // later objects carry the moved time
      const later = yield* env.organizations.createOrganization({ name: "Later" })
      assert.strictEqual(later.createdAt, iso(START + 5 * MINUTE))
      assert.strictEqual((yield* Effect.flip(env.control.advanceClock(Duration.infinity)))._tag, "InvalidDuration")
    }))
})

describe("verifyOrganizationDomain", () => {
  it.effect("checks the DNS now: pending before the record, verified after; then DomainAlreadyVerified", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* env.domains.verifyOrganizationDomain(created.id)).state, "pending")
      yield* publish(env, created)
      const verified = yield* env.domains.verifyOrganizationDomain(created.id)
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.updatedAt, iso(START + MINUTE))
      assert.strictEqual(verified.verificationToken, created.verificationToken)
      const again = yield* Effect.flip(env.domains.verifyOrganizationDomain(created.id))
      assert.strictEqual(again._tag, "DomainAlreadyVerified")
      // a domain verified through domain_data (manual) too
      const manual = (yield* env.organizations.createOrganization({
        name: "M",
        domainData: [{ domain: "m.com", state: "verified" }]
      })).domains[0]!
      assert.strictEqual(
        (yield* Effect.flip(env.domains.verifyOrganizationDomain(manual.id)))._tag,
        "DomainAlreadyVerified"
      )
      assert.strictEqual((yield* Effect.flip(env.domains.verifyOrganizationDomain("org_domain_nope")))._tag, "NotFound")
    }))
})

describe("expiry and the other-organization rule", () => {
  it.effect("30 days without the record: failed (period expired); verify restarts with the same token and a new period", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* TestClock.adjust(Duration.millis(30 * DAY - 1))
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
      yield* TestClock.adjust("1 millis")
      const failed = yield* env.domains.getOrganizationDomain(created.id)
      assert.strictEqual(failed.state, "failed")
      assert.strictEqual(failed.updatedAt, iso(START + 30 * DAY))
      assert.deepStrictEqual(
        yield* env.control.domainFailureReason(created.id),
        Option.some("domain_verification_period_expired" as const)
      )
      yield* TestClock.adjust("1 day")
      const restarted = yield* env.domains.verifyOrganizationDomain(created.id)
      assert.strictEqual(restarted.state, "pending")
      assert.strictEqual(restarted.verificationToken, created.verificationToken)
      assert.strictEqual(restarted.updatedAt, iso(START + 31 * DAY))
      assert.isTrue(Option.isNone(yield* env.control.domainFailureReason(created.id)))
      // the new period: 30 days from the restart
      yield* TestClock.adjust(Duration.millis(30 * DAY - 1))
      assert.strictEqual(yield* stateOf(env, created.id), "pending")
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(yield* stateOf(env, created.id), "failed")
    }))

  it.effect("a record found at the last check before the period ends still verifies", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      yield* TestClock.adjust(Duration.millis(30 * DAY - MINUTE))
      yield* publish(env, created)
      yield* TestClock.adjust("1 hour")
      const domain = yield* env.domains.getOrganizationDomain(created.id)
      assert.strictEqual(domain.state, "verified")
      assert.strictEqual(domain.updatedAt, iso(START + 30 * DAY))
    }))

  it.effect("when one organization verifies a domain, the other organizations' pending copies fail", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const mine = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "shared.com" })
      const theirs = yield* env.domains.createOrganizationDomain({ organizationId: env.beta.id, domain: "shared.com" })
      yield* publish(env, theirs)
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual(yield* stateOf(env, theirs.id), "verified")
      const failed = yield* env.domains.getOrganizationDomain(mine.id)
      assert.strictEqual(failed.state, "failed")
      assert.strictEqual(failed.updatedAt, iso(START + 5 * MINUTE))
      assert.deepStrictEqual(
        yield* env.control.domainFailureReason(mine.id),
        Option.some("domain_verified_by_other_organization" as const)
      )
      // a restart is pending again; once its own record is found, it fails: the other organization holds the domain
      assert.strictEqual((yield* env.domains.verifyOrganizationDomain(mine.id)).state, "pending")
      yield* publish(env, mine)
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual(yield* stateOf(env, mine.id), "failed")
      assert.strictEqual(yield* stateOf(env, theirs.id), "verified")
      // as does a new create: the domain is taken
      const gamma = yield* env.organizations.createOrganization({ name: "Gamma" })
      assert.strictEqual(
        (yield* Effect.flip(env.domains.createOrganizationDomain({ organizationId: gamma.id, domain: "shared.com" })))
          ._tag,
        "DomainAlreadyExists"
      )
    }))

  it.effect("beside a domain another organization verified through domain_data, a pending copy fails when checked", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const mine = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "shared.com" })
      yield* TestClock.adjust("1 minute")
      yield* env.organizations.updateOrganization({
        organization: env.beta.id,
        domainData: [{ domain: "shared.com", state: "verified" }]
      })
      // domain_data allows a pending copy beside a verified domain (WIRE.md §13 #9): it stays pending
      assert.strictEqual((yield* env.organizations.getOrganization(env.acme.id)).domains[0]!.state, "pending")
      // until a check finds its record: it cannot be verified a second time, so it fails
      yield* publish(env, mine)
      const failed = yield* env.domains.verifyOrganizationDomain(mine.id)
      assert.deepStrictEqual([failed.id, failed.state, failed.updatedAt], [mine.id, "failed", iso(START + MINUTE)])
      assert.deepStrictEqual(
        yield* env.control.domainFailureReason(mine.id),
        Option.some("domain_verified_by_other_organization" as const)
      )
    }))

  it.effect("two organizations' records found at the same instant: the first by id wins, the other fails", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const a = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "tie.com" })
      const b = yield* env.domains.createOrganizationDomain({ organizationId: env.beta.id, domain: "tie.com" })
      yield* publish(env, a)
      yield* publish(env, b)
      yield* TestClock.adjust("5 minutes")
      const [first, second] = a.id < b.id ? [a, b] : [b, a]
      assert.strictEqual(yield* stateOf(env, first.id), "verified")
      assert.strictEqual(yield* stateOf(env, second.id), "failed")
    }))
})

describe("one store behind both views", () => {
  it.effect("a domain_data domain is readable, verifiable and deletable by id; delete removes it from the organization", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const organization = yield* env.organizations.createOrganization({
        name: "Data",
        domainData: [{ domain: "data.com", state: "pending" }, { domain: "keep.com", state: "verified" }]
      })
      const pending = organization.domains[0]!
      assert.deepStrictEqual(yield* env.domains.getOrganizationDomain(pending.id), pending)
      yield* publish(env, pending)
      assert.strictEqual((yield* env.domains.verifyOrganizationDomain(pending.id)).state, "verified")
      yield* env.domains.deleteOrganizationDomain(pending.id)
      assert.deepStrictEqual(
        (yield* env.organizations.getOrganization(organization.id)).domains.map((d) => d.domain),
        ["keep.com"]
      )
      assert.strictEqual((yield* Effect.flip(env.domains.getOrganizationDomain(pending.id)))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(env.domains.deleteOrganizationDomain(pending.id)))._tag, "NotFound")
      // the domain is free again: another organization may add it
      assert.strictEqual(
        (yield* env.domains.createOrganizationDomain({ organizationId: env.beta.id, domain: "data.com" })).state,
        "pending"
      )
    }))

  it.effect("an update's domain_data that drops a domain deletes it; deleting the organization deletes its domains", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const a = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      const b = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "b.com" })
      const updated = yield* env.organizations.updateOrganization({
        organization: env.acme.id,
        domainData: [{ domain: "b.com", state: "pending" }]
      })
      assert.deepStrictEqual(updated.domains.map((d) => d.id), [b.id])
      assert.strictEqual((yield* Effect.flip(env.domains.getOrganizationDomain(a.id)))._tag, "NotFound")
      yield* env.organizations.deleteOrganization(env.acme.id)
      const gone = yield* Effect.flip(env.domains.getOrganizationDomain(b.id))
      assert.strictEqual(gone._tag, "NotFound")
      if (gone._tag === "NotFound") assert.deepStrictEqual([gone.resource, gone.id], ["Organization Domain", b.id])
    }))
})

describe("awaitVerification on the fake, on TestClock", () => {
  it.effect("waits until the check finds the record, in no real time", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      const fiber = yield* Effect.fork(
        env.domains.awaitVerification(created.id, { schedule: Schedule.spaced("1 minute") })
      )
      yield* TestClock.adjust("3 minutes")
      yield* publish(env, created)
      yield* TestClock.adjust("3 minutes")
      const verified = yield* Fiber.join(fiber)
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.updatedAt, iso(START + 5 * MINUTE))
    }))

  it.effect("the period ending is DomainVerificationFailed", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      const fiber = yield* Effect.fork(
        env.domains.awaitVerification(created.id, { schedule: Schedule.spaced("6 hours") })
      )
      yield* TestClock.adjust("31 days")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "DomainVerificationFailed")
      if (error._tag === "DomainVerificationFailed") assert.strictEqual(error.domain.id, created.id)
    }))
})

describe("snapshots, faults and the journal", () => {
  it.effect("a snapshot keeps the DNS, the attempts and the failure reasons; a restored environment goes on", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      const expired = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "x.com" })
      yield* TestClock.adjust("30 days")
      const waiting = yield* env.domains.createOrganizationDomain({ organizationId: env.beta.id, domain: "w.com" })
      yield* publish(env, waiting)
      const text = JSON.stringify(yield* env.control.snapshot)
      const document = JSON.parse(text)
      assert.deepStrictEqual(document.domainVerification.dnsRecords, [{
        domain: "w.com",
        values: [`verification_token=${waiting.verificationToken}`]
      }])
      assert.deepStrictEqual(
        document.domainVerification.verifications.map((v: { id: string }) => v.id).sort(),
        [expired.id, waiting.id].sort()
      )
      // a fresh environment restored from the document: the record is found at the same check
      const other = yield* OrganizationDomainsMemory.makeMemory({ seed: 99 })
      yield* other.control.restore(document)
      assert.deepStrictEqual(
        yield* other.control.domainFailureReason(expired.id),
        Option.some("domain_verification_period_expired" as const)
      )
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual((yield* other.organizationDomains.getOrganizationDomain(waiting.id)).state, "verified")
      // a snapshot of an older version, without the section, restores with none
      delete document.domainVerification
      yield* other.control.restore(document)
      assert.deepStrictEqual((yield* other.control.snapshot).domainVerification.dnsRecords, [])
    }))

  it.effect("faults apply per operation, and the journal names the four operations", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      yield* env.control.setFaults({
        scripted: [{ operation: "verifyOrganizationDomain", nth: 1, fault: { _tag: "ServerError", status: 503 } }]
      })
      const created = yield* env.domains.createOrganizationDomain({ organizationId: env.acme.id, domain: "a.com" })
      assert.strictEqual((yield* Effect.flip(env.domains.verifyOrganizationDomain(created.id)))._tag, "ServerError")
      yield* env.domains.verifyOrganizationDomain(created.id)
      yield* env.domains.getOrganizationDomain(created.id)
      yield* env.domains.deleteOrganizationDomain(created.id)
      const journal = yield* env.control.journal
      assert.deepStrictEqual(journal.slice(-5).map((e) => [e.operation, e.outcome._tag]), [
        ["createOrganizationDomain", "Success"],
        ["verifyOrganizationDomain", "Failure"],
        ["verifyOrganizationDomain", "Success"],
        ["getOrganizationDomain", "Success"],
        ["deleteOrganizationDomain", "Success"]
      ])
      assert.deepStrictEqual(journal.at(-1)!.arguments, { id: created.id })
    }))

  it.effect("reset forgets the DNS and the clock's advance", () =>
    Effect.gen(function*() {
      const env = yield* setup()
      yield* env.control.setDnsRecord({ domain: "a.com", value: "v" })
      yield* env.control.advanceClock("1 day")
      yield* env.control.reset
      const snapshot = yield* env.control.snapshot
      assert.deepStrictEqual(snapshot.domainVerification.dnsRecords, [])
      const organization = yield* env.organizations.createOrganization({ name: "After" })
      assert.strictEqual(organization.createdAt, iso(START))
    }))
})

describe("the service's layer", () => {
  it.effect("OrganizationDomainsMemory.layerMemory provides OrganizationDomains over the same environment", () =>
    Effect.gen(function*() {
      const domains = yield* OrganizationDomains.OrganizationDomains
      const error = yield* Effect.flip(domains.getOrganizationDomain("org_domain_nope"))
      assert.strictEqual(error._tag, "NotFound")
    }).pipe(Effect.provide(OrganizationDomainsMemory.layerMemory())))
})
