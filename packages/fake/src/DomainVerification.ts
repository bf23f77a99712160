/**
 * The organization-domain part of the fake's settings and snapshots: the consumer domains refused by default, why a
 * verification failed, and the verification state a snapshot keeps besides the domain objects. Re-exported by
 * `FakeWorkOS`.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"

/**
 * The consumer domains refused by default: a few of the common ones (WorkOS does not publish its list).
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultConsumerDomains: ReadonlyArray<string> = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "aol.com",
  "proton.me",
  "protonmail.com"
]

/**
 * Why a domain's verification failed: the `reason` of WorkOS's `organization_domain.verification_failed` event.
 *
 * @since 0.2.0
 * @category schemas
 */
export const DomainFailureReason = Schema.Literal(
  "domain_verification_period_expired",
  "domain_verified_by_other_organization"
)

/**
 * @since 0.2.0
 * @category models
 */
export type DomainFailureReason = typeof DomainFailureReason.Type

/**
 * The part of the domains' verification a snapshot keeps besides the objects.
 *
 * @since 0.2.0
 * @category schemas
 */
export const DomainVerificationState = Schema.Struct({
  checkedAt: Schema.NullOr(Schema.Number),
  verifications: Schema.Array(Schema.Struct({
    id: Schema.String,
    /** Epoch milliseconds; a pending domain's current attempt. */
    startedAt: Schema.optional(Schema.Number),
    failureReason: Schema.optional(DomainFailureReason)
  })),
  dnsRecords: Schema.Array(Schema.Struct({ domain: Schema.String, values: Schema.Array(Schema.String) }))
})
