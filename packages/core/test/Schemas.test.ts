/**
 * Round-trip properties for every schema: `decode(encode(x))` gives `x` back, and the encoded side is exactly the
 * snake_case wire JSON of WIRE.md §4 (required keys always present, optional keys present exactly when set).
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, Predicate, Redacted, Schema } from "effect"
import { ApiKey, CreatedApiKey } from "../src/ApiKey.js"
import { FeatureFlag } from "../src/FeatureFlag.js"
import * as List from "../src/List.js"
import * as Options from "../src/Options.js"
import { Organization, OrganizationDomain } from "../src/Organization.js"
import { Role, RoleList } from "../src/Role.js"

const NUM_RUNS = 200
const params = { fastCheck: { numRuns: NUM_RUNS } }

// ---------------------------------------------------------------------------------------------------------------
// wire shapes (WIRE.md §4): which wire key carries which property, and which keys are optional
// ---------------------------------------------------------------------------------------------------------------

type Check = (json: unknown, value: unknown) => void

/** A primitive (or a plain JSON value such as `metadata`) goes to the wire unchanged. */
const same: Check = (json, value) => expect(json).toEqual(value)

const arrayOf = (check: Check): Check => (json, value) => {
  assert.isTrue(Array.isArray(json), "expected a JSON array")
  const values = value as ReadonlyArray<unknown>
  const items = json as ReadonlyArray<unknown>
  expect(items.length).toBe(values.length)
  items.forEach((item, i) => check(item, values[i]))
}

const nullOr = (check: Check): Check => (json, value) => value === null ? expect(json).toBeNull() : check(json, value)

type Fields = Record<string, readonly [property: string, check?: Check]>

/**
 * An object on the wire: exactly the `required` keys plus those `optional` keys whose property is set, each
 * carrying its property's value.
 */
const shape = (required: Fields, optional: Fields = {}): Check => (json, value) => {
  assert.isTrue(Predicate.isRecord(json), "expected a JSON object")
  const record = json as Record<string, unknown>
  const props = value as Record<string, unknown>
  const present = Object.keys(optional).filter((key) => props[optional[key]![0]] !== undefined)
  expect(Object.keys(record).sort()).toEqual([...Object.keys(required), ...present].sort())
  for (const [key, [property, check = same]] of Object.entries({ ...required, ...optional })) {
    if (key in record) check(record[key], props[property])
  }
}

const timestamps: Fields = { created_at: ["createdAt"], updated_at: ["updatedAt"] }

const domainWire = shape(
  { object: ["object"], id: ["id"], domain: ["domain"], state: ["state"] },
  {
    organization_id: ["organizationId"],
    verification_strategy: ["verificationStrategy"],
    verification_token: ["verificationToken"],
    verification_prefix: ["verificationPrefix"],
    ...timestamps
  }
)

const organizationWire = shape(
  {
    object: ["object"],
    id: ["id"],
    name: ["name"],
    domains: ["domains", arrayOf(domainWire)],
    metadata: ["metadata"],
    external_id: ["externalId"],
    allow_profiles_outside_organization: ["allowProfilesOutsideOrganization"],
    ...timestamps
  },
  { stripe_customer_id: ["stripeCustomerId"] }
)

const roleWire = shape(
  {
    object: ["object"],
    id: ["id"],
    name: ["name"],
    slug: ["slug"],
    description: ["description"],
    type: ["type"],
    permissions: ["permissions"],
    ...timestamps
  },
  { resource_type_slug: ["resourceTypeSlug"] }
)

const roleListWire = shape({ object: ["object"], data: ["data", arrayOf(roleWire)] })

const flagOwnerWire = shape({ email: ["email"], first_name: ["firstName"], last_name: ["lastName"] })

const featureFlagWire = shape({
  object: ["object"],
  id: ["id"],
  slug: ["slug"],
  name: ["name"],
  description: ["description"],
  owner: ["owner", nullOr(flagOwnerWire)],
  tags: ["tags"],
  enabled: ["enabled"],
  default_value: ["defaultValue"],
  ...timestamps
})

const apiKeyOwnerWire: Check = (json, value) =>
  (value as { readonly type: string }).type === "user"
    ? shape({ type: ["type"], id: ["id"], organization_id: ["organizationId"] })(json, value)
    : shape({ type: ["type"], id: ["id"] })(json, value)

