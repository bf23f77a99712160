/**
 * The client-side rate limiter: at most `limit` requests in **any** window of `window` (a sliding window).
 *
 * Effect's `RateLimiter` offers a fixed window and a token bucket. Neither bounds every window: a fixed window lets
 * up to twice the limit through across a window boundary (the end of one window and the start of the next), and a
 * token bucket that starts full lets its capacity plus its refill through in the first window. Either can make a
 * long fan-out overrun WorkOS's budget and earn a storm of 429s. This limiter remembers when each of the last
 * `limit` requests went out and lets a request go only once the oldest of them is a full window old, so it stays
 * within the server's budget whichever of those algorithms the server uses.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * Wraps one attempt: it starts once the limiter grants it a permit.
 *
 * @internal
 */
export type Limiter = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

/**
 * @internal
 */
export const slidingWindow = (limit: number, window: Duration.DurationInput): Effect.Effect<Limiter> =>
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
    const acquire = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (waiting === 0 && granted[next]! + windowMillis <= now) {
        grant(now)
        return Effect.void
      }
      return queued
    })
    return <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.zipRight(acquire, effect)
  })

/**
 * Every attempt of `client` under `requests`; an attempt that `isLimitedDelete` also (first) under `deletes`.
 *
 * @internal
 */
export const transform = <E>(
  client: HttpClient.HttpClient.With<E>,
  limits: {
    readonly requests: Limiter
    readonly deletes: Limiter
    readonly isLimitedDelete: (request: HttpClientRequest.HttpClientRequest) => boolean
  }
): HttpClient.HttpClient.With<E> =>
  HttpClient.transform(
    client,
    (effect, request) =>
      limits.isLimitedDelete(request) ? limits.deletes(limits.requests(effect)) : limits.requests(effect)
  )
