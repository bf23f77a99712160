/**
 * The call loop behind `WorkOSClient.execute`: one attempt after another under the rate limiters, the per-attempt
 * timeout and the retry policy of `retry.ts`, ending in a 2xx answer or one error of the core family.
 */
import type * as List from "@effect-workos/core/List"
import type * as Pagination from "@effect-workos/core/Pagination"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { constTrue } from "effect/Function"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import type { Request, Response } from "../WorkOSClient.js"
import * as Errors from "./errors.js"
import * as Build from "./request.js"
import * as Retry from "./retry.js"
import * as Timeouts from "./timeouts.js"

/**
 * Wraps one attempt; `identity` when rate limiting is off.
 *
 * @internal
 */
export type Limiter = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

/**
 * @internal
 */
export interface Settings {
  /** The platform client with the caller's transform applied. */
  readonly client: HttpClient.HttpClient
  /** Without a trailing slash. */
  readonly baseUrl: string
  /** Sent with every request: the key, `User-Agent`, `Accept`. */
  readonly headers: Headers.Headers
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  /** Applies `timeout` to each attempt. */
  readonly timeouts: Timeouts.Timeouts
  /** Every attempt passes through it. */
  readonly limitRequests: Limiter
  /** Every `DELETE /organizations/{id}` attempt passes through it too (first). */
  readonly limitDeletes: Limiter
  readonly scrub: (text: string) => string
}

const requestIdOf = (headers: Readonly<Record<string, string>>): string | undefined => {
  const id = headers["x-request-id"]
  return id === undefined || id === "" ? undefined : id
}

// `Effect.annotateCurrentSpan` builds (and drops) a `NoSuchElementException`, stack trace included, when there is
// no span, as for a caller without one.
const annotateCallerSpan = (key: string, value: string): Effect.Effect<void> =>
  Effect.map(Effect.serviceOption(Tracer.ParentSpan), (span) => {
    if (Option.isSome(span) && span.value._tag === "Span") span.value.attribute(key, value)
  })

const isOrganizationDelete = (request: Request<any>): boolean =>
  request.method === "DELETE" && request.path.length === 2 && request.path[0] === "organizations"

/**
 * @internal
 */
export const makeExecute = (settings: Settings) => {
  const { maxRetries, scrub, timeout } = settings
  const timedOut: Retry.Outcome = {
    _tag: "Failed",
    reason: "Timeout",
    detail: `no answer within ${Duration.format(timeout)}`,
    retryable: true
  }

  // The attempt runs in a fiber of its own (see `timeouts.ts`), so these settings end with it. A third-party API: no
  // trace context headers; and the platform's own client span is off, because it records the raw transport error,
  // whose text is the transport's to choose. Each attempt gets the span below instead.
  const platformTracingOff = Effect.zipRight(
    FiberRef.set(HttpClient.currentTracerPropagation, false),
    FiberRef.set(HttpClient.currentTracerDisabledWhen, constTrue)
  )
  const send = (http: HttpClientRequest.HttpClientRequest): Effect.Effect<Retry.Outcome> =>
    platformTracingOff.pipe(
      Effect.zipRight(settings.client.execute(http)),
      Effect.flatMap((response) => Effect.map(response.text, (text) => Errors.answer(response, text, scrub))),
      Effect.catchIf(
        HttpClientError.isHttpClientError,
        (error) => Effect.succeed(Errors.fromHttpClientError(error, scrub))
      )
    )

  const attempt = (
    http: HttpClientRequest.HttpClientRequest,
    path: string,
    n: number
  ): Effect.Effect<Retry.Outcome> =>
    // The timeout covers reading the body as well.
    settings.timeouts.within(send(http), () => timedOut).pipe(
      Effect.tap((outcome) => {
        if (outcome._tag === "Failed") return Effect.annotateCurrentSpan("workos.failure", outcome.reason)
        const requestId = requestIdOf(outcome.headers)
        return Effect.annotateCurrentSpan(
          requestId === undefined
            ? { "http.response.status_code": outcome.status }
            : { "http.response.status_code": outcome.status, "workos.request_id": requestId }
        )
      }),
      Effect.withSpan("WorkOSClient.attempt", {
        kind: "client",
        attributes: { "http.request.method": http.method, "url.path": path, "workos.attempt": n }
      })
    )

  const run = (
    request: Request<any>,
    path: string,
    idempotencyKey: string | undefined
  ): Effect.Effect<Response, WorkOSError.WorkOSError> => {
    const built = Build.build({
      method: request.method,
      url: settings.baseUrl + path,
      headers: settings.headers,
      query: request.query,
      body: request.body,
      idempotencyKey
    })
    if (Either.isLeft(built)) return Effect.fail(built.left)
    const http = built.right
    const isDelete = request.method === "DELETE"
    const limited = isOrganizationDelete(request)
      ? (effect: Effect.Effect<Retry.Outcome>) => settings.limitDeletes(settings.limitRequests(effect))
      : settings.limitRequests
    const annotate = (headers: Readonly<Record<string, string>>) => {
      const id = requestIdOf(headers)
      return id === undefined ? Effect.void : annotateCallerSpan("workos.request_id", id)
    }

    const loop = (n: number, mayHaveApplied: boolean): Effect.Effect<Response, WorkOSError.WorkOSError> =>
      Effect.flatMap(limited(attempt(http, path, n)), (outcome) => {
        if (outcome._tag === "Answer") {
          const answered: Response = {
            status: outcome.status,
            headers: outcome.headers,
            requestId: requestIdOf(outcome.headers),
            text: outcome.text
          }
          if (outcome.status >= 200 && outcome.status < 300) return Effect.as(annotate(outcome.headers), answered)
          // An earlier attempt may have deleted it: the 404 is the delete's own effect.
          if (isDelete && mayHaveApplied && outcome.status === 404) {
            return Effect.logDebug("WorkOS DELETE answered 404 after an attempt that may have been applied").pipe(
              Effect.annotateLogs({ method: request.method, path }),
              Effect.zipRight(annotate(outcome.headers)),
              Effect.as(answered)
            )
          }
        }
        if (n <= maxRetries && Retry.isRetryable(outcome)) {
          return Effect.flatMap(
            Retry.delay(outcome, n + 1),
            (wait) =>
              Effect.logDebug("Retrying a WorkOS request").pipe(
                Effect.annotateLogs({
                  method: request.method,
                  path,
                  outcome: outcome._tag === "Failed" ? outcome.reason : String(outcome.status),
                  attempt: `${n + 1} of ${maxRetries + 1}`,
                  delay: Duration.format(wait)
                }),
                Effect.zipRight(Effect.sleep(wait)),
                Effect.zipRight(loop(n + 1, mayHaveApplied || Retry.mayHaveApplied(outcome)))
              )
          )
        }
        return Effect.flatMap(Clock.currentTimeMillis, (now) => {
          const error = Errors.fromOutcome(outcome, request, now)
          return Effect.zipRight(
            outcome._tag === "Failed" ? Effect.void : annotate(outcome.headers),
            Effect.fail(error)
          )
        })
      })

    return loop(1, false)
  }

  return (request: Request<any>): Effect.Effect<Response, WorkOSError.WorkOSError> => {
    const path = Build.encodePath(request.path)
    if (Either.isLeft(path)) return Effect.fail(path.left)
    // A POST without a key gets a fresh one, the same on each of its attempts.
    return request.idempotencyKey === undefined && request.method === "POST"
      ? Effect.flatMap(Build.uuid, (key) => run(request, path.right, key))
      : Effect.suspend(() => run(request, path.right, request.idempotencyKey))
  }
}

