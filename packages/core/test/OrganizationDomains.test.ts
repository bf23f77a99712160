import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { OrganizationDomain } from "../src/Organization.js"
import * as Organization from "../src/Organization.js"
import * as OrganizationDomains from "../src/OrganizationDomains.js"
import * as WorkOSError from "../src/WorkOSError.js"

const wire = (state: string | undefined) => ({
  object: "organization_domain" as const,
  id: "org_domain_1",
  organization_id: "org_1",
  domain: "foo-corp.com",
  ...(state === undefined ? {} : { state }),
  verification_strategy: "dns" as const,
  verification_token: "tok",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z"
})

describe("the OrganizationDomain object (WIRE-LIFECYCLE.md §3.2, §7 #25)", () => {
  const decode = Schema.decodeUnknownSync(OrganizationDomain)
  const encode = Schema.encodeSync(OrganizationDomain)

  it("all five states decode as themselves, and re-encode as sent", () => {
    for (const state of Organization.DomainState.literals) {
      const domain = decode(wire(state))
      assert.strictEqual(domain.state, state)
      assert.isTrue(Organization.isKnownDomainState(domain.state))
      assert.deepStrictEqual(encode(domain), wire(state))
    }
  })

  it("a state this version does not know is kept as sent, not a decode failure", () => {
    const domain = decode(wire("quarantined"))
    assert.strictEqual(domain.state, "quarantined")
    assert.isFalse(Organization.isKnownDomainState(domain.state))
    assert.deepStrictEqual(encode(domain), wire("quarantined"))
  })

  it("no state is a legacy domain; a non-string state is still refused", () => {
    assert.strictEqual(decode(wire(undefined)).state, "legacy_verified")
    assert.throws(() => decode({ ...wire("pending"), state: 3 }))
  })
})

/** A backend that answers `getOrganizationDomain` with the states in turn (the last one forever), counting reads. */
const scripted = (states: ReadonlyArray<string>, failWith?: WorkOSError.NotFound) => {
  let reads = 0
  const domainIn = (state: string) => Schema.decodeUnknownSync(OrganizationDomain)(wire(state))
  const backend: OrganizationDomains.Backend = {
    createOrganizationDomain: () => Effect.die("not called"),
    getOrganizationDomain: () =>
      Effect.suspend(() => {
        const state = states[Math.min(reads, states.length - 1)]!
        reads++
        return failWith !== undefined && reads > 1 ? Effect.fail(failWith) : Effect.succeed(domainIn(state))
      }),
    verifyOrganizationDomain: () => Effect.die("not called"),
    deleteOrganizationDomain: () => Effect.die("not called")
  }
  return { service: OrganizationDomains.make(backend), reads: () => reads }
}

