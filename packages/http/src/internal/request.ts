/**
 * Building the HTTP request of one call: the base URL and percent-encoded path, the query, the fixed headers (key,
 * `User-Agent`, `Accept`, made once per client), the Idempotency-Key and the JSON body.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as Headers from "@effect/platform/Headers"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Random from "effect/Random"

/**
 * The methods the WorkOS Organizations API uses.
 *
 * @internal
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * Joins path segments, each percent-encoded with `encodeURIComponent`. An empty, `.` or `..` segment would be
 * resolved away by URL parsing (also in its `%2E` form) and address another resource: it fails with
 * `InvalidRequest` before anything is sent.
 *
 * @internal
 */
export const encodePath = (segments: ReadonlyArray<string>): Either.Either<string, WorkOSError.InvalidRequest> => {
  let path = ""
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") {
      return Either.left(
        new WorkOSError.InvalidRequest({
          field: "path",
          detail: `'${segment}' cannot be a path segment: it must be non-empty, and not '.' or '..'`
        })
      )
    }
    path += `/${encodeURIComponent(segment)}`
  }
  return Either.right(path)
}

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

/**
 * The request as sent: the base URL and path, the query, the fixed headers (key, `User-Agent`, `Accept`), the
 * Idempotency-Key and the JSON body. `body` is already the wire JSON; it is serialized here, so a value JSON cannot
 * hold fails with `InvalidRequest` instead of throwing.
 *
 * @internal
 */
export const build = (options: {
  readonly method: Method
  readonly url: string
  readonly headers: Headers.Headers
  readonly query: Readonly<Record<string, string>> | undefined
  readonly body: unknown
  readonly idempotencyKey: string | undefined
}): Either.Either<HttpClientRequest.HttpClientRequest, WorkOSError.InvalidRequest> => {
  let body: HttpBody.HttpBody | undefined
  if (options.body !== undefined) {
    let text: string | undefined
    try {
      text = JSON.stringify(options.body)
    } catch (e) {
      return Either.left(
        new WorkOSError.InvalidRequest({ field: "", detail: `the request body cannot be sent as JSON: ${String(e)}` })
      )
    }
    body = HttpBody.text(text ?? "null", "application/json")
  }
  return Either.right(
    HttpClientRequest.make(options.method as "POST")(options.url, {
      headers: options.idempotencyKey === undefined
        ? options.headers
        : Headers.set(options.headers, "idempotency-key", options.idempotencyKey),
      ...(options.query === undefined ? {} : { urlParams: options.query }),
      ...(body === undefined ? {} : { body })
    })
  )
}
