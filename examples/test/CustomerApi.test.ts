/**
 * The example server (`src/customer-api/`) on the in-memory fake, in process: its customers' organization API keys
 * created through `Organizations`, checked by `ApiKeyAuth` through the fake's `ApiKeys`, revoked and expired through
 * `ApiKeys` while the server runs; the WorkOS calls counted from the fake's journal.
 */
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import { ApiKeys } from "@effect-workos/core/ApiKeys"
import { Organizations } from "@effect-workos/core/Organizations"
import * as Emulator from "@effect-workos/emulator/Emulator"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as TestClock from "effect/TestClock"
import * as Server from "../src/customer-api/Server.js"
import * as InProcess from "./support/InProcess.js"

const NOW = Date.parse("2026-06-01T12:00:00.000Z")
const TTL = "30 seconds"

/** A fresh fake with two organizations and a key each; the server over it, its cache living `TTL`. */
const setup = Effect.gen(function*() {
  yield* TestClock.setTime(NOW)
  const organizations = yield* Organizations
  const apiKeys = yield* ApiKeys
  const acme = yield* organizations.createOrganization({ name: "Acme" })
  const globex = yield* organizations.createOrganization({ name: "Globex" })
  const writer = yield* organizations.createOrganizationApiKey({
    organizationId: acme.id,
    name: "ci",
    permissions: ["projects:read", "projects:write"]
  })
  const reader = yield* organizations.createOrganizationApiKey({
    organizationId: globex.id,
    name: "dashboard",
    permissions: ["projects:read"]
  })
  const server = yield* InProcess.client(
    Server.layer.pipe(
      Layer.provide(ApiKeyAuth.layer({ timeToLive: TTL })),
      Layer.provide(Layer.succeed(ApiKeys, apiKeys))
    )
  )
  const fake = yield* FakeWorkOS.FakeWorkOS
  yield* fake.clearJournal
  const bearer = (key: typeof writer) => `Bearer ${Redacted.value(key.value)}`
  return {
    acme,
    globex,
    writer,
    reader,
    apiKeys,
    server,
    bearer,
    /** How many times WorkOS was asked to validate a key. */
    validations: Effect.map(fake.journal, (entries) => entries.filter((e) => e.operation === "validateApiKey").length)
  }
})

const withFake = <A, E>(
  effect: Effect.Effect<A, E, Organizations | ApiKeys | FakeWorkOS.FakeWorkOS | Scope.Scope>
) => Effect.provide(effect, OrganizationsMemory.layerMemory({ seed: 16 }))

