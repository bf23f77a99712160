/**
 * The errors about the service itself: the API key refused or not permitted, the rate limit, a server failure, a
 * request that did not complete, and an answer that is not WorkOS's wire format.
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { messageField, requestId, TypeId, type Wire, wire, withRequestId } from "./wire.js"

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
    body: messageField,
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
    body: messageField,
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
    body: messageField,
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
    body: messageField,
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