describe("awaitVerification: polls get on the schedule, on Clock", () => {
  it.effect("succeeds with the domain once it reads verified, after the schedule's waits", () =>
    Effect.gen(function*() {
      const { reads, service } = scripted(["pending", "pending", "verified"])
      const fiber = yield* Effect.fork(
        service.awaitVerification("org_domain_1", { schedule: Schedule.spaced("1 minute") })
      )
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual(reads(), 1)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(reads(), 2)
      yield* TestClock.adjust("1 minute")
      const domain = yield* Fiber.join(fiber)
      assert.strictEqual(domain.state, "verified")
      assert.strictEqual(reads(), 3)
    }))

  it.effect("legacy_verified counts as verified; unverified and unknown states are read again", () =>
    Effect.gen(function*() {
      const { reads, service } = scripted(["unverified", "quarantined", "legacy_verified"])
      const fiber = yield* Effect.fork(
        service.awaitVerification("org_domain_1", { schedule: Schedule.spaced("1 second") })
      )
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* Fiber.join(fiber)).state, "legacy_verified")
      assert.strictEqual(reads(), 3)
    }))

  it.effect("failed is DomainVerificationFailed, carrying the domain as read", () =>
    Effect.gen(function*() {
      const { service } = scripted(["pending", "failed"])
      const fiber = yield* Effect.fork(
        service.awaitVerification("org_domain_1", { schedule: Schedule.spaced("1 second") })
      )
      yield* TestClock.adjust("1 second")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "DomainVerificationFailed")
      assert.strictEqual(error._tag === "DomainVerificationFailed" && error.domain.state, "failed")
    }))

  it.effect("a schedule that ends first is DomainVerificationPending, with the last read", () =>
    Effect.gen(function*() {
      const { reads, service } = scripted(["pending"])
      const fiber = yield* Effect.fork(service.awaitVerification("org_domain_1", {
        schedule: Schedule.spaced("1 second").pipe(Schedule.compose(Schedule.recurs(2)))
      }))
      yield* TestClock.adjust("10 seconds")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "DomainVerificationPending")
      assert.strictEqual(reads(), 3)
      assert.include(error.message, "still pending")
    }))

  it.effect("a failed read ends the wait with its error (a deleted domain is NotFound)", () =>
    Effect.gen(function*() {
      const notFound = new WorkOSError.NotFound({ resource: "Organization Domain", id: "org_domain_1" })
      const { service } = scripted(["pending"], notFound)
      const fiber = yield* Effect.fork(
        service.awaitVerification("org_domain_1", { schedule: Schedule.spaced("1 second") })
      )
      yield* TestClock.adjust("1 second")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error._tag === "NotFound" && error.id, "org_domain_1")
    }))

  it.effect("the default schedule reads after 10 s, then doubles up to 5 min between reads", () =>
    Effect.gen(function*() {
      const { reads, service } = scripted(["pending"])
      const fiber = yield* Effect.fork(service.awaitVerification("org_domain_1"))
      const gaps: Array<number> = []
      let at = 0
      for (let second = 1; second <= 1_500; second++) {
        yield* TestClock.adjust(Duration.seconds(1))
        if (reads() > gaps.length + 1) {
          gaps.push(second - at)
          at = second
        }
      }
      assert.deepStrictEqual(gaps.slice(0, 6), [10, 20, 40, 80, 160, 300])
      assert.strictEqual(gaps[6], 300)
      yield* Fiber.interrupt(fiber)
    }))
})

describe("input is validated before anything is sent", () => {
  it.effect("an empty domain, an empty id, an unknown key: InvalidRequest", () =>
    Effect.gen(function*() {
      const { reads, service } = scripted(["pending"])
      const empty = yield* Effect.flip(service.createOrganizationDomain({ organizationId: "org_1", domain: "" }))
      assert.strictEqual(empty._tag, "InvalidRequest")
      assert.strictEqual(empty._tag === "InvalidRequest" && empty.field, "domain")
      const noOrg = yield* Effect.flip(service.createOrganizationDomain({ organizationId: "..", domain: "a.com" }))
      assert.strictEqual(noOrg._tag === "InvalidRequest" && noOrg.field, "organizationId")
      const extra = yield* Effect.flip(
        service.createOrganizationDomain({ organizationId: "org_1", domain: "a.com", state: "verified" } as never)
      )
      assert.strictEqual(extra._tag, "InvalidRequest")
      const id = yield* Effect.flip(service.getOrganizationDomain(""))
      assert.strictEqual(id._tag === "InvalidRequest" && id.field, "id")
      assert.strictEqual(
        (yield* Effect.flip(service.verifyOrganizationDomain(".")))
          ._tag,
        "InvalidRequest"
      )
      assert.strictEqual(
        (yield* Effect.flip(service.deleteOrganizationDomain("..")))
          ._tag,
        "InvalidRequest"
      )
      assert.strictEqual(reads(), 0)
    }))

  it("the create body is the wire form, in the official SDK's order", () => {
    assert.deepStrictEqual(
      Object.entries(
        Schema.encodeSync(OrganizationDomains.CreateOrganizationDomainOptions)({
          organizationId: "org_1",
          domain: "foo-corp.com"
        })
      ),
      [["domain", "foo-corp.com"], ["organization_id", "org_1"]]
    )
  })
})
