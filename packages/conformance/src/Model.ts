/**
 * The reference model of the lockstep suite: a small, independent statement of what WorkOS does (WIRE.md, with its
 * recommended choices where the real API is unverified), written without the fake's code. It predicts which
 * outcomes each command may have, checks the fields of every answer it can, computes list pages on its own, and
 * checks invariants over a full listing after each step — so the two implementations cannot agree on a wrong
 * answer unnoticed.
 *
 * Where WIRE.md leaves the outcome open (which of two applicable errors wins, whether a pending domain conflicts
 * with a verified one), the model allows each of them.
 *
 * @since 0.1.0
 */
import type * as ApiKeyModule from "@effect-workos/core/ApiKey"
import type { List } from "@effect-workos/core/List"
import type * as Options from "@effect-workos/core/Options"
import type { Organization } from "@effect-workos/core/Organization"
import { EXPIRES_AT, type Limits, type OrgRef } from "./Commands.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Domain {
  /** Lower case. */
  readonly domain: string
  readonly state: string
}

/**
 * An organization as the model knows it, with its id on each side.
 *
 * @since 0.1.0
 * @category models
 */
export interface Org {
  /** Creation order: lists are sorted by it. */
  readonly index: number
  readonly a: string
  readonly b: string
  alive: boolean
  name: string
  externalId: string | null
  domains: ReadonlyArray<Domain>
  metadata: Readonly<Record<string, string>>
  stripeCustomerId: string | null
  readonly apiKeys: Array<ApiKey>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface ApiKey {
  readonly index: number
  readonly a: string
  readonly b: string
  readonly org: Org
  readonly name: string
  readonly permissions: ReadonlyArray<string>
  readonly expiresAt: string | null
}

/**
 * A keyed create that was sent (whatever its outcome), so that a later command can send it again.
 *
 * @since 0.1.0
 * @category models
 */
export type Sent =
  | { readonly kind: "org"; readonly key: string; readonly options: Options.CreateOrganizationOptions }
  | {
    readonly kind: "key"
    readonly key: string
    readonly target: Org | undefined
    readonly options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">
  }

/**
 * What an Idempotency-Key's first successful request stored.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stored {
  readonly fingerprint: string
  readonly a: string
}

/**
 * A pair of ids (A's, B's) usable as a cursor.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cursor {
  readonly a: string
  readonly b: string
}

/**
 * The model state of one run. Mutable: fast-check's model runner hands the same object to every command.
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly limits: Limits
  readonly orgs: Array<Org>
  readonly orgByA: Map<string, Org>
  readonly keyByA: Map<string, ApiKey>
  readonly stored: Map<string, Stored>
  readonly sent: Array<Sent>
  readonly orgCursors: Array<Cursor>
  apiKeys: number
  /**
   * Set when a tolerated divergence left the two sides in different states (one created or changed something the
   * other did not): the remaining commands of the run are skipped.
   */
  halted: string | undefined
}

/**
 * An organization that exists on both sides before the run (same id on both).
 *
 * @since 0.1.0
 * @category models
 */
