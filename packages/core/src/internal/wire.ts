/**
 * The plumbing every error class's wire form shares: the answer a wire schema reads and writes, the WorkOS error
 * envelope, the request-id suffix of messages, and `wire`, which turns what a class says about its wire form into
 * one schema read in both directions.
 */
import type * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "../SchemaIssue.js"

/**
 * @since 0.1.0
 * @category type ids
 */
export const TypeId: unique symbol = Symbol.for("@effect-workos/core/WorkOSError")

/**
 * @since 0.1.0
 * @category type ids
 */
export type TypeId = typeof TypeId

/** The `requestId` field of every class a server answers with. */
export const requestId = Schema.optional(Schema.String)

/** A sentence that more text follows after `: ` (its closing `.` or `:` would read `failed.: name`). */
export const clause = (text: string): string => text.replace(/[.:]\s*$/, "")

/** A message with the request id WorkOS gave, when it gave one. */
export const withRequestId = (message: string, id: string | undefined): string =>
  id === undefined ? message : `${message} (request id: ${id})`

/**
 * An error answer as a class's wire schema reads and writes it: the status, the body (the parsed JSON, or the raw
 * text when it was not JSON), and what the headers and the request say — `X-Request-Id`, `Retry-After` (already read
 * against the caller's clock) and the entity the request addressed (for a 404 whose body does not name one).
 *
 * @since 0.2.0
 * @category wire
 */
export const Answer = Schema.Struct({
  status: Schema.Number,
  body: Schema.Unknown,
  requestId: Schema.optional(Schema.String),
  retryAfter: Schema.optional(Schema.DurationFromSelf),
  subject: Schema.optional(Schema.Struct({ resource: Schema.String, id: Schema.String }))
})

/**
 * @since 0.2.0
 * @category wire
 */
export type Answer = typeof Answer.Type

/**
 * How an error class travels as an HTTP answer: the status (or range of statuses) WorkOS answers it with, the fields
 * of the JSON body it sends (what the API declaration, and so the OpenAPI document, describes), and one schema
 * between the {@link Answer} and the error. Decoding it is what the client does with an error answer, encoding it is
 * what the emulator sends. Classes sharing a status are told apart by their body (its `code`, or for the idempotency
 * mismatch its message); a body none of them decodes is a `BadRequest` when every class at that status is `shared`,
 * else an `UnexpectedResponse`.
 *
 * @since 0.2.0
 * @category wire
 */
export interface Wire<E> {
  readonly status: number | readonly [min: number, max: number]
  readonly shared: boolean
  /** The JSON body at this class's status: the fields WorkOS sends, unknown ones allowed. */
  readonly body: Schema.Schema<JsonObject>
  readonly schema: Schema.Schema<E, Answer>
  /** `Schema.decodeEither(schema)`. */
  readonly decode: (answer: Answer) => Either.Either<E, ParseResult.ParseError>
}

/**
 * A JSON object.
 *
 * @since 0.2.0
 * @category wire
 */
export type JsonObject = { readonly [key: string]: unknown }

/** What every WorkOS error body is (WIRE.md §8.1): a JSON object with a `message` (Nest style: a list, read joined). */
export interface Body {
  readonly fields: { readonly [key: string]: unknown }
  readonly message: string
  readonly messages?: ReadonlyArray<string>
}

const envelope = (body: unknown): Either.Either<Body, string> => {
  if (!Predicate.isRecord(body)) return Either.left("the error body is not a JSON object")
  const message = body.message
  if (typeof message === "string") return Either.right({ fields: body, message })
  if (Array.isArray(message) && message.every(Predicate.isString)) {
    return Either.right({ fields: body, message: message.join("; "), messages: message })
  }
  return Either.left("the error body has no message")
}

// 5xx and 429 may come from a proxy or load balancer in front of WorkOS, with any body at all: the status alone says
// what happened, the text is the body's message or else its first characters.
const looseEnvelope = (body: unknown): Body =>
  Predicate.isRecord(body) && typeof body.message === "string"
    ? { fields: body, message: body.message }
    : { fields: {}, message: excerpt(body) }

/** `{ [key]: value }` when `value` is a string, else `{}`. */
export const optionalString = <K extends string>(key: K, value: unknown): { readonly [k in K]?: string } =>
  (typeof value === "string" ? { [key]: value } : {}) as { readonly [k in K]?: string }

