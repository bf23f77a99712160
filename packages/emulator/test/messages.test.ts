/**
 * The emulator's messages come from core's one Schema formatter: a wrong literal names every allowed value, on the
 * wire (422) and in the control API (400).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call } from "./support/Client.js"

describe("messages", () => {
  it.scopedLive("a wrong domain state over the wire names every allowed state", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const answer = yield* call(baseUrl, "/organizations", {
        method: "POST",
        body: { name: "Acme", domain_data: [{ domain: "acme.com", state: "approved" }] }
      })
      expect(answer.status).toBe(422)
      expect(answer.json.errors[0].field).toBe("domain_data[0].state")
      expect(answer.json.errors[0].message).toContain(`Expected "pending" | "verified", actual "approved"`)
    }))

  it.scopedLive("a wrong literal in the control API names every allowed value", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const answer = yield* call(baseUrl, "/_emulator/seed", {
        method: "POST",
        body: { organizations: [{ name: "a", domains: [{ domain: "a.com", state: "approved" }] }] }
      })
      expect(answer.status).toBe(400)
      for (const state of ["pending", "verified", "failed", "legacy_verified"]) {
        expect(answer.json.message).toContain(`"${state}"`)
      }
    }))
})
