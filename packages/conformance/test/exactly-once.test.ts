/**
 * Exactly-once creates under faults: the live layer's retries (one Idempotency-Key per logical create) and the
 * server's idempotency together turn transient failures — including a response lost after the commit — into one
 * organization, which the caller gets.
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"
import * as Control from "./support/control.js"
import * as Sides from "./support/sides.js"

const MAX_FAULTS = 5
const NUM_RUNS = 40

/** The transient faults: each fails one attempt; `ResponseLost` after the organization was created. */
const transient: fc.Arbitrary<FakeWorkOS.Fault> = fc.oneof(
  fc.nat(1).map((retryAfterSeconds) => ({ _tag: "RateLimited", retryAfterSeconds }) as const),
  fc.constantFrom(500, 502, 503, 504).map((status) => ({ _tag: "ServerError", status }) as const),
  fc.constant({ _tag: "RequestFailed" } as const),
  fc.constant({ _tag: "ResponseLost" } as const)
)

const listAll = (service: Effect.Effect.Success<ReturnType<typeof Sides.overHttp>>) =>
  Effect.map(Stream.runCollect(service.listOrganizations({ limit: 100 })), Chunk.toReadonlyArray)

describe("exactly-once creates through the live layer against the emulator", () => {
  it.live(
    `any ≤ ${MAX_FAULTS} transient faults (incl. response lost after commit) with maxRetries ≥ their number: one organization, and the caller gets it (${NUM_RUNS} runs)`,
    () =>
      Effect.scoped(Effect.gen(function*() {
        const address = yield* Emulator.start({ rateLimits: false })
        const runtime = yield* Effect.runtime<never>()
        let run = 0
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(
              fc.array(transient, { maxLength: MAX_FAULTS }),
              fc.nat(2),
              fc.boolean(),
              (faults, spare, callerKey) =>
                Runtime.runPromise(runtime)(Effect.scoped(Effect.gen(function*() {
                  const apiKey = `sk_test_exactly_once_${run++}`
                  const control = Control.control(address, apiKey)
                  yield* control.setFaults({
                    scripted: faults.map((fault, i) => ({ operation: "createOrganization", nth: i + 1, fault }))
                  })
                  const service = yield* Sides.overHttp({
                    address,
                    apiKey,
                    maxRetries: faults.length + spare,
                    timeout: "10 minutes"
                  })
                  const org = yield* service.createOrganization(
                    { name: "Exactly Once", externalId: "ext-once" },
                    callerKey ? { idempotencyKey: `caller-${run}` } : undefined
                  ).pipe(Effect.withClock(Control.instantRetries))
                  const all = yield* listAll(service)
                  assert.deepStrictEqual(all.map((o) => o.id), [org.id])
                  assert.strictEqual(org.name, "Exactly Once")
                  assert.strictEqual(org.externalId, "ext-once")
                  // every attempt carried the same key; one attempt per fault, then the one that answered
                  const creates = (yield* control.journal).filter((e) => e.operation === "createOrganization")
                  assert.strictEqual(creates.length, faults.length + 1)
                  assert.strictEqual(new Set(creates.map((e) => e.idempotencyKey)).size, 1)
                  assert.isNotNull(creates[0]!.idempotencyKey)
                  if (callerKey) assert.strictEqual(creates[0]!.idempotencyKey, `caller-${run}`)
                }))).then(() => true)
            ),
            { numRuns: NUM_RUNS }
          )
        )
      })),
    { timeout: 120_000 }
  )

  it.live("the check has teeth: retrying a lost create without its Idempotency-Key makes a duplicate", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ rateLimits: false })
      const apiKey = "sk_test_exactly_once_naive"
      const control = Control.control(address, apiKey)
      yield* control.setFaults({
        scripted: [{ operation: "createOrganization", nth: 1, fault: { _tag: "ResponseLost" } }]
      })
      // no client retries; the caller retries by hand, each call with a fresh key
      const service = yield* Sides.overHttp({ address, apiKey, maxRetries: 0 })
      const first = yield* Effect.flip(service.createOrganization({ name: "Naive" }))
      assert.strictEqual(first._tag, "RequestFailed")
      yield* service.createOrganization({ name: "Naive" })
      assert.strictEqual((yield* listAll(service)).length, 2)
    })))

  it.live(
    "500 creates under 20 % 5xx, 10 % 429 with Retry-After and 10 % lost responses: exactly 500 organizations, each caller sees its own",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const address = yield* Emulator.start({ rateLimits: false })
        const apiKey = "sk_test_exactly_once_scenario"
        const control = Control.control(address, apiKey)
        // The fake draws the kinds in order (RateLimited, ServerError, …, ResponseLost) and applies the first hit,
        // so these rates give 10 % 429, 20 % 5xx and 10 % lost responses per attempt.
        const rateLimited = 0.1
        const serverError = 0.2 / (1 - rateLimited)
        const responseLost = 0.1 / ((1 - rateLimited) * (1 - serverError))
        yield* control.setFaults({
          random: {
            seed: 500,
            rates: { RateLimited: rateLimited, ServerError: serverError, ResponseLost: responseLost },
            retryAfterSeconds: 1,
            status: 503
          }
        })
        const service = yield* Sides.overHttp({ address, apiKey, maxRetries: 30, timeout: "10 minutes" })
        const created = yield* Effect.forEach(
          Array.from({ length: 500 }, (_, i) => i),
          (i) =>
            Effect.map(
              service.createOrganization({ name: `caller ${i}`, externalId: `caller-${i}` }),
              (org) => ({ i, org })
            ),
          { concurrency: 25 }
        ).pipe(Effect.withClock(Control.instantRetries))
        yield* control.clearFaults
        const all = yield* listAll(service)
        assert.strictEqual(all.length, 500)
        assert.strictEqual(new Set(all.map((o) => o.id)).size, 500)
        const byId = new Map(all.map((o) => [o.id, o]))
        for (const { i, org } of created) {
          assert.strictEqual(org.name, `caller ${i}`)
          assert.strictEqual(byId.get(org.id)?.externalId, `caller-${i}`)
        }
        const posts = (yield* control.journal).filter((e) => e.operation === "createOrganization")
        const statuses = new Map<string, number>()
        for (const e of posts) statuses.set(String(e.status), (statuses.get(String(e.status)) ?? 0) + 1)
        console.log(`500 creates took ${posts.length} attempts: ${JSON.stringify(Object.fromEntries(statuses))}`)
        assert.strictEqual(new Set(posts.map((e) => e.idempotencyKey)).size, 500)
        assert.isAbove(statuses.get("429") ?? 0, 0)
        assert.isAbove(statuses.get("503") ?? 0, 0)
        assert.isAbove(statuses.get("null") ?? 0, 0)
      })),
    { timeout: 120_000 }
  )
})
