/**
 * The declaration in `@effect-workos/core/WorkOSApi` against the real wire of the emulator: `HttpApiClient.make`
 * over it performs each of the ten operations and decodes the answers (success statuses, encodings and error
 * bodies), the emulator's journal names the same operation for each request, and the emulator's route table
 * (`src/internal/routes.ts`) has the declaration's method and path template for each operation.
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as Organizations from "@effect-workos/core/Organizations"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as OrganizationDomainsHttp from "@effect-workos/http/OrganizationDomainsHttp"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Emulator from "../src/Emulator.js"
import { match } from "../src/internal/routes.js"
import { call, KEY } from "./support/Client.js"

/** 128 characters, with `/`, `%`, a space and `?`: one path segment only if the declaration encodes it. */
const EXTERNAL_ID = `ext/50% off?${"x".repeat(116)}`

const client = (baseUrl: string) =>
  HttpApiClient.make(WorkOSApi.WorkOSApi, {
    baseUrl,
    transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken(KEY))
  })

const journal = (baseUrl: string) =>
  Effect.flatMap(
    call(baseUrl, "/_emulator/journal"),
    (answer) => Schema.decodeUnknown(Emulator.Journal)(answer.json)
  )

describe("HttpApiClient over the declaration, against the emulator", () => {
  it.scopedLive("performs the ten operations and decodes every answer", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({
        fixtures: { featureFlags: [{ slug: "beta", name: "Beta" }] }
      })
      const api = (yield* client(baseUrl)).organizations

      assert.strictEqual(EXTERNAL_ID.length, 128)
      const created = yield* api.createOrganization({
        payload: {
          name: "Acme",
          externalId: EXTERNAL_ID,
          domainData: [{ domain: "acme.com", state: "verified" }],
          metadata: { tier: "gold" }
        },
        headers: { idempotencyKey: "create-acme" }
      })
      assert.strictEqual(created.name, "Acme")
      assert.strictEqual(created.externalId, EXTERNAL_ID)
      assert.deepStrictEqual(created.domains.map((d) => [d.domain, d.state]), [["acme.com", "verified"]])
      const id = created.id

      const got = yield* api.getOrganization({ path: { id } })
      assert.deepStrictEqual(got, created)
      const byExternalId = yield* api.getOrganizationByExternalId({ path: { external_id: EXTERNAL_ID } })
      assert.strictEqual(byExternalId.id, id)

      yield* api.createOrganization({ payload: { name: "Other" }, headers: {} })
      const listed = yield* api.listOrganizations({ urlParams: { domains: ["nowhere.com", "acme.com"], limit: 5 } })
      assert.deepStrictEqual(listed.data.map((o) => o.id), [id])
      const all = yield* api.listOrganizations({ urlParams: { order: "asc", limit: 1 } })
      assert.deepStrictEqual(all.data.map((o) => o.id), [id])
      assert.isNotNull(all.listMetadata.after)

      const updated = yield* api.updateOrganization({ path: { id }, payload: { name: "Acme 2", externalId: null } })
      assert.strictEqual(updated.name, "Acme 2")
      assert.strictEqual(updated.externalId, null)

      const roles = yield* api.listOrganizationRoles({ path: { organizationId: id } })
      assert.strictEqual(roles.object, "list")
      const flags = yield* api.listOrganizationFeatureFlags({ path: { organizationId: id }, urlParams: { limit: 10 } })
      assert.strictEqual(flags.object, "list")

      const key = yield* api.createOrganizationApiKey({
        path: { organizationId: id },
        payload: { name: "ci", permissions: ["org:read"] },
        headers: { idempotencyKey: "key-ci" }
      })
      assert.strictEqual(key.name, "ci")
      assert.isTrue(Redacted.value(key.value).length > 0)
      const keys = yield* api.listOrganizationApiKeys({ path: { organizationId: id }, urlParams: {} })
      assert.deepStrictEqual(keys.data.map((k) => k.id), [key.id])

      assert.strictEqual(yield* api.deleteOrganization({ path: { id } }), "Accepted")

      // the journal: the emulator routed each request to the operation of the same name, with the same method,
      // the encoded external id arrived as one segment, and the Idempotency-Key header went out on the creates
      const entries = (yield* journal(baseUrl)).data.filter((e) => e.operation !== "journal")
      const sent = entries.map((e) => [e.operation, e.method])
      assert.deepStrictEqual(
        sent,
        [
          "createOrganization",
          "getOrganization",
          "getOrganizationByExternalId",
          "createOrganization",
          "listOrganizations",
          "listOrganizations",
          "updateOrganization",
          "listOrganizationRoles",
          "listOrganizationFeatureFlags",
          "createOrganizationApiKey",
          "listOrganizationApiKeys",
          "deleteOrganization"
        ].map((operation) => [operation, WorkOSApi.endpoints[operation as WorkOSApi.Operation].method])
      )
      assert.strictEqual(entries[2]!.path, `/organizations/external_id/${encodeURIComponent(EXTERNAL_ID)}`)
      assert.strictEqual(new URLSearchParams(entries[4]!.query).get("domains"), "nowhere.com,acme.com")
      assert.strictEqual(new URLSearchParams(entries[4]!.query).get("order"), "desc")
      assert.deepStrictEqual(entries.map((e) => e.idempotencyKey).filter((k) => k !== null), [
        "create-acme",
        "key-ci"
      ])
    }).pipe(Effect.provide(FetchHttpClient.layer)))

  it.scopedLive("decodes WorkOS's 404, 409 and 422 answers into the declared error classes", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const api = (yield* client(baseUrl)).organizations
      const missing = "org_01J00000000000000000000099"

      const notFound = yield* Effect.flip(api.getOrganization({ path: { id: missing } }))
      assert.strictEqual(notFound._tag, "NotFound")
      assert.deepStrictEqual(notFound._tag === "NotFound" && [notFound.resource, notFound.id], [
        "Organization",
        missing
      ])
      const deleteMissing = yield* Effect.flip(api.deleteOrganization({ path: { id: missing } }))
      assert.strictEqual(deleteMissing._tag, "NotFound")
      const byExternalId = yield* Effect.flip(api.getOrganizationByExternalId({ path: { external_id: EXTERNAL_ID } }))
      assert.strictEqual(byExternalId._tag, "NotFound")

      yield* api.createOrganization({
        payload: { name: "A", domainData: [{ domain: "taken.com", state: "verified" }] },
        headers: {}
      })
      const conflict = yield* Effect.flip(api.createOrganization({
        payload: { name: "B", domainData: [{ domain: "taken.com", state: "verified" }] },
        headers: {}
      }))
      assert.strictEqual(conflict._tag, "DomainConflict")
      assert.strictEqual(conflict._tag === "DomainConflict" && conflict.domain, "taken.com")

      const invalid = yield* Effect.flip(api.createOrganization({ payload: { name: "" }, headers: {} }))
      assert.strictEqual(invalid._tag, "ValidationFailed")

      const reused = yield* Effect.flip(
        Effect.zipRight(
          api.createOrganization({ payload: { name: "C" }, headers: { idempotencyKey: "same" } }),
          api.createOrganization({ payload: { name: "D" }, headers: { idempotencyKey: "same" } })
        )
      )
      assert.strictEqual(reused._tag, "IdempotencyKeyReused")
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})

