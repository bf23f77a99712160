/**
 * The retry policy, in one place, as an `HttpClient` transform: which outcomes are retried, how long to wait, and
 * what a retried DELETE may conclude.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"

/** @internal */
export const BASE_DELAY_MILLIS = 500

/** @internal */
export const MAX_BACKOFF_MILLIS = 8_000

/** @internal */
export const MAX_RETRY_AFTER = Duration.seconds(60)

/** @internal */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * What one attempt came back with: an HTTP answer (any status but a redirect, body read in full), a redirect, or a
 * failure before an answer (network error or the per-attempt timeout).
 *
 * @internal
 */
export type Outcome =
  | {
    readonly _tag: "Answer"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly text: string
    /** The answer itself, what a DELETE that concludes from its 404 ends with. */
    readonly response: HttpClientResponse.HttpClientResponse
  }
  | {
    /** A redirect (a 3xx, or one the transport followed itself): refused, never retried. */
    readonly _tag: "Redirect"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    /** Where it pointed (`Location`, or the address a following transport ended at). */
    readonly location: string
  }
  | {
    readonly _tag: "Failed"
    readonly reason: "Transport" | "Timeout"
    readonly detail: string
    /** `false` for failures that a retry cannot fix (an invalid URL, a body that cannot be encoded). */
    readonly retryable: boolean
  }

// The number of each request's attempt under way. The retry step runs the same request object on every attempt, and
// each call builds its own, so the request is the key; a map lookup costs less than a fiber ref set around each one.
const attempts = new WeakMap<HttpClientRequest.HttpClientRequest, number>()

/**
 * The number of the attempt of `request` under way (1 for the first), as {@link transform} counts them.
 *
 * @internal
 */
export const attemptOf = (request: HttpClientRequest.HttpClientRequest): number => attempts.get(request) ?? 1

/**
 * Network errors, per-attempt timeouts, and 408, 429, 500, 502, 503, 504.
 *
 * @internal
 */
export const isRetryable = (outcome: Outcome): boolean =>
  outcome._tag === "Failed"
    ? outcome.retryable
    : outcome._tag === "Answer" && RETRYABLE_STATUSES.has(outcome.status)

/**
 * Whether the server may have carried the request out even though the attempt failed: the answer never arrived, or
 * the server failed while working on it (5xx). A DELETE retried after such an attempt that answers 404 has
 * succeeded.
 *
 * @internal
 */
export const mayHaveApplied = (outcome: Outcome): boolean =>
  outcome._tag === "Failed" ? outcome.retryable : outcome._tag === "Answer" && outcome.status >= 500

/**
 * The computed backoff before attempt `attempt` (2 for the first retry): `min(500 ms × 1.5^attempt, 8 s)` times a
 * jitter drawn uniformly from [0.5, 1.5) with `Random`. Before attempts 2, 3 and 4 that is 0.56–1.69 s, 0.84–2.53 s
 * and 1.27–3.80 s, the official SDK's schedule.
 *
 * @internal
 */
export const backoff = (attempt: number): Effect.Effect<Duration.Duration> =>
  Effect.map(
    Random.nextRange(0.5, 1.5),
    (jitter) => Duration.millis(Math.min(BASE_DELAY_MILLIS * 1.5 ** attempt, MAX_BACKOFF_MILLIS) * jitter)
  )

/**
 * The wait before attempt `attempt`: the answer's `Retry-After` (whole seconds, or an HTTP date read against
 * `Clock`), capped at 60 s, when it has a valid one; the computed {@link backoff} otherwise.
 *
 * @internal
 */
export const delay = (outcome: Outcome, attempt: number): Effect.Effect<Duration.Duration> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const retryAfter = outcome._tag === "Answer"
      ? WorkOSError.parseRetryAfter(outcome.headers["retry-after"], now)
      : Option.none()
    return Option.match(retryAfter, {
      onNone: () => backoff(attempt),
      onSome: (wait) => Effect.succeed(Duration.min(wait, MAX_RETRY_AFTER))
    })
  })

/**
 * Retries a failed attempt while the policy allows: up to `maxRetries` times, for a retryable outcome, after its
 * {@link delay}. A POST is retried only when it carries an `Idempotency-Key` (so the server can tell a retry from a
 * new request). A DELETE that answers 404 after an attempt that may have been applied ends with that 404 answer as
 * its success: the earlier attempt deleted it. {@link attemptOf} tells each attempt's number.
 *
 * @internal
 */
export const transform = (
  client: HttpClient.HttpClient.With<Outcome>,
  options: {
    readonly maxRetries: number
    /** The path of a request, for the logs. */
    readonly pathOf: (request: HttpClientRequest.HttpClientRequest) => string
  }
): HttpClient.HttpClient.With<Outcome> =>
  HttpClient.transform(client, (effect, request) => {
    const isDelete = request.method === "DELETE"
    const maxRetries = request.method === "POST" && request.headers["idempotency-key"] === undefined
      ? 0
      : options.maxRetries
    const loop = (
      n: number,
      mayHaveAppliedBefore: boolean
    ): Effect.Effect<HttpClientResponse.HttpClientResponse, Outcome> =>
      Effect.catchAll(Effect.zipRight(Effect.sync(() => attempts.set(request, n)), effect), (outcome) => {
        // An earlier attempt may have deleted it: the 404 is the delete's own effect.
        if (isDelete && mayHaveAppliedBefore && outcome._tag === "Answer" && outcome.status === 404) {
          return Effect.logDebug("WorkOS DELETE answered 404 after an attempt that may have been applied").pipe(
            Effect.annotateLogs({ method: request.method, path: options.pathOf(request) }),
            Effect.as(outcome.response)
          )
        }
        if (n > maxRetries || !isRetryable(outcome)) return Effect.fail(outcome)
        return Effect.flatMap(delay(outcome, n + 1), (wait) =>
          Effect.logDebug("Retrying a WorkOS request").pipe(
            Effect.annotateLogs({
              method: request.method,
              path: options.pathOf(request),
              outcome: outcome._tag === "Failed" ? outcome.reason : String(outcome.status),
              attempt: `${n + 1} of ${maxRetries + 1}`,
              delay: Duration.format(wait)
            }),
            Effect.zipRight(Effect.sleep(wait)),
            Effect.zipRight(loop(n + 1, mayHaveAppliedBefore || mayHaveApplied(outcome)))
          ))
      })
    return loop(1, false)
  })
