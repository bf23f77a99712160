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

/**
 * Objects ready to load. Paths (for error messages) are computed only when a check fails: each list has a
 * function from index to path. A `trusted` batch was built here from checked fixtures, so the formats of its ids
 * and timestamps need no second look.
 *
 * @internal
 */
export interface Batch {
  readonly trusted: boolean
  readonly environmentRoles: Section<Role> | undefined
  readonly organizations: Section<Organization>
  readonly organizationRoles: Section<{ readonly organizationId: string; readonly role: Role }>
  readonly featureFlags: Section<FeatureFlag>
  readonly enablements: Section<{ readonly organizationId: string; readonly flagId: string }>
  readonly apiKeys: Section<Store.StoredApiKey>
}

/** @internal */
export interface Section<A> {
  readonly items: ReadonlyArray<A>
  readonly path: (index: number) => string
}

const section = <A>(items: ReadonlyArray<A>, path: (index: number) => string): Section<A> => ({ items, path })

const indexed = (name: string) => (i: number) => `${name}[${i}]`

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

const checkId = (prefix: string, id: string, path: () => string): void => {
  const ulid = Ulid.parseId(prefix, id)
  if (ulid === undefined || prefix + ulid !== id) {
    fail(path(), `'${id}' is not an id of the form ${prefix}<ULID> (26 upper-case Crockford base32 characters)`)
  }
}

