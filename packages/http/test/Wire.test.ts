/**
 * The ten operations on the wire (WIRE.md §1.2, §2, §3, §6): method, path, query string, headers and body exactly
 * as sent, answers decoded with core's schemas, and ids that cannot be sent rejected before anything is sent.
 */
import * as Options from "@effect-workos/core/Options"
import * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Redacted, Stream } from "effect"
import { readFileSync } from "node:fs"
import { version } from "../src/internal/version.js"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

const packageJson: { readonly version: string } = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8")
)

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const baseHeaders = {
  authorization: `Bearer ${Scripted.API_KEY}`,
  "user-agent": `effect-workos/${packageJson.version}`,
  accept: "application/json"
}

const jsonHeaders = (body: string, idempotencyKey?: string) => ({
  ...baseHeaders,
  "content-type": "application/json",
  "content-length": String(new TextEncoder().encode(body).length),
  ...(idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey })
})

/** Runs one call against a script that always gives `answer`, and returns its result and the one request sent. */
const one = <A, E>(
  answer: Scripted.Answer,
  call: (organizations: Organizations.Service) => Effect.Effect<A, E>
) =>
  Scripted.withLive(() => answer, (organizations, scripted) =>
    Effect.gen(function*() {
      const result = yield* call(organizations)
      const requests = yield* scripted.requests
      assert.strictEqual(requests.length, 1)
      return { result, request: requests[0]! }
    }))

describe("request headers", () => {
  it("the User-Agent carries the package.json version", () => {
    assert.strictEqual(version, packageJson.version)
    assert.strictEqual(WorkOSClient.USER_AGENT, `effect-workos/${packageJson.version}`)
  })

  it.effect("a base URL with a trailing slash and a path prefix is joined without a double slash", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      yield* Effect.flatMap(Organizations.Organizations, (o) => o.getOrganization("org_1")).pipe(
        Effect.provide(Scripted.layer(scripted, { baseUrl: "http://127.0.0.1:8080/workos/" }))
      )
      const [request] = yield* scripted.requests
      assert.strictEqual(request!.path, "/workos/organizations/org_1")
    }))

  it.effect("transformClient sees every request", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      let seen = 0
      yield* Effect.flatMap(Organizations.Organizations, (o) => o.getOrganization("org_1")).pipe(
        Effect.provide(Scripted.layer(scripted, {
          transformClient: (client) => {
            seen++
            return client
          }
        }))
      )
      assert.strictEqual(seen, 1)
      assert.strictEqual((yield* scripted.requests).length, 1)
    }))

  it.effect("no trace propagation headers are sent to WorkOS, even inside a span", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) => o.getOrganization("org_1").pipe(Effect.withSpan("app.request"))
      )
      expect(request.headers).toStrictEqual(baseHeaders)
    }))
})

describe("listOrganizations", () => {
  it.effect("a page with every filter: one request, query in the SDK's encoding", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.list([Wire.organization("org_2")], "org_2", "org_2")),
        (o) =>
          o.listOrganizationsPage({
            domains: ["a.com", "b.com"],
            search: "Acme Corp",
            limit: 5,
            order: "asc",
            before: "org_x"
          })
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/organizations")
      assert.strictEqual(request.query, "before=org_x&limit=5&order=asc&domains=a.com%2Cb.com&search=Acme+Corp")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.isUndefined(request.body)
      assert.deepStrictEqual(result.data.map((o) => o.id), ["org_2"])
      assert.strictEqual(result.listMetadata.after, "org_2")
    }))

  it.effect("defaults: only order=desc; empty filters are omitted", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(200, Wire.list([])),
        (o) => o.listOrganizationsPage({ domains: [], search: "" })
      )
      assert.strictEqual(request.query, "order=desc")
    }))

  it.effect("the Stream pages with after and limit=100, keeping the filters", () =>
    Effect.gen(function*() {
      const pages = [
        Wire.list([Wire.organization("org_3")], "org_3"),
        Wire.list([Wire.organization("org_2")], null)
      ]
      const ids = yield* Scripted.withLive(
        (_, i) => Scripted.json(200, pages[i]!),
        (o, scripted) =>
          Effect.gen(function*() {
            const items = yield* Stream.runCollect(o.listOrganizations({ domains: ["a.com"], order: "asc" }))
            const requests = yield* scripted.requests
            assert.deepStrictEqual(requests.map((r) => r.query), [
              "limit=100&order=asc&domains=a.com",
              "after=org_3&limit=100&order=asc&domains=a.com"
            ])
            return Array.from(items, (o) => o.id)
          })
      )
      assert.deepStrictEqual(ids, ["org_3", "org_2"])
    }))
})

describe("Options.toQuery", () => {
  it("omits absent values, joins domains, always sends order", () => {
    assert.deepStrictEqual(Options.toQuery({}), { order: "desc" })
    assert.deepStrictEqual(
      Options.toQuery({ limit: 10, after: "org_1", order: "normal", domains: ["x.io"], search: "a b" }),
      { after: "org_1", limit: "10", order: "normal", domains: "x.io", search: "a b" }
    )
  })
})

