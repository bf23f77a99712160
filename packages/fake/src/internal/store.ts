/**
 * The state of one environment and the ten operations on it.
 *
 * Every operation is one synchronous function: it reads the state, checks everything, and only then mutates, so it
 * is atomic by construction (JavaScript runs it to completion; no other fiber can interleave) and a failed
 * operation changes nothing. The collections are mutable and indexed for scale:
 *
 * - organizations: an array sorted by `(created_at, id)` (binary search for cursors; a new organization is
 *   appended), a Map by id, Maps by external id, Stripe id and (lower-cased) domain;
 * - per organization: API keys sorted like organizations, organization roles in priority order, the set of enabled
 *   feature flags;
 * - deleted organizations' `created_at`, so their ids still mark a position in the list (WIRE.md §13 #16).
 *
 * @internal
 */
import { ApiKey, CreatedApiKey, OrganizationOwner } from "@effect-workos/core/ApiKey"
import type { FeatureFlag } from "@effect-workos/core/FeatureFlag"
import * as List from "@effect-workos/core/List"
import * as CoreOptions from "@effect-workos/core/Options"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import { type Role, RoleList } from "@effect-workos/core/Role"
import { NotFound } from "@effect-workos/core/WorkOSError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { Settings } from "../FakeWorkOS.js"
import * as Order from "./order.js"
import * as Pagination from "./pagination.js"
import { ALPHANUMERIC, LOWER_ALPHANUMERIC, Prng } from "./prng.js"
import * as Rules from "./rules.js"
import * as Ulid from "./ulid.js"

/** @internal */
export interface IdempotencyEntry extends
  Rules.IdempotencyRecord<
    | { readonly _tag: "Organization"; readonly organization: Organization }
    | { readonly _tag: "ApiKey"; readonly created: CreatedApiKey }
  >
{}

/** @internal */
export interface StoredApiKey {
  readonly apiKey: ApiKey
  readonly organizationId: string
  readonly valueHash: string
}

/** @internal */
export const EMPTY_METADATA: Readonly<Record<string, string>> = Object.freeze({})

/** @internal */
export const EMPTY_DOMAINS: ReadonlyArray<OrganizationDomain> = Object.freeze([])

/** A new organization's domains, frozen; all empty lists are one shared value. */
const frozenDomains = (domains: Array<OrganizationDomain>): ReadonlyArray<OrganizationDomain> =>
  domains.length === 0 ? EMPTY_DOMAINS : Object.freeze(domains)

/** Metadata as given, frozen; no metadata (absent, `null` or `{}`) is one shared empty value. */
const frozenMetadata = (
  metadata: Readonly<Record<string, string>> | null | undefined
): Readonly<Record<string, string>> =>
  Object.keys(metadata ?? EMPTY_METADATA).length === 0 ? EMPTY_METADATA : Object.freeze({ ...metadata })

const encodeCreateOrganization = Schema.encodeSync(CoreOptions.CreateOrganizationOptions)
const encodeCreateApiKey = Schema.encodeSync(CoreOptions.CreateOrganizationApiKeyOptions)

const always = () => true

/** A create that runs: the key and fingerprint to remember it by, when it has an Idempotency-Key. */
type IdempotencyRun = { readonly key: string; readonly fingerprint: string } | undefined

/** Construct without re-validating: every value was checked by the rules before it gets here. */
const UNCHECKED = { disableValidation: true } as const

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

/** @internal */
export class Store {
  orgs: Array<Organization> = []
  readonly byId = new Map<string, Organization>()
  readonly byExternalId = new Map<string, string>()
  readonly byStripeId = new Map<string, string>()
  /** Lower-cased domain → the id of the one organization holding it, or the set of them when several do. */
  readonly byDomain = new Map<string, string | Set<string>>()
  readonly deleted = new Map<string, string>()
  envRoles: ReadonlyArray<Role> = []
  readonly orgRoles = new Map<string, Array<Role>>()
  readonly flags: Array<FeatureFlag> = []
  readonly flagById = new Map<string, FeatureFlag>()
  readonly flagBySlug = new Map<string, FeatureFlag>()
  readonly enabledFlags = new Map<string, Set<string>>()
  readonly apiKeys = new Map<string, Array<ApiKey>>()
  readonly apiKeyById = new Map<string, StoredApiKey>()
  readonly apiKeyByHash = new Map<string, string>()
  readonly idempotency = new Map<string, IdempotencyEntry>()

