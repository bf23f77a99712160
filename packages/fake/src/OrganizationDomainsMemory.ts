/**
 * Organization domains in the in-memory WorkOS environment: the `OrganizationDomains` service over the same store as
 * `Organizations` (`OrganizationsMemory`), with a DNS your test controls and verification checks on `Clock`.
 *
 * ```ts
 * program.pipe(Effect.provide(OrganizationDomainsMemory.layerMemory()))
 * ```
 *
 * What it keeps and does (WIRE-LIFECYCLE.md §3.7, with the choices of §7 #13–#17):
 *
 * - one store behind `/organization_domains` and `Organization.domains`: a domain created here is in its
 *   organization's `domains`, one added by `domain_data` can be read, verified and deleted here, an update's
 *   `domain_data` that drops a domain deletes it, and deleting the organization deletes its domains;
 * - `createOrganizationDomain` lower-cases the domain and drops a trailing dot; a consumer domain (the settings'
 *   `consumerDomains`, `gmail.com` among them) is `DomainNotAllowed`, one the organization has is
 *   `DomainAlreadyExists`, as is one another organization has verified; another organization's pending copy is
 *   allowed. The domain is `pending`, `verificationStrategy: "dns"`, with a `verificationToken` drawn from `Random`
 *   and a `verificationPrefix`;
 * - the environment's DNS is `FakeWorkOS.setDnsRecord` / `removeDnsRecord`; the record that verifies a domain is the
 *   TXT record `verification_token=<token>` on it. It is checked every `domainDnsCheckInterval` (5 minutes) of
 *   `Clock` time after the domain's attempt started, and at each `verifyOrganizationDomain`;
 * - a domain verified this way makes every other organization's pending copy `failed`
 *   (`domain_verified_by_other_organization`); a pending copy beside a domain another organization verified through
 *   `domain_data` (which allows it, WIRE.md §13 #9) fails the same way when its check finds its record; one still pending `domainVerificationPeriod` (30 days) after its
 *   attempt started is `failed` (`domain_verification_period_expired`); the reason is in the snapshot and in
 *   `FakeWorkOS.domainFailureReason`;
 * - `verifyOrganizationDomain` on a verified (or legacy verified) domain is `DomainAlreadyVerified`; on a failed one
 *   it starts a new attempt, same token, a new period;
 * - nothing runs in the background: the state is brought up to the environment's time at each call, so
 *   `TestClock.adjust` (or `FakeWorkOS.advanceClock`) moves the checks and `awaitVerification`'s waits together.
 *
 * @since 0.2.0
 */
import * as OrganizationsMemory from "./OrganizationsMemory.js"

/**
 * Provides `OrganizationDomains`, `Organizations`, `ApiKeys` and their control surface `FakeWorkOS` from one fresh
 * environment per build: the same layer as `OrganizationsMemory.layerMemory`, under the name of the service you came
 * for.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerMemory: typeof OrganizationsMemory.layerMemory = OrganizationsMemory.layerMemory

/**
 * Builds a fresh environment; its `organizationDomains` is the service (the same function as
 * `OrganizationsMemory.makeMemory`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeMemory: typeof OrganizationsMemory.makeMemory = OrganizationsMemory.makeMemory
