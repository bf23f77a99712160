/**
 * The ten operations (and the control surface's two) on a store.
 *
 * Every operation is one synchronous function: it reads the state, checks everything (`invariants.ts`, `rules.ts`),
 * and only then mutates through the store's mutations, so it is atomic by construction (JavaScript runs it to
 * completion; no other fiber can interleave) and a failed operation changes nothing.
 *
 * @internal
 */
import { ApiKey, CreatedApiKey, OrganizationOwner } from "@effect-workos/core/ApiKey"
import type { FeatureFlag } from "@effect-workos/core/FeatureFlag"
import * as List from "@effect-workos/core/List"
import * as CoreOptions from "@effect-workos/core/Options"
import { Organization } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import { RoleList } from "@effect-workos/core/Role"
import { type IdempotencyKeyReused, NotFound } from "@effect-workos/core/WorkOSError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { findByValue } from "./apiKeys.js"
import * as Invariants from "./invariants.js"
import { frozenDomains, frozenMetadata, newDomain, UNCHECKED } from "./objects.js"
import * as Order from "./order.js"
import * as Pagination from "./pagination.js"
import { ALPHANUMERIC } from "./prng.js"
import * as Rules from "./rules.js"
import type { IdempotencyEntry, Store } from "./store.js"
import * as Ulid from "./ulid.js"

const encodeCreateOrganization = Schema.encodeSync(CoreOptions.CreateOrganizationOptions)
const encodeCreateApiKey = Schema.encodeSync(CoreOptions.CreateOrganizationApiKeyOptions)

const always = () => true

// ---------------------------------------------------------------------------------------------------------------
// positions
// ---------------------------------------------------------------------------------------------------------------

const keyedPosition = (prefix: string, id: string, known: Order.Keyed | undefined): Pagination.Position => ({
  id,
  createdAt: known?.createdAt ?? Rules.iso(Ulid.decodeTime(id.slice(prefix.length)))
})

/**
 * Where a (well-formed) organization id sits in the list: its own key when it exists or existed, else the time in
 * its ULID.
 *
 * @internal
 */
export const organizationPosition = (store: Store, id: string): Pagination.Position => {
  const createdAt = store.organization(id)?.createdAt ?? store.deletedAt(id)
  return keyedPosition("org_", id, createdAt === undefined ? undefined : { id, createdAt })
}

