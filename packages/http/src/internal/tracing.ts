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

const statusAttributes = (
  headers: Readonly<Record<string, string>>,
  status: number,
  scrub: (text: string) => string
) => {
  const requestId = Errors.requestIdOf(headers, scrub)
  return requestId === undefined
    ? { "http.response.status_code": status }
    : { "http.response.status_code": status, "workos.request_id": requestId }
}

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
    effect.pipe(
      Effect.tapBoth({
        onSuccess: (response) =>
          Effect.annotateCurrentSpan(statusAttributes(response.headers, response.status, options.scrub)),
        // an outcome's headers are scrubbed already
        onFailure: (outcome) =>
          outcome._tag === "Failed"
            ? Effect.annotateCurrentSpan("workos.failure", outcome.reason)
            : Effect.annotateCurrentSpan(statusAttributes(outcome.headers, outcome.status, (text) => text))
      }),
      // The span ends as the attempt did, without the outcome as its error: the attributes say what happened, and an
      // outcome holds the raw answer.
      Effect.either,
      Effect.withSpan("WorkOSClient.attempt", {
        kind: "client",
        attributes: {
          "http.request.method": request.method,
          "url.path": options.pathOf(request),
          "workos.attempt": Retry.attemptOf(request)
        }
      }),
      Effect.flatMap(Either.match({ onLeft: Effect.fail, onRight: Effect.succeed }))
    ))
