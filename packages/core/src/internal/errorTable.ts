/**
 * The wire table, derived from the classes' wire forms: which classes an answer at a status can decode to, in
 * which order, and the two directions over all of them (`fromResponse` for the client, `toResponse` for the
 * emulator).
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "../SchemaIssue.js"
import { type ResponseError, ServerSideError } from "./family.js"
import { UnexpectedResponse } from "./serviceErrors.js"
import { type Answer, excerpt, inRange, type Wire } from "./wire.js"

/**
 * Reads a `Retry-After` value: whole seconds (`^\d+$`) or an HTTP date compared with `nowMillis`. A date in the
 * past means zero. Anything else is `None`.
 *
 * @since 0.1.0
 * @category wire
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (value === undefined) return Option.none()
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Option.some(Duration.seconds(Number(trimmed)))
  if (!/[a-z]/i.test(trimmed)) return Option.none()
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, at - nowMillis)))
}

/**
 * What the caller knew when it sent the request, used to fill in errors the body leaves vague.
 *
 * @since 0.1.0
 * @category wire
 */
export interface ResponseContext {
  /** The entity the request addressed, for 404s whose body does not say (`{"message":"Not Found"}`). */
  readonly resource?: string | undefined
  /** The id the request addressed. */
  readonly id?: string | undefined
  /** The time used to read an HTTP-date `Retry-After`; defaults to the epoch, so pass `Clock` time. */
  readonly nowMillis?: number | undefined
}

interface Decoder {
  readonly _tag: ServerSideError["_tag"]
  readonly wire: Omit<Wire<ServerSideError>, "schema">
}

const wires: ReadonlyArray<Decoder> = ServerSideError.members

const classesAt = (status: number): ReadonlyArray<Decoder> => {
  const own = wires.filter(({ wire }) => wire.status === status)
  const catchAll = own.every(({ wire }) => wire.shared)
    ? wires.filter(({ wire }) => typeof wire.status !== "number" && inRange(status, wire.status))
    : []
  return [...own, ...catchAll]
}

const byStatus = new Map<number, ReadonlyArray<Decoder>>()

const decodersAt = (status: number): ReadonlyArray<Decoder> => {
  let decoders = byStatus.get(status)
  if (decoders === undefined) {
    decoders = classesAt(status)
    if (Number.isInteger(status) && status >= 100 && status <= 599) byStatus.set(status, decoders)
  }
  return decoders
}

/**
 * The classes an answer with this status can decode to, in the order {@link fromResponse} tries them: the classes
 * whose wire status it is (in the order of `ServerSideError`), then, when every one of them shares its status, the
 * classes whose wire range holds it (`BadRequest` for a 4xx, `ServerError` for a 5xx).
 *
 * @since 0.2.0
 * @category wire
 */
export const tagsAt = (status: number): ReadonlyArray<ServerSideError["_tag"]> =>
  decodersAt(status).map(({ _tag }) => _tag)

/**
 * The error an answer decodes to: the first of the classes at its status ({@link tagsAt}) whose wire schema
 * decodes it, or why none does.
 */
export const decodeAnswer = (answer: Answer): Either.Either<ServerSideError, string> => {
  let detail = `status ${answer.status} is not an error status`
  for (const { wire } of decodersAt(answer.status)) {
    const decoded = wire.decode(answer)
    if (Either.isRight(decoded)) return Either.right(decoded.right)
    detail = SchemaIssue.first(decoded.left).message
  }
  return Either.left(detail)
}

/**
 * Turns an error response into the error family: the status gives the candidate classes ({@link tagsAt}), and the
 * first whose wire schema decodes the answer wins (told apart by the body's `code`, which need not be there);
 * `headers` are read case-insensitively; `body` is the parsed JSON, or the raw text when it was not JSON. An answer
 * no candidate decodes gives `UnexpectedResponse`, saying why.
 *
 * @since 0.1.0
 * @category wire
 */
export const fromResponse = (
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  body: unknown,
  context: ResponseContext = {}
): ResponseError => {
  const header = (name: string): string | undefined => {
    for (const key in headers) if (key.toLowerCase() === name) return headers[key]
    return undefined
  }
  const rawId = header("x-request-id")
  const requestId = rawId === undefined || rawId === "" ? undefined : rawId
  const retryAfter = parseRetryAfter(header("retry-after"), context.nowMillis ?? 0)
  const decoded = decodeAnswer({
    status,
    body,
    ...(requestId === undefined ? {} : { requestId }),
    ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
    ...(context.resource === undefined || context.id === undefined
      ? {}
      : { subject: { resource: context.resource, id: context.id } })
  })
  return Either.getOrElse(decoded, (detail) =>
    new UnexpectedResponse({
      status,
      excerpt: excerpt(body),
      detail,
      ...(requestId === undefined ? {} : { requestId })
    }))
}

/**
 * An HTTP error answer: status, JSON body and extra headers.
 *
 * @since 0.1.0
 * @category wire
 */
export interface ErrorResponse {
  readonly status: number
  readonly body: Record<string, unknown>
  readonly headers: Readonly<Record<string, string>>
}

const encodeAnswer = Schema.encodeSync(Schema.Union(...ServerSideError.members.map(({ wire }) => wire.schema)))

/**
 * The reverse of {@link fromResponse}: the answer WorkOS gives for an error (WIRE.md §8.4), encoded with its class's
 * wire schema. The emulator serves it, with its own fresh `X-Request-Id` (the error's `requestId` is not sent).
 *
 * @since 0.1.0
 * @category wire
 */
export const toResponse = (error: ServerSideError): ErrorResponse => {
  const answer = encodeAnswer(error)
  return {
    status: answer.status,
    // every wire schema encodes its body as a JSON object (`WireSpec.encode`)
    body: answer.body as Record<string, unknown>,
    headers: answer.retryAfter === undefined
      ? {}
      : { "retry-after": String(Math.ceil(Duration.toSeconds(answer.retryAfter))) }
  }
}
