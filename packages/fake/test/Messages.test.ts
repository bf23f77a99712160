/**
 * The fake's messages for bad fixtures come from core's one Schema formatter: a wrong literal names every allowed
 * value.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

describe("fixture messages", () => {
  it.effect("a wrong domain state names every allowed state", () =>
    Effect.gen(function*() {
      const { control } = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const error = yield* Effect.flip(
        control.seed({ organizations: [{ name: "a", domains: [{ domain: "a.com", state: "approved" as "pending" }] }] })
      )
      assert.strictEqual(error._tag, "InvalidFixtures")
      assert.strictEqual(error.path, "organizations[0].domains[0].state")
      for (const state of ["pending", "verified", "failed", "legacy_verified"]) {
        assert.include(error.message, `"${state}"`)
      }
      assert.include(error.message, `actual "approved"`)
    }))
})
