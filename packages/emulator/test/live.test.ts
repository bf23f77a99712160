/**
 * The live layer (`@effect-workos/http`: `OrganizationsHttp` over `WorkOSClient` and the platform's fetch client)
 * against the emulator with a fault plan of 429 + Retry-After, 5xx and connection resets. Both run on the test's
 * `TestClock`, so the waits between attempts are checked exactly: the retry happens when the clock reaches the
 * wait, not before.
 */
import { Organizations } from "@effect-workos/core"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"

const live = (baseUrl: string) =>
  OrganizationsHttp.layer.pipe(
    Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 3 })),
    Layer.provide(FetchHttpClient.layer)
  )

const journal = (baseUrl: string) =>
  Effect.map(
    Effect.flatMap(call(baseUrl, "/_emulator/journal"), (a) => Schema.decodeUnknown(Emulator.Journal)(a.json)),
    (j) => j.data
  )

/** Real time for loopback I/O to finish while the test clock stands still. */
const io = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 25)))

/** Waits (in real time, bounded) until the journal holds `n` entries. */
const journaled = (baseUrl: string, n: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200; i++) {
      const entries = yield* journal(baseUrl)
      if (entries.length >= n) return entries
      yield* io
    }
    return yield* journal(baseUrl)
  })

describe("the live layer against the emulator", () => {
  it.scoped("retries 429 after Retry-After, 5xx and reset connections with one Idempotency-Key per POST", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* call(baseUrl, "/_emulator/faults", {
        method: "PUT",
        body: {
          scripted: [
            { operation: "createOrganization", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 5 } },
            { operation: "createOrganization", nth: 2, fault: { _tag: "ServerError", status: 503 } },
            { operation: "createOrganization", nth: 3, fault: { _tag: "ConnectionReset" } }
          ]
        }
      })
      const organizations = yield* Effect.provide(Organizations.Organizations, live(baseUrl))
      const fiber = yield* Effect.fork(organizations.createOrganization({ name: "Retried" }))

      expect((yield* journaled(baseUrl, 1)).map((e) => e.status)).toEqual([429])
      // Retry-After: 5 → nothing before the clock reaches 5 s
      yield* TestClock.adjust("4900 millis")
      yield* io
      expect(yield* journal(baseUrl)).toHaveLength(1)
      yield* TestClock.adjust("100 millis")
      expect((yield* journaled(baseUrl, 2)).map((e) => e.status)).toEqual([429, 503])
      // a 5xx: the computed backoff before attempt 3, 0.84–2.53 s
      yield* TestClock.adjust("800 millis")
      yield* io
      expect(yield* journal(baseUrl)).toHaveLength(2)
      yield* TestClock.adjust("1800 millis")
      expect((yield* journaled(baseUrl, 3)).map((e) => e.status)).toEqual([429, 503, null])
      // a dropped connection: the backoff before attempt 4, 1.27–3.80 s
      yield* TestClock.adjust("1200 millis")
      yield* io
      expect(yield* journal(baseUrl)).toHaveLength(3)
      yield* TestClock.adjust("2700 millis")
      const organization = yield* Fiber.join(fiber)
      expect(organization.name).toBe("Retried")

      // a second logical POST, without faults
      yield* organizations.createOrganization({ name: "Plain" })
      const entries = yield* journal(baseUrl)
      expect(entries.map((e) => [e.operation, e.status, e.attempt])).toEqual([
        ["createOrganization", 429, 1],
        ["createOrganization", 503, 2],
        ["createOrganization", null, 3],
        ["createOrganization", 201, 4],
        ["createOrganization", 201, 1]
      ])
      const keys = entries.map((e) => e.idempotencyKey)
      expect(new Set(keys.slice(0, 4)).size).toBe(1)
      expect(keys[4]).not.toBe(keys[0])
      keys.forEach((key) => expect(key).toMatch(/\S/))
      const names = (yield* organizations.listOrganizationsPage({ order: "asc" })).data.map((o) => o.name)
      expect(names).toEqual(["Retried", "Plain"])
    }))

  it.scoped("a lost response is retried with the same key, and the emulator replays instead of applying twice", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const organizations = yield* Effect.provide(Organizations.Organizations, live(baseUrl))
      const organization = yield* organizations.createOrganization({ name: "Keys" })
      yield* call(baseUrl, "/_emulator/faults", {
        method: "PUT",
        body: {
          scripted: [
            { operation: "createOrganizationApiKey", nth: 1, fault: { _tag: "ResponseLost" } },
            { operation: "listOrganizationApiKeys", nth: 1, count: 2, fault: { _tag: "ServerError", status: 502 } }
          ]
        }
      })
      const fiber = yield* Effect.fork(
        organizations.createOrganizationApiKey({ organizationId: organization.id, name: "ci" })
      )
      yield* journaled(baseUrl, 2)
      yield* TestClock.adjust("2 seconds")
      const created = yield* Fiber.join(fiber)
      const listing = yield* Effect.fork(
        organizations.listOrganizationApiKeysPage({ organizationId: organization.id })
      )
      yield* journaled(baseUrl, 4)
      yield* TestClock.adjust("3 seconds")
      yield* journaled(baseUrl, 5)
      yield* TestClock.adjust("4 seconds")
      const page = yield* Fiber.join(listing)
      expect(page.data.map((k) => k.id)).toEqual([created.id])
      const entries = (yield* journal(baseUrl)).slice(1)
      expect(entries.map((e) => [e.operation, e.status])).toEqual([
        ["createOrganizationApiKey", null],
        ["createOrganizationApiKey", 201],
        ["listOrganizationApiKeys", 502],
        ["listOrganizationApiKeys", 502],
        ["listOrganizationApiKeys", 200]
      ])
      expect(entries[0]!.idempotencyKey).toBe(entries[1]!.idempotencyKey)
      expect(entries[2]!.idempotencyKey).toBeNull()
    }))

  it.scoped("a 429 on the last attempt surfaces as RateLimited with its Retry-After", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: { requests: 1, windowSeconds: 3600 } })
      const organizations = yield* Effect.provide(
        Organizations.Organizations,
        OrganizationsHttp.layer.pipe(
          Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 0 })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
      yield* organizations.listOrganizationsPage()
      const error = yield* Effect.flip(organizations.getOrganization("org_01J00000000000000000000001"))
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        // the whole window: one request per hour, and the clock stands still
        expect(error.retryAfter === undefined ? undefined : Duration.toSeconds(error.retryAfter)).toBe(3600)
        expect(error.requestId).toBe((yield* journal(baseUrl)).at(-1)?.requestId)
      }
    }))
})
