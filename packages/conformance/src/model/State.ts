/**
 * The reference model's state: what the model knows of each organization, API key and feature flag, with its id
 * on each side, and how a successful command changes it. Written without the fake's code (it is the oracle).
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Predicate from "effect/Predicate"
import type * as Redacted from "effect/Redacted"
import type { Limits, OrgRef } from "../commands/Specs.js"
import type { Domain, DomainRecord, TxtRecord } from "./Domains.js"

/**
 * @since 0.1.0
 */
export type { Domain, DomainRecord, TxtRecord } from "./Domains.js"

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
  /** `null` (no expiry), a time (always after the run), or `EXPIRED` (`model/ApiKeys.ts`). */
  expiresAt: string | null
  /** Until deleted (the organization's delete revokes its keys too: `isLive` in `model/ApiKeys.ts`). */
  alive: boolean
  /** Whether a validation has answered it (`lastUsedAt` is set from then on). */
  used: boolean
  /** The secret each side created it with, when known: what a validation sends. */
  readonly values?: { readonly a: Redacted.Redacted<string>; readonly b: Redacted.Redacted<string> } | undefined
}

/**
 * A keyed organization create that was sent (whatever its outcome), so that a later command can send it again.
 *
 * @since 0.1.0
 * @category models
 */
export interface SentOrganization {
  readonly key: string
  readonly options: Options.CreateOrganizationOptions
}

/**
 * A keyed API key create that was sent (whatever its outcome), with the organization it was sent for.
 *
 * @since 0.1.0
 * @category models
 */
export interface SentApiKey {
  readonly key: string
  readonly target: Org | undefined
  readonly options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">
}

/**
 * A feature flag of the environment (seeded: the same id on both sides), with the organizations (by A id) it is
 * enabled for.
 *
 * @since 0.1.0
 * @category models
 */
export interface Flag {
  /** Environment order: flag lists are sorted by it. */
  readonly index: number
  readonly id: string
  readonly enabledFor: ReadonlySet<string>
}

/**
 * A feature flag present before the run, on both sides, with the (seeded) organizations it is enabled for.
 *
 * @since 0.1.0
 * @category models
 */
export interface SeededFlag {
  readonly id: string
  readonly enabledFor: ReadonlyArray<string>
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
  /** The model time it was stored. */
  readonly at: number
}

/**
 * How long an Idempotency-Key is remembered (WIRE.md §13 #17).
 *
 * @since 0.3.0
 * @category constants
 */
export const IDEMPOTENCY_TTL = 24 * 60 * 60 * 1000

/**
 * What a key's first successful request stored, while it is remembered (it is forgotten once the TTL has passed
 * on the model's clock).
 *
 * @since 0.3.0
 * @category queries
 */
