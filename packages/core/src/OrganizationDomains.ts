/**
 * The `OrganizationDomains` service: add a domain to an organization (`createOrganizationDomain`, in state
 * `pending` with the DNS TXT token to publish), read it, start (or restart) its verification, remove it, and wait
 * until WorkOS has verified it (`awaitVerification`, polling on a `Schedule`). Provide it with the live HTTP layer
 * (`@effect-workos/http`) or the in-memory fake (`@effect-workos/fake`, whose DNS your test controls and whose checks
 * run on `Clock`, so `TestClock.adjust` drives them); your program does not change.
 *
 * A domain is `pending` until WorkOS finds the TXT record `verification_token=<token>` on it, then `verified`; after
 * thirty days without it, or when another organization verifies the same domain first, it is `failed`, and
 * `verifyOrganizationDomain` starts a new attempt (WIRE-LIFECYCLE.md §3.3).
 *
 * @example
 * ```ts
 * import { OrganizationDomains } from "@effect-workos/core"
 * import { Effect, Schedule } from "effect"
 *
 * // add the domain, show the customer the record to publish, then wait (checking every minute, for a day at most)
 * const onboard = (organizationId: string, domain: string) =>
 *   Effect.gen(function*() {
 *     const domains = yield* OrganizationDomains.OrganizationDomains
 *     const pending = yield* domains.createOrganizationDomain({ organizationId, domain })
 *     yield* Effect.log(`TXT ${pending.domain} "verification_token=${pending.verificationToken}"`)
 *     return yield* domains.awaitVerification(pending.id, {
 *       schedule: Schedule.spaced("1 minute").pipe(Schedule.upTo("1 day"))
 *     })
 *   })
 * ```
 *
 * @since 0.2.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Options from "./Options.js"
import { OrganizationDomain } from "./Organization.js"
import type * as WorkOSApi from "./WorkOSApi.js"

/**
 * `POST /organization_domains`: the organization and the domain to add to it (both required). The body is
 * `{"domain", "organization_id"}`, in the official SDK's order.
 *
 * @since 0.2.0
 * @category schemas
 */
export const CreateOrganizationDomainOptions = Schema.Struct({
  /** The domain, e.g. `foo-corp.com`. WorkOS lower-cases it; consumer domains such as `gmail.com` are refused. */
  domain: Schema.String.pipe(Schema.minLength(1, { message: () => "must be a non-empty domain" })),
  organizationId: Schema.propertySignature(Options.PathId).pipe(Schema.fromKey("organization_id"))
})

/**
 * @since 0.2.0
 * @category models
 */
export interface CreateOrganizationDomainOptions extends Schema.Schema.Type<typeof CreateOrganizationDomainOptions> {}

/**
 * `POST /organization_domains/{id}/verify`: no fields; sent as `{}`, as the official SDK sends it.
 *
 * @since 0.2.0
 * @category schemas
 */
export const VerifyOrganizationDomainPayload = Schema.Struct({})

/**
 * @since 0.2.0
 * @category errors
 */
export type CreateOrganizationDomainError = WorkOSApi.OperationError<"createOrganizationDomain">

/**
 * @since 0.2.0
 * @category errors
 */
export type GetOrganizationDomainError = WorkOSApi.OperationError<"getOrganizationDomain">

/**
 * @since 0.2.0
 * @category errors
 */
export type VerifyOrganizationDomainError = WorkOSApi.OperationError<"verifyOrganizationDomain">

/**
 * @since 0.2.0
 * @category errors
 */
export type DeleteOrganizationDomainError = WorkOSApi.OperationError<"deleteOrganizationDomain">

/**
 * {@link Service.awaitVerification} found the domain `failed`: thirty days passed without the TXT record, or
 * another organization verified the domain first. The domain is as it was read; `verifyOrganizationDomain` starts
 * a new attempt with the same token.
 *
 * @since 0.2.0
 * @category errors
 */
