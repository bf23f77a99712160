/**
 * Seeding and restoring obey the rules the operations obey, and say so in the same words: every rejected fixture
 * names its path and what is wrong, and a rule an operation also checks gives the operation's message.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const ORG = "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
const OTHER = "org_01EHWNCE74X7JSDV0X3SZ3KJNA"

/** An environment holding one organization of each kind of unique value, a flag, a role and a deleted id. */
const populated = Effect.gen(function*() {
  const memory = yield* OrganizationsMemory.makeMemory({
    seed: 1,
    settings: { metadataMaxKeys: 1, externalIdMaxLength: 5 }
  })
  const { control, organizations } = memory
  const existing = yield* organizations.createOrganization({
    name: "E",
    externalId: "taken",
    domainData: [{ domain: "held.com", state: "verified" }]
  })
  yield* organizations.updateOrganization({ organization: existing.id, stripeCustomerId: "cus_taken" })
  yield* control.seed({
    featureFlags: [{ slug: "flag" }],
    organizationRoles: [{ organizationId: existing.id, slug: "r", name: "R" }]
  })
  const deleted = yield* organizations.createOrganization({ name: "D" })
  yield* organizations.deleteOrganization(deleted.id)
  return { ...memory, existing, deleted }
})

describe("seeding", () => {
  it.effect("names the path and the problem of every rejected fixture, and adds nothing", () =>
    Effect.gen(function*() {
      const { control, deleted, existing } = yield* populated
      const before = JSON.stringify(yield* control.snapshot)
      const key = (name: string, more: { readonly id?: string; readonly value?: string } = {}) => ({
        ...more,
        organizationId: existing.id,
        name
      })
      const cases: Array<[FakeWorkOS.FixturesInput, string, string]> = [
        [{ organizations: [{ name: " " }] }, "organizations[0].name", "name is required"],
        [
          { organizations: [{ name: "a", externalId: "taken" }] },
          "organizations[0].externalId",
          "An organization with the external_id 'taken' already exists in this environment."
        ],
        [
          { organizations: [{ name: "a", externalId: "x" }, { name: "b", externalId: "x" }] },
          "organizations[1].externalId",
          "An organization with the external_id 'x' already exists in this environment."
        ],
        [
          { organizations: [{ name: "a", externalId: "toolong" }] },
          "organizations[0].externalId",
          "external_id must be at most 5 characters."
        ],
        [
          { organizations: [{ name: "a", stripeCustomerId: "cus_taken" }] },
          "organizations[0].stripeCustomerId",
          "The stripe_customer_id 'cus_taken' is already used by another organization."
        ],
        [
          { organizations: [{ name: "a", stripeCustomerId: "s" }, { name: "b", stripeCustomerId: "s" }] },
          "organizations[1].stripeCustomerId",
          "The stripe_customer_id 's' is already used by another organization."
        ],
        [
          { organizations: [{ name: "a", metadata: { a: "1", b: "2" } }] },
          "organizations[0].metadata",
          "Metadata can have at most 1 keys; got 2."
        ],
        [
          { organizations: [{ name: "a", domains: [{ domain: "held.com" }] }] },
          "organizations[0].domains[0].domain",
          "An Organization with the domain held.com already exists."
        ],
        [
          {
            organizations: [{ name: "a", domains: [{ domain: "x.com" }] }, {
              name: "b",
              domains: [{ domain: "x.com" }]
            }]
          },
          "organizations[1].domains[0].domain",
          "An Organization with the domain x.com already exists."
        ],
        [
          { organizations: [{ name: "a", domains: [{ domain: "x.com" }, { domain: "X.com", state: "pending" }] }] },
          "organizations[0].domains[1].domain",
          "'x.com' is listed more than once"
        ],
        [
          { organizations: [{ name: "a", domains: [{ domain: "not a domain" }] }] },
          "organizations[0].domains[0].domain",
          "'not a domain' is not a lower-case domain"
        ],
        [
          { organizations: [{ name: "a", id: ORG }, { name: "b", id: ORG }] },
          "organizations[1].id",
          `the id ${ORG} is already used`
        ],
        [
          { organizations: [{ name: "a", id: existing.id }] },
          "organizations[0].id",
          `the id ${existing.id} is already used`
        ],
        [
          { organizations: [{ name: "a", id: deleted.id }] },
          "organizations[0].id",
          `the id ${deleted.id} belonged to a deleted organization`
        ],
        [
          { organizations: [{ name: "a", id: "org_x" }] },
          "organizations[0].id",
          "'org_x' is not an id of the form org_<ULID>"
        ],
        [
          { organizations: [{ name: "a", domains: [{ domain: "a.com", id: "org_domain_x" }] }] },
          "organizations[0].domains[0].id",
          "'org_domain_x' is not an id of the form org_domain_<ULID>"
        ],
        [
          { environmentRoles: [{ slug: "a", name: "A" }, { slug: "a", name: "B" }] },
          "environmentRoles[1].slug",
          "the slug 'a' is already used"
        ],
        [{ environmentRoles: [{ slug: " ", name: "A" }] }, "environmentRoles[0].slug", "must not be blank"],
        [
          {
            environmentRoles: [
              { slug: "a", name: "A", id: "role_01EHWNCE74X7JSDV0X3SZ3KJNY" },
              { slug: "b", name: "B", id: "role_01EHWNCE74X7JSDV0X3SZ3KJNY" }
            ]
          },
          "environmentRoles[1].id",
          "the id role_01EHWNCE74X7JSDV0X3SZ3KJNY is already used"
        ],
        [
          { environmentRoles: [{ slug: "a", name: "A", id: "role_x" }] },
          "environmentRoles[0].id",
          "'role_x' is not an id of the form role_<ULID>"
        ],
        [
          { organizationRoles: [{ organizationId: ORG, slug: "r", name: "R" }] },
          "organizationRoles[0].organizationId",
          `Organization not found: '${ORG}'.`
        ],
        [
          { organizationRoles: [{ organizationId: existing.id, slug: "r", name: "R" }] },
          "organizationRoles[0].slug",
          "the slug 'r' is already used"
        ],
        [
          { organizationRoles: [{ organizationId: existing.id, slug: "admin", name: "R" }] },
          "organizationRoles[0].slug",
          "the slug 'admin' is already used"
        ],
        [
          {
            organizationRoles: [
              { organizationId: existing.id, slug: "q", name: "R" },
              { organizationId: existing.id, slug: "q", name: "R" }
            ]
          },
          "organizationRoles[1].slug",
          "the slug 'q' is already used"
        ],
        [{ featureFlags: [{ slug: "flag" }] }, "featureFlags[0].slug", "the slug 'flag' is already used"],
        [{ featureFlags: [{ slug: " " }] }, "featureFlags[0].slug", "must not be blank"],
        [
          { featureFlags: [{ slug: "f", id: "flag_x" }] },
          "featureFlags[0].id",
          "'flag_x' is not an id of the form flag_<ULID>"
        ],
        [
          {
            featureFlags: [
              { slug: "f", id: "flag_01EHWNCE74X7JSDV0X3SZ3KJNY" },
              { slug: "g", id: "flag_01EHWNCE74X7JSDV0X3SZ3KJNY" }
            ]
          },
          "featureFlags[1].id",
          "the id flag_01EHWNCE74X7JSDV0X3SZ3KJNY is already used"
        ],
        [
          { featureFlags: [{ slug: "f", enabledFor: [existing.id, OTHER] }] },
          "featureFlags[0].enabledFor[1]",
          `Organization not found: '${OTHER}'.`
        ],
        [
          { apiKeys: [{ organizationId: ORG, name: "k" }] },
          "apiKeys[0].organizationId",
          `Organization not found: '${ORG}'.`
        ],
        [{ apiKeys: [key(" ")] }, "apiKeys[0].name", "name is required"],
        [
          { apiKeys: [key("k", { value: "sk_test_same" }), key("l", { value: "sk_test_same" })] },
          "apiKeys[1].value",
          "another API key has the same value"
        ],
        [
          { apiKeys: [key("k", { id: "api_key_x" })] },
          "apiKeys[0].id",
          "'api_key_x' is not an id of the form api_key_<ULID>"
        ],
        [
          {
            apiKeys: [
              key("k", { id: "api_key_01EHWNCE74X7JSDV0X3SZ3KJNY" }),
              key("l", { id: "api_key_01EHWNCE74X7JSDV0X3SZ3KJNY" })
            ]
          },
          "apiKeys[1].id",
          "the id api_key_01EHWNCE74X7JSDV0X3SZ3KJNY is already used"
        ]
      ]
      for (const [fixtures, path, detail] of cases) {
        const error = yield* Effect.flip(control.seed(fixtures))
        assert.deepStrictEqual([error.path, error.detail], [path, detail])
      }
      assert.strictEqual(JSON.stringify(yield* control.snapshot), before)
    }))

  it.effect("a rule an operation also checks fails a fixture with the operation's message", () =>
    Effect.gen(function*() {
      const { control, existing, organizations } = yield* populated
      const seeded = (organization: FakeWorkOS.OrganizationFixture) =>
        Effect.map(Effect.flip(control.seed({ organizations: [organization] })), (error) => error.detail)
      const created = (options: Parameters<typeof organizations.createOrganization>[0]) =>
        Effect.map(
          Effect.flip(organizations.createOrganization(options)),
          (error) =>
            "errors" in error && error.errors[0]?.message !== undefined ? error.errors[0].message : error.detail
        )
      assert.strictEqual(
        yield* seeded({ name: "a", externalId: "taken" }),
        yield* created({ name: "a", externalId: "taken" })
      )
      assert.strictEqual(
        yield* seeded({ name: "a", externalId: "toolong" }),
        yield* created({ name: "a", externalId: "toolong" })
      )
      assert.strictEqual(
        yield* seeded({ name: "a", metadata: { a: "1", b: "2" } }),
        yield* created({ name: "a", metadata: { a: "1", b: "2" } })
      )
      assert.strictEqual(
        yield* seeded({ name: "a", domains: [{ domain: "held.com" }] }),
        yield* created({ name: "a", domainData: [{ domain: "held.com", state: "verified" }] })
      )
      const other = yield* organizations.createOrganization({ name: "O" })
      const updated = yield* Effect.flip(
        organizations.updateOrganization({ organization: other.id, stripeCustomerId: "cus_taken" })
      )
      assert.strictEqual(updated._tag, "StripeCustomerIdAlreadyUsed")
      assert.strictEqual(
        yield* seeded({ name: "a", stripeCustomerId: "cus_taken" }),
        "detail" in updated ? updated.detail : ""
      )
      assert.notStrictEqual(existing.id, other.id)
    }))

  it.effect("a pending domain may be seeded where another organization holds it verified", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* populated
      yield* control.seed({
        organizations: [{ name: "p", domains: [{ domain: "held.com", state: "pending" }] }, {
          name: "q",
          domains: [{ domain: "held.com", state: "pending" }]
        }]
      })
      const holders = yield* organizations.listOrganizationsPage({ domains: ["held.com"] })
      assert.deepStrictEqual(holders.data.map((o) => o.name).sort(), ["E", "p", "q"])
    }))
})

