/**
 * A store written out as a snapshot, and a new store read back from one (through `seeding.load`, so a restored
 * state passes the same checks as a seeded one).
 *
 * @internal
 */
import * as Either from "effect/Either"
import type { Snapshot } from "../FakeWorkOS.js"
import type { LoadError, Section } from "./seeding.js"
import { checkId, checkTimestamp, ensure, indexed, load, section } from "./seeding.js"
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
  ),
  domainVerification: {
    checkedAt: store.domains.checkedAt ?? null,
    verifications: store.domains.verifications(),
    dnsRecords: store.domains.records()
  }
})

/** The items of every group as one section, each with the path of its place in its group. */
const flattened = <G, I, A>(
  groups: ReadonlyArray<G>,
  members: (group: G) => ReadonlyArray<I>,
  item: (group: G, member: I) => A,
  path: (group: number, member: number) => string
): Section<A> => {
  const items: Array<A> = []
  const paths: Array<string> = []
  groups.forEach((group, i) =>
    members(group).forEach((member, j) => {
      items.push(item(group, member))
      paths.push(path(i, j))
    })
  )
  return section(items, (i) => paths[i]!)
}

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
    yield* load(store, {
      trusted: false,
      environmentRoles: section(snapshot.environmentRoles, indexed("environmentRoles")),
      organizations: section(snapshot.organizations, indexed("organizations")),
      organizationRoles: flattened(
        snapshot.organizationRoles,
        ({ roles }) => roles,
        ({ organizationId }, role) => ({ organizationId, role }),
        (i, j) => `organizationRoles[${i}].roles[${j}]`
      ),
      featureFlags: section(snapshot.featureFlags, indexed("featureFlags")),
      enablements: flattened(
        snapshot.enabledFeatureFlags,
        ({ flagIds }) => flagIds,
        ({ organizationId }, flagId) => ({ organizationId, flagId }),
        (i, j) => `enabledFeatureFlags[${i}].flagIds[${j}]`
      ),
      apiKeys: section(
        snapshot.apiKeys.map(({ apiKey, valueHash }) => ({ apiKey, organizationId: apiKey.owner.id, valueHash })),
        (i) => `apiKeys[${i}].apiKey`
      )
    })
    const domains = snapshot.domainVerification
    for (const [i, { failureReason, id, startedAt }] of domains.verifications.entries()) {
      const found = store.domain(id)
      const path = () => `domainVerification.verifications[${i}]`
      yield* ensure(found !== undefined, path, () => `no domain has the id ${id}`)
      if (startedAt !== undefined) {
        yield* ensure(found!.domain.state === "pending", path, () => `${id} has a start but is not pending`)
        store.domains.startAttempt(id, startedAt)
      }
      if (failureReason !== undefined) {
        yield* ensure(found!.domain.state === "failed", path, () => `${id} has a failure reason but is not failed`)
        store.domains.setFailure(id, failureReason)
      }
    }
    for (const { domain, values } of domains.dnsRecords) {
      for (const value of values) store.domains.setRecord(domain, value)
    }
    store.domains.checkedAt = domains.checkedAt ?? undefined
    for (const { expiresAt, fingerprint, key, organization } of snapshot.idempotency) {
      store.remember(key, { fingerprint, expiresAt, result: { _tag: "Organization", organization } })
    }
    return store
  })