export const storedFor = (state: State, key: string): Stored | undefined => {
  const stored = state.stored.get(key)
  return stored !== undefined && state.now - stored.at < IDEMPOTENCY_TTL ? stored : undefined
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
  readonly sentOrganizations: Array<SentOrganization>
  readonly sentApiKeys: Array<SentApiKey>
  readonly flags: ReadonlyArray<Flag>
  readonly orgCursors: Array<Cursor>
  apiKeys: number
  /** Model time in ms since the run began: moved only by the commands that advance both sides' clocks. */
  now: number
  /** The DNS TXT record published for each (lower-case) domain name: whose token it carries, since when. */
  readonly dns: Map<string, TxtRecord>
  /** Every domain record whose ids the model knows, in the order it learned them (deleted ones too). */
  readonly domainRecords: Array<DomainRecord>
  /** Whether the run can set DNS records and advance the clock on both sides. */
  readonly controlled: boolean
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
export const make = (
  limits: Limits,
  seeded: ReadonlyArray<Seeded> = [],
  flags: ReadonlyArray<SeededFlag> = [],
  options: { readonly controlled?: boolean | undefined } = {}
): State => {
  const state: State = {
    limits,
    orgs: [],
    orgByA: new Map(),
    keyByA: new Map(),
    stored: new Map(),
    sentOrganizations: [],
    sentApiKeys: [],
    flags: flags.map((f, index) => ({ index, id: f.id, enabledFor: new Set(f.enabledFor) })),
    orgCursors: [],
    apiKeys: 0,
    now: 0,
    dns: new Map(),
    domainRecords: [],
    controlled: options.controlled ?? false,
    halted: undefined
  }
  for (const s of seeded) {
    const org = addOrg(state, s.id, s.id, {
      name: s.name,
      externalId: s.externalId,
      // seeded before the run: a pending one's window opened at (about) its start
      domains: s.domains.map((d) => ({ ...d, ...(d.state === "pending" ? { window: 0 } : {}) })),
      metadata: s.metadata,
      stripeCustomerId: null
    })
    for (const domain of org.domains) if (domain.ids !== undefined) state.domainRecords.push({ org, domain })
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

/**
 * Domains compare as trimmed, lower-case strings (WIRE.md §13 #9, #19).
 *
 * @since 0.1.0
 * @category rules
 */
export const normalize = (domain: string): string => domain.trim().toLowerCase()

/** JSON with object keys sorted: the same payload in another key order is the same request. */
const canonical = (u: unknown): string =>
  Array.isArray(u)
    ? `[${u.map(canonical).join(",")}]`
    : Predicate.isRecord(u)
    ? `{${
      Object.keys(u).filter((k) => u[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(u[k])}`)
        .join(",")
    }}`
    : JSON.stringify(u)

/**
 * What identifies a request's payload for its Idempotency-Key: the payload as JSON with its object keys sorted.
 *
 * @since 0.1.0
 * @category rules
 */
export const fingerprint = (parts: unknown): string => canonical(parts)

// ---------------------------------------------------------------------------------------------------------------
// applying answers
// ---------------------------------------------------------------------------------------------------------------

const domainsOf = (data: ReadonlyArray<Options.DomainData>, now: number): ReadonlyArray<Domain> =>
  data.map((d) => ({ domain: normalize(d.domain), state: d.state, ...(d.state === "pending" ? { window: now } : {}) }))

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
    domains: domainsOf(options.domainData ?? [], state.now),
    metadata: options.metadata ?? {},
    stripeCustomerId: null
  })
  if (key !== undefined) state.stored.set(key, { fingerprint: fingerprint(["org", options]), a, at: state.now })
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
  options: Omit<Options.UpdateOrganizationOptions, "organization">,
  now = 0
): void => {
  if (options.name !== undefined) org.name = options.name
  if (options.externalId !== undefined) org.externalId = options.externalId
  if (options.metadata !== undefined) org.metadata = options.metadata ?? {}
  if (options.stripeCustomerId !== undefined) org.stripeCustomerId = options.stripeCustomerId
  if (options.domainData !== undefined) {
    org.domains = options.domainData.map((d): Domain => {
      const domain = normalize(d.domain)
      const kept = org.domains.find((x) => x.domain === domain)
      if (kept === undefined) return { domain, state: d.state, ...(d.state === "pending" ? { window: now } : {}) }
      // a kept domain is the same record (its id, token and window), verified when that is requested
      if (d.state === "verified" && kept.state !== "verified") {
        // verified without the DNS flow: its strategy and token are no longer the DNS ones (not checked)
        kept.state = "verified"
        kept.window = undefined
        kept.possible = undefined
        kept.tokens = undefined
        kept.strategy = undefined
      }
      return kept
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
  b: string,
  values?: ApiKey["values"]
): ApiKey => {
  const apiKey: ApiKey = {
    index: state.apiKeys++,
    a,
    b,
    org,
    name: options.name,
    permissions: options.permissions ?? [],
    expiresAt: options.expiresAt ?? null,
    alive: true,
    used: false,
    values
  }
  org.apiKeys.push(apiKey)
  state.keyByA.set(a, apiKey)
  if (key !== undefined) state.stored.set(key, { fingerprint: fingerprint(["key", org.a, options]), a, at: state.now })
  return apiKey
}
