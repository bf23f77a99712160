/**
 * The span of each attempt, as an `HttpClient` transform. A third-party API: no trace context headers go out, and
 * the platform's own client span is off, because it records the raw transport error, whose text is the transport's
 * to choose. Each attempt gets `WorkOSClient.attempt` instead: method, path, attempt number (`Retry.currentAttempt`), then the status and
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
  HttpClient.transform(
    client,
    (effect, request) =>
      Effect.flatMap(FiberRef.get(Retry.currentAttempt), (n) =>
        effect.pipe(
          Effect.locally(HttpClient.currentTracerPropagation, false),
          Effect.locally(HttpClient.currentTracerDisabledWhen, constTrue),
          Effect.tapBoth({
            onSuccess: (response) =>
              Effect.annotateCurrentSpan(statusAttributes(response.headers, response.status, options.scrub)),
            // an outcome's headers are scrubbed already
            onFailure: (outcome) =>
              outcome._tag === "Failed"
                ? Effect.annotateCurrentSpan("workos.failure", outcome.reason)
                : Effect.annotateCurrentSpan(statusAttributes(outcome.headers, outcome.status, (text) => text))
          }),
          // The span ends as the attempt did, without the outcome as its error: the attributes say what happened, and
          // an outcome holds the raw answer.
          Effect.either,
          Effect.withSpan("WorkOSClient.attempt", {
            kind: "client",
            attributes: {
              "http.request.method": request.method,
              "url.path": options.pathOf(request),
              "workos.attempt": n
            }
          }),
          Effect.flatMap(Either.match({ onLeft: Effect.fail, onRight: Effect.succeed }))
        ))
  )
