/**
 * Response builders. JSON answers carry `Content-Type: application/json; charset=utf-8` (the official SDK decodes
 * success bodies only then); `server.ts` adds the `X-Request-ID` to every answer. Error bodies come from core's
 * `WorkOSError.toResponse` (the declaration's wire errors encode with it); only the router's own answers (unknown
 * route, wrong method, body too large), which no WorkOS operation defines, are written here, in the NestJS shape the
 * real API's router uses.
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
  headers: Readonly<Record<string, string>> = {}
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(JSON.stringify(body), { status, contentType: JSON_CONTENT_TYPE, headers })

/** @internal */
export const error = (failure: WorkOSError.ServerSideError): HttpServerResponse.HttpServerResponse => {
  const answer = WorkOSError.toResponse(failure)
  return json(answer.status, answer.body, answer.headers)
}

const nest = (status: number, error: string, message: string, headers = {}) =>
  json(status, { message, error, statusCode: status }, headers)

/** @internal */
export const routeNotFound = (method: string, url: string) =>
  nest(404, "Not Found", `Cannot ${method} ${url.length > 2048 ? `${url.slice(0, 2048)}…` : url}`)

/** @internal */
export const methodNotAllowed = (allow: ReadonlyArray<string>) =>
  nest(405, "Method Not Allowed", "Method Not Allowed", { allow: allow.join(", ") })

/** The body-parser's answer to a body over the limit. @internal */
export const PAYLOAD_TOO_LARGE = { message: "request entity too large", error: "Payload Too Large", statusCode: 413 }

/** The answer to a path parameter that is not percent-decodable, as WorkOS words it. @internal */
export const badPathParameter = (raw: string) =>
  error(new WorkOSError.BadRequest({ status: 400, detail: `Failed to decode param '${raw.slice(0, 200)}'` }))