export class DomainVerificationFailed extends Schema.TaggedError<DomainVerificationFailed>(
  "@effect-workos/core/OrganizationDomains/DomainVerificationFailed"
)("DomainVerificationFailed", { domain: OrganizationDomain }) {
  /** @since 0.2.0 */
  override get message(): string {
    return `The verification of ${this.domain.domain} (${this.domain.id}) failed: the DNS TXT record was not found ` +
      `within the verification period, or another organization verified the domain. ` +
      `verifyOrganizationDomain starts a new attempt.`
  }
}

/**
 * {@link Service.awaitVerification}'s schedule ended with the domain neither `verified` nor `failed`. The domain is
 * as it was last read.
 *
 * @since 0.2.0
 * @category errors
 */
export class DomainVerificationPending extends Schema.TaggedError<DomainVerificationPending>(
  "@effect-workos/core/OrganizationDomains/DomainVerificationPending"
)("DomainVerificationPending", { domain: OrganizationDomain }) {
  /** @since 0.2.0 */
  override get message(): string {
    return `${this.domain.domain} (${this.domain.id}) is still ${this.domain.state} when the schedule ended: ` +
      `the TXT record "verification_token=<token>" has not been found yet.`
  }
}

/**
 * What {@link Service.awaitVerification} can fail with: a failed get, the domain failing, or the schedule ending.
 *
 * @since 0.2.0
 * @category errors
 */
export type AwaitVerificationError = GetOrganizationDomainError | DomainVerificationFailed | DomainVerificationPending

/**
 * {@link Service.awaitVerification}'s default schedule: 10 s after the first read, doubling to at most 5 min between
 * reads, and no end of its own (a pending domain fails after thirty days). The fake checks DNS every 5 min of `Clock`
 * time by default.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultVerificationSchedule: Schedule.Schedule<unknown> = Schedule.exponential("10 seconds").pipe(
  Schedule.union(Schedule.spaced("5 minutes"))
)

/**
 * Whether a state ends the wait: `verified` and `legacy_verified` (WorkOS's verified domains of before 2024-04)
 * succeed, `failed` fails; `pending`, `unverified` and states this version does not know are read again.
 */
const isVerified = (domain: OrganizationDomain): boolean =>
  domain.state === "verified" || domain.state === "legacy_verified"

/**
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /**
   * Adds the domain to the organization (201): `pending`, with `verificationStrategy: "dns"` and the
   * `verificationToken` to publish as the TXT record `verification_token=<token>` on the domain. The organization
   * already having it (or another organization having verified it) is `DomainAlreadyExists`; a consumer domain is
   * `DomainNotAllowed`; an unknown organization is `NotFound`.
   */
  readonly createOrganizationDomain: (
    options: { readonly organizationId: string; readonly domain: string },
    requestOptions?: Options.RequestOptions
  ) => Effect.Effect<OrganizationDomain, CreateOrganizationDomainError>
  /** The domain as it is now; the natural thing to poll (see {@link awaitVerification}). */
  readonly getOrganizationDomain: (id: string) => Effect.Effect<OrganizationDomain, GetOrganizationDomainError>
  /**
   * Checks the DNS now (201 with the domain afterwards, possibly still `pending`), or restarts a `failed` domain's
   * verification (same token, a new thirty-day period). A verified domain is `DomainAlreadyVerified`.
   */
  readonly verifyOrganizationDomain: (
    id: string
  ) => Effect.Effect<OrganizationDomain, VerifyOrganizationDomainError>
  /** Removes the domain from its organization for good (204). */
  readonly deleteOrganizationDomain: (id: string) => Effect.Effect<void, DeleteOrganizationDomainError>
  /**
   * Reads the domain until it is verified (succeeds with it) or `failed` (`DomainVerificationFailed`), waiting
   * between reads as `schedule` says (default {@link defaultVerificationSchedule}); when the schedule ends first,
   * `DomainVerificationPending`. The waits are on `Clock`: on the fake, `TestClock.adjust` moves the wait and the
   * fake's DNS checks together.
   */
  readonly awaitVerification: (
    id: string,
    options?: { readonly schedule?: Schedule.Schedule<unknown, OrganizationDomain> | undefined }
  ) => Effect.Effect<OrganizationDomain, AwaitVerificationError>
}

