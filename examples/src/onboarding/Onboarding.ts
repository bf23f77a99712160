/**
 * An onboarding flow for a business customer: create its organization, add its domain, show the customer the DNS
 * TXT record to publish, wait until WorkOS has verified the domain, and handle the attempt that expires (thirty days
 * without the record) by starting a new one. Written against the `Organizations` and `OrganizationDomains` services
 * only: the same code runs on WorkOS and on the fake, where `test/Onboarding.test.ts` runs thirty days of it on
 * `TestClock` in milliseconds.
 *
 * @since 0.3.0
 */
import type { OrganizationDomain } from "@effect-workos/core/Organization"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import { Organizations } from "@effect-workos/core/Organizations"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"

/**
 * The DNS TXT record the customer publishes: on the domain itself, the value `verification_token=<token>`
 * (WIRE-LIFECYCLE.md §3.3).
 *
 * @since 0.3.0
 * @category models
 */
export interface TxtRecord {
  readonly name: string
  readonly value: string
}

/**
 * The record that verifies a domain, from the token WorkOS issued for it.
 *
 * @since 0.3.0
 * @category instructions
 */
export const txtRecordOf = (domain: OrganizationDomain): TxtRecord | undefined =>
  domain.verificationToken == null
    ? undefined
    : { name: domain.domain, value: `verification_token=${domain.verificationToken}` }

/**
 * What the customer is told to do, in one line.
 *
 * @since 0.3.0
 * @category instructions
 */
export const instructions = (record: TxtRecord): string =>
  `Add a TXT record to the DNS of ${record.name} with the value "${record.value}". ` +
  `We check it every few minutes; you have 30 days.`

/**
 * The customer's domain is one WorkOS does not accept for an organization (a consumer domain such as gmail.com).
 *
 * @since 0.3.0
 * @category errors
 */
export class UseYourCompanyDomain extends Data.TaggedError("UseYourCompanyDomain")<{ readonly domain: string }> {
  override get message(): string {
    return `${this.domain} is a public email domain; use the domain your company's email addresses are on.`
  }
}

/**
 * The domain is already taken: this organization has it, or another organization has verified it.
 *
 * @since 0.3.0
 * @category errors
 */
export class DomainTaken extends Data.TaggedError("DomainTaken")<{ readonly domain: string }> {
  override get message(): string {
    return `${this.domain} is already registered. If it is yours, contact support.`
  }
}

/**
 * The verification attempt ended without the record: `record` is what to publish for the new attempt, which
 * {@link restart} starts.
 *
 * @since 0.3.0
 * @category errors
 */
export class VerificationExpired extends Data.TaggedError("VerificationExpired")<{
  readonly domain: OrganizationDomain
  readonly record: TxtRecord | undefined
}> {
  override get message(): string {
    return `We could not find the TXT record on ${this.domain.domain} in time (or another organization verified it).`
  }
}

/**
 * The app stopped waiting (its own patience, shorter than WorkOS's thirty days); the domain is still pending.
 *
 * @since 0.3.0
 * @category errors
 */
export class StillPending extends Data.TaggedError("StillPending")<{ readonly domain: OrganizationDomain }> {
  override get message(): string {
    return `${this.domain.domain} is not verified yet; we keep checking in the background.`
  }
}

/**
 * A started onboarding: the organization, its pending domain, and the record to show the customer.
 *
 * @since 0.3.0
 * @category models
 */
export interface Started {
  readonly organizationId: string
  readonly domain: OrganizationDomain
  readonly record: TxtRecord | undefined
}

/**
 * Creates the customer's organization and adds its domain (`pending`): what to show the customer comes back.
 * A consumer domain or a taken one fails in the app's terms, before the organization is left half set up (it is
 * deleted again).
 *
 * @since 0.3.0
 * @category onboarding
 */
export const start = (customer: { readonly company: string; readonly domain: string }) =>
  Effect.gen(function*() {
    const organizations = yield* Organizations
    const domains = yield* OrganizationDomains.OrganizationDomains
    const organization = yield* organizations.createOrganization({ name: customer.company })
    const domain = yield* domains.createOrganizationDomain({ organizationId: organization.id, domain: customer.domain })
      .pipe(
        Effect.catchTags({
          DomainNotAllowed: () => Effect.fail(new UseYourCompanyDomain({ domain: customer.domain })),
          DomainAlreadyExists: () => Effect.fail(new DomainTaken({ domain: customer.domain }))
        }),
        Effect.tapError(() => Effect.ignore(organizations.deleteOrganization(organization.id)))
      )
    return { organizationId: organization.id, domain, record: txtRecordOf(domain) } satisfies Started
  })

/**
 * How the app waits: a read every `every`, for at most `patience` in all (WorkOS itself gives up after thirty days).
 * WorkOS checks the DNS every few minutes; reading every few hours is enough, since {@link checkNow} answers a
 * customer who says they have published the record.
 *
 * @since 0.3.0
 * @category models
 */
export interface Waiting {
  readonly every: Duration.DurationInput
  readonly patience: Duration.DurationInput
}

/**
 * The schedule of a {@link Waiting}.
 *
 * @since 0.3.0
 * @category onboarding
 */
export const scheduleOf = (waiting: Waiting): Schedule.Schedule<unknown> =>
  Schedule.spaced(waiting.every).pipe(Schedule.upTo(waiting.patience))

/**
 * Waits until the domain is verified (`awaitVerification`, polling on `Clock`): the verified domain, or
 * {@link VerificationExpired} when the attempt failed, or {@link StillPending} when the app's patience ran out.
 *
 * @since 0.3.0
 * @category onboarding
 */
export const waitForDns = (domainId: string, waiting: Waiting) =>
  Effect.gen(function*() {
    const domains = yield* OrganizationDomains.OrganizationDomains
    return yield* domains.awaitVerification(domainId, { schedule: scheduleOf(waiting) }).pipe(
      Effect.catchTags({
        DomainVerificationFailed: (e) =>
          Effect.fail(new VerificationExpired({ domain: e.domain, record: txtRecordOf(e.domain) })),
        DomainVerificationPending: (e) => Effect.fail(new StillPending({ domain: e.domain }))
      })
    )
  })

/**
 * The customer says the record is published: ask WorkOS to check now (`verifyOrganizationDomain`), instead of
 * waiting for its next periodic check. The domain as it is after the check (`verified`, or still `pending`).
 *
 * @since 0.3.0
 * @category onboarding
 */
export const checkNow = (domainId: string) =>
  Effect.flatMap(OrganizationDomains.OrganizationDomains, (domains) => domains.verifyOrganizationDomain(domainId))

/**
 * Starts a new attempt for a failed domain (same token, a new thirty-day period): the record to show again.
 *
 * @since 0.3.0
 * @category onboarding
 */
export const restart = (domainId: string) =>
  Effect.gen(function*() {
    const domains = yield* OrganizationDomains.OrganizationDomains
    const domain = yield* domains.verifyOrganizationDomain(domainId)
    return { domain, record: txtRecordOf(domain) }
  })