  constructor(
    public settings: Settings,
    readonly prng: Prng,
    readonly gen: Ulid.GeneratorState
  ) {}

  /** A fresh `prefix_<ULID>` for time `now`. */
  nextId(prefix: string, now: number): string {
    return prefix + Ulid.next(this.gen, now, this.prng)
  }

  // -------------------------------------------------------------------------------------------------------------
  // positions
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Where a (well-formed) organization id sits in the list: its own key when it exists or existed, else the time
   * in its ULID.
   */
  organizationPosition(id: string): Pagination.Position {
    const createdAt = this.byId.get(id)?.createdAt ?? this.deleted.get(id)
    return { id, createdAt: createdAt ?? Rules.iso(Ulid.decodeTime(id.slice(4))) }
  }

  private position(prefix: string, id: string, known: Order.Keyed | undefined): Pagination.Position {
    return { id, createdAt: known?.createdAt ?? Rules.iso(Ulid.decodeTime(id.slice(prefix.length))) }
  }

  private pageRequest(
    prefix: string,
    options: CoreOptions.PaginationOptions,
    position: (id: string) => Pagination.Position
  ): Either.Either<Pagination.PageRequest, Organizations.ListOrganizationsError> {
    const limit = Rules.checkLimit(options.limit)
    if (Either.isLeft(limit)) return Either.left(limit.left)
    const order = Rules.checkOrder(options.order)
    if (Either.isLeft(order)) return Either.left(order.left)
    const after = Rules.checkCursor(prefix, "after", options.after)
    if (Either.isLeft(after)) return Either.left(after.left)
    const before = Rules.checkCursor(prefix, "before", options.before)
    if (Either.isLeft(before)) return Either.left(before.left)
    return Either.right({
      limit: limit.right,
      order: order.right,
      after: after.right === undefined ? undefined : position(after.right),
      before: before.right === undefined ? undefined : position(before.right)
    })
  }

  // -------------------------------------------------------------------------------------------------------------
  // indexes
  // -------------------------------------------------------------------------------------------------------------

  /** The organizations holding `domain` (lower-cased), with the state each holds it in. */
  *domainHolders(domain: string): Iterable<{ organizationId: string; state: OrganizationDomain["state"] }> {
    for (const organizationId of this.domainHolderIds(domain)) {
      // the index lists only organizations that exist and hold the domain
      const held = this.byId.get(organizationId)!.domains.find((d) => Rules.normalizeDomain(d.domain) === domain)!
      yield { organizationId, state: held.state }
    }
  }

  /** The ids of the organizations holding `domain` (lower-cased). */
  domainHolderIds(domain: string): Iterable<string> {
    const ids = this.byDomain.get(domain)
    return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids
  }

  indexOrganization(org: Organization): void {
    this.byId.set(org.id, org)
    moveKey(this.byExternalId, undefined, org.externalId, org.id)
    moveKey(this.byStripeId, undefined, org.stripeCustomerId, org.id)
    for (const d of org.domains) this.indexDomain(Rules.normalizeDomain(d.domain), org.id)
  }

  private indexDomain(domain: string, organizationId: string): void {
    const ids = this.byDomain.get(domain)
    if (ids === undefined) this.byDomain.set(domain, organizationId)
    else if (typeof ids !== "string") ids.add(organizationId)
    else this.byDomain.set(domain, new Set([ids, organizationId]))
  }

  private unindexDomain(domain: string, organizationId: string): void {
    // the organization holds the domain: the entry is its id, or a set of ids with its own among them
    const ids = this.byDomain.get(domain)!
    if (ids === organizationId) {
      this.byDomain.delete(domain)
    } else {
      const set = ids as Set<string>
      set.delete(organizationId)
      if (set.size === 1) this.byDomain.set(domain, set.values().next().value!)
    }
  }

