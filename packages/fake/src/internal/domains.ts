/**
 * Organization domains on a store (WIRE-LIFECYCLE.md §3.7): the four operations, the environment's DNS, and the
 * verification state machine, deterministic on `Clock`.
 *
 * A domain is created `pending` with a DNS token (the same `newDomain` as `domain_data`), in its organization's
 * `domains`: one store behind both views. Its attempt starts then; the environment checks the DNS every
 * `domainDnsCheckInterval` after that start, and on each verify call. A check that finds the TXT record
 * `verification_token=<token>` on the domain verifies it, and every other organization's pending copy of the domain
 * fails (`domain_verified_by_other_organization`); when another organization already holds the domain verified
 * (`domain_data` allows pending copies beside a verified one, WIRE.md §13 #9), the check fails it instead; `domainVerificationPeriod` after its start, a domain still pending
 * fails (`domain_verification_period_expired`). Verify restarts a failed domain (same token, a new period).
 *
 * Nothing runs in the background: {@link settle} brings the store up to a time, applying in order every check and
 * expiry that fell due since it last ran. The environment settles before and after each call and before each
 * control step, so the state at time t is a function of the DNS changes and the checks up to t, on `TestClock`
 * and on a server's clock alike. Between two settles the DNS does not change (a DNS change settles first), so a
 * check in that window sees the DNS as it is.
 *
 * @internal
 */
import type * as CoreOptions from "@effect-workos/core/Options"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import { DomainAlreadyExists, DomainAlreadyVerified, DomainNotAllowed, NotFound } from "@effect-workos/core/WorkOSError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { FailureReason } from "./domainIndex.js"
import * as Invariants from "./invariants.js"
import { newDomain, UNCHECKED } from "./objects.js"
import { idempotently } from "./operations.js"
import * as Rules from "./rules.js"
import type { IdempotencyEntry, Store } from "./store.js"

const encodeCreate = Schema.encodeSync(OrganizationDomains.CreateOrganizationDomainOptions)

/** The resource a 404 of the domain's own endpoints names (`Organization Domain not found: '<id>'.`). */
const resource = "Organization Domain"

/** The TXT record value that verifies a domain (WIRE-LIFECYCLE.md §3.3, §7 #14: the prefix is not checked). */
export const recordFor = (token: string): string => `verification_token=${token}`

/** A requested domain as the store keeps it: trimmed, lower-cased, without a trailing dot. @internal */
export const normalizeNewDomain = (domain: string): string => Rules.normalizeDomain(domain).replace(/\.$/, "")

const isVerifiedState = (state: string): boolean => state === "verified" || state === "legacy_verified"

// ---------------------------------------------------------------------------------------------------------------
// the state machine
// ---------------------------------------------------------------------------------------------------------------

/** Puts `domain` (same id) in place of its current form in its organization. */
const replaceDomain = (store: Store, organization: Organization, domain: OrganizationDomain): void => {
  const updated = new Organization({
    ...organization,
    domains: Object.freeze(organization.domains.map((d) => (d.id === domain.id ? domain : d)))
  }, UNCHECKED)
  store.replaceOrganization(organization, updated)
}

const withState = (domain: OrganizationDomain, state: "pending" | "verified" | "failed", at: number) =>
  new OrganizationDomain({ ...domain, state, updatedAt: Rules.iso(at) }, UNCHECKED)

const fail = (store: Store, domainId: string, reason: FailureReason, at: number): void => {
  const found = store.domain(domainId)!
  replaceDomain(store, found.organization, withState(found.domain, "failed", at))
  store.domains.setFailure(domainId, reason)
}

/**
 * A check found the domain's record at `at`: the domain is verified and every other organization's pending copy of
 * it fails, unless another organization already holds it verified (through `domain_data` or seeding), in which case
 * this one fails.
 */
const verify = (store: Store, domainId: string, at: number): OrganizationDomain => {
  const found = store.domain(domainId)!
  const name = Rules.normalizeDomain(found.domain.domain)
  if (Rules.findDomainConflict(store.settings, [name], (d) => store.domainHolders(d), found.organization.id)) {
    fail(store, domainId, "domain_verified_by_other_organization", at)
    return store.domain(domainId)!.domain
  }
  const verified = withState(found.domain, "verified", at)
  replaceDomain(store, found.organization, verified)
  failOtherCopies(store, name, found.organization.id, at)
  return verified
}

