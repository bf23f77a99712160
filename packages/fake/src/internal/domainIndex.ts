/**
 * The store's indexes of organization domains, and the verification state that is not on the wire object: which
 * organizations hold a (lower-cased) domain name, which organization holds a domain id, the `pending` domains and
 * when their current verification attempt started, why a `failed` domain failed, the environment's DNS TXT records,
 * and the time the DNS checks have been applied up to (`domains.ts` applies them lazily, on `Clock`).
 *
 * The objects themselves stay in their organization's `domains` (one store behind the organization's array and the
 * standalone `/organization_domains` view); the store keeps this index in step in its organization mutations, so the
 * two can never disagree.
 *
 * @internal
 */
import type { OrganizationDomain } from "@effect-workos/core/Organization"
import * as Rules from "./rules.js"

/** Why a domain's verification failed (the `organization_domain.verification_failed` event's `reason`). @internal */
export type FailureReason = "domain_verification_period_expired" | "domain_verified_by_other_organization"

/** @internal */
export const FAILURE_REASONS: ReadonlyArray<FailureReason> = [
  "domain_verification_period_expired",
  "domain_verified_by_other_organization"
]

/** @internal */
export class DomainIndex {
  /** Lower-cased domain → the id of the one organization holding it, or the set of them when several do. */
  private readonly byName = new Map<string, string | Set<string>>()
  /** Domain id → the id of its organization. */
  private readonly byId = new Map<string, string>()
  /** The pending domains' ids → when their current attempt started (`undefined`: not yet seen by a check). */
  private readonly pendingSince = new Map<string, number | undefined>()
  private readonly failures = new Map<string, FailureReason>()
  /** Lower-cased domain → its TXT record values. */
  private readonly dns = new Map<string, Set<string>>()
  /** The DNS checks have been applied up to this time (`undefined`: never). */
  checkedAt: number | undefined = undefined
  /**
   * No pending domain has an event (a check finding its record, its expiry) before this time: a lower bound, so a
   * settle before it has nothing to apply. `-Infinity` (a new or restored store): unknown.
   */
  dueAt = Number.NEGATIVE_INFINITY
  /** The settings `dueAt` was computed under (the interval and period enter it). */
  dueSettings: unknown = undefined
  /** The pending domains whose attempt has not started yet (added by `domain_data`, seeding or a restore). */
  private readonly unstarted = new Set<string>()

  // -------------------------------------------------------------------------------------------------------------
  // reads
  // -------------------------------------------------------------------------------------------------------------

  /** The ids of the organizations holding `domain` (lower-cased). */
  holderIds(domain: string): Iterable<string> {
    const ids = this.byName.get(domain)
    return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids
  }

  /** The organization holding the domain with this id. */
  organizationOf(domainId: string): string | undefined {
    return this.byId.get(domainId)
  }

  /** The pending domains' ids, each with the start of its attempt when known. */
  pending(): ReadonlyArray<readonly [string, number | undefined]> {
    return Array.from(this.pendingSince)
  }

  hasPending(): boolean {
    return this.pendingSince.size > 0
  }

  /** The pending domains whose attempt has not started, and forgets them (their start is set next). */
  takeUnstarted(): ReadonlyArray<string> {
    const ids = Array.from(this.unstarted)
    this.unstarted.clear()
    return ids
  }

  /** An event may fall due at `at`. */
  lowerDue(at: number): void {
    if (at < this.dueAt) this.dueAt = at
  }

  startedAt(domainId: string): number | undefined {
    return this.pendingSince.get(domainId)
  }

  failure(domainId: string): FailureReason | undefined {
    return this.failures.get(domainId)
  }

  /** Whether `domain` (lower-cased) has the TXT record `value`. */
  hasRecord(domain: string, value: string): boolean {
    return this.dns.get(domain)?.has(value) === true
  }

