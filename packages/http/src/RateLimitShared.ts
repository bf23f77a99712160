/**
 * A {@link RateLimitStore.RateLimitStore} shared by every process that sends with one API key, on any
 * `@effect/experimental` `RateLimiterStore` (`RateLimitRedis` provides the Redis one). Each budget is a token bucket
 * of experimental's `RateLimiter`, keyed by a SHA-256 hash of the API key (the key itself never reaches the store),
 * sized so that no window of the budget's length holds more than the budget (see {@link bucketOf}). Every process
 * sharing a key must use the same limits and slack, since the bucket's numbers come with each request to the store.
 *
 * A delete takes its token of the deletes budget first and then its token of the requests budget, so that no
 * requests token is held while the delete waits; its wait for the requests token counts against the deletes
 * budget's slack. A requests budget so saturated that this wait exceeds the slack can let deletes bunch up.
 *
 * When the store cannot be consulted within {@link Options.timeout}, the {@link Options.onStoreDown} policy applies:
 * `open` (default) logs a warning and falls back to this process's in-memory limiter; `closed` fails the attempt,
 * which the client reports as `RequestFailed` without sending anything. Either way the store is left alone for
 * {@link Options.retryAfter} before it is asked again, so an outage costs one timeout, not one per request.
 *
 * @since 0.1.0
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as RateLimitStore from "./RateLimitStore.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** What to do when the store cannot be consulted. Default `open` (see `RateLimitStore.OnStoreDown`). */
  readonly onStoreDown?: RateLimitStore.OnStoreDown | undefined
  /** The longest wait for one answer of the store before it counts as down. Default 1 second; `Duration.infinity` waits for ever. */
  readonly timeout?: Duration.DurationInput | undefined
  /** How long the store is left alone after it failed, before it is asked again. Default 5 seconds. */
  readonly retryAfter?: Duration.DurationInput | undefined
  /**
   * How late (or early) a request may reach the server relative to its token, as a fraction of the window: network
   * jitter, event-loop lag, clock skew between hosts. Default {@link defaultSlack} (3 s of WorkOS's 60 s). More slack
   * costs throughput (see {@link bucketOf}).
   */
  readonly slack?: number | undefined
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultSlack = 0.05

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(1)

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultRetryAfter: Duration.Duration = Duration.seconds(5)

/**
 * The token bucket that keeps a budget of `limit` per `windowMillis` in every window, with experimental's
 * `RateLimiter` (`onExceeded: "delay"`): `capacity` tokens, one more every `refillMillis`.
 *
 * A bucket with the budget's own numbers (capacity `limit`, refill `limit` per window) lets `2 × limit` through in
 * the window where it starts full; this one is smaller. The arithmetic, with L the limit, W the window, C the
 * capacity, r the refill interval and J the slack:
 *
 * - Tokens come at refill ticks r apart, and at most C are saved up, so any span of length X grants at most
 *   C + ⌈X / r⌉ tokens.
 * - A request that waits for a token is told to sleep r × (its deficit) from the moment it asked, which lands it
 *   between its token's tick and one r later; on the wire it may be later still, by network jitter, event-loop lag
 *   or clock skew between hosts, up to J.
 * - So the requests that reach the server within any window [s, s + W) hold tokens granted within (s − r − J, s + W),
 *   a span of W + J + r: at most C + ⌈(W + J) / r⌉ + 1 of them.
 * - With C = max(1, ⌊L / 20⌋), J = `slack` × W and r = (W + J) / (L − C − 1), that is at most
 *   C + (L − C − 1) + 1 = L.
 *
 * The price is throughput: in the long run W / r = (L − C − 1) / (1 + `slack`) per window; with the default slack
 * (1/20) about 90% of the budget (5,427 of WorkOS's 6,000 requests, 44 of its 50 deletes per minute). It needs
 * L ≥ 3 (below that no token bucket with this lateness bounds every window).
 *
 * @since 0.1.0
 * @category models
 */
export const bucketOf = (limit: number, windowMillis: number, slack: number = defaultSlack): {
  readonly capacity: number
  readonly refillMillis: number
  readonly slackMillis: number
} => {
  const capacity = Math.max(1, Math.floor(limit / 20))
  const slackMillis = windowMillis * slack
  return { capacity, refillMillis: (windowMillis + slackMillis) / (limit - capacity - 1), slackMillis }
}

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("")