describe("customer API (ApiKeyAuth on the fake)", () => {
  it.scoped("a valid key sees its own organization, key and permissions", () =>
    withFake(Effect.gen(function*() {
      const { acme, bearer, server, writer } = yield* setup
      const answer = yield* server.request("GET", "/whoami", { authorization: bearer(writer) })
      assert.deepStrictEqual(answer, {
        status: 200,
        body: { organizationId: acme.id, apiKeyId: writer.id, permissions: ["projects:read", "projects:write"] }
      })
    })))

  it.scoped("each organization sees only its own projects", () =>
    withFake(Effect.gen(function*() {
      const { acme, bearer, reader, server, writer } = yield* setup
      const created = yield* server.request("POST", "/projects", {
        authorization: bearer(writer),
        body: { name: "Roadrunner" }
      })
      assert.deepStrictEqual(created, {
        status: 201,
        body: { id: "project_1", organizationId: acme.id, name: "Roadrunner" }
      })
      const own = yield* server.request("GET", "/projects", { authorization: bearer(writer) })
      assert.deepStrictEqual(own.body, [created.body])
      const other = yield* server.request("GET", "/projects", { authorization: bearer(reader) })
      assert.deepStrictEqual(other, { status: 200, body: [] })
    })))

  it.scoped("a missing key, another scheme or a malformed header: 401 in the app's format, no WorkOS call", () =>
    withFake(Effect.gen(function*() {
      const { server, validations, writer } = yield* setup
      const value = Redacted.value(writer.value)
      for (const authorization of [undefined, "", `Basic ${value}`, `Bearer ${value} ${value}`, value]) {
        const answer = yield* server.request("GET", "/whoami", authorization === undefined ? {} : { authorization })
        assert.strictEqual(answer.status, 401, String(authorization))
        assert.strictEqual((answer.body as { _tag: string })._tag, "Unauthorized")
        assert.notInclude(JSON.stringify(answer.body), value)
      }
      assert.strictEqual(yield* validations, 0)
    })))

  it.scoped("a key WorkOS never issued: 401 'not valid'", () =>
    withFake(Effect.gen(function*() {
      const { server } = yield* setup
      assert.deepStrictEqual(
        yield* server.request("GET", "/whoami", { authorization: "Bearer sk_test_never_issued" }),
        {
          status: 401,
          body: { _tag: "Unauthorized", message: "The API key is not valid (unknown, deleted or expired)." }
        }
      )
    })))

  it.scoped("a permission the key lacks: 403 naming it", () =>
    withFake(Effect.gen(function*() {
      const { bearer, reader, server } = yield* setup
      assert.deepStrictEqual(
        yield* server.request("POST", "/projects", { authorization: bearer(reader), body: { name: "x" } }),
        {
          status: 403,
          body: {
            _tag: "Forbidden",
            message: "The API key lacks the permission 'projects:write'.",
            requiredPermission: "projects:write"
          }
        }
      )
    })))

  it.scoped("warm requests cost no WorkOS call: 200 requests with one key, one validation", () =>
    withFake(Effect.gen(function*() {
      const { bearer, server, validations, writer } = yield* setup
      for (let i = 0; i < 200; i++) {
        assert.strictEqual((yield* server.request("GET", "/whoami", { authorization: bearer(writer) })).status, 200)
      }
      assert.strictEqual(yield* validations, 1)
    })))

  it.scoped("a key revoked mid-test keeps working until the TTL has passed on TestClock, then is 401", () =>
    withFake(Effect.gen(function*() {
      const { apiKeys, bearer, server, validations, writer } = yield* setup
      const whoami = server.request("GET", "/whoami", { authorization: bearer(writer) })
      assert.strictEqual((yield* whoami).status, 200)
      yield* apiKeys.deleteApiKey(writer.id)
      // WorkOS no longer accepts it, but the server's cache does until the TTL has passed
      assert.isTrue((yield* apiKeys.validateApiKey({ value: writer.value }))._tag === "None")
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual((yield* whoami).status, 200)
      yield* TestClock.adjust("1001 millis")
      assert.strictEqual((yield* whoami).status, 401)
      assert.strictEqual(yield* validations, 3, "the first request, the check above, the one after the TTL")
    })))

  it.scoped("a key expired through ApiKeys.expireApiKey is 401 once the TTL has passed", () =>
    withFake(Effect.gen(function*() {
      const { apiKeys, bearer, server, writer } = yield* setup
      const whoami = server.request("GET", "/whoami", { authorization: bearer(writer) })
      assert.strictEqual((yield* whoami).status, 200)
      yield* apiKeys.expireApiKey(writer.id)
      yield* TestClock.adjust("30001 millis")
      assert.strictEqual((yield* whoami).status, 401)
    })))

  it.scoped("a key scheduled to expire stops at its expiresAt, even while cached", () =>
    withFake(Effect.gen(function*() {
      const { apiKeys, bearer, server, validations, writer } = yield* setup
      yield* apiKeys.expireApiKey(writer.id, { expiresAt: new Date(NOW + 10_000).toISOString() })
      const whoami = server.request("GET", "/whoami", { authorization: bearer(writer) })
      assert.strictEqual((yield* whoami).status, 200)
      yield* TestClock.adjust("9999 millis")
      assert.strictEqual((yield* whoami).status, 200)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual((yield* whoami).status, 401)
      assert.strictEqual(yield* validations, 1, "stopped from the cache, without asking WorkOS")
    })))

  it.scoped("a key whose organization was deleted is 401", () =>
    withFake(Effect.gen(function*() {
      const { acme, bearer, server, writer } = yield* setup
      const organizations = yield* Organizations
      yield* organizations.deleteOrganization(acme.id)
      assert.strictEqual((yield* server.request("GET", "/whoami", { authorization: bearer(writer) })).status, 401)
    })))

  it.scoped("WorkOS failing: 503 in the app's format, not cached as invalid; the next request succeeds", () =>
    withFake(Effect.gen(function*() {
      const { bearer, server, writer } = yield* setup
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.setFaults({
        scripted: [{ operation: "validateApiKey", nth: 1, fault: { _tag: "ServerError", status: 500 } }]
      })
      const down = yield* server.request("GET", "/whoami", { authorization: bearer(writer) })
      assert.deepStrictEqual(down, {
        status: 503,
        body: { _tag: "Unavailable", message: "API keys cannot be checked right now; retry shortly." }
      })
      assert.strictEqual((yield* server.request("GET", "/whoami", { authorization: bearer(writer) })).status, 200)
    })))

  it.scoped("the key's value is in no answer and nowhere in the fake's journal or snapshot", () =>
    withFake(Effect.gen(function*() {
      const { bearer, reader, server, writer } = yield* setup
      const answers = [
        yield* server.request("GET", "/whoami", { authorization: bearer(writer) }),
        yield* server.request("POST", "/projects", { authorization: bearer(reader), body: { name: "x" } })
      ]
      const fake = yield* FakeWorkOS.FakeWorkOS
      const text = JSON.stringify({ answers, journal: yield* fake.journal, snapshot: yield* fake.snapshot })
      for (const key of [writer, reader]) assert.notInclude(text, Redacted.value(key.value))
    })))
})