describe("restoring", () => {
  it.effect("checks the formats a seed fills in itself, naming the path", () =>
    Effect.gen(function*() {
      const { control, existing } = yield* populated
      yield* control.seed({
        apiKeys: [{ organizationId: existing.id, name: "k", expiresAt: "2030-01-01T00:00:00.000Z" }]
      })
      const snapshot = JSON.parse(JSON.stringify(yield* control.snapshot))
      const org = snapshot.organizations[0]
      const apiKey = snapshot.apiKeys[0]
      const envRole = snapshot.environmentRoles[0]
      const bad: Array<[unknown, string, string]> = [
        [
          { ...snapshot, deleted: [{ ...snapshot.deleted[0], id: "org_x" }] },
          "deleted[0].id",
          "'org_x' is not an id of the form org_<ULID> (26 upper-case Crockford base32 characters)"
        ],
        [
          { ...snapshot, deleted: [{ ...snapshot.deleted[0], createdAt: "2020-01-01T00:00:00Z" }] },
          "deleted[0].createdAt",
          "'2020-01-01T00:00:00Z' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          { ...snapshot, organizations: [{ ...org, id: org.id.toLowerCase() }] },
          "organizations[0].id",
          `'${org.id.toLowerCase()}' is not an id of the form org_<ULID> (26 upper-case Crockford base32 characters)`
        ],
        [
          { ...snapshot, organizations: [{ ...org, updated_at: "2020-01-01T00:00:00+00:00" }] },
          "organizations[0].updatedAt",
          "'2020-01-01T00:00:00+00:00' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          { ...snapshot, organizations: [{ ...org, domains: [{ ...org.domains[0], id: "org_domain_x" }] }] },
          "organizations[0].domains[0].id",
          "'org_domain_x' is not an id of the form org_domain_<ULID> (26 upper-case Crockford base32 characters)"
        ],
        [
          { ...snapshot, organizations: [{ ...org, domains: [{ ...org.domains[0], organization_id: ORG }] }] },
          "organizations[0].domains[0].organizationId",
          `must be ${org.id}`
        ],
        [
          { ...snapshot, environmentRoles: [{ ...envRole, type: "OrganizationRole" }] },
          "environmentRoles[0].type",
          "must be EnvironmentRole"
        ],
        [
          { ...snapshot, environmentRoles: [{ ...envRole, created_at: "2020-01-01T00:00:00Z" }] },
          "environmentRoles[0].createdAt",
          "'2020-01-01T00:00:00Z' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          { ...snapshot, featureFlags: [{ ...snapshot.featureFlags[0], updated_at: "2020-01-01T00:00:00Z" }] },
          "featureFlags[0].updatedAt",
          "'2020-01-01T00:00:00Z' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          { ...snapshot, apiKeys: [{ ...apiKey, apiKey: { ...apiKey.apiKey, expires_at: "2030-01-01T00:00:00Z" } }] },
          "apiKeys[0].apiKey.expiresAt",
          "'2030-01-01T00:00:00Z' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          { ...snapshot, apiKeys: [{ ...apiKey, apiKey: { ...apiKey.apiKey, last_used_at: "2030-01-01T00:00:00Z" } }] },
          "apiKeys[0].apiKey.lastUsedAt",
          "'2030-01-01T00:00:00Z' is not an ISO-8601 UTC timestamp with milliseconds"
        ],
        [
          {
            ...snapshot,
            apiKeys: [{
              ...apiKey,
              apiKey: { ...apiKey.apiKey, owner: { type: "user", id: "user_1", organization_id: ORG } }
            }]
          },
          "apiKeys[0].apiKey.owner",
          `must be the organization user_1`
        ]
      ]
      for (const [document, path, detail] of bad) {
        const error = yield* Effect.flip(control.restore(document))
        assert.deepStrictEqual([error.path, error.detail], [path, detail])
      }
    }))
})

