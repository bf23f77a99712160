/**
 * Response builders. Every answer carries a fresh `X-Request-ID`; JSON answers carry
 * `Content-Type: application/json; charset=utf-8` (the official SDK decodes success bodies only then). Error bodies
 * come from core's `WorkOSError.toResponse`; only the router's own answers (unknown route, wrong method, body too
 * large), which no WorkOS operation defines, are written here, in the NestJS shape the real API's router uses.
 */
import { WorkOSError } from "@effect-workos/core"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"

/** @internal */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8"

/** @internal */
export const TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"

/** @internal */
export const json = (
  status: number,
  body: unknown,
  requestId: string,
  headers: Readonly<Record<string, string>> = {}
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(JSON.stringify(body), {
    status,
    contentType: JSON_CONTENT_TYPE,
    headers: { ...headers, "x-request-id": requestId }
  })

/** @internal */
export const error = (
  failure: WorkOSError.ServerSideError,
  requestId: string
): HttpServerResponse.HttpServerResponse => {
  const answer = WorkOSError.toResponse(failure)
  return json(answer.status, answer.body, requestId, answer.headers)
}

const nest = (status: number, error: string, message: string, requestId: string, headers = {}) =>
  json(status, { message, error, statusCode: status }, requestId, headers)

/** @internal */
export const routeNotFound = (method: string, url: string, requestId: string) =>
  nest(404, "Not Found", `Cannot ${method} ${url.length > 2048 ? `${url.slice(0, 2048)}…` : url}`, requestId)

/** @internal */
export const methodNotAllowed = (allow: ReadonlyArray<string>, requestId: string) =>
  nest(405, "Method Not Allowed", "Method Not Allowed", requestId, { allow: allow.join(", ") })

/** The body-parser's answer to a body over the limit. @internal */
export const PAYLOAD_TOO_LARGE = { message: "request entity too large", error: "Payload Too Large", statusCode: 413 }
