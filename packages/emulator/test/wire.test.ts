import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const JSON_TYPE = "application/json; charset=utf-8"

const create = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) =>
  call(baseUrl, "/organizations", { method: "POST", body, headers })

describe("statuses, headers and bodies", () => {
  it.scopedLive("create 201, get/update 200, delete 202 text/plain Accepted, then 404 entity_not_found", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const created = yield* create(baseUrl, {
        name: "Acme",
        domain_data: [{ domain: "acme.com", state: "verified" }],
        external_id: "acme-1",
        metadata: { tier: "gold" }
      })
      expect(created.status).toBe(201)
      expect(created.headers.get("content-type")).toBe(JSON_TYPE)
      assert.match(created.headers.get("x-request-id")!, UUID)
      expect(created.json).toMatchObject({
        object: "organization",
        name: "Acme",
        external_id: "acme-1",
        metadata: { tier: "gold" },
        allow_profiles_outside_organization: false,
        domains: [{ object: "organization_domain", domain: "acme.com", state: "verified" }]
      })
      assert.isFalse("stripe_customer_id" in created.json)
      const id: string = created.json.id

      const got = yield* call(baseUrl, `/organizations/${id}`)
      expect(got.status).toBe(200)
      expect(got.json).toEqual(created.json)

      const updated = yield* call(baseUrl, `/organizations/${id}`, {
        method: "PUT",
        body: { name: "Acme 2", external_id: null, stripe_customer_id: "cus_1" }
      })
      expect(updated.status).toBe(200)
      expect(updated.json).toMatchObject({ id, name: "Acme 2", external_id: null, stripe_customer_id: "cus_1" })
      expect((yield* call(baseUrl, `/organizations/${id}`)).json).toEqual(updated.json)
      expect((yield* call(baseUrl, "/organizations")).json.data).toEqual([updated.json])

      const deleted = yield* call(baseUrl, `/organizations/${id}`, { method: "DELETE" })
      expect(deleted.status).toBe(202)
      expect(deleted.headers.get("content-type")).toBe("text/plain; charset=utf-8")
      expect(deleted.text).toBe("Accepted")
      assert.match(deleted.headers.get("x-request-id")!, UUID)

      const gone = yield* call(baseUrl, `/organizations/${id}`)
      expect(gone.status).toBe(404)
      expect(gone.json).toEqual({
        message: `Organization not found: '${id}'.`,
        code: "entity_not_found",
        entity_id: id
      })
    }))

  it.scopedLive("every answer has a fresh request id", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const answers = yield* Effect.all([
        call(baseUrl, "/organizations"),
        call(baseUrl, "/organizations"),
        call(baseUrl, "/nowhere"),
        call(baseUrl, "/organizations", { key: null })
      ])
      const ids = answers.map((a) => a.headers.get("x-request-id")!)
      ids.forEach((id) => assert.match(id, UUID))
      expect(new Set(ids).size).toBe(ids.length)
    }))

  it.scopedLive("lists carry list_metadata with both cursors; roles, on both paths, carry none", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const org = (yield* create(baseUrl, { name: "Roles" })).json
      const list = yield* call(baseUrl, "/organizations")
      expect(list.json.list_metadata).toEqual({ before: null, after: null })
      const flags = yield* call(baseUrl, `/organizations/${org.id}/feature-flags`)
      expect(flags.json).toEqual({ object: "list", data: [], list_metadata: { before: null, after: null } })
      const keys = yield* call(baseUrl, `/organizations/${org.id}/api_keys`)
      expect(keys.json).toEqual({ object: "list", data: [], list_metadata: { before: null, after: null } })
      const current = yield* call(baseUrl, `/authorization/organizations/${org.id}/roles`)
      const legacy = yield* call(baseUrl, `/organizations/${org.id}/roles`)
      expect(current.status).toBe(200)
      expect(Object.keys(current.json).sort()).toEqual(["data", "object"])
      expect(legacy.json).toEqual(current.json)
      expect(current.json.data.map((r: { slug: string }) => r.slug)).toEqual(["admin", "member"])
      const missing = yield* call(baseUrl, "/organizations/org_missing/roles")
      expect(missing.status).toBe(404)
    }))

  it.scopedLive("pages follow after cursors; a page deep in the list is exact", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const names = Array.from({ length: 25 }, (_, i) => `Org ${i}`)
      yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: {
          organizations: names.map((name, i) => ({
            name,
            createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString()
          }))
        }
      })
      const seen: Array<string> = []
      let after: string | null = null
      do {
        const page: { json: any } = yield* call(
          baseUrl,
          `/organizations?limit=10&order=asc${after === null ? "" : `&after=${after}`}`
        )
        seen.push(...page.json.data.map((o: { name: string }) => o.name))
        after = page.json.list_metadata.after
      } while (after !== null)
      expect(seen).toEqual(names)
    }))
})

