/**
 * API keys: the object WorkOS lists, validates and expires (owned by an organization, or by a user within one), and
 * the answer to a create, whose full secret is returned once as a `Redacted` value.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { timestampKey } from "./Organization.js"

/**
 * @since 0.1.0
 * @category schemas
 */
export class OrganizationOwner extends Schema.Class<OrganizationOwner>("@effect-workos/core/ApiKey/OrganizationOwner")({
  type: Schema.Literal("organization"),
  id: Schema.String
}) {}

/**
 * WorkOS's general API key schema also allows user-owned keys; the organization list is documented to hold only
 * organization-owned ones, but a decoder should not fail on the other kind.
 *
 * @since 0.1.0
 * @category schemas
 */
export class UserOwner extends Schema.Class<UserOwner>("@effect-workos/core/ApiKey/UserOwner")({
  type: Schema.Literal("user"),
  id: Schema.String,
  organizationId: Schema.String.pipe(Schema.propertySignature, Schema.fromKey("organization_id"))
}) {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ApiKeyOwner = Schema.Union(OrganizationOwner, UserOwner)

/**
 * @since 0.1.0
 * @category models
 */
export type ApiKeyOwner = typeof ApiKeyOwner.Type

const apiKeyFields = {
  object: Schema.tag("api_key"),
  /** `api_key_<ULID>` */
  id: Schema.String,
  owner: ApiKeyOwner,
  name: Schema.String,
  /** The key with all but its last characters hidden, e.g. `sk_...3456`. */
  obfuscatedValue: Schema.String.pipe(Schema.propertySignature, Schema.fromKey("obfuscated_value")),
  lastUsedAt: Schema.NullOr(Schema.String).pipe(Schema.propertySignature, Schema.fromKey("last_used_at")),
  /** `null` when the key does not expire (absent in the official SDK's fixtures). */
  expiresAt: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }).pipe(
    Schema.fromKey("expires_at")
  ),
  permissions: Schema.Array(Schema.String),
  createdAt: timestampKey("created_at"),
  updatedAt: timestampKey("updated_at")
}

/**
 * An API key as listed: never carries the secret.
 *
 * @since 0.1.0
 * @category schemas
 */
export class ApiKey extends Schema.Class<ApiKey>("@effect-workos/core/ApiKey")(apiKeyFields) {}

/**
 * The answer to a create: the key plus its full secret `value`, which WorkOS returns only this once. The value is
 * `Redacted`, so it never shows up in logs, `String(...)` or `JSON.stringify(...)`; use `Redacted.value` to read it.
 *
 * @since 0.1.0
 * @category schemas
 */
export class CreatedApiKey extends Schema.Class<CreatedApiKey>("@effect-workos/core/CreatedApiKey")({
  ...apiKeyFields,
  value: Schema.Redacted(Schema.String)
}) {}

/**
 * The answer to `POST /api_keys/validations`: the key the value belongs to, or `null` when the value is unknown,
 * deleted or expired (a 200, not an error).
 *
 * @since 0.2.0
 * @category schemas
 */
export class ApiKeyValidation extends Schema.Class<ApiKeyValidation>("@effect-workos/core/ApiKeyValidation")({
  apiKey: Schema.NullOr(ApiKey).pipe(Schema.propertySignature, Schema.fromKey("api_key")),
  /** Present only when the key is assigned to an agent registration. */
  agentRegistrationId: Schema.optional(Schema.String).pipe(Schema.fromKey("agent_registration_id"))
}) {}
