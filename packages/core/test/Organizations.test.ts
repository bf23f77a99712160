/**
 * `Organizations.make(backend)`: validation happens before the backend is called, and the Streams page through
 * the backend's page functions with the right options.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Redacted, Ref, Stream } from "effect"
import { ApiKey, CreatedApiKey, OrganizationOwner } from "../src/ApiKey.js"
import { FeatureFlag } from "../src/FeatureFlag.js"
import * as List from "../src/List.js"
import type * as Options from "../src/Options.js"
import { Organization } from "../src/Organization.js"
import * as Organizations from "../src/Organizations.js"
import { RoleList } from "../src/Role.js"
import * as WorkOSError from "../src/WorkOSError.js"

const TIME = "2025-07-22T18:55:20.355Z"

const organization = (id: string) =>
  new Organization({
    id,
    name: `Org ${id}`,
    domains: [],
    metadata: {},
    externalId: null,
    createdAt: TIME,
    updatedAt: TIME,
    allowProfilesOutsideOrganization: false
  })

const flag = (id: string) =>
  new FeatureFlag({
    id,
    slug: id,
    name: id,
    description: null,
    owner: null,
    tags: [],
    enabled: true,
    defaultValue: false,
    createdAt: TIME,
    updatedAt: TIME
  })

const apiKeyFields = (id: string, organizationId: string) => ({
  id,
  owner: new OrganizationOwner({ type: "organization", id: organizationId }),
  name: id,
  obfuscatedValue: "sk_...1234",
  lastUsedAt: null,
  expiresAt: null,
  permissions: [],
  createdAt: TIME,
  updatedAt: TIME
})

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}_${String(i).padStart(3, "0")}`)

/** One page of `items` after the cursor `after`, `limit` long (WorkOS's default 10). */
const pageOf = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
  options: Options.PaginationOptions
): List.List<A> => {
  const from = options.after === undefined ? 0 : items.findIndex((item) => item.id === options.after) + 1
  const data = items.slice(from, from + (options.limit ?? 10))
  const more = from + data.length < items.length
  return List.make(data, { before: null, after: more ? data[data.length - 1]!.id : null })
}

interface Call {
  readonly operation: string
  readonly args: ReadonlyArray<unknown>
}

/** A backend over fixed data that records every call it receives. */
const makeRecordingBackend = Effect.gen(function*() {
  const calls = yield* Ref.make<ReadonlyArray<Call>>([])
  const record = (operation: string, ...args: ReadonlyArray<unknown>) =>
    Ref.update(calls, (all) => [...all, { operation, args }])
  const organizations = ids("org", 250).map(organization)
  const flags = ids("flag", 30).map(flag)
  const apiKeys = ids("api_key", 5).map((id) => new ApiKey(apiKeyFields(id, "org_000")))
  const backend: Organizations.Backend = {
    listOrganizationsPage: (options) =>
      Effect.as(record("listOrganizationsPage", options), pageOf(organizations, options)),
    createOrganization: (options, requestOptions) =>
      Effect.as(record("createOrganization", options, requestOptions), organization("org_new")),
    getOrganization: (id) =>
      Effect.zipRight(
        record("getOrganization", id),
        id === "org_missing" ? Effect.fail(new WorkOSError.NotFound({ resource: "Organization", id })) : Effect.succeed(
          organization(id)
        )
      ),
    getOrganizationByExternalId: (externalId) =>
      Effect.as(record("getOrganizationByExternalId", externalId), organization("org_ext")),
    updateOrganization: (options) =>
      Effect.as(record("updateOrganization", options), organization(options.organization)),
    deleteOrganization: (id) => record("deleteOrganization", id),
    listOrganizationRoles: (options) =>
      Effect.as(record("listOrganizationRoles", options), new RoleList({ object: "list", data: [] })),
    listOrganizationFeatureFlagsPage: (options) =>
      Effect.as(record("listOrganizationFeatureFlagsPage", options), pageOf(flags, options)),
    listOrganizationApiKeysPage: (options) =>
      Effect.as(record("listOrganizationApiKeysPage", options), pageOf(apiKeys, options)),
    createOrganizationApiKey: (options, requestOptions) =>
      Effect.as(
        record("createOrganizationApiKey", options, requestOptions),
        new CreatedApiKey({ ...apiKeyFields("api_key_new", options.organizationId), value: Redacted.make("sk_test_x") })
      )
  }
  return { calls, service: Organizations.make(backend) }
})

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** Strips `undefined` values, so recorded options compare by what they say. */
const defined = (u: unknown) => JSON.parse(JSON.stringify(u))

