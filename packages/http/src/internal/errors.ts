/**
 * Error folding, in one place: platform failures become attempt outcomes, final outcomes become the core error
 * family, and answers an operation does not document become `UnexpectedResponse`. Nothing here lets an
 * `HttpClientError`, a `ParseError` or the API key through.
 */
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
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
 * Replaces every occurrence of the API key in a text with `<redacted>`. Every text the server controls passes
 * through it before an error, a span or a log can show it: the answer's headers and error body as they arrive
 * ({@link answer}), a transport's failure message ({@link fromHttpClientError}), whatever an error quotes of a 2xx
 * body ({@link decodeParsed}) and a list's cursor (`Pagination.Split.redact`). A text without the key is returned as
 * it is, without a copy.
 *
 * @internal
 */
export const scrubber = (apiKey: Redacted.Redacted): (text: string) => string => {
  const secret = Redacted.value(apiKey) as unknown
  if (typeof secret !== "string" || secret === "") return (text) => text
  return (text) => redactIn(text, secret)
}

const REDACTED = "<redacted>"

const redactIn = (text: string, secret: string): string =>
  text.includes(secret) ? text.split(secret).join(REDACTED) : text

// The platform's responses convert their headers anew on each read of `headers`; an answer's are read by several
// steps (the span, the outcome), so each response's are converted once.
const headersCache = new WeakMap<HttpClientResponse.HttpClientResponse, Headers.Headers>()

/**
 * The headers of a response, as its `headers` gives them, read once per response.
 *
 * @internal
 */
export const headersOf = (response: HttpClientResponse.HttpClientResponse): Headers.Headers => {
  const cached = headersCache.get(response)
  if (cached !== undefined) return cached
  const headers = response.headers
  headersCache.set(response, headers)
  return headers
}

/**
 * The headers with every value scrubbed; the same object when none held the key (the usual case: no copy).
 */
const scrubHeaders = (
  headers: Readonly<Record<string, string>>,
  scrub: (text: string) => string
): Readonly<Record<string, string>> => {
  let copy: Record<string, string> | undefined
  for (const name in headers) {
    const value = headers[name]!
    const scrubbed = scrub(value)
    if (scrubbed !== value) {
      copy ??= { ...headers }
      copy[name] = scrubbed
    }
  }
  return copy ?? headers
}

/**
 * Where an answer sends the client, when it is a redirect: the `Location` of a 3xx, or the address a transport
 * that follows redirects itself (fetch with its default `redirect: "follow"`) ended at.
 */
const redirectOf = (response: HttpClientResponse.HttpClientResponse): string | undefined => {
  if (response.status >= 300 && response.status < 400) return headersOf(response).location ?? ""
  // The platform's fetch response keeps the web `Response` it wraps (under the `original` of a scoped response).
  let current: unknown = response
  for (let depth = 0; depth < 4 && Predicate.isObject(current); depth++) {
    const source = (current as { readonly source?: { readonly redirected?: unknown; readonly url?: unknown } }).source
    if (source?.redirected === true && typeof source.url === "string") return source.url
    current = (current as { readonly original?: unknown }).original
  }
  return undefined
}

/**
 * Whether an answer is the success it looks like: a 2xx that is not the end of a redirect the transport followed.
 *
 * @internal
 */
export const isSuccess = (response: HttpClientResponse.HttpClientResponse): boolean =>
  response.status >= 200 && response.status < 300 && redirectOf(response) === undefined

/**
 * The `X-Request-ID` of an answer, scrubbed; `undefined` when the server sent none or an empty one.
 *
 * @internal
 */
export const requestIdOf = (
  headers: Readonly<Record<string, string>>,
  scrub: (text: string) => string
): string | undefined => {
  const id = headers["x-request-id"]
  return id === undefined || id === "" ? undefined : scrub(id)
}

/**
 * The outcome of an attempt that got an answer, as every later step sees it: its headers scrubbed of the key, and
 * an error answer's body too (a 2xx body is the caller's data and stays as it is). A redirect is an outcome of its
 * own: WorkOS never redirects, so it is refused, never followed (the key must not go to another origin).
 *
 * @internal
 */
export const answer = (
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  scrub: (text: string) => string
): Outcome => {
  const headers = scrubHeaders(headersOf(response), scrub)
  const location = redirectOf(response)
  if (location !== undefined) return { _tag: "Redirect", status: response.status, headers, location: scrub(location) }
  const ok = response.status >= 200 && response.status < 300
  const outcome: Outcome = { _tag: "Answer", status: response.status, headers, text: ok ? text : scrub(text), response }
  // the raw answer, not enumerable: no log, span or inspection of an outcome shows it
  return Object.defineProperty(outcome, "response", { enumerable: false })
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
  for (const field of secretFields) if (field in copy) copy[field] = REDACTED
  return copy
}

/** The string values of a body's top-level `secretFields`: hidden wherever else the body repeats them. */
const secretValues = (body: unknown, secretFields: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (secretFields.length === 0 || !Predicate.isRecord(body)) return []
  const values: Array<string> = []
  for (const field of secretFields) {
    const value = body[field]
    if (typeof value === "string" && value !== "") values.push(value)
  }
  return values
}

const without = (secrets: ReadonlyArray<string>, scrub: (text: string) => string) =>
  secrets.length === 0 ? scrub : (text: string): string => secrets.reduce(redactIn, scrub(text))

/**
 * @internal
 */
export { fromHttpClientError } from "./transport.js"

/**
 * What the caller knew about the request, used to complete the errors of its last outcome. Not marked internal:
 * the public `WorkOSClient.Request` extends it (through the executor's `Call`).
 */
