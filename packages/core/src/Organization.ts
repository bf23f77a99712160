/**
 * The Organization resource and the domains embedded in it.
 *
 * The *encoded* side of every schema here is the exact WorkOS wire JSON (snake_case), so the same schema decodes
 * responses in the live client and encodes them in the emulator.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Every state a domain can be in on the wire. Only `pending` and `verified` are accepted as input
 * (see {@link DomainDataState}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainState = Schema.Literal("pending", "verified", "failed", "legacy_verified", "unverified")

/**
 * @since 0.1.0
 * @category models
 */
export type DomainState = typeof DomainState.Type

/**
 * The states a caller may request in `domainData`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainDataState = Schema.Literal("pending", "verified")

/**
 * @since 0.1.0
 * @category models
 */
export type DomainDataState = typeof DomainDataState.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const VerificationStrategy = Schema.Literal("dns", "manual")

/**
 * @since 0.1.0
 * @category models
 */
export type VerificationStrategy = typeof VerificationStrategy.Type

/**
 * Timestamps are kept as the ISO-8601 strings WorkOS sends (`2025-07-22T18:55:20.355Z`), like the official SDK;
 * they sort lexicographically in time order.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Timestamp = Schema.String.annotations({
  identifier: "Timestamp",
  description: "ISO-8601 UTC timestamp with milliseconds, e.g. 2025-07-22T18:55:20.355Z"
})

/**
 * Responses recorded before 2025 and the official SDK's hand-written fixtures lack some timestamps; they decode to
 * this value so that a decoded object is always complete. The real API always sends them today.
 *
 * @since 0.1.0
 * @category constants
 */
export const MISSING_TIMESTAMP = "1970-01-01T00:00:00.000Z"

/** @internal */
export const timestampKey = (key: string) =>
  Schema.optionalWith(Timestamp, { default: () => MISSING_TIMESTAMP }).pipe(Schema.fromKey(key))

/**
 * A domain that belongs to an organization.
 *
 * Old responses omit `state` (before 2024-04: such domains were created through the deprecated `domains` input and
 * decode as `legacy_verified`), `organization_id` (before 2025-01) and the timestamps (every recording to 2025-01).
 *
 * @since 0.1.0
 * @category schemas
 */
export class OrganizationDomain extends Schema.Class<OrganizationDomain>("@effect-workos/core/OrganizationDomain")({
  object: Schema.tag("organization_domain"),
  /** `org_domain_<ULID>` */
  id: Schema.String,
  /** The owning organization; absent in responses recorded before 2025-01. */
  organizationId: Schema.optional(Schema.String).pipe(Schema.fromKey("organization_id")),
  /** The domain name, e.g. `example.com`. */
  domain: Schema.String,
  /** Absent before 2024-04; decodes to `legacy_verified`, the state of domains created in that era. */
  state: Schema.optionalWith(DomainState, { default: () => "legacy_verified" as const }),
  /** `manual` for domains created as `verified` through the API; absent on legacy domains. */
  verificationStrategy: Schema.optional(VerificationStrategy).pipe(Schema.fromKey("verification_strategy")),
  /** The DNS TXT token, present with the `dns` strategy. Some fixtures send an explicit `null`. */
  verificationToken: Schema.optionalWith(Schema.String, { nullable: true, exact: true }).pipe(
    Schema.fromKey("verification_token")
  ),
  /** The DNS TXT record name prefix. */
  verificationPrefix: Schema.optional(Schema.String).pipe(Schema.fromKey("verification_prefix")),
  createdAt: Schema.optional(Timestamp).pipe(Schema.fromKey("created_at")),
  updatedAt: Schema.optional(Timestamp).pipe(Schema.fromKey("updated_at"))
}) {}

/**
 * A WorkOS organization.
 *
 * Decoding tolerates every shape WorkOS has sent since 2021: `metadata` absent → `{}`, `external_id` absent →
 * `null`, `allow_profiles_outside_organization` absent → `false`, timestamps absent → {@link MISSING_TIMESTAMP}.
 * Encoding always emits the fields the current spec requires and omits `stripe_customer_id` while it is unset.
 *
 * @since 0.1.0
 * @category schemas
 */
export class Organization extends Schema.Class<Organization>("@effect-workos/core/Organization")({
  object: Schema.tag("organization"),
  /** `org_<ULID>` */
  id: Schema.String,
  /** Display name; not unique. */
  name: Schema.String,
  domains: Schema.Array(OrganizationDomain),
  /** String key/value pairs; `{}` when empty (absent before 2025-07). */
  metadata: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) }),
  /** Your own identifier, unique in the environment; `null` when unset (absent before 2025-07). */
  externalId: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }).pipe(
    Schema.fromKey("external_id")
  ),
  /** Present only once set; WorkOS omits the key while it is unset. */
  stripeCustomerId: Schema.optionalWith(Schema.String, { nullable: true, exact: true }).pipe(
    Schema.fromKey("stripe_customer_id")
  ),
  createdAt: timestampKey("created_at"),
  updatedAt: timestampKey("updated_at"),
  /** Deprecated by WorkOS; always `false` in current responses. */
  allowProfilesOutsideOrganization: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(
    Schema.fromKey("allow_profiles_outside_organization")
  )
}) {}