describe("invalid input fails with InvalidRequest and never reaches the backend", () => {
  const cases: ReadonlyArray<
    readonly [name: string, field: string, run: (s: Organizations.Service) => Effect.Effect<unknown, unknown>]
  > = [
    ["listOrganizations limit 0", "limit", (s) => collect(s.listOrganizations({ limit: 0 }))],
    ["listOrganizationsPage limit 101", "limit", (s) => s.listOrganizationsPage({ limit: 101 })],
    ["listOrganizationsPage order", "order", (s) => s.listOrganizationsPage({ order: "sideways" as never })],
    [
      "createOrganization domain state failed",
      "domainData[0].state",
      (s) => s.createOrganization({ name: "Acme", domainData: [{ domain: "acme.com", state: "failed" as never }] })
    ],
    [
      "createOrganization non-string metadata",
      "metadata.seats",
      (s) => s.createOrganization({ name: "Acme", metadata: { seats: 3 as never } })
    ],
    [
      "createOrganization empty idempotency key",
      "requestOptions.idempotencyKey",
      (s) => s.createOrganization({ name: "Acme" }, { idempotencyKey: "" })
    ],
    ["getOrganization ''", "id", (s) => s.getOrganization("")],
    ["getOrganization '.'", "id", (s) => s.getOrganization(".")],
    ["getOrganization '..'", "id", (s) => s.getOrganization("..")],
    ["getOrganizationByExternalId '..'", "externalId", (s) => s.getOrganizationByExternalId("..")],
    ["updateOrganization '.'", "organization", (s) => s.updateOrganization({ organization: ".", name: "N" })],
    [
      "updateOrganization unknown key",
      "stripe_customer_id",
      (s) => s.updateOrganization({ organization: "org_1", stripe_customer_id: "cus_1" } as never)
    ],
    ["deleteOrganization ''", "id", (s) => s.deleteOrganization("")],
    ["listOrganizationRoles ''", "organizationId", (s) => s.listOrganizationRoles({ organizationId: "" })],
    [
      "listOrganizationFeatureFlags limit 0",
      "limit",
      (s) => collect(s.listOrganizationFeatureFlags({ organizationId: "org_1", limit: 0 }))
    ],
    [
      "listOrganizationFeatureFlagsPage '.'",
      "organizationId",
      (s) => s.listOrganizationFeatureFlagsPage({ organizationId: "." })
    ],
    ["listOrganizationApiKeys ''", "organizationId", (s) => collect(s.listOrganizationApiKeys({ organizationId: "" }))],
    [
      "listOrganizationApiKeysPage limit 1.5",
      "limit",
      (s) => s.listOrganizationApiKeysPage({ organizationId: "org_1", limit: 1.5 })
    ],
    [
      "createOrganizationApiKey bad expiresAt",
      "expiresAt",
      (s) => s.createOrganizationApiKey({ organizationId: "org_1", name: "k", expiresAt: "tomorrow" })
    ],
    [
      "createOrganizationApiKey '..'",
      "organizationId",
      (s) => s.createOrganizationApiKey({ organizationId: "..", name: "k" })
    ]
  ]

  for (const [name, field, run] of cases) {
    it.effect(`${name} → '${field}'`, () =>
      Effect.gen(function*() {
        const { calls, service } = yield* makeRecordingBackend
        const error = yield* Effect.flip(run(service))
        assert.instanceOf(error, WorkOSError.InvalidRequest)
        expect((error as WorkOSError.InvalidRequest).field).toBe(field)
        expect(yield* Ref.get(calls)).toEqual([])
      }))
  }
})

