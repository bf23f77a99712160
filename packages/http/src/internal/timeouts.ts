/**
 * Per-attempt timeouts that share one timer fiber per client.
 *
 * `Effect.timeoutTo` races every attempt against a fiber sleeping for the timeout and interrupts that sleeper when
 * the attempt wins. Per call that cost more CPU than the rest of the client together (bench/: ~150 µs of a ~800 µs
 * `getOrganization`). Every attempt of one client has the same timeout, so deadlines are handed out in order: one
 * fiber sleeps until the oldest pending deadline, interrupts that attempt if it is still running, and moves on to
 * the next. An attempt that ends in time only marks itself done. Time is read from `Clock`, so `TestClock` drives it.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { identity } from "effect/Function"
import type * as Scope from "effect/Scope"

/**
 * @internal
 */
export interface Timeouts {
  /**
   * Runs `effect` in a child fiber of its own and interrupts it once the timeout has passed, answering `onTimeout()`
   * then. Interrupting the caller interrupts the child. The child's fiber refs do not flow back to the caller.
   */
  readonly within: <A>(effect: Effect.Effect<A>, onTimeout: () => A) => Effect.Effect<A>
}

interface Pending {
  readonly deadline: number
  readonly fiber: Fiber.RuntimeFiber<unknown>
  done: boolean
  timedOut: boolean
}

/**
 * The timer fiber lives in the surrounding `Scope`. An infinite timeout runs attempts as they are.
 *
 * @internal
 */
export const make = (timeout: Duration.Duration): Effect.Effect<Timeouts, never, Scope.Scope> =>
  Effect.gen(function*() {
    const millis = Duration.toMillis(timeout)
    const forked = <A>(effect: Effect.Effect<A>, register: (fiber: Fiber.RuntimeFiber<A>) => Pending | undefined) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(Effect.fork(Effect.interruptible(effect)), (fiber) => {
          const entry = register(fiber)
          return restore(Fiber.await(fiber)).pipe(
            Effect.onInterrupt(() => Fiber.interrupt(fiber)),
            Effect.ensuring(Effect.sync(() => {
              if (entry !== undefined) entry.done = true
            })),
            Effect.map((exit) => ({ exit, timedOut: entry?.timedOut === true }))
          )
        })
      )
    if (!Number.isFinite(millis)) {
      return { within: (effect) => Effect.flatMap(forked(effect, () => undefined), ({ exit }) => exit) }
    }

    // Attempts in deadline order (the order they started in); `head` is the oldest not yet looked at.
    let pending: Array<Pending> = []
    let head = 0
    const dropSettled = () => {
      while (head < pending.length && pending[head]!.done) head++
      if (head === pending.length) {
        pending = []
        head = 0
      } else if (head >= 1024 && head * 2 >= pending.length) {
        pending = pending.slice(head)
        head = 0
      }
    }

    // The timer waits on the latch while nothing is pending.
    const work = yield* Effect.makeLatch(false)
    let parked = false
    const tick: Effect.Effect<void> = Effect.suspend(() => {
      dropSettled()
      const oldest = pending[head]
      if (oldest === undefined) {
        parked = true
        work.unsafeClose()
        return Effect.zipRight(work.await, Effect.sync(() => (parked = false)))
      }
      return Effect.flatMap(Clock.currentTimeMillis, (now) => {
        if (oldest.deadline > now) return Effect.sleep(Duration.millis(oldest.deadline - now))
        head++
        if (oldest.done) return Effect.void
        oldest.timedOut = true
        return Fiber.interruptFork(oldest.fiber)
      })
    })
    yield* Effect.forkScoped(Effect.interruptible(Effect.forever(tick)))
    // A service used after its layer's scope has closed has no timer any more: each attempt then races its own.
    let closed = false
    yield* Effect.addFinalizer(() => Effect.sync(() => (closed = true)))

    const within = <A>(effect: Effect.Effect<A>, onTimeout: () => A): Effect.Effect<A> =>
      Effect.suspend(() =>
        closed
          ? Effect.timeoutTo(Effect.flatMap(forked(effect, () => undefined), ({ exit }) => exit), {
            duration: timeout,
            onSuccess: identity,
            onTimeout
          })
          : Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.flatMap(
              forked(effect, (fiber) => {
                const entry: Pending = { deadline: now + millis, fiber, done: false, timedOut: false }
                dropSettled()
                pending.push(entry)
                if (parked) work.unsafeOpen()
                return entry
              }),
              ({ exit, timedOut }): Effect.Effect<A> => {
                if (Exit.isSuccess(exit)) return Effect.succeed(exit.value)
                if (timedOut && Exit.isInterrupted(exit)) return Effect.sync(onTimeout)
                return exit
              }
            ))
      )

    return { within }
  })

/**
 * Each attempt of `client` (everything it does for one request, reading the body included) under `timeouts`; one
 * cut off fails with `onTimeout()`.
 *
 * @internal
 */
export const transform = <E>(
  client: HttpClient.HttpClient.With<E>,
  timeouts: Timeouts,
  onTimeout: () => E
): HttpClient.HttpClient.With<E> => {
  const timedOut = () => Either.left(onTimeout())
  // The attempt's fiber ends with a success either way: a fiber that fails logs its cause, and an outcome holds the
  // raw answer.
  return HttpClient.transformResponse(
    client,
    (effect) =>
      Effect.flatMap(
        timeouts.within(Effect.either(effect), timedOut),
        Either.match({ onLeft: Effect.fail, onRight: Effect.succeed })
      )
  )
}
