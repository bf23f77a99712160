/**
 * The audit pipeline on the in-memory fake: which keys it reports and why, what it counts, and that it fetches at
 * most `concurrency` organizations' keys at a time.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as Audit from "../src/audit/Audit.js"

const NOW = Date.parse("2026-06-01T12:00:00.000Z")
const DAY = 24 * 60 * 60 * 1000
const daysAgo = (n: number) => new Date(NOW - n * DAY).toISOString()

/** A fresh fake at virtual time NOW with `count` organizations; yields their ids, oldest first. */
const setup = (count: number) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(NOW)
    const fake = yield* FakeWorkOS.FakeWorkOS
    yield* fake.seed({
      organizations: Array.from({ length: count }, (_, i) => ({
        name: `Org ${i}`,
        externalId: `ext_${i}`,
        createdAt: daysAgo(1000 - i)
      }))
    })
    const organizations = yield* Organizations
    const all = yield* Stream.runCollect(organizations.listOrganizations({ order: "asc" }))
    yield* fake.clearJournal
    return Array.from(all, (o) => o.id)
  })

const withFake = <A, E>(effect: Effect.Effect<A, E, Organizations | FakeWorkOS.FakeWorkOS>) =>
  Effect.provide(effect, OrganizationsMemory.layerMemory({ seed: 11 }))

describe("audit", () => {
  it.effect("reports keys never used or older than the threshold, oldest first, and nothing else", () =>
    withFake(Effect.gen(function*() {
      const [a, b, c] = yield* setup(3)
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.seed({
        apiKeys: [
          {
            id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ1",
            organizationId: a!,
            name: "fresh",
            createdAt: daysAgo(5),
            lastUsedAt: daysAgo(1)
          },
          {
            id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ2",
            organizationId: a!,
            name: "idle",
            createdAt: daysAgo(5),
            lastUsedAt: null
          },
          {
            id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ3",
            organizationId: b!,
            name: "ancient",
            createdAt: daysAgo(400),
            lastUsedAt: daysAgo(2)
          },
          {
            id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ4",
            organizationId: b!,
            name: "forgotten",
            createdAt: daysAgo(200),
            lastUsedAt: null
          },
          {
            id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ5",
            organizationId: c!,
            name: "edge",
            createdAt: daysAgo(90),
            lastUsedAt: daysAgo(1)
          }
        ]
      })
      const report = yield* Audit.run({ olderThanDays: 90 })
      expect([report.organizations, report.keys, report.at]).toEqual([3, 5, NOW])
      expect(report.findings.map((f) => [f.key.name, f.ageDays, f.reasons])).toEqual([
        ["ancient", 400, ["old"]],
        ["forgotten", 200, ["never used", "old"]],
        ["idle", 5, ["never used"]]
      ])
      expect(report.findings[0]!.organization).toEqual({ id: b, name: "Org 1", externalId: "ext_1" })
      const text = Audit.render(report)
      expect(text).toContain("Audited 5 API keys in 3 organizations: 3 need attention")
      expect(text).toContain("never used, older than 90 days")
    })))

  it.effect("walks every page of organizations and of each organization's keys", () =>
    withFake(Effect.gen(function*() {
      const ids = yield* setup(230)
      const fake = yield* FakeWorkOS.FakeWorkOS
      const target = ids[117]!
      yield* fake.seed({
        apiKeys: Array.from({ length: 130 }, (_, i) => ({
          organizationId: target,
          name: `key-${i}`,
          createdAt: daysAgo(10),
          lastUsedAt: i % 2 === 0 ? null : daysAgo(1)
        }))
      })
      const report = yield* Audit.run({ olderThanDays: 30, concurrency: 16 })
      expect([report.organizations, report.keys, report.findings.length]).toEqual([230, 130, 65])
      const journal = yield* fake.journal
      expect(journal.filter((e) => e.operation === "listOrganizations").length).toBe(3)
      expect(journal.filter((e) => e.operation === "listOrganizationApiKeys").length).toBe(231)
    })))

  it.effect("fetches at most `concurrency` organizations' keys at a time", () =>
    withFake(Effect.gen(function*() {
      yield* setup(10)
      const fake = yield* FakeWorkOS.FakeWorkOS
      // every key listing takes 100 ms of virtual time; the journal records when each reached the server
      yield* fake.setFaults({
        scripted: [{
          operation: "listOrganizationApiKeys",
          nth: 1,
          count: 100,
          fault: { _tag: "Latency", millis: 100 }
        }]
      })
      const fiber = yield* Effect.fork(Audit.run({ concurrency: 4 }))
      yield* TestClock.adjust("10 seconds")
      yield* Fiber.join(fiber)
      const journal = yield* fake.journal
      const times = journal.filter((e) => e.operation === "listOrganizationApiKeys").map((e) => Date.parse(e.at) - NOW)
      expect(times).toEqual([100, 100, 100, 100, 200, 200, 200, 200, 300, 300])
    })))

  it.effect("a failure to list keys fails the audit with the WorkOS error", () =>
    withFake(Effect.gen(function*() {
      yield* setup(3)
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        scripted: [{ operation: "listOrganizationApiKeys", nth: 2, fault: { _tag: "ServerError", status: 500 } }]
      })
      const error = yield* Effect.flip(Audit.run())
      expect(error._tag).toBe("ServerError")
    })))
})
