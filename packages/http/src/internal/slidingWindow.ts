/**
 * The in-process sliding window: at most `limit` permits in **any** window of `window`.
 *
 * Effect's `RateLimiter` offers a fixed window and a token bucket. Neither bounds every window: a fixed window lets
 * up to twice the limit through across a window boundary (the end of one window and the start of the next), and a
 * token bucket that starts full lets its capacity plus its refill through in the first window. Either can make a
 * long fan-out overrun WorkOS's budget and earn a storm of 429s. This one remembers when each of the last `limit`
 * permits was granted and grants the next only once the oldest of them is a full window old, so it stays within the
 * server's budget whichever of those algorithms the server uses.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * Waits until the window has room, then takes a permit. Callers that must wait are served in arrival order.
 *
 * @internal
 */
export const make = (limit: number, window: Duration.DurationInput): Effect.Effect<Effect.Effect<void>> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => {
    const windowMillis = Duration.toMillis(Duration.decode(window))
    // When each of the last `limit` permits was granted, oldest at `next` (a ring buffer).
    const granted = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY)
    let next = 0
    let waiting = 0
    const grant = (at: number) => {
      granted[next] = at
      next = (next + 1) % limit
    }
    // Callers that must wait queue on the lock and are served in arrival order; the one holding it waits for the
    // oldest permit to leave the window, since nobody behind it could go sooner.
    const queued = Effect.suspend(() => {
      waiting++
      return lock.withPermits(1)(
        Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const wait = granted[next]! + windowMillis - now
          return wait > 0
            ? Effect.zipRight(Effect.sleep(Duration.millis(wait)), Effect.map(Clock.currentTimeMillis, grant))
            : Effect.sync(() => grant(now))
        })
      ).pipe(Effect.ensuring(Effect.sync(() => waiting--)))
    })
    // The common case costs a clock read: nobody is queued and the budget has room.
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (waiting === 0 && granted[next]! + windowMillis <= now) {
        grant(now)
        return Effect.void
      }
      return queued
    })
  })
