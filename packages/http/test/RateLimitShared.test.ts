/**
 * The shared budget's algorithm, on `@effect/experimental`'s in-memory `RateLimiterStore` and `TestClock` (no Redis):
 * experimental's own algorithms, configured with the budget's numbers, let more than the budget through some
 * window; the token bucket `RateLimitShared.bucketOf` sizes does not, whatever the arrivals and the lateness of
 * each request on its way (up to the slack the sizing allows).
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Redacted, TestClock } from "effect"
import * as fc from "effect/FastCheck"
import * as RateLimitShared from "../src/RateLimitShared.js"
import * as RateLimitStore from "../src/RateLimitStore.js"
import { busiest } from "./utils/Windows.js"

const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))
console.log(`RateLimitShared properties: seed ${SEED} (set FC_SEED to replay)`)

/** Runs the fibers `at` their start times, lets virtual time pass until all are done, returns what they answered. */
const drive = <A>(
  jobs: ReadonlyArray<{ readonly at: number; readonly run: Effect.Effect<A> }>,
  step: Duration.Duration
) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(
      Effect.forEach(jobs, ({ at, run }) => Effect.zipRight(Effect.sleep(Duration.millis(at)), run), {
        concurrency: "unbounded"
      })
    )
    for (let i = 0; i < 100_000 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust(step)
    return yield* Fiber.join(fiber)
  })

const sentAt = (consume: Effect.Effect<RateLimiter.ConsumeResult, RateLimiter.RateLimiterError>) =>
  Effect.flatMap(
    Effect.orDie(consume),
    ({ delay }) => Effect.map(Clock.currentTimeMillis, (now) => now + Duration.toMillis(delay))
  )

describe("experimental's algorithms with the budget's own numbers", () => {
  const L = 50
  const W = 60_000

  it.effect("token bucket (capacity 50, 50 per 60 s): about twice the budget in the first window", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make
      const consume = limiter.consume({ algorithm: "token-bucket", onExceeded: "delay", limit: L, window: W, key: "k" })
      const times = yield* drive(
        Array.from({ length: 2 * L }, () => ({ at: 0, run: sentAt(consume) })),
        Duration.seconds(1)
      )
      assert.isAbove(busiest(times, W), 1.9 * L)
    }).pipe(Effect.provide(RateLimiter.layerStoreMemory)))

  it.effect("fixed window (50 per 60 s): 25 at 0 s, 25 at 30 s, 50 at 59 s: 75 within 60 s", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make
      const consume = limiter.consume({ algorithm: "fixed-window", onExceeded: "delay", limit: L, window: W, key: "k" })
      const at = (t: number, n: number) => Array.from({ length: n }, () => ({ at: t, run: sentAt(consume) }))
      const times = yield* drive([...at(0, 25), ...at(30_000, 25), ...at(59_000, 50)], Duration.seconds(1))
      assert.strictEqual(busiest(times, W), 75)
    }).pipe(Effect.provide(RateLimiter.layerStoreMemory)))
})