  insertApiKey(stored: StoredApiKey): void {
    const list = this.apiKeys.get(stored.organizationId)
    if (list === undefined) this.apiKeys.set(stored.organizationId, [stored.apiKey])
    else Order.insert(list, stored.apiKey)
    this.apiKeyById.set(stored.apiKey.id, stored)
    this.apiKeyByHash.set(stored.valueHash, stored.apiKey.id)
  }

  private newDomain(organizationId: string, request: Rules.RequestedDomain, now: number, at: string) {
    const id = this.nextId("org_domain_", now)
    return request.state === "verified"
      ? new OrganizationDomain({
        id,
        organizationId,
        domain: request.domain,
        state: "verified",
        verificationStrategy: "manual",
        createdAt: at,
        updatedAt: at
      }, UNCHECKED)
      : new OrganizationDomain({
        id,
        organizationId,
        domain: request.domain,
        state: "pending",
        verificationStrategy: "dns",
        verificationToken: this.prng.nextString(ALPHANUMERIC, 25),
        verificationPrefix: `workos-domain-verification-${this.prng.nextString(LOWER_ALPHANUMERIC, 6)}`,
        createdAt: at,
        updatedAt: at
      }, UNCHECKED)
  }

  /**
   * The Idempotency-Key check before a create: the answer when it is already known (a replay or a refusal), else
   * the request runs, and what to `remember` it by (nothing when it has no key).
   */
  private idempotent<A>(
    key: string | undefined,
    operation: string,
    encoded: () => unknown,
    now: number,
    replay: (result: IdempotencyEntry["result"]) => A
  ): Either.Either<A, ReturnType<typeof Rules.idempotencyKeyReused>> | IdempotencyRun {
    if (key === undefined) return undefined
    const fingerprint = Rules.fingerprint(operation, encoded())
    const decision = Rules.decideIdempotency(this.idempotency.get(key), fingerprint, now)
    switch (decision._tag) {
      case "Run":
        return { key, fingerprint }
      case "Mismatch":
        return Either.left(Rules.idempotencyKeyReused(key))
      case "Replay":
        // the fingerprint names the operation, so a matching entry holds this operation's kind of result
        return Either.right(replay(decision.result))
    }
  }

  private remember(
    entry: IdempotencyRun,
    now: number,
    result: IdempotencyEntry["result"]
  ): void {
    if (entry === undefined) return
    this.idempotency.set(entry.key, {
      fingerprint: entry.fingerprint,
      expiresAt: now + Duration.toMillis(this.settings.idempotencyTtl),
      result
    })
  }

  // -------------------------------------------------------------------------------------------------------------
  // the ten operations
  // -------------------------------------------------------------------------------------------------------------

  listOrganizations(
    options: CoreOptions.ListOrganizationsOptions
  ): Either.Either<List.List<Organization>, Organizations.ListOrganizationsError> {
    const request = this.pageRequest("org_", options, (id) => this.organizationPosition(id))
    if (Either.isLeft(request)) return Either.left(request.left)
    let items: ReadonlyArray<Organization> = this.orgs
    const domains = (options.domains ?? []).map(Rules.normalizeDomain).filter((d) => d !== "")
    if (domains.length > 0) {
      // only the organizations holding one of the domains: a few, found through the domain index
      const ids = new Set<string>()
      for (const domain of domains) for (const id of this.domainHolderIds(domain)) ids.add(id)
      items = Array.from(ids, (id) => this.byId.get(id)!).sort(Order.compareKeyed)
    }
    const search = options.search?.toLowerCase() ?? ""
    const matches = search.length === 0 ? always : (org: Organization) => org.name.toLowerCase().includes(search)
    const page = Pagination.page(items, matches, request.right)
    return Either.right(List.make(page.data, page))
  }

