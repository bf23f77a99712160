/**
 * Metadata keys that name JavaScript's own properties (`__proto__`, `constructor`, `prototype`) are data in the fake:
 * they round-trip through every operation, the seed, the journal, snapshots and restore; the metadata limits apply to
 * them; and no prototype is touched.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Stream from "effect/Stream"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const SPECIAL_KEYS = ["__proto__", "constructor", "prototype"] as const

/** An object built the way `JSON.parse` builds it: every key an own property. */
const fromJson = (entries: ReadonlyArray<readonly [string, string]>): Record<string, string> =>
  JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`)

const special = fromJson([["__proto__", "yes"], ["ok", "1"], ["constructor", "c"], ["prototype", "p"]])

const entries = (record: object) => Object.keys(record).map((k) => [k, (record as Record<string, unknown>)[k]])

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

const assertNoPollution = () => {
  assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys)
  assert.isUndefined(({} as Record<string, unknown>).yes)
}

const make = (options?: OrganizationsMemory.MemoryOptions) => OrganizationsMemory.makeMemory({ seed: 7, ...options })

describe("special metadata keys are data", () => {
  it.effect("create, get, get by external id, list and update keep them", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const created = yield* organizations.createOrganization({ name: "Acme", externalId: "acme", metadata: special })
      assert.deepStrictEqual(entries(created.metadata), entries(special))
      assert.deepStrictEqual(entries((yield* organizations.getOrganization(created.id)).metadata), entries(special))
      assert.deepStrictEqual(
        entries((yield* organizations.getOrganizationByExternalId("acme")).metadata),
        entries(special)
      )
      const listed = yield* Stream.runCollect(organizations.listOrganizations())
      assert.deepStrictEqual(Array.from(listed, (o) => entries(o.metadata)), [entries(special)])
      const replaced = fromJson([["__proto__", "no"], ["constructor", "d"]])
      const updated = yield* organizations.updateOrganization({ organization: created.id, metadata: replaced })
      assert.deepStrictEqual(entries(updated.metadata), [["__proto__", "no"], ["constructor", "d"]])
      assert.deepStrictEqual(
        entries((yield* organizations.getOrganization(created.id)).metadata),
        [["__proto__", "no"], ["constructor", "d"]]
      )
      assertNoPollution()
    }))

  it.effect("the seed, the journal, snapshot and restore keep them", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.seed({ organizations: [{ name: "Seeded", externalId: "seeded", metadata: special }] })
      const seeded = yield* organizations.getOrganizationByExternalId("seeded")
      assert.deepStrictEqual(entries(seeded.metadata), entries(special))
      yield* organizations.createOrganization({ name: "Created", externalId: "created", metadata: special })
      const journal = yield* control.journal
      const create = journal.find((entry) => entry.operation === "createOrganization")
      assert.include(JSON.stringify(create?.arguments), "\"__proto__\":\"yes\"")
      const snapshot = yield* control.snapshot
      const text = JSON.stringify(snapshot)
      assert.strictEqual(text.split("\"__proto__\":\"yes\"").length - 1, 2)
      const other = yield* make()
      yield* other.control.restore(JSON.parse(text))
      for (const externalId of ["seeded", "created"]) {
        const org = yield* other.organizations.getOrganizationByExternalId(externalId)
        assert.deepStrictEqual(entries(org.metadata), entries(special))
      }
      assertNoPollution()
    }))

  it.effect("an Idempotency-Key replays a create with them, and refuses another __proto__ value", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const first = yield* organizations.createOrganization({ name: "A", metadata: special }, { idempotencyKey: "k" })
      const again = yield* organizations.createOrganization(
        { name: "A", metadata: fromJson(entries(special).reverse() as Array<[string, string]>) },
        { idempotencyKey: "k" }
      )
      assert.strictEqual(again.id, first.id)
      const changed = fromJson([["__proto__", "other"], ["ok", "1"], ["constructor", "c"], ["prototype", "p"]])
      const refused = yield* Effect.flip(
        organizations.createOrganization({ name: "A", metadata: changed }, { idempotencyKey: "k" })
      )
      assert.strictEqual(refused._tag, "IdempotencyKeyReused")
      const dropped = yield* Effect.flip(
        organizations.createOrganization({ name: "A", metadata: { ok: "1", constructor: "c", prototype: "p" } }, {
          idempotencyKey: "k"
        })
      )
      assert.strictEqual(dropped._tag, "IdempotencyKeyReused")
    }))

  it.effect("the metadata limits count and measure them like any other key", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make({
        settings: { metadataMaxKeys: 2, metadataKeyMaxLength: 8, metadataValueMaxLength: 3 }
      })
      const tooMany = yield* Effect.flip(
        organizations.createOrganization({
          name: "A",
          metadata: fromJson([["a", "1"], ["b", "2"], ["__proto__", "3"]])
        })
      )
      assert.strictEqual(tooMany._tag, "InvalidMetadata")
      assert.include(tooMany.detail, "at most 2 keys; got 3")
      // `__proto__` is 9 characters
      const longKey = yield* Effect.flip(
        organizations.createOrganization({ name: "A", metadata: fromJson([["__proto__", "1"]]) })
      )
      assert.include(longKey.detail, "Metadata key '__proto__' is longer than 8 characters")
      const longValue = yield* Effect.flip(
        organizations.createOrganization({ name: "A", metadata: fromJson([["prototype", "long"]]) })
      )
      assert.strictEqual(longValue._tag, "InvalidMetadata")
      const seeded = yield* Effect.flip(
        control.seed({ organizations: [{ name: "S", metadata: fromJson([["__proto__", "1"]]) }] })
      )
      assert.deepStrictEqual([seeded.path, seeded.detail], [
        "organizations[0].metadata",
        "Metadata key '__proto__' is longer than 8 characters."
      ])
      assert.strictEqual((yield* organizations.listOrganizationsPage()).data.length, 0)
      assertNoPollution()
    }))

  const key = FastCheck.oneof(FastCheck.constantFrom(...SPECIAL_KEYS), FastCheck.string({ minLength: 1, maxLength: 8 }))
  const metadata = FastCheck.uniqueArray(FastCheck.tuple(key, FastCheck.string({ maxLength: 8 })), {
    selector: ([k]) => k,
    maxLength: 6
  })

  it.effect.prop(
    "arbitrary metadata with special keys round-trips through create, get, update, snapshot and restore",
    [metadata, metadata],
    ([created, updated]) =>
      Effect.gen(function*() {
        const { control, organizations } = yield* make({ settings: { metadataAsciiOnly: false } })
        const input = fromJson(created)
        const org = yield* organizations.createOrganization({ name: "A", metadata: input })
        expect(entries((yield* organizations.getOrganization(org.id)).metadata)).toEqual(entries(input))
        const next = fromJson(updated)
        yield* organizations.updateOrganization({ organization: org.id, metadata: next })
        const other = yield* make()
        yield* other.control.restore(JSON.parse(JSON.stringify(yield* control.snapshot)))
        expect(entries((yield* other.organizations.getOrganization(org.id)).metadata)).toEqual(entries(next))
        assertNoPollution()
      }),
    { fastCheck: { numRuns: 100 } }
  )
})
