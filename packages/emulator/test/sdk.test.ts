/**
 * The official Node SDK (`@workos-inc/node` 11) against the emulator: every operation it has for these endpoints,
 * `autoPagination()`, and the exceptions WIRE.md §8.5 predicts, each with the answer's request id.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import {
  ConflictException,
  DomainDataState,
  GenericServerException,
  NotFoundException,
  RateLimitExceededException,
  UnauthorizedException,
  UnprocessableEntityException,
  WorkOS
} from "@workos-inc/node"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const sdk = (port: number, key = KEY) =>
  new WorkOS(key, { apiHostname: "127.0.0.1", https: false, port, maxRetries: 0 })

/** `org_` plus a valid ULID whose time part is fixed and whose random part is `i`. */
const orgId = (i: number) => `org_01J${String(i).padStart(23, "0")}`

/** The request id of the last journaled request of the suite's key. */
const lastRequestId = (baseUrl: string) =>
  Effect.map(
    Effect.flatMap(call(baseUrl, "/_emulator/journal"), (a) => Schema.decodeUnknown(Emulator.Journal)(a.json)),
    (journal) => journal.data[journal.data.length - 1]!.requestId
  )

/** Runs `f` and returns what it threw. */
const rejection = (f: () => Promise<unknown>) =>
  Effect.promise(() => f().then(() => assert.fail("expected the SDK call to throw"), (error: unknown) => error))