describe("the Streams", () => {
  it.effect("listOrganizations walks every page with limit 100 by default, keeping the filters", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const items = yield* collect(service.listOrganizations({ order: "asc", search: "Org", domains: ["a.com"] }))
      expect(items.map((o) => o.id)).toEqual(ids("org", 250))
      const filters = { order: "asc", search: "Org", domains: ["a.com"] }
      expect(defined(yield* Ref.get(calls))).toEqual([
        { operation: "listOrganizationsPage", args: [{ ...filters, limit: 100 }] },
        { operation: "listOrganizationsPage", args: [{ ...filters, limit: 100, after: "org_099" }] },
        { operation: "listOrganizationsPage", args: [{ ...filters, limit: 100, after: "org_199" }] }
      ])
    }))

  it.effect("listOrganizations with no options at all", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      expect((yield* collect(service.listOrganizations())).length).toBe(250)
      expect((yield* Ref.get(calls)).length).toBe(3)
    }))

  it.effect("listOrganizations passes the user's limit as the page size", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const items = yield* collect(Stream.take(service.listOrganizations({ limit: 7 }), 20))
      expect(items.map((o) => o.id)).toEqual(ids("org", 20))
      const recorded = yield* Ref.get(calls)
      for (const call of recorded) expect((call.args[0] as Options.ListOrganizationsOptions).limit).toBe(7)
      // 20 items of pages of 7: three pages consumed, at most one prefetched
      expect(recorded.length).toBeGreaterThanOrEqual(3)
      expect(recorded.length).toBeLessThanOrEqual(4)
    }))

  it.effect("listOrganizations starts after options.after", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const items = yield* collect(service.listOrganizations({ after: "org_149" }))
      expect(items.map((o) => o.id)).toEqual(ids("org", 250).slice(150))
      expect(defined((yield* Ref.get(calls))[0]!.args)).toEqual([{ limit: 100, after: "org_149" }])
    }))

  it.effect("the Streams reject `before` and order `normal` with InvalidRequest, sending nothing", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const failures = [
        yield* Effect.flip(collect(service.listOrganizations({ before: "org_100" }))),
        yield* Effect.flip(collect(service.listOrganizations({ order: "normal" }))),
        yield* Effect.flip(collect(service.listOrganizationFeatureFlags({ organizationId: "org_1", before: "f" }))),
        yield* Effect.flip(collect(service.listOrganizationApiKeys({ organizationId: "org_1", order: "normal" })))
      ]
      expect(failures.map((e) => [e._tag, (e as WorkOSError.InvalidRequest).field])).toEqual([
        ["InvalidRequest", "before"],
        ["InvalidRequest", "order"],
        ["InvalidRequest", "before"],
        ["InvalidRequest", "order"]
      ])
      expect(yield* Ref.get(calls)).toEqual([])
    }))

  it.effect("the Streams are lazy: nothing is sent until they run", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const stream = service.listOrganizations()
      const flags = service.listOrganizationFeatureFlags({ organizationId: "org_1" })
      expect(yield* Ref.get(calls)).toEqual([])
      yield* collect(Stream.take(stream, 1))
      yield* collect(Stream.take(flags, 1))
      expect((yield* Ref.get(calls)).map((c) => c.operation).slice(0, 1)).toEqual(["listOrganizationsPage"])
      expect((yield* Ref.get(calls)).some((c) => c.operation === "listOrganizationFeatureFlagsPage")).toBe(true)
    }))

  it.effect("listOrganizationFeatureFlags and listOrganizationApiKeys page with limit 100 and the organization", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const flags = yield* collect(service.listOrganizationFeatureFlags({ organizationId: "org_000", order: "desc" }))
      expect(flags.map((f) => f.id)).toEqual(ids("flag", 30))
      const keys = yield* collect(service.listOrganizationApiKeys({ organizationId: "org_000", limit: 2 }))
      expect(keys.map((k) => k.id)).toEqual(ids("api_key", 5))
      expect(defined(yield* Ref.get(calls))).toEqual([
        {
          operation: "listOrganizationFeatureFlagsPage",
          args: [{ organizationId: "org_000", order: "desc", limit: 100 }]
        },
        { operation: "listOrganizationApiKeysPage", args: [{ organizationId: "org_000", limit: 2 }] },
        {
          operation: "listOrganizationApiKeysPage",
          args: [{ organizationId: "org_000", limit: 2, after: "api_key_001" }]
        },
        {
          operation: "listOrganizationApiKeysPage",
          args: [{ organizationId: "org_000", limit: 2, after: "api_key_003" }]
        }
      ])
    }))
})