describe("fixture defaults", () => {
  it.effect("fill in what a fixture leaves out", () =>
    Effect.gen(function*() {
      const { control } = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      yield* control.seed({
        organizations: [{
          id: ORG,
          name: "A",
          createdAt: "2021-01-01T00:00:00Z",
          domains: [
            { domain: "Verified.COM" },
            { domain: "pending.com", state: "pending" },
            { domain: "legacy.com", state: "legacy_verified" },
            { domain: "given.com", state: "pending", verificationToken: "tok", verificationPrefix: "pre" },
            { domain: "dated.com", createdAt: "2022-01-01T00:00:00Z" }
          ]
        }],
        environmentRoles: [{ slug: "admin", name: "Admin" }],
        organizationRoles: [{ organizationId: ORG, slug: "r", name: "R", createdAt: "2021-02-01T00:00:00Z" }],
        featureFlags: [{ slug: "f", enabledFor: [ORG] }],
        apiKeys: [{ organizationId: ORG, name: "k", value: "sk_test_abcd1234" }]
      })
      const snapshot = yield* control.snapshot
      const org = snapshot.organizations[0]!
      assert.deepStrictEqual(
        [org.createdAt, org.updatedAt, org.externalId, org.stripeCustomerId, org.metadata],
        ["2021-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z", null, undefined, {}]
      )
      const domains = org.domains.map((d) => ({
        domain: d.domain,
        state: d.state,
        strategy: d.verificationStrategy,
        token: d.verificationToken === undefined ? undefined : d.verificationToken.length,
        prefix: d.verificationPrefix?.replace(/[a-z0-9]{6}$/, "******"),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        organizationId: d.organizationId
      }))
      const at = "2021-01-01T00:00:00.000Z"
      assert.deepStrictEqual(domains, [
        {
          domain: "verified.com",
          state: "verified",
          strategy: "manual",
          token: undefined,
          prefix: undefined,
          createdAt: at,
          updatedAt: at,
          organizationId: ORG
        },
        {
          domain: "pending.com",
          state: "pending",
          strategy: "dns",
          token: 25,
          prefix: "workos-domain-verification-******",
          createdAt: at,
          updatedAt: at,
          organizationId: ORG
        },
        {
          domain: "legacy.com",
          state: "legacy_verified",
          strategy: undefined,
          token: undefined,
          prefix: undefined,
          createdAt: at,
          updatedAt: at,
          organizationId: ORG
        },
        {
          domain: "given.com",
          state: "pending",
          strategy: "dns",
          token: 3,
          prefix: "pre",
          createdAt: at,
          updatedAt: at,
          organizationId: ORG
        },
        {
          domain: "dated.com",
          state: "verified",
          strategy: "manual",
          token: undefined,
          prefix: undefined,
          createdAt: "2022-01-01T00:00:00.000Z",
          updatedAt: "2022-01-01T00:00:00.000Z",
          organizationId: ORG
        }
      ])
      for (const d of org.domains) assert.match(d.id, /^org_domain_[0-9A-Z]{26}$/)
      const [role] = snapshot.environmentRoles
      assert.deepStrictEqual(
        [role!.description, role!.type, role!.resourceTypeSlug, role!.permissions, role!.createdAt === role!.updatedAt],
        [null, "EnvironmentRole", "organization", [], true]
      )
      assert.match(role!.id, /^role_[0-9A-Z]{26}$/)
      const orgRole = snapshot.organizationRoles[0]!.roles[0]!
      assert.deepStrictEqual(
        [orgRole.type, orgRole.createdAt, orgRole.updatedAt, orgRole.id.startsWith("role_01EXDE7500")],
        ["OrganizationRole", "2021-02-01T00:00:00.000Z", "2021-02-01T00:00:00.000Z", true]
      )
      const flag = snapshot.featureFlags[0]!
      assert.deepStrictEqual(
        [flag.name, flag.description, flag.owner, flag.tags, flag.enabled, flag.defaultValue],
        ["f", null, null, [], true, false]
      )
      assert.deepStrictEqual(snapshot.enabledFeatureFlags, [{ organizationId: ORG, flagIds: [flag.id] }])
      const { apiKey } = snapshot.apiKeys[0]!
      assert.deepStrictEqual(
        [apiKey.obfuscatedValue, apiKey.lastUsedAt, apiKey.expiresAt, apiKey.permissions, apiKey.owner.id],
        ["sk_...1234", null, null, [], ORG]
      )
      assert.match(apiKey.id, /^api_key_[0-9A-Z]{26}$/)
    }))
})