describe("@workos-inc/node 11 against the emulator", () => {
  it.scopedLive("organizations: create, get, get by external id, update, list, delete", () =>
    Effect.gen(function*() {
      const { port } = yield* Emulator.start()
      const workos = sdk(port)
      const created = yield* Effect.promise(() =>
        workos.organizations.createOrganization(
          {
            name: "Foo Corp",
            domainData: [{ domain: "foo-corp.com", state: DomainDataState.Verified }],
            externalId: "a/b c?x:y",
            metadata: { tier: "diamond" }
          },
          { idempotencyKey: "create-foo" }
        )
      )
      expect(created).toMatchObject({
        object: "organization",
        name: "Foo Corp",
        externalId: "a/b c?x:y",
        metadata: { tier: "diamond" },
        domains: [{ domain: "foo-corp.com", state: "verified", verificationStrategy: "manual" }]
      })
      assert.match(created.id, /^org_[0-9A-HJKMNP-TV-Z]{26}$/)

      expect(yield* Effect.promise(() => workos.organizations.getOrganization(created.id))).toEqual(created)
      expect(yield* Effect.promise(() => workos.organizations.getOrganizationByExternalId("a/b c?x:y"))).toEqual(
        created
      )

      const updated = yield* Effect.promise(() =>
        workos.organizations.updateOrganization({
          organization: created.id,
          name: "Foo Corp 2",
          domainData: [{ domain: "foo-corp.com", state: DomainDataState.Verified }],
          stripeCustomerId: "cus_R9qWAGMQ6nGE7V",
          externalId: null,
          metadata: { tier: "gold" }
        })
      )
      expect(updated).toMatchObject({
        id: created.id,
        name: "Foo Corp 2",
        externalId: null,
        stripeCustomerId: "cus_R9qWAGMQ6nGE7V",
        metadata: { tier: "gold" }
      })
      const cleared = yield* Effect.promise(() =>
        workos.organizations.updateOrganization({ organization: created.id, stripeCustomerId: null })
      )
      assert.isUndefined(cleared.stripeCustomerId)

      const other = yield* Effect.promise(() =>
        workos.organizations.createOrganization({
          name: "Bar",
          domainData: [{ domain: "bar.com", state: DomainDataState.Pending }]
        })
      )
      const byDomain = yield* Effect.promise(() => workos.organizations.listOrganizations({ domains: ["bar.com"] }))
      expect(byDomain.data.map((o) => o.id)).toEqual([other.id])
      expect(byDomain.listMetadata).toEqual({ before: null, after: null })
      const both = yield* Effect.promise(() =>
        workos.organizations.listOrganizations({ domains: ["bar.com", "foo-corp.com"], order: "asc" })
      )
      expect(both.data.map((o) => o.id)).toEqual([created.id, other.id])

      yield* Effect.promise(() => workos.organizations.deleteOrganization(other.id))
      const gone = yield* rejection(() => workos.organizations.getOrganization(other.id))
      assert.instanceOf(gone, NotFoundException)
    }))

  it.scopedLive("autoPagination walks every list to its end", () =>
    Effect.gen(function*() {
      const { baseUrl, port } = yield* Emulator.start()
      const organizations = Array.from({ length: 230 }, (_, i) => ({ id: orgId(i + 1), name: `Org ${i + 1}` }))
      const seeded = yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: {
          organizations,
          featureFlags: Array.from({ length: 120 }, (_, i) => ({ slug: `flag-${i}`, enabledFor: [orgId(1)] })),
          apiKeys: Array.from({ length: 105 }, (_, i) => ({ organizationId: orgId(1), name: `key ${i}` }))
        }
      })
      expect(seeded.status).toBe(200)
      const workos = sdk(port)

      const orgs = yield* Effect.promise(async () => (await workos.organizations.listOrganizations()).autoPagination())
      expect(orgs.map((o) => o.id)).toEqual(organizations.map((o) => o.id).reverse())

      const flags = yield* Effect.promise(async () =>
        (await workos.featureFlags.listOrganizationFeatureFlags({ organizationId: orgId(1) })).autoPagination()
      )
      expect(new Set(flags.map((f) => f.slug)).size).toBe(120)
      const noFlags = yield* Effect.promise(() =>
        workos.featureFlags.listOrganizationFeatureFlags({ organizationId: orgId(2) })
      )
      expect(noFlags.data).toEqual([])

      const keys = yield* Effect.promise(async () =>
        (await workos.apiKeys.listOrganizationApiKeys({ organizationId: orgId(1) })).autoPagination()
      )
      expect(new Set(keys.map((k) => k.name)).size).toBe(105)

      const limited = yield* Effect.promise(async () =>
        (await workos.organizations.listOrganizations({ limit: 7, order: "asc" })).autoPagination()
      )
      expect(limited.map((o) => o.id)).toEqual(organizations.slice(0, 7).map((o) => o.id))
      const page = yield* Effect.promise(() =>
        workos.organizations.listOrganizations({ limit: 2, order: "asc", after: orgId(2) })
      )
      expect(page.data.map((o) => o.id)).toEqual([orgId(3), orgId(4)])
      expect(page.listMetadata).toEqual({ before: orgId(3), after: orgId(4) })
    }))

  it.scopedLive("roles, feature flags and API keys", () =>
    Effect.gen(function*() {
      const { baseUrl, port } = yield* Emulator.start()
      const workos = sdk(port)
      const org = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Keys" }))
      yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: {
          organizationRoles: [{ organizationId: org.id, slug: "billing", name: "Billing", permissions: ["b:r"] }],
          featureFlags: [{ slug: "beta", name: "Beta", enabledFor: [org.id] }]
        }
      })
      const roles = yield* Effect.promise(() => workos.authorization.listOrganizationRoles(org.id))
      expect(roles.data.map((r) => [r.slug, r.type])).toEqual([
        ["admin", "EnvironmentRole"],
        ["member", "EnvironmentRole"],
        ["billing", "OrganizationRole"]
      ])
      const flags = yield* Effect.promise(() =>
        workos.featureFlags.listOrganizationFeatureFlags({ organizationId: org.id })
      )
      expect(flags.data.map((f) => f.slug)).toEqual(["beta"])

      const created = yield* Effect.promise(() =>
        workos.apiKeys.createOrganizationApiKey({ organizationId: org.id, name: "ci", permissions: ["p:r"] })
      )
      expect(created).toMatchObject({ object: "api_key", name: "ci", permissions: ["p:r"] })
      assert.isString(created.value)
      expect(created.obfuscatedValue).toBe(`sk_...${created.value.slice(-4)}`)
      const listed = yield* Effect.promise(() => workos.apiKeys.listOrganizationApiKeys({ organizationId: org.id }))
      expect(listed.data.map((k) => k.id)).toEqual([created.id])
      assert.isFalse("value" in listed.data[0]!)
    }))

  it.scopedLive("the predicted exceptions, each with the answer's X-Request-ID", () =>
    Effect.gen(function*() {
      const { baseUrl, port } = yield* Emulator.start()
      const workos = sdk(port)
      yield* Effect.promise(() =>
        workos.organizations.createOrganization({
          name: "Taken",
          externalId: "ext-1",
          domainData: [{ domain: "taken.com", state: DomainDataState.Verified }]
        })
      )

      const notFound = yield* rejection(() => workos.organizations.getOrganization(orgId(99)))
      assert.instanceOf(notFound, NotFoundException)
      expect(notFound.code).toBe("entity_not_found")
      expect(notFound.requestID).toBe(yield* lastRequestId(baseUrl))

      const externalId = yield* rejection(() =>
        workos.organizations.createOrganization({ name: "Again", externalId: "ext-1" })
      )
      assert.instanceOf(externalId, GenericServerException)
      expect([externalId.status, externalId.code]).toEqual([400, "external_id_already_used"])
      expect(externalId.requestID).toBe(yield* lastRequestId(baseUrl))

      const conflict = yield* rejection(() =>
        workos.organizations.createOrganization({
          name: "Clash",
          domainData: [{ domain: "taken.com", state: DomainDataState.Verified }]
        })
      )
      assert.instanceOf(conflict, ConflictException)
      expect(conflict.message).toBe("An Organization with the domain taken.com already exists.")
      expect(conflict.requestID).toBe(yield* lastRequestId(baseUrl))

      const unprocessable = yield* rejection(() => workos.organizations.listOrganizations({ limit: 1000 }))
      assert.instanceOf(unprocessable, UnprocessableEntityException)
      expect(unprocessable.code).toBe("invalid_request_parameters")
      expect(unprocessable.message).toBe("The following requirement must be met:\n\tlimit_invalid\n")
      expect(unprocessable.requestID).toBe(yield* lastRequestId(baseUrl))

      const unauthorized = yield* rejection(() => sdk(port, "sk_live_nope").organizations.listOrganizations())
      assert.instanceOf(unauthorized, UnauthorizedException)
      assert.match(unauthorized.requestID, UUID)

      yield* call(baseUrl, "/_emulator/faults", {
        method: "PUT",
        body: { scripted: [{ operation: "*", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 7 } }] }
      })
      const limited = yield* rejection(() => workos.organizations.listOrganizations())
      assert.instanceOf(limited, RateLimitExceededException)
      expect([limited.status, limited.retryAfter]).toEqual([429, 7])
      expect(limited.requestID).toBe(yield* lastRequestId(baseUrl))
    }))
})
