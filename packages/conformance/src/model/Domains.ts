/**
 * The reference model of organization domains (WIRE-LIFECYCLE.md §3.3, §3.7 and the choices of its §7 rows 7,
 * 13–17): the verification state machine as the model sees it, on the model's own clock and DNS. Written without
 * the fake's code.
 *
 * - A created domain is `pending` (strategy `dns`, a token) and opens a 30-day verification window.
 * - WorkOS checks DNS every {@link DNS_CHECK_INTERVAL} (and on each verify). A pending domain becomes `verified` at
 *   the first check after the TXT record carrying its token was published (or after its window opened, whichever
 *   is later), unless its window ended first: then it is `failed` (`domain_verification_period_expired`). A check
 *   at the very instant the window ends may go either way (both are allowed; the first answer settles it).
 * - When a domain verifies, every other organization's `pending` copy of it is `failed`
 *   (`domain_verified_by_other_organization`). A pending copy beside one another organization holds verified in
 *   any other way (`domain_data`) stays pending; the check (or verify) that finds its record fails it.
 * - Verify: unknown → `NotFound`; `verified` / `legacy_verified` → `DomainAlreadyVerified`; `pending` → re-checked
 *   now (201 with the state after the check); `failed` → `pending` again with a new window (and re-checked).
 * - Create: not a host name → a validation error; a consumer domain → `DomainNotAllowed`; the same domain twice in
 *   one organization, or one another organization holds verified → `DomainAlreadyExists`; pending elsewhere → ok.
 * - Delete → the record is gone (get, verify and delete answer `NotFound`), and so is it from the organization's
 *   `domains`; deleting the organization removes its domains.
 *
 * The run advances time in multiples of {@link DNS_CHECK_INTERVAL}, so every state is determined (the real time a
 * run takes is far below one interval).
 *
 * @since 0.3.0
 */
import type { Expectation } from "./Rules.js"
import { isHostName } from "./Rules.js"
import { normalize, type Org, type State } from "./State.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Domain {
  /** Lower case. */
  readonly domain: string
  /** The state the model knows (changed by DNS checks, expiry and verify: `model/Domains.ts`). */
  state: string
  /** Its id on each side, once the model learned it from an answer (seeded ones: the same on both). */
  ids?: { readonly a: string; readonly b: string } | undefined
  /** Its DNS TXT token on each side (random per side), `null` when the side sent none. */
  tokens?: { readonly a: string | null; readonly b: string | null } | undefined
  /** `dns` for the domains created through `createOrganizationDomain` (the strategy of the others is not checked). */
  strategy?: "dns" | undefined
  /** The model time (ms, `State.now`) its verification window opened; while `pending`. */
  window?: number | undefined
  /** Set while several states are possible (a DNS check at the very instant of expiry): any of them may show. */
  possible?: ReadonlyArray<string> | undefined
}

/**
 * A published TXT record: the domain record whose token it carries on each side (`undefined`: a value that is no
 * record's token), and the model time it was published.
 *
 * @since 0.3.0
 * @category models
 */
export interface TxtRecord {
  readonly owner: Domain | undefined
  readonly since: number
}

/**
 * A domain record with its organization.
 *
 * @since 0.3.0
 * @category models
 */
export interface DomainRecord {
  readonly org: Org
  readonly domain: Domain
}

/**
 * How often WorkOS re-checks DNS (WIRE-LIFECYCLE.md §7 #14).
 *
 * @since 0.3.0
 * @category constants
 */
export const DNS_CHECK_INTERVAL = 5 * 60 * 1000

/**
 * How long a domain may stay `pending` (WIRE-LIFECYCLE.md §3.3).
 *
 * @since 0.3.0
 * @category constants
 */
export const VERIFICATION_PERIOD = 30 * 24 * 60 * 60 * 1000

/**
 * Consumer domains WorkOS refuses ("like `gmail.com`", WIRE-LIFECYCLE.md §3.3): the one the docs name.
 *
 * @since 0.3.0
 * @category constants
 */
export const CONSUMER_DOMAINS: ReadonlyArray<string> = ["gmail.com"]

const isVerified = (state: string): boolean => state === "verified" || state === "legacy_verified"

/**
 * Whether the record still exists on the server (neither it nor its organization deleted).
 *
 * @since 0.3.0
 * @category queries
 */
export const domainExists = (record: DomainRecord): boolean =>
  record.org.alive && record.org.domains.includes(record.domain)

/**
 * The states a domain may show now: one, or several while the model cannot tell.
 *
 * @since 0.3.0
 * @category queries
 */
export const statesOf = (domain: Domain): ReadonlyArray<string> => domain.possible ?? [domain.state]

