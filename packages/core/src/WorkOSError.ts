/**
 * The error family of the SDK. Every method of the `Organizations` service fails with a union of these classes,
 * never with an `HttpClientError`, a `ParseError` or a bare `Error`.
 *
 * Each class a server answers with owns its wire form, `wire` (its status, the body WorkOS sends, the `code` that
 * tells it from the other classes at that status), one schema read in both directions: {@link fromResponse} decodes
 * an HTTP error answer with it (the live client), {@link toResponse} encodes one (the fake's emulator).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "./SchemaIssue.js"

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

/**
 * @since 0.1.0
 * @category guards
 */
export const isWorkOSError = (u: unknown): u is WorkOSError => Predicate.hasProperty(u, TypeId)

const requestId = Schema.optional(Schema.String)

/** A sentence that more text follows after `: ` (its closing `.` or `:` would read `failed.: name`). */
const clause = (text: string): string => text.replace(/[.:]\s*$/, "")

const withRequestId = (message: string, id: string | undefined): string =>
  id === undefined ? message : `${message} (request id: ${id})`

// ---------------------------------------------------------------------------------------------------------------
// wire forms
// ---------------------------------------------------------------------------------------------------------------

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
 * How an error class travels as an HTTP answer: the status (or range of statuses) WorkOS answers it with, and one
 * schema between the {@link Answer} and the error. Decoding it is what the client does with an error answer,
 * encoding it is what the emulator sends. Classes sharing a status are told apart by their body (its `code`, or
 * for the idempotency mismatch its message); a body none of them decodes is a `BadRequest` when every class at that
 * status is `shared`, else an `UnexpectedResponse`.
 *
 * @since 0.2.0
 * @category wire
 */
export interface Wire<E> {
  readonly status: number | readonly [min: number, max: number]
  readonly shared: boolean
  readonly schema: Schema.Schema<E, Answer>
  /** `Schema.decodeEither(schema)`. */
  readonly decode: (answer: Answer) => Either.Either<E, ParseResult.ParseError>
}

/** What every WorkOS error body is (WIRE.md §8.1): a JSON object with a `message` (Nest style: a list, read joined). */
interface Body {
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

const optionalString = <K extends string>(key: K, value: unknown): { readonly [k in K]?: string } =>
  (typeof value === "string" ? { [key]: value } : {}) as { readonly [k in K]?: string }

type Props<C extends abstract new(props: any, options?: any) => unknown> = Omit<
  Exclude<ConstructorParameters<C>[0], void>,
  "requestId"
>

/** What a class says about its wire form; {@link wire} adds what every class shares. */
interface WireSpec<E, P> {
  readonly status: Wire<unknown>["status"]
  /** Default `false`: an answer at this status that the class does not decode is no `BadRequest`. */
  readonly shared?: boolean
  /** Any body at all (5xx, 429), see `looseEnvelope`. */
  readonly loose?: boolean
  readonly decode: (body: Body, answer: Answer) => Either.Either<P, string>
  readonly encode: (error: E) => {
    /** Default: the class's status. */
    readonly status?: number
    readonly body: { readonly [key: string]: unknown }
    readonly retryAfter?: Duration.Duration | undefined
  }
}

const inRange = (status: number, range: Wire<unknown>["status"]): boolean =>
  typeof range === "number" ? status === range : status >= range[0] && status <= range[1]

/** A class's {@link Wire}: the body checks, the status and the request id are the same for every class. */
const wire = <
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
        status: status ?? (typeof spec.status === "number" ? spec.status : spec.status[0]),
        body,
        ...(typeof requestId === "string" ? { requestId } : {}),
        ...(retryAfter === undefined ? {} : { retryAfter })
      })
    }
  })
  return { status: spec.status, shared: spec.shared ?? false, schema, decode: Schema.decodeEither(schema) }
}

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

// The texts WorkOS puts structure into (WIRE.md §8.2): how the entity, the conflicting domain and the reused key are
// carried. A server makes its message by encoding, a client reads the field back by decoding.

