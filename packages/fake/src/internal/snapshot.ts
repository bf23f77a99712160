/**
 * A store written out as a snapshot, and a new store read back from one (through `seeding.load`, so a restored
 * state passes the same checks as a seeded one).
 *
 * @internal
 */
import * as Either from "effect/Either"
import type { Snapshot } from "../FakeWorkOS.js"
import type { LoadError } from "./seeding.js"
import { checkId, checkTimestamp, indexed, load, section } from "./seeding.js"
import * as Store from "./store.js"

/**
 * The store as a snapshot (type side), in a fixed order so that equal states give byte-identical documents.
 * Idempotency entries that expired by `now`, and those of API-key creates, are left out.
 *
 * @internal
 */
export const toSnapshot = (store: Store.Store, now: number): Snapshot => ({
  version: 1,
  settings: store.settings,
  generator: store.generator,
  organizations: store.organizations.slice(),
  deleted: store.deletedEntries(),
  environmentRoles: store.environmentRoles.slice(),
  organizationRoles: store.organizationRoleEntries(),
  featureFlags: store.featureFlags.slice(),
  enabledFeatureFlags: store.enabledFlagEntries(),
  apiKeys: store.apiKeyEntries().map(({ apiKey, valueHash }) => ({ apiKey, valueHash })),
  idempotency: store.idempotencyEntries().flatMap(([key, entry]) =>
    entry.expiresAt > now && entry.result._tag === "Organization"
      ? [{ key, fingerprint: entry.fingerprint, expiresAt: entry.expiresAt, organization: entry.result.organization }]
      : []
  )
})

/**
 * A new store holding exactly a snapshot's state.
 *
 * @internal
 */
export const fromSnapshot = (snapshot: Snapshot): Either.Either<Store.Store, LoadError> =>
  Either.gen(function*() {
    const store = new Store.Store(snapshot.settings, snapshot.generator)
    for (const [i, { createdAt, id }] of snapshot.deleted.entries()) {
      yield* checkId("org_", id, () => `deleted[${i}].id`)
      yield* checkTimestamp(createdAt, () => `deleted[${i}].createdAt`)
      store.markDeleted(id, createdAt)
    }
    const rolePaths: Array<string> = []
    const enablementPaths: Array<string> = []
    yield* load(store, {
      trusted: false,
      environmentRoles: section(snapshot.environmentRoles, indexed("environmentRoles")),
      organizations: section(snapshot.organizations, indexed("organizations")),
      organizationRoles: section(
        snapshot.organizationRoles.flatMap(({ organizationId, roles }, i) =>
          roles.map((role, j) => {
            rolePaths.push(`organizationRoles[${i}].roles[${j}]`)
            return { organizationId, role }
          })
        ),
        (i) => rolePaths[i]!
      ),
      featureFlags: section(snapshot.featureFlags, indexed("featureFlags")),
      enablements: section(
        snapshot.enabledFeatureFlags.flatMap(({ flagIds, organizationId }, i) =>
          flagIds.map((flagId, j) => {
            enablementPaths.push(`enabledFeatureFlags[${i}].flagIds[${j}]`)
            return { organizationId, flagId }
          })
        ),
        (i) => enablementPaths[i]!
      ),
      apiKeys: section(
        snapshot.apiKeys.map(({ apiKey, valueHash }) => ({ apiKey, organizationId: apiKey.owner.id, valueHash })),
        (i) => `apiKeys[${i}].apiKey`
      )
    })
    for (const { expiresAt, fingerprint, key, organization } of snapshot.idempotency) {
      store.remember(key, { fingerprint, expiresAt, result: { _tag: "Organization", organization } })
    }
    return store
  })
