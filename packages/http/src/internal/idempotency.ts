/**
 * Idempotency-Keys, as an `HttpClient` transform: a POST without one gets a fresh random UUID. Placed outside the
 * retry step, so that every attempt of one call carries the same key and the server can apply the call once.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

/**
 * A random (version 4) UUID drawn from `Random`, so that seeded tests see the same keys.
 *
 * @internal
 */
export const uuid: Effect.Effect<string> = Effect.gen(function*() {
  const bytes: Array<number> = []
  for (let i = 0; i < 16; i++) bytes.push(yield* Random.nextIntBetween(0, 256))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
})

const HEADER = "idempotency-key"

/**
 * @internal
 */
export const transform = <E, R>(client: HttpClient.HttpClient.With<E, R>): HttpClient.HttpClient.With<E, R> =>
  HttpClient.mapRequestEffect(
    client,
    (request) =>
      request.method === "POST" && request.headers[HEADER] === undefined
        ? Effect.map(uuid, (key) => HttpClientRequest.setHeader(request, HEADER, key))
        : Effect.succeed(request)
  )
