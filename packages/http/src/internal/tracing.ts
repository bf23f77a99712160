/**
 * The span of each attempt, as an `HttpClient` transform. A third-party API: no trace context headers go out, and
 * the platform's own client span is off, because it records the raw transport error, whose text is the transport's
 * to choose. Each attempt gets `WorkOSClient.attempt` instead: method, path, attempt number (`Retry.attemptOf`), then the status and
 * request id of the answer, or the reason it failed.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import { constTrue } from "effect/Function"
import type * as Tracer from "effect/Tracer"
import * as Errors from "./errors.js"
import * as Retry from "./retry.js"

/**
 * Turns the platform's trace propagation and client span off for the rest of the fiber it runs in: the attempt's own
 * fiber (see `timeouts.ts`), so the caller's fiber keeps its settings.
 *
 * @internal
 */
export const platformTracingOff: Effect.Effect<void> = Effect.zipRight(
  FiberRef.set(HttpClient.currentTracerPropagation, false),
  FiberRef.set(HttpClient.currentTracerDisabledWhen, constTrue)
)

const annotateStatus = (
  span: Tracer.Span,
  headers: Readonly<Record<string, string>>,
  status: number,
  scrub: (text: string) => string
): void => {
  span.attribute("http.response.status_code", status)
  const requestId = Errors.requestIdOf(headers, scrub)
  if (requestId !== undefined) span.attribute("workos.request_id", requestId)
}

// an outcome's headers are scrubbed already
const scrubbed = (text: string) => text

/**
 * @internal
 */
export const transform = (
  client: HttpClient.HttpClient.With<Retry.Outcome>,
  options: {
    readonly pathOf: (request: HttpClientRequest.HttpClientRequest) => string
    readonly scrub: (text: string) => string
  }
): HttpClient.HttpClient.With<Retry.Outcome> =>
  // `f` runs once per attempt (the retry step outside re-runs the effect), so the attempt number is read per attempt.
  HttpClient.transform(client, (effect, request) =>
    Effect.flatMap(
      // The span ends as the attempt did, without the outcome as its error: the attributes say what happened, and an
      // outcome holds the raw answer. Its stack trace is not captured: the span ends with a success (an `Either`), and
      // a trace would only point here.
      Effect.useSpan("WorkOSClient.attempt", {
        kind: "client",
        captureStackTrace: false,
        attributes: {
          "http.request.method": request.method,
          "url.path": options.pathOf(request),
          "workos.attempt": Retry.attemptOf(request)
        }
      }, (span) =>
        Effect.withParentSpan(
          Effect.matchEffect(effect, {
            onSuccess: (response) => {
              annotateStatus(span, Errors.headersOf(response), response.status, options.scrub)
              return Effect.succeed(Either.right(response))
            },
            onFailure: (outcome) => {
              if (outcome._tag === "Failed") span.attribute("workos.failure", outcome.reason)
              else annotateStatus(span, outcome.headers, outcome.status, scrubbed)
              return Effect.succeed(Either.left(outcome))
            }
          }),
          span
        )),
      (result) => Either.isRight(result) ? Effect.succeed(result.right) : Effect.fail(result.left)
    ))