/**
 * The store key of a budget: `effect-workos:<SHA-256 of the API key, 32 hex digits>:<name>`.
 *
 * @since 0.1.0
 * @category models
 */
export const keyOf = (budget: Pick<RateLimitStore.Budget, "apiKey" | "name">): Effect.Effect<string> =>
  Effect.map(
    Effect.promise(() =>
      globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(String(Redacted.value(budget.apiKey))))
    ),
    (digest) => `effect-workos:${hex(digest).slice(0, 32)}:${budget.name}`
  )

const describe = (error: RateLimiter.RateLimiterError | "timeout", timeout: Duration.Duration): string => {
  if (error === "timeout") return `no answer within ${Duration.format(timeout)}`
  if (error.reason === "Exceeded") return error.message
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ""
  return `${error.message}${cause}`
}

/**
 * The store over the `RateLimiterStore` in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<RateLimitStore.Service, never, RateLimiter.RateLimiterStore> =>
  Effect.gen(function*() {
    const limiter = yield* RateLimiter.make
    const onStoreDown = options.onStoreDown ?? RateLimitStore.defaultOnStoreDown
    const timeout = Duration.decode(options.timeout ?? defaultTimeout)
    const retryAfterMillis = Duration.toMillis(options.retryAfter ?? defaultRetryAfter)
    const slack = options.slack ?? defaultSlack
    if (!(slack >= 0 && slack <= 1)) return yield* Effect.dieMessage(`slack must be within [0, 1], got ${slack}`)
    // One breaker for every budget of this store: the store is up or down for all of them.
    let downUntil = Number.NEGATIVE_INFINITY
    const tripped = (detail: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const warn = downUntil === Number.NEGATIVE_INFINITY
        downUntil = now + retryAfterMillis
        return warn
          ? Effect.logWarning(
            onStoreDown === "open"
              ? `WorkOS rate limit: the shared store is unavailable (${detail}); each process falls back to its own limiter until it is back`
              : `WorkOS rate limit: the shared store is unavailable (${detail}); calls fail with RequestFailed until it is back`
          )
          : Effect.void
      })
    const recovered = Effect.suspend(() => {
      if (downUntil === Number.NEGATIVE_INFINITY) return Effect.void
      downUntil = Number.NEGATIVE_INFINITY
      return Effect.logInfo("WorkOS rate limit: the shared store is back")
    })

    return RateLimitStore.RateLimitStore.of({
      permit: (budget) =>
        Effect.gen(function*() {
          if (!Number.isInteger(budget.limit) || budget.limit < 3) {
            return yield* Effect.dieMessage(
              `a shared ${budget.name} budget needs a limit of at least 3, got ${budget.limit}`
            )
          }
          const key = yield* keyOf(budget)
          const bucket = bucketOf(budget.limit, Duration.toMillis(budget.window), slack)
          const consume = {
            algorithm: "token-bucket",
            onExceeded: "delay",
            key,
            limit: bucket.capacity,
            // experimental refills `limit` tokens per `window`, one every window / limit
            window: Duration.millis(bucket.refillMillis * bucket.capacity)
          } as const
          const local = yield* RateLimitStore.memoryPermit(budget)
          const down = (detail: string): RateLimitStore.Permit =>
            onStoreDown === "open" ? local : Effect.fail(new RateLimitStore.StoreUnavailable({ detail }))
          const consumed = limiter.consume(consume)
          const bounded = Duration.isFinite(timeout)
            ? Effect.timeoutFail(consumed, { duration: timeout, onTimeout: () => "timeout" as const })
            : consumed
          const shared: RateLimitStore.Permit = bounded.pipe(
            Effect.matchEffect({
              onFailure: (error) => {
                const detail = describe(error, timeout)
                return Effect.zipRight(tripped(detail), down(detail))
              },
              onSuccess: ({ delay }) =>
                Effect.zipRight(recovered, Duration.isZero(delay) ? Effect.void : Effect.sleep(delay))
            })
          )
          return Effect.flatMap(
            Clock.currentTimeMillis,
            (now) => now < downUntil ? down("it failed a moment ago") : shared
          )
        })
    })
  })

/**
 * {@link make} as a layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<RateLimitStore.RateLimitStore, never, RateLimiter.RateLimiterStore> =>
  Layer.effect(RateLimitStore.RateLimitStore, make(options))