export interface Seeded {
  readonly id: string
  readonly name: string
  readonly externalId: string | null
  readonly domains: ReadonlyArray<Domain>
  readonly metadata: Readonly<Record<string, string>>
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (limits: Limits, seeded: ReadonlyArray<Seeded> = []): State => {
  const state: State = {
    limits,
    orgs: [],
    orgByA: new Map(),
    keyByA: new Map(),
    stored: new Map(),
    sent: [],
    orgCursors: [],
    apiKeys: 0,
    halted: undefined
  }
  for (const s of seeded) {
    addOrg(state, s.id, s.id, {
      name: s.name,
      externalId: s.externalId,
      domains: s.domains,
      metadata: s.metadata,
      stripeCustomerId: null
    })
  }
  return state
}

const addOrg = (
  state: State,
  a: string,
  b: string,
  fields: Pick<Org, "name" | "externalId" | "domains" | "metadata" | "stripeCustomerId">
): Org => {
  const org: Org = { index: state.orgs.length, a, b, alive: true, apiKeys: [], ...fields }
  state.orgs.push(org)
  state.orgByA.set(a, org)
  state.orgCursors.push({ a, b })
  return org
}

/**
 * The alive organizations, in creation order.
 *
 * @since 0.1.0
 * @category queries
 */
export const alive = (state: State): ReadonlyArray<Org> => state.orgs.filter((o) => o.alive)

/**
 * `pick` resolved against all organizations created so far (deleted ones too), or `undefined` when there are none.
 *
 * @since 0.1.0
 * @category queries
 */
export const pickOrg = (state: State, pick: number): Org | undefined =>
  state.orgs.length === 0 ? undefined : state.orgs[pick % state.orgs.length]

/**
 * An organization reference resolved against the model: `undefined` for an id that never existed.
 *
 * @since 0.1.0
 * @category queries
 */
export const resolveRef = (state: State, ref: OrgRef): Org | undefined => {
  switch (ref._tag) {
    case "Missing":
      return undefined
    case "Latest":
      return state.orgs[state.orgs.length - 1]
    case "Org":
      return pickOrg(state, ref.pick)
    case "Deleted": {
      const deleted = state.orgs.filter((o) => !o.alive)
      return deleted.length === 0 ? pickOrg(state, ref.pick) : deleted[ref.pick % deleted.length]
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// rules
// ---------------------------------------------------------------------------------------------------------------

const isAscii = (s: string): boolean => /^[\x00-\x7F]*$/.test(s)
const isBlank = (s: string): boolean => s.trim() === ""

/** Domains compare as trimmed, lower-case strings (WIRE.md §13 #9, #19). */
const normalize = (domain: string): string => domain.trim().toLowerCase()

/**
 * A host name: 1–253 characters, at least two dot-separated labels of 1–63 letters, digits and inner hyphens.
 *
 * @since 0.1.0
 * @category rules
 */
export const isHostName = (domain: string): boolean => {
  if (domain.length < 1 || domain.length > 253) return false
  const labels = domain.split(".")
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))
}

/** Why a `domain_data` list is invalid: a domain that is not a host name, or one listed twice. */
const domainDataProblem = (data: ReadonlyArray<Options.DomainData>): boolean => {
  const seen = new Set<string>()
  for (const d of data) {
    const domain = normalize(d.domain)
    if (!isHostName(domain) || seen.has(domain)) return true
    seen.add(domain)
  }
  return false
}

/**
 * Why metadata breaks the limits, if it does.
 *
 * @since 0.1.0
 * @category rules
 */
export const metadataProblem = (metadata: Readonly<Record<string, string>>, limits: Limits): string | undefined => {
  const entries = Object.entries(metadata)
  if (entries.length > limits.metadataMaxKeys) return "too many keys"
  for (const [k, v] of entries) {
    if (k === "") return "empty key"
    if (k.length > limits.metadataKeyMaxLength) return "key too long"
    if (v.length > limits.metadataValueMaxLength) return "value too long"
    if (limits.metadataAsciiOnly && (!isAscii(k) || !isAscii(v))) return "not ASCII"
  }
  return undefined
}

const externalIdValid = (externalId: string, limits: Limits): boolean =>
  externalId.length > 0 && externalId.length <= limits.externalIdMaxLength &&
  (!limits.externalIdAsciiOnly || isAscii(externalId))

const holdsVerified = (org: Org, domain: string): boolean =>
  org.domains.some((d) => d.domain === domain && (d.state === "verified" || d.state === "legacy_verified"))

/**
 * Whether requested domains conflict with another alive organization: `certain` when a `verified` request meets
 * another organization's verified domain (WIRE.md §13 #9), `possible` when a `pending` request does (unverified).
 */
const domainConflict = (
  state: State,
  requested: ReadonlyArray<Options.DomainData>,
  self: Org | undefined
): { readonly certain: boolean; readonly possible: boolean } => {
  let certain = false
  let possible = false
  for (const r of requested) {
    const domain = normalize(r.domain)
    const held = state.orgs.some((o) => o.alive && o !== self && holdsVerified(o, domain))
    if (held && r.state === "verified") certain = true
    else if (held) possible = true
  }
  return { certain, possible }
}

/**
 * The outcomes a command may have: `"ok"` or error tags. `replay` is the A id an `ok` answer must carry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Expectation {
  readonly allowed: ReadonlyArray<string>
  readonly replay?: string | undefined
}

const expectation = (
  validation: ReadonlyArray<string>,
  business: ReadonlyArray<string>,
  possible: ReadonlyArray<string> = []
): Expectation => {
  if (validation.length > 0) return { allowed: validation }
  if (business.length > 0) return { allowed: business }
  return { allowed: ["ok", ...possible] }
}

/** JSON with object keys sorted: the same payload in another key order is the same request. */
const canonical = (u: unknown): string =>
  Array.isArray(u)
    ? `[${u.map(canonical).join(",")}]`
    : u !== null && typeof u === "object"
    ? `{${
      Object.keys(u).filter((k) => (u as Record<string, unknown>)[k] !== undefined).sort().map((k) =>
        `${JSON.stringify(k)}:${canonical((u as Record<string, unknown>)[k])}`
      ).join(",")
    }}`
    : JSON.stringify(u)

const fingerprint = (parts: unknown): string => canonical(parts)

/**
 * @since 0.1.0
 * @category rules
 */
export const expectCreateOrganization = (
  state: State,
  options: Options.CreateOrganizationOptions,
  key: string | undefined
): Expectation => {
  const validation: Array<string> = []
  if (isBlank(options.name)) validation.push("ValidationFailed")
  if (options.externalId !== undefined && !externalIdValid(options.externalId, state.limits)) {
    validation.push("ValidationFailed")
  }
  if (options.domainData !== undefined && domainDataProblem(options.domainData)) validation.push("ValidationFailed")
  if (options.metadata !== undefined && metadataProblem(options.metadata, state.limits) !== undefined) {
    validation.push("InvalidMetadata")
  }
  if (key !== undefined) {
    const stored = state.stored.get(key)
    if (stored !== undefined) {
      return stored.fingerprint === fingerprint(["org", options])
        ? { allowed: ["ok"], replay: stored.a }
        : { allowed: ["IdempotencyKeyReused", ...validation] }
    }
  }
  const business: Array<string> = []
  if (options.externalId !== undefined && state.orgs.some((o) => o.alive && o.externalId === options.externalId)) {
    business.push("ExternalIdAlreadyUsed")
  }
  const conflict = domainConflict(state, options.domainData ?? [], undefined)
  if (conflict.certain) business.push("DomainConflict")
  return expectation(validation, business, conflict.possible ? ["DomainConflict"] : [])
}

/**
 * @since 0.1.0
 * @category rules
 */
export const expectUpdateOrganization = (
  state: State,
  target: Org | undefined,
  options: Omit<Options.UpdateOrganizationOptions, "organization">
): Expectation => {
  const validation: Array<string> = []
  if (options.name !== undefined && isBlank(options.name)) validation.push("ValidationFailed")
  if (typeof options.externalId === "string" && !externalIdValid(options.externalId, state.limits)) {
    validation.push("ValidationFailed")
  }
  if (options.domainData !== undefined && domainDataProblem(options.domainData)) validation.push("ValidationFailed")
  if (options.metadata != null && metadataProblem(options.metadata, state.limits) !== undefined) {
    validation.push("InvalidMetadata")
  }
  const possible: Array<string> = []
  if (options.stripeCustomerId === "") validation.push("ValidationFailed")
  else if (options.stripeCustomerId !== undefined && !state.limits.stripeCustomerIdEnabled) {
    if (options.stripeCustomerId === null) possible.push("ValidationFailed")
    else validation.push("ValidationFailed")
  }
  if (target === undefined || !target.alive) {
    // whether input validation or the lookup comes first is not documented
    return { allowed: ["NotFound", ...validation] }
  }
  const business: Array<string> = []
  if (
    typeof options.externalId === "string" &&
    state.orgs.some((o) => o.alive && o !== target && o.externalId === options.externalId)
  ) {
    business.push("ExternalIdAlreadyUsed")
  }
  if (
    typeof options.stripeCustomerId === "string" && state.limits.stripeCustomerIdEnabled &&
    state.orgs.some((o) => o.alive && o !== target && o.stripeCustomerId === options.stripeCustomerId)
  ) {
    business.push("StripeCustomerIdAlreadyUsed")
  }
  const conflict = domainConflict(state, options.domainData ?? [], target)
  if (conflict.certain) business.push("DomainConflict")
  if (conflict.possible) possible.push("DomainConflict")
  return expectation(validation, business, possible)
}

/**
 * get, delete, roles, feature flags, api key lists: the organization must be alive.
 *
 * @since 0.1.0
 * @category rules
 */
export const expectExisting = (target: Org | undefined, validation: ReadonlyArray<string> = []): Expectation =>
  target !== undefined && target.alive
    ? expectation(validation, [])
    : { allowed: ["NotFound", ...validation] }

/**
 * @since 0.1.0
 * @category rules
 */
export const expectCreateApiKey = (
  state: State,
  target: Org | undefined,
  options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">,
  key: string | undefined
): Expectation => {
  const validation: Array<string> = []
  // WorkOS requires a name (WIRE.md §3.10); a blank one counts as missing, as for organizations (§13 #24)
  if (isBlank(options.name)) validation.push("ValidationFailed")
  if (options.expiresAt === EXPIRES_AT.past) validation.push("ValidationFailed")
  if (key !== undefined) {
    const stored = state.stored.get(key)
    if (stored !== undefined) {
      return stored.fingerprint === fingerprint(["key", target?.a, options])
        ? { allowed: ["ok"], replay: stored.a }
        : { allowed: ["IdempotencyKeyReused", "NotFound", ...validation] }
    }
  }
  if (target === undefined || !target.alive) return { allowed: ["NotFound", ...validation] }
  return expectation(validation, [])
}

// ---------------------------------------------------------------------------------------------------------------
// applying answers
// ---------------------------------------------------------------------------------------------------------------

const domainsOf = (data: ReadonlyArray<Options.DomainData>): ReadonlyArray<Domain> =>
  data.map((d) => ({ domain: normalize(d.domain), state: d.state }))

/**
 * Records a successful create (not a replay).
 *
 * @since 0.1.0
 * @category updates
 */
export const createdOrganization = (
  state: State,
  options: Options.CreateOrganizationOptions,
  key: string | undefined,
  a: string,
  b: string
): Org => {
  const org = addOrg(state, a, b, {
    name: options.name,
    externalId: options.externalId ?? null,
    domains: domainsOf(options.domainData ?? []),
    metadata: options.metadata ?? {},
    stripeCustomerId: null
  })
  if (key !== undefined) state.stored.set(key, { fingerprint: fingerprint(["org", options]), a })
  return org
}

/**
 * Records a successful update (WIRE.md §13 #7, #8, #10: metadata replaced, `null` clears; the domain set replaced,
 * kept domains keep their state unless `verified` is requested).
 *
 * @since 0.1.0
 * @category updates
 */
export const updatedOrganization = (
  org: Org,
  options: Omit<Options.UpdateOrganizationOptions, "organization">
): void => {
  if (options.name !== undefined) org.name = options.name
  if (options.externalId !== undefined) org.externalId = options.externalId
  if (options.metadata !== undefined) org.metadata = options.metadata ?? {}
  if (options.stripeCustomerId !== undefined) org.stripeCustomerId = options.stripeCustomerId
  if (options.domainData !== undefined) {
    org.domains = options.domainData.map((d) => {
      const domain = normalize(d.domain)
      const kept = org.domains.find((x) => x.domain === domain)
      return { domain, state: d.state === "verified" || kept === undefined ? d.state : kept.state }
    })
  }
}

/**
 * @since 0.1.0
 * @category updates
 */
export const createdApiKey = (
  state: State,
  org: Org,
  options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">,
  key: string | undefined,
  a: string,
  b: string
): ApiKey => {
  const apiKey: ApiKey = {
    index: state.apiKeys++,
    a,
    b,
    org,
    name: options.name,
    permissions: options.permissions ?? [],
    expiresAt: options.expiresAt ?? null
  }
  org.apiKeys.push(apiKey)
  state.keyByA.set(a, apiKey)
  if (key !== undefined) state.stored.set(key, { fingerprint: fingerprint(["key", org.a, options]), a })
  return apiKey
}

// ---------------------------------------------------------------------------------------------------------------
// checking answers
// ---------------------------------------------------------------------------------------------------------------

const sortedDomains = (ds: ReadonlyArray<Domain>): string => ds.map((d) => `${d.domain}:${d.state}`).sort().join(",")

const sortedRecord = (r: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(r).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))

/**
 * The fields of an organization answer that differ from the model.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkOrganization = (org: Org, value: Organization, side: "a" | "b" = "a"): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const at = `org #${org.index} (${side === "a" ? org.a : org.b})`
  if (value.id !== org[side]) problems.push(`${at}: id is ${value.id}`)
  if (value.name !== org.name) {
    problems.push(`${at}: name is ${JSON.stringify(value.name)}, model says ${JSON.stringify(org.name)}`)
  }
  if (value.externalId !== org.externalId) {
    problems.push(
      `${at}: externalId is ${JSON.stringify(value.externalId)}, model says ${JSON.stringify(org.externalId)}`
    )
  }
  if (sortedRecord(value.metadata) !== sortedRecord(org.metadata)) {
    problems.push(`${at}: metadata is ${sortedRecord(value.metadata)}, model says ${sortedRecord(org.metadata)}`)
  }
  const domains = sortedDomains(value.domains.map((d) => ({ domain: normalize(d.domain), state: d.state })))
  if (domains !== sortedDomains(org.domains)) {
    problems.push(`${at}: domains are [${domains}], model says [${sortedDomains(org.domains)}]`)
  }
  if ((value.stripeCustomerId ?? null) !== org.stripeCustomerId) {
    problems.push(
      `${at}: stripeCustomerId is ${JSON.stringify(value.stripeCustomerId)}, model says ${
        JSON.stringify(org.stripeCustomerId)
      }`
    )
  }
  if (value.updatedAt < value.createdAt) {
    problems.push(`${at}: updatedAt ${value.updatedAt} < createdAt ${value.createdAt}`)
  }
  for (const d of value.domains) {
    if (d.organizationId !== undefined && d.organizationId !== value.id) {
      problems.push(`${at}: domain ${d.domain} belongs to ${d.organizationId}`)
    }
  }
  return problems
}

/**
 * The fields of an API key answer that differ from the model.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkApiKey = (
  key: ApiKey,
  value: ApiKeyModule.ApiKey | ApiKeyModule.CreatedApiKey
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const at = `api key #${key.index} (${key.a})`
  if (value.id !== key.a) problems.push(`${at}: id is ${value.id}`)
  if (value.name !== key.name) {
    problems.push(`${at}: name is ${JSON.stringify(value.name)}, model says ${JSON.stringify(key.name)}`)
  }
  if ([...value.permissions].sort().join(",") !== [...key.permissions].sort().join(",")) {
    problems.push(
      `${at}: permissions are ${JSON.stringify(value.permissions)}, model says ${JSON.stringify(key.permissions)}`
    )
  }
  if (value.expiresAt !== key.expiresAt) {
    problems.push(`${at}: expiresAt is ${JSON.stringify(value.expiresAt)}, model says ${JSON.stringify(key.expiresAt)}`)
  }
  if (value.owner.type !== "organization" || value.owner.id !== key.org.a) {
    problems.push(`${at}: owner is ${JSON.stringify(value.owner)}, model says organization ${key.org.a}`)
  }
  return problems
}

/**
 * A page request as the model reads it.
 *
 * @since 0.1.0
 * @category pagination
 */
export interface PageRequest {
  readonly order: "asc" | "desc" | "normal"
  readonly limit: number
  /** Creation ranks of the cursors. */
  readonly before?: number | undefined
  readonly after?: number | undefined
}

/**
 * One page, computed from scratch over items in creation order (`rank`): WIRE.md §5.3–5.4. For `asc` and `desc`,
 * `after` continues forward and `before` gives the `limit` items nearest before the cursor; `list_metadata.before`
 * is the first item when matching items precede it and `after` the last item when matching items follow it.
 * `normal` is the mirror image. A cursor marks a position even when its item is gone.
 *
 * @since 0.1.0
 * @category pagination
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  rank: (a: A) => number,
  request: PageRequest
): { readonly data: ReadonlyArray<A>; readonly before: A | null; readonly after: A | null } => {
  if (request.order === "normal") {
    const mirrored = page(items, rank, {
      order: "desc",
      limit: request.limit,
      after: request.before,
      before: request.after
    })
    return { data: mirrored.data, before: mirrored.after, after: mirrored.before }
  }
  const sorted = [...items].sort((x, y) => rank(x) - rank(y))
  if (request.order === "desc") sorted.reverse()
  // "comes before the cursor in this order"
  const precedes = (a: A, cursor: number) => (request.order === "asc" ? rank(a) < cursor : rank(a) > cursor)
  let data: ReadonlyArray<A>
  if (request.after !== undefined) {
    const cursor = request.after
    data = sorted.filter((a) => precedes(a, cursor) === false && rank(a) !== cursor).slice(0, request.limit)
  } else if (request.before !== undefined) {
    const cursor = request.before
    const prior = sorted.filter((a) => precedes(a, cursor))
    data = prior.slice(Math.max(0, prior.length - request.limit))
  } else {
    data = sorted.slice(0, request.limit)
  }
  if (data.length === 0) return { data, before: null, after: null }
  const first = sorted.indexOf(data[0]!)
  const last = sorted.indexOf(data[data.length - 1]!)
  return {
    data,
    before: first > 0 ? data[0]! : null,
    after: last < sorted.length - 1 ? data[data.length - 1]! : null
  }
}

/**
 * The organizations a list filter selects (WIRE.md §13 #18, #19): any of the domains (case-insensitive), and the
 * name containing `search` (case-insensitive).
 *
 * @since 0.1.0
 * @category pagination
 */
export const matches = (
  org: Org,
  filter: { readonly domains?: ReadonlyArray<string> | undefined; readonly search?: string | undefined }
): boolean => {
  // empty entries are no filter (WIRE.md §6: an empty value is absent)
  const wanted = (filter.domains ?? []).map(normalize).filter((d) => d !== "")
  if (wanted.length > 0 && !org.domains.some((d) => wanted.includes(d.domain))) return false
  if (filter.search !== undefined && filter.search !== "") {
    if (!org.name.toLowerCase().includes(filter.search.toLowerCase())) return false
  }
  return true
}

/**
 * Compares a list page with the model's: the items (by A id) and both cursors.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkPage = <A extends { readonly id: string }>(
  label: string,
  answer: List<A>,
  expected: { readonly data: ReadonlyArray<string>; readonly before: string | null; readonly after: string | null }
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const got = answer.data.map((x) => x.id)
  if (got.join(",") !== expected.data.join(",")) {
    problems.push(`${label}: page holds [${got.join(", ")}], model says [${expected.data.join(", ")}]`)
  }
  if (answer.listMetadata.before !== expected.before) {
    problems.push(`${label}: list_metadata.before is ${answer.listMetadata.before}, model says ${expected.before}`)
  }
  if (answer.listMetadata.after !== expected.after) {
    problems.push(`${label}: list_metadata.after is ${answer.listMetadata.after}, model says ${expected.after}`)
  }
  return problems
}

/**
 * The invariants over a full listing of one side (newest first): every alive organization exactly once and
 * nothing else (the count and pagination completeness), in creation order, external ids and verified domains
 * unique, and each organization's fields as the model has them.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkListing = (
  state: State,
  listing: ReadonlyArray<Organization>,
  side: "a" | "b"
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const label = side === "a" ? "A" : "B"
  const byId = new Map(state.orgs.map((o) => [o[side], o]))
  const seen = new Set<string>()
  let previous = Infinity
  const externalIds = new Map<string, string>()
  const verified = new Map<string, string>()
  for (const value of listing) {
    if (seen.has(value.id)) problems.push(`${label}: the full listing holds ${value.id} twice`)
    seen.add(value.id)
    const org = byId.get(value.id)
    if (org === undefined) {
      problems.push(`${label}: the full listing holds ${value.id}, which the model does not know`)
      continue
    }
    if (!org.alive) problems.push(`${label}: the full listing holds deleted org #${org.index} (${value.id})`)
    if (org.index >= previous) problems.push(`${label}: the full listing is not newest first at ${value.id}`)
    previous = org.index
    if (value.externalId !== null) {
      const other = externalIds.get(value.externalId)
      if (other !== undefined) problems.push(`${label}: external id ${value.externalId} on ${other} and ${value.id}`)
      externalIds.set(value.externalId, value.id)
    }
    for (const d of value.domains) {
      if (d.state !== "verified" && d.state !== "legacy_verified") continue
      const domain = normalize(d.domain)
      const other = verified.get(domain)
      if (other !== undefined && other !== value.id) {
        problems.push(`${label}: verified domain ${domain} on ${other} and ${value.id}`)
      }
      verified.set(domain, value.id)
    }
    problems.push(...checkOrganization(org, value, side))
  }
  const expected = alive(state)
  if (listing.length !== expected.length || expected.some((o) => !seen.has(o[side]))) {
    const missing = expected.filter((o) => !seen.has(o[side])).map((o) => `#${o.index} (${o[side]})`)
    problems.push(
      `${label}: the full listing has ${listing.length} organizations, the model ${expected.length}` +
        (missing.length === 0 ? "" : `; missing ${missing.join(", ")}`)
    )
  }
  return problems
}
