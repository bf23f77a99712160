/**
 * The state of one environment. The state is private: everything else reads it through the methods below and
 * changes it only through the store's mutations (`insertOrganization`, `insertRole`, `insertFlag`, `insertApiKey`, …),
 * so the indexes can never disagree with the collections. The mutations do not check anything: the operations
 * (`operations.ts`) and seeding (`seeding.ts`) check the same invariants (`invariants.ts`) first. The collections are
 * mutable and indexed for scale:
 *
 * - organizations: an array sorted by `(created_at, id)` (binary search for cursors; a new organization is
 *   appended), a Map by id, Maps by external id and Stripe id;
 * - their domains (`domainIndex.ts`): by (lower-cased) name and by id, the pending ones, failure reasons, and the
 *   environment's DNS records;
 * - per organization: API keys sorted like organizations, organization roles in priority order, the set of enabled
 *   feature flags;
 * - deleted organizations' `created_at`, so their ids still mark a position in the list (WIRE.md §13 #16).
 *
 * @internal
 */
import type { ApiKey, CreatedApiKey } from "@effect-workos/core/ApiKey"
import type { FeatureFlag } from "@effect-workos/core/FeatureFlag"
import type { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import type { Role } from "@effect-workos/core/Role"
import type { Settings } from "../FakeWorkOS.js"
import { DomainIndex } from "./domainIndex.js"
import * as Order from "./order.js"
import { Prng } from "./prng.js"
import * as Rules from "./rules.js"
import * as Ulid from "./ulid.js"

/** @internal */
export interface IdempotencyEntry extends
  Rules.IdempotencyRecord<
    | { readonly _tag: "Organization"; readonly organization: Organization }
    | { readonly _tag: "ApiKey"; readonly created: CreatedApiKey }
    | { readonly _tag: "Domain"; readonly domain: OrganizationDomain }
  >
{}

/** @internal */
export interface StoredApiKey {
  readonly apiKey: ApiKey
  readonly organizationId: string
  readonly valueHash: string
}

/** The id generator's state, as a snapshot keeps it. @internal */
export interface GeneratorState {
  readonly lastTime: number
  readonly hi: number
  readonly lo: number
  readonly prng: number
}

/** @internal */
export const EMPTY_METADATA: Readonly<Record<string, string>> = Object.freeze({})

/** @internal */
export const EMPTY_DOMAINS: ReadonlyArray<OrganizationDomain> = Object.freeze([])

/**
 * Moves an organization's entry in a unique index (external id, Stripe customer id) from one key to another; either
 * may be absent.
 */
const moveKey = (
  index: Map<string, string>,
  from: string | null | undefined,
  to: string | null | undefined,
  id: string
): void => {
  if (typeof from === "string") index.delete(from)
  if (typeof to === "string") index.set(to, id)
}

/** Adds `value` to the set under `key`, creating it. */
const addTo = (index: Map<string, Set<string>>, key: string, value: string): void => {
  const set = index.get(key)
  if (set === undefined) index.set(key, new Set([value]))
  else set.add(value)
}

/** A key's entries, sorted by key, so that equal states list them in the same order. */
const byKey = <A>(map: ReadonlyMap<string, A>): Array<[string, A]> =>
  Array.from(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** @internal */
export class Store {
  private orgs: Array<Organization> = []
  private readonly byId = new Map<string, Organization>()
  private readonly byExternalId = new Map<string, string>()
  private readonly byStripeId = new Map<string, string>()
  /** The organizations' domains by name and id, their verification state, the DNS. */
  readonly domains = new DomainIndex()
  private readonly deleted = new Map<string, string>()
  private envRoles: ReadonlyArray<Role> = []
  private readonly orgRoles = new Map<string, Array<Role>>()
  private readonly flags: Array<FeatureFlag> = []
  private readonly flagById = new Map<string, FeatureFlag>()
  private readonly flagBySlug = new Map<string, FeatureFlag>()
  private readonly enabledFlags = new Map<string, Set<string>>()
  private readonly apiKeys = new Map<string, Array<ApiKey>>()
  private readonly apiKeyById = new Map<string, StoredApiKey>()
  private readonly apiKeyByHash = new Map<string, string>()
  private readonly idempotency = new Map<string, IdempotencyEntry>()
  private readonly gen: Ulid.GeneratorState
  /** The environment's settings; `updateSettings` replaces them. */
  settings: Settings
  readonly prng: Prng

  constructor(settings: Settings, generator: GeneratorState) {
    this.settings = settings
    this.prng = new Prng(generator.prng)
    this.gen = { lastTime: generator.lastTime, hi: generator.hi, lo: generator.lo }
  }

  // -------------------------------------------------------------------------------------------------------------
  // the generator
  // -------------------------------------------------------------------------------------------------------------

  /** A fresh `prefix_<ULID>` for time `now`. */
  nextId(prefix: string, now: number): string {
    return prefix + Ulid.next(this.gen, now, this.prng)
  }

  /** A `prefix_<ULID>` for time `at`, with random bits only (it does not move the generator's time). */
  idAt(prefix: string, at: number): string {
    return prefix + Ulid.at(at, this.prng)
  }

  get generator(): GeneratorState {
    return { lastTime: this.gen.lastTime, hi: this.gen.hi, lo: this.gen.lo, prng: this.prng.state }
  }

  /** Puts the generator back where {@link generator} was read (a seed that failed draws nothing). */
  restoreGenerator(saved: GeneratorState): void {
    this.gen.lastTime = saved.lastTime
    this.gen.hi = saved.hi
    this.gen.lo = saved.lo
    this.prng.state = saved.prng
  }

  // -------------------------------------------------------------------------------------------------------------
  // reads
  // -------------------------------------------------------------------------------------------------------------

  /** Every organization, in list order. */
  get organizations(): ReadonlyArray<Organization> {
    return this.orgs
  }

  organization(id: string): Organization | undefined {
    return this.byId.get(id)
  }

  hasOrganization(id: string): boolean {
    return this.byId.has(id)
  }

  /** The `created_at` of a deleted organization. */
  deletedAt(id: string): string | undefined {
    return this.deleted.get(id)
  }

  externalIdHolder(externalId: string): string | undefined {
    return this.byExternalId.get(externalId)
  }

  stripeCustomerIdHolder(stripeCustomerId: string): string | undefined {
    return this.byStripeId.get(stripeCustomerId)
  }

  /** The organizations holding `domain` (lower-cased), with the state each holds it in. */
  *domainHolders(domain: string): Iterable<{ organizationId: string; state: OrganizationDomain["state"] }> {
    for (const organizationId of this.domains.holderIds(domain)) {
      // the index lists only organizations that exist and hold the domain
      const held = this.byId.get(organizationId)!.domains.find((d) => Rules.normalizeDomain(d.domain) === domain)!
      yield { organizationId, state: held.state }
    }
  }

  /** The ids of the organizations holding `domain` (lower-cased). */
  domainHolderIds(domain: string): Iterable<string> {
    return this.domains.holderIds(domain)
  }

  /** The domain with this id, and its organization. */
  domain(id: string): { readonly organization: Organization; readonly domain: OrganizationDomain } | undefined {
    const organizationId = this.domains.organizationOf(id)
    const organization = organizationId === undefined ? undefined : this.byId.get(organizationId)
    const domain = organization?.domains.find((d) => d.id === id)
    return domain === undefined ? undefined : { organization: organization!, domain }
  }

  get environmentRoles(): ReadonlyArray<Role> {
    return this.envRoles
  }

  organizationRoles(organizationId: string): ReadonlyArray<Role> {
    return this.orgRoles.get(organizationId) ?? []
  }

  /** Every organization role, by organization id. */
  allOrganizationRoles(): Iterable<Role> {
    return Array.from(this.orgRoles.values()).flat()
  }

  /** Every feature flag, in list order. */
  get featureFlags(): ReadonlyArray<FeatureFlag> {
    return this.flags
  }

  featureFlag(id: string): FeatureFlag | undefined {
    return this.flagById.get(id)
  }

  featureFlagBySlug(slug: string): FeatureFlag | undefined {
    return this.flagBySlug.get(slug)
  }

  isFlagEnabled(organizationId: string, flagId: string): boolean {
    return this.enabledFlags.get(organizationId)?.has(flagId) === true
  }

  organizationApiKeys(organizationId: string): ReadonlyArray<ApiKey> {
    return this.apiKeys.get(organizationId) ?? []
  }

  apiKey(id: string): StoredApiKey | undefined {
    return this.apiKeyById.get(id)
  }

  apiKeyIdByHash(valueHash: string): string | undefined {
    return this.apiKeyByHash.get(valueHash)
  }

  idempotencyEntry(key: string): IdempotencyEntry | undefined {
    return this.idempotency.get(key)
  }

  // -------------------------------------------------------------------------------------------------------------
  // reads for snapshots (sorted by key)
  // -------------------------------------------------------------------------------------------------------------

  deletedEntries(): Array<{ readonly id: string; readonly createdAt: string }> {
    return byKey(this.deleted).map(([id, createdAt]) => ({ id, createdAt }))
  }

  organizationRoleEntries(): Array<{ readonly organizationId: string; readonly roles: ReadonlyArray<Role> }> {
    return byKey(this.orgRoles).map(([organizationId, roles]) => ({ organizationId, roles: roles.slice() }))
  }

  enabledFlagEntries(): Array<{ readonly organizationId: string; readonly flagIds: ReadonlyArray<string> }> {
    return byKey(this.enabledFlags).map(([organizationId, ids]) => ({
      organizationId,
      flagIds: Array.from(ids).sort()
    }))
  }

  apiKeyEntries(): Array<StoredApiKey> {
    return byKey(this.apiKeys).flatMap(([, keys]) => keys.map((apiKey) => this.apiKeyById.get(apiKey.id)!))
  }

  idempotencyEntries(): Array<[string, IdempotencyEntry]> {
    return byKey(this.idempotency)
  }

  // -------------------------------------------------------------------------------------------------------------
  // mutations
  // -------------------------------------------------------------------------------------------------------------

  /** Adds a new organization; it sorts after (or among) the others by `(created_at, id)`. */
  insertOrganization(org: Organization): void {
    Order.insert(this.orgs, org)
    this.indexOrganization(org)
  }

  /** Adds many organizations: appended when they all come after the list, else merged in one pass. */
  insertOrganizations(orgs: ReadonlyArray<Organization>): void {
    if (orgs.length === 0) return
    const added = Order.isSorted(orgs) ? orgs : orgs.slice().sort(Order.compareKeyed)
    const current = this.orgs
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
      this.orgs = merged
    }
    for (const org of added) this.indexOrganization(org)
  }

  /** Replaces an organization by its updated form (same id and `created_at`), moving its index entries. */
  replaceOrganization(org: Organization, updated: Organization): void {
    moveKey(this.byExternalId, org.externalId, updated.externalId, org.id)
    moveKey(this.byStripeId, org.stripeCustomerId, updated.stripeCustomerId, org.id)
    if (org.domains !== updated.domains) this.domains.replace(org.id, org.domains, updated.domains)
    this.byId.set(org.id, updated)
    Order.replace(this.orgs, updated)
  }

  /** Removes an organization and everything it owns; its id keeps its place for cursors. */
  removeOrganization(org: Organization): void {
    const id = org.id
    Order.remove(this.orgs, org)
    this.byId.delete(id)
    moveKey(this.byExternalId, org.externalId, undefined, id)
    moveKey(this.byStripeId, org.stripeCustomerId, undefined, id)
    this.domains.remove(id, org.domains)
    this.orgRoles.delete(id)
    this.enabledFlags.delete(id)
    const apiKeys = this.apiKeys.get(id)
    if (apiKeys !== undefined) {
      for (const apiKey of apiKeys) {
        this.apiKeyByHash.delete(this.apiKeyById.get(apiKey.id)!.valueHash)
        this.apiKeyById.delete(apiKey.id)
      }
      this.apiKeys.delete(id)
    }
    this.markDeleted(id, org.createdAt)
  }

  /** Remembers the position of an organization that no longer exists. */
  markDeleted(id: string, createdAt: string): void {
    this.deleted.set(id, createdAt)
  }

  setEnvironmentRoles(roles: ReadonlyArray<Role>): void {
    this.envRoles = roles
  }

  /** Appends a role to an organization's roles (the last in priority order). */
  insertRole(organizationId: string, role: Role): void {
    const roles = this.orgRoles.get(organizationId)
    if (roles === undefined) this.orgRoles.set(organizationId, [role])
    else roles.push(role)
  }

  insertFlag(flag: FeatureFlag): void {
    Order.insert(this.flags, flag)
    this.flagById.set(flag.id, flag)
    this.flagBySlug.set(flag.slug, flag)
  }

  enableFlag(organizationId: string, flagId: string): void {
    addTo(this.enabledFlags, organizationId, flagId)
  }

  disableFlag(organizationId: string, flagId: string): void {
    const set = this.enabledFlags.get(organizationId)
    if (set === undefined) return
    set.delete(flagId)
    if (set.size === 0) this.enabledFlags.delete(organizationId)
  }

  insertApiKey(stored: StoredApiKey): void {
    const list = this.apiKeys.get(stored.organizationId)
    if (list === undefined) this.apiKeys.set(stored.organizationId, [stored.apiKey])
    else Order.insert(list, stored.apiKey)
    this.apiKeyById.set(stored.apiKey.id, stored)
    this.apiKeyByHash.set(stored.valueHash, stored.apiKey.id)
  }

  /** Replaces a key by its updated form (same id, owner, `created_at` and value). */
  replaceApiKey(stored: StoredApiKey, updated: ApiKey): void {
    Order.replace(this.apiKeys.get(stored.organizationId)!, updated)
    this.apiKeyById.set(updated.id, { ...stored, apiKey: updated })
  }

  /** Removes a key: its value no longer validates. */
  removeApiKey(stored: StoredApiKey): void {
    const list = this.apiKeys.get(stored.organizationId)!
    Order.remove(list, stored.apiKey)
    if (list.length === 0) this.apiKeys.delete(stored.organizationId)
    this.apiKeyById.delete(stored.apiKey.id)
    this.apiKeyByHash.delete(stored.valueHash)
  }

  /** Remembers an Idempotency-Key's fingerprint and result. */
  remember(key: string, entry: IdempotencyEntry): void {
    this.idempotency.set(key, entry)
  }

  // -------------------------------------------------------------------------------------------------------------
  // indexes
  // -------------------------------------------------------------------------------------------------------------

  private indexOrganization(org: Organization): void {
    this.byId.set(org.id, org)
    moveKey(this.byExternalId, undefined, org.externalId, org.id)
    moveKey(this.byStripeId, undefined, org.stripeCustomerId, org.id)
    this.domains.add(org.id, org.domains)
  }
}

/** A store with no objects. @internal */
export const empty = (settings: Settings, prngState: number): Store =>
  new Store(settings, { lastTime: -1, hi: 0, lo: 0, prng: prngState })
