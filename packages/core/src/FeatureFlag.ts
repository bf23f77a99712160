/**
 * Feature flags enabled for an organization.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { timestampKey } from "./Organization.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export class FeatureFlagOwner extends Schema.Class<FeatureFlagOwner>("@effect-workos/core/FeatureFlagOwner")({
  email: Schema.String,
  firstName: Schema.NullOr(Schema.String).pipe(Schema.propertySignature, Schema.fromKey("first_name")),
  lastName: Schema.NullOr(Schema.String).pipe(Schema.propertySignature, Schema.fromKey("last_name"))
}) {}

/**
 * A feature flag. Responses recorded in 2025-08 carry only `object, id, slug, name, description` and the
 * timestamps: `owner` decodes to `null`, `tags` to `[]`, `enabled` to `true` (the endpoint lists the flags enabled
 * for the organization) and `default_value` to `false`.
 *
 * @since 0.1.0
 * @category schemas
 */
export class FeatureFlag extends Schema.Class<FeatureFlag>("@effect-workos/core/FeatureFlag")({
  object: Schema.tag("feature_flag"),
  /** `flag_<ULID>` */
  id: Schema.String,
  /** The flag's identifier (there is no `key` field). */
  slug: Schema.String,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  owner: Schema.optionalWith(Schema.NullOr(FeatureFlagOwner), { default: () => null }),
  tags: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  enabled: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  defaultValue: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(Schema.fromKey("default_value")),
  createdAt: timestampKey("created_at"),
  updatedAt: timestampKey("updated_at")
}) {}