  createOrganization(
    options: CoreOptions.CreateOrganizationOptions,
    requestOptions: CoreOptions.RequestOptions,
    now: number
  ): Either.Either<Organization, Organizations.CreateOrganizationError> {
    const key = requestOptions.idempotencyKey
    const idem = this.idempotent(
      key,
      "createOrganization",
      () => encodeCreateOrganization(options),
      now,
      (r) => (r as Extract<IdempotencyEntry["result"], { readonly _tag: "Organization" }>).organization
    )
    if (Either.isEither(idem)) return idem

    const name = Rules.checkName(options.name)
    if (Either.isLeft(name)) return Either.left(name.left)
    if (options.externalId !== undefined) {
      const externalId = Rules.checkExternalId(this.settings, options.externalId)
      if (Either.isLeft(externalId)) return Either.left(externalId.left)
    }
    const domains = Rules.checkDomainData(options.domainData ?? [])
    if (Either.isLeft(domains)) return Either.left(domains.left)
    if (options.metadata !== undefined) {
      const metadata = Rules.checkMetadata(this.settings, options.metadata)
      if (Either.isLeft(metadata)) return Either.left(metadata.left)
    }
    if (options.externalId !== undefined && this.byExternalId.has(options.externalId)) {
      return Either.left(Rules.externalIdAlreadyUsed(options.externalId))
    }
    const conflict = Rules.findDomainConflict(
      this.settings,
      domains.right.map((d) => d.domain),
      (d) => this.domainHolders(d),
      undefined
    )
    if (conflict !== undefined) return Either.left(Rules.domainConflict(conflict))

    const id = this.nextId("org_", now)
    const at = Rules.iso(now)
    const org = new Organization({
      id,
      name: options.name,
      domains: frozenDomains(domains.right.map((d) => this.newDomain(id, d, now, at))),
      metadata: frozenMetadata(options.metadata),
      externalId: options.externalId ?? null,
      createdAt: at,
      updatedAt: at,
      allowProfilesOutsideOrganization: false
    }, UNCHECKED)
    Order.insert(this.orgs, org)
    this.indexOrganization(org)
    this.remember(idem, now, { _tag: "Organization", organization: org })
    return Either.right(org)
  }

  getOrganization(id: string): Either.Either<Organization, Organizations.GetOrganizationError> {
    const org = this.byId.get(id)
    return org === undefined ? Either.left(Rules.organizationNotFound(id)) : Either.right(org)
  }

  getOrganizationByExternalId(externalId: string): Either.Either<Organization, Organizations.GetOrganizationError> {
    const id = this.byExternalId.get(externalId)
    return id === undefined ? Either.left(Rules.organizationNotFound(externalId)) : Either.right(this.byId.get(id)!)
  }