  /** Every TXT record, sorted by domain then value (for snapshots). */
  records(): Array<{ readonly domain: string; readonly values: ReadonlyArray<string> }> {
    return Array.from(this.dns, ([domain, values]) => ({ domain, values: Array.from(values).sort() }))
      .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0))
  }

  /** The attempt starts and failure reasons, sorted by domain id (for snapshots). */
  verifications(): Array<
    { readonly id: string; readonly startedAt?: number; readonly failureReason?: FailureReason }
  > {
    const ids = new Set([...this.pendingSince.keys(), ...this.failures.keys()])
    return Array.from(ids).sort().map((id) => {
      const startedAt = this.pendingSince.get(id)
      const failureReason = this.failures.get(id)
      return {
        id,
        ...(startedAt === undefined ? {} : { startedAt }),
        ...(failureReason === undefined ? {} : { failureReason })
      }
    })
  }

  // -------------------------------------------------------------------------------------------------------------
  // mutations
  // -------------------------------------------------------------------------------------------------------------

  /** An organization's domains enter the store. */
  add(organizationId: string, domains: ReadonlyArray<OrganizationDomain>): void {
    for (const d of domains) {
      this.addName(Rules.normalizeDomain(d.domain), organizationId)
      this.byId.set(d.id, organizationId)
      if (d.state === "pending") this.addUnstarted(d.id)
    }
  }

  /**
   * An organization's domains are replaced: the names and ids move; a domain that stays pending keeps its attempt,
   * one that stays failed keeps its reason, and what the domains that left held is forgotten.
   */
  replace(organizationId: string, before: ReadonlyArray<OrganizationDomain>, after: ReadonlyArray<OrganizationDomain>) {
    for (const d of before) this.removeName(Rules.normalizeDomain(d.domain), organizationId)
    const kept = new Map(after.map((d) => [d.id, d] as const))
    for (const d of before) {
      const next = kept.get(d.id)
      if (next === undefined) this.forget(d.id)
      else {
        if (next.state !== "pending") this.pendingSince.delete(d.id)
        if (next.state !== "failed") this.failures.delete(d.id)
      }
    }
    for (const d of after) {
      this.addName(Rules.normalizeDomain(d.domain), organizationId)
      this.byId.set(d.id, organizationId)
      if (d.state === "pending" && !this.pendingSince.has(d.id)) this.addUnstarted(d.id)
    }
  }

  /** An organization leaves the store with its domains. */
  remove(organizationId: string, domains: ReadonlyArray<OrganizationDomain>): void {
    for (const d of domains) {
      this.removeName(Rules.normalizeDomain(d.domain), organizationId)
      this.forget(d.id)
    }
  }

  /** A pending domain's attempt started at `at`. */
  startAttempt(domainId: string, at: number): void {
    this.pendingSince.set(domainId, at)
    this.unstarted.delete(domainId)
  }

  setFailure(domainId: string, reason: FailureReason): void {
    this.failures.set(domainId, reason)
  }

  setRecord(domain: string, value: string): void {
    const values = this.dns.get(domain)
    if (values === undefined) this.dns.set(domain, new Set([value]))
    else values.add(value)
  }

  /** Removes one TXT record of `domain`, or all of them when `value` is undefined. */
  removeRecord(domain: string, value: string | undefined): void {
    const values = this.dns.get(domain)
    if (values === undefined) return
    if (value !== undefined) values.delete(value)
    if (value === undefined || values.size === 0) this.dns.delete(domain)
  }

  private addUnstarted(domainId: string): void {
    this.pendingSince.set(domainId, undefined)
    this.unstarted.add(domainId)
  }

  private forget(domainId: string): void {
    this.byId.delete(domainId)
    this.pendingSince.delete(domainId)
    this.unstarted.delete(domainId)
    this.failures.delete(domainId)
  }

  private addName(domain: string, organizationId: string): void {
    const ids = this.byName.get(domain)
    if (ids === undefined) this.byName.set(domain, organizationId)
    else if (typeof ids !== "string") ids.add(organizationId)
    else if (ids !== organizationId) this.byName.set(domain, new Set([ids, organizationId]))
  }

  private removeName(domain: string, organizationId: string): void {
    const ids = this.byName.get(domain)
    if (ids === undefined) return
    if (ids === organizationId) {
      this.byName.delete(domain)
    } else if (typeof ids !== "string") {
      ids.delete(organizationId)
      if (ids.size === 1) this.byName.set(domain, ids.values().next().value!)
    }
  }
}