const apiKeyFields: Fields = {
  object: ["object"],
  id: ["id"],
  owner: ["owner", apiKeyOwnerWire],
  name: ["name"],
  obfuscated_value: ["obfuscatedValue"],
  last_used_at: ["lastUsedAt"],
  expires_at: ["expiresAt"],
  permissions: ["permissions"],
  ...timestamps
}

const apiKeyWire = shape(apiKeyFields)

/** The secret goes to the wire as the plain string inside the `Redacted`. */
const createdApiKeyWire = shape({
  ...apiKeyFields,
  value: ["value", (json, value) => expect(json).toBe(Redacted.value(value as Redacted.Redacted<string>))]
})

const listMetadataWire = shape({ before: ["before"], after: ["after"] })

const listWire = (item: Check) =>
  shape({ object: ["object"], data: ["data", arrayOf(item)], list_metadata: ["listMetadata", listMetadataWire] })

const paginationWire: Fields = { limit: ["limit"], before: ["before"], after: ["after"], order: ["order"] }

const domainDataWire = shape({ domain: ["domain"], state: ["state"] })

// The body-carrying options: their encoded side is the request body. The path id (`organization`,
// `organizationId`) keeps its name; the live client moves it into the path.
const createOrganizationWire = shape({ name: ["name"] }, {
  domain_data: ["domainData", arrayOf(domainDataWire)],
  external_id: ["externalId"],
  metadata: ["metadata"]
})

const updateOrganizationWire = shape({ organization: ["organization"] }, {
  name: ["name"],
  domain_data: ["domainData", arrayOf(domainDataWire)],
  external_id: ["externalId"],
  metadata: ["metadata"],
  stripe_customer_id: ["stripeCustomerId"]
})

const createApiKeyWire = shape({ organizationId: ["organizationId"], name: ["name"] }, {
  permissions: ["permissions"],
  expires_at: ["expiresAt"]
})

// ---------------------------------------------------------------------------------------------------------------
// the properties
// ---------------------------------------------------------------------------------------------------------------

/**
 * For one schema: `decode(encode(x))` equals `x`; the wire JSON of `encode(x)` has exactly the expected keys and
 * values; and the wire JSON survives a decode/encode (what the emulator sends is what the client reads).
 */
const roundTrip = <A, I>(schema: Schema.Schema<A, I>, wire: Check, compare: (a: A) => unknown = (a) => a) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  return (x: A) => {
    const encoded = encode(x)
    expect(compare(decode(encoded))).toEqual(compare(x))
    const json: unknown = JSON.parse(JSON.stringify(encoded))
    wire(json, x)
    expect(JSON.parse(JSON.stringify(encode(decode(json))))).toEqual(json)
  }
}

/** A `Redacted` is compared through `Redacted.value`: its own properties do not hold the secret. */
const revealed = (key: CreatedApiKey) => ({ ...key, value: Redacted.value(key.value) })

describe("schemas round-trip through their wire encoding", () => {
  it.prop("Organization", [Arbitrary.make(Organization)], ([x]) => roundTrip(Organization, organizationWire)(x), params)
  it.prop(
    "OrganizationDomain",
    [Arbitrary.make(OrganizationDomain)],
    ([x]) => roundTrip(OrganizationDomain, domainWire)(x),
    params
  )
  it.prop("Role", [Arbitrary.make(Role)], ([x]) => roundTrip(Role, roleWire)(x), params)
  it.prop("RoleList", [Arbitrary.make(RoleList)], ([x]) => roundTrip(RoleList, roleListWire)(x), params)
  it.prop("FeatureFlag", [Arbitrary.make(FeatureFlag)], ([x]) => roundTrip(FeatureFlag, featureFlagWire)(x), params)
  it.prop("ApiKey", [Arbitrary.make(ApiKey)], ([x]) => roundTrip(ApiKey, apiKeyWire)(x), params)
  it.prop(
    "CreatedApiKey",
    [Arbitrary.make(CreatedApiKey)],
    ([x]) => roundTrip(CreatedApiKey, createdApiKeyWire, revealed)(x),
    params
  )
  it.prop(
    "ListMetadata",
    [Arbitrary.make(List.ListMetadata)],
    ([x]) => roundTrip(List.ListMetadata, listMetadataWire)(x),
    params
  )
  const organizations = List.List(Organization)
  it.prop(
    "List(Organization)",
    [Arbitrary.make(organizations)],
    ([x]) => roundTrip(organizations, listWire(organizationWire))(x),
    params
  )
  const flags = List.List(FeatureFlag)
  it.prop("List(FeatureFlag)", [Arbitrary.make(flags)], ([x]) => roundTrip(flags, listWire(featureFlagWire))(x), params)
  const apiKeys = List.List(ApiKey)
  it.prop("List(ApiKey)", [Arbitrary.make(apiKeys)], ([x]) => roundTrip(apiKeys, listWire(apiKeyWire))(x), params)
})

