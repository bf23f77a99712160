/**
 * The error family of the SDK. Every method of the `Organizations` service fails with a union of these classes,
 * never with an `HttpClientError`, a `ParseError` or a bare `Error`.
 *
 * {@link fromResponse} turns an HTTP error response into one of them and {@link toResponse} does the reverse, so
 * the live client and the emulator read and write one table.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
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
    return withRequestId(`${this.resource} not found: '${this.id}'.`, this.requestId)
  }
}

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
  readonly code = "external_id_already_used" as const
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(
      `external_id_already_used: another organization in this environment already has this external id. ` +
        `Look it up with getOrganizationByExternalId, or use another id. WorkOS said: ${this.detail}`,
      this.requestId
    )
  }
}

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
  readonly code = "invalid_metadata" as const
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`invalid_metadata: ${this.detail}`, this.requestId)
  }
}

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
  readonly code = "stripe_customer_id_already_used" as const
  /** @since 0.1.0 */
  override get message(): string {
    return withRequestId(`stripe_customer_id_already_used: ${this.detail}`, this.requestId)
  }
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
    const said = idempotencyMismatch.test(this.detail) ? "" : ` WorkOS said: ${this.detail}`
    const key = this.idempotencyKey === undefined ? "" : ` '${this.idempotencyKey}'`
    return withRequestId(
      `The Idempotency-Key${key} was already used with different request parameters: send a different request ` +
        `with a new key.${said}`,
      this.requestId
    )
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
export type WorkOSError =
  | NotFound
  | ExternalIdAlreadyUsed
  | InvalidMetadata
  | StripeCustomerIdAlreadyUsed
  | DomainConflict
  | IdempotencyKeyReused
  | ValidationFailed
  | BadRequest
  | Unauthorized
  | Forbidden
  | RateLimited
  | ServerError
  | RequestFailed
  | UnexpectedResponse
  | InvalidRequest

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
 * @since 0.1.0
 * @category schemas
 */
export const WorkOSError = Schema.Union(
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
  ServerError,
  RequestFailed,
  UnexpectedResponse,
  InvalidRequest
)

// ---------------------------------------------------------------------------------------------------------------
// the wire table
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

const entityNotFound = /^(.+?) not found: '(.*)'\.?$/s
const domainConflict = /^An Organization with the domain (.+) already exists\.?$/s
const idempotencyMismatch = /^Another idempotency key \((.*)\) with different request parameters was found/s

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