/**
 * @since 0.2.0
 * @category tags
 */
export class OrganizationDomains extends Context.Tag("@effect-workos/core/OrganizationDomains")<
  OrganizationDomains,
  Service
>() {}

/**
 * What an implementation provides: one function per wire request, each receiving validated options. The input
 * validation, the spans and `awaitVerification` are added by {@link make}.
 *
 * @since 0.2.0
 * @category models
 */
export interface Backend {
  readonly createOrganizationDomain: (
    options: CreateOrganizationDomainOptions,
    requestOptions: Options.RequestOptions
  ) => Effect.Effect<OrganizationDomain, CreateOrganizationDomainError>
  readonly getOrganizationDomain: (id: string) => Effect.Effect<OrganizationDomain, GetOrganizationDomainError>
  readonly verifyOrganizationDomain: (id: string) => Effect.Effect<OrganizationDomain, VerifyOrganizationDomainError>
  readonly deleteOrganizationDomain: (id: string) => Effect.Effect<void, DeleteOrganizationDomainError>
}

const validateCreate = Options.validate(CreateOrganizationDomainOptions)
const validateRequestOptions = Options.validate(Options.RequestOptions)
const validateId = Options.validate(Options.PathId, "id")

/**
 * Builds the service from a {@link Backend}: validates every input (`InvalidRequest`, nothing sent), adds a span per
 * call named `OrganizationDomains.<operation>` with the domain's and the organization's ids, and builds
 * `awaitVerification` on the service's own `getOrganizationDomain`, so every implementation waits the same way.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = (backend: Backend): Service => {
  const getOrganizationDomain = Effect.fn("OrganizationDomains.getOrganizationDomain")(function*(id: string) {
    yield* Effect.annotateCurrentSpan("workos.organization_domain_id", id)
    return yield* backend.getOrganizationDomain(yield* validateId(id))
  })
  return {
    createOrganizationDomain: Effect.fn("OrganizationDomains.createOrganizationDomain")(
      function*(options, requestOptions = {}) {
        const valid = yield* validateCreate(options)
        const request = yield* validateRequestOptions(requestOptions)
        yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organizationId)
        const domain = yield* backend.createOrganizationDomain(valid, request)
        yield* Effect.annotateCurrentSpan("workos.organization_domain_id", domain.id)
        return domain
      }
    ),
    getOrganizationDomain,
    verifyOrganizationDomain: Effect.fn("OrganizationDomains.verifyOrganizationDomain")(function*(id) {
      yield* Effect.annotateCurrentSpan("workos.organization_domain_id", id)
      return yield* backend.verifyOrganizationDomain(yield* validateId(id))
    }),
    deleteOrganizationDomain: Effect.fn("OrganizationDomains.deleteOrganizationDomain")(function*(id) {
      yield* Effect.annotateCurrentSpan("workos.organization_domain_id", id)
      return yield* backend.deleteOrganizationDomain(yield* validateId(id))
    }),
    awaitVerification: Effect.fn("OrganizationDomains.awaitVerification")(function*(id, options = {}) {
      yield* Effect.annotateCurrentSpan("workos.organization_domain_id", id)
      const driver = yield* Schedule.driver(options.schedule ?? defaultVerificationSchedule)
      while (true) {
        const domain = yield* getOrganizationDomain(id)
        if (isVerified(domain)) return domain
        if (domain.state === "failed") return yield* new DomainVerificationFailed({ domain })
        // the driver sleeps on `Clock` for the schedule's next delay, and fails once the schedule is done
        if (Either.isLeft(yield* Effect.either(driver.next(domain)))) {
          return yield* new DomainVerificationPending({ domain })
        }
      }
    })
  }
}