describe("valid calls reach the backend as given", () => {
  it.effect("getOrganization('.') sends nothing; getOrganization('org_123') sends the id", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      const exit = yield* Effect.exit(service.getOrganization("."))
      assert.isTrue(Exit.isFailure(exit))
      expect(yield* Ref.get(calls)).toEqual([])
      const org = yield* service.getOrganization("org_123")
      expect(org.id).toBe("org_123")
      expect(yield* Ref.get(calls)).toEqual([{ operation: "getOrganization", args: ["org_123"] }])
    }))

  it.effect("the page methods pass `before`, `normal` and no default limit", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      yield* service.listOrganizationsPage({ before: "org_100", order: "normal" })
      yield* service.listOrganizationsPage()
      expect(defined(yield* Ref.get(calls))).toEqual([
        { operation: "listOrganizationsPage", args: [{ before: "org_100", order: "normal" }] },
        { operation: "listOrganizationsPage", args: [{}] }
      ])
    }))

  it.effect("creates pass the request options, {} when none are given", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      yield* service.createOrganization({ name: "Acme" })
      yield* service.createOrganization({ name: "Acme", externalId: "ext_1" }, { idempotencyKey: "k1" })
      const key = yield* service.createOrganizationApiKey({ organizationId: "org_1", name: "ci" }, {
        idempotencyKey: "k2"
      })
      expect(Redacted.value(key.value)).toBe("sk_test_x")
      expect(defined(yield* Ref.get(calls))).toEqual([
        { operation: "createOrganization", args: [{ name: "Acme" }, {}] },
        { operation: "createOrganization", args: [{ name: "Acme", externalId: "ext_1" }, { idempotencyKey: "k1" }] },
        {
          operation: "createOrganizationApiKey",
          args: [{ organizationId: "org_1", name: "ci" }, { idempotencyKey: "k2" }]
        }
      ])
    }))

  it.effect("the remaining operations pass their validated input", () =>
    Effect.gen(function*() {
      const { calls, service } = yield* makeRecordingBackend
      yield* service.getOrganizationByExternalId("a/b c")
      yield* service.updateOrganization({ organization: "org_1", externalId: null })
      yield* service.deleteOrganization("org_1")
      yield* service.listOrganizationRoles({ organizationId: "org_1" })
      expect(defined(yield* Ref.get(calls))).toEqual([
        { operation: "getOrganizationByExternalId", args: ["a/b c"] },
        { operation: "updateOrganization", args: [{ organization: "org_1", externalId: null }] },
        { operation: "deleteOrganization", args: ["org_1"] },
        { operation: "listOrganizationRoles", args: [{ organizationId: "org_1" }] }
      ])
    }))

  it.effect("the backend's errors come through unchanged", () =>
    Effect.gen(function*() {
      const { service } = yield* makeRecordingBackend
      const error = yield* Effect.flip(service.getOrganization("org_missing"))
      expect(error).toEqual(new WorkOSError.NotFound({ resource: "Organization", id: "org_missing" }))
    }))
})
