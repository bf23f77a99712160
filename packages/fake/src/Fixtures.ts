/**
 * What an in-memory environment can be seeded with (`FakeWorkOS.seed`, `OrganizationsMemory.makeMemory`'s
 * `fixtures`, the emulator's `POST /_emulator/seed`): organizations, roles, feature flags and API keys, each with
 * only its essential fields required. `FakeWorkOS` re-exports every name of this module.
 *
 * @since 0.1.0
 */
import * as CoreOptions from "@effect-workos/core/Options"
import { DomainState, VerificationStrategy } from "@effect-workos/core/Organization"
import * as Schema from "effect/Schema"

const Timestamp = CoreOptions.IsoDateTime

/**
 * @since 0.1.0
 * @category schemas
 */
export const DomainFixture = Schema.Struct({
  /** `org_domain_<ULID>`; generated when omitted. */
  id: Schema.optional(Schema.String),
  domain: Schema.String,
  /** Any wire state; default `verified`. */
  state: Schema.optional(DomainState),
  /** Default: `manual` for `verified`, none for `legacy_verified`, `dns` otherwise. */
  verificationStrategy: Schema.optional(VerificationStrategy),
  /** Generated for `dns` domains when omitted. */
  verificationToken: Schema.optional(Schema.String),
  verificationPrefix: Schema.optional(Schema.String),
  /** Default: the organization's `createdAt`. */
  createdAt: Schema.optional(Timestamp),
  updatedAt: Schema.optional(Timestamp)
})

/**
 * An organization to seed. Only `name` is required.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationFixture = Schema.Struct({
  /** `org_<ULID>`; generated when omitted (from `createdAt` when that is given, else from `Clock`). */
  id: Schema.optional(Schema.String),
  name: Schema.String,
  domains: Schema.optional(Schema.Array(DomainFixture)),
  metadata: Schema.optional(CoreOptions.Metadata),
  externalId: Schema.optional(Schema.String),
  stripeCustomerId: Schema.optional(Schema.String),
  /** Default: the time in the id when an id is given, else `Clock` time. */
  createdAt: Schema.optional(Timestamp),
  /** Default: `createdAt`. */
  updatedAt: Schema.optional(Timestamp)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface OrganizationFixture extends Schema.Schema.Type<typeof OrganizationFixture> {}

/**
 * A role. The order of a list of roles is their priority order.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RoleFixture = Schema.Struct({
  /** `role_<ULID>`; generated when omitted. */
  id: Schema.optional(Schema.String),
  slug: Schema.String,
  name: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  permissions: Schema.optional(Schema.Array(Schema.String)),
  /** Default `organization`. */
  resourceTypeSlug: Schema.optional(Schema.String),
  createdAt: Schema.optional(Timestamp),
  updatedAt: Schema.optional(Timestamp)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const OrganizationRoleFixture = Schema.Struct({
  ...RoleFixture.fields,
  /** The organization the role belongs to (seeded in the same call or earlier). */
  organizationId: Schema.String
})

/**
 * A feature flag of the environment, and the organizations it is enabled for.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FeatureFlagFixture = Schema.Struct({
  /** `flag_<ULID>`; generated when omitted. */
  id: Schema.optional(Schema.String),
  slug: Schema.String,
  /** Default: the slug. */
  name: Schema.optional(Schema.String),
  description: Schema.optional(Schema.NullOr(Schema.String)),
  owner: Schema.optional(
    Schema.NullOr(Schema.Struct({
      email: Schema.String,
      firstName: Schema.NullOr(Schema.String),
      lastName: Schema.NullOr(Schema.String)
    }))
  ),
  tags: Schema.optional(Schema.Array(Schema.String)),
  defaultValue: Schema.optional(Schema.Boolean),
  createdAt: Schema.optional(Timestamp),
  updatedAt: Schema.optional(Timestamp),
  /** Organization ids the flag is enabled for. */
  enabledFor: Schema.optional(Schema.Array(Schema.String))
})

/**
 * An organization API key. Give `value` (a `Redacted`, or a plain string as in JSON fixtures) to know the secret in
 * your test; only its hash is kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiKeyFixture = Schema.Struct({
  /** `api_key_<ULID>`; generated when omitted. */
  id: Schema.optional(Schema.String),
  organizationId: Schema.String,
  name: Schema.String,
  permissions: Schema.optional(Schema.Array(Schema.String)),
  /** The secret; generated (and never shown) when omitted. Decodes from a `Redacted` or from a string. */
  value: Schema.optional(Schema.Union(Schema.RedactedFromSelf(Schema.String), Schema.Redacted(Schema.String))),
  expiresAt: Schema.optional(Schema.NullOr(Timestamp)),
  lastUsedAt: Schema.optional(Schema.NullOr(Timestamp)),
  createdAt: Schema.optional(Timestamp),
  updatedAt: Schema.optional(Timestamp)
})

/**
 * What `FakeWorkOS.seed` adds to the environment. Everything is checked first (formats, unknown keys, the
 * environment's settings, uniqueness, domain conflicts, references between the parts); on any problem nothing is
 * added and the seed fails with {@link InvalidFixtures} naming the path.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fixtures = Schema.Struct({
  /** Replaces the environment roles (by default `admin` and `member`), in priority order. */
  environmentRoles: Schema.optional(Schema.Array(RoleFixture)),
  organizations: Schema.optional(Schema.Array(OrganizationFixture)),
  /** Appended to each organization's roles, in priority order. */
  organizationRoles: Schema.optional(Schema.Array(OrganizationRoleFixture)),
  featureFlags: Schema.optional(Schema.Array(FeatureFlagFixture)),
  apiKeys: Schema.optional(Schema.Array(ApiKeyFixture))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Fixtures extends Schema.Schema.Type<typeof Fixtures> {}

/**
 * Everything `FakeWorkOS.seed` accepts: the domain form ({@link Fixtures}, API key values `Redacted`) or the same
 * as plain JSON (API key values as strings), e.g. read from a file or sent to the emulator's `POST /_emulator/seed`.
 *
 * @since 0.1.0
 * @category models
 */
export type FixturesInput = typeof Fixtures.Encoded
