/**
 * Every recorded success response in `fixtures/real-wire/` decodes with the schema of its resource, old shapes
 * decode to their documented defaults, and decoding loses nothing the body said.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Either, Predicate, Redacted, Schema } from "effect"
import { ApiKey, CreatedApiKey } from "../src/ApiKey.js"
import { FeatureFlag } from "../src/FeatureFlag.js"
import * as List from "../src/List.js"
import { MISSING_TIMESTAMP, Organization, OrganizationDomain } from "../src/Organization.js"
import { RoleList } from "../src/Role.js"
import { fixtures, type WireFixture } from "./fixtures.js"

const successes = fixtures.filter((f) => f.response.status >= 200 && f.response.status < 300)

/**
 * Success vectors that are not a JSON object: each is named with its reason and checked for what it is.
 */
const NOT_JSON: Record<string, { readonly reason: string; readonly body: string }> = {
  "organization-delete-202.json": {
    reason: "DELETE answers 202 with text/plain `Accepted`: there is nothing to decode",
    body: "Accepted"
  }
}

/**
 * `organization-list-200.json`'s envelope was edited by hand in the cassette (`listMetadata` instead of
 * `list_metadata`, cursor `before-id`): only its items are real, so only its items are decoded.
 */
const ITEMS_ONLY: Record<string, string> = {
  "organization-list-200.json": "envelope edited by hand (`listMetadata`): decode the items only"
}

/** The directory lists are another endpoint's pagination vectors: the envelope is ours, the items are not. */
const Directories = List.List(Schema.Struct({ object: Schema.Literal("directory"), id: Schema.String }))

type Schemas = Schema.Schema<any, any>

/** The schema for a success body, chosen by its `object` and the request path. */
const schemaFor = (fixture: WireFixture, body: Record<string, unknown>): readonly [string, Schemas] => {
  const path = fixture.request.path
  switch (body.object) {
    case "organization":
      return ["Organization", Organization]
    case "organization_domain":
      return ["OrganizationDomain", OrganizationDomain]
    case "api_key":
      return "value" in body ? ["CreatedApiKey", CreatedApiKey] : ["ApiKey", ApiKey]
    case "list":
      if (path === "/organizations") return ["List(Organization)", List.List(Organization)]
      if (path.endsWith("/feature-flags")) return ["List(FeatureFlag)", List.List(FeatureFlag)]
      if (path.endsWith("/api_keys")) return ["List(ApiKey)", List.List(ApiKey)]
      if (path.endsWith("/roles")) return ["RoleList", RoleList]
      if (path === "/directories") return ["List(directory envelope)", Directories]
  }
  throw new Error(`no schema chosen for ${fixture.file} (object ${String(body.object)}, path ${path}): add a case`)
}

// ---------------------------------------------------------------------------------------------------------------
// documented defaults for old shapes (WIRE.md §4)
// ---------------------------------------------------------------------------------------------------------------

const isRecord = Predicate.isRecord

const checkDomainDefaults = (wire: Record<string, unknown>, domain: OrganizationDomain) => {
  if (!("state" in wire)) expect(domain.state).toBe("legacy_verified")
  if (!("organization_id" in wire)) expect(domain.organizationId).toBeUndefined()
  if (wire.verification_token === null) expect(domain.verificationToken).toBeUndefined()
}

const checkOrganizationDefaults = (wire: Record<string, unknown>, organization: Organization) => {
  assert.instanceOf(organization, Organization)
  if (!("metadata" in wire)) expect(organization.metadata).toEqual({})
  if (!("external_id" in wire)) expect(organization.externalId).toBeNull()
  if (!("stripe_customer_id" in wire)) expect(organization.stripeCustomerId).toBeUndefined()
  if (!("created_at" in wire)) expect(organization.createdAt).toBe(MISSING_TIMESTAMP)
  if (!("updated_at" in wire)) expect(organization.updatedAt).toBe(MISSING_TIMESTAMP)
  ;(wire.domains as ReadonlyArray<Record<string, unknown>>).forEach((d, i) =>
    checkDomainDefaults(d, organization.domains[i]!)
  )
}