describe("createOrganization", () => {
  it.effect("POST /organizations with the snake_case body of the given keys and a generated Idempotency-Key", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(201, Wire.organization("org_new", { external_id: "ext1", metadata: { a: "b" } })),
        (o) =>
          o.createOrganization({
            name: "Foo",
            domainData: [{ domain: "foo.com", state: "pending" }],
            externalId: "ext1",
            metadata: { a: "b" }
          })
      )
      const body = `{"name":"Foo","domain_data":[{"domain":"foo.com","state":"pending"}],"external_id":"ext1",` +
        `"metadata":{"a":"b"}}`
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/organizations")
      assert.strictEqual(request.query, "")
      assert.strictEqual(request.body, body)
      assert.match(request.headers["idempotency-key"]!, UUID_V4)
      expect(request.headers).toStrictEqual(jsonHeaders(body, request.headers["idempotency-key"]))
      assert.strictEqual(result.id, "org_new")
      assert.strictEqual(result.externalId, "ext1")
    }))

  it.effect("only the name when only the name is given; the caller's Idempotency-Key is sent", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(201, Wire.organization("org_new")),
        (o) => o.createOrganization({ name: "Foo" }, { idempotencyKey: "my-key" })
      )
      assert.strictEqual(request.body, `{"name":"Foo"}`)
      expect(request.headers).toStrictEqual(jsonHeaders(`{"name":"Foo"}`, "my-key"))
    }))

  it.effect("every call gets its own generated key", () =>
    Effect.gen(function*() {
      const keys = yield* Scripted.withLive(
        () => Scripted.json(201, Wire.organization("org_new")),
        (o, scripted) =>
          Effect.gen(function*() {
            yield* o.createOrganization({ name: "A" })
            yield* o.createOrganization({ name: "B" })
            return (yield* scripted.requests).map((r) => r.headers["idempotency-key"])
          })
      )
      assert.notStrictEqual(keys[0], keys[1])
    }))
})

describe("getOrganization / getOrganizationByExternalId", () => {
  it.effect("GET /organizations/{id}, no body, no Content-Type", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) => o.getOrganization("org_1")
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/organizations/org_1")
      assert.strictEqual(request.query, "")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.isUndefined(request.body)
      assert.strictEqual(result.id, "org_1")
    }))

  it.effect("path ids are percent-encoded as one segment", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) => o.getOrganization("a/b c?x:y#é")
      )
      assert.strictEqual(request.path, "/organizations/a%2Fb%20c%3Fx%3Ay%23%C3%A9")
      assert.strictEqual(request.query, "")
    }))

  it.effect("GET /organizations/external_id/{external_id}", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.organization("org_1", { external_id: "user/1" })),
        (o) => o.getOrganizationByExternalId("user/1")
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/organizations/external_id/user%2F1")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.strictEqual(result.externalId, "user/1")
    }))
})

describe("updateOrganization", () => {
  it.effect("PUT /organizations/{id} with only the given keys; null clears; the id is not in the body", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) => o.updateOrganization({ organization: "org_1", externalId: null, stripeCustomerId: null })
      )
      const body = `{"external_id":null,"stripe_customer_id":null}`
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/organizations/org_1")
      assert.strictEqual(request.body, body)
      // No Idempotency-Key on PUT.
      expect(request.headers).toStrictEqual(jsonHeaders(body))
      assert.isNull(result.externalId)
    }))

  it.effect("every field, in wire names", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) =>
          o.updateOrganization({
            organization: "org_1",
            name: "N",
            domainData: [{ domain: "x.com", state: "verified" }],
            externalId: "e",
            metadata: { k: "v" },
            stripeCustomerId: "cus_1"
          })
      )
      assert.deepStrictEqual(JSON.parse(request.body!), {
        name: "N",
        domain_data: [{ domain: "x.com", state: "verified" }],
        external_id: "e",
        metadata: { k: "v" },
        stripe_customer_id: "cus_1"
      })
    }))

  it.effect("an update with no fields sends an empty object", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(200, Wire.organization("org_1")),
        (o) => o.updateOrganization({ organization: "org_1" })
      )
      assert.strictEqual(request.body, "{}")
    }))
})

describe("deleteOrganization", () => {
  it.effect("DELETE /organizations/{id}; the 202 text/plain `Accepted` is success", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(Scripted.text(202, "Accepted"), (o) => o.deleteOrganization("org_1"))
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, "/organizations/org_1")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.isUndefined(request.body)
      assert.isUndefined(result)
    }))

  it.effect("any 2xx is success, whatever the body", () =>
    Effect.gen(function*() {
      for (const answer of [Scripted.text(204, ""), Scripted.json(200, { weird: true }), Scripted.text(200, "<")]) {
        const exit = yield* Effect.exit(one(answer, (o) => o.deleteOrganization("org_1")))
        assert.isTrue(Exit.isSuccess(exit))
      }
    }))
})

describe("listOrganizationRoles", () => {
  it.effect("GET /authorization/organizations/{id}/roles, no query", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, { object: "list", data: [Wire.role("role_1")] }),
        (o) => o.listOrganizationRoles({ organizationId: "org:1" })
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/authorization/organizations/org%3A1/roles")
      assert.strictEqual(request.query, "")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.deepStrictEqual(result.data.map((r) => r.slug), ["admin"])
    }))
})