  updateOrganization(
    options: CoreOptions.UpdateOrganizationOptions,
    now: number
  ): Either.Either<Organization, Organizations.UpdateOrganizationError> {
    const org = this.byId.get(options.organization)
    if (org === undefined) return Either.left(Rules.organizationNotFound(options.organization))
    if (options.name !== undefined) {
      const name = Rules.checkName(options.name)
      if (Either.isLeft(name)) return Either.left(name.left)
    }
    const externalId = options.externalId
    if (typeof externalId === "string") {
      const checked = Rules.checkExternalId(this.settings, externalId)
      if (Either.isLeft(checked)) return Either.left(checked.left)
    }
    let requested: ReadonlyArray<Rules.RequestedDomain> | undefined
    if (options.domainData !== undefined) {
      const checked = Rules.checkDomainData(options.domainData)
      if (Either.isLeft(checked)) return Either.left(checked.left)
      requested = checked.right
    }
    const stripeCustomerId = options.stripeCustomerId
    if (typeof stripeCustomerId === "string") {
      if (!this.settings.stripeCustomerIdEnabled) return Either.left(Rules.stripeDisabled())
      const checked = Rules.checkStripeCustomerId(stripeCustomerId)
      if (Either.isLeft(checked)) return Either.left(checked.left)
    }
    if (options.metadata !== undefined && options.metadata !== null) {
      const checked = Rules.checkMetadata(this.settings, options.metadata)
      if (Either.isLeft(checked)) return Either.left(checked.left)
    }
    if (typeof externalId === "string") {
      const holder = this.byExternalId.get(externalId)
      if (holder !== undefined && holder !== org.id) return Either.left(Rules.externalIdAlreadyUsed(externalId))
    }
    if (typeof stripeCustomerId === "string") {
      const holder = this.byStripeId.get(stripeCustomerId)
      if (holder !== undefined && holder !== org.id) {
        return Either.left(Rules.stripeCustomerIdAlreadyUsed(stripeCustomerId))
      }
    }
    const plan = requested === undefined ? undefined : Rules.planDomains(org.domains, requested)
    if (plan !== undefined) {
      // domains the organization already holds were accepted before; only new or newly verified ones can conflict
      const changed = plan.filter((step) => step._tag !== "Keep").map((step) =>
        step._tag === "Add" ? step.request.domain : Rules.normalizeDomain(step.domain.domain)
      )
      const conflict = Rules.findDomainConflict(this.settings, changed, (d) => this.domainHolders(d), org.id)
      if (conflict !== undefined) return Either.left(Rules.domainConflict(conflict))
    }

    const at = Rules.iso(now)
    const updatedAt = at < org.createdAt ? org.createdAt : at
    const domains = plan === undefined
      ? org.domains
      : frozenDomains(plan.map((step) => {
        switch (step._tag) {
          case "Keep":
            return step.domain
          case "Verify":
            return new OrganizationDomain({
              id: step.domain.id,
              organizationId: org.id,
              domain: step.domain.domain,
              state: "verified",
              verificationStrategy: "manual",
              ...(step.domain.createdAt === undefined ? {} : { createdAt: step.domain.createdAt }),
              updatedAt
            }, UNCHECKED)
          case "Add":
            return this.newDomain(org.id, step.request, now, updatedAt)
        }
      }))
    const metadata = options.metadata === undefined ? org.metadata : frozenMetadata(options.metadata)
    const nextStripe = stripeCustomerId === undefined ? org.stripeCustomerId : stripeCustomerId ?? undefined
    const updated = new Organization({
      id: org.id,
      name: options.name ?? org.name,
      domains,
      metadata,
      externalId: externalId === undefined ? org.externalId : externalId,
      ...(nextStripe === undefined ? {} : { stripeCustomerId: nextStripe }),
      createdAt: org.createdAt,
      updatedAt,
      allowProfilesOutsideOrganization: org.allowProfilesOutsideOrganization
    }, UNCHECKED)

    moveKey(this.byExternalId, org.externalId, updated.externalId, org.id)
    moveKey(this.byStripeId, org.stripeCustomerId, nextStripe, org.id)
    for (const d of org.domains) this.unindexDomain(Rules.normalizeDomain(d.domain), org.id)
    for (const d of domains) this.indexDomain(Rules.normalizeDomain(d.domain), org.id)
    this.byId.set(org.id, updated)
    Order.replace(this.orgs, updated)
    return Either.right(updated)
  }

  deleteOrganization(id: string): Either.Either<void, Organizations.DeleteOrganizationError> {
    const org = this.byId.get(id)
    if (org === undefined) return Either.left(Rules.organizationNotFound(id))
    Order.remove(this.orgs, org)
    this.byId.delete(id)
    moveKey(this.byExternalId, org.externalId, undefined, id)
    moveKey(this.byStripeId, org.stripeCustomerId, undefined, id)
    for (const d of org.domains) this.unindexDomain(Rules.normalizeDomain(d.domain), id)
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
    this.deleted.set(id, org.createdAt)
    return Either.right(undefined)
  }

  listOrganizationRoles(
    options: CoreOptions.ListOrganizationRolesOptions
  ): Either.Either<RoleList, Organizations.ListOrganizationRolesError> {
    if (!this.byId.has(options.organizationId)) return Either.left(Rules.organizationNotFound(options.organizationId))
    const own = this.orgRoles.get(options.organizationId) ?? []
    return Either.right(new RoleList({ data: [...this.envRoles, ...own] }, UNCHECKED))
  }

  listOrganizationFeatureFlags(
    options: CoreOptions.ListOrganizationFeatureFlagsOptions
  ): Either.Either<List.List<FeatureFlag>, Organizations.ListOrganizationFeatureFlagsError> {
    if (!this.byId.has(options.organizationId)) return Either.left(Rules.organizationNotFound(options.organizationId))
    const request = this.pageRequest("flag_", options, (id) => this.position("flag_", id, this.flagById.get(id)))
    if (Either.isLeft(request)) return Either.left(request.left)
    const enabled = this.enabledFlags.get(options.organizationId)
    const page = Pagination.page(this.flags, (flag) => enabled?.has(flag.id) === true, request.right)
    return Either.right(List.make(page.data, page))
  }

