/**
 * The API key lifecycle on a store (WIRE-LIFECYCLE.md §2.6): validate a value, delete a key, expire it. Like
 * `operations.ts`, each is one synchronous function that checks everything before its one mutation.
 *
 * The store keeps a digest of each value, never the value: a validation digests what it was sent, finds the key by
 * that digest and compares the two digests in constant time. A key validates while it exists and has not expired on
 * the environment's clock (`expires_at <= now` is expired); a successful validation sets `last_used_at`.
 *
 * @internal
 */
import { ApiKey, ApiKeyValidation } from "@effect-workos/core/ApiKey"
import type * as ApiKeys from "@effect-workos/core/ApiKeys"
import { ApiKeyAlreadyExpired, NotFound } from "@effect-workos/core/WorkOSError"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { UNCHECKED } from "./objects.js"
import * as Rules from "./rules.js"
import type { Store, StoredApiKey } from "./store.js"

/** The resource a 404 of these operations names (`API Key not found: '<id>'.`, S l.556). */
const resource = "API Key"

const noKey = new ApiKeyValidation({ apiKey: null }, UNCHECKED)

const find = (store: Store, id: string): Either.Either<StoredApiKey, NotFound> => {
  const stored = store.apiKey(id)
  return stored === undefined ? Either.left(new NotFound({ resource, id })) : Either.right(stored)
}

/**
 * The key whose value this is: found by the value's digest (or, for a key restored from an older snapshot, its
 * legacy digest), the digests compared in constant time.
 *
 * @internal
 */
export const findByValue = (store: Store, value: string): StoredApiKey | undefined => {
  for (const digest of [Rules.hashSecret(value), Rules.legacyHashSecret(value)]) {
    const id = store.apiKeyIdByHash(digest)
    const stored = id === undefined ? undefined : store.apiKey(id)
    if (stored !== undefined && Rules.sameDigest(stored.valueHash, digest)) return stored
  }
  return undefined
}

/** @internal */
export const validateApiKey = (
  store: Store,
  options: ApiKeys.ValidateApiKeyOptions,
  now: number
): Either.Either<ApiKeyValidation, ApiKeys.ValidateApiKeyError> => {
  const stored = findByValue(store, Redacted.value(options.value))
  if (stored === undefined || Rules.isExpired(stored.apiKey.expiresAt, now)) return Either.right(noKey)
  const used = new ApiKey({ ...stored.apiKey, lastUsedAt: Rules.iso(now) }, UNCHECKED)
  store.replaceApiKey(stored, used)
  return Either.right(new ApiKeyValidation({ apiKey: used }, UNCHECKED))
}

/** @internal */
export const deleteApiKey = (store: Store, id: string): Either.Either<void, ApiKeys.DeleteApiKeyError> =>
  Either.map(find(store, id), (stored) => store.removeApiKey(stored))

/**
 * No `expiresAt`, or one at or before now: expires the key now. A future one: schedules its expiry. `null`: clears
 * a scheduled expiry. An expired key stays expired (409), whatever the body.
 *
 * @internal
 */
export const expireApiKey = (
  store: Store,
  options: ApiKeys.ExpireApiKeyOptions,
  now: number
): Either.Either<ApiKey, ApiKeys.ExpireApiKeyError> =>
  Either.gen(function*() {
    const stored = yield* find(store, options.id)
    if (Rules.isExpired(stored.apiKey.expiresAt, now)) return yield* Either.left(ApiKeyAlreadyExpired.standard())
    const requested = options.expiresAt
    const at = requested === undefined || requested === null ? undefined : Date.parse(requested)
    const expiresAt = requested === null ? null : at === undefined || at <= now ? Rules.iso(now) : Rules.iso(at)
    const updated = new ApiKey({ ...stored.apiKey, expiresAt, updatedAt: Rules.iso(now) }, UNCHECKED)
    store.replaceApiKey(stored, updated)
    return updated
  })