/**
 * @internal
 */
export const makeExecuteJson = (
  execute: (request: Request<any>) => Effect.Effect<Response, WorkOSError.WorkOSError>,
  scrub: (text: string) => string
) =>
<A, I>(request: Request<any>, schema: Schema.Schema<A, I>): Effect.Effect<A, WorkOSError.WorkOSError> =>
  Effect.flatMap(execute(request), (response) => Errors.decodeBody(schema, response, request, scrub))

/**
 * Two turns of the event loop, taken before a page's items are decoded. A Stream forks the request for the next
 * page as soon as this page's cursor is known; decoding is synchronous (~3 ms for 100 organizations), and until it
 * yields, that request has not left: the fibers that build it need one turn and the transport (undici, fetch)
 * writes it on the next. Measured with the stream bench (20 pages at 20 ms latency): 507–518 ms without these
 * turns, ~470 ms with them. `setImmediate` where the runtime has it, `setTimeout(0)` elsewhere.
 */
const letRequestsLeave: Effect.Effect<void> = (() => {
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
 */
const cursorOf = (json: unknown): string | null => {
  if (typeof json !== "object" || json === null) return null
  const metadata = (json as { readonly list_metadata?: unknown }).list_metadata
  if (typeof metadata !== "object" || metadata === null) return null
  const after = (metadata as { readonly after?: unknown }).after
  return typeof after === "string" ? after : null
}

/**
 * @internal
 */
export const makeExecuteList = (
  execute: (request: Request<any>) => Effect.Effect<Response, WorkOSError.WorkOSError>,
  scrub: (text: string) => string
) =>
<A, I>(
  request: Request<any>,
  list: Schema.Schema<List.List<A>, I>
): Effect.Effect<Pagination.Split<A, WorkOSError.WorkOSError>, WorkOSError.WorkOSError> =>
  Effect.flatMap(execute(request), (response) => {
    const parsed = Errors.parseJson(response, request, scrub)
    if (Either.isLeft(parsed)) return Effect.fail(parsed.left)
    const json = parsed.right
    const after = cursorOf(json)
    const decode = Effect.suspend(() =>
      Effect.map(Errors.decodeParsed(list, json, response, request, scrub), (list) => list.data)
    )
    // the last page has no next request to let go first
    return Effect.succeed<Pagination.Split<A, WorkOSError.WorkOSError>>({
      after,
      items: after === null ? decode : Effect.zipRight(letRequestsLeave, decode),
      redact: scrub
    })
  })