describe("seeding against what the store already holds", () => {
  it.effect("an id or an API key value the store already has is refused", () =>
    Effect.gen(function*() {
      const { control, existing } = yield* populated
      const FLAG = "flag_01EHWNCE74X7JSDV0X3SZ3KJNY"
      const KEY = "api_key_01EHWNCE74X7JSDV0X3SZ3KJNY"
      yield* control.seed({
        featureFlags: [{ id: FLAG, slug: "first" }],
        apiKeys: [{ id: KEY, organizationId: existing.id, name: "k", value: "sk_test_known" }]
      })
      const cases: Array<[FakeWorkOS.FixturesInput, string, string]> = [
        [{ featureFlags: [{ id: FLAG, slug: "second" }] }, "featureFlags[0].id", `the id ${FLAG} is already used`],
        [
          { apiKeys: [{ id: KEY, organizationId: existing.id, name: "l" }] },
          "apiKeys[0].id",
          `the id ${KEY} is already used`
        ],
        [
          { apiKeys: [{ organizationId: existing.id, name: "l", value: "sk_test_known" }] },
          "apiKeys[0].value",
          "another API key has the same value"
        ]
      ]
      for (const [fixtures, path, detail] of cases) {
        const error = yield* Effect.flip(control.seed(fixtures))
        assert.deepStrictEqual([error.path, error.detail], [path, detail])
      }
    }))
})