const NotFoundMessage = Schema.transform(
  Schema.TemplateLiteralParser(Schema.String, " not found: '", Schema.String, "'", Schema.Literal(".", "")),
  Schema.Struct({ resource: Schema.String, id: Schema.String }),
  {
    strict: true,
    decode: ([resource, , id]) => ({ resource, id }),
    encode: ({ id, resource }) => [resource, " not found: '", id, "'", "."] as const
  }
)

const DomainConflictMessage = Schema.transform(
  Schema.TemplateLiteralParser(
    "An Organization with the domain ",
    Schema.String,
    " already exists",
    Schema.Literal(".", "")
  ),
  Schema.String,
  {
    strict: true,
    decode: ([, domain]) => domain,
    encode: (domain) => ["An Organization with the domain ", domain, " already exists", "."] as const
  }
)

const IdempotencyMismatchMessage = Schema.transform(
  Schema.TemplateLiteralParser(
    "Another idempotency key (",
    Schema.String,
    ") with different request parameters was found",
    Schema.String
  ),
  Schema.String,
  {
    strict: true,
    decode: ([, key]) => key,
    encode: (key) =>
      [
        "Another idempotency key (",
        key,
        ") with different request parameters was found",
        ". Please use a different idempotency key."
      ] as const
  }
)

/** A 400 told apart by its `code` (WIRE.md §8.3). */
const coded = (code: string): WireSpec<{ readonly detail: string }, { readonly detail: string }> => ({
  status: 400,
  shared: true,
  decode: ({ fields, message }) =>
    fields.code === code ? Either.right({ detail: message }) : Either.left(`a 400 whose code is not ${code}`),
  encode: (error) => ({ body: { code, message: error.detail } })
})

/**
 * 404: the organization (or the external id) does not exist in this environment.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@effect-workos/core/WorkOSError/NotFound")("NotFound", {
  /** The kind of entity, e.g. `Organization`. */
  resource: Schema.String,
  /** The id (or external id) that was looked up. */
  id: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(Schema.encodeSync(NotFoundMessage)(this), this.requestId)
  }

  /**
   * 404 `{"message":"<resource> not found: '<id>'.","code":"entity_not_found","entity_id":"<id>"}`; the older
   * `{"message":"Not Found"}` names no entity, so it is the one the request addressed. An unknown route's 404
   * (`Cannot GET …`) is a `BadRequest`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<NotFound> = wire(NotFound, {
    status: 404,
    shared: true,
    decode: ({ fields, message }, { subject }) => {
      const named = Schema.decodeUnknownOption(NotFoundMessage)(message)
      const entity = Option.getOrElse(named, () => subject)
      const entityId = typeof fields.entity_id === "string" ? fields.entity_id : undefined
      return entity === undefined
        ? Either.left("a 404 that names no entity, for a request that addressed none")
        : Either.right({ resource: entity.resource, id: entityId ?? entity.id })
    },
    encode: (error) => ({
      body: { message: Schema.encodeSync(NotFoundMessage)(error), code: "entity_not_found", entity_id: error.id }
    })
  })
}

const ExternalIdAlreadyUsedCode = "external_id_already_used"

/**
 * 400 `external_id_already_used`: another organization in the environment has this external id.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExternalIdAlreadyUsed extends Schema.TaggedError<ExternalIdAlreadyUsed>(
  "@effect-workos/core/WorkOSError/ExternalIdAlreadyUsed"
)("ExternalIdAlreadyUsed", {
  /** WorkOS's own text. */
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  readonly code = ExternalIdAlreadyUsedCode
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `${this.code}: another organization in this environment already has this external id. ` +
        `Look it up with getOrganizationByExternalId, or use another id. WorkOS said: ${this.detail}`,
      this.requestId
    )
  }

  /**
   * 400 `{"code":"external_id_already_used","message":"…"}`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<ExternalIdAlreadyUsed> = wire(ExternalIdAlreadyUsed, coded(ExternalIdAlreadyUsedCode))
}

const InvalidMetadataCode = "invalid_metadata"

/**
 * 400 `invalid_metadata`: metadata breaks a limit (too many keys, a key or value too long, not ASCII).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidMetadata extends Schema.TaggedError<InvalidMetadata>(
  "@effect-workos/core/WorkOSError/InvalidMetadata"
)("InvalidMetadata", {
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  readonly code = InvalidMetadataCode
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`${this.code}: ${this.detail}`, this.requestId)
  }

  /**
   * 400 `{"code":"invalid_metadata","message":"…"}`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<InvalidMetadata> = wire(InvalidMetadata, coded(InvalidMetadataCode))
}

const StripeCustomerIdAlreadyUsedCode = "stripe_customer_id_already_used"

/**
 * 400 `stripe_customer_id_already_used`: another organization has this Stripe customer id.
 *
 * @since 0.1.0
 * @category errors
 */
