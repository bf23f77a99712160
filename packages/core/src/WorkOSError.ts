/**
 * The error family of the SDK. Every method of the `Organizations` service fails with a union of these classes,
 * never with an `HttpClientError`, a `ParseError` or a bare `Error`.
 *
 * Each class a server answers with owns its wire form, `wire` (its status, the body WorkOS sends, the `code` that
 * tells it from the other classes at that status), one schema read in both directions: {@link fromResponse} decodes
 * an HTTP error answer with it (the live client), {@link toResponse} encodes one (the fake's emulator), and
 * `WorkOSApi` declares each endpoint's errors with it.
 *
 * @since 0.1.0
 */

export {
  /**
   * The type id every member of the family carries.
   *
   * @since 0.1.0
   * @category type ids
   */
  TypeId
} from "./internal/wire.js"

export {
  /**
   * Whether a value is a member of the family.
   *
   * @since 0.1.0
   * @category guards
   */
  isWorkOSError,
  /**
   * The errors an HTTP response can carry (everything but the local and transport ones).
   *
   * @since 0.1.0
   * @category models
   */
  type ResponseError,
  /**
   * The classes a server (the real API, the fake, the emulator) answers with, each with its `Wire`;
   * {@link toResponse} encodes them.
   *
   * @since 0.2.0
   * @category schemas
   */
  ServerSideError,
  /**
   * Any error a server answers with, or one raised on this side (not sent, not completed, not understood).
   *
   * @since 0.1.0
   * @category schemas
   */
  WorkOSError
} from "./internal/family.js"

export {
  /**
   * 409 `domain_already_exists`: the organization already has the domain (or another organization has verified it).
   *
   * @since 0.2.0
   * @category errors
   */
  DomainAlreadyExists,
  /**
   * 400 `domain_already_verified`: the domain is already verified.
   *
   * @since 0.2.0
   * @category errors
   */
  DomainAlreadyVerified,
  /**
   * 422 with a `domain_not_allowed` issue: a consumer domain (such as `gmail.com`).
   *
   * @since 0.2.0
   * @category errors
   */
  DomainNotAllowed
} from "./internal/domainErrors.js"

export {
  /**
   * 409 `api_key_already_expired`: the API key has already expired, so it cannot be expired or rescheduled again.
   *
   * @since 0.2.0
   * @category errors
   */
  ApiKeyAlreadyExpired,
  /**
   * 409: another organization already holds one of the requested domains.
   *
   * @since 0.1.0
   * @category errors
   */
  DomainConflict,
  /**
   * 400 `external_id_already_used`: another organization in the environment has this external id.
   *
   * @since 0.1.0
   * @category errors
   */
  ExternalIdAlreadyUsed,
  /**
   * 400: the Idempotency-Key was used before with a different request body.
   *
   * @since 0.1.0
   * @category errors
   */
  IdempotencyKeyReused,
  /**
   * 400 `invalid_metadata`: metadata breaks a limit (too many keys, a key or value too long, not ASCII).
   *
   * @since 0.1.0
   * @category errors
   */
  InvalidMetadata,
  /**
   * 404: the organization (or the external id) does not exist in this environment.
   *
   * @since 0.1.0
   * @category errors
   */
  NotFound,
  /**
   * 400 `stripe_customer_id_already_used`: another organization has this Stripe customer id.
   *
   * @since 0.1.0
   * @category errors
   */
  StripeCustomerIdAlreadyUsed
} from "./internal/resourceErrors.js"

export {
  /**
   * Any other 4xx no other class at its status takes (e.g. 400 for an unknown query parameter, 413, 405).
   *
   * @since 0.1.0
   * @category errors
   */
  BadRequest,
  /**
   * The input was rejected locally, before any request was sent.
   *
   * @since 0.1.0
   * @category errors
   */
  InvalidRequest,
  /**
   * 422: the server rejected the input. Keeps the `errors[]` list (the official SDK discards it).
   *
   * @since 0.1.0
   * @category errors
   */
  ValidationFailed,
  /**
   * One entry of a 422's `errors[]`.
   *
   * @since 0.1.0
   * @category schemas
   */
  ValidationIssue
} from "./internal/inputErrors.js"

export {
  /**
   * 403: the API key lacks the permission for this operation.
   *
   * @since 0.1.0
   * @category errors
   */
  Forbidden,
  /**
   * 429 after the last retry.
   *
   * @since 0.1.0
   * @category errors
   */
  RateLimited,
  /**
   * The request did not complete (transport error or per-attempt timeout, after the last retry).
   *
   * @since 0.1.0
   * @category errors
   */
  RequestFailed,
  /**
   * 5xx after the last retry.
   *
   * @since 0.1.0
   * @category errors
   */
  ServerError,
  /**
   * 401: the API key is missing or invalid.
   *
   * @since 0.1.0
   * @category errors
   */
  Unauthorized,
  /**
   * The server answered something that is not the documented wire format.
   *
   * @since 0.1.0
   * @category errors
   */
  UnexpectedResponse
} from "./internal/serviceErrors.js"

export {
  /**
   * An error answer as a class's wire schema reads and writes it.
   *
   * @since 0.2.0
   * @category wire
   */
  Answer,
  /**
   * The first characters of a body, for error messages.
   *
   * @since 0.1.0
   * @category wire
   */
  excerpt,
  /**
   * How an error class travels as an HTTP answer: its status, its body's fields and one schema both ways.
   *
   * @since 0.2.0
   * @category wire
   */
  type Wire
} from "./internal/wire.js"

export {
  /**
   * An HTTP error answer: status, JSON body and extra headers.
   *
   * @since 0.1.0
   * @category wire
   */
  type ErrorResponse,
  /**
   * Turns an error response into the error family, with the classes' wire schemas.
   *
   * @since 0.1.0
   * @category wire
   */
  fromResponse,
  /**
   * Reads a `Retry-After` value: whole seconds or an HTTP date compared with `nowMillis`.
   *
   * @since 0.1.0
   * @category wire
   */
  parseRetryAfter,
  /**
   * What the caller knew when it sent the request, used to fill in errors the body leaves vague.
   *
   * @since 0.1.0
   * @category wire
   */
  type ResponseContext,
  /**
   * The classes an answer with this status can decode to, in the order {@link fromResponse} tries them.
   *
   * @since 0.2.0
   * @category wire
   */
  tagsAt,
  /**
   * The reverse of {@link fromResponse}: the answer WorkOS gives for an error, encoded with its class's wire schema.
   *
   * @since 0.1.0
   * @category wire
   */
  toResponse
} from "./internal/errorTable.js"