/** Another alive organization's copies of the same domain. */
const copies = (state: State, org: Org, domain: string): ReadonlyArray<Domain> =>
  state.orgs.flatMap((o) => (o.alive && o !== org ? o.domains.filter((d) => d.domain === domain) : []))

/** Whether the published TXT record of the domain's name carries its token. */
const published = (state: State, domain: Domain): number | undefined => {
  const record = state.dns.get(domain.domain)
  return record !== undefined && record.owner === domain ? record.since : undefined
}

/**
 * Settles a domain's state, with the other-organization rule when it verified.
 *
 * @since 0.3.0
 * @category updates
 */
export const settle = (state: State, org: Org, domain: Domain, to: string): void => {
  domain.possible = undefined
  if (domain.state === to) return
  domain.state = to
  if (to !== "pending") domain.window = undefined
  if (to === "verified") {
    for (const other of copies(state, org, domain.domain)) {
      if (other.state === "pending") settle(state, org, other, "failed")
    }
  }
}

/**
 * Brings every pending domain up to the model's time: DNS checks that found their record, windows that ended.
 * Idempotent; called after each change of time, DNS or domains.
 *
 * @since 0.3.0
 * @category updates
 */
export const catchUp = (state: State): void => {
  for (const org of state.orgs) {
    if (!org.alive) continue
    for (const domain of org.domains) {
      if (domain.state !== "pending" || domain.window === undefined) continue
      const end = domain.window + VERIFICATION_PERIOD
      const since = published(state, domain)
      // another organization holds it verified (through `domain_data`): the check that finds the record fails it
      const blocked = copies(state, org, domain.domain).some((d) => isVerified(d.state))
      const check = since === undefined ? Infinity : Math.max(since, domain.window) + DNS_CHECK_INTERVAL
      if (check <= state.now && check < end) settle(state, org, domain, blocked ? "failed" : "verified")
      else if (check === end && state.now >= end) domain.possible = ["verified", "failed"]
      else if (state.now >= end) settle(state, org, domain, "failed")
    }
  }
}

/**
 * What an answer showed of a domain: settles it when the model allowed several states. Returns the problem when
 * the state is not one the model allows.
 *
 * @since 0.3.0
 * @category updates
 */
export const observe = (state: State, org: Org, domain: Domain, shown: string): ReadonlyArray<string> => {
  const allowed = statesOf(domain)
  if (!allowed.includes(shown)) return [`domain ${domain.domain} is ${shown}, the model says ${allowed.join(" | ")}`]
  if (allowed.length > 1) settle(state, org, domain, shown)
  return []
}

/**
 * Advances the model's clock.
 *
 * @since 0.3.0
 * @category updates
 */
export const advanced = (state: State, ms: number): void => {
  state.now += ms
  catchUp(state)
}

/**
 * Publishes a TXT record for a domain name (`owner`: the record whose token it carries; `undefined`: a value that
 * is no record's token), replacing the name's earlier one; `remove` withdraws it.
 *
 * @since 0.3.0
 * @category updates
 */
export const publishedRecord = (
  state: State,
  name: string,
  change: { readonly _tag: "Set"; readonly owner: Domain | undefined } | { readonly _tag: "Remove" }
): void => {
  if (change._tag === "Remove") state.dns.delete(normalize(name))
  else state.dns.set(normalize(name), { owner: change.owner, since: state.now })
  catchUp(state)
}

/**
 * @since 0.3.0
 * @category rules
 */
export const expectCreateDomain = (state: State, target: Org | undefined, domain: string): Expectation => {
  const name = normalize(domain)
  // whether the input or the organization is checked first is not documented: either error may win
  const missing = target === undefined || !target.alive ? ["NotFound"] : []
  if (CONSUMER_DOMAINS.includes(name)) return { allowed: ["DomainNotAllowed", ...missing] }
  if (!isHostName(name)) return { allowed: ["ValidationFailed", "DomainNotAllowed", ...missing] }
  if (target === undefined || !target.alive) return { allowed: ["NotFound", "ValidationFailed"] }
  if (target.domains.some((d) => d.domain === name)) return { allowed: ["DomainAlreadyExists"] }
  const held = copies(state, target, name).map((d) => statesOf(d))
  if (held.some((states) => states.every(isVerified))) return { allowed: ["DomainAlreadyExists"] }
  // a copy verified or failed at the instant of its expiry: either answer
  return { allowed: held.some((states) => states.some(isVerified)) ? ["ok", "DomainAlreadyExists"] : ["ok"] }
}

/**
 * Records a created domain: `pending` with a new window, in its organization's `domains`.
 *
 * @since 0.3.0
 * @category updates
 */
