/**
 * Loading objects into a store (seed fixtures, restore snapshots). Loading checks everything first — id formats,
 * the environment's settings, uniqueness, domain conflicts, references — through the same invariants as the
 * operations (`invariants.ts`), against the store and the batch together, and changes nothing when a check fails;
 * then it adds the batch through the store's mutations.
 *
 * @internal
 */
import type { FeatureFlag } from "@effect-workos/core/FeatureFlag"
import type { AnyDomainState, Organization } from "@effect-workos/core/Organization"
import type { Role } from "@effect-workos/core/Role"
import * as Either from "effect/Either"
import * as Invariants from "./invariants.js"
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

/** @internal */
export const section = <A>(items: ReadonlyArray<A>, path: (index: number) => string): Section<A> => ({ items, path })

/** `name[i]`. @internal */
export const indexed = (name: string) => (i: number): string => `${name}[${i}]`

/** A failed load at `path`. @internal */
export const fail = (path: string, detail: string): Either.Either<never, LoadError> => Either.left({ path, detail })

/** `detail` at `path` unless `ok`. @internal */
export const ensure = (ok: boolean, path: () => string, detail: () => string): Either.Either<void, LoadError> =>
  Invariants.check(ok, () => ({ path: path(), detail: detail() }))

/** A failed invariant, at `path`, in the words the operations use. */
const at = <A>(
  path: () => string,
  checked: Either.Either<A, Parameters<typeof Invariants.describe>[0]>
): Either.Either<A, LoadError> =>
  Either.mapLeft(checked, (error) => ({ path: path(), detail: Invariants.describe(error) }))

/** @internal */
export const checkId = (prefix: string, id: string, path: () => string): Either.Either<void, LoadError> => {
  const ulid = Ulid.parseId(prefix, id)
  return ensure(
    ulid !== undefined && prefix + ulid === id,
    path,
    () => `'${id}' is not an id of the form ${prefix}<ULID> (26 upper-case Crockford base32 characters)`
  )
}

/** @internal */
export const checkTimestamp = (value: string, path: () => string): Either.Either<void, LoadError> =>
  ensure(
    Rules.canonicalTimestamp(value) === value,
    path,
    () => `'${value}' is not an ISO-8601 UTC timestamp with milliseconds`
  )

const checkKeyed = (
  prefix: string,
  item: { readonly id: string; readonly createdAt: string; readonly updatedAt: string },
  field: (name: string) => () => string
): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    yield* checkId(prefix, item.id, field("id"))
    yield* checkTimestamp(item.createdAt, field("createdAt"))
    yield* checkTimestamp(item.updatedAt, field("updatedAt"))
  })

const fieldOf = (path: () => string) => (name: string) => () => `${path()}.${name}`

/** Checks every item of a section, in order, with its path and a path maker for its fields; stops at the first failure. */
const eachOf = <A>(
  items: Section<A>,
  check: (item: A, path: () => string, field: (name: string) => () => string) => Either.Either<void, LoadError>
): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    for (let i = 0; i < items.items.length; i++) {
      const path = () => items.path(i)
      yield* check(items.items[i]!, path, fieldOf(path))
    }
  })

/**
 * The store together with the part of a batch checked so far, as the invariants see it: a value the batch already
 * claimed is held as if it were in the store.
 */
class Pending implements Invariants.Holders {
  readonly organizations = new Map<string, Organization>()
  readonly externalIds = new Map<string, string>()
  readonly stripeIds = new Map<string, string>()
  /** domain → the organization of the batch holding it, and in which state */
  readonly domains = new Map<string, { readonly organizationId: string; readonly state: AnyDomainState }>()
  /** the domain ids the batch uses */
  readonly domainIds = new Set<string>()

  constructor(readonly store: Store.Store) {}

  hasOrganization(id: string): boolean {
    return this.store.hasOrganization(id) || this.organizations.has(id)
  }
  externalIdHolder(externalId: string): string | undefined {
    return this.store.externalIdHolder(externalId) ?? this.externalIds.get(externalId)
  }
  stripeCustomerIdHolder(stripeCustomerId: string): string | undefined {
    return this.store.stripeCustomerIdHolder(stripeCustomerId) ?? this.stripeIds.get(stripeCustomerId)
  }
  *domainHolders(domain: string): Iterable<{ readonly organizationId: string; readonly state: AnyDomainState }> {
    yield* this.store.domainHolders(domain)
    const held = this.domains.get(domain)
    if (held !== undefined) yield held
  }
}

