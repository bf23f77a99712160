/**
 * The configured `HttpClient` behind `WorkOSClient`: the platform client under one transform per concern, innermost
 * first — the attempt's outcome (`attempt.ts`: body read, error answers and redirects refused, platform failures
 * folded), the per-attempt timeout (`timeouts.ts`), the attempt's span (`tracing.ts`), the rate limits
 * (`limiter.ts`), the retry policy (`retry.ts`) and the Idempotency-Key (`idempotency.ts`). It answers a 2xx (or a
 * DELETE's concluding 404) and fails with the last attempt's `Outcome`. Also the helpers that turn its answers into
 * `WorkOSClient` responses.
 */
import type * as List from "@effect-workos/core/List"
import type * as Pagination from "@effect-workos/core/Pagination"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import * as Attempt from "./attempt.js"
import * as Errors from "./errors.js"
import * as Idempotency from "./idempotency.js"
import * as Limiter from "./limiter.js"
import * as Retry from "./retry.js"
import * as Timeouts from "./timeouts.js"
import * as Tracing from "./tracing.js"

/**
 * @internal
 */
export interface Settings {
  /** The platform client with the caller's transform applied. */
  readonly client: HttpClient.HttpClient
  /** Without a trailing slash: every request's URL starts with it. */
  readonly baseUrl: string
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  /** Applies `timeout` to each attempt. */
  readonly timeouts: Timeouts.Timeouts
  /** `undefined` when rate limiting is off. */
  readonly limits: {
    /** Every attempt passes through it. */
    readonly requests: Limiter.Limiter
    /** Every `DELETE /organizations/{id}` attempt passes through it too (first). */
    readonly deletes: Limiter.Limiter
  } | undefined
  readonly scrub: (text: string) => string
}

/**
 * @internal
 */
export const make = (settings: Settings): HttpClient.HttpClient.With<Retry.Outcome> => {
  const { scrub, timeout } = settings
  const timedOut: Retry.Outcome = {
    _tag: "Failed",
    reason: "Timeout",
    detail: `no answer within ${Duration.format(timeout)}`,
    retryable: true
  }
  const base = settings.baseUrl.length
  const pathOf = (request: HttpClientRequest.HttpClientRequest): string => request.url.slice(base)
  const isLimitedDelete = (request: HttpClientRequest.HttpClientRequest): boolean =>
    request.method === "DELETE" && /^\/organizations\/[^/]+$/.test(pathOf(request))

  const attempt = Tracing.transform(
    Timeouts.transform(Attempt.outcomes(settings.client, scrub), settings.timeouts, () => timedOut),
    { pathOf, scrub }
  )
  const limited = settings.limits === undefined
    ? attempt
    : Limiter.transform(attempt, { ...settings.limits, isLimitedDelete })
  return Idempotency.transform(Retry.transform(limited, { maxRetries: settings.maxRetries, pathOf }))
}

// `Effect.annotateCurrentSpan` builds (and drops) a `NoSuchElementException`, stack trace included, when there is
// no span, as for a caller without one.
/**
 * Sets an attribute on the caller's span, if it has one.
 *
 * @internal
 */
export const annotateCallerSpan = (key: string, value: string): Effect.Effect<void> =>
  Effect.map(Effect.serviceOption(Tracer.ParentSpan), (span) => {
    if (Option.isSome(span) && span.value._tag === "Span") span.value.attribute(key, value)
  })

/**
 * Two turns of the event loop, taken before a page's items are decoded. A Stream forks the request for the next
 * page as soon as this page's cursor is known; decoding is synchronous (~3 ms for 100 organizations), and until it
 * yields, that request has not left: the fibers that build it need one turn and the transport (undici, fetch)
 * writes it on the next. Measured with the stream bench (20 pages at 20 ms latency): 507–518 ms without these
 * turns, ~470 ms with them. `setImmediate` where the runtime has it, `setTimeout(0)` elsewhere.
 *
 * @internal
 */
export const letRequestsLeave: Effect.Effect<void> = (() => {
  const turn = Effect.async<void>((resume) => {
    if (typeof globalThis.setImmediate === "function") {
      const handle = globalThis.setImmediate(() => resume(Effect.void))
      return Effect.sync(() => globalThis.clearImmediate(handle))
    }
    const handle = globalThis.setTimeout(() => resume(Effect.void), 0)
    return Effect.sync(() => globalThis.clearTimeout(handle))
  })
  return Effect.zipRight(turn, turn)
})()

/**
 * The next cursor of a parsed list body, as the `List` schema would decode it: `null` when the body has none or it is
 * malformed (then decoding the items fails and says why, and nothing more is requested).
 *
 * @internal
 */
export const cursorOf = (json: unknown): string | null => {
  if (typeof json !== "object" || json === null) return null
  const metadata = (json as { readonly list_metadata?: unknown }).list_metadata
  if (typeof metadata !== "object" || metadata === null) return null
  const after = (metadata as { readonly after?: unknown }).after
  return typeof after === "string" ? after : null
}

/**
 * A list answer split as soon as its next cursor is known; its `items` decode the body with `list` when run.
 *
 * @internal
 */
export const split = <A, I>(
  response: Errors.Answered,
  list: Schema.Schema<List.List<A>, I>,
  context: Errors.ErrorContext,
  scrub: (text: string) => string
): Either.Either<Pagination.Split<A, WorkOSError.UnexpectedResponse>, WorkOSError.UnexpectedResponse> => {
  const parsed = Errors.parseJson(response, context, scrub)
  if (Either.isLeft(parsed)) return Either.left(parsed.left)
  const json = parsed.right
  const after = cursorOf(json)
  const decode = Effect.suspend(() =>
    Effect.map(Errors.decodeParsed(list, json, response, context, scrub), (list) => list.data)
  )
  // the last page has no next request to let go first
  return Either.right({
    after,
    items: after === null ? decode : Effect.zipRight(letRequestsLeave, decode),
    redact: scrub
  })
}
