/**
 * Over HTTP the control API keeps the wire form: seeds are plain JSON (API key values as strings), snapshots are the
 * JSON document with objects in their wire encoding, and neither echoes an API key value.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call } from "./support/Client.js"

const ORG = "org_01EHWNCE74X7JSDV0X3SZ3KJNY"

describe("the control API's wire form", () => {
  it.scopedLive("seed reads plain JSON, snapshot answers the wire document, restore reads it back", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const seeded = yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: {
          organizations: [{ id: ORG, name: "A", externalId: "a" }],
          apiKeys: [{ organizationId: ORG, name: "k", value: "sk_test_http_secret_1" }]
        }
      })
      expect(seeded.status).toBe(200)
      const snapshot = yield* call(baseUrl, "/_emulator/snapshot")
      expect(snapshot.json.organizations[0].external_id).toBe("a")
      expect(snapshot.json.organizations[0].externalId).toBeUndefined()
      expect(snapshot.json.apiKeys[0].apiKey.obfuscated_value).toBe("sk_...et_1")
      expect(snapshot.json.settings.idempotencyTtl).toBe(86_400_000)
      expect(snapshot.text).not.toContain("sk_test_http_secret_1")
      yield* call(baseUrl, "/_emulator/reset", { method: "POST" })
      expect((yield* call(baseUrl, "/_emulator/restore", { method: "POST", body: snapshot.text })).status).toBe(200)
      expect((yield* call(baseUrl, "/organizations/external_id/a")).json.id).toBe(ORG)
      const bad = yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: { apiKeys: [{ organizationId: ORG, name: "k", value: 42 }] }
      })
      expect([bad.status, bad.json.code]).toEqual([400, "invalid_control_input"])
      expect(bad.json.message).toContain("apiKeys[0].value")
    }))
})