const hasRecord = (store: Store, domain: OrganizationDomain): boolean =>
  domain.verificationToken !== undefined &&
  store.domains.hasRecord(Rules.normalizeDomain(domain.domain), recordFor(domain.verificationToken))

interface Due {
  readonly at: number
  readonly kind: "verify" | "expire"
  readonly id: string
}

/** A pending domain's next event after `after`: the first check that finds its record, or its expiry. */
const nextEvent = (store: Store, id: string, start: number, after: number): Due => {
  const interval = Math.max(1, Duration.toMillis(store.settings.domainDnsCheckInterval))
  const expiry = start + Duration.toMillis(store.settings.domainVerificationPeriod)
  if (hasRecord(store, store.domain(id)!.domain)) {
    const from = Math.max(after, start)
    const tick = start + (Math.floor((from - start) / interval) + 1) * interval
    if (tick <= expiry) return { at: tick, kind: "verify", id }
  }
  return { at: expiry, kind: "expire", id }
}

const byTime = (a: Due, b: Due): number =>
  a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "verify" ? -1 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Starts a pending domain's attempt at `at`, and notes when its first event may fall due. */
const start = (store: Store, id: string, at: number): void => {
  store.domains.startAttempt(id, at)
  store.domains.lowerDue(nextEvent(store, id, at, at).at)
}

/** Fails every pending copy of `name` held by an organization other than `verifiedBy`. */
const failOtherCopies = (store: Store, name: string, verifiedBy: string, at: number): void => {
  for (const holder of Array.from(store.domainHolders(name))) {
    if (holder.state !== "pending" || holder.organizationId === verifiedBy) continue
    const copy = store.organization(holder.organizationId)!.domains.find((d) =>
      Rules.normalizeDomain(d.domain) === name
    )!
    fail(store, copy.id, "domain_verified_by_other_organization", at)
  }
}

/**
 * Brings the domains up to `now`: attempts not yet started start now; every check and expiry due in
 * `(checkedAt, now]` is applied in time order (a verification before an expiry at the same instant, then by id).
 * A settle with nothing due costs no scan: the index keeps a lower bound of the next event.
 *
 * @internal
 */
export const settle = (store: Store, now: number): void => {
  const index = store.domains
  const from = index.checkedAt ?? now
  for (const id of index.takeUnstarted()) start(store, id, now)
  if (index.dueSettings !== store.settings) {
    index.dueSettings = store.settings
    index.dueAt = Number.NEGATIVE_INFINITY
  }
  if (index.hasPending() && now >= index.dueAt) {
    const events: Array<Due> = []
    for (const [id, started] of index.pending()) {
      const event = nextEvent(store, id, started ?? now, from)
      if (event.at <= now) events.push(event)
    }
    events.sort(byTime)
    for (const event of events) {
      // an earlier event of this settle (another organization verifying the domain) may have failed it already
      if (index.startedAt(event.id) === undefined) continue
      if (event.kind === "verify") verify(store, event.id, event.at)
      else fail(store, event.id, "domain_verification_period_expired", event.at)
    }
    index.dueAt = Number.POSITIVE_INFINITY
    for (const [id, started] of index.pending()) index.lowerDue(nextEvent(store, id, started ?? now, now).at)
  }
  index.checkedAt = Math.max(from, now)
}

// ---------------------------------------------------------------------------------------------------------------
// the four operations
// ---------------------------------------------------------------------------------------------------------------

const find = (store: Store, id: string) => {
  const found = store.domain(id)
  return found === undefined ? Either.left(new NotFound({ resource, id })) : Either.right(found)
}

/**
 * The checks of a create, in WorkOS's order as far as it is known: the organization, the domain's form, consumer
 * domains, then the organization's own domains and the other organizations' verified ones (§7 #13).
 *
 * @internal
 */
export const createOrganizationDomain = (
  store: Store,
  options: OrganizationDomains.CreateOrganizationDomainOptions,
  requestOptions: CoreOptions.RequestOptions,
  now: number
): Either.Either<OrganizationDomain, OrganizationDomains.CreateOrganizationDomainError> =>
  idempotently(
    store,
    requestOptions.idempotencyKey,
    { operation: "createOrganizationDomain", encoded: () => encodeCreate(options), now },
    {
      replay: (r) => (r as Extract<IdempotencyEntry["result"], { readonly _tag: "Domain" }>).domain,
      remember: (domain) => ({ _tag: "Domain", domain })
    },
    () => create(store, options, now)
  )

