/**
 * Metadata keys that name JavaScript's own properties (`__proto__`, `constructor`, `prototype`) over HTTP: the
 * emulator's body parse keeps them, its answers and control API send them back, the limits apply to them, and the
 * live layer (both transports) decodes them from the answers. No prototype is touched on either side.
 */
import { Organizations } from "@effect-workos/core"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Emulator from "../src/Emulator.js"
import { call, KEY, send } from "./support/Client.js"

/** JSON text of an object with these entries, in this order (what a client written in any language may send). */
const objectJson = (entries: ReadonlyArray<readonly [string, string]>) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`

const SPECIAL: ReadonlyArray<readonly [string, string]> = [
  ["__proto__", "yes"],
  ["ok", "1"],
  ["constructor", "c"],
  ["prototype", "p"]
]

const entries = (record: object) => Object.keys(record).map((k) => [k, (record as Record<string, unknown>)[k]])

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

const assertNoPollution = () => {
  assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys)
  assert.isUndefined(({} as Record<string, unknown>).yes)
  assert.isUndefined(({} as Record<string, unknown>).polluted)
}

describe("special metadata keys over HTTP", () => {
  it.scopedLive("create, get, list and update keep them in the wire JSON", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const created = yield* call(baseUrl, "/organizations", {
        method: "POST",
        body: `{"name":"Acme","external_id":"acme","metadata":${objectJson(SPECIAL)}}`
      })
      expect(created.status).toBe(201)
      expect(created.text).toContain(`"metadata":${objectJson(SPECIAL)}`)
      expect(entries(created.json.metadata)).toEqual(SPECIAL)
      const id: string = created.json.id
      for (const path of [`/organizations/${id}`, "/organizations/external_id/acme"]) {
        expect(entries((yield* call(baseUrl, path)).json.metadata)).toEqual(SPECIAL)
      }
      expect(entries((yield* call(baseUrl, "/organizations")).json.data[0].metadata)).toEqual(SPECIAL)
      const replaced = [["__proto__", "no"], ["constructor", "d"]] as const
      const updated = yield* call(baseUrl, `/organizations/${id}`, {
        method: "PUT",
        body: `{"metadata":${objectJson(replaced)}}`
      })
      expect(updated.status).toBe(200)
      expect(entries(updated.json.metadata)).toEqual(replaced)
      assertNoPollution()
    }))

  it.scopedLive("the control API seeds, snapshots and restores them", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const seeded = yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: `{"organizations":[{"name":"Seeded","externalId":"seeded","metadata":${objectJson(SPECIAL)}}]}`
      })
      expect(seeded.status).toBe(200)
      expect(entries((yield* call(baseUrl, "/organizations/external_id/seeded")).json.metadata)).toEqual(SPECIAL)
      const snapshot = yield* call(baseUrl, "/_emulator/snapshot")
      expect(snapshot.text).toContain(objectJson(SPECIAL))
      yield* call(baseUrl, "/_emulator/reset", { method: "POST" })
      expect((yield* call(baseUrl, "/organizations/external_id/seeded")).status).toBe(404)
      expect((yield* call(baseUrl, "/_emulator/restore", { method: "POST", body: snapshot.text })).status).toBe(200)
      expect(entries((yield* call(baseUrl, "/organizations/external_id/seeded")).json.metadata)).toEqual(SPECIAL)
      assertNoPollution()
    }))

  it.scopedLive("the limits apply to them, and a non-string value under __proto__ is a 422 naming it", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ settings: { metadataKeyMaxLength: 8, metadataMaxKeys: 2 } })
      const longKey = yield* call(baseUrl, "/organizations", {
        method: "POST",
        body: `{"name":"A","metadata":${objectJson([["__proto__", "1"]])}}`
      })
      expect([longKey.status, longKey.json.code]).toEqual([400, "invalid_metadata"])
      expect(longKey.json.message).toContain("'__proto__'")
      const tooMany = yield* call(baseUrl, "/organizations", {
        method: "POST",
        body: `{"name":"A","metadata":${objectJson([["a", "1"], ["b", "2"], ["prototype", "3"]])}}`
      })
      expect([tooMany.status, tooMany.json.code]).toEqual([400, "invalid_metadata"])
      const objectValue = yield* call(baseUrl, "/organizations", {
        method: "POST",
        body: `{"name":"A","metadata":{"__proto__":{"polluted":"x"}}}`
      })
      expect(objectValue.status).toBe(422)
      expect(objectValue.text).toContain("__proto__")
      expect((yield* call(baseUrl, "/organizations")).json.data).toEqual([])
      assertNoPollution()
    }))

  const transports = {
    fetch: (options: WorkOSClient.Options) =>
      OrganizationsHttp.layer.pipe(Layer.provide(WorkOSClient.layer(options)), Layer.provide(FetchHttpClient.layer)),
    undici: (options: WorkOSClient.Options) => NodeClient.layer(options)
  }

  it.scopedLive.each(["fetch", "undici"] as const)(
    "the live layer over %s sends and decodes them",
    (transport) =>
      Effect.gen(function*() {
        const { baseUrl } = yield* Emulator.start()
        const context = yield* Layer.build(
          transports[transport]({ apiKey: Redacted.make(KEY), baseUrl, maxRetries: 0 })
        )
        const organizations = Context.get(context, Organizations.Organizations)
        const metadata = JSON.parse(objectJson(SPECIAL))
        const created = yield* organizations.createOrganization({ name: "Acme", metadata })
        expect(entries(created.metadata)).toEqual(SPECIAL)
        const raw = yield* call(baseUrl, `/organizations/${created.id}`)
        expect(entries(raw.json.metadata)).toEqual(SPECIAL)
        expect(entries((yield* organizations.getOrganization(created.id)).metadata)).toEqual(SPECIAL)
        const updated = yield* organizations.updateOrganization({
          organization: created.id,
          metadata: JSON.parse(objectJson([["__proto__", "no"]]))
        })
        expect(entries(updated.metadata)).toEqual([["__proto__", "no"]])
        assertNoPollution()
      })
  )

  it.scopedLive("arbitrary metadata with special keys round-trips through the emulator", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: false, settings: { metadataAsciiOnly: false } })
      const key = FastCheck.oneof(
        FastCheck.constantFrom("__proto__", "constructor", "prototype"),
        FastCheck.string({ minLength: 1, maxLength: 8 })
      )
      const metadata = FastCheck.uniqueArray(FastCheck.tuple(key, FastCheck.string({ maxLength: 8 })), {
        selector: ([k]) => k,
        maxLength: 6
      })
      yield* Effect.promise(() =>
        FastCheck.assert(
          FastCheck.asyncProperty(metadata, async (pairs) => {
            const expected = entries(JSON.parse(objectJson(pairs)))
            const created = await send(baseUrl, "/organizations", {
              method: "POST",
              body: `{"name":"A","metadata":${objectJson(pairs)}}`
            })
            expect(created.status).toBe(201)
            expect(entries(created.json.metadata)).toEqual(expected)
            const got = await send(baseUrl, `/organizations/${created.json.id}`)
            expect(entries(got.json.metadata)).toEqual(expected)
            assertNoPollution()
          }),
          { numRuns: 60 }
        )
      )
    }))
})
