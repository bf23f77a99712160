/**
 * The API key lifecycle through the official Node SDK against the emulator (WIRE-LIFECYCLE.md §2.2–2.3), in the
 * versions that have it (`@workos-inc/node` 11.0.0 and 12.3.0): `apiKeys.createValidation` for a live key and for
 * an invalid value, `apiKeys.deleteApiKey` (after which the key no longer validates, and a second delete is the
 * SDK's `NotFoundException`). No SDK version has the expire endpoint: our own client expires the key, and the SDK
 * sees the result.
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Sdk11 from "@workos-inc/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Sdk12 from "workos-node-12"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"

const host = { apiHostname: "127.0.0.1", https: false } as const

/** What these tests call of either version, typed loosely enough for both (12's timestamps are `Date`s). */
interface Sdk {
  readonly organizations: { createOrganization(options: { name: string }): Promise<{ readonly id: string }> }
  readonly apiKeys: {
    createOrganizationApiKey(
      options: { organizationId: string; name: string; permissions?: Array<string> }
    ): Promise<{ readonly id: string; readonly value: string }>
    createValidation(options: { value: string }): Promise<{ readonly apiKey: { readonly id: string } | null }>
    deleteApiKey(id: string): Promise<void>
  }
}

const versions = [
  {
    version: "11.0.0",
    client: (port: number): Sdk => new Sdk11.WorkOS(KEY, { ...host, port, maxRetries: 0 }),
    NotFound: Sdk11.NotFoundException,
    // 11 keeps timestamps as strings and does not read expires_at
    expiresAt: (_wire: string): unknown => undefined
  },
  {
    version: "12.3.0",
    client: (port: number): Sdk => new Sdk12.WorkOS(KEY, { ...host, port, maxRetries: 0 }),
    NotFound: Sdk12.NotFoundException,
    expiresAt: (wire: string): unknown => new Date(wire)
  }
] as const

/** `ApiKeys` over our live client, sending to the emulator. */
const ours = (baseUrl: string) =>
  ApiKeysHttp.layer.pipe(
    Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 0 })),
    Layer.provide(FetchHttpClient.layer)
  )

describe.each(versions.map((v) => [v.version, v] as const))("@workos-inc/node %s: API keys", (_, official) => {
  it.scopedLive("createValidation: the key for its value, null for an invalid one; deleteApiKey revokes it", () =>
    Effect.gen(function*() {
      const { baseUrl, port } = yield* Emulator.start()
      const workos = official.client(port)
      const organization = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Keys" }))
      const created = yield* Effect.promise(() =>
        workos.apiKeys.createOrganizationApiKey({ organizationId: organization.id, name: "ci", permissions: ["p:r"] })
      )

      const valid = yield* Effect.promise(() => workos.apiKeys.createValidation({ value: created.value }))
      expect(valid.apiKey).toMatchObject({
        object: "api_key",
        id: created.id,
        name: "ci",
        permissions: ["p:r"],
        owner: { type: "organization", id: organization.id }
      })
      assert.isFalse("agentRegistrationId" in valid)
      const invalid = yield* Effect.promise(() => workos.apiKeys.createValidation({ value: `${created.value}x` }))
      expect(invalid.apiKey).toBeNull()

      yield* Effect.promise(() => workos.apiKeys.deleteApiKey(created.id))
      const revoked = yield* Effect.promise(() => workos.apiKeys.createValidation({ value: created.value }))
      expect(revoked.apiKey).toBeNull()
      const again = yield* Effect.promise(() =>
        workos.apiKeys.deleteApiKey(created.id).then(
          () => assert.fail("expected the second delete to throw"),
          (error: unknown) => error as Error & Record<string, unknown>
        )
      )
      assert.instanceOf(again, official.NotFound)
      expect(again.message).toContain(created.id)
      // the SDK's requests went to the declared operations
      const journal = yield* call(baseUrl, "/_emulator/journal")
      const operations = (journal.json.data as ReadonlyArray<{ operation: string }>).map((e) => e.operation)
      expect(operations.filter((o) => o.endsWith("ApiKey") || o === "validateApiKey")).toEqual([
        "createOrganizationApiKey",
        "validateApiKey",
        "validateApiKey",
        "deleteApiKey",
        "validateApiKey",
        "deleteApiKey"
      ])
    }))

  it.scopedLive("a key our client expires no longer validates through the SDK; one it schedules still does", () =>
    Effect.gen(function*() {
      const { baseUrl, port } = yield* Emulator.start()
      const workos = official.client(port)
      const organization = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Keys" }))
      const [soon, later] = yield* Effect.promise(() =>
        Promise.all([
          workos.apiKeys.createOrganizationApiKey({ organizationId: organization.id, name: "soon" }),
          workos.apiKeys.createOrganizationApiKey({ organizationId: organization.id, name: "later" })
        ])
      )
      const scheduledAt = "2999-01-01T00:00:00.000Z"
      const [expired, scheduled] = yield* Effect.flatMap(
        ApiKeys.ApiKeys,
        (apiKeys) =>
          Effect.zip(apiKeys.expireApiKey(soon.id), apiKeys.expireApiKey(later.id, { expiresAt: scheduledAt }))
      ).pipe(
        Effect.provide(ours(baseUrl))
      )
      assert.isNotNull(expired.expiresAt)
      expect(scheduled.expiresAt).toBe(scheduledAt)

      expect((yield* Effect.promise(() => workos.apiKeys.createValidation({ value: soon.value }))).apiKey).toBeNull()
      const stillValid = yield* Effect.promise(() => workos.apiKeys.createValidation({ value: later.value }))
      expect(stillValid.apiKey?.id).toBe(later.id)
      expect((stillValid.apiKey as { expiresAt?: unknown } | null)?.expiresAt).toEqual(official.expiresAt(scheduledAt))
    }))
})
