/**
 * `ApiKeysHttp` on the wire (WIRE-LIFECYCLE.md §2.2–2.4): what each of the three operations sends, how its answers
 * decode (a validation's `{"api_key": null}` is `None`, not an error; a delete's 204; the expire's 409), and that
 * the value being validated reaches nothing but the request body.
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Redacted } from "effect"
import * as ApiKeysHttp from "../src/ApiKeysHttp.js"
import * as Scripted from "./utils/Scripted.js"
import * as Tracing from "./utils/Tracing.js"
import * as Wire from "./utils/Wire.js"

const VALUE = "sk_customer_value_0123456789abcdefghijklmnopqrstuv"

/** Runs `f` with the live `ApiKeys` over a script, and returns its result and the requests sent. */
const withApiKeys = <A, E>(script: Scripted.Script, f: (apiKeys: ApiKeys.Service) => Effect.Effect<A, E>) =>
  Effect.gen(function*() {
    const scripted = yield* Scripted.make(script)
    const result = yield* Effect.either(
      Effect.flatMap(ApiKeys.ApiKeys, f).pipe(
        Effect.provide(ApiKeysHttp.layer.pipe(Layer.provide(Scripted.clientLayer(scripted, { maxRetries: 0 }))))
      )
    )
    return { result, requests: yield* scripted.requests }
  })

describe("validateApiKey", () => {
  it.effect("posts {value} to /api_keys/validations and answers the key", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withApiKeys(
        () => Scripted.json(200, { api_key: Wire.apiKey("api_key_1", "org_1") }),
        (apiKeys) => apiKeys.validateApiKey({ value: VALUE })
      )
      const key = Option.getOrThrow(yield* result)
      assert.strictEqual(key.id, "api_key_1")
      assert.deepStrictEqual(key.owner, { type: "organization", id: "org_1" })
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.path, "/api_keys/validations")
      assert.deepStrictEqual(JSON.parse(requests[0]!.body!), { value: VALUE })
    }))

  it.effect("a Redacted value is sent the same; a user-owned key decodes with its organization", () =>
    Effect.gen(function*() {
      const userKey = {
        ...Wire.apiKey("api_key_2", "org_1"),
        owner: { type: "user", id: "user_1", organization_id: "org_1" },
        expires_at: "2030-01-01T00:00:00.000Z"
      }
      const { requests, result } = yield* withApiKeys(
        () => Scripted.json(200, { api_key: userKey, agent_registration_id: "agent_1" }),
        (apiKeys) => apiKeys.validateApiKey({ value: Redacted.make(VALUE) })
      )
      const key = Option.getOrThrow(yield* result)
      assert.deepStrictEqual(key.owner, { type: "user", id: "user_1", organizationId: "org_1" })
      assert.strictEqual(key.expiresAt, "2030-01-01T00:00:00.000Z")
      assert.deepStrictEqual(JSON.parse(requests[0]!.body!), { value: VALUE })
    }))

  it.effect("{\"api_key\": null} is None, not an error", () =>
    Effect.gen(function*() {
      const { result } = yield* withApiKeys(
        () => Scripted.json(200, { api_key: null }),
        (apiKeys) => apiKeys.validateApiKey({ value: VALUE })
      )
      assert.isTrue(Option.isNone(yield* result))
    }))

  it.effect("a value that is not a string is InvalidRequest, and nothing is sent", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withApiKeys(
        () => Scripted.json(200, { api_key: null }),
        (apiKeys) => apiKeys.validateApiKey({ value: 42 as unknown as string })
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(requests.length, 0)
    }))

  it.effect("an answer that quotes the value does not carry it into the error", () =>
    Effect.gen(function*() {
      const { result } = yield* withApiKeys(
        () => Scripted.json(422, { message: `Validation failed for ${VALUE}` }),
        (apiKeys) => apiKeys.validateApiKey({ value: VALUE })
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "ValidationFailed")
      assert.notInclude(JSON.stringify(error), VALUE)
      assert.notInclude(error.message, VALUE)
      assert.notInclude(String(error), VALUE)
    }))

  it.effect("a 2xx that is not the declared answer is UnexpectedResponse, without the value", () =>
    Effect.gen(function*() {
      const { result } = yield* withApiKeys(
        () => Scripted.json(200, { api_key: { echo: VALUE } }),
        (apiKeys) => apiKeys.validateApiKey({ value: VALUE })
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.notInclude(JSON.stringify(error), VALUE)
      assert.notInclude(error.message, VALUE)
    }))
})

