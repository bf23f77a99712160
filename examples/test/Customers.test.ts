import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fs from "node:fs"
import * as path from "node:path"
import * as Customers from "../src/provision/Customers.js"

const file = path.join(import.meta.dirname, "..", "data", "customers.json")
const shipped = JSON.parse(fs.readFileSync(file, "utf8")) as Array<Record<string, unknown>>

/** The shipped file with record `index` replaced (or patched) by `patch`. */
const withRecord = (index: number, patch: (record: Record<string, unknown>) => unknown) =>
  JSON.stringify(shipped.map((r, i) => (i === index ? patch(structuredClone(r)) : r)))

const failure = (text: string) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(Customers.decode(text, "customers.json"))
    assert.isTrue(Exit.isFailure(exit), "expected the file to be rejected")
    return yield* Effect.flip(Customers.decode(text, "customers.json"))
  })

describe("the customers file", () => {
  it.effect("the shipped file holds about 250 valid customers with domains, metadata and unique external ids", () =>
    Effect.gen(function*() {
      const customers = yield* Customers.decode(fs.readFileSync(file, "utf8"))
      expect(customers.length).toBe(250)
      expect(new Set(customers.map((c) => c.externalId)).size).toBe(250)
      assert.isTrue(customers.every((c) => c.domains.length >= 1 && Object.keys(c.metadata).length >= 3))
    }))

  it.effect("a bad field names the record's index, its externalId and the field path", () =>
    Effect.gen(function*() {
      const error = yield* failure(withRecord(17, (r) => ({
        ...r,
        domains: [{ domain: "example.com", state: "active" }]
      })))
      expect(error.index).toBe(17)
      expect(error.externalId).toBe(shipped[17]!.externalId)
      expect(error.field).toBe("domains[0].state")
      expect(error.message).toContain(`record 17 (externalId '${String(shipped[17]!.externalId)}')`)
      expect(error.message).toContain("field 'domains[0].state'")
      expect(error.message).toContain(`Expected "pending" | "verified", actual "active"`)
      expect(error.message).toContain("Nothing was sent to WorkOS")
    }))

  it.effect("a missing required field is named", () =>
    Effect.gen(function*() {
      const error = yield* failure(withRecord(3, ({ name: _, ...rest }) => rest))
      expect([error.index, error.field]).toEqual([3, "name"])
    }))

  it.effect("a record without a usable externalId is named by its index", () =>
    Effect.gen(function*() {
      const error = yield* failure(withRecord(40, (r) => ({ ...r, externalId: "" })))
      expect([error.index, error.externalId, error.field]).toEqual([40, undefined, "externalId"])
    }))

  it.effect("metadata must be strings, at most 10 keys", () =>
    Effect.gen(function*() {
      const numeric = yield* failure(withRecord(5, (r) => ({ ...r, metadata: { seats: 12 } })))
      expect([numeric.index, numeric.field]).toEqual([5, "metadata.seats"])
      const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]))
      const tooMany = yield* failure(withRecord(6, (r) => ({ ...r, metadata: many })))
      expect([tooMany.index, tooMany.field]).toEqual([6, "metadata"])
    }))

  it.effect("metadata keys are data: __proto__ and constructor are kept, a key over 40 characters is named", () =>
    Effect.gen(function*() {
      const metadata = JSON.parse("{\"__proto__\":\"yes\",\"constructor\":\"c\",\"plan\":\"pro\"}")
      const customers = yield* Customers.decode(withRecord(2, (r) => ({ ...r, metadata })))
      const kept = customers[2]!.metadata
      expect(Object.keys(kept)).toEqual(["__proto__", "constructor", "plan"])
      expect(Object.getPrototypeOf(kept)).toBe(Object.prototype)
      expect(JSON.stringify(kept)).toBe("{\"__proto__\":\"yes\",\"constructor\":\"c\",\"plan\":\"pro\"}")
      const long = yield* failure(withRecord(4, (r) => ({ ...r, metadata: { ["k".repeat(41)]: "v" } })))
      expect([long.index, long.field]).toEqual([4, `metadata.${"k".repeat(41)}`])
    }))

  it.effect("an unknown field is rejected (a typo would otherwise be ignored silently)", () =>
    Effect.gen(function*() {
      const error = yield* failure(withRecord(9, (r) => ({ ...r, domian: [] })))
      expect([error.index, error.field]).toEqual([9, "domian"])
    }))

  it.effect("a duplicate externalId or domain names the second record and the first", () =>
    Effect.gen(function*() {
      const id = yield* failure(withRecord(30, (r) => ({ ...r, externalId: shipped[2]!.externalId })))
      expect([id.index, id.field]).toEqual([30, "externalId"])
      expect(id.detail).toContain("record 2")
      const domain = (shipped[8]!.domains as Array<{ domain: string }>)[0]!.domain
      const dup = yield* failure(withRecord(31, (r) => ({ ...r, domains: [{ domain, state: "pending" }] })))
      expect([dup.index, dup.field]).toEqual([31, "domains[0].domain"])
      expect(dup.detail).toContain("record 8")
    }))

  it.effect("not JSON, or not an array, is a file-level error", () =>
    Effect.gen(function*() {
      const notJson = yield* failure("[{")
      expect(notJson.index).toBeUndefined()
      expect(notJson.message).toContain("is not valid JSON")
      const notArray = yield* failure("{}")
      expect(notArray.message).toContain("must be a JSON array")
      const notObject = yield* failure(JSON.stringify([...shipped.slice(0, 2), 42]))
      expect([notObject.index, notObject.detail]).toEqual([2, "must be an object"])
    }))

  it("the idempotency key is stable for a customer and changes with what the customer asks for", () => {
    const [a, b] = [shipped[0], shipped[1]].map((r) => Effect.runSync(Customers.decode(JSON.stringify([r])))[0]!)
    expect(Customers.idempotencyKey(a!)).toBe(Customers.idempotencyKey({ ...a!, metadata: { ...a!.metadata } }))
    expect(Customers.idempotencyKey(a!)).not.toBe(Customers.idempotencyKey(b!))
    expect(Customers.idempotencyKey(a!)).not.toBe(Customers.idempotencyKey({ ...a!, name: `${a!.name} 2` }))
    expect(Customers.idempotencyKey(a!)).toMatch(/^provision-[0-9a-f]{40}$/)
  })
})
