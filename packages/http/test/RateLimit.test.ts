/**
 * Client-side rate limiting (WIRE.md §10): a burst of deletes is spread so that no 60 s window holds more than the
 * delete limit, the general limit applies to every request, both are configurable, and they can be turned off.
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import type * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

const WINDOW = 60_000

/** The largest number of requests that arrived within any 60 s window `[t, t + 60 s)`. */
const busiestWindow = (times: ReadonlyArray<number>): number =>
  Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + WINDOW).length))

/** Runs `n` calls at once, letting virtual time pass until all are done; returns the arrival times. */
const burst = (
  n: number,
  call: (o: Organizations.Service, i: number) => Effect.Effect<unknown, unknown>,
  answer: Scripted.Answer,
  options: Partial<WorkOSClient.Options> = {}
) =>
  Scripted.withLive(() => answer, (o, scripted) =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: n }, (_, i) => i), (i) => call(o, i), { concurrency: "unbounded" })
      )
      for (let i = 0; i < 20 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("30 seconds")
      assert.isNotNull(fiber.unsafePoll(), "the fiber should be done by now")
      yield* Fiber.join(fiber)
      return (yield* scripted.requests).map((r) => r.at)
    }), options)

const deleteAll = (o: Organizations.Service, i: number) => o.deleteOrganization(`org_${i}`)
const accepted = Scripted.text(202, "Accepted")

describe("rate limits", () => {
  it.effect("200 concurrent deletes: at most 50 per 60 s, all of them done", () =>
    Effect.gen(function*() {
      const times = yield* burst(200, deleteAll, accepted)
      assert.strictEqual(times.length, 200)
      assert.isAtMost(busiestWindow(times), 50)
      // Four windows' worth: the last batch starts no sooner than 3 minutes in.
      assert.isAtLeast(Math.max(...times), 3 * WINDOW)
    }))

  it.effect("requests spread over a window boundary: still at most 50 deletes in any 60 s", () =>
    Scripted.withLive(() => accepted, (o, scripted) =>
      Effect.gen(function*() {
        // 10 deletes at the start, then 60 more just before the minute is over: a fixed window would let 40 go at
        // 59 s and 20 more at 60 s (60 within one minute); a token bucket would let them all through at once.
        const first = yield* Effect.fork(
          Effect.forEach(Array.from({ length: 10 }, (_, i) => i), (i) => deleteAll(o, i), { concurrency: "unbounded" })
        )
        yield* TestClock.adjust("59 seconds")
        yield* Fiber.join(first)
        const second = yield* Effect.fork(
          Effect.forEach(Array.from({ length: 60 }, (_, i) => i + 10), (i) => deleteAll(o, i), {
            concurrency: "unbounded"
          })
        )
        for (let i = 0; i < 20 && second.unsafePoll() === null; i++) yield* TestClock.adjust("10 seconds")
        yield* Fiber.join(second)
        const times = (yield* scripted.requests).map((r) => r.at)
        assert.strictEqual(times.length, 70)
        assert.isAtMost(busiestWindow(times), 50)
      })))

  it.effect("the delete limit is configurable", () =>
    Effect.gen(function*() {
      const times = yield* burst(30, deleteAll, accepted, { rateLimit: { deletesPerMinute: 10 } })
      assert.strictEqual(times.length, 30)
      assert.isAtMost(busiestWindow(times), 10)
      assert.isAtLeast(Math.max(...times), 2 * WINDOW)
    }))

  it.effect("the general limit applies to every request", () =>
    Effect.gen(function*() {
      const times = yield* burst(
        25,
        (o, i) => o.getOrganization(`org_${i}`),
        Scripted.json(200, Wire.organization("org_1")),
        { rateLimit: { requestsPerMinute: 10 } }
      )
      assert.strictEqual(times.length, 25)
      assert.isAtMost(busiestWindow(times), 10)
    }))

  it.effect("other requests do not use the delete budget", () =>
    Effect.gen(function*() {
      const times = yield* burst(
        200,
        (o, i) => o.getOrganization(`org_${i}`),
        Scripted.json(200, Wire.organization("o"))
      )
      assert.strictEqual(times.length, 200)
      assert.isTrue(times.every((t) => t === 0))
    }))

  it.effect("rateLimit: false sends everything at once", () =>
    Effect.gen(function*() {
      const times = yield* burst(200, deleteAll, accepted, { rateLimit: false })
      assert.strictEqual(times.length, 200)
      assert.isTrue(times.every((t) => t === 0))
    }))
})