describe("listOrganizationFeatureFlags", () => {
  it.effect("GET /organizations/{id}/feature-flags (hyphen) with the pagination query", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.list([Wire.flag("flag_2")])),
        (o) => o.listOrganizationFeatureFlagsPage({ organizationId: "org_1", limit: 2, after: "flag_1" })
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/organizations/org_1/feature-flags")
      // organizationId is the path, never the query (workos-node #1459).
      assert.strictEqual(request.query, "after=flag_1&limit=2&order=desc")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.deepStrictEqual(result.data.map((f) => [f.id, f.enabled]), [["flag_2", true]])
    }))
})

describe("listOrganizationApiKeys", () => {
  it.effect("GET /organizations/{id}/api_keys (underscore), order=desc by default", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(200, Wire.list([Wire.apiKey("api_key_1", "org_1")])),
        (o) => o.listOrganizationApiKeysPage({ organizationId: "org_1" })
      )
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/organizations/org_1/api_keys")
      assert.strictEqual(request.query, "order=desc")
      expect(request.headers).toStrictEqual(baseHeaders)
      assert.deepStrictEqual(result.data.map((k) => k.id), ["api_key_1"])
    }))
})

describe("createOrganizationApiKey", () => {
  it.effect("POST /organizations/{id}/api_keys with name, permissions, expires_at; the value comes back Redacted", () =>
    Effect.gen(function*() {
      const { request, result } = yield* one(
        Scripted.json(201, Wire.createdApiKey("api_key_1", "org_1", "sk_test_NEWKEY")),
        (o) =>
          o.createOrganizationApiKey(
            { organizationId: "org_1", name: "k", permissions: ["p:r"], expiresAt: "2030-01-01T00:00:00.000Z" },
            { idempotencyKey: "key-1" }
          )
      )
      const body = `{"name":"k","permissions":["p:r"],"expires_at":"2030-01-01T00:00:00.000Z"}`
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/organizations/org_1/api_keys")
      assert.strictEqual(request.body, body)
      expect(request.headers).toStrictEqual(jsonHeaders(body, "key-1"))
      assert.strictEqual(Redacted.value(result.value), "sk_test_NEWKEY")
      assert.notInclude(String(result.value), "NEWKEY")
    }))

  it.effect("a generated Idempotency-Key when none is given", () =>
    Effect.gen(function*() {
      const { request } = yield* one(
        Scripted.json(201, Wire.createdApiKey("api_key_1", "org_1", "sk_test_NEWKEY")),
        (o) => o.createOrganizationApiKey({ organizationId: "org_1", name: "k" })
      )
      assert.strictEqual(request.body, `{"name":"k"}`)
      assert.match(request.headers["idempotency-key"]!, UUID_V4)
    }))
})

describe("ids that cannot be a path segment", () => {
  const calls: ReadonlyArray<readonly [string, (o: Organizations.Service, id: string) => Effect.Effect<unknown, any>]> =
    [
      ["getOrganization", (o, id) => o.getOrganization(id)],
      ["getOrganizationByExternalId", (o, id) => o.getOrganizationByExternalId(id)],
      ["updateOrganization", (o, id) => o.updateOrganization({ organization: id, name: "N" })],
      ["deleteOrganization", (o, id) => o.deleteOrganization(id)],
      ["listOrganizationRoles", (o, id) => o.listOrganizationRoles({ organizationId: id })],
      ["listOrganizationFeatureFlagsPage", (o, id) => o.listOrganizationFeatureFlagsPage({ organizationId: id })],
      [
        "listOrganizationFeatureFlags",
        (o, id) => Stream.runDrain(o.listOrganizationFeatureFlags({ organizationId: id }))
      ],
      ["listOrganizationApiKeysPage", (o, id) => o.listOrganizationApiKeysPage({ organizationId: id })],
      ["listOrganizationApiKeys", (o, id) => Stream.runDrain(o.listOrganizationApiKeys({ organizationId: id }))],
      ["createOrganizationApiKey", (o, id) => o.createOrganizationApiKey({ organizationId: id, name: "k" })]
    ]

  for (const [name, call] of calls) {
    it.effect(`${name}: '', '.' and '..' fail with InvalidRequest and send nothing`, () =>
      Scripted.withLive(() => Scripted.json(200, {}), (o, scripted) =>
        Effect.gen(function*() {
          for (const id of ["", ".", ".."]) {
            const error = yield* Effect.flip(call(o, id))
            assert.strictEqual(error._tag, "InvalidRequest", `${name}(${JSON.stringify(id)})`)
          }
          assert.strictEqual((yield* scripted.requests).length, 0)
        })))
  }

  it.effect("the low-level client refuses them too", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, {}))
      const client = yield* Effect.provide(WorkOSClient.WorkOSClient, Scripted.clientLayer(scripted))
      const error = yield* Effect.flip(client.execute({ method: "GET", path: ["organizations", ".."] }))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual((yield* scripted.requests).length, 0)
    }))
})