describe("customer API on the live layer (ApiKeysHttp) against the emulator", () => {
  const withEnvironment = (entries: Record<string, string>) =>
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

  /** The server over `ApiKeysHttp.layerFromEnv` with our WorkOS key `workosKey`, its cache living 50 ms. */
  const serverOver = (baseUrl: string, workosKey: string) =>
    InProcess.client(
      Server.layer.pipe(
        Layer.provide(ApiKeyAuth.layer({ timeToLive: "50 millis" })),
        Layer.provide(ApiKeysHttp.layerFromEnv),
        Layer.orDie
      )
    ).pipe(withEnvironment({ WORKOS_API_KEY: workosKey, WORKOS_BASE_URL: baseUrl, WORKOS_MAX_RETRIES: "0" }))

  it.scopedLive("a key created over HTTP authenticates; deleted, it is 401 once the TTL has passed", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const workosKey = "sk_test_customer_api"
      const environment = withEnvironment({ WORKOS_API_KEY: workosKey, WORKOS_BASE_URL: baseUrl })
      const { apiKeys, key, organization } = yield* Effect.gen(function*() {
        const organizations = yield* Organizations
        const apiKeys = yield* ApiKeys
        const organization = yield* organizations.createOrganization({ name: "Acme" })
        const key = yield* apiKeys.createOrganizationApiKey({
          organizationId: organization.id,
          name: "ci",
          permissions: ["projects:read"]
        })
        return { apiKeys, key, organization }
      }).pipe(
        Effect.provide(Layer.mergeAll(OrganizationsHttp.layerFromEnv, ApiKeysHttp.layerFromEnv)),
        environment
      )
      const server = yield* serverOver(baseUrl, workosKey)
      const whoami = server.request("GET", "/whoami", { authorization: `Bearer ${Redacted.value(key.value)}` })
      assert.deepStrictEqual(yield* whoami, {
        status: 200,
        body: { organizationId: organization.id, apiKeyId: key.id, permissions: ["projects:read"] }
      })
      yield* apiKeys.deleteApiKey(key.id)
      yield* Effect.sleep("60 millis")
      assert.strictEqual((yield* whoami).status, 401)
    }))

  it.scopedLive("our own WorkOS key refused by WorkOS: the customer gets 503, not 401", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const server = yield* serverOver(baseUrl, "sk_live_not_accepted_by_the_emulator")
      const logs: Array<string> = []
      const logger = Logger.make(({ annotations, message }) => {
        logs.push(`${String(message)} ${JSON.stringify(Object.fromEntries(annotations))}`)
      })
      const answer = yield* server.request("GET", "/whoami", { authorization: "Bearer sk_test_customer_secret" }).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      assert.deepStrictEqual(answer, {
        status: 503,
        body: { _tag: "Unavailable", message: "API keys cannot be checked right now; retry shortly." }
      })
      assert.strictEqual(logs.length, 1)
      assert.include(logs[0], "\"workosError\":\"Unauthorized\"")
      assert.notInclude(logs[0], "sk_test_customer_secret")
      assert.notInclude(logs[0], "sk_live_not_accepted_by_the_emulator")
    }))
})