  listOrganizationApiKeys(
    options: CoreOptions.ListOrganizationApiKeysOptions
  ): Either.Either<List.List<ApiKey>, Organizations.ListOrganizationApiKeysError> {
    if (!this.byId.has(options.organizationId)) return Either.left(Rules.organizationNotFound(options.organizationId))
    const request = this.pageRequest(
      "api_key_",
      options,
      (id) => this.position("api_key_", id, this.apiKeyById.get(id)?.apiKey)
    )
    if (Either.isLeft(request)) return Either.left(request.left)
    const page = Pagination.page(this.apiKeys.get(options.organizationId) ?? [], always, request.right)
    return Either.right(List.make(page.data, page))
  }

  createOrganizationApiKey(
    options: CoreOptions.CreateOrganizationApiKeyOptions,
    requestOptions: CoreOptions.RequestOptions,
    now: number
  ): Either.Either<CreatedApiKey, Organizations.CreateOrganizationApiKeyError> {
    const key = requestOptions.idempotencyKey
    const idem = this.idempotent(
      key,
      "createOrganizationApiKey",
      () => encodeCreateApiKey(options),
      now,
      (r) => (r as Extract<IdempotencyEntry["result"], { readonly _tag: "ApiKey" }>).created
    )
    if (Either.isEither(idem)) return idem

    if (!this.byId.has(options.organizationId)) return Either.left(Rules.organizationNotFound(options.organizationId))
    const name = Rules.checkApiKeyName(options.name)
    if (Either.isLeft(name)) return Either.left(name.left)
    const expiresAt = Rules.checkExpiresAt(options.expiresAt, now)
    if (Either.isLeft(expiresAt)) return Either.left(expiresAt.left)

    const value = this.settings.apiKeyValuePrefix + this.prng.nextString(ALPHANUMERIC, 40)
    const at = Rules.iso(now)
    const apiKey = new ApiKey({
      id: this.nextId("api_key_", now),
      owner: new OrganizationOwner({ type: "organization", id: options.organizationId }, UNCHECKED),
      name: options.name,
      obfuscatedValue: Rules.obfuscate(value, this.settings.obfuscatedValueStyle),
      lastUsedAt: null,
      expiresAt: expiresAt.right,
      permissions: Object.freeze([...(options.permissions ?? [])]),
      createdAt: at,
      updatedAt: at
    }, UNCHECKED)
    const created = new CreatedApiKey({ ...apiKey, value: Redacted.make(value) }, UNCHECKED)
    this.insertApiKey({ apiKey, organizationId: options.organizationId, valueHash: Rules.hashSecret(value) })
    this.remember(idem, now, { _tag: "ApiKey", created })
    return Either.right(created)
  }

  // -------------------------------------------------------------------------------------------------------------
  // control
  // -------------------------------------------------------------------------------------------------------------

  setFeatureFlag(organizationId: string, flag: string, enabled: boolean): Either.Either<void, NotFound> {
    if (!this.byId.has(organizationId)) return Either.left(Rules.organizationNotFound(organizationId))
    const found = this.flagById.get(flag) ?? this.flagBySlug.get(flag)
    if (found === undefined) return Either.left(new NotFound({ resource: "FeatureFlag", id: flag }))
    const set = this.enabledFlags.get(organizationId)
    if (enabled) {
      if (set === undefined) this.enabledFlags.set(organizationId, new Set([found.id]))
      else set.add(found.id)
    } else if (set !== undefined) {
      set.delete(found.id)
      if (set.size === 0) this.enabledFlags.delete(organizationId)
    }
    return Either.right(undefined)
  }

  findApiKey(value: string): ApiKey | undefined {
    const id = this.apiKeyByHash.get(Rules.hashSecret(value))
    return id === undefined ? undefined : this.apiKeyById.get(id)!.apiKey
  }
}

/** A store with no objects. @internal */
export const empty = (settings: Settings, prngState: number): Store =>
  new Store(settings, new Prng(prngState), { lastTime: -1, hi: 0, lo: 0 })
