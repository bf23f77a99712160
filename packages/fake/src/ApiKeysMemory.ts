/**
 * The API key lifecycle of the in-memory WorkOS environment: the `ApiKeys` service over the same store as
 * `Organizations` (`OrganizationsMemory`), so a key created through either validates through `ApiKeys`, and deleting
 * its organization revokes it.
 *
 * ```ts
 * program.pipe(Effect.provide(ApiKeysMemory.layerMemory()))
 * ```
 *
 * What it keeps and does (WIRE-LIFECYCLE.md §2.6):
 *
 * - a digest of each key's value, never the value: the value is shown once, by the create, and is in no snapshot,
 *   journal entry or log; a validation digests the value it was sent, finds the key by that digest and compares the
 *   digests in constant time;
 * - `validateApiKey` answers the key while it exists and has not expired on the environment's `Clock`
 *   (`expires_at <= now` is expired), setting its `last_used_at`; anything else is `None`;
 * - `expireApiKey` without a time (or with a past one) expires the key now, with a future one schedules its expiry,
 *   with `null` clears a scheduled one; an expired key answers `ApiKeyAlreadyExpired` (an expired key stays expired);
 * - `deleteApiKey` removes the key at once (a second delete is `NotFound`);
 * - faults, latency and the journal apply to these operations as to every other (`FakeWorkOS.setFaults`, keyed by
 *   operation name).
 *
 * @since 0.2.0
 */
import * as OrganizationsMemory from "./OrganizationsMemory.js"

/**
 * Provides `ApiKeys`, `Organizations` and their control surface `FakeWorkOS` from one fresh environment per build:
 * the same layer as `OrganizationsMemory.layerMemory`, under the name of the service you came for.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemory: typeof OrganizationsMemory.layerMemory = OrganizationsMemory.layerMemory

/**
 * Builds a fresh environment; its `apiKeys` is the service (the same function as `OrganizationsMemory.makeMemory`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemory: typeof OrganizationsMemory.makeMemory = OrganizationsMemory.makeMemory