describe("the apiKeys group over the declaration, against the emulator", () => {
  it.scopedLive("validates, expires and deletes a key, and decodes every answer", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const api = yield* client(baseUrl)
      const organization = yield* api.organizations.createOrganization({ payload: { name: "Acme" }, headers: {} })
      const created = yield* api.organizations.createOrganizationApiKey({
        path: { organizationId: organization.id },
        payload: { name: "ci", permissions: ["posts:read"] },
        headers: {}
      })
      const valid = yield* api.apiKeys.validateApiKey({ payload: { value: created.value } })
      assert.strictEqual(valid.apiKey?.id, created.id)
      assert.deepStrictEqual(valid.apiKey?.permissions, ["posts:read"])
      assert.isString(valid.apiKey?.lastUsedAt)
      const unknown = yield* api.apiKeys.validateApiKey({ payload: { value: Redacted.make("sk_never_issued") } })
      assert.isNull(unknown.apiKey)

      const later = "2999-01-01T00:00:00.000Z"
      const scheduled = yield* api.apiKeys.expireApiKey({ path: { id: created.id }, payload: { expiresAt: later } })
      assert.strictEqual(scheduled.expiresAt, later)
      const now = yield* api.apiKeys.expireApiKey({ path: { id: created.id }, payload: {} })
      assert.isTrue(Date.parse(now.expiresAt!) < Date.parse(later))
      assert.isNull((yield* api.apiKeys.validateApiKey({ payload: { value: created.value } })).apiKey)
      const again = yield* Effect.flip(api.apiKeys.expireApiKey({ path: { id: created.id }, payload: {} }))
      assert.strictEqual(again._tag, "ApiKeyAlreadyExpired")

      yield* api.apiKeys.deleteApiKey({ path: { id: created.id } })
      const gone = yield* Effect.flip(api.apiKeys.deleteApiKey({ path: { id: created.id } }))
      assert.strictEqual(gone._tag, "NotFound")
      assert.deepStrictEqual(gone._tag === "NotFound" && [gone.resource, gone.id], ["API Key", created.id])

      // the value is in neither the environment's snapshot nor its journal
      const snapshot = yield* call(baseUrl, "/_emulator/snapshot")
      const journaled = yield* call(baseUrl, "/_emulator/journal")
      assert.strictEqual(snapshot.status, 200)
      for (const text of [snapshot.text, journaled.text]) assert.notInclude(text, Redacted.value(created.value))

      // a body without `value`, or with an `expires_at` that is no time, is WorkOS's 422
      for (
        const [path, body] of [["/api_keys/validations", {}], [`/api_keys/${created.id}/expire`, { expires_at: 1 }]]
      ) {
        const answer = yield* call(baseUrl, path as string, { method: "POST", body })
        assert.strictEqual(answer.status, 422, String(path))
      }
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})

describe("the declaration and the live client send the same requests", () => {
  it.scoped("method, raw path and query of each of the operations are the live layer's", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const declaredClient = yield* client(baseUrl)
      const api = declaredClient.organizations
      const apiKeys = declaredClient.apiKeys
      const domains = declaredClient.organizationDomains
      const context = yield* Layer.build(
        Layer.mergeAll(OrganizationsHttp.layer, ApiKeysHttp.layer, OrganizationDomainsHttp.layer).pipe(
          Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 0 })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
      const live = Context.get(context, Organizations.Organizations)
      const liveKeys = Context.get(context, ApiKeys.ApiKeys)
      const liveDomains = Context.get(context, OrganizationDomains.OrganizationDomains)
      const domainId = "org_domain_01J00000000000000000000099"
      const keyId = "api_key_01J00000000000000000000099"
      const { id } = yield* api.createOrganization({ payload: { name: "Acme", externalId: EXTERNAL_ID }, headers: {} })
      const missing = "org_01J00000000000000000000099"
      const organizationId = id
      const sequence = {
        declared: [
          api.createOrganization({ payload: { name: "N" }, headers: { idempotencyKey: "k-declared" } }),
          api.getOrganization({ path: { id } }),
          api.getOrganizationByExternalId({ path: { external_id: EXTERNAL_ID } }),
          api.listOrganizations({
            urlParams: { domains: ["a.com", "b.com"], limit: 5, order: "asc", search: "Ac me" }
          }),
          api.updateOrganization({ path: { id }, payload: { name: "Acme" } }),
          api.deleteOrganization({ path: { id: missing } }),
          api.listOrganizationRoles({ path: { organizationId } }),
          api.listOrganizationFeatureFlags({ path: { organizationId }, urlParams: { limit: 2 } }),
          api.listOrganizationApiKeys({ path: { organizationId }, urlParams: { order: "asc" } }),
          api.createOrganizationApiKey({ path: { organizationId }, payload: { name: "k" }, headers: {} }),
          apiKeys.validateApiKey({ payload: { value: Redacted.make("sk_nothing") } }),
          apiKeys.expireApiKey({ path: { id: keyId }, payload: { expiresAt: null } }),
          apiKeys.deleteApiKey({ path: { id: keyId } }),
          domains.createOrganizationDomain({ payload: { organizationId, domain: "a.com" }, headers: {} }),
          domains.getOrganizationDomain({ path: { id: domainId } }),
          domains.verifyOrganizationDomain({ path: { id: domainId }, payload: {} }),
          domains.deleteOrganizationDomain({ path: { id: domainId } })
        ],
        live: [
          live.createOrganization({ name: "N" }, { idempotencyKey: "k-live" }),
          live.getOrganization(id),
          live.getOrganizationByExternalId(EXTERNAL_ID),
          live.listOrganizationsPage({ domains: ["a.com", "b.com"], limit: 5, order: "asc", search: "Ac me" }),
          live.updateOrganization({ organization: id, name: "Acme" }),
          live.deleteOrganization(missing),
          live.listOrganizationRoles({ organizationId }),
          live.listOrganizationFeatureFlagsPage({ organizationId, limit: 2 }),
          live.listOrganizationApiKeysPage({ organizationId, order: "asc" }),
          live.createOrganizationApiKey({ organizationId, name: "k" }),
          liveKeys.validateApiKey({ value: "sk_nothing" }),
          liveKeys.expireApiKey(keyId, { expiresAt: null }),
          liveKeys.deleteApiKey(keyId),
          liveDomains.createOrganizationDomain({ organizationId, domain: "a.com" }),
          liveDomains.getOrganizationDomain(domainId),
          liveDomains.verifyOrganizationDomain(domainId),
          liveDomains.deleteOrganizationDomain(domainId)
        ]
      }
      const requests = (calls: ReadonlyArray<Effect.Effect<unknown, unknown>>) =>
        Effect.gen(function*() {
          yield* call(baseUrl, "/_emulator/journal", { method: "DELETE" })
          for (const effect of calls) yield* Effect.either(effect)
          const entries = (yield* journal(baseUrl)).data.filter((e) => e.operation !== "journal")
          return entries.map((e) => ({
            operation: e.operation,
            method: e.method,
            path: e.path,
            query: [...new URLSearchParams(e.query)].sort(),
            idempotencyKey: e.idempotencyKey !== null
          }))
        })
      const declared = yield* requests(sequence.declared)
      const viaLive = yield* requests(sequence.live)
      assert.deepStrictEqual(declared.map((r) => r.operation).sort(), [...WorkOSApi.operations].sort())
      assert.deepStrictEqual(
        declared.map(({ idempotencyKey: _, ...request }) => request),
        viaLive.map(({ idempotencyKey: _, ...request }) => request)
      )
      // the declaration sends Idempotency-Key when given; the live client always sends one on a POST
      assert.deepStrictEqual(viaLive.filter((r) => r.idempotencyKey).map((r) => r.operation), [
        "createOrganization",
        "createOrganizationApiKey",
        "validateApiKey",
        "expireApiKey",
        "createOrganizationDomain",
        "verifyOrganizationDomain"
      ])
    }).pipe(Effect.provide(FetchHttpClient.layer)))
})

describe("the emulator's route table", () => {
  it("routes each declared method and path template to the operation of the same name", () => {
    for (const operation of WorkOSApi.operations) {
      const { method, path } = WorkOSApi.endpoints[operation]
      const routed = match(method, path.replace(/:(\w+)/g, "some_id"))
      assert.strictEqual(routed._tag, "Api", operation)
      if (routed._tag !== "Api") continue
      assert.strictEqual(routed.operation._tag, operation)
      // the route table writes parameters the spec's way, `{id}`
      assert.strictEqual(routed.template, path.replace(/:(\w+)/g, "{$1}"), operation)
    }
  })
})