const pageRequest = (
  prefix: string,
  options: CoreOptions.PaginationOptions,
  position: (id: string) => Pagination.Position
): Either.Either<Pagination.PageRequest, Organizations.ListOrganizationsError> =>
  Either.gen(function*() {
    const limit = yield* Rules.checkLimit(options.limit)
    const order = yield* Rules.checkOrder(options.order)
    const after = yield* Rules.checkCursor(prefix, "after", options.after)
    const before = yield* Rules.checkCursor(prefix, "before", options.before)
    return {
      limit,
      order,
      after: after === undefined ? undefined : position(after),
      before: before === undefined ? undefined : position(before)
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// idempotency
// ---------------------------------------------------------------------------------------------------------------

/**
 * A create under an Idempotency-Key: a live key with this request's fingerprint replays the remembered result, with
 * another fingerprint it is refused; otherwise the create runs, and what it made is remembered when it succeeds.
 * Without a key the create just runs.
 *
 * @internal
 */
export const idempotently = <A, E>(
  store: Store,
  key: string | undefined,
  request: { readonly operation: string; readonly encoded: () => unknown; readonly now: number },
  result: {
    readonly replay: (remembered: IdempotencyEntry["result"]) => A
    readonly remember: (created: A) => IdempotencyEntry["result"]
  },
  create: () => Either.Either<A, E>
): Either.Either<A, E | IdempotencyKeyReused> => {
  if (key === undefined) return create()
  const fingerprint = Rules.fingerprint(request.operation, request.encoded())
  const decision = Rules.decideIdempotency(store.idempotencyEntry(key), fingerprint, request.now)
  switch (decision._tag) {
    case "Run":
      return Either.map(create(), (created) => {
        store.remember(key, {
          fingerprint,
          expiresAt: request.now + Duration.toMillis(store.settings.idempotencyTtl),
          result: result.remember(created)
        })
        return created
      })
    case "Mismatch":
      return Either.left(Rules.idempotencyKeyReused(key))
    case "Replay":
      // the fingerprint names the operation, so a matching entry holds this operation's kind of result
      return Either.right(result.replay(decision.result))
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the ten operations
// ---------------------------------------------------------------------------------------------------------------

/** @internal */
export const listOrganizations = (
  store: Store,
  options: CoreOptions.ListOrganizationsOptions
): Either.Either<List.List<Organization>, Organizations.ListOrganizationsError> =>
  Either.map(pageRequest("org_", options, (id) => organizationPosition(store, id)), (request) => {
    let items: ReadonlyArray<Organization> = store.organizations
    const domains = (options.domains ?? []).map(Rules.normalizeDomain).filter((d) => d !== "")
    if (domains.length > 0) {
      // only the organizations holding one of the domains: a few, found through the domain index
      const ids = new Set<string>()
      for (const domain of domains) for (const id of store.domainHolderIds(domain)) ids.add(id)
      items = Array.from(ids, (id) => store.organization(id)!).sort(Order.compareKeyed)
    }
    const search = options.search?.toLowerCase() ?? ""
    const matches = search.length === 0 ? always : (org: Organization) => org.name.toLowerCase().includes(search)
    const page = Pagination.page(items, matches, request)
    return List.make(page.data, page)
  })

/** @internal */
export const createOrganization = (
  store: Store,
  options: CoreOptions.CreateOrganizationOptions,
  requestOptions: CoreOptions.RequestOptions,
  now: number
): Either.Either<Organization, Organizations.CreateOrganizationError> =>
  idempotently(
    store,
    requestOptions.idempotencyKey,
    { operation: "createOrganization", encoded: () => encodeCreateOrganization(options), now },
    {
      replay: (r) => (r as Extract<IdempotencyEntry["result"], { readonly _tag: "Organization" }>).organization,
      remember: (organization) => ({ _tag: "Organization", organization })
    },
    () =>
      Either.gen(function*() {
        const settings = store.settings
        yield* Invariants.organizationName(options.name)
        if (options.externalId !== undefined) yield* Invariants.externalIdFormat(settings, options.externalId)
        const domains = yield* Rules.checkDomainData(options.domainData ?? [])
        if (options.metadata !== undefined) yield* Invariants.metadataLimits(settings, options.metadata)
        if (options.externalId !== undefined) {
          yield* Invariants.externalIdAvailable(store, options.externalId, undefined)
        }
        yield* Invariants.domainsAvailable(settings, store, domains.map((d) => d.domain), undefined)

        const id = store.nextId("org_", now)
        const at = Rules.iso(now)
        const org = new Organization({
          id,
          name: options.name,
          domains: frozenDomains(domains.map((d) => newDomain(store, id, d, now, at))),
          metadata: frozenMetadata(options.metadata),
          externalId: options.externalId ?? null,
          createdAt: at,
          updatedAt: at,
          allowProfilesOutsideOrganization: false
        }, UNCHECKED)
        store.insertOrganization(org)
        return org
      })
  )

/** @internal */
export const getOrganization = (
  store: Store,
  id: string
): Either.Either<Organization, Organizations.GetOrganizationError> => {
  const org = store.organization(id)
  return org === undefined ? Either.left(Rules.organizationNotFound(id)) : Either.right(org)
}

/** @internal */
export const getOrganizationByExternalId = (
  store: Store,
  externalId: string
): Either.Either<Organization, Organizations.GetOrganizationError> => {
  const id = store.externalIdHolder(externalId)
  return id === undefined ? Either.left(Rules.organizationNotFound(externalId)) : getOrganization(store, id)
}

/** @internal */
export { updateOrganization } from "./update.js"

/** @internal */
export const deleteOrganization = (
  store: Store,
  id: string
): Either.Either<void, Organizations.DeleteOrganizationError> =>
  Either.map(getOrganization(store, id), (org) => store.removeOrganization(org))

/** @internal */
export const listOrganizationRoles = (
  store: Store,
  options: CoreOptions.ListOrganizationRolesOptions
): Either.Either<RoleList, Organizations.ListOrganizationRolesError> =>
  Either.map(
    Invariants.organizationExists(store, options.organizationId),
    () =>
      new RoleList(
        { data: [...store.environmentRoles, ...store.organizationRoles(options.organizationId)] },
        UNCHECKED
      )
  )

/** @internal */
export const listOrganizationFeatureFlags = (
  store: Store,
  options: CoreOptions.ListOrganizationFeatureFlagsOptions
): Either.Either<List.List<FeatureFlag>, Organizations.ListOrganizationFeatureFlagsError> =>
  Either.gen(function*() {
    const organizationId = options.organizationId
    yield* Invariants.organizationExists(store, organizationId)
    const request = yield* pageRequest("flag_", options, (id) => keyedPosition("flag_", id, store.featureFlag(id)))
    const page = Pagination.page(store.featureFlags, (flag) => store.isFlagEnabled(organizationId, flag.id), request)
    return List.make(page.data, page)
  })

/** @internal */
export const listOrganizationApiKeys = (
  store: Store,
  options: CoreOptions.ListOrganizationApiKeysOptions
): Either.Either<List.List<ApiKey>, Organizations.ListOrganizationApiKeysError> =>
  Either.gen(function*() {
    yield* Invariants.organizationExists(store, options.organizationId)
    const request = yield* pageRequest(
      "api_key_",
      options,
      (id) => keyedPosition("api_key_", id, store.apiKey(id)?.apiKey)
    )
    const page = Pagination.page(store.organizationApiKeys(options.organizationId), always, request)
    return List.make(page.data, page)
  })

/** @internal */
export const createOrganizationApiKey = (
  store: Store,
  options: CoreOptions.CreateOrganizationApiKeyOptions,
  requestOptions: CoreOptions.RequestOptions,
  now: number
): Either.Either<CreatedApiKey, Organizations.CreateOrganizationApiKeyError> =>
  idempotently(
    store,
    requestOptions.idempotencyKey,
    { operation: "createOrganizationApiKey", encoded: () => encodeCreateApiKey(options), now },
    {
      replay: (r) => (r as Extract<IdempotencyEntry["result"], { readonly _tag: "ApiKey" }>).created,
      remember: (created) => ({ _tag: "ApiKey", created })
    },
    () =>
      Either.gen(function*() {
        yield* Invariants.organizationExists(store, options.organizationId)
        yield* Invariants.apiKeyName(options.name)
        const expiresAt = yield* Rules.checkExpiresAt(options.expiresAt, now)

        const settings = store.settings
        const value = settings.apiKeyValuePrefix + store.prng.nextString(ALPHANUMERIC, 40)
        const at = Rules.iso(now)
        const apiKey = new ApiKey({
          id: store.nextId("api_key_", now),
          owner: new OrganizationOwner({ type: "organization", id: options.organizationId }, UNCHECKED),
          name: options.name,
          obfuscatedValue: Rules.obfuscate(value, settings.obfuscatedValueStyle),
          lastUsedAt: null,
          expiresAt,
          permissions: Object.freeze([...(options.permissions ?? [])]),
          createdAt: at,
          updatedAt: at
        }, UNCHECKED)
        const created = new CreatedApiKey({ ...apiKey, value: Redacted.make(value) }, UNCHECKED)
        store.insertApiKey({ apiKey, organizationId: options.organizationId, valueHash: Rules.hashSecret(value) })
        return created
      })
  )

// ---------------------------------------------------------------------------------------------------------------
// control
// ---------------------------------------------------------------------------------------------------------------

/** Enables or disables a feature flag (by id or slug) for an organization. @internal */
export const setFeatureFlag = (
  store: Store,
  organizationId: string,
  flag: string,
  enabled: boolean
): Either.Either<void, NotFound> =>
  Either.gen(function*() {
    yield* Invariants.organizationExists(store, organizationId)
    const found = store.featureFlag(flag) ?? store.featureFlagBySlug(flag)
    if (found === undefined) return yield* Either.left(new NotFound({ resource: "FeatureFlag", id: flag }))
    if (enabled) store.enableFlag(organizationId, found.id)
    else store.disableFlag(organizationId, found.id)
  })

/** The API key whose secret is `value`. @internal */
export const findApiKey = (store: Store, value: string): ApiKey | undefined => findByValue(store, value)?.apiKey