describe("paths and queries", () => {
  it.scopedLive("an external id path segment is percent-decoded once; %2F is not a separator", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* create(baseUrl, { name: "Slash", external_id: "a/b c?x:y" })
      yield* create(baseUrl, { name: "Percent", external_id: "100%25" })
      const slash = yield* call(baseUrl, "/organizations/external_id/a%2Fb%20c%3Fx:y")
      expect(slash.status).toBe(200)
      expect(slash.json.name).toBe("Slash")
      const percent = yield* call(baseUrl, "/organizations/external_id/100%2525")
      expect(percent.json.name).toBe("Percent")
      const split = yield* call(baseUrl, "/organizations/external_id/a/b%20c%3Fx:y")
      expect(split.status).toBe(404)
      expect(split.json.message).toBe("Cannot GET /organizations/external_id/a/b%20c%3Fx:y")
      const broken = yield* call(baseUrl, "/organizations/%E0%A4%A")
      expect(broken.status).toBe(400)
      assert.isString(broken.json.message)
    }))

  it.scopedLive("domains is comma-separated or repeated, + is a space, empty values are absent", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* create(baseUrl, { name: "Acme Corp", domain_data: [{ domain: "a.com", state: "pending" }] })
      yield* create(baseUrl, { name: "Beta", domain_data: [{ domain: "b.com", state: "pending" }] })
      yield* create(baseUrl, { name: "Gamma", domain_data: [{ domain: "c.com", state: "pending" }] })
      const names = (answer: { json: any }) => answer.json.data.map((o: { name: string }) => o.name).sort()
      expect(names(yield* call(baseUrl, "/organizations?domains=a.com%2Cb.com"))).toEqual(["Acme Corp", "Beta"])
      expect(names(yield* call(baseUrl, "/organizations?domains=a.com&domains=c.com"))).toEqual(["Acme Corp", "Gamma"])
      expect(names(yield* call(baseUrl, "/organizations?search=acme+corp&limit=&before="))).toEqual(["Acme Corp"])
    }))

  it.scopedLive("unknown query keys are 400 in the NestJS shape; bad values and repeated keys are 422", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const unknown = yield* call(baseUrl, "/organizations?organizationId=org_1&order=desc")
      expect(unknown.status).toBe(400)
      expect(unknown.json).toEqual({
        message: ["property organizationId should not exist"],
        error: "Bad Request",
        statusCode: 400
      })
      const bad = yield* call(baseUrl, "/organizations?limit=0&order=sideways")
      expect(bad.status).toBe(422)
      expect(bad.json.code).toBe("invalid_request_parameters")
      expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(["limit", "order"])
      const repeated = yield* call(baseUrl, "/organizations?limit=1&limit=2")
      expect(repeated.status).toBe(422)
      expect(repeated.json.errors[0].field).toBe("limit")
      const flags = yield* call(baseUrl, "/organizations/org_1/feature-flags?search=x")
      expect(flags.json.message).toEqual(["property search should not exist"])
    }))

  it.scopedLive("unknown routes are 404 'Cannot METHOD path'; a known path with another method is 405", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const notFound = yield* call(baseUrl, "/organizations/org_1/feature_flags?order=desc")
      expect(notFound.status).toBe(404)
      expect(notFound.headers.get("content-type")).toBe(JSON_TYPE)
      expect(notFound.json).toEqual({
        message: "Cannot GET /organizations/org_1/feature_flags?order=desc",
        error: "Not Found",
        statusCode: 404
      })
      for (const path of ["/_emulator/constructor", "/_emulator/__proto__", "/_emulator/toString"]) {
        expect((yield* call(baseUrl, path)).status).toBe(404)
      }
      const wrongMethod = yield* call(baseUrl, "/organizations/org_1", { method: "PATCH", body: {} })
      expect(wrongMethod.status).toBe(405)
      expect(wrongMethod.headers.get("allow")).toBe("GET, PUT, DELETE, HEAD")
      expect(wrongMethod.json.message).toBe("Method Not Allowed")
    }))
})

