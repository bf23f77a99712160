import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Customers from "../src/provision/Customers.js"
import * as Provision from "../src/provision/Provision.js"
import * as Stub from "./support/Stub.js"

const file = path.join(import.meta.dirname, "..", "data", "customers.json")

describe("provision against a test double", () => {
  it.effect("creates every customer, then changes nothing on a re-run", () =>
    Effect.gen(function*() {
      const customers = yield* Customers.decode(fs.readFileSync(file, "utf8"))
      const { layer, stub } = Stub.make()
      const first = yield* Effect.provide(Provision.run(customers), layer)
      expect(first.created).toBe(customers.length)
      const second = yield* Effect.provide(Provision.run(customers), layer)
      expect([second.created, second.updated, second.unchanged, second.failed]).toEqual([0, 0, customers.length, 0])
      assert.strictEqual(stub.organizations.size, customers.length)
    }))
})
