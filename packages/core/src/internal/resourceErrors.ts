/**
 * The errors about the entities a request addresses: the one it names does not exist, or another one already holds
 * the external id, the Stripe customer id or a domain, or the metadata breaks a limit; and the Idempotency-Key
 * reused with other parameters.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { DomainConflictMessage, IdempotencyMismatchMessage, NotFoundMessage } from "./messages.js"
import { coded, messageField, requestId, TypeId, type Wire, wire, withRequestId } from "./wire.js"

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
    body: { ...messageField, code: Schema.optional(Schema.String), entity_id: Schema.optional(Schema.String) },
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
    body: messageField,
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

const ApiKeyAlreadyExpiredCode = "api_key_already_expired"

/**
 * 409 `api_key_already_expired`: the API key addressed by `POST /api_keys/{id}/expire` has already expired (an
 * expired key stays expired; `expires_at: null` cannot revive it).
 *
 * @since 0.2.0
 * @category errors
 */
export class ApiKeyAlreadyExpired extends Schema.TaggedError<ApiKeyAlreadyExpired>(
  "@effect-workos/core/WorkOSError/ApiKeyAlreadyExpired"
)("ApiKeyAlreadyExpired", {
  /** WorkOS's own text. */
  detail: Schema.String,
  requestId
}) {
  /** @since 0.2.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.2.0 */
  readonly code = ApiKeyAlreadyExpiredCode
  /** @since 0.2.0 */
  override get message(): string {
    return withRequestId(
      `${this.code}: the API key has already expired and cannot be expired or rescheduled again; create a new key. ` +
        `WorkOS said: ${this.detail}`,
      this.requestId
    )
  }

  /**
   * 409 `{"code":"api_key_already_expired","message":"API key is already expired"}`: told from the other 409
   * (`DomainConflict`, which has no `code`) by its code.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<ApiKeyAlreadyExpired> = wire(ApiKeyAlreadyExpired, {
    status: 409,
    body: { code: Schema.Literal(ApiKeyAlreadyExpiredCode), ...messageField },
    decode: ({ fields, message }) =>
      fields.code === ApiKeyAlreadyExpiredCode
        ? Either.right({ detail: message })
        : Either.left(`a 409 whose code is not ${ApiKeyAlreadyExpiredCode}`),
    encode: (error) => ({ body: { code: ApiKeyAlreadyExpiredCode, message: error.detail } })
  })

  /**
   * The answer WorkOS gives when the key has already expired, in its words.
   *
   * @since 0.2.0
   */
  static standard(): ApiKeyAlreadyExpired {
    return new ApiKeyAlreadyExpired({ detail: "API key is already expired" })
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
    body: messageField,
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