describe("option schemas round-trip, and the body-carrying ones encode to the wire body", () => {
  it.prop(
    "ListOrganizationsOptions",
    [Arbitrary.make(Options.ListOrganizationsOptions)],
    ([x]) =>
      roundTrip(
        Options.ListOrganizationsOptions,
        shape({}, { ...paginationWire, domains: ["domains"], search: ["search"] })
      )(x),
    params
  )
  it.prop(
    "CreateOrganizationOptions",
    [Arbitrary.make(Options.CreateOrganizationOptions)],
    ([x]) => roundTrip(Options.CreateOrganizationOptions, createOrganizationWire)(x),
    params
  )
  it.prop(
    "UpdateOrganizationOptions",
    [Arbitrary.make(Options.UpdateOrganizationOptions)],
    ([x]) => roundTrip(Options.UpdateOrganizationOptions, updateOrganizationWire)(x),
    params
  )
  it.prop(
    "ListOrganizationRolesOptions",
    [Arbitrary.make(Options.ListOrganizationRolesOptions)],
    ([x]) => roundTrip(Options.ListOrganizationRolesOptions, shape({ organizationId: ["organizationId"] }))(x),
    params
  )
  it.prop(
    "ListOrganizationFeatureFlagsOptions",
    [Arbitrary.make(Options.ListOrganizationFeatureFlagsOptions)],
    ([x]) =>
      roundTrip(
        Options.ListOrganizationFeatureFlagsOptions,
        shape({ organizationId: ["organizationId"] }, paginationWire)
      )(x),
    params
  )
  it.prop(
    "ListOrganizationApiKeysOptions",
    [Arbitrary.make(Options.ListOrganizationApiKeysOptions)],
    ([x]) =>
      roundTrip(Options.ListOrganizationApiKeysOptions, shape({ organizationId: ["organizationId"] }, paginationWire))(
        x
      ),
    params
  )
  it.prop(
    "CreateOrganizationApiKeyOptions",
    [Arbitrary.make(Options.CreateOrganizationApiKeyOptions)],
    ([x]) => roundTrip(Options.CreateOrganizationApiKeyOptions, createApiKeyWire)(x),
    params
  )
  it.prop(
    "RequestOptions",
    [Arbitrary.make(Options.RequestOptions)],
    ([x]) => roundTrip(Options.RequestOptions, shape({}, { idempotencyKey: ["idempotencyKey"] }))(x),
    params
  )
})

describe("optional wire keys", () => {
  const base = {
    id: "org_01",
    name: "Acme",
    domains: [],
    metadata: {},
    externalId: null,
    createdAt: "2025-07-22T18:55:20.355Z",
    updatedAt: "2025-07-22T18:55:20.355Z",
    allowProfilesOutsideOrganization: false
  }

  it("stripe_customer_id is omitted while unset and present once set", () => {
    const unset = Schema.encodeSync(Organization)(new Organization(base))
    assert.isFalse("stripe_customer_id" in unset)
    expect(unset.external_id).toBeNull()
    expect(unset.metadata).toEqual({})
    const set = Schema.encodeSync(Organization)(new Organization({ ...base, stripeCustomerId: "cus_1" }))
    expect(set.stripe_customer_id).toBe("cus_1")
  })

  it("a decoded wire null for stripe_customer_id means unset, and is omitted again on encode", () => {
    const wire = { ...Schema.encodeSync(Organization)(new Organization(base)), stripe_customer_id: null }
    const decoded = Schema.decodeUnknownSync(Organization)(wire)
    expect(decoded.stripeCustomerId).toBeUndefined()
    assert.isFalse("stripe_customer_id" in Schema.encodeSync(Organization)(decoded))
  })
})