const checkOrganization = (
  pending: Pending,
  org: Organization,
  path: () => string,
  field: (name: string) => () => string,
  formats: boolean
): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    const { store } = pending
    const settings = store.settings
    if (formats) yield* checkKeyed("org_", org, field)
    yield* ensure(!pending.hasOrganization(org.id), field("id"), () => `the id ${org.id} is already used`)
    yield* ensure(
      store.deletedAt(org.id) === undefined,
      field("id"),
      () => `the id ${org.id} belonged to a deleted organization`
    )
    pending.organizations.set(org.id, org)
    yield* at(field("name"), Invariants.organizationName(org.name))
    if (org.externalId !== null) {
      yield* at(field("externalId"), Invariants.externalIdFormat(settings, org.externalId))
      yield* at(field("externalId"), Invariants.externalIdAvailable(pending, org.externalId, undefined))
      pending.externalIds.set(org.externalId, org.id)
    }
    if (org.stripeCustomerId !== undefined) {
      yield* at(
        field("stripeCustomerId"),
        Invariants.stripeCustomerIdAvailable(pending, org.stripeCustomerId, undefined)
      )
      pending.stripeIds.set(org.stripeCustomerId, org.id)
    }
    if (org.metadata !== Store.EMPTY_METADATA) {
      yield* at(field("metadata"), Invariants.metadataLimits(settings, org.metadata))
    }
    const own = new Set<string>()
    for (let j = 0; j < org.domains.length; j++) {
      const d = org.domains[j]!
      const domainField = fieldOf(() => `${path()}.domains[${j}]`)
      if (formats) yield* checkId("org_domain_", d.id, domainField("id"))
      // one id names one domain, standalone (`/organization_domains/{id}`) as in its organization
      yield* ensure(
        !pending.domainIds.has(d.id) && store.domains.organizationOf(d.id) === undefined,
        domainField("id"),
        () => `the domain id ${d.id} is already used`
      )
      pending.domainIds.add(d.id)
      yield* ensure(d.organizationId === org.id, domainField("organizationId"), () => `must be ${org.id}`)
      yield* ensure(Rules.isValidDomain(d.domain), domainField("domain"), () =>
        `'${d.domain}' is not a lower-case domain`)
      yield* ensure(!own.has(d.domain), domainField("domain"), () =>
        `'${d.domain}' is listed more than once`)
      own.add(d.domain)
      if (Rules.isConflictState(settings, d.state)) {
        yield* at(domainField("domain"), Invariants.domainsAvailable(settings, pending, [d.domain], org.id))
        pending.domains.set(d.domain, { organizationId: org.id, state: d.state })
      }
    }
  })

const checkRoles = (
  pending: Pending,
  batch: Batch,
  formats: boolean
): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    const roleIds = new Set<string>()
    const checkRole = (role: Role, type: Role["type"], path: () => string) =>
      Either.gen(function*() {
        const field = fieldOf(path)
        if (formats) yield* checkKeyed("role_", role, field)
        yield* ensure(!roleIds.has(role.id), field("id"), () => `the id ${role.id} is already used`)
        roleIds.add(role.id)
        yield* ensure(role.type === type, field("type"), () => `must be ${type}`)
        yield* ensure(role.slug.trim() !== "", field("slug"), () => "must not be blank")
      })
    const envRoles = batch.environmentRoles ?? section(pending.store.environmentRoles, indexed("environmentRoles"))
    const envSlugs = new Set<string>()
    yield* eachOf(envRoles, (role, path, field) =>
      Either.gen(function*() {
        yield* checkRole(role, "EnvironmentRole", path)
        yield* ensure(!envSlugs.has(role.slug), field("slug"), () => `the slug '${role.slug}' is already used`)
        envSlugs.add(role.slug)
      }))
    for (const role of pending.store.allOrganizationRoles()) roleIds.add(role.id)
    const orgSlugs = new Map<string, Set<string>>()
    yield* eachOf(batch.organizationRoles, ({ organizationId, role }, path, field) =>
      Either.gen(function*() {
        yield* checkRole(role, "OrganizationRole", path)
        yield* at(field("organizationId"), Invariants.organizationExists(pending, organizationId))
        let slugs = orgSlugs.get(organizationId)
        if (slugs === undefined) {
          slugs = new Set(pending.store.organizationRoles(organizationId).map((r) => r.slug))
          orgSlugs.set(organizationId, slugs)
        }
        yield* ensure(
          !slugs.has(role.slug) && !envSlugs.has(role.slug),
          field("slug"),
          () => `the slug '${role.slug}' is already used`
        )
        slugs.add(role.slug)
      }))
  })