const checkFlagDefaults = (wire: Record<string, unknown>, flag: FeatureFlag) => {
  assert.instanceOf(flag, FeatureFlag)
  if (!("enabled" in wire)) expect(flag.enabled).toBe(true)
  if (!("tags" in wire)) expect(flag.tags).toEqual([])
  if (!("default_value" in wire)) expect(flag.defaultValue).toBe(false)
  if (!("owner" in wire)) expect(flag.owner).toBeNull()
}

const checkApiKeyDefaults = (wire: Record<string, unknown>, key: ApiKey | CreatedApiKey) => {
  if (!("expires_at" in wire)) expect(key.expiresAt).toBeNull()
}

const checkListMetadataDefaults = (wire: Record<string, unknown>, metadata: List.ListMetadata) => {
  if (!("before" in wire)) expect(metadata.before).toBeNull()
  if (!("after" in wire)) expect(metadata.after).toBeNull()
}

const checkDefaults = (body: Record<string, unknown>, decoded: any): void => {
  switch (body.object) {
    case "organization":
      return checkOrganizationDefaults(body, decoded)
    case "organization_domain":
      return checkDomainDefaults(body, decoded)
    case "api_key":
      return checkApiKeyDefaults(body, decoded)
    case "feature_flag":
      return checkFlagDefaults(body, decoded)
    case "role":
      if (!("resource_type_slug" in body)) expect(decoded.resourceTypeSlug).toBeUndefined()
      return
    case "list": {
      const items = body.data as ReadonlyArray<Record<string, unknown>>
      items.forEach((item, i) => checkDefaults(item, decoded.data[i]))
      if (isRecord(body.list_metadata)) checkListMetadataDefaults(body.list_metadata, decoded.listMetadata)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// nothing lost: re-encoding the decoded value gives back every key and value of the body
// ---------------------------------------------------------------------------------------------------------------

/** Keys whose wire `null` means "not set": they decode to absent and are omitted again on encode. */
const NULL_MEANS_ABSENT = new Set(["verification_token", "stripe_customer_id"])

const assertCarries = (body: unknown, reencoded: unknown, at: string): void => {
  if (Array.isArray(body)) {
    assert.isTrue(Array.isArray(reencoded), `${at}: expected an array`)
    expect((reencoded as Array<unknown>).length, at).toBe(body.length)
    body.forEach((item, i) => assertCarries(item, (reencoded as Array<unknown>)[i], `${at}[${i}]`))
  } else if (isRecord(body)) {
    assert.isTrue(isRecord(reencoded), `${at}: expected an object`)
    const record = reencoded as Record<string, unknown>
    for (const [key, value] of Object.entries(body)) {
      if (value === null && NULL_MEANS_ABSENT.has(key)) {
        assert.isFalse(key in record, `${at}.${key}: a wire null is omitted`)
      } else {
        assert.isTrue(key in record, `${at}.${key} was dropped`)
        assertCarries(value, record[key], `${at}.${key}`)
      }
    }
  } else {
    expect(reencoded, at).toEqual(body)
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe("every success response in fixtures/real-wire decodes", () => {
  it("the directory holds success vectors", () => {
    expect(successes.length).toBeGreaterThanOrEqual(40)
  })

  for (const fixture of successes) {
    const body = fixture.response.body
    const notJson = NOT_JSON[fixture.file]
    if (notJson !== undefined) {
      it(`${fixture.file}: skipped, ${notJson.reason}`, () => {
        expect(body).toBe(notJson.body)
      })
      continue
    }
    const itemsOnly = ITEMS_ONLY[fixture.file]
    if (itemsOnly !== undefined) {
      it.effect(`${fixture.file}: ${itemsOnly}`, () =>
        Effect.gen(function*() {
          assert.isTrue(isRecord(body))
          const envelope = body as Record<string, unknown>
          // if the vector is ever fixed, this exception should go
          assert.isFalse("list_metadata" in envelope)
          assert.isTrue("listMetadata" in envelope)
          const items = yield* Schema.decodeUnknown(Schema.Array(Organization))(envelope.data)
          expect(items.length).toBeGreaterThan(0)
          ;(envelope.data as ReadonlyArray<Record<string, unknown>>).forEach((item, i) => {
            checkOrganizationDefaults(item, items[i]!)
            assertCarries(item, Schema.encodeSync(Organization)(items[i]!), "data")
          })
        }))
      continue
    }
    if (!isRecord(body)) {
      it(fixture.file, () => assert.fail("a 2xx body that is not a JSON object must be named in NOT_JSON"))
      continue
    }
    const choice = Either.try(() => schemaFor(fixture, body))
    if (Either.isLeft(choice)) {
      it(fixture.file, () => assert.fail(String(choice.left)))
      continue
    }
    const [name, schema] = choice.right
    it.effect(`${fixture.file} → ${name}`, () =>
      Effect.gen(function*() {
        const decoded = yield* Schema.decodeUnknown(schema)(body)
        checkDefaults(body, decoded)
        if (schema !== Directories) assertCarries(body, yield* Schema.encode(schema)(decoded), "body")
      }))
  }
})

// The defaults WIRE.md documents, on the vectors that show them.
describe("old shapes decode to their documented defaults", () => {
  const body = (file: string) => {
    const fixture = fixtures.find((f) => f.file === file)
    assert.isDefined(fixture, `missing vector ${file}`)
    return fixture!.response.body
  }

  it("a 2021 organization: metadata {}, externalId null, domain state legacy_verified", () => {
    const organization = Schema.decodeUnknownSync(Organization)(body("organization-get-200.json"))
    expect(organization.metadata).toEqual({})
    expect(organization.externalId).toBeNull()
    expect(organization.stripeCustomerId).toBeUndefined()
    expect(organization.domains.map((d) => d.state)).toEqual(["legacy_verified"])
    expect(organization.domains[0]!.organizationId).toBeUndefined()
  })

  it("2025 feature flags: enabled true, tags [], defaultValue false, owner null", () => {
    const page = Schema.decodeUnknownSync(List.List(FeatureFlag))(body("organization-feature-flags-list-200.json"))
    expect(page.data.length).toBe(2)
    for (const flag of page.data) {
      expect(flag.enabled).toBe(true)
      expect(flag.tags).toEqual([])
      expect(flag.defaultValue).toBe(false)
      expect(flag.owner).toBeNull()
    }
    expect(page.listMetadata).toEqual(new List.ListMetadata({ before: null, after: null }))
  })

  it("API keys without expires_at: expiresAt null", () => {
    const page = Schema.decodeUnknownSync(List.List(ApiKey))(body("sdk-fixture-api-keys-list-200.json"))
    expect(page.data.length).toBeGreaterThan(0)
    for (const key of page.data) expect(key.expiresAt).toBeNull()
    const created = Schema.decodeUnknownSync(CreatedApiKey)(body("sdk-fixture-api-keys-create-201.json"))
    expect(created.expiresAt).toBeNull()
    expect(Redacted.value(created.value)).toBe("sk_test_REDACTED")
    assert.notInclude(String(created.value), "sk_test_REDACTED")
  })

  it("legacy roles: no resourceTypeSlug", () => {
    const roles = Schema.decodeUnknownSync(RoleList)(body("organization-roles-list-legacy-path-200.json"))
    expect(roles.data.length).toBe(7)
    for (const role of roles.data) expect(role.resourceTypeSlug).toBeUndefined()
    expect(roles.data.map((r) => r.type)).toEqual([
      "EnvironmentRole",
      "EnvironmentRole",
      "EnvironmentRole",
      "EnvironmentRole",
      "EnvironmentRole",
      "OrganizationRole",
      "OrganizationRole"
    ])
  })

  it("a list_metadata of {} decodes to null cursors", () => {
    const page = Schema.decodeUnknownSync(List.List(FeatureFlag))(body("sdk-fixture-feature-flags-list-200.json"))
    expect(page.listMetadata).toEqual(new List.ListMetadata({ before: null, after: null }))
  })

  it("stripe_customer_id is kept when set, absent when cleared", () => {
    const set = Schema.decodeUnknownSync(Organization)(body("organization-update-stripe-customer-id-200.json"))
    expect(set.stripeCustomerId).toBeTypeOf("string")
    const cleared = Schema.decodeUnknownSync(Organization)(
      body("sdk-fixture-organization-clear-stripe-customer-id-200.json")
    )
    expect(cleared.stripeCustomerId).toBeUndefined()
  })
})