export const createdDomain = (
  state: State,
  org: Org,
  domain: string,
  ids: { readonly a: string; readonly b: string },
  tokens: { readonly a: string | null; readonly b: string | null }
): DomainRecord => {
  const record: DomainRecord = {
    org,
    domain: { domain: normalize(domain), state: "pending", ids, tokens, strategy: "dns", window: state.now }
  }
  org.domains = [...org.domains, record.domain]
  state.domainRecords.push(record)
  return record
}

/**
 * `get`: the record while it exists.
 *
 * @since 0.3.0
 * @category rules
 */
export const expectGetDomain = (record: DomainRecord | undefined): Expectation =>
  record !== undefined && domainExists(record) ? { allowed: ["ok"] } : { allowed: ["NotFound"] }

/**
 * `delete`: the record while it exists.
 *
 * @since 0.3.0
 * @category rules
 */
export const expectDeleteDomain = expectGetDomain

/**
 * Records a successful delete: the record leaves its organization.
 *
 * @since 0.3.0
 * @category updates
 */
export const deletedDomain = (record: DomainRecord): void => {
  record.org.domains = record.org.domains.filter((d) => d !== record.domain)
}

/**
 * What a verify may answer, and the states its success may show: `verified` when the re-check finds the record,
 * else `pending`; a `failed` domain restarts first.
 *
 * @since 0.3.0
 * @category rules
 */
export const expectVerify = (
  state: State,
  record: DomainRecord | undefined
): Expectation & { readonly states: ReadonlyArray<string> } => {
  if (record === undefined || !domainExists(record)) return { allowed: ["NotFound"], states: [] }
  const states = statesOf(record.domain)
  const blocked = copies(state, record.org, record.domain.domain).some((d) => isVerified(d.state))
  // the re-check: the record found verifies it, or fails it while another organization holds it verified
  const after = published(state, record.domain) === undefined ? ["pending"] : blocked ? ["failed"] : ["verified"]
  const allowed = new Set<string>()
  const shown = new Set<string>()
  for (const s of states) {
    if (isVerified(s)) allowed.add("DomainAlreadyVerified")
    else {
      allowed.add("ok")
      for (const a of after) shown.add(a)
    }
  }
  return { allowed: [...allowed], states: [...shown] }
}

/**
 * Records a verify's answer: `Already` when it answered `DomainAlreadyVerified`, else the state it showed.
 *
 * @since 0.3.0
 * @category updates
 */
export const verifiedDomain = (
  state: State,
  record: DomainRecord,
  answer: { readonly _tag: "Already" } | { readonly _tag: "Shown"; readonly state: string }
): void => {
  const { domain, org } = record
  const states = statesOf(domain)
  if (answer._tag === "Already") {
    settle(state, org, domain, states.find(isVerified) ?? domain.state)
    return
  }
  // it was not verified: pending, or failed (then it restarts with a new window), and then re-checked
  settle(state, org, domain, states.find((s) => !isVerified(s)) ?? domain.state)
  if (domain.state === "failed") {
    domain.state = "pending"
    domain.window = state.now
  }
  settle(state, org, domain, answer.state)
}

/**
 * The domain records a standalone answer or an organization's `domains` may be matched to: those of the model's
 * organization, by name.
 *
 * @since 0.3.0
 * @category queries
 */
export const domainNamed = (org: Org, domain: string): Domain | undefined =>
  org.domains.find((d) => d.domain === normalize(domain))

/**
 * Learns the ids and tokens of an organization's domains from both sides' answers (a `domain_data` create or
 * update, or a seeded organization): from then on they can be fetched, verified and deleted by id.
 *
 * @since 0.3.0
 * @category updates
 */
export const learnDomains = (
  state: State,
  org: Org,
  a: ReadonlyArray<ShownDomain>,
  b: ReadonlyArray<ShownDomain>
): void => {
  for (const domain of org.domains) {
    if (domain.ids !== undefined) continue
    const da = a.find((d) => normalize(d.domain) === domain.domain)
    const db = b.find((d) => normalize(d.domain) === domain.domain)
    if (da === undefined || db === undefined) continue
    domain.ids = { a: da.id, b: db.id }
    domain.tokens = { a: da.verificationToken ?? null, b: db.verificationToken ?? null }
    state.domainRecords.push({ org, domain })
  }
}

/**
 * What the model reads of a domain in an answer.
 *
 * @since 0.3.0
 * @category models
 */
export interface ShownDomain {
  readonly id: string
  readonly domain: string
  readonly state: string
  readonly verificationToken?: string | null | undefined
}
