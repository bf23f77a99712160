/**
 * The provision app's logic on the in-memory fake: what it creates, updates and leaves alone, what it sends, and
 * how its retries behave when WorkOS rate-limits it or a response is lost after the change was made.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Customers from "../src/provision/Customers.js"
import * as Provision from "../src/provision/Provision.js"

const file = path.join(import.meta.dirname, "..", "data", "customers.json")
const all = Effect.runSync(Customers.decode(fs.readFileSync(file, "utf8")))
const some = all.slice(0, 12)

/** A fresh fake per test. */
const withFake = <A, E>(effect: Effect.Effect<A, E, Organizations | FakeWorkOS.FakeWorkOS>) =>
  Effect.provide(effect, OrganizationsMemory.layerMemory({ seed: 7 }))

const journalOf = (operation: FakeWorkOS.Operation) =>
  Effect.map(FakeWorkOS.FakeWorkOS, (fake) => fake.journal).pipe(
    Effect.flatten,
    Effect.map((entries) => entries.filter((e) => e.operation === operation))
  )

const allOrganizations = Effect.flatMap(Organizations, (o) => Stream.runCollect(o.listOrganizations())).pipe(
  Effect.map((chunk) => Array.from(chunk))
)

/** Runs `effect` while virtual time moves on by a minute (for retry delays and `Retry-After`). */
const withTimePassing = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("provision", () => {
  it.effect("creates one organization per customer, with its name, domains, metadata and external id", () =>
    withFake(Effect.gen(function*() {
      const summary = yield* Provision.run(all)
      expect([summary.created, summary.updated, summary.unchanged, summary.failed]).toEqual([250, 0, 0, 0])
      const organizations = yield* allOrganizations
      expect(organizations.length).toBe(250)
      const byExternalId = new Map(organizations.map((o) => [o.externalId, o]))
      for (const customer of all) {
        const organization = byExternalId.get(customer.externalId)
        assert.isDefined(organization, customer.externalId)
        expect(organization.name).toBe(customer.name)
        expect(organization.metadata).toEqual(customer.metadata)
        expect(organization.domains.map((d) => [d.domain, d.state])).toEqual(
          customer.domains.map((d) => [d.domain, d.state])
        )
      }
    })))

  it.effect("every create carries the idempotency key derived from the customer", () =>
    withFake(Effect.gen(function*() {
      yield* Provision.run(some)
      const creates = yield* journalOf("createOrganization")
      expect(creates.map((e) => (e.arguments as { idempotencyKey?: string }).idempotencyKey)).toEqual(
        expect.arrayContaining(some.map(Customers.idempotencyKey))
      )
      expect(creates.length).toBe(some.length)
    })))

  it.effect("a re-run changes nothing: it only looks the customers up", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* Provision.run(all)
      const before = yield* fake.snapshot
      yield* fake.clearJournal
      const second = yield* Provision.run(all)
      expect([second.created, second.updated, second.unchanged, second.failed]).toEqual([0, 0, 250, 0])
      const journal = yield* fake.journal
      expect(new Set(journal.map((e) => e.operation))).toEqual(new Set(["getOrganizationByExternalId"]))
      expect(yield* fake.snapshot).toEqual(before)
    })))

  it.effect("updates only the fields that differ, and reports which", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      const [renamed, replanned, moved, same] = some
      yield* fake.seed({
        organizations: [
          { name: "Old name", externalId: renamed!.externalId, domains: renamed!.domains, metadata: renamed!.metadata },
          {
            name: replanned!.name,
            externalId: replanned!.externalId,
            domains: replanned!.domains,
            metadata: { ...replanned!.metadata, plan: "trial" }
          },
          { name: moved!.name, externalId: moved!.externalId, domains: [], metadata: moved!.metadata },
          { name: same!.name, externalId: same!.externalId, domains: same!.domains, metadata: same!.metadata }
        ]
      })
      const summary = yield* Provision.run([renamed!, replanned!, moved!, same!])
      expect(summary.outcomes.map((o) => o._tag === "Updated" ? o.changed : o._tag)).toEqual([
        ["name"],
        ["metadata"],
        ["domains"],
        "Unchanged"
      ])
      const updates = yield* journalOf("updateOrganization")
      // only the changed field is sent (the journal holds the options as the SDK takes them)
      const sent = updates.map((e) => (e.arguments as { options: object }).options)
      expect(sent.map((options) => Object.keys(options).filter((k) => k !== "organization").sort())).toEqual(
        [["name"], ["metadata"], ["domainData"]]
      )
      expect((yield* Provision.run([renamed!, replanned!, moved!, same!])).unchanged).toBe(4)
    })))

  it.effect("a domain held by another organization fails that customer with the reason; the others go on", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      const contested = some.find((c) => c.domains.some((d) => d.state === "verified"))!
      const domain = contested.domains.find((d) => d.state === "verified")!.domain
      yield* fake.seed({ organizations: [{ name: "Someone else", domains: [{ domain, state: "verified" }] }] })
      const summary = yield* Provision.run(some)
      expect([summary.created, summary.failed]).toEqual([some.length - 1, 1])
      const failed = summary.outcomes.find((o) => o._tag === "Failed")!
      assert.strictEqual(failed._tag, "Failed")
      if (failed._tag === "Failed") {
        expect(failed.customer.externalId).toBe(contested.externalId)
        expect(failed.error._tag).toBe("DomainConflict")
      }
      expect(Provision.render(summary)).toContain(`${contested.externalId}  ${contested.name}: DomainConflict`)
    })))

  it.effect("429 then success: the create is retried after Retry-After with the same idempotency key", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        scripted: [{ operation: "createOrganization", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 5 } }]
      })
      const customer = some[0]!
      const summary = yield* withTimePassing(Provision.run([customer]))
      expect(summary.created).toBe(1)
      const creates = yield* journalOf("createOrganization")
      expect(creates.map((e) => e.outcome._tag)).toEqual(["Failure", "Success"])
      expect(creates[0]!.outcome).toMatchObject({ error: "RateLimited" })
      const keys = creates.map((e) => (e.arguments as { idempotencyKey?: string }).idempotencyKey)
      expect(keys).toEqual([Customers.idempotencyKey(customer), Customers.idempotencyKey(customer)])
      // Retry-After (5 s) wins over the schedule's shorter first delay
      expect(Date.parse(creates[1]!.at) - Date.parse(creates[0]!.at)).toBeGreaterThanOrEqual(5_000)
    })))

  it.effect("response lost after the create was made: the retry gets the same organization, no duplicate", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        // the 1st, 3rd and 5th creates: each customer's first attempt (its retry is the next create)
        scripted: [1, 3, 5].map((nth) => ({ operation: "createOrganization", nth, fault: { _tag: "ResponseLost" } }))
      })
      const summary = yield* withTimePassing(Provision.run(some.slice(0, 3), { concurrency: 1 }))
      expect([summary.created, summary.failed]).toEqual([3, 0])
      const creates = yield* journalOf("createOrganization")
      // each of the three lost answers was retried once; the retry's answer is the organization made the first time
      expect(creates.length).toBe(6)
      const ids = creates.map((e) => (e.outcome._tag === "Success" ? e.outcome.ids[0] : undefined))
      expect(ids[0]).toBe(ids[1])
      expect(ids[2]).toBe(ids[3])
      expect(ids[4]).toBe(ids[5])
      const organizations = yield* allOrganizations
      expect(organizations.length).toBe(3)
      expect(new Set(organizations.map((o) => o.externalId))).toEqual(
        new Set(some.slice(0, 3).map((c) => c.externalId))
      )
    })))

  it.effect("without retries a lost response is reported as failed, and the next run finds the organization", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        scripted: [{ operation: "createOrganization", nth: 1, fault: { _tag: "ResponseLost" } }]
      })
      const customer = some[0]!
      const first = yield* Provision.run([customer], { retry: Schedule.stop })
      expect(first.outcomes[0]).toMatchObject({ _tag: "Failed", error: { _tag: "RequestFailed" } })
      const second = yield* Provision.run([customer])
      expect(second.outcomes[0]!._tag).toBe("Unchanged")
      expect((yield* allOrganizations).length).toBe(1)
    })))

  it.effect("gives up after the schedule and reports the last error", () =>
    withFake(Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        scripted: [{ operation: "*", nth: 1, count: 100, fault: { _tag: "ServerError", status: 503 } }]
      })
      const summary = yield* withTimePassing(Provision.run([some[0]!], { retry: Schedule.recurs(2) }))
      expect(summary.outcomes[0]).toMatchObject({ _tag: "Failed", error: { _tag: "ServerError", status: 503 } })
      expect((yield* journalOf("getOrganizationByExternalId")).length).toBe(3)
      expect((yield* journalOf("createOrganization")).length).toBe(0)
    })))

  it.effect("reports progress once per customer", () =>
    withFake(Effect.gen(function*() {
      const seen: Array<[number, number]> = []
      yield* Provision.run(some, { onProgress: (done, total) => Effect.sync(() => seen.push([done, total])) })
      expect(seen).toEqual(some.map((_, i) => [i + 1, some.length]))
    })))
})