describe("request bodies", () => {
  it.scopedLive("malformed JSON is 400, wrong types are 422 naming wire fields, over 1 MiB is 413", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const malformed = yield* create(baseUrl, "{\"name\": ")
      expect(malformed.status).toBe(400)
      assert.isString(malformed.json.message)
      const types = yield* create(baseUrl, { name: 3, domain_data: [{ domain: "x.com", state: "nope" }] })
      expect(types.status).toBe(422)
      expect(types.json.code).toBe("invalid_request_parameters")
      expect(types.json.errors.map((e: { field: string }) => e.field)).toEqual(["name", "domain_data[0].state"])
      const missing = yield* create(baseUrl, {})
      expect(missing.json.errors).toEqual([{ code: "name_required", field: "name", message: "name is required" }])
      const huge = yield* create(baseUrl, { name: "x".repeat(1024 * 1024 + 1) })
      expect(huge.status).toBe(413)
      expect(huge.json.message).toBe("request entity too large")
      const deep = yield* create(baseUrl, `{"name":"d","metadata":${"[".repeat(10_000)}${"]".repeat(10_000)}}`)
      expect(deep.status).toBe(400)
      const list = yield* call(baseUrl, "/organizations")
      expect(list.json.data).toEqual([])
    }))

  it.scopedLive("explicit nulls on create are absent; the path id wins over a body 'organization'", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const created = yield* create(baseUrl, { name: "N", external_id: null, metadata: null, domain_data: null })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({ external_id: null, metadata: {}, domains: [] })
      const other = (yield* create(baseUrl, { name: "Other" })).json
      const updated = yield* call(baseUrl, `/organizations/${created.json.id}`, {
        method: "PUT",
        body: { organization: other.id, name: "Renamed" }
      })
      expect(updated.json.id).toBe(created.json.id)
      expect((yield* call(baseUrl, `/organizations/${other.id}`)).json.name).toBe("Other")
    }))

  it.scopedLive("Idempotency-Key: a replay gets the same organization, a different body the real 400", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const first = yield* create(baseUrl, { name: "Once" }, { "idempotency-key": "k-1" })
      const replay = yield* create(baseUrl, { name: "Once" }, { "idempotency-key": "k-1" })
      expect(replay.status).toBe(201)
      expect(replay.json).toEqual(first.json)
      expect(replay.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"))
      const mismatch = yield* create(baseUrl, { name: "Twice" }, { "idempotency-key": "k-1" })
      expect(mismatch.status).toBe(400)
      expect(mismatch.json).toEqual({
        message:
          "Another idempotency key (k-1) with different request parameters was found. Please use a different idempotency key."
      })
      expect((yield* call(baseUrl, "/organizations")).json.data).toHaveLength(1)
      const keyed = yield* call(baseUrl, `/organizations/${first.json.id}/api_keys`, {
        method: "POST",
        body: { name: "ci" },
        headers: { "idempotency-key": "k-2" }
      })
      const keyedReplay = yield* call(baseUrl, `/organizations/${first.json.id}/api_keys`, {
        method: "POST",
        body: { name: "ci" },
        headers: { "idempotency-key": "k-2" }
      })
      expect(keyed.status).toBe(201)
      expect(keyedReplay.json.id).toBe(keyed.json.id)
    }))
})

describe("authentication", () => {
  it.scopedLive("no key, a malformed header and a live key are 401 {message: Unauthorized}", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      for (
        const request of [
          { key: null },
          { key: "sk_live_abc" },
          { key: null, headers: { authorization: `Basic ${KEY}` } },
          { key: null, headers: { authorization: "Bearer" } }
        ]
      ) {
        const answer = yield* call(baseUrl, "/organizations", request)
        expect(answer.status).toBe(401)
        expect(answer.json).toEqual({ message: "Unauthorized" })
      }
      const lower = yield* call(baseUrl, "/organizations", { key: null, headers: { authorization: `bearer ${KEY}` } })
      expect(lower.status).toBe(200)
    }))
})

describe("rate limits", () => {
  it.scopedLive("a key past its bucket gets 429 Too many requests with Retry-After in whole seconds", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: { requests: 3, deletes: 1, windowSeconds: 60 } })
      const statuses: Array<number> = []
      for (let i = 0; i < 3; i++) statuses.push((yield* call(baseUrl, "/organizations")).status)
      const limited = yield* call(baseUrl, "/organizations")
      expect(statuses).toEqual([200, 200, 200])
      expect(limited.status).toBe(429)
      expect(limited.json).toEqual({ message: "Too many requests" })
      expect(limited.headers.get("retry-after")).toBe("20")
      // another key has its own bucket
      expect((yield* call(baseUrl, "/organizations", { key: "sk_test_other" })).status).toBe(200)
    }))

  it.scopedLive("deletes have their own, smaller bucket", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: { requests: 100, deletes: 1, windowSeconds: 60 } })
      expect((yield* call(baseUrl, "/organizations/org_01HZZZZZZZZZZZZZZZZZZZZZZZ", { method: "DELETE" })).status)
        .toBe(404)
      const second = yield* call(baseUrl, "/organizations/org_01HZZZZZZZZZZZZZZZZZZZZZZZ", { method: "DELETE" })
      expect(second.status).toBe(429)
      expect(second.headers.get("retry-after")).toBe("60")
      expect((yield* call(baseUrl, "/organizations")).status).toBe(200)
    }))

  it.scopedLive("rateLimits: false turns them off", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: false })
      const statuses = yield* Effect.forEach(
        Array.from({ length: 60 }),
        () => Effect.map(call(baseUrl, "/organizations/org_x", { method: "DELETE" }), (a) => a.status)
      )
      expect(new Set(statuses)).toEqual(new Set([404]))
    }))

  it.scoped("buckets refill on Clock time", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: { requests: 2, windowSeconds: 10 } })
      yield* call(baseUrl, "/organizations")
      yield* call(baseUrl, "/organizations")
      expect((yield* call(baseUrl, "/organizations")).status).toBe(429)
      yield* TestClock.adjust("5 seconds")
      expect((yield* call(baseUrl, "/organizations")).status).toBe(200)
      expect((yield* call(baseUrl, "/organizations")).status).toBe(429)
    }))
})
