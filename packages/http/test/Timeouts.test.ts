/**
 * The per-attempt timeouts that share one timer per client (`internal/timeouts.ts`): each attempt is cut off at its
 * own deadline on `Clock`, whatever the others do; an attempt that ends in time is untouched; interrupting the caller
 * interrupts the attempt; and a client used after its layer's scope has closed still times out.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import * as Timeouts from "../src/internal/timeouts.js"

const TIMEOUT = Duration.seconds(10)

/** An attempt that never answers, and a Deferred completed when it is interrupted. */
const endlessAttempt = Effect.map(Deferred.make<void>(), (interrupted) => ({
  interrupted,
  attempt: Effect.onInterrupt(Effect.as(Effect.never, 0), () => Deferred.succeed(interrupted, void 0))
}))

/** Lets forked fibers run up to their next wait. */
const settle = Effect.repeatN(Effect.yieldNow(), 20)

describe("per-attempt timeouts", () => {
  it.scoped("each attempt is cut off at its own deadline, the ones that answer in time are not", () =>
    Effect.gen(function*() {
      const timeouts = yield* Timeouts.make(TIMEOUT)
      const started: Array<Fiber.RuntimeFiber<string>> = []
      // attempts start at 0 s, 3 s and 6 s; the second answers at 5 s, the others never
      started.push(yield* Effect.fork(timeouts.within(Effect.as(Effect.never, "a"), () => "a timed out")))
      yield* TestClock.adjust("3 seconds")
      started.push(
        yield* Effect.fork(timeouts.within(Effect.as(Effect.sleep("2 seconds"), "b"), () => "b timed out"))
      )
      yield* TestClock.adjust("3 seconds")
      started.push(yield* Effect.fork(timeouts.within(Effect.as(Effect.never, "c"), () => "c timed out")))
      const [a, b, c] = started as [Fiber.RuntimeFiber<string>, Fiber.RuntimeFiber<string>, Fiber.RuntimeFiber<string>]

      yield* TestClock.adjust("3999 millis") // 9.999 s
      yield* settle
      assert.deepStrictEqual(yield* Fiber.join(b), "b")
      assert.isTrue(Option.isNone(yield* Fiber.poll(a)))
      yield* TestClock.adjust("1 millis") // 10 s: a's deadline
      assert.strictEqual(yield* Fiber.join(a), "a timed out")
      yield* TestClock.adjust("5999 millis") // 15.999 s
      yield* settle
      assert.isTrue(Option.isNone(yield* Fiber.poll(c)))
      yield* TestClock.adjust("1 millis") // 16 s: c's deadline
      assert.strictEqual(yield* Fiber.join(c), "c timed out")
    }))

  it.scoped("a timed-out attempt is interrupted, and an idle timer wakes for the next one", () =>
    Effect.gen(function*() {
      const timeouts = yield* Timeouts.make(TIMEOUT)
      const { attempt, interrupted } = yield* endlessAttempt
      const first = yield* Effect.fork(timeouts.within(attempt, () => -1))
      yield* TestClock.adjust(TIMEOUT)
      assert.strictEqual(yield* Fiber.join(first), -1)
      yield* Deferred.await(interrupted)
      // nothing pending for a while, then a new attempt: it still gets its timeout
      yield* TestClock.adjust("1 hour")
      const second = yield* Effect.fork(timeouts.within(Effect.as(Effect.never, 0), () => -2))
      yield* TestClock.adjust(TIMEOUT)
      assert.strictEqual(yield* Fiber.join(second), -2)
    }))

  it.scoped("interrupting the caller interrupts the attempt", () =>
    Effect.gen(function*() {
      const timeouts = yield* Timeouts.make(TIMEOUT)
      const { attempt, interrupted } = yield* endlessAttempt
      const caller = yield* Effect.fork(timeouts.within(attempt, () => -1))
      yield* settle
      yield* Fiber.interrupt(caller)
      assert.isTrue(yield* Deferred.isDone(interrupted))
    }))

  it.effect("after the scope that made them has closed, attempts still time out", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const timeouts = yield* Scope.extend(Timeouts.make(TIMEOUT), scope)
      yield* Scope.close(scope, Exit.void)
      const fiber = yield* Effect.fork(timeouts.within(Effect.as(Effect.never, 0), () => -1))
      yield* TestClock.adjust(TIMEOUT)
      assert.strictEqual(yield* Fiber.join(fiber), -1)
      assert.strictEqual(yield* timeouts.within(Effect.succeed(1), () => -1), 1)
    }))

  it.scoped("an infinite timeout never cuts an attempt off", () =>
    Effect.gen(function*() {
      const timeouts = yield* Timeouts.make(Duration.infinity)
      const fiber = yield* Effect.fork(timeouts.within(Effect.as(Effect.sleep("1000 days"), 1), () => -1))
      yield* TestClock.adjust("999 days")
      yield* settle
      assert.isTrue(Option.isNone(yield* Fiber.poll(fiber)))
      yield* TestClock.adjust("1 day")
      assert.strictEqual(yield* Fiber.join(fiber), 1)
    }))
})