export class StripeCustomerIdAlreadyUsed extends Schema.TaggedError<StripeCustomerIdAlreadyUsed>(
  "@effect-workos/core/WorkOSError/StripeCustomerIdAlreadyUsed"
)("StripeCustomerIdAlreadyUsed", {
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  readonly code = StripeCustomerIdAlreadyUsedCode
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`${this.code}: ${this.detail}`, this.requestId)
  }

  /**
   * 400 `{"code":"stripe_customer_id_already_used","message":"…"}`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<StripeCustomerIdAlreadyUsed> = wire(
    StripeCustomerIdAlreadyUsed,
    coded(StripeCustomerIdAlreadyUsedCode)
  )
}

/**
 * 409: another organization already holds one of the requested domains.
 *
 * @since 0.1.0
 * @category errors
 */
export class DomainConflict extends Schema.TaggedError<DomainConflict>(
  "@effect-workos/core/WorkOSError/DomainConflict"
)("DomainConflict", {
  /** The conflicting domain, when WorkOS's message names it. */
  domain: Schema.optional(Schema.String),
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`Domain conflict: ${this.detail}`, this.requestId)
  }

  /**
   * 409 `{"message":"An Organization with the domain <domain> already exists."}`, no `code`: the domain is carried
   * in the message, read back when the message has that form.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<DomainConflict> = wire(DomainConflict, {
    status: 409,
    decode: ({ message }) =>
      Either.right({
        ...Option.match(Schema.decodeUnknownOption(DomainConflictMessage)(message), {
          onNone: () => ({}),
          onSome: (domain) => ({ domain })
        }),
        detail: message
      }),
    encode: (error) => ({ body: { message: error.detail } })
  })

  /**
   * The conflict WorkOS answers when `domain` is held by another organization, in its words.
   *
   * @since 0.2.0
   */
  static forDomain(domain: string): DomainConflict {
    return new DomainConflict({ domain, detail: Schema.encodeSync(DomainConflictMessage)(domain) })
  }
}

/**
 * 400: the Idempotency-Key was used before with a different request body.
 *
 * @since 0.1.0
 * @category errors
 */
