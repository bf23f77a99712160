/**
 * Idempotency-Keys, as an `HttpClient` transform: a POST without one gets a fresh random UUID (core's `Uuid.make`,
 * seedable through `Random`). Placed outside the retry step, so that every attempt of one call carries the same key
 * and the server can apply the call once.
 */
import * as Uuid from "@effect-workos/core/Uuid"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"

const HEADER = "idempotency-key"

/**
 * @internal
 */
export const transform = <E, R>(client: HttpClient.HttpClient.With<E, R>): HttpClient.HttpClient.With<E, R> =>
  HttpClient.mapRequestEffect(
    client,
    (request) =>
      request.method === "POST" && request.headers[HEADER] === undefined
        ? Effect.map(Uuid.make, (key) => HttpClientRequest.setHeader(request, HEADER, key))
        : Effect.succeed(request)
  )