const checkFlags = (pending: Pending, batch: Batch, formats: boolean): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    const { store } = pending
    const newFlags = new Set<string>()
    const flagSlugs = new Set<string>()
    yield* eachOf(batch.featureFlags, (flag, _, field) =>
      Either.gen(function*() {
        if (formats) yield* checkKeyed("flag_", flag, field)
        yield* ensure(
          store.featureFlag(flag.id) === undefined && !newFlags.has(flag.id),
          field("id"),
          () => `the id ${flag.id} is already used`
        )
        yield* ensure(flag.slug.trim() !== "", field("slug"), () => "must not be blank")
        yield* ensure(
          store.featureFlagBySlug(flag.slug) === undefined && !flagSlugs.has(flag.slug),
          field("slug"),
          () => `the slug '${flag.slug}' is already used`
        )
        newFlags.add(flag.id)
        flagSlugs.add(flag.slug)
      }))
    yield* eachOf(batch.enablements, ({ flagId, organizationId }, path) =>
      Either.gen(function*() {
        yield* at(path, Invariants.organizationExists(pending, organizationId))
        yield* ensure(
          store.featureFlag(flagId) !== undefined || newFlags.has(flagId),
          path,
          () => `no feature flag has the id ${flagId}`
        )
      }))
  })

const checkApiKeys = (pending: Pending, batch: Batch, formats: boolean): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    const { store } = pending
    const keyIds = new Set<string>()
    const hashes = new Set<string>()
    yield* eachOf(batch.apiKeys, ({ apiKey, organizationId, valueHash }, _, field) =>
      Either.gen(function*() {
        if (formats) {
          yield* checkKeyed("api_key_", apiKey, field)
          if (apiKey.expiresAt !== null) yield* checkTimestamp(apiKey.expiresAt, field("expiresAt"))
          if (apiKey.lastUsedAt !== null) yield* checkTimestamp(apiKey.lastUsedAt, field("lastUsedAt"))
        }
        yield* ensure(
          store.apiKey(apiKey.id) === undefined && !keyIds.has(apiKey.id),
          field("id"),
          () => `the id ${apiKey.id} is already used`
        )
        keyIds.add(apiKey.id)
        yield* ensure(
          apiKey.owner.type === "organization" && apiKey.owner.id === organizationId,
          field("owner"),
          () => `must be the organization ${organizationId}`
        )
        yield* at(field("organizationId"), Invariants.organizationExists(pending, organizationId))
        yield* at(field("name"), Invariants.apiKeyName(apiKey.name))
        yield* ensure(
          store.apiKeyIdByHash(valueHash) === undefined && !hashes.has(valueHash),
          field("value"),
          () => "another API key has the same value"
        )
        hashes.add(valueHash)
      }))
  })

/**
 * Checks a batch against the store and itself, then adds it. Nothing changes when a check fails.
 *
 * @internal
 */
export const load = (store: Store.Store, batch: Batch): Either.Either<void, LoadError> =>
  Either.gen(function*() {
    const formats = !batch.trusted
    const pending = new Pending(store)
    yield* eachOf(batch.organizations, (org, path, field) => checkOrganization(pending, org, path, field, formats))
    yield* checkRoles(pending, batch, formats)
    yield* checkFlags(pending, batch, formats)
    yield* checkApiKeys(pending, batch, formats)

    store.insertOrganizations(batch.organizations.items)
    if (batch.environmentRoles !== undefined) store.setEnvironmentRoles(batch.environmentRoles.items)
    for (const { organizationId, role } of batch.organizationRoles.items) store.insertRole(organizationId, role)
    for (const flag of batch.featureFlags.items) store.insertFlag(flag)
    for (const { flagId, organizationId } of batch.enablements.items) store.enableFlag(organizationId, flagId)
    for (const stored of batch.apiKeys.items) store.insertApiKey(stored)
  })