describe("snapshots", () => {
  it.effect("are copies: later changes do not reach a snapshot taken before", () =>
    Effect.gen(function*() {
      const { control, existing, organizations } = yield* populated
      const before = yield* control.snapshot
      const flags = before.featureFlags.length
      yield* control.seed({ featureFlags: [{ slug: "later" }] })
      yield* organizations.createOrganization({ name: "later" })
      assert.strictEqual(before.featureFlags.length, flags)
      assert.strictEqual(before.organizations.length, 1)
      assert.strictEqual(before.organizations[0]!.id, existing.id)
    }))

  it.effect("keep the Idempotency-Keys of organization creates only", () =>
    Effect.gen(function*() {
      const { control, existing, organizations } = yield* populated
      yield* organizations.createOrganizationApiKey({ organizationId: existing.id, name: "k" }, {
        idempotencyKey: "key"
      })
      assert.deepStrictEqual((yield* control.snapshot).idempotency, [])
      yield* organizations.createOrganization({ name: "O" }, { idempotencyKey: "org" })
      assert.deepStrictEqual((yield* control.snapshot).idempotency.map((e) => e.key), ["org"])
    }))

  it.effect("restoring names the place of a bad organization role or enablement, and refuses a made-up id", () =>
    Effect.gen(function*() {
      const { control } = yield* populated
      const snapshot = JSON.parse(JSON.stringify(yield* control.snapshot))
      const group = snapshot.organizationRoles[0]
      const FLAG = "flag_01EHWNCE74X7JSDV0X3SZ3KJNY"
      const bad: Array<[unknown, string, string]> = [
        [
          { ...snapshot, organizationRoles: [{ ...group, roles: [{ ...group.roles[0], type: "EnvironmentRole" }] }] },
          "organizationRoles[0].roles[0].type",
          "must be OrganizationRole"
        ],
        [
          {
            ...snapshot,
            enabledFeatureFlags: [{
              organizationId: snapshot.organizations[0].id,
              flagIds: [snapshot.featureFlags[0].id, FLAG]
            }]
          },
          "enabledFeatureFlags[0].flagIds[1]",
          `no feature flag has the id ${FLAG}`
        ],
        [
          { ...snapshot, deleted: [{ ...snapshot.deleted[0], id: "org_undefined" }] },
          "deleted[0].id",
          "'org_undefined' is not an id of the form org_<ULID> (26 upper-case Crockford base32 characters)"
        ]
      ]
      for (const [document, path, detail] of bad) {
        const error = yield* Effect.flip(control.restore(document))
        assert.deepStrictEqual([error.path, error.detail], [path, detail])
      }
    }))
})
