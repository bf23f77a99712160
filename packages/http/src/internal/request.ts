/**
 * Building the HTTP request of one call: the percent-encoded path, the query, the JSON body and the
 * Idempotency-Key. Authentication and the fixed headers are added by the client's `mapRequest`.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
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
export const encodePath = (segments: ReadonlyArray<string>): Effect.Effect<string, WorkOSError.InvalidRequest> => {
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") {
      return Effect.fail(
        new WorkOSError.InvalidRequest({
          field: "path",
          detail: `'${segment}' cannot be a path segment: it must be non-empty, and not '.' or '..'`
        })
      )
    }
  }
  return Effect.succeed(segments.map((segment) => `/${encodeURIComponent(segment)}`).join(""))
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
 * The request as sent (before the client adds the base URL, the key and the fixed headers). `body` is already
 * the wire JSON; it is serialized here, so a value JSON cannot hold fails with `InvalidRequest` instead of throwing.
 *
 * @internal
 */
export const build = (options: {
  readonly method: Method
  readonly path: string
  readonly query: Readonly<Record<string, string>> | undefined
  readonly body: unknown
  readonly idempotencyKey: string | undefined
}): Effect.Effect<HttpClientRequest.HttpClientRequest, WorkOSError.InvalidRequest> =>
  Effect.suspend(() => {
    let request = HttpClientRequest.make(options.method)(options.path)
    if (options.query !== undefined) request = HttpClientRequest.setUrlParams(request, options.query)
    if (options.idempotencyKey !== undefined) {
      request = HttpClientRequest.setHeader(request, "Idempotency-Key", options.idempotencyKey)
    }
    if (options.body === undefined) return Effect.succeed(request)
    let text: string | undefined
    try {
      text = JSON.stringify(options.body)
    } catch (e) {
      return Effect.fail(
        new WorkOSError.InvalidRequest({ field: "", detail: `the request body cannot be sent as JSON: ${String(e)}` })
      )
    }
    return Effect.succeed(HttpClientRequest.bodyText(request, text ?? "null", "application/json"))
  })