const create = (
  store: Store,
  options: OrganizationDomains.CreateOrganizationDomainOptions,
  now: number
): Either.Either<OrganizationDomain, OrganizationDomains.CreateOrganizationDomainError> =>
  Either.gen(function*() {
    const settings = store.settings
    yield* Invariants.organizationExists(store, options.organizationId)
    const domain = normalizeNewDomain(options.domain)
    if (!Rules.isValidDomain(domain)) {
      return yield* Either.left(Rules.invalid("domain", "domain_invalid", `'${options.domain}' is not a valid domain.`))
    }
    if (settings.consumerDomains.some((consumer) => normalizeNewDomain(consumer) === domain)) {
      return yield* Either.left(DomainNotAllowed.forDomain(domain))
    }
    const organization = store.organization(options.organizationId)!
    if (organization.domains.some((d) => Rules.normalizeDomain(d.domain) === domain)) {
      return yield* Either.left(DomainAlreadyExists.inThisOrganization())
    }
    if (Rules.findDomainConflict(settings, [domain], (d) => store.domainHolders(d), organization.id) !== undefined) {
      return yield* Either.left(DomainAlreadyExists.verifiedElsewhere(domain))
    }
    const created = newDomain(store, organization.id, { domain, state: "pending" }, now, Rules.iso(now))
    store.replaceOrganization(
      organization,
      new Organization({ ...organization, domains: Object.freeze([...organization.domains, created]) }, UNCHECKED)
    )
    start(store, created.id, now)
    return created
  })

/** @internal */
export const getOrganizationDomain = (
  store: Store,
  id: string
): Either.Either<OrganizationDomain, OrganizationDomains.GetOrganizationDomainError> =>
  Either.map(find(store, id), ({ domain }) => domain)

/**
 * Verified (or legacy verified): 400. Pending: the DNS is checked now. Failed, or any other state: a new attempt
 * starts (same token, a new period), checked now too.
 *
 * @internal
 */
export const verifyOrganizationDomain = (
  store: Store,
  id: string,
  now: number
): Either.Either<OrganizationDomain, OrganizationDomains.VerifyOrganizationDomainError> =>
  Either.gen(function*() {
    const { domain, organization } = yield* find(store, id)
    if (isVerifiedState(domain.state)) return yield* Either.left(DomainAlreadyVerified.standard())
    if (domain.state !== "pending") {
      replaceDomain(store, organization, withState(domain, "pending", now))
      start(store, id, now)
    }
    const current = store.domain(id)!.domain
    return current.state === "pending" && hasRecord(store, current) ? verify(store, id, now) : current
  })

/** @internal */
export const deleteOrganizationDomain = (
  store: Store,
  id: string
): Either.Either<void, OrganizationDomains.DeleteOrganizationDomainError> =>
  Either.map(find(store, id), ({ domain, organization }) =>
    store.replaceOrganization(
      organization,
      new Organization({
        ...organization,
        domains: Object.freeze(organization.domains.filter((d) => d.id !== domain.id))
      }, UNCHECKED)
    ))

// ---------------------------------------------------------------------------------------------------------------
// the DNS (control)
// ---------------------------------------------------------------------------------------------------------------

/** Publishes a TXT record on `domain` (checked from the next check on). @internal */
export const setDnsRecord = (store: Store, domain: string, value: string): void => {
  const name = normalizeNewDomain(domain)
  store.domains.setRecord(name, value)
  // the pending copies of the domain may now verify at their next check
  for (const holder of store.domainHolders(name)) {
    if (holder.state !== "pending") continue
    const copy = store.organization(holder.organizationId)!.domains.find((d) =>
      Rules.normalizeDomain(d.domain) === name
    )!
    const started = store.domains.startedAt(copy.id)
    if (started !== undefined) {
      store.domains.lowerDue(nextEvent(store, copy.id, started, store.domains.checkedAt ?? started).at)
    }
  }
}

/** Removes one TXT record of `domain`, or all of them. @internal */
export const removeDnsRecord = (store: Store, domain: string, value: string | undefined): void =>
  store.domains.removeRecord(normalizeNewDomain(domain), value)
