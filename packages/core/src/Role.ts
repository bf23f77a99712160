/**
 * Roles available to an organization: environment roles first, then the organization's own, in priority order.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { timestampKey } from "./Organization.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export const RoleType = Schema.Literal("EnvironmentRole", "OrganizationRole")

/**
 * @since 0.1.0
 * @category models
 */
export type RoleType = typeof RoleType.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export class Role extends Schema.Class<Role>("@effect-workos/core/Role")({
  object: Schema.tag("role"),
  /** `role_<ULID>` */
  id: Schema.String,
  name: Schema.String,
  /** The identifier used in permissions checks, e.g. `admin`. */
  slug: Schema.String,
  description: Schema.NullOr(Schema.String),
  type: RoleType,
  /** Absent on the legacy roles path (recorded 2024-12). */
  resourceTypeSlug: Schema.optional(Schema.String).pipe(Schema.fromKey("resource_type_slug")),
  permissions: Schema.Array(Schema.String),
  createdAt: timestampKey("created_at"),
  updatedAt: timestampKey("updated_at")
}) {}

/**
 * The roles list. Unlike the other lists it is not paginated and has no `list_metadata`.
 *
 * @since 0.1.0
 * @category schemas
 */
export class RoleList extends Schema.Class<RoleList>("@effect-workos/core/RoleList")({
  object: Schema.tag("list"),
  data: Schema.Array(Role)
}) {}
