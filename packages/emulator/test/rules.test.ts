/**
 * One rule, one message, over the wire: the emulator's 422 for a broken `limit`, `order` or organization name says
 * what the client's `InvalidRequest` (and the fake, `packages/fake/test/Rules.test.ts`) says for the same rule —
 * both come from core's schemas (`Options.Limit`, `Options.Order`, `Options.OrganizationName`) and core's
 * formatter.
 */
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call } from "./support/Client.js"

describe("the emulator states a rule as the client does", () => {
  const violations = [
    { field: "limit", query: "limit=0", options: { limit: 0 } },
    { field: "limit", query: "limit=2.5", options: { limit: 2.5 } },
    { field: "limit", query: "limit=101", options: { limit: 101 } },
    { field: "order", query: "order=up", options: { order: "up" as never } }
  ] as const

  for (const { field, options, query } of violations) {
    it.scopedLive(`${query}: the 422's message is the InvalidRequest's`, () =>
      Effect.gen(function*() {
        const { organizations } = yield* Effect.orDie(OrganizationsMemory.makeMemory())
        const local = yield* Effect.flip(organizations.listOrganizationsPage(options))
        assert.strictEqual(local._tag, "InvalidRequest")
        const { detail } = local as WorkOSError.InvalidRequest
        assert.strictEqual((local as WorkOSError.InvalidRequest).field, field)

        const { baseUrl } = yield* Emulator.start()
        const answer = yield* call(baseUrl, `/organizations?${query}`)
        assert.strictEqual(answer.status, 422)
        assert.deepStrictEqual(answer.json.errors, [{
          code: `${field}_invalid`,
          field,
          message: `${field}: ${detail}`
        }])
      }))
  }

  it.scopedLive("a blank name is answered as a missing one, and as the fake answers it", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const missing = yield* call(baseUrl, "/organizations", { method: "POST", body: {} })
      assert.strictEqual(missing.status, 422)
      assert.deepStrictEqual(missing.json.errors, [{
        code: "name_required",
        field: "name",
        message: "name is required"
      }])
      const { organizations } = yield* Effect.orDie(OrganizationsMemory.makeMemory())
      for (const name of ["", "  "]) {
        const blank = yield* call(baseUrl, "/organizations", { method: "POST", body: { name } })
        assert.strictEqual(blank.status, 422)
        assert.deepStrictEqual(blank.json, missing.json)
        const fake = (yield* Effect.flip(organizations.createOrganization({ name }))) as WorkOSError.ValidationFailed
        assert.deepStrictEqual(fake.errors.map((e) => ({ ...e })), missing.json.errors)
      }
    }))
})