export interface ErrorContext<Tag extends ErrorTag = ErrorTag> {
  readonly subject?: { readonly resource: string; readonly id: string } | undefined
  readonly errors?: ReadonlyArray<Tag> | undefined
  readonly secretFields?: ReadonlyArray<string> | undefined
}

/**
 * The tag of any error in the core family. Public through `WorkOSClient.ErrorTag`, so it carries no internal tag
 * (the build strips those declarations from the published `.d.ts`).
 */
export type ErrorTag = WorkOSError.WorkOSError["_tag"]

/**
 * What a call expecting the tags `Tag` can fail with: those, plus the three the client produces itself. Public
 * through `WorkOSClient.Failure`, so it carries no internal tag either.
 */
export type Failure<Tag extends ErrorTag> =
  | Extract<WorkOSError.WorkOSError, { readonly _tag: Tag }>
  | WorkOSError.InvalidRequest
  | WorkOSError.RequestFailed
  | WorkOSError.UnexpectedResponse

const ALWAYS: ReadonlySet<string> = new Set<ErrorTag>(["InvalidRequest", "RequestFailed", "UnexpectedResponse"])

/**
 * Whether the call expects the error (every tag when it names none): the check that narrows its type.
 *
 * @internal
 */
export const isExpected = <Tag extends ErrorTag>(
  error: WorkOSError.WorkOSError,
  tags: ReadonlyArray<Tag> | undefined
): error is Failure<Tag> => {
  if (tags === undefined || ALWAYS.has(error._tag)) return true
  const expected: ReadonlyArray<string> = tags
  return expected.includes(error._tag)
}

/**
 * The error of a final (not retried, or out of retries) outcome: `RequestFailed` for a failure before an answer,
 * core's `fromResponse` for an answer, narrowed to the tags the caller expects (anything else is
 * `UnexpectedResponse` with the status and an excerpt of the body).
 *
 * @internal
 */
export const fromOutcome = <Tag extends ErrorTag>(
  outcome: Outcome,
  context: ErrorContext<Tag>,
  nowMillis: number
): Failure<Tag> => {
  if (outcome._tag === "Failed") {
    return new WorkOSError.RequestFailed({ reason: outcome.reason, detail: outcome.detail })
  }
  const rawId = outcome.headers["x-request-id"]
  const requestId = rawId === undefined || rawId === "" ? {} : { requestId: rawId }
  if (outcome._tag === "Redirect") {
    const status = outcome.status >= 300 && outcome.status < 400 ? ` (${outcome.status})` : ""
    return new WorkOSError.UnexpectedResponse({
      status: outcome.status,
      excerpt: WorkOSError.excerpt(outcome.location),
      detail: outcome.location === ""
        ? `WorkOS answered ${outcome.status}, a redirect status without a Location; redirects are refused`
        : `WorkOS answered a redirect${status} to ${hostOf(outcome.location)}; redirects are refused, so the API key ` +
          `is sent to no other address`,
      ...requestId
    })
  }
  const body = parseBody(outcome.text, context.secretFields)
  const error = WorkOSError.fromResponse(outcome.status, outcome.headers, body, {
    resource: context.subject?.resource,
    id: context.subject?.id,
    nowMillis
  })
  if (isExpected(error, context.errors)) return error
  return new WorkOSError.UnexpectedResponse({
    status: outcome.status,
    excerpt: WorkOSError.excerpt(body),
    detail: `this request does not expect a ${error._tag} answer (${outcome.status})`,
    ...requestId
  })
}

// The host a redirect names, for its error; the Location as sent (bounded) when it is not a URL.
const hostOf = (location: string): string => {
  try {
    const url = new URL(location, "http://relative.invalid")
    return url.host === "relative.invalid" ? `the relative address ${SchemaIssue.formatValue(location)}` : url.host
  } catch {
    return SchemaIssue.formatValue(location)
  }
}

// The first issue of a decode failure, as a detail: the field path and what is wrong. A value it quotes has the key
// and the body's secret values removed; a secret field's own value is never quoted.
const describe = (
  error: ParseResult.ParseError,
  context: ErrorContext,
  redact: (text: string) => string
): string => {
  const issue = SchemaIssue.first(error, { redact })
  const path = SchemaIssue.formatPath(issue.path)
  const at = path === "" ? "the body" : `'${path}'`
  const top = issue.path[0]
  if (typeof top === "string" && context.secretFields?.includes(top) === true) return `${at} is invalid`
  if (issue._tag === "Missing" || issue._tag === "Unexpected") return `${at} ${issue.message}`
  return `${at}: ${issue.message}`
}

/**
 * What the decoders read of an answer: its status, its body and its request id (for errors).
 *
 * @internal
 */
export interface Answered {
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
  const redact = without(secretValues(json, context.secretFields ?? []), scrub)
  return Effect.fail(
    unexpectedResponse(
      response,
      context,
      redact,
      `the body is not ${name === undefined ? "the documented shape" : `a valid ${name}`}: ${
        describe(decoded.left, context, redact)
      }`
    )
  )
}

// Every text of the error is redacted, including the detail (which may quote the body); the excerpt is made from the
// redacted text, so a key cut by the excerpt's end cannot show either.
const unexpectedResponse = (
  response: Answered,
  context: ErrorContext,
  redact: (text: string) => string,
  detail: string
): WorkOSError.UnexpectedResponse =>
  new WorkOSError.UnexpectedResponse({
    status: response.status,
    excerpt: WorkOSError.excerpt(parseBody(redact(response.text), context.secretFields)),
    detail: redact(detail),
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
