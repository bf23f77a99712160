/**
 * Loading objects into a store (seed fixtures, restore snapshots) and writing a store out as a snapshot. Loading
 * checks everything first — id formats, the environment's settings, uniqueness, domain conflicts, references —
 * and changes nothing when a check fails.
 *
 * @internal
 */
import { ApiKey, OrganizationOwner } from "@effect-workos/core/ApiKey"
import { FeatureFlag, FeatureFlagOwner } from "@effect-workos/core/FeatureFlag"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import { Role } from "@effect-workos/core/Role"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { Fixtures, Snapshot } from "../FakeWorkOS.js"
import * as Order from "./order.js"
import { ALPHANUMERIC, LOWER_ALPHANUMERIC, Prng } from "./prng.js"
import * as Rules from "./rules.js"
import * as Store from "./store.js"
import * as Ulid from "./ulid.js"

/** Where loading failed. @internal */
export interface LoadError {
  readonly path: string
  readonly detail: string
}

/** Objects ready to load, each with the path it came from. @internal */
export interface Batch {
  readonly environmentRoles: ReadonlyArray<{ readonly role: Role; readonly path: string }> | undefined
  readonly organizations: ReadonlyArray<{ readonly org: Organization; readonly path: string }>
  readonly organizationRoles: ReadonlyArray<
    { readonly organizationId: string; readonly role: Role; readonly path: string }
  >
  readonly featureFlags: ReadonlyArray<{ readonly flag: FeatureFlag; readonly path: string }>
  readonly enablements: ReadonlyArray<
    { readonly organizationId: string; readonly flagId: string; readonly path: string }
  >
  readonly apiKeys: ReadonlyArray<{ readonly stored: Store.StoredApiKey; readonly path: string }>
}

class Failure {
  constructor(readonly path: string, readonly detail: string) {}
}

const fail = (path: string, detail: string): never => {
  throw new Failure(path, detail)
}

const attempt = <A>(f: () => A): Either.Either<A, LoadError> => {
  try {
    return Either.right(f())
  } catch (e) {
    if (e instanceof Failure) return Either.left({ path: e.path, detail: e.detail })
    throw e
  }
}

const idWith = (prefix: string, id: string, path: string): string => {
  const ulid = Ulid.parseId(prefix, id)
  if (ulid === undefined || prefix + ulid !== id) {
    fail(path, `'${id}' is not an id of the form ${prefix}<ULID> (26 upper-case Crockford base32 characters)`)
  }
  return id
}

const timestamp = (value: string, path: string): string => {
  const canonical = Rules.canonicalTimestamp(value)
  if (canonical !== value) fail(path, `'${value}' is not an ISO-8601 UTC timestamp with milliseconds`)
  return value
}

// ---------------------------------------------------------------------------------------------------------------
// fixtures → batch
// ---------------------------------------------------------------------------------------------------------------

/** The environment roles of a new environment. @internal */
export const defaultEnvironmentRoles: NonNullable<Fixtures["environmentRoles"]> = [
  {
    slug: "admin",
    name: "Admin",
    description: "Full access to every resource of the organization.",
    permissions: []
  },
  {
    slug: "member",
    name: "Member",
    description: "The default role for new members of the organization.",
    permissions: []
  }
]

const canonical = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : Rules.canonicalTimestamp(value)

/**
 * Turns fixtures into objects: ids and timestamps filled in (ids from the time of `createdAt` when it is given,
 * else from the generator at `now`), secrets hashed, defaults applied.
 *
 * @internal
 */
