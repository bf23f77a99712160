/**
 * The live layer (`@effect-workos/http`: `OrganizationsHttp` over `WorkOSClient`, with the platform's fetch client and
 * with undici through `NodeClient`) against the emulator with a fault plan of 429 + Retry-After, 5xx and connection resets. Both run on the test's
 * `TestClock`, and the emulator's journal records the Clock time of each attempt, so the waits between attempts
 * are checked on virtual time: a retry comes when the clock reaches its wait, not before.
 */
import { Organizations } from "@effect-workos/core"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"

/** The two transports we ship: the platform's fetch client (any runtime) and undici (`NodeClient`). */
const transports = {
  fetch: (options: WorkOSClient.Options) =>
    OrganizationsHttp.layer.pipe(Layer.provide(WorkOSClient.layer(options)), Layer.provide(FetchHttpClient.layer)),
  undici: (options: WorkOSClient.Options) => NodeClient.layer(options)
}

/** The service, with the layer's resources (undici's connection pool) kept open for the rest of the test. */
const service = <E>(layer: Layer.Layer<Organizations.Organizations, E>) =>
  Effect.map(Layer.build(layer), Context.get(Organizations.Organizations))

const journal = (baseUrl: string) =>
  Effect.map(
    Effect.flatMap(call(baseUrl, "/_emulator/journal"), (a) => Schema.decodeUnknown(Emulator.Journal)(a.json)),
    (j) => j.data
  )

/** Real time for loopback I/O to finish while the test clock stands still. */
const io = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))

/** The clock moves in steps of this many milliseconds, so an arrival is journaled up to a step or two late. */
const STEP = 100

/** Moves the test clock in small steps, letting each step's loopback I/O finish, until `fiber` is done. */
const drive = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) =>
  Effect.gen(function*() {
    while (fiber.unsafePoll() === null) {
      yield* TestClock.adjust(STEP)
      yield* io
    }
    return yield* Fiber.join(fiber)
  })

describe.each(["fetch", "undici"] as const)("the live layer over %s against the emulator", (transport) => {
  const live = (baseUrl: string) => transports[transport]({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 3 })

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
      const organizations = yield* service(live(baseUrl))
      const fiber = yield* Effect.fork(organizations.createOrganization({ name: "Retried" }))
      const organization = yield* drive(fiber)
      expect(organization.name).toBe("Retried")

      // the journal's times are the emulator's Clock at each attempt's arrival: the waits between attempts
      const attempts = yield* journal(baseUrl)
      expect(attempts.map((e) => e.status)).toEqual([429, 503, null, 201])
      const gaps = attempts.slice(1).map((e, i) => Date.parse(e.time) - Date.parse(attempts[i]!.time))
      const late = 3 * STEP
      // Retry-After: 5 seconds, not a moment less
      expect(gaps[0]).toBeGreaterThanOrEqual(5_000)
      expect(gaps[0]).toBeLessThanOrEqual(5_000 + late)
      // after a 503 and after a dropped connection, the computed backoffs: 0.84–2.53 s, then 1.27–3.80 s
      expect(gaps[1]).toBeGreaterThanOrEqual(843)
      expect(gaps[1]).toBeLessThanOrEqual(2_532 + late)
      expect(gaps[2]).toBeGreaterThanOrEqual(1_265)
      expect(gaps[2]).toBeLessThanOrEqual(3_797 + late)

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
      const organizations = yield* service(live(baseUrl))
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
      const created = yield* drive(fiber)
      const page = yield* drive(
        yield* Effect.fork(organizations.listOrganizationApiKeysPage({ organizationId: organization.id }))
      )
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
      const organizations = yield* service(
        transports[transport]({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 0 })
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
