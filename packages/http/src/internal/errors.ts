/**
 * Error folding, in one place: platform failures become attempt outcomes, final outcomes become the core error
 * family, and answers an operation does not document become `UnexpectedResponse`. Nothing here lets an
 * `HttpClientError`, a `ParseError` or the API key through.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import type { Outcome } from "./retry.js"

/**
 * Replaces every occurrence of the API key in a text (a proxy page that echoes the request headers, an error
 * description quoting them) with `<redacted>`.
 *
 * @internal
 */
export const scrubber = (apiKey: Redacted.Redacted): (text: string) => string => {
  const secret = Redacted.value(apiKey) as unknown
  if (typeof secret !== "string" || secret === "") return (text) => text
  return (text) => text.split(secret).join("<redacted>")
}

/**
 * A body as `fromResponse` wants it: the parsed JSON, or the raw text when it is not JSON. Top-level `secretFields`
 * of an object body are replaced, so that an excerpt never shows them.
 *
 * @internal
 */
export const parseBody = (text: string, secretFields: ReadonlyArray<string> = []): unknown => {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return text
  }
  return redactFields(body, secretFields)
}

const redactFields = (body: unknown, secretFields: ReadonlyArray<string>): unknown => {
  if (secretFields.length === 0 || !Predicate.isRecord(body)) return body
  const copy: Record<string, unknown> = { ...body }
  for (const field of secretFields) if (field in copy) copy[field] = "<redacted>"
  return copy
}

/**
 * What a platform failure means for the attempt: a transport failure, retryable unless it is one a retry cannot fix
 * (an invalid URL or a body that cannot be encoded: bugs, not weather).
 *
 * @internal
 */
export const fromHttpClientError = (
  error: HttpClientError.HttpClientError,
  scrub: (text: string) => string
): Outcome => ({
  _tag: "Failed",
  reason: "Transport",
  detail: scrub(error.message),
  retryable: error._tag === "ResponseError" || error.reason === "Transport"
})

/**
 * What the caller knew about the request, used to complete the errors of its last outcome.
 *
 * @internal
 */
export interface ErrorContext {
  readonly subject?: { readonly resource: string; readonly id: string } | undefined
  readonly errors?: ReadonlyArray<string> | undefined
  readonly secretFields?: ReadonlyArray<string> | undefined
}

const ALWAYS = new Set<string>(["InvalidRequest", "RequestFailed", "UnexpectedResponse"])

/**
 * The error of a final (not retried, or out of retries) outcome: `RequestFailed` for a failure before an answer,
 * core's `fromResponse` for an answer, narrowed to the tags the caller expects (anything else is
 * `UnexpectedResponse` with the status and an excerpt of the body).
 *
 * @internal
 */
export const fromOutcome = (
  outcome: Outcome,
  context: ErrorContext,
  nowMillis: number,
  scrub: (text: string) => string
): WorkOSError.ResponseError | WorkOSError.RequestFailed => {
  if (outcome._tag === "Failed") {
    return new WorkOSError.RequestFailed({ reason: outcome.reason, detail: outcome.detail })
  }
  const body = parseBody(scrub(outcome.text), context.secretFields)
  const error = WorkOSError.fromResponse(outcome.status, outcome.headers, body, {
    resource: context.subject?.resource,
    id: context.subject?.id,
    nowMillis
  })
  if (context.errors === undefined || ALWAYS.has(error._tag) || context.errors.includes(error._tag)) return error
  return new WorkOSError.UnexpectedResponse({
    status: outcome.status,
    excerpt: WorkOSError.excerpt(body),
    detail: `this request does not expect a ${error._tag} answer (${outcome.status})`,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId })
  })
}

const describeIssue = (issue: ParseResult.ArrayFormatterIssue | undefined): string => {
  if (issue === undefined) return "is invalid"
  const at = issue.path.length === 0
    ? "the body"
    : `'${
      issue.path.reduce<string>(
        (acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
        ""
      )
    }'`
  switch (issue._tag) {
    case "Missing":
      return `${at} is missing`
    case "Type":
      return `${at} has the wrong type`
    case "Unexpected":
      return `${at} is not allowed`
    default:
      return `${at} is invalid`
  }
}

/** What the decoders read of an answer: its status, its body and its request id (for errors). */
interface Answered {
  readonly status: number
  readonly text: string
  readonly requestId: string | undefined
}

/**
 * Decodes a 2xx body with `schema`. A body that is not JSON, or not the documented shape, is `UnexpectedResponse`:
 * its detail names the offending field (never its value, which may be a secret) and its excerpt hides
 * `secretFields`.
 *
 * @internal
 */
export const decodeBody = <A, I>(
  schema: Schema.Schema<A, I>,
  response: Answered,
  context: ErrorContext,
  scrub: (text: string) => string
): Effect.Effect<A, WorkOSError.UnexpectedResponse> => {
  const json = parseJson(response, context, scrub)
  return Either.isLeft(json) ? Effect.fail(json.left) : decodeParsed(schema, json.right, response, context, scrub)
}

/**
 * A 2xx body parsed as JSON; a body that is not JSON is `UnexpectedResponse`.
 *
 * @internal
 */
export const parseJson = (
  response: Answered,
  context: ErrorContext,
  scrub: (text: string) => string
): Either.Either<unknown, WorkOSError.UnexpectedResponse> => {
  try {
    return Either.right(JSON.parse(response.text))
  } catch {
    return Either.left(unexpectedResponse(response, context, scrub, "the body is not JSON"))
  }
}

/**
 * {@link decodeBody} of a body already parsed as `json`.
 *
 * @internal
 */
export const decodeParsed = <A, I>(
  schema: Schema.Schema<A, I>,
  json: unknown,
  response: Answered,
  context: ErrorContext,
  scrub: (text: string) => string
): Effect.Effect<A, WorkOSError.UnexpectedResponse> => {
  const decoded = decoderOf(schema)(json)
  if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
  const name = Option.getOrUndefined(AST.getIdentifierAnnotation(AST.typeAST(schema.ast)))
  return Effect.fail(
    unexpectedResponse(
      response,
      context,
      scrub,
      `the body is not ${name === undefined ? "the documented shape" : `a valid ${name}`}: ${
        describeIssue(ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0])
      }`
    )
  )
}

const unexpectedResponse = (
  response: Answered,
  context: ErrorContext,
  scrub: (text: string) => string,
  detail: string
): WorkOSError.UnexpectedResponse =>
  new WorkOSError.UnexpectedResponse({
    status: response.status,
    excerpt: WorkOSError.excerpt(parseBody(scrub(response.text), context.secretFields)),
    detail,
    ...(response.requestId === undefined ? {} : { requestId: response.requestId })
  })

// One synchronous decoder per schema, made on first use: the response schemas are plain data (no services, no
// asynchronous steps), so a body decodes without building an Effect per call.
const decoders = new WeakMap<Schema.Schema.Any, (u: unknown) => Either.Either<any, ParseResult.ParseError>>()
const decoderOf = <A, I>(schema: Schema.Schema<A, I>): (u: unknown) => Either.Either<A, ParseResult.ParseError> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = Schema.decodeUnknownEither(schema)
    decoders.set(schema, decoder)
  }
  return decoder
}