describe("RateLimitShared.bucketOf", () => {
  it("WorkOS's budgets keep about 90% of their throughput", () => {
    const requests = RateLimitShared.bucketOf(6_000, 60_000)
    assert.deepStrictEqual([requests.capacity, requests.slackMillis], [300, 3_000])
    assert.strictEqual(Math.floor(60_000 / requests.refillMillis), 5_427)
    const deletes = RateLimitShared.bucketOf(50, 60_000)
    assert.strictEqual(deletes.capacity, 2)
    assert.strictEqual(Math.floor(60_000 / deletes.refillMillis), 44)
  })

  it.effect.prop(
    "no window holds more than the budget: any arrivals, each request up to the slack late",
    [
      fc.integer({ min: 3, max: 120 }),
      fc.integer({ min: 200, max: 10_000 }),
      fc.array(
        fc.tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          // the worst cases are extremes: tokens granted early and delivered as late as the slack allows
          fc.oneof(fc.constant(0), fc.constant(0.999), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
        ),
        {
          minLength: 1,
          maxLength: 200
        }
      )
    ],
    ([limit, windowMillis, requests]) =>
      Effect.gen(function*() {
        const store = yield* RateLimitShared.make({ timeout: Duration.infinity })
        const permit = yield* store.permit({
          name: "requests",
          limit,
          window: Duration.millis(windowMillis),
          apiKey: Redacted.make("sk_test_property")
        })
        const { slackMillis } = RateLimitShared.bucketOf(limit, windowMillis)
        // arrivals spread over three windows; each request reaches the server `late` × slack after its permit
        const times = yield* drive(
          requests.map(([arrival, late]) => ({
            at: Math.floor(arrival * 3 * windowMillis),
            run: Effect.flatMap(Effect.orDie(permit), () =>
              Effect.map(Clock.currentTimeMillis, (now) => now + late * slackMillis))
          })),
          Duration.millis(windowMillis)
        )
        assert.strictEqual(times.length, requests.length)
        assert.isAtMost(busiest(times, windowMillis), limit)
      }).pipe(Effect.scoped, Effect.provide(RateLimiter.layerStoreMemory)),
    { fastCheck: { numRuns: 30, seed: SEED } }
  )

  it.effect("the worst lateness: every token of the first slack delivered at its end, the rest on time", () =>
    Effect.gen(function*() {
      const limit = 100
      const windowMillis = 2_000
      const store = yield* RateLimitShared.make({ timeout: Duration.infinity })
      const permit = yield* store.permit({
        name: "requests",
        limit,
        window: Duration.millis(windowMillis),
        apiKey: Redacted.make("sk_test_worst")
      })
      const { slackMillis } = RateLimitShared.bucketOf(limit, windowMillis)
      const delivered = Effect.flatMap(
        Effect.orDie(permit),
        () => Effect.map(Clock.currentTimeMillis, (now) => Math.max(now, slackMillis))
      )
      const times = yield* drive(
        Array.from({ length: 150 }, () => ({ at: 0, run: delivered })),
        Duration.millis(5)
      )
      // without the slack in the refill interval this window would hold 103
      assert.strictEqual(busiest(times, windowMillis), 99)
    }).pipe(Effect.scoped, Effect.provide(RateLimiter.layerStoreMemory)))

  it.effect("a budget below 3 is refused (no token bucket with this lateness bounds every window)", () =>
    Effect.gen(function*() {
      const store = yield* RateLimitShared.make()
      const exit = yield* Effect.exit(
        store.permit({ name: "deletes", limit: 2, window: Duration.seconds(60), apiKey: Redacted.make("sk_test_x") })
      )
      assert.isTrue(exit._tag === "Failure" && String(exit.cause).includes("at least 3"))
    }).pipe(Effect.scoped, Effect.provide(RateLimiter.layerStoreMemory)))
})

describe("RateLimitShared.keyOf", () => {
  it.effect("a SHA-256 of the API key and the budget's name: the key itself is not in it", () =>
    Effect.gen(function*() {
      const apiKey = Redacted.make("sk_test_0123456789abcdef")
      const requests = yield* RateLimitShared.keyOf({ apiKey, name: "requests" })
      const deletes = yield* RateLimitShared.keyOf({ apiKey, name: "deletes" })
      const other = yield* RateLimitShared.keyOf({
        apiKey: Redacted.make("sk_test_fedcba9876543210"),
        name: "requests"
      })
      assert.match(requests, /^effect-workos:[0-9a-f]{32}:requests$/)
      assert.strictEqual(deletes, requests.replace(/requests$/, "deletes"))
      assert.notStrictEqual(other, requests)
      assert.notInclude(requests, "0123456789abcdef")
    }))
})

describe("RateLimitStore", () => {
  it.effect("the in-memory permit: two per second, the rest queued a window later", () =>
    Effect.gen(function*() {
      const permit = yield* RateLimitStore.memoryPermit({ limit: 2, window: Duration.seconds(1) })
      const times = yield* drive(
        Array.from({ length: 6 }, () => ({ at: 0, run: Effect.zipRight(permit, Clock.currentTimeMillis) })),
        Duration.millis(100)
      )
      assert.deepStrictEqual(times, [0, 0, 1000, 1000, 2000, 2000])
    }).pipe(Effect.scoped))
})