export class IdempotencyKeyReused extends Schema.TaggedError<IdempotencyKeyReused>(
  "@effect-workos/core/WorkOSError/IdempotencyKeyReused"
)("IdempotencyKeyReused", {
  idempotencyKey: Schema.optional(Schema.String),
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    // WorkOS's own text says the same as the sentence below; anything else it says is added.
    const said = Option.isSome(Schema.decodeUnknownOption(IdempotencyMismatchMessage)(this.detail))
      ? ""
      : ` WorkOS said: ${this.detail}`
    const key = this.idempotencyKey === undefined ? "" : ` '${this.idempotencyKey}'`
    return withRequestId(
      `The Idempotency-Key${key} was already used with different request parameters: send a different request ` +
        `with a new key.${said}`,
      this.requestId
    )
  }

  /**
   * 400 `{"message":"Another idempotency key (<key>) with different request parameters was found. …"}`, no `code`:
   * the key is carried in the message, and a 400 whose message has another form is not this class.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<IdempotencyKeyReused> = wire(IdempotencyKeyReused, {
    status: 400,
    shared: true,
    decode: ({ message }) =>
      Option.match(Schema.decodeUnknownOption(IdempotencyMismatchMessage)(message), {
        onNone: () => Either.left("a 400 that is not an idempotency-key mismatch"),
        onSome: (idempotencyKey) => Either.right({ idempotencyKey, detail: message })
      }),
    encode: (error) => ({ body: { message: error.detail } })
  })

  /**
   * The mismatch WorkOS answers when `key` was used with other request parameters, in its words.
   *
   * @since 0.2.0
   */
  static forKey(key: string): IdempotencyKeyReused {
    return new IdempotencyKeyReused({ idempotencyKey: key, detail: Schema.encodeSync(IdempotencyMismatchMessage)(key) })
  }
}

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
    const all = SchemaIssue.issues(error)
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
 * 401: the API key is missing or invalid.
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@effect-workos/core/WorkOSError/Unauthorized")(
  "Unauthorized",
  { detail: Schema.String, requestId }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `WorkOS did not accept the API key (${this.detail}). Check WORKOS_API_KEY and its environment.`,
      this.requestId
    )
  }

  /**
   * 401 `{"message":"Unauthorized"}`: WorkOS never says more.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<Unauthorized> = wire(Unauthorized, {
    status: 401,
    decode: ({ message }) => Either.right({ detail: message }),
    encode: () => ({ body: { message: "Unauthorized" } })
  })
}

/**
 * 403: the API key lacks the permission for this operation.
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@effect-workos/core/WorkOSError/Forbidden")(
  "Forbidden",
  { detail: Schema.String, requestId }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`The API key is not permitted to do this: ${this.detail}`, this.requestId)
  }

  /**
   * 403 `{"message":"…"}`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<Forbidden> = wire(Forbidden, {
    status: 403,
    decode: ({ message }) => Either.right({ detail: message }),
    encode: (error) => ({ body: { message: error.detail } })
  })
}

/**
 * 429 after the last retry.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@effect-workos/core/WorkOSError/RateLimited")(
  "RateLimited",
  {
    /** From the `Retry-After` header, when the server sent one. */
    retryAfter: Schema.optional(Schema.DurationFromMillis),
    detail: Schema.String,
    requestId
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    const wait = this.retryAfter === undefined ? "" : `; retry after ${Duration.format(this.retryAfter)}`
    return withRequestId(`Rate limited by WorkOS: ${this.detail}${wait}`, this.requestId)
  }

  /**
   * 429 `{"message":"Too many requests"}` with `Retry-After`; any body at all (a proxy may answer it).
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<RateLimited> = wire(RateLimited, {
    status: 429,
    loose: true,
    decode: ({ message }, { retryAfter }) =>
      Either.right({ ...(retryAfter === undefined ? {} : { retryAfter }), detail: message }),
    encode: (error) => ({ body: { message: error.detail }, retryAfter: error.retryAfter })
  })
}

/**
 * 5xx after the last retry.
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@effect-workos/core/WorkOSError/ServerError")(
  "ServerError",
  { status: Schema.Number, detail: Schema.String, requestId }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`WorkOS answered ${this.status}: ${this.detail}`, this.requestId)
  }

  /**
   * Any 5xx, with any body at all (a proxy may answer it).
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<ServerError> = wire(ServerError, {
    status: [500, 599],
    loose: true,
    decode: ({ message }, { status }) => Either.right({ status, detail: message }),
    encode: (error) => ({ status: error.status, body: { message: error.detail } })
  })
}

/**
 * The request did not complete: a network error, a per-attempt timeout, or a connection lost before the answer
 * (after the last retry). Whether the server applied a non-idempotent request is unknown.
 *
 * @since 0.1.0
 * @category errors
 */
