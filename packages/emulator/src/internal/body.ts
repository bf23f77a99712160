/**
 * Request bodies: read with a size limit (over it → 413), parsed as JSON whatever the `Content-Type` says
 * (malformed → 400), and bounded in nesting depth so that no input can exhaust the stack.
 */
import { WorkOSError } from "@effect-workos/core"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import { ConnectionDropped } from "./api.js"
import * as Responses from "./responses.js"

/** The largest body the WorkOS routes accept, like the real API's 1 MiB limit. */
export const MAX_BODY_BYTES = 1024 * 1024

/** The largest body the control API accepts: seeds and snapshots of large environments are tens of megabytes. */
export const MAX_CONTROL_BODY_BYTES = 512 * 1024 * 1024

/** Beyond the limit plus this, the rest of an oversized body is not drained: the connection closes after the 413. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024

/** Deeper JSON is rejected before any schema walks it. */
export const MAX_DEPTH = 64

/** @internal */
export type Body =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "TooLarge"; readonly drained: boolean }
  | { readonly _tag: "Aborted" }

/**
 * Reads the whole body, on any platform (`request.stream`). Past `limit` bytes it keeps reading but discards, so
 * that the 413 reaches a client that is still sending; past `limit` plus 64 MiB it stops reading.
 *
 * @internal
 */
export const read = (request: HttpServerRequest.HttpServerRequest, limit = MAX_BODY_BYTES): Effect.Effect<Body> =>
  Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return request.stream.pipe(
      Stream.takeWhile(() => size <= limit + MAX_DRAIN_BYTES),
      Stream.runForEachChunk((chunk) =>
        Effect.sync(() => {
          for (const bytes of chunk) {
            size += bytes.length
            if (size <= limit) chunks.push(bytes)
          }
        })
      ),
      Effect.match({
        onFailure: (): Body => ({ _tag: "Aborted" }),
        onSuccess: (): Body =>
          size > limit
            ? { _tag: "TooLarge", drained: size <= limit + MAX_DRAIN_BYTES }
            : { _tag: "Text", text: Buffer.concat(chunks).toString("utf8") }
      })
    )
  })

const depthExceeds = (value: unknown, max: number): boolean => {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== "object" || v === null) continue
    if (depth >= max) return true
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}

/**
 * Parses a JSON request body. An empty body is `{}` (the real API validates it as an empty object); anything that
 * is not JSON, or nests deeper than {@link MAX_DEPTH}, is a 400.
 *
 * @internal
 */
export const parseJson = (text: string): Either.Either<object, WorkOSError.BadRequest> => {
  if (text.trim() === "") return Either.right({})
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return Either.left(
      new WorkOSError.BadRequest({
        status: 400,
        detail: `The request body is not valid JSON: ${reason.length > 200 ? `${reason.slice(0, 200)}…` : reason}`
      })
    )
  }
  if (depthExceeds(value, MAX_DEPTH)) {
    return Either.left(
      new WorkOSError.BadRequest({
        status: 400,
        detail: `The request body nests deeper than ${MAX_DEPTH} levels`
      })
    )
  }
  if (typeof value !== "object" || value === null) {
    return Either.left(
      new WorkOSError.BadRequest({ status: 400, detail: "The request body must be a JSON object" })
    )
  }
  return Either.right(value)
}

/**
 * Reads a JSON object body for a handler: `f` gets it; a body over the limit is 413 (the connection closes when it
 * was not drained), a malformed one WorkOS's 400, an aborted upload drops the connection.
 *
 * @internal
 */
export const withObject = <E, R>(
  request: HttpServerRequest.HttpServerRequest,
  limit: number,
  f: (body: object) => Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, E | ConnectionDropped, R> =>
  Effect.flatMap(
    read(request, limit),
    (body): Effect.Effect<HttpServerResponse.HttpServerResponse, E | ConnectionDropped, R> => {
      switch (body._tag) {
        case "Aborted":
          return Effect.fail(new ConnectionDropped())
        case "TooLarge":
          return Effect.succeed(
            Responses.json(413, Responses.PAYLOAD_TOO_LARGE, body.drained ? {} : { connection: "close" })
          )
        case "Text":
          return Either.match(parseJson(body.text), {
            onLeft: (error) => Effect.succeed(Responses.error(error)),
            onRight: f
          })
      }
    }
  )
