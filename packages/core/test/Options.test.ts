/**
 * The option schemas: bad input is rejected locally with `InvalidRequest` naming the field, good input passes
 * through unchanged, and the body-carrying options encode to the exact WorkOS request body.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Arbitrary, Effect, Exit, Schema } from "effect"
import * as Options from "../src/Options.js"
import * as WorkOSError from "../src/WorkOSError.js"

const NUM_RUNS = 100

/** Runs `Options.validate` and returns the `InvalidRequest` it must fail with. */
const rejection = <A, I>(schema: Schema.Schema<A, I>, input: unknown, field?: string) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(Options.validate(schema, field)(input))
    assert.isTrue(Exit.isFailure(exit), `accepted ${JSON.stringify(input)}`)
    const error = yield* Effect.flip(Options.validate(schema, field)(input))
    assert.instanceOf(error, WorkOSError.InvalidRequest)
    return error
  })

const rejects = <A, I>(
  name: string,
  schema: Schema.Schema<A, I>,
  input: unknown,
  field: string,
  prefix?: string
) =>
  it.effect(`${name} → InvalidRequest on '${field}'`, () =>
    Effect.gen(function*() {
      const error = yield* rejection(schema, input, prefix)
      expect(error.field).toBe(field)
      assert.include(error.message, `'${field}'`)
      expect(error.detail.length).toBeGreaterThan(0)
    }))

describe("Options.validate rejects bad input with InvalidRequest naming the field", () => {
  it.effect("a wrong domain state names every allowed state", () =>
    Effect.gen(function*() {
      const error = yield* rejection(Options.CreateOrganizationOptions, {
        name: "Acme",
        domainData: [{ domain: "acme.com", state: "approved" }]
      })
      expect(error.field).toBe("domainData[0].state")
      expect(error.detail).toBe(`Expected "pending" | "verified", actual "approved"`)
    }))

  rejects("limit 0", Options.ListOrganizationsOptions, { limit: 0 }, "limit")
  rejects("limit 101", Options.ListOrganizationsOptions, { limit: 101 }, "limit")
  rejects("limit 1.5", Options.ListOrganizationsOptions, { limit: 1.5 }, "limit")
  rejects("limit NaN", Options.ListOrganizationsOptions, { limit: Number.NaN }, "limit")
  rejects("limit as a string", Options.ListOrganizationsOptions, { limit: "10" }, "limit")
  rejects(
    "feature flags limit 0",
    Options.ListOrganizationFeatureFlagsOptions,
    { organizationId: "org_1", limit: 0 },
    "limit"
  )
  rejects(
    "api keys limit 101",
    Options.ListOrganizationApiKeysOptions,
    { organizationId: "org_1", limit: 101 },
    "limit"
  )
  rejects("an unknown order", Options.ListOrganizationsOptions, { order: "newest" }, "order")
  rejects("an empty cursor", Options.ListOrganizationsOptions, { after: "" }, "after")
  rejects(
    "a non-string metadata value",
    Options.CreateOrganizationOptions,
    { name: "Acme", metadata: { tier: 1 } },
    "metadata.tier"
  )
  rejects(
    "a non-string metadata value on update",
    Options.UpdateOrganizationOptions,
    { organization: "org_1", metadata: { plan: "pro", seats: 10 } },
    "metadata.seats"
  )
  rejects(
    "domainData state failed",
    Options.CreateOrganizationOptions,
    { name: "Acme", domainData: [{ domain: "acme.com", state: "failed" }] },
    "domainData[0].state"
  )
  rejects(
    "domainData state legacy_verified on update (second item)",
    Options.UpdateOrganizationOptions,
    {
      organization: "org_1",
      domainData: [{ domain: "a.com", state: "pending" }, { domain: "b.com", state: "legacy_verified" }]
    },
    "domainData[1].state"
  )
  rejects(
    "a domainData item without a state",
    Options.CreateOrganizationOptions,
    { name: "Acme", domainData: [{ domain: "acme.com" }] },
    "domainData[0].state"
  )
  rejects("a missing name", Options.CreateOrganizationOptions, {}, "name")
  rejects(
    "an unknown key (the wire name instead of the option name)",
    Options.CreateOrganizationOptions,
    { name: "Acme", external_id: "ext_1" },
    "external_id"
  )
  rejects("an unknown key on list", Options.ListOrganizationsOptions, { organizationId: "org_1" }, "organizationId")
  rejects("an empty id", Options.PathId, "", "id", "id")
  rejects("the id '.'", Options.PathId, ".", "id", "id")
  rejects("the id '..'", Options.PathId, "..", "id", "id")
  rejects("update of organization '..'", Options.UpdateOrganizationOptions, { organization: ".." }, "organization")
  rejects("roles of organization ''", Options.ListOrganizationRolesOptions, { organizationId: "" }, "organizationId")
  rejects(
    "feature flags of organization '.'",
    Options.ListOrganizationFeatureFlagsOptions,
    { organizationId: "." },
    "organizationId"
  )
  rejects(
    "api keys of organization '..'",
    Options.ListOrganizationApiKeysOptions,
    { organizationId: ".." },
    "organizationId"
  )
  for (const expiresAt of ["tomorrow", "2030-01-01", "2030-01-01T00:00:00", "2030-13-45T00:00:00Z", ""]) {
    rejects(
      `expiresAt ${JSON.stringify(expiresAt)}`,
      Options.CreateOrganizationApiKeyOptions,
      { organizationId: "org_1", name: "k", expiresAt },
      "expiresAt"
    )
  }
  rejects("an empty idempotency key", Options.RequestOptions, { idempotencyKey: "" }, "idempotencyKey")
  rejects(
    "with a prefix",
    Options.RequestOptions,
    { idempotencyKey: "" },
    "requestOptions.idempotencyKey",
    "requestOptions"
  )
})