export class RequestFailed extends Schema.TaggedError<RequestFailed>("@effect-workos/core/WorkOSError/RequestFailed")(
  "RequestFailed",
  {
    reason: Schema.Literal("Transport", "Timeout"),
    detail: Schema.String,
    requestId
  }
) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `The request to WorkOS failed (${this.reason === "Timeout" ? "timed out" : "transport error"}): ${this.detail}`,
      this.requestId
    )
  }
}

/**
 * The server answered something that is not the documented wire format: an undecodable 2xx body, a non-JSON error
 * body, a status this operation never returns, or a cursor that repeats.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>(
  "@effect-workos/core/WorkOSError/UnexpectedResponse"
)("UnexpectedResponse", {
  status: Schema.Number,
  /** The first characters of the body. */
  excerpt: Schema.String,
  detail: Schema.String,
  requestId
}) {
  /** @since 0.1.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `Unexpected response from WorkOS (status ${this.status}): ${this.detail}. Body starts: ${this.excerpt}`,
      this.requestId
    )
  }
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

/**
 * @since 0.1.0
 * @category models
 */
export type WorkOSError = typeof WorkOSError.Type

/**
 * The errors an HTTP response can carry (everything but the local and transport ones).
 *
 * @since 0.1.0
 * @category models
 */
export type ResponseError = Exclude<WorkOSError, InvalidRequest | RequestFailed>

/**
 * The errors a server (the real API, the fake, the emulator) produces itself; {@link toResponse} encodes them.
 *
 * @since 0.1.0
 * @category models
 */
export type ServerSideError = Exclude<WorkOSError, InvalidRequest | RequestFailed | UnexpectedResponse>

/**
 * The classes a server answers with, each with its {@link Wire}.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ServerSideError = Schema.Union(
  NotFound,
  ExternalIdAlreadyUsed,
  InvalidMetadata,
  StripeCustomerIdAlreadyUsed,
  DomainConflict,
  IdempotencyKeyReused,
  ValidationFailed,
  BadRequest,
  Unauthorized,
  Forbidden,
  RateLimited,
  ServerError
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const WorkOSError = Schema.Union(...ServerSideError.members, RequestFailed, UnexpectedResponse, InvalidRequest)

// ---------------------------------------------------------------------------------------------------------------
// the wire table, derived from the classes' wire forms
// ---------------------------------------------------------------------------------------------------------------

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
 * whose wire status it is (in the order of {@link ServerSideError}), then, when every one of them shares its
 * status, the classes whose wire range holds it (`BadRequest` for a 4xx, `ServerError` for a 5xx).
 *
 * @since 0.2.0
 * @category wire
 */
export const tagsAt = (status: number): ReadonlyArray<ServerSideError["_tag"]> =>
  decodersAt(status).map(({ _tag }) => _tag)

/**
 * Turns an error response into the error family: the status gives the candidate classes ({@link tagsAt}), and the
 * first whose wire schema decodes the answer wins (told apart by the body's `code`, which need not be there);
 * `headers` are read case-insensitively; `body` is the parsed JSON, or the raw text when it was not JSON. An answer
 * no candidate decodes gives {@link UnexpectedResponse}, saying why.
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
  const answer: Answer = {
    status,
    body,
    ...(requestId === undefined ? {} : { requestId }),
    ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
    ...(context.resource === undefined || context.id === undefined
      ? {}
      : { subject: { resource: context.resource, id: context.id } })
  }
  let detail = `status ${status} is not an error status`
  for (const { wire } of decodersAt(status)) {
    const decoded = wire.decode(answer)
    if (Either.isRight(decoded)) return decoded.right
    detail = SchemaIssue.first(decoded.left).message
  }
  return new UnexpectedResponse({
    status,
    excerpt: excerpt(body),
    detail,
    ...(requestId === undefined ? {} : { requestId })
  })
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