/**
 * Turns an error response into the error family. `status` decides first and the body's `code` second (the body
 * need not have one); `headers` are read case-insensitively; `body` is the parsed JSON, or the raw text when it was
 * not JSON. A body that is not what WorkOS documents for that status gives {@link UnexpectedResponse}.
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
  const rid = requestId === undefined ? {} : { requestId }
  const unexpected = (detail: string) => new UnexpectedResponse({ status, excerpt: excerpt(body), detail, ...rid })

  // 5xx and 429 may come from a proxy or load balancer in front of WorkOS, with any body at all: the status alone
  // says what happened.
  const loose = () => Predicate.isRecord(body) && typeof body.message === "string" ? body.message : excerpt(body)
  if (status >= 500) return new ServerError({ status, detail: loose(), ...rid })
  if (status === 429) {
    const retryAfter = parseRetryAfter(header("retry-after"), context.nowMillis ?? 0)
    return new RateLimited({
      ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
      detail: loose(),
      ...rid
    })
  }
  if (!Predicate.isRecord(body)) return unexpected("the error body is not a JSON object")
  const rawMessage = body.message
  const messages = Array.isArray(rawMessage) && rawMessage.every(Predicate.isString) ? rawMessage : undefined
  const message = typeof rawMessage === "string" ? rawMessage : messages?.join("; ")
  const code = typeof body.code === "string" ? body.code : undefined
  if (message === undefined) return unexpected("the error body has no message")

  switch (status) {
    case 400: {
      if (code === "external_id_already_used") return new ExternalIdAlreadyUsed({ detail: message, ...rid })
      if (code === "invalid_metadata") return new InvalidMetadata({ detail: message, ...rid })
      if (code === "stripe_customer_id_already_used") {
        return new StripeCustomerIdAlreadyUsed({ detail: message, ...rid })
      }
      const idem = idempotencyMismatch.exec(message)
      if (idem !== null) return new IdempotencyKeyReused({ idempotencyKey: idem[1]!, detail: message, ...rid })
      break
    }
    case 401:
      return new Unauthorized({ detail: message, ...rid })
    case 403:
      return new Forbidden({ detail: message, ...rid })
    case 404: {
      const m = entityNotFound.exec(message)
      const entityId = typeof body.entity_id === "string" ? body.entity_id : undefined
      if (m !== null) return new NotFound({ resource: m[1]!, id: entityId ?? m[2]!, ...rid })
      if (context.resource !== undefined && context.id !== undefined) {
        return new NotFound({ resource: context.resource, id: entityId ?? context.id, ...rid })
      }
      break
    }
    case 409: {
      const m = domainConflict.exec(message)
      return new DomainConflict({ ...(m === null ? {} : { domain: m[1]! }), detail: message, ...rid })
    }
    case 422: {
      const errors = Array.isArray(body.errors) ? body.errors.map(asIssue) : []
      if (errors.some((e) => e === undefined)) return unexpected("a 422 errors[] entry is not an object")
      return new ValidationFailed({
        ...(code === undefined ? {} : { code }),
        detail: message,
        errors: errors as Array<ValidationIssue>,
        ...rid
      })
    }
  }
  if (status >= 400 && status < 500) {
    return new BadRequest({
      status,
      ...(code === undefined ? {} : { code }),
      detail: message,
      ...(messages === undefined ? {} : { messages }),
      ...rid
    })
  }
  return unexpected(`status ${status} is not an error status`)
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

/**
 * The reverse of {@link fromResponse}: the answer WorkOS gives for an error (WIRE.md §8.4). The emulator serves it.
 *
 * @since 0.1.0
 * @category wire
 */
export const toResponse = (error: ServerSideError): ErrorResponse => {
  const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => ({
    status,
    body,
    headers
  })
  switch (error._tag) {
    case "NotFound":
      return answer(404, {
        message: `${error.resource} not found: '${error.id}'.`,
        code: "entity_not_found",
        entity_id: error.id
      })
    case "ExternalIdAlreadyUsed":
    case "InvalidMetadata":
    case "StripeCustomerIdAlreadyUsed":
      return answer(400, { code: error.code, message: error.detail })
    case "IdempotencyKeyReused":
      return answer(400, { message: error.detail })
    case "DomainConflict":
      return answer(409, { message: error.detail })
    case "ValidationFailed":
      return answer(422, {
        ...(error.code === undefined ? {} : { code: error.code }),
        message: error.detail,
        ...(error.errors.length === 0 && error.code === undefined
          ? { error: "Unprocessable Entity" }
          : { errors: Schema.encodeSync(Schema.Array(ValidationIssue))(error.errors) })
      })
    case "BadRequest":
      return error.messages === undefined
        ? answer(error.status, { ...(error.code === undefined ? {} : { code: error.code }), message: error.detail })
        : answer(error.status, { message: error.messages, error: "Bad Request", statusCode: error.status })
    case "Unauthorized":
      return answer(401, { message: "Unauthorized" })
    case "Forbidden":
      return answer(403, { message: error.detail })
    case "RateLimited":
      return answer(
        429,
        { message: error.detail },
        error.retryAfter === undefined
          ? {}
          : { "retry-after": String(Math.ceil(Duration.toSeconds(error.retryAfter))) }
      )
    case "ServerError":
      return answer(error.status, { message: error.detail })
  }
}
