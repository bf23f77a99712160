import * as HttpApp from "@effect/platform/HttpApp"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call } from "./support/Client.js"

const A = "sk_test_suite_a"
const B = "sk_test_suite_b"

describe("starting", () => {
  it.scopedLive("Emulator.layer serves for the layer's lifetime and provides its address", () =>
    Effect.gen(function*() {
      const address = yield* Emulator.Emulator
      expect(address.host).toBe("127.0.0.1")
      expect(address.baseUrl).toBe(`http://127.0.0.1:${address.port}`)
      expect((yield* call(address.baseUrl, "/organizations", { key: A })).status).toBe(200)
    }).pipe(Effect.provide(Emulator.layer({ port: 0 }))))

  it.live("Emulator.app is an HttpApp for any server: here a web handler, without a socket", () =>
    Effect.gen(function*() {
      const handler = HttpApp.toWebHandler(Emulator.app())
      const send = (path: string, init: RequestInit = {}) =>
        Effect.promise(async () => {
          const response = await handler(
            new Request(`http://emulator.test${path}`, {
              ...init,
              headers: { authorization: `Bearer ${A}`, "content-type": "application/json" }
            })
          )
          return { status: response.status, json: (await response.json()) as any }
        })
      const created = yield* send("/organizations", { method: "POST", body: JSON.stringify({ name: "Web" }) })
      expect(created.status).toBe(201)
      expect((yield* send("/organizations")).json.data).toEqual([created.json])
      expect(yield* send("/nowhere")).toEqual({
        status: 404,
        json: { message: "Cannot GET /nowhere", error: "Not Found", statusCode: 404 }
      })
      // any method string reaches a web handler
      expect((yield* send("/organizations", { method: "toString" })).status).toBe(405)
      const huge = yield* send("/organizations", {
        method: "POST",
        body: JSON.stringify({ name: "x".repeat(2 ** 20) })
      })
      expect(huge.status).toBe(413)
    }))
})

describe("environments", () => {
  it.scopedLive("two keys never see each other's organizations", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const a = yield* call(baseUrl, "/organizations", {
        method: "POST",
        key: A,
        body: { name: "A", external_id: "x" }
      })
      const b = yield* call(baseUrl, "/organizations", {
        method: "POST",
        key: B,
        body: { name: "B", external_id: "x" }
      })
      // external ids are unique per environment only
      expect([a.status, b.status]).toEqual([201, 201])
      expect((yield* call(baseUrl, "/organizations", { key: A })).json.data.map((o: { id: string }) => o.id)).toEqual([
        a.json.id
      ])
      expect((yield* call(baseUrl, "/organizations", { key: B })).json.data.map((o: { id: string }) => o.id)).toEqual([
        b.json.id
      ])
      expect((yield* call(baseUrl, `/organizations/${a.json.id}`, { key: B })).status).toBe(404)
      expect((yield* call(baseUrl, `/organizations/${a.json.id}`, { key: B, method: "DELETE" })).status).toBe(404)
      expect((yield* call(baseUrl, `/organizations/${a.json.id}`, { key: A })).status).toBe(200)
      expect((yield* call(baseUrl, "/organizations/external_id/x", { key: B })).json.id).toBe(b.json.id)
    }))

  it.scopedLive("concurrent first requests of a new key share one environment", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const key = "sk_test_racing"
      yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => i),
        (i) => call(baseUrl, "/organizations", { method: "POST", key, body: { name: `R${i}` } }),
        { concurrency: "unbounded" }
      )
      expect((yield* call(baseUrl, "/organizations?limit=100", { key })).json.data).toHaveLength(20)
    }))

  it.scopedLive("an allowlist accepts exactly its keys; everything else is 401", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ apiKeys: [A, "team-key"] })
      expect((yield* call(baseUrl, "/organizations", { key: A })).status).toBe(200)
      expect((yield* call(baseUrl, "/organizations", { key: "team-key" })).status).toBe(200)
      for (const key of [B, "sk_live_x", null]) {
        const answer = yield* call(baseUrl, "/organizations", { key })
        expect(answer.status).toBe(401)
        expect(answer.json).toEqual({ message: "Unauthorized" })
      }
      const control = yield* call(baseUrl, "/_emulator/snapshot", { key: B })
      expect(control.status).toBe(401)
      assert.isString(control.headers.get("x-request-id"))
    }))
})
