/**
 * The `ApiKeys` service: the lifecycle of the API keys an application issues to its customers — check a key a
 * customer sent (`validateApiKey`), revoke it (`deleteApiKey`), expire it now or at a set time (`expireApiKey`), and
 * the organization's list and create. Provide it with the live HTTP layer (`@effect-workos/http`) or the in-memory
 * fake (`@effect-workos/fake`); your program does not change.
 *
 * @example
 * ```ts
 * import { ApiKeys } from "@effect-workos/core"
 * import { Effect, Option } from "effect"
 *
 * // the organization a customer's key belongs to, or None for an unknown, revoked or expired key
 * const organizationOf = (value: string) =>
 *   Effect.flatMap(ApiKeys.ApiKeys, (apiKeys) => apiKeys.validateApiKey({ value })).pipe(
 *     Effect.map(Option.map((key) => (key.owner.type === "organization" ? key.owner.id : key.owner.organizationId)))
 *   )
 * ```
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { ApiKey, ApiKeyValidation } from "./ApiKey.js"
import * as Options from "./Options.js"
import type * as Organizations from "./Organizations.js"
import type * as WorkOSApi from "./WorkOSApi.js"

/**
 * `POST /api_keys/validations`: the value a customer sent. `Redacted` on the type side (the secret never shows in a
 * log, a span or an error), the plain string on the wire.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ValidateApiKeyOptions = Schema.Struct({
  value: Schema.Redacted(Schema.String)
})

/**
 * @since 0.2.0
 * @category models
 */
export interface ValidateApiKeyOptions extends Schema.Schema.Type<typeof ValidateApiKeyOptions> {}

/**
 * `POST /api_keys/{id}/expire`: `expiresAt` absent or in the past expires the key now, a future time schedules its
 * expiry, `null` clears a scheduled one.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ExpireApiKeyOptions = Schema.Struct({
  id: Options.PathId,
  expiresAt: Schema.optional(Schema.NullOr(Options.IsoDateTime)).pipe(Schema.fromKey("expires_at"))
})

/**
 * @since 0.2.0
 * @category models
 */
export interface ExpireApiKeyOptions extends Schema.Schema.Type<typeof ExpireApiKeyOptions> {}

/**
 * @since 0.2.0
 * @category errors
 */
export type ValidateApiKeyError = WorkOSApi.OperationError<"validateApiKey">

/**
 * @since 0.2.0
 * @category errors
 */
export type DeleteApiKeyError = WorkOSApi.OperationError<"deleteApiKey">

/**
 * @since 0.2.0
 * @category errors
 */
export type ExpireApiKeyError = WorkOSApi.OperationError<"expireApiKey">

/**
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /**
   * The key a value belongs to, when it is live: `None` for a value never issued, a deleted key and an expired one
   * (WorkOS answers `{"api_key": null}`, a 200). Pass the value as it came, or `Redacted`: it is sent in the body
   * and never appears in a span, a log or an error.
   */
  readonly validateApiKey: (options: {
    readonly value: string | Redacted.Redacted<string>
  }) => Effect.Effect<Option.Option<ApiKey>, ValidateApiKeyError>
  /** Revokes the key at once (204); an unknown id is `NotFound`. */
  readonly deleteApiKey: (id: string) => Effect.Effect<void, DeleteApiKeyError>
  /**
   * Expires the key now (no `expiresAt`, or one in the past), schedules its expiry (a future ISO-8601 time), or
   * clears a scheduled expiry (`null`). The key as it is afterwards; an expired key is `ApiKeyAlreadyExpired`.
   *
   * A retry of a call whose first attempt was applied but not answered (a timeout, a lost connection) can answer
   * `ApiKeyAlreadyExpired` for an expiry to now: the key is expired, as asked. Whether WorkOS honours the
   * `Idempotency-Key` the client sends with it is not documented; the fake does not.
   */
  readonly expireApiKey: (
    id: string,
    options?: { readonly expiresAt?: string | null | undefined }
  ) => Effect.Effect<ApiKey, ExpireApiKeyError>
  /** The organization's API keys as a Stream: the same function as `Organizations.listOrganizationApiKeys`. */
  readonly listOrganizationApiKeys: Organizations.Service["listOrganizationApiKeys"]
  /** One page of them: the same function as `Organizations.listOrganizationApiKeysPage`. */
  readonly listOrganizationApiKeysPage: Organizations.Service["listOrganizationApiKeysPage"]
  /** Creates an organization API key: the same function as `Organizations.createOrganizationApiKey`. */
  readonly createOrganizationApiKey: Organizations.Service["createOrganizationApiKey"]
}

/**
 * @since 0.2.0
 * @category tags
 */
export class ApiKeys extends Context.Tag("@effect-workos/core/ApiKeys")<ApiKeys, Service>() {}

/**
 * What an implementation provides: one function per wire request, each receiving validated options. The input
 * validation and spans are added by {@link make}. The organization's list and create come from the `Organizations`
 * service of the same implementation, so there is one of each.
 *
 * @since 0.2.0
 * @category models
 */
export interface Backend {
  readonly validateApiKey: (
    options: ValidateApiKeyOptions
  ) => Effect.Effect<ApiKeyValidation, ValidateApiKeyError>
  readonly deleteApiKey: (id: string) => Effect.Effect<void, DeleteApiKeyError>
  readonly expireApiKey: (options: ExpireApiKeyOptions) => Effect.Effect<ApiKey, ExpireApiKeyError>
}

const validateValidation = Options.validate(ValidateApiKeyOptions)
const validateId = Options.validate(Options.PathId, "id")
const validateExpire = Options.validate(ExpireApiKeyOptions)

/**
 * Builds the service from a {@link Backend} and the `Organizations` service of the same implementation: validates
 * every input (`InvalidRequest`, nothing sent) and adds a span per call named `ApiKeys.<operation>` with the key's
 * id (never its value).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (backend: Backend, organizations: Organizations.Service): Service => ({
  validateApiKey: Effect.fn("ApiKeys.validateApiKey")(function*(options) {
    const value = options?.value
    const valid = yield* validateValidation({
      ...options,
      value: typeof value === "string" ? Redacted.make(value) : value
    })
    const { apiKey } = yield* backend.validateApiKey(valid)
    if (apiKey !== null) yield* Effect.annotateCurrentSpan("workos.api_key_id", apiKey.id)
    return Option.fromNullable(apiKey)
  }),
  deleteApiKey: Effect.fn("ApiKeys.deleteApiKey")(function*(id) {
    yield* Effect.annotateCurrentSpan("workos.api_key_id", id)
    return yield* backend.deleteApiKey(yield* validateId(id))
  }),
  expireApiKey: Effect.fn("ApiKeys.expireApiKey")(function*(id, options = {}) {
    yield* Effect.annotateCurrentSpan("workos.api_key_id", id)
    return yield* backend.expireApiKey(yield* validateExpire({ ...options, id }))
  }),
  listOrganizationApiKeys: organizations.listOrganizationApiKeys,
  listOrganizationApiKeysPage: organizations.listOrganizationApiKeysPage,
  createOrganizationApiKey: organizations.createOrganizationApiKey
})
