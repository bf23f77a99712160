/**
 * The errors about the input: rejected by the server (422 `ValidationFailed`, any other 4xx `BadRequest`) or
 * locally, before anything was sent (`InvalidRequest`).
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "../SchemaIssue.js"
import { clause, messageField, optionalString, requestId, TypeId, type Wire, wire, withRequestId } from "./wire.js"

/**
 * One entry of a 422's `errors[]`. WorkOS has used `{code, message}`, `{field, code}` and `{code, field}`.
 *
 * @since 0.1.0
 * @category schemas
 */
export class ValidationIssue extends Schema.Class<ValidationIssue>("@effect-workos/core/WorkOSError/ValidationIssue")({
  code: Schema.optional(Schema.String),
  field: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
}) {}

const asIssue = (u: unknown): ValidationIssue | undefined => {
  if (!Predicate.isRecord(u)) return undefined
  const str = (k: string) => (typeof u[k] === "string" ? (u[k] as string) : undefined)
  const code = str("code")
  const field = str("field")
  const message = str("message")
  return new ValidationIssue({
    ...(code === undefined ? {} : { code }),
    ...(field === undefined ? {} : { field }),
    ...(message === undefined ? {} : { message })
  })
}

const MAX_ISSUES = 20
const MAX_ISSUE_MESSAGE = 200

/**
 * 422: the server rejected the input. Keeps the `errors[]` list (the official SDK discards it).
 *
 * @since 0.1.0
 * @category errors
 */
export class ValidationFailed extends Schema.TaggedError<ValidationFailed>(
  "@effect-workos/core/WorkOSError/ValidationFailed"
)("ValidationFailed", {
  /** e.g. `invalid_request_parameters`; absent on older shapes. */
  code: Schema.optional(Schema.String),
  detail: Schema.String,
  errors: Schema.Array(ValidationIssue),
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const issues = this.errors.map((e) =>
      [e.field, e.code, e.message].filter((s): s is string => s !== undefined).join(": ")
    )
    const code = this.code === undefined ? "" : ` (${this.code})`
    return withRequestId(
      issues.length === 0 ? `${this.detail}${code}` : `${clause(this.detail)}${code}: ${issues.join("; ")}`,
      this.requestId
    )
  }

  /**
   * 422 in every form WorkOS has used (WIRE.md §8.2): `{code?, message, errors?}` or `{message, error}`; any 422 is
   * this class or an `UnexpectedResponse`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<ValidationFailed> = wire(ValidationFailed, {
    status: 422,
    body: {
      ...messageField,
      code: Schema.optional(Schema.String),
      error: Schema.optional(Schema.String),
      errors: Schema.optional(Schema.Array(Schema.Struct(ValidationIssue.fields)))
    },
    decode: ({ fields, message }) => {
      const errors = Array.isArray(fields.errors) ? fields.errors.map(asIssue) : []
      return errors.every(Predicate.isNotUndefined)
        ? Either.right({ ...optionalString("code", fields.code), detail: message, errors })
        : Either.left("a 422 errors[] entry is not an object")
    },
    encode: (error) => ({
      body: {
        ...(error.code === undefined ? {} : { code: error.code }),
        message: error.detail,
        ...(error.errors.length === 0 && error.code === undefined
          ? { error: "Unprocessable Entity" }
          : { errors: Schema.encodeSync(Schema.Array(ValidationIssue))(error.errors) })
      }
    })
  })

  /**
   * The newer 422 form a server answers for bad input (WIRE.md §8.4): `invalid_request_parameters`,
   * `Validation failed`, these issues. Each message is cut after 200 characters.
   *
   * @since 0.2.0
   */
  static fromIssues(
    issues: ReadonlyArray<{ readonly field: string; readonly code: string; readonly message: string }>
  ): ValidationFailed {
    return new ValidationFailed({
      code: "invalid_request_parameters",
      detail: "Validation failed",
      errors: issues.map(({ code, field, message }) =>
        new ValidationIssue({
          code,
          field,
          message: message.length > MAX_ISSUE_MESSAGE ? `${message.slice(0, MAX_ISSUE_MESSAGE)}…` : message
        })
      )
    })
  }

  /**
   * A server's 422 for input that failed a Schema on its wire (snake_case) side: one issue per offending field (at
   * most 20), `<field>_required` / `<field> is required` for a missing (or blank) value and `<field>_invalid` /
   * `<field>: <what is wrong>` otherwise, the first message for a field winning. The fake and the emulator both
   * answer with it, so a rule broken on either says the same; the message after `<field>: ` is the one the client's
   * `InvalidRequest` gives for the same rule.
   *
   * @since 0.2.0
   */
  static fromParseError(error: ParseResult.ParseError): ValidationFailed {
    const all = SchemaIssue.issues(error, { maxIssues: MAX_ISSUES })
    // optional keys are unions with `undefined`, whose member reports ("Expected undefined, …") say nothing
    const informative = all.filter((i) => !i.message.startsWith("Expected undefined"))
    const byField = new Map<string, { readonly field: string; readonly code: string; readonly message: string }>()
    for (const i of informative.length > 0 ? informative : all) {
      const field = SchemaIssue.formatPath(i.path)
      if (byField.has(field)) continue
      const top = typeof i.path[0] === "string" ? i.path[0] : "body"
      byField.set(
        field,
        i._tag === "Missing"
          ? { field, code: `${top}_required`, message: `${field} is required` }
          : { field, code: `${top}_invalid`, message: `${field === "" ? "body" : field}: ${i.message}` }
      )
      if (byField.size >= MAX_ISSUES) break
    }
    return ValidationFailed.fromIssues([...byField.values()])
  }
}

/**
 * Any other 4xx the table does not name (e.g. 400 for an unknown query parameter, 413, 405).
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@effect-workos/core/WorkOSError/BadRequest")(
  "BadRequest",
  {
    status: Schema.Number,
    code: Schema.optional(Schema.String),
    detail: Schema.String,
    /** Set when the server answered in the NestJS style `{"message":[…],"error":"Bad Request"}`. */
    messages: Schema.optional(Schema.Array(Schema.String)),
    requestId
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `WorkOS rejected the request (${this.status}${this.code === undefined ? "" : ` ${this.code}`}): ${this.detail}`,
      this.requestId
    )
  }

  /**
   * Any 4xx body with a message that no other class at its status decodes, tried last: `{code?, message}`, or the
   * NestJS style `{"message":[…],"error":"Bad Request","statusCode":400}`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<BadRequest> = wire(BadRequest, {
    status: [400, 499],
    shared: true,
    body: {
      message: Schema.Union(Schema.String, Schema.Array(Schema.String)),
      code: Schema.optional(Schema.String),
      error: Schema.optional(Schema.String),
      statusCode: Schema.optional(Schema.Number)
    },
    decode: ({ fields, message, messages }, { status }) =>
      Either.right({
        status,
        ...optionalString("code", fields.code),
        detail: message,
        ...(messages === undefined ? {} : { messages })
      }),
    encode: (error) => ({
      status: error.status,
      body: error.messages === undefined
        ? { ...(error.code === undefined ? {} : { code: error.code }), message: error.detail }
        : { message: error.messages, error: "Bad Request", statusCode: error.status }
    })
  })
}

/**
 * The input was rejected locally, before any request was sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>(
  "@effect-workos/core/WorkOSError/InvalidRequest"
)("InvalidRequest", {
  /** The path of the offending option, e.g. `limit` or `domainData[0].state`. */
  field: Schema.String,
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return `Invalid ${this.field === "" ? "options" : `'${this.field}'`}: ${this.detail}`
  }
}
