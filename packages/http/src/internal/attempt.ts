/**
 * The innermost step of every attempt: the platform client's answer, its body read, as a response (a 2xx) or a
 * failed attempt `Outcome`.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Errors from "./errors.js"
import type { Outcome } from "./retry.js"
import * as Tracing from "./tracing.js"

// The body each answer was read with, so that the step that hands it over does not read it again.
const bodies = new WeakMap<HttpClientResponse.HttpClientResponse, string>()

/**
 * The body of an answer that came through {@link outcomes}, as read there; `undefined` for any other.
 *
 * @internal
 */
export const bodyOf = (response: HttpClientResponse.HttpClientResponse): string | undefined => bodies.get(response)

/**
 * The innermost step of an attempt, as an `HttpClient` transform: the body is read in full (so that the per-attempt
 * timeout around it covers reading it), a 2xx stays the response, and everything else becomes the attempt's failed
 * {@link Outcome}: an error answer, a redirect, or a platform failure (as `errors.ts` folds them). No `HttpClientError` gets past it. It runs in the attempt's own fiber (the timeout step forks it), where it turns
 * the platform's tracing off (`Tracing.platformTracingOff`).
 *
 * @internal
 */
export const outcomes = (
  client: HttpClient.HttpClient,
  scrub: (text: string) => string
): HttpClient.HttpClient.With<Outcome> =>
  // `client.execute` as one step, so that whatever the caller's transform of it does happens on every attempt, and
  // the steps around this one see the request as the client built it.
  HttpClient.makeWith<never, never, Outcome, never>((request) =>
    Effect.flatMap(request, (request) => Effect.zipRight(Tracing.platformTracingOff, client.execute(request))).pipe(
      Effect.flatMap((response) =>
        Effect.flatMap(response.text, (text) => {
          bodies.set(response, text)
          return Errors.isSuccess(response)
            ? Effect.succeed(response)
            : Effect.fail(Errors.answer(response, text, scrub))
        })
      ),
      Effect.catchIf(
        HttpClientError.isHttpClientError,
        (error) => Effect.fail(Errors.fromHttpClientError(error, scrub))
      )
    ), Effect.succeed)
