/**
 * Building the HTTP request of one call: the base URL and percent-encoded path, the query, the fixed headers (key,
 * `User-Agent`, `Accept`, made once per client), the Idempotency-Key and the JSON body.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as Headers from "@effect/platform/Headers"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Either from "effect/Either"

/**
 * The methods the WorkOS Organizations API uses. Not marked internal: the public `WorkOSClient.Request` names it.
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
    if (!isSendable(segment)) return Either.left(unsendable(segment))
    path += `/${encodeURIComponent(segment)}`
  }
  return Either.right(path)
}

const isSendable = (segment: string): boolean => segment !== "" && segment !== "." && segment !== ".."

const unsendable = (segment: string) =>
  new WorkOSError.InvalidRequest({
    field: "path",
    detail: `'${segment}' cannot be a path segment: it must be non-empty, and not '.' or '..'`
  })

/**
 * The same check on a path already encoded (`/organizations/org_1`, each segment percent-encoded, so a `.` in one
 * is a literal dot): every segment is sendable.
 *
 * @internal
 */
export const checkPath = (path: string): Either.Either<string, WorkOSError.InvalidRequest> => {
  const segments = path.split("/")
  for (let i = 1; i < segments.length; i++) if (!isSendable(segments[i]!)) return Either.left(unsendable(segments[i]!))
  return Either.right(path)
}

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
  const request = HttpClientRequest.make(options.method)(options.url, {
    headers: options.idempotencyKey === undefined
      ? options.headers
      : Headers.set(options.headers, "idempotency-key", options.idempotencyKey),
    ...(options.query === undefined ? {} : { urlParams: options.query })
  })
  return Either.right(body === undefined ? request : HttpClientRequest.setBody(request, body))
}
