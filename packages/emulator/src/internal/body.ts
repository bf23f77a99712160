/**
 * Request bodies: read with a size limit (over it → 413), parsed as JSON whatever the `Content-Type` says
 * (malformed → 400), and bounded in nesting depth so that no input can exhaust the stack.
 */
import { WorkOSError } from "@effect-workos/core"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

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
 * Reads the whole body. Past `limit` bytes it keeps reading but discards, so that the 413 reaches a client that is
 * still sending.
 *
 * @internal
 */
export const read = (request: HttpServerRequest.HttpServerRequest, limit = MAX_BODY_BYTES): Effect.Effect<Body> =>
  Effect.async<Body>((resume) => {
    const source = NodeHttpServerRequest.toIncomingMessage(request)
    const chunks: Array<Buffer> = []
    let size = 0
    let done = false
    const finish = (body: Body) => {
      if (done) return
      done = true
      source.off("data", onData)
      source.off("end", onEnd)
      source.off("error", onError)
      source.off("aborted", onError)
      resume(Effect.succeed(body))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        chunks.length = 0
        if (size > limit + MAX_DRAIN_BYTES) {
          source.pause()
          finish({ _tag: "TooLarge", drained: false })
        }
      } else {
        chunks.push(chunk)
      }
    }
    const onEnd = () =>
      finish(
        size > limit
          ? { _tag: "TooLarge", drained: true }
          : { _tag: "Text", text: Buffer.concat(chunks).toString("utf8") }
      )
    const onError = () => finish({ _tag: "Aborted" })
    if (source.readableEnded) return finish({ _tag: "Text", text: "" })
    source.on("data", onData)
    source.on("end", onEnd)
    source.on("error", onError)
    source.on("aborted", onError)
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
export const parseJson = (text: string): Either.Either<unknown, WorkOSError.BadRequest> => {
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