type Props<C extends abstract new(props: any, options?: any) => unknown> = Omit<
  Exclude<ConstructorParameters<C>[0], void>,
  "requestId"
>

/** What a class says about its wire form; {@link wire} adds what every class shares. */
export interface WireSpec<E, P> {
  readonly status: Wire<unknown>["status"]
  /** Default `false`: an answer at this status that the class does not decode is no `BadRequest`. */
  readonly shared?: boolean
  /** Any body at all (5xx, 429), see `looseEnvelope`. */
  readonly loose?: boolean
  readonly body: Schema.Struct.Fields
  readonly decode: (body: Body, answer: Answer) => Either.Either<P, string>
  readonly encode: (error: E) => {
    /** Default: the class's status. */
    readonly status?: number
    readonly body: { readonly [key: string]: unknown }
    readonly retryAfter?: Duration.Duration | undefined
  }
}

/** Whether `status` is `range` (one status) or lies in it. */
export const inRange = (status: number, range: Wire<unknown>["status"]): boolean =>
  typeof range === "number" ? status === range : status >= range[0] && status <= range[1]

/** The status a class is answered with when its error does not say: its own, or the first of its range. */
export const primaryStatus = (range: Wire<unknown>["status"]): number => typeof range === "number" ? range : range[0]

/** A class's {@link Wire}: the body checks, the status and the request id are the same for every class. */
export const wire = <
  C extends Schema.Schema.AnyNoContext & (new(props: any, options?: any) => unknown) & { readonly _tag: string }
>(
  errorClass: C,
  spec: NoInfer<WireSpec<Schema.Schema.Type<C>, Props<C>>>
): Wire<Schema.Schema.Type<C>> => {
  const schema = Schema.transformOrFail(Answer, Schema.typeSchema(errorClass), {
    strict: true,
    decode: (answer, _, ast) => {
      const decoded = inRange(answer.status, spec.status)
        ? Either.flatMap(
          spec.loose ? Either.right(looseEnvelope(answer.body)) : envelope(answer.body),
          (body) => spec.decode(body, answer)
        )
        : Either.left(`status ${answer.status} is not a ${errorClass._tag} status`)
      return Either.match(decoded, {
        onLeft: (message) => ParseResult.fail(new ParseResult.Type(ast, answer.body, message)),
        onRight: (props) =>
          ParseResult.succeed(
            new errorClass({ ...props, ...(answer.requestId === undefined ? {} : { requestId: answer.requestId }) })
          )
      })
    },
    encode: (error) => {
      const { body, retryAfter, status } = spec.encode(error)
      const requestId = Predicate.hasProperty(error, "requestId") ? error.requestId : undefined
      return ParseResult.succeed({
        status: status ?? primaryStatus(spec.status),
        body,
        ...(typeof requestId === "string" ? { requestId } : {}),
        ...(retryAfter === undefined ? {} : { retryAfter })
      })
    }
  })
  return {
    status: spec.status,
    shared: spec.shared ?? false,
    // the fields are plain JSON schemas (no transformation, no context): the struct's type is its encoded side
    body: Schema.make<JsonObject>(Schema.Struct(spec.body).ast),
    schema,
    decode: Schema.decodeEither(schema)
  }
}

/** The `message` every WorkOS error body carries. */
export const messageField = { message: Schema.String }

/** A 400 told apart by its `code` (WIRE.md §8.3). */
export const coded = (code: string): WireSpec<{ readonly detail: string }, { readonly detail: string }> => ({
  status: 400,
  shared: true,
  body: { code: Schema.Literal(code), ...messageField },
  decode: ({ fields, message }) =>
    fields.code === code ? Either.right({ detail: message }) : Either.left(`a 400 whose code is not ${code}`),
  encode: (error) => ({ body: { code, message: error.detail } })
})

const EXCERPT = 200

/**
 * The first characters of a body, for error messages: a text as it is, anything else as JSON. It reads only as far
 * as it prints, so a body nested 200,000 levels deep costs no more than a flat one.
 *
 * @since 0.1.0
 * @category wire
 */
export const excerpt = (body: unknown): string =>
  typeof body !== "string"
    ? SchemaIssue.formatValue(body, { maxLength: EXCERPT })
    : body.length > EXCERPT
    ? `${body.slice(0, EXCERPT)}…`
    : body