export const fromFixtures = (store: Store.Store, fixtures: Fixtures, now: number): Either.Either<Batch, LoadError> =>
  attempt(() => {
    const nowIso = Rules.iso(now)
    const newId = (prefix: string, createdAt: string | undefined) =>
      createdAt === undefined ? store.nextId(prefix, now) : prefix + Ulid.at(Date.parse(createdAt), store.prng)
    const givenId = (prefix: string, id: string | undefined, path: string) => {
      if (id === undefined) return undefined
      const ulid = Ulid.parseId(prefix, id)
      if (ulid === undefined) fail(path, `'${id}' is not an id of the form ${prefix}<ULID>`)
      return prefix + ulid
    }
    const role = (
      f: NonNullable<Fixtures["environmentRoles"]>[number],
      type: Role["type"],
      path: string
    ): Role => {
      const createdAt = canonical(f.createdAt)
      const id = givenId("role_", f.id, `${path}.id`) ?? newId("role_", createdAt)
      const at = createdAt ?? nowIso
      return new Role({
        id,
        name: f.name,
        slug: f.slug,
        description: f.description ?? null,
        type,
        resourceTypeSlug: f.resourceTypeSlug ?? "organization",
        permissions: f.permissions ?? [],
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
    }

    const organizations = (fixtures.organizations ?? []).map((f, i) => {
      const path = `organizations[${i}]`
      const given = givenId("org_", f.id, `${path}.id`)
      const createdAt = canonical(f.createdAt) ??
        (given === undefined ? nowIso : Rules.iso(Ulid.decodeTime(given.slice(4))))
      const id = given ?? newId("org_", f.createdAt === undefined ? undefined : createdAt)
      const domains = (f.domains ?? []).map((d, j) => {
        const domainPath = `${path}.domains[${j}]`
        const state = d.state ?? "verified"
        const strategy = d.verificationStrategy ??
          (state === "verified" ? "manual" : state === "legacy_verified" ? undefined : "dns")
        const token = d.verificationToken ??
          (strategy === "dns" ? store.prng.nextString(ALPHANUMERIC, 25) : undefined)
        const prefix = d.verificationPrefix ??
          (strategy === "dns"
            ? `workos-domain-verification-${store.prng.nextString(LOWER_ALPHANUMERIC, 6)}`
            : undefined)
        const domainCreatedAt = canonical(d.createdAt) ?? createdAt
        return new OrganizationDomain({
          id: givenId("org_domain_", d.id, `${domainPath}.id`) ?? store.nextId("org_domain_", now),
          organizationId: id,
          domain: Rules.normalizeDomain(d.domain),
          state,
          ...(strategy === undefined ? {} : { verificationStrategy: strategy }),
          ...(token === undefined ? {} : { verificationToken: token }),
          ...(prefix === undefined ? {} : { verificationPrefix: prefix }),
          createdAt: domainCreatedAt,
          updatedAt: canonical(d.updatedAt) ?? domainCreatedAt
        }, true)
      })
      const org = new Organization({
        id,
        name: f.name,
        domains: domains.length === 0 ? Store.EMPTY_DOMAINS : Object.freeze(domains),
        metadata: f.metadata === undefined || Object.keys(f.metadata).length === 0
          ? Store.EMPTY_METADATA
          : Object.freeze({ ...f.metadata }),
        externalId: f.externalId ?? null,
        ...(f.stripeCustomerId === undefined ? {} : { stripeCustomerId: f.stripeCustomerId }),
        createdAt,
        updatedAt: canonical(f.updatedAt) ?? createdAt,
        allowProfilesOutsideOrganization: false
      }, true)
      return { org, path }
    })

    const featureFlags: Array<{ flag: FeatureFlag; path: string }> = []
    const enablements: Array<{ organizationId: string; flagId: string; path: string }> = []
    ;(fixtures.featureFlags ?? []).forEach((f, i) => {
      const path = `featureFlags[${i}]`
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const flag = new FeatureFlag({
        id: givenId("flag_", f.id, `${path}.id`) ?? newId("flag_", createdAt),
        slug: f.slug,
        name: f.name ?? f.slug,
        description: f.description ?? null,
        owner: f.owner == null ? null : new FeatureFlagOwner(f.owner, true),
        tags: f.tags ?? [],
        enabled: true,
        defaultValue: f.defaultValue ?? false,
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
      featureFlags.push({ flag, path })
      ;(f.enabledFor ?? []).forEach((organizationId, k) =>
        enablements.push({ organizationId, flagId: flag.id, path: `${path}.enabledFor[${k}]` })
      )
    })

    const apiKeys = (fixtures.apiKeys ?? []).map((f, i) => {
      const path = `apiKeys[${i}]`
      const value = f.value === undefined
        ? store.settings.apiKeyValuePrefix + store.prng.nextString(ALPHANUMERIC, 40)
        : Redacted.value(f.value)
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const apiKey = new ApiKey({
        id: givenId("api_key_", f.id, `${path}.id`) ?? newId("api_key_", createdAt),
        owner: new OrganizationOwner({ type: "organization", id: f.organizationId }, true),
        name: f.name,
        obfuscatedValue: Rules.obfuscate(value, store.settings.obfuscatedValueStyle),
        lastUsedAt: f.lastUsedAt == null ? null : canonical(f.lastUsedAt)!,
        expiresAt: f.expiresAt == null ? null : canonical(f.expiresAt)!,
        permissions: f.permissions ?? [],
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
      return {
        stored: { apiKey, organizationId: f.organizationId, valueHash: Rules.hashSecret(value) },
        path
      }
    })

    return {
      environmentRoles: fixtures.environmentRoles?.map((f, i) => {
        const path = `environmentRoles[${i}]`
        return { role: role(f, "EnvironmentRole", path), path }
      }),
      organizations,
      organizationRoles: (fixtures.organizationRoles ?? []).map((f, i) => {
        const path = `organizationRoles[${i}]`
        return { organizationId: f.organizationId, role: role(f, "OrganizationRole", path), path }
      }),
      featureFlags,
      enablements,
      apiKeys
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// batch → store
// ---------------------------------------------------------------------------------------------------------------

/**
 * Checks a batch against the store and itself, then adds it. Nothing changes when a check fails.
 *
 * @internal
 */
export const load = (store: Store.Store, batch: Batch): Either.Either<void, LoadError> =>
  attempt(() => {
    const settings = store.settings
    // --- organizations
    const newOrgs = new Map<string, Organization>()
    const externalIds = new Set<string>()
    const stripeIds = new Set<string>()
    // domain → the organization holding it in a conflicting state
    const conflictHolders = new Map<string, string>()
    for (const { org, path } of batch.organizations) {
      idWith("org_", org.id, `${path}.id`)
      if (store.byId.has(org.id) || newOrgs.has(org.id)) fail(`${path}.id`, `the id ${org.id} is already used`)
      if (store.deleted.has(org.id)) fail(`${path}.id`, `the id ${org.id} belonged to a deleted organization`)
      newOrgs.set(org.id, org)
      if (org.name.trim() === "") fail(`${path}.name`, "must not be blank")
      timestamp(org.createdAt, `${path}.createdAt`)
      timestamp(org.updatedAt, `${path}.updatedAt`)
      if (org.externalId !== null) {
        const checked = Rules.checkExternalId(settings, org.externalId)
        if (Either.isLeft(checked)) fail(`${path}.externalId`, checked.left.message)
        if (store.byExternalId.has(org.externalId) || externalIds.has(org.externalId)) {
          fail(`${path}.externalId`, `the external id '${org.externalId}' is already used`)
        }
        externalIds.add(org.externalId)
      }
      if (org.stripeCustomerId !== undefined) {
        if (store.byStripeId.has(org.stripeCustomerId) || stripeIds.has(org.stripeCustomerId)) {
          fail(`${path}.stripeCustomerId`, `the Stripe customer id '${org.stripeCustomerId}' is already used`)
        }
        stripeIds.add(org.stripeCustomerId)
      }
      const metadata = Rules.checkMetadata(settings, org.metadata)
      if (Either.isLeft(metadata)) fail(`${path}.metadata`, metadata.left.detail)
      const own = new Set<string>()
      org.domains.forEach((d, j) => {
        const domainPath = `${path}.domains[${j}]`
        idWith("org_domain_", d.id, `${domainPath}.id`)
        if (d.organizationId !== org.id) fail(`${domainPath}.organizationId`, `must be ${org.id}`)
        if (!Rules.isValidDomain(d.domain)) fail(`${domainPath}.domain`, `'${d.domain}' is not a lower-case domain`)
        if (own.has(d.domain)) fail(`${domainPath}.domain`, `'${d.domain}' is listed more than once`)
        own.add(d.domain)
        if (settings.domainConflictStates.includes(d.state)) {
          const other = conflictHolders.get(d.domain) ??
            Rules.findDomainConflict(settings, [d.domain], (x) => store.domainHolders(x), undefined)
          if (other !== undefined) {
            fail(`${domainPath}.domain`, `An Organization with the domain ${d.domain} already exists.`)
          }
          conflictHolders.set(d.domain, org.id)
        }
      })
    }
    const organizationExists = (id: string) => store.byId.has(id) || newOrgs.has(id)

    // --- roles
    const roleIds = new Set<string>()
    const checkRole = (role: Role, type: Role["type"], path: string) => {
      idWith("role_", role.id, `${path}.id`)
      if (roleIds.has(role.id)) fail(`${path}.id`, `the id ${role.id} is already used`)
      roleIds.add(role.id)
      if (role.type !== type) fail(`${path}.type`, `must be ${type}`)
      if (role.slug.trim() === "") fail(`${path}.slug`, "must not be blank")
      timestamp(role.createdAt, `${path}.createdAt`)
      timestamp(role.updatedAt, `${path}.updatedAt`)
    }
    const envRoles = batch.environmentRoles ?? store.envRoles.map((role) => ({ role, path: "environmentRoles" }))
    const envSlugs = new Set<string>()
    for (const { path, role } of envRoles) {
      checkRole(role, "EnvironmentRole", path)
      if (envSlugs.has(role.slug)) fail(`${path}.slug`, `the slug '${role.slug}' is already used`)
      envSlugs.add(role.slug)
    }
    for (const roles of store.orgRoles.values()) for (const role of roles) roleIds.add(role.id)
    const orgSlugs = new Map<string, Set<string>>()
    for (const { organizationId, path, role } of batch.organizationRoles) {
      checkRole(role, "OrganizationRole", path)
      if (!organizationExists(organizationId)) {
        fail(`${path}.organizationId`, `no organization has the id ${organizationId}`)
      }
      let slugs = orgSlugs.get(organizationId)
      if (slugs === undefined) {
        slugs = new Set((store.orgRoles.get(organizationId) ?? []).map((r) => r.slug))
        orgSlugs.set(organizationId, slugs)
      }
      if (slugs.has(role.slug) || envSlugs.has(role.slug)) {
        fail(`${path}.slug`, `the slug '${role.slug}' is already used`)
      }
      slugs.add(role.slug)
    }

    // --- feature flags
    const newFlags = new Map<string, FeatureFlag>()
    const flagSlugs = new Set<string>()
    for (const { flag, path } of batch.featureFlags) {
      idWith("flag_", flag.id, `${path}.id`)
      if (store.flagById.has(flag.id) || newFlags.has(flag.id)) fail(`${path}.id`, `the id ${flag.id} is already used`)
      if (flag.slug.trim() === "") fail(`${path}.slug`, "must not be blank")
      if (store.flagBySlug.has(flag.slug) || flagSlugs.has(flag.slug)) {
        fail(`${path}.slug`, `the slug '${flag.slug}' is already used`)
      }
      timestamp(flag.createdAt, `${path}.createdAt`)
      timestamp(flag.updatedAt, `${path}.updatedAt`)
      newFlags.set(flag.id, flag)
      flagSlugs.add(flag.slug)
    }
    for (const { flagId, organizationId, path } of batch.enablements) {
      if (!organizationExists(organizationId)) fail(path, `no organization has the id ${organizationId}`)
      if (!store.flagById.has(flagId) && !newFlags.has(flagId)) fail(path, `no feature flag has the id ${flagId}`)
    }

    // --- api keys
    const keyIds = new Set<string>()
    const hashes = new Set<string>()
    for (const { path, stored } of batch.apiKeys) {
      const { apiKey, organizationId } = stored
      idWith("api_key_", apiKey.id, `${path}.id`)
      if (store.apiKeyById.has(apiKey.id) || keyIds.has(apiKey.id)) {
        fail(`${path}.id`, `the id ${apiKey.id} is already used`)
      }
      keyIds.add(apiKey.id)
      if (apiKey.owner.type !== "organization" || apiKey.owner.id !== organizationId) {
        fail(`${path}.owner`, `must be the organization ${organizationId}`)
      }
      if (!organizationExists(organizationId)) {
        fail(`${path}.organizationId`, `no organization has the id ${organizationId}`)
      }
      if (apiKey.name.trim() === "") fail(`${path}.name`, "must not be blank")
      if (store.apiKeyByHash.has(stored.valueHash) || hashes.has(stored.valueHash)) {
        fail(`${path}.value`, "another API key has the same value")
      }
      hashes.add(stored.valueHash)
      timestamp(apiKey.createdAt, `${path}.createdAt`)
      timestamp(apiKey.updatedAt, `${path}.updatedAt`)
      if (apiKey.expiresAt !== null) timestamp(apiKey.expiresAt, `${path}.expiresAt`)
      if (apiKey.lastUsedAt !== null) timestamp(apiKey.lastUsedAt, `${path}.lastUsedAt`)
    }

    // --- commit
    addOrganizations(store, batch.organizations.map((o) => o.org))
    if (batch.environmentRoles !== undefined) store.envRoles = batch.environmentRoles.map((r) => r.role)
    for (const { organizationId, role } of batch.organizationRoles) {
      const roles = store.orgRoles.get(organizationId)
      if (roles === undefined) store.orgRoles.set(organizationId, [role])
      else roles.push(role)
    }
    for (const { flag } of batch.featureFlags) {
      Order.insert(store.flags, flag)
      store.flagById.set(flag.id, flag)
      store.flagBySlug.set(flag.slug, flag)
    }
    for (const { flagId, organizationId } of batch.enablements) {
      const set = store.enabledFlags.get(organizationId)
      if (set === undefined) store.enabledFlags.set(organizationId, new Set([flagId]))
      else set.add(flagId)
    }
    for (const { stored } of batch.apiKeys) store.insertApiKey(stored)
  })

/** Merges organizations into the sorted list: appends when they all come after it, else one merge pass. */
const addOrganizations = (store: Store.Store, orgs: ReadonlyArray<Organization>): void => {
  if (orgs.length === 0) return
  const added = Order.isSorted(orgs) ? orgs : orgs.slice().sort(Order.compareKeyed)
  const current = store.orgs
  const last = current[current.length - 1]
  if (last === undefined || Order.compareKeyed(last, added[0]!) < 0) {
    for (const org of added) current.push(org)
  } else {
    const merged: Array<Organization> = new Array(current.length + added.length)
    let i = 0
    let j = 0
    let k = 0
    while (i < current.length && j < added.length) {
      merged[k++] = Order.compareKeyed(current[i]!, added[j]!) < 0 ? current[i++]! : added[j++]!
    }
    while (i < current.length) merged[k++] = current[i++]!
    while (j < added.length) merged[k++] = added[j++]!
    store.orgs = merged
  }
  for (const org of added) store.indexOrganization(org)
}

// ---------------------------------------------------------------------------------------------------------------
// snapshots
// ---------------------------------------------------------------------------------------------------------------

const byKey = <A>(map: ReadonlyMap<string, A>): Array<[string, A]> =>
  Array.from(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/**
 * The store as a snapshot (type side), in a fixed order so that equal states give byte-identical documents.
 * Idempotency entries that expired by `now`, and those of API-key creates, are left out.
 *
 * @internal
 */
export const toSnapshot = (store: Store.Store, now: number): Snapshot => ({
  version: 1,
  settings: store.settings,
  generator: { lastTime: store.gen.lastTime, hi: store.gen.hi, lo: store.gen.lo, prng: store.prng.state },
  organizations: store.orgs.slice(),
  deleted: byKey(store.deleted).map(([id, createdAt]) => ({ id, createdAt })),
  environmentRoles: store.envRoles.slice(),
  organizationRoles: byKey(store.orgRoles).map(([organizationId, roles]) => ({ organizationId, roles })),
  featureFlags: store.flags.slice(),
  enabledFeatureFlags: byKey(store.enabledFlags).map(([organizationId, ids]) => ({
    organizationId,
    flagIds: Array.from(ids).sort()
  })),
  apiKeys: byKey(store.apiKeys).flatMap(([, keys]) =>
    keys.map((apiKey) => ({ apiKey, valueHash: store.apiKeyById.get(apiKey.id)!.valueHash }))
  ),
  idempotency: byKey(store.idempotency).flatMap(([key, entry]) =>
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
export const fromSnapshot = (snapshot: Snapshot): Either.Either<Store.Store, LoadError> => {
  const store = new Store.Store(snapshot.settings, new Prng(snapshot.generator.prng), {
    lastTime: snapshot.generator.lastTime,
    hi: snapshot.generator.hi,
    lo: snapshot.generator.lo
  })
  return attempt(() => {
    snapshot.deleted.forEach(({ createdAt, id }, i) => {
      idWith("org_", id, `deleted[${i}].id`)
      store.deleted.set(id, timestamp(createdAt, `deleted[${i}].createdAt`))
    })
    const loaded = load(store, {
      environmentRoles: snapshot.environmentRoles.map((role, i) => ({ role, path: `environmentRoles[${i}]` })),
      organizations: snapshot.organizations.map((org, i) => ({ org, path: `organizations[${i}]` })),
      organizationRoles: snapshot.organizationRoles.flatMap(({ organizationId, roles }, i) =>
        roles.map((role, j) => ({ organizationId, role, path: `organizationRoles[${i}].roles[${j}]` }))
      ),
      featureFlags: snapshot.featureFlags.map((flag, i) => ({ flag, path: `featureFlags[${i}]` })),
      enablements: snapshot.enabledFeatureFlags.flatMap(({ flagIds, organizationId }, i) =>
        flagIds.map((flagId, j) => ({ organizationId, flagId, path: `enabledFeatureFlags[${i}].flagIds[${j}]` }))
      ),
      apiKeys: snapshot.apiKeys.map(({ apiKey, valueHash }, i) => ({
        stored: { apiKey, organizationId: apiKey.owner.id, valueHash },
        path: `apiKeys[${i}]`
      }))
    })
    if (Either.isLeft(loaded)) fail(loaded.left.path, loaded.left.detail)
    snapshot.idempotency.forEach(({ expiresAt, fingerprint, key, organization }) => {
      store.idempotency.set(key, { fingerprint, expiresAt, result: { _tag: "Organization", organization } })
    })
    return store
  })
}