describe("Options.validate accepts valid input unchanged", () => {
  const accepts = <A, I>(name: string, schema: Schema.Schema<A, I>, input: A) =>
    it.effect(name, () =>
      Effect.gen(function*() {
        expect(yield* Options.validate(schema)(input)).toEqual(input)
      }))

  accepts("limit 1", Options.ListOrganizationsOptions, { limit: 1 })
  accepts("limit 100 with every list option", Options.ListOrganizationsOptions, {
    limit: 100,
    after: "org_1",
    before: "org_2",
    order: "normal",
    domains: ["a.com", "b.com"],
    search: "Acme Corp"
  })
  accepts("a full create", Options.CreateOrganizationOptions, {
    name: "Acme",
    domainData: [{ domain: "acme.com", state: "verified" }, { domain: "acme.io", state: "pending" }],
    externalId: "ext_1",
    metadata: { tier: "gold" }
  })
  accepts("an update that clears", Options.UpdateOrganizationOptions, {
    organization: "org_123",
    externalId: null,
    metadata: null,
    stripeCustomerId: null
  })
  accepts("ids with path characters are the server's business", Options.UpdateOrganizationOptions, {
    organization: "a/b c?x:y"
  })
  accepts("an API key that expires", Options.CreateOrganizationApiKeyOptions, {
    organizationId: "org_123",
    name: "ci",
    permissions: ["posts:read"],
    expiresAt: "2030-01-01T00:00:00.000Z"
  })
  accepts("an offset date-time", Options.CreateOrganizationApiKeyOptions, {
    organizationId: "org_123",
    name: "ci",
    expiresAt: "2030-01-01T09:30:00+09:00"
  })

  const schemas = {
    ListOrganizationsOptions: Options.ListOrganizationsOptions,
    CreateOrganizationOptions: Options.CreateOrganizationOptions,
    UpdateOrganizationOptions: Options.UpdateOrganizationOptions,
    ListOrganizationRolesOptions: Options.ListOrganizationRolesOptions,
    ListOrganizationFeatureFlagsOptions: Options.ListOrganizationFeatureFlagsOptions,
    ListOrganizationApiKeysOptions: Options.ListOrganizationApiKeysOptions,
    CreateOrganizationApiKeyOptions: Options.CreateOrganizationApiKeyOptions,
    RequestOptions: Options.RequestOptions
  } as const
  for (const [name, schema] of Object.entries(schemas)) {
    it.prop(
      `any valid ${name}`,
      [Arbitrary.make(schema as Schema.Schema<unknown>)],
      ([input]) => {
        expect(Effect.runSync(Options.validate(schema as Schema.Schema<unknown>)(input))).toEqual(input)
      },
      { fastCheck: { numRuns: NUM_RUNS } }
    )
  }
})

describe("the body-carrying options encode to the exact wire body", () => {
  it("CreateOrganizationOptions", () => {
    const options: Options.CreateOrganizationOptions = {
      name: "Acme",
      domainData: [{ domain: "acme.com", state: "verified" }],
      externalId: "ext_1",
      metadata: { tier: "gold" }
    }
    const wire = {
      name: "Acme",
      domain_data: [{ domain: "acme.com", state: "verified" }],
      external_id: "ext_1",
      metadata: { tier: "gold" }
    }
    expect(Schema.encodeSync(Options.CreateOrganizationOptions)(options)).toStrictEqual(wire)
    expect(Schema.encodeSync(Options.CreateOrganizationOptions)({ name: "Acme" })).toStrictEqual({ name: "Acme" })
    expect(Schema.decodeUnknownSync(Options.CreateOrganizationOptions)(wire)).toStrictEqual(options)
  })

  it("UpdateOrganizationOptions: the organization id plus only the keys given, null kept", () => {
    const options: Options.UpdateOrganizationOptions = {
      organization: "org_1",
      externalId: null,
      stripeCustomerId: "cus_1"
    }
    const wire = { organization: "org_1", external_id: null, stripe_customer_id: "cus_1" }
    expect(Schema.encodeSync(Options.UpdateOrganizationOptions)(options)).toStrictEqual(wire)
    expect(Schema.decodeUnknownSync(Options.UpdateOrganizationOptions)(wire)).toStrictEqual(options)
    expect(
      Schema.encodeSync(Options.UpdateOrganizationOptions)({
        organization: "org_1",
        name: "N",
        domainData: [{ domain: "x.com", state: "verified" }],
        metadata: null,
        stripeCustomerId: null
      })
    ).toStrictEqual({
      organization: "org_1",
      name: "N",
      domain_data: [{ domain: "x.com", state: "verified" }],
      metadata: null,
      stripe_customer_id: null
    })
  })

  it("CreateOrganizationApiKeyOptions: the organization id plus name, permissions, expires_at", () => {
    const options: Options.CreateOrganizationApiKeyOptions = {
      organizationId: "org_1",
      name: "k",
      permissions: ["p:r"],
      expiresAt: "2030-01-01T00:00:00.000Z"
    }
    const wire = { organizationId: "org_1", name: "k", permissions: ["p:r"], expires_at: "2030-01-01T00:00:00.000Z" }
    expect(Schema.encodeSync(Options.CreateOrganizationApiKeyOptions)(options)).toStrictEqual(wire)
    expect(Schema.decodeUnknownSync(Options.CreateOrganizationApiKeyOptions)(wire)).toStrictEqual(options)
  })
})