describe("spans", () => {
  it.effect("ApiKeys.validateApiKey carries the key's id; no span holds the value", () =>
    Effect.gen(function*() {
      const { layer, spans } = yield* Tracing.recordSpans
      yield* withApiKeys(
        () => Scripted.json(200, { api_key: Wire.apiKey("api_key_1", "org_1") }),
        (apiKeys) => apiKeys.validateApiKey({ value: VALUE })
      ).pipe(Effect.provide(layer))
      const operation = spans.find((s) => s.name === "ApiKeys.validateApiKey")
      assert.isDefined(operation)
      assert.strictEqual(operation!.attributes.get("workos.api_key_id"), "api_key_1")
      assert.isTrue(spans.some((s) => s.name === "WorkOSClient.attempt"))
      for (const span of spans) {
        for (const [key, attribute] of span.attributes) {
          assert.notInclude(String(attribute), VALUE, `${span.name} ${key}`)
        }
      }
    }))
})

describe("deleteApiKey", () => {
  it.effect("sends DELETE /api_keys/<id>, percent-encoded; 204 is success", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withApiKeys(
        () => Scripted.text(204, ""),
        (apiKeys) => apiKeys.deleteApiKey("api_key:1")
      )
      yield* result
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.path, "/api_keys/api_key%3A1")
    }))

  it.effect("404 is NotFound for the API key, also when the body names nothing", () =>
    Effect.gen(function*() {
      for (const body of [{ message: "API Key not found: 'api_key_1'." }, { message: "Not Found" }]) {
        const { result } = yield* withApiKeys(() => Scripted.json(404, body), (apiKeys) =>
          apiKeys.deleteApiKey("api_key_1"))
        const error = yield* Effect.flip(result)
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") {
          assert.deepStrictEqual([error.resource, error.id, error.requestId], ["API Key", "api_key_1", "req_test"])
        }
      }
    }))
})

describe("expireApiKey", () => {
  it.effect("posts the wire body: {} for now, expires_at for a time, null to clear", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<[{ readonly expiresAt?: string | null }, unknown]> = [
        [{}, {}],
        [{ expiresAt: "2030-01-01T00:00:00.000Z" }, { expires_at: "2030-01-01T00:00:00.000Z" }],
        [{ expiresAt: null }, { expires_at: null }]
      ]
      for (const [options, body] of cases) {
        const { requests, result } = yield* withApiKeys(
          () => Scripted.json(200, { ...Wire.apiKey("api_key_1", "org_1"), expires_at: "2030-01-01T00:00:00.000Z" }),
          (apiKeys) => apiKeys.expireApiKey("api_key_1", options)
        )
        assert.strictEqual((yield* result).expiresAt, "2030-01-01T00:00:00.000Z")
        assert.strictEqual(requests[0]!.method, "POST")
        assert.strictEqual(requests[0]!.path, "/api_keys/api_key_1/expire")
        assert.deepStrictEqual(JSON.parse(requests[0]!.body!), body)
      }
    }))

  it.effect("409 api_key_already_expired is ApiKeyAlreadyExpired", () =>
    Effect.gen(function*() {
      const { result } = yield* withApiKeys(
        () => Scripted.json(409, { code: "api_key_already_expired", message: "API key is already expired" }),
        (apiKeys) => apiKeys.expireApiKey("api_key_1")
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "ApiKeyAlreadyExpired")
      if (error._tag === "ApiKeyAlreadyExpired") assert.strictEqual(error.requestId, "req_test")
    }))

  it.effect("a time that is not ISO-8601 is InvalidRequest naming expiresAt, and nothing is sent", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withApiKeys(
        () => Scripted.json(200, Wire.apiKey("api_key_1", "org_1")),
        (apiKeys) => apiKeys.expireApiKey("api_key_1", { expiresAt: "tomorrow" })
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "InvalidRequest")
      if (error._tag === "InvalidRequest") assert.strictEqual(error.field, "expiresAt")
      assert.strictEqual(requests.length, 0)
    }))
})

describe("the organization's list and create", () => {
  it.effect("are the Organizations operations, on their paths", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withApiKeys(
        (request) =>
          request.method === "GET"
            ? Scripted.json(200, Wire.list([Wire.apiKey("api_key_1", "org_1")]))
            : Scripted.json(201, Wire.createdApiKey("api_key_2", "org_1", VALUE)),
        (apiKeys) =>
          Effect.zip(
            apiKeys.listOrganizationApiKeysPage({ organizationId: "org_1" }),
            apiKeys.createOrganizationApiKey({ organizationId: "org_1", name: "k" })
          )
      )
      const [page, created] = yield* result
      assert.deepStrictEqual(page.data.map((k) => k.id), ["api_key_1"])
      assert.strictEqual(Redacted.value(created.value), VALUE)
      assert.deepStrictEqual(requests.map((r) => `${r.method} ${r.path}`), [
        "GET /organizations/org_1/api_keys",
        "POST /organizations/org_1/api_keys"
      ])
    }))
})
