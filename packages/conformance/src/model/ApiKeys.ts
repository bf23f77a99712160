/**
 * The reference model of the API key lifecycle (WIRE-LIFECYCLE.md §2.6, with its recommended choices): which keys
 * validate, what `expireApiKey` and `deleteApiKey` may answer, and how their successes change the state. Written
 * without the fake's code.
 *
 * - A key validates while it exists (deleted neither itself nor with its organization) and has not expired; any
 *   other value (never issued, deleted, expired) validates to nothing, never to an error.
 * - Expiring a key that does not exist is `NotFound`; expiring an expired one is `ApiKeyAlreadyExpired`, whatever
 *   the body (an expired key stays expired); otherwise no time or a past one expires it now, a future one schedules
 *   its expiry, `null` clears a scheduled one.
 * - Deleting a key that does not exist is `NotFound`; a deleted key leaves its organization's list.
 *
 * @since 0.2.0
 */
import type { Expectation } from "./Rules.js"
import type { ApiKey, State } from "./State.js"

/**
 * A key expired by `expireApiKey` at the server's time, which the model does not know (only that it has passed).
 *
 * @since 0.2.0
 * @category models
 */
export const EXPIRED = "<expired at the server's time>"

/**
 * Whether the server still has the key (deleted neither itself nor with its organization).
 *
 * @since 0.2.0
 * @category queries
 */
export const exists = (key: ApiKey): boolean => key.alive && key.org.alive

/**
 * Whether a key validates: it exists and has not expired.
 *
 * @since 0.2.0
 * @category queries
 */
export const isLive = (key: ApiKey): boolean => exists(key) && key.expiresAt !== EXPIRED

/**
 * Every API key created so far, deleted ones too, in creation order.
 *
 * @since 0.2.0
 * @category queries
 */
export const apiKeys = (state: State): ReadonlyArray<ApiKey> => Array.from(state.keyByA.values())

/**
 * What an `expireApiKey` asks for: now (no time, or a past one), a future time, or clearing a scheduled expiry.
 *
 * @since 0.2.0
 * @category models
 */
export type ExpireRequest =
  | { readonly _tag: "Now" }
  | { readonly _tag: "At"; readonly at: string }
  | { readonly _tag: "Clear" }

/**
 * @since 0.2.0
 * @category rules
 */
export const expectExpire = (key: ApiKey | undefined): Expectation =>
  key === undefined || !exists(key)
    ? { allowed: ["NotFound"] }
    : key.expiresAt === EXPIRED
    ? { allowed: ["ApiKeyAlreadyExpired"] }
    : { allowed: ["ok"] }

/**
 * @since 0.2.0
 * @category rules
 */
export const expectDelete = (key: ApiKey | undefined): Expectation =>
  key !== undefined && exists(key) ? { allowed: ["ok"] } : { allowed: ["NotFound"] }

/**
 * The key a validation answers: the key when it is live, else nothing (`undefined` for a value never issued).
 *
 * @since 0.2.0
 * @category rules
 */
export const expectValidation = (key: ApiKey | undefined): ApiKey | null =>
  key !== undefined && isLive(key) ? key : null

/**
 * Records a successful validation.
 *
 * @since 0.2.0
 * @category updates
 */
export const validatedApiKey = (key: ApiKey): void => {
  key.used = true
}

/**
 * Records a successful `expireApiKey`.
 *
 * @since 0.2.0
 * @category updates
 */
export const expiredApiKey = (key: ApiKey, request: ExpireRequest): void => {
  key.expiresAt = request._tag === "Clear" ? null : request._tag === "Now" ? EXPIRED : request.at
}

/**
 * Records a successful `deleteApiKey`: it leaves its organization's list.
 *
 * @since 0.2.0
 * @category updates
 */
export const deletedApiKey = (key: ApiKey): void => {
  key.alive = false
  const at = key.org.apiKeys.indexOf(key)
  if (at >= 0) key.org.apiKeys.splice(at, 1)
}