const checkTimestamp = (value: string, path: () => string): void => {
  if (Rules.canonicalTimestamp(value) !== value) {
    fail(path(), `'${value}' is not an ISO-8601 UTC timestamp with milliseconds`)
  }
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
    const givenId = (prefix: string, id: string | undefined, path: () => string) => {
      if (id === undefined) return undefined
      const ulid = Ulid.parseId(prefix, id)
      if (ulid === undefined) fail(path(), `'${id}' is not an id of the form ${prefix}<ULID>`)
      return prefix + ulid
    }
    const role = (
      f: NonNullable<Fixtures["environmentRoles"]>[number],
      type: Role["type"],
      path: () => string
    ): Role => {
      const createdAt = canonical(f.createdAt)
      const id = givenId("role_", f.id, () => `${path()}.id`) ?? newId("role_", createdAt)
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
      const path = () => `organizations[${i}]`
      const given = givenId("org_", f.id, () => `${path()}.id`)
      const createdAt = canonical(f.createdAt) ??
        (given === undefined ? nowIso : Rules.iso(Ulid.decodeTime(given.slice(4))))
      const id = given ?? newId("org_", f.createdAt === undefined ? undefined : createdAt)
      const domains = f.domains === undefined || f.domains.length === 0
        ? Store.EMPTY_DOMAINS
        : Object.freeze(f.domains.map((d, j) => {
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
            id: givenId("org_domain_", d.id, () => `${path()}.domains[${j}].id`) ??
              store.nextId("org_domain_", now),
            organizationId: id,
            domain: Rules.normalizeDomain(d.domain),
            state,
            ...(strategy === undefined ? {} : { verificationStrategy: strategy }),
            ...(token === undefined ? {} : { verificationToken: token }),
            ...(prefix === undefined ? {} : { verificationPrefix: prefix }),
            createdAt: domainCreatedAt,
            updatedAt: canonical(d.updatedAt) ?? domainCreatedAt
          }, true)
        }))
      return new Organization({
        id,
        name: f.name,
        domains,
        metadata: f.metadata === undefined || Object.keys(f.metadata).length === 0
          ? Store.EMPTY_METADATA
          : Object.freeze({ ...f.metadata }),
        externalId: f.externalId ?? null,
        ...(f.stripeCustomerId === undefined ? {} : { stripeCustomerId: f.stripeCustomerId }),
        createdAt,
        updatedAt: canonical(f.updatedAt) ?? createdAt,
        allowProfilesOutsideOrganization: false
      }, true)
    })

    const featureFlags: Array<FeatureFlag> = []
    const enablements: Array<{ organizationId: string; flagId: string }> = []
    const enablementPaths: Array<string> = []
    ;(fixtures.featureFlags ?? []).forEach((f, i) => {
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const flag = new FeatureFlag({
        id: givenId("flag_", f.id, () => `featureFlags[${i}].id`) ?? newId("flag_", createdAt),
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
      featureFlags.push(flag)
      ;(f.enabledFor ?? []).forEach((organizationId, k) => {
        enablements.push({ organizationId, flagId: flag.id })
        enablementPaths.push(`featureFlags[${i}].enabledFor[${k}]`)
      })
    })

    const apiKeys = (fixtures.apiKeys ?? []).map((f, i): Store.StoredApiKey => {
      const value = f.value === undefined
        ? store.settings.apiKeyValuePrefix + store.prng.nextString(ALPHANUMERIC, 40)
        : Redacted.value(f.value)
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const apiKey = new ApiKey({
        id: givenId("api_key_", f.id, () => `apiKeys[${i}].id`) ?? newId("api_key_", createdAt),
        owner: new OrganizationOwner({ type: "organization", id: f.organizationId }, true),
        name: f.name,
        obfuscatedValue: Rules.obfuscate(value, store.settings.obfuscatedValueStyle),
        lastUsedAt: f.lastUsedAt == null ? null : canonical(f.lastUsedAt)!,
        expiresAt: f.expiresAt == null ? null : canonical(f.expiresAt)!,
        permissions: f.permissions ?? [],
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
      return { apiKey, organizationId: f.organizationId, valueHash: Rules.hashSecret(value) }
    })

    return {
      trusted: true,
      environmentRoles: fixtures.environmentRoles === undefined ? undefined : section(
        fixtures.environmentRoles.map((f, i) => role(f, "EnvironmentRole", () => `environmentRoles[${i}]`)),
        indexed("environmentRoles")
      ),
      organizations: section(organizations, indexed("organizations")),
      organizationRoles: section(
        (fixtures.organizationRoles ?? []).map((f, i) => ({
          organizationId: f.organizationId,
          role: role(f, "OrganizationRole", () => `organizationRoles[${i}]`)
        })),
        indexed("organizationRoles")
      ),
      featureFlags: section(featureFlags, indexed("featureFlags")),
      enablements: section(enablements, (i) => enablementPaths[i]!),
      apiKeys: section(apiKeys, indexed("apiKeys"))
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
    const formats = !batch.trusted
    // --- organizations
    const newOrgs = new Map<string, Organization>()
    const externalIds = new Set<string>()
    const stripeIds = new Set<string>()
    // domain → the organization holding it in a conflicting state
    const conflictHolders = new Map<string, string>()
    const orgs = batch.organizations.items
    for (let i = 0; i < orgs.length; i++) {
      const org = orgs[i]!
      const at = (field: string) => () => `${batch.organizations.path(i)}.${field}`
      if (formats) {
        checkId("org_", org.id, at("id"))
        checkTimestamp(org.createdAt, at("createdAt"))
        checkTimestamp(org.updatedAt, at("updatedAt"))
      }
      if (store.byId.has(org.id) || newOrgs.has(org.id)) fail(at("id")(), `the id ${org.id} is already used`)
      if (store.deleted.has(org.id)) fail(at("id")(), `the id ${org.id} belonged to a deleted organization`)
      newOrgs.set(org.id, org)
      if (org.name.trim() === "") fail(at("name")(), "must not be blank")
      if (org.externalId !== null) {
        const checked = Rules.checkExternalId(settings, org.externalId)
        if (Either.isLeft(checked)) fail(at("externalId")(), checked.left.errors[0]?.message ?? "is invalid")
        if (store.byExternalId.has(org.externalId) || externalIds.has(org.externalId)) {
          fail(at("externalId")(), `the external id '${org.externalId}' is already used`)
        }
        externalIds.add(org.externalId)
      }
      if (org.stripeCustomerId !== undefined) {
        if (store.byStripeId.has(org.stripeCustomerId) || stripeIds.has(org.stripeCustomerId)) {
          fail(at("stripeCustomerId")(), `the Stripe customer id '${org.stripeCustomerId}' is already used`)
        }
        stripeIds.add(org.stripeCustomerId)
      }
      if (org.metadata !== Store.EMPTY_METADATA) {
        const metadata = Rules.checkMetadata(settings, org.metadata)
        if (Either.isLeft(metadata)) fail(at("metadata")(), metadata.left.detail)
      }
      if (org.domains.length === 0) continue
      const own = new Set<string>()
      org.domains.forEach((d, j) => {
        const domainAt = (field: string) => () => `${batch.organizations.path(i)}.domains[${j}].${field}`
        if (formats) checkId("org_domain_", d.id, domainAt("id"))
        if (d.organizationId !== org.id) fail(domainAt("organizationId")(), `must be ${org.id}`)
        if (!Rules.isValidDomain(d.domain)) fail(domainAt("domain")(), `'${d.domain}' is not a lower-case domain`)
        if (own.has(d.domain)) fail(domainAt("domain")(), `'${d.domain}' is listed more than once`)
        own.add(d.domain)
        if (settings.domainConflictStates.includes(d.state)) {
          const other = conflictHolders.get(d.domain) ??
            Rules.findDomainConflict(settings, [d.domain], (x) => store.domainHolders(x), undefined)
          if (other !== undefined) {
            fail(domainAt("domain")(), Rules.domainConflict(d.domain).detail)
          }
          conflictHolders.set(d.domain, org.id)
        }
      })
    }
    const organizationExists = (id: string) => store.byId.has(id) || newOrgs.has(id)

    // --- roles
    const roleIds = new Set<string>()
    const checkRole = (role: Role, type: Role["type"], path: () => string) => {
      const at = (field: string) => () => `${path()}.${field}`
      if (formats) {
        checkId("role_", role.id, at("id"))
        checkTimestamp(role.createdAt, at("createdAt"))
        checkTimestamp(role.updatedAt, at("updatedAt"))
      }
      if (roleIds.has(role.id)) fail(at("id")(), `the id ${role.id} is already used`)
      roleIds.add(role.id)
      if (role.type !== type) fail(at("type")(), `must be ${type}`)
      if (role.slug.trim() === "") fail(at("slug")(), "must not be blank")
    }
    const envRoles = batch.environmentRoles ?? section(store.envRoles, indexed("environmentRoles"))
    const envSlugs = new Set<string>()
    envRoles.items.forEach((role, i) => {
      checkRole(role, "EnvironmentRole", () => envRoles.path(i))
      if (envSlugs.has(role.slug)) fail(`${envRoles.path(i)}.slug`, `the slug '${role.slug}' is already used`)
      envSlugs.add(role.slug)
    })
    for (const roles of store.orgRoles.values()) for (const role of roles) roleIds.add(role.id)
    const orgSlugs = new Map<string, Set<string>>()
    batch.organizationRoles.items.forEach(({ organizationId, role }, i) => {
      const path = () => batch.organizationRoles.path(i)
      checkRole(role, "OrganizationRole", path)
      if (!organizationExists(organizationId)) {
        fail(`${path()}.organizationId`, `no organization has the id ${organizationId}`)
      }
      let slugs = orgSlugs.get(organizationId)
      if (slugs === undefined) {
        slugs = new Set((store.orgRoles.get(organizationId) ?? []).map((r) => r.slug))
        orgSlugs.set(organizationId, slugs)
      }
      if (slugs.has(role.slug) || envSlugs.has(role.slug)) {
        fail(`${path()}.slug`, `the slug '${role.slug}' is already used`)
      }
      slugs.add(role.slug)
    })

    // --- feature flags
    const newFlags = new Map<string, FeatureFlag>()
    const flagSlugs = new Set<string>()
    batch.featureFlags.items.forEach((flag, i) => {
      const at = (field: string) => () => `${batch.featureFlags.path(i)}.${field}`
      if (formats) {
        checkId("flag_", flag.id, at("id"))
        checkTimestamp(flag.createdAt, at("createdAt"))
        checkTimestamp(flag.updatedAt, at("updatedAt"))
      }
      if (store.flagById.has(flag.id) || newFlags.has(flag.id)) fail(at("id")(), `the id ${flag.id} is already used`)
      if (flag.slug.trim() === "") fail(at("slug")(), "must not be blank")
      if (store.flagBySlug.has(flag.slug) || flagSlugs.has(flag.slug)) {
        fail(at("slug")(), `the slug '${flag.slug}' is already used`)
      }
      newFlags.set(flag.id, flag)
      flagSlugs.add(flag.slug)
    })
    batch.enablements.items.forEach(({ flagId, organizationId }, i) => {
      const path = batch.enablements.path
      if (!organizationExists(organizationId)) fail(path(i), `no organization has the id ${organizationId}`)
      if (!store.flagById.has(flagId) && !newFlags.has(flagId)) fail(path(i), `no feature flag has the id ${flagId}`)
    })

    // --- api keys
    const keyIds = new Set<string>()
    const hashes = new Set<string>()
    batch.apiKeys.items.forEach(({ apiKey, organizationId, valueHash }, i) => {
      const at = (field: string) => () => `${batch.apiKeys.path(i)}.${field}`
      if (formats) {
        checkId("api_key_", apiKey.id, at("id"))
        checkTimestamp(apiKey.createdAt, at("createdAt"))
        checkTimestamp(apiKey.updatedAt, at("updatedAt"))
        if (apiKey.expiresAt !== null) checkTimestamp(apiKey.expiresAt, at("expiresAt"))
        if (apiKey.lastUsedAt !== null) checkTimestamp(apiKey.lastUsedAt, at("lastUsedAt"))
      }
      if (store.apiKeyById.has(apiKey.id) || keyIds.has(apiKey.id)) {
        fail(at("id")(), `the id ${apiKey.id} is already used`)
      }
      keyIds.add(apiKey.id)
      if (apiKey.owner.type !== "organization" || apiKey.owner.id !== organizationId) {
        fail(at("owner")(), `must be the organization ${organizationId}`)
      }
      if (!organizationExists(organizationId)) {
        fail(at("organizationId")(), `no organization has the id ${organizationId}`)
      }
      if (apiKey.name.trim() === "") fail(at("name")(), "must not be blank")
      if (store.apiKeyByHash.has(valueHash) || hashes.has(valueHash)) {
        fail(at("value")(), "another API key has the same value")
      }
      hashes.add(valueHash)
    })

    // --- commit
    addOrganizations(store, orgs)
    if (batch.environmentRoles !== undefined) store.envRoles = batch.environmentRoles.items
    for (const { organizationId, role } of batch.organizationRoles.items) {
      const roles = store.orgRoles.get(organizationId)
      if (roles === undefined) store.orgRoles.set(organizationId, [role])
      else roles.push(role)
    }
    for (const flag of batch.featureFlags.items) {
      Order.insert(store.flags, flag)
      store.flagById.set(flag.id, flag)
      store.flagBySlug.set(flag.slug, flag)
    }
    for (const { flagId, organizationId } of batch.enablements.items) {
      const set = store.enabledFlags.get(organizationId)
      if (set === undefined) store.enabledFlags.set(organizationId, new Set([flagId]))
      else set.add(flagId)
    }
    for (const stored of batch.apiKeys.items) store.insertApiKey(stored)
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
      checkId("org_", id, () => `deleted[${i}].id`)
      checkTimestamp(createdAt, () => `deleted[${i}].createdAt`)
      store.deleted.set(id, createdAt)
    })
    const rolePaths: Array<string> = []
    const enablementPaths: Array<string> = []
    const loaded = load(store, {
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
    if (Either.isLeft(loaded)) fail(loaded.left.path, loaded.left.detail)
    snapshot.idempotency.forEach(({ expiresAt, fingerprint, key, organization }) => {
      store.idempotency.set(key, { fingerprint, expiresAt, result: { _tag: "Organization", organization } })
    })
    return store
  })
}
