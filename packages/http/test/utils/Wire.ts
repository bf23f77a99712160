/**
 * Small wire bodies (snake_case JSON, as WorkOS sends them) for the live layer's tests.
 */
export const TIMESTAMP = "2025-07-22T18:55:20.355Z"

export const organization = (id: string, extra: Record<string, unknown> = {}) => ({
  object: "organization",
  id,
  name: "Acme",
  domains: [],
  metadata: {},
  external_id: null,
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP,
  allow_profiles_outside_organization: false,
  ...extra
})

export const list = (data: ReadonlyArray<unknown>, after: string | null = null, before: string | null = null) => ({
  object: "list",
  data,
  list_metadata: { before, after }
})

export const role = (id: string) => ({
  object: "role",
  id,
  name: "Admin",
  slug: "admin",
  description: null,
  type: "EnvironmentRole",
  resource_type_slug: "organization",
  permissions: ["posts:read"],
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP
})

export const flag = (id: string) => ({
  object: "feature_flag",
  id,
  slug: "dark-mode",
  name: "Dark mode",
  description: "",
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP
})

export const apiKey = (id: string, organizationId: string) => ({
  object: "api_key",
  id,
  owner: { type: "organization", id: organizationId },
  name: "k",
  obfuscated_value: "sk_...3456",
  last_used_at: null,
  expires_at: null,
  permissions: ["p:r"],
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP
})

export const createdApiKey = (id: string, organizationId: string, value: string) => ({
  ...apiKey(id, organizationId),
  value
})

export const organizationDomain = (id: string, state = "pending", extra: Record<string, unknown> = {}) => ({
  object: "organization_domain",
  id,
  organization_id: "org_1",
  domain: "foo-corp.com",
  state,
  verification_strategy: "dns",
  verification_token: "F06PGMsZIO0shrveGWuGxgCj7",
  verification_prefix: "superapp-domain-verification-z3kjny",
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP,
  ...extra
})
