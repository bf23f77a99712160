/**
 * Record-shaped values keep every key as data: `__proto__`, `constructor` and `prototype` round-trip like any other
 * key through decode, encode, validation and JSON, and no prototype is ever touched.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, ParseResult, Schema } from "effect"
import * as Options from "../src/Options.js"
import { Dictionary, Metadata, Organization } from "../src/Organization.js"

const SPECIAL_KEYS = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"] as const

/** An object built from entries the way `JSON.parse` builds it: every key an own property. */
const fromJson = (entries: ReadonlyArray<readonly [string, string]>): Record<string, string> =>
  JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`)

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()

/** Nothing reached `Object.prototype`: no new key, and a fresh object has no `yes`. */
const assertNoPollution = () => {
  assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys)
  assert.isUndefined(({} as Record<string, unknown>).yes)
  assert.isUndefined(({} as Record<string, unknown>).polluted)
}

const ownEntries = (record: object) => Object.keys(record).map((k) => [k, (record as Record<string, unknown>)[k]])

const special = fromJson([["__proto__", "yes"], ["ok", "1"], ["constructor", "c"], ["prototype", "p"]])

const organizationJson = (metadata: unknown) => ({
  object: "organization",
  id: "org_01EHZNVPK3SFK441A1RGBFSHRT",
  name: "Acme",
  domains: [],
  metadata,
  external_id: null,
  created_at: "2025-07-22T18:55:20.355Z",
  updated_at: "2025-07-22T18:55:20.355Z",
  allow_profiles_outside_organization: false
})

describe("special keys are data", () => {
  it("the fixture really has an own __proto__ key (as JSON.parse gives it)", () => {
    assert.isTrue(Object.hasOwn(special, "__proto__"))
    assert.strictEqual(Object.getPrototypeOf(special), Object.prototype)
  })

  it("Metadata decodes, validates and encodes __proto__, constructor and prototype as own keys", () => {
    for (
      const run of [Schema.decodeUnknownSync(Metadata), Schema.validateSync(Metadata), Schema.encodeSync(Metadata)]
    ) {
      const out = run(special)
      assert.deepStrictEqual(ownEntries(out), [["__proto__", "yes"], ["ok", "1"], ["constructor", "c"], [
        "prototype",
        "p"
      ]])
      assert.strictEqual(Object.getPrototypeOf(out), Object.prototype)
      assert.strictEqual(
        JSON.stringify(out),
        "{\"__proto__\":\"yes\",\"ok\":\"1\",\"constructor\":\"c\",\"prototype\":\"p\"}"
      )
      assertNoPollution()
    }
  })

  it("an organization answer keeps its special metadata keys, and encodes them back", () => {
    const org = Schema.decodeUnknownSync(Organization)(organizationJson(special))
    assert.deepStrictEqual(ownEntries(org.metadata), ownEntries(special))
    const wire = JSON.parse(JSON.stringify(Schema.encodeSync(Organization)(org)))
    assert.deepStrictEqual(ownEntries(wire.metadata), ownEntries(special))
    assertNoPollution()
  })

  it.effect("create and update options keep them through validation and the request body", () =>
    Effect.gen(function*() {
      const create = yield* Options.validate(Options.CreateOrganizationOptions)({ name: "Acme", metadata: special })
      assert.deepStrictEqual(ownEntries(create.metadata!), ownEntries(special))
      const body = JSON.stringify(Schema.encodeSync(Options.CreateOrganizationOptions)(create))
      assert.include(body, "\"__proto__\":\"yes\"")
      const decoded = Schema.decodeUnknownSync(Options.UpdateOrganizationOptions)({
        organization: "org_1",
        metadata: special
      })
      assert.deepStrictEqual(ownEntries(decoded.metadata!), ownEntries(special))
      assertNoPollution()
    }))

  it("a non-string value under __proto__ is an error naming the key, and pollutes nothing", () => {
    const input = JSON.parse("{\"__proto__\":{\"polluted\":\"x\"},\"ok\":\"1\"}")
    const result = Schema.decodeUnknownEither(Options.CreateOrganizationOptions)({ name: "Acme", metadata: input })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      const [issue] = ParseResult.ArrayFormatter.formatErrorSync(result.left)
      assert.deepStrictEqual(issue?.path, ["metadata", "__proto__"])
      assert.strictEqual(issue?.message, "Expected string, actual {\"polluted\":\"x\"}")
    }
    assertNoPollution()
  })

  it("every bad entry is reported with errors: all, and a non-object is refused", () => {
    const bad = fromJson([["a", "1"]]) as Record<string, unknown>
    bad.b = 2
    bad.c = null
    const result = Schema.decodeUnknownEither(Metadata, { errors: "all" })(bad)
    assert.deepStrictEqual(
      Either.isLeft(result) ? ParseResult.ArrayFormatter.formatErrorSync(result.left).map((i) => i.path) : [],
      [["b"], ["c"]]
    )
    for (const notAnObject of [null, "x", 1]) {
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Metadata)(notAnObject)))
    }
  })

  it("a key the key schema rejects is an error naming it, never dropped", () => {
    const Short = Dictionary({ key: Schema.String.pipe(Schema.maxLength(3)), value: Schema.String })
    const result = Schema.decodeUnknownEither(Short)({ ok: "1", toolong: "2" })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.deepStrictEqual(ParseResult.ArrayFormatter.formatErrorSync(result.left)[0]?.path, ["toolong"])
    }
  })

  it("equivalence and pretty see special keys", () => {
    const equivalent = Schema.equivalence(Metadata)
    assert.isTrue(equivalent(special, fromJson(ownEntries(special) as Array<[string, string]>)))
    assert.isFalse(equivalent(special, { ok: "1", constructor: "c", prototype: "p" }))
    assert.include(Schema.format(Metadata), "Metadata")
  })

  const key = fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 12 }))
  const entries = fc.uniqueArray(fc.tuple(key, fc.string({ maxLength: 12 })), { selector: ([k]) => k, maxLength: 8 })

  it.prop(
    "arbitrary metadata, special keys included, round-trips through decode, encode and JSON",
    [entries],
    ([pairs]) => {
      const input = fromJson(pairs)
      // every generated key is an own key of the input (integer-like keys come first, as in any JS object)
      const expected = ownEntries(input)
      expect(expected.length).toBe(pairs.length)
      const decoded = Schema.decodeUnknownSync(Metadata)(input)
      expect(ownEntries(decoded)).toEqual(expected)
      const wire = JSON.parse(JSON.stringify(Schema.encodeSync(Metadata)(decoded)))
      expect(ownEntries(wire)).toEqual(expected)
      const org = Schema.decodeUnknownSync(Organization)(organizationJson(wire))
      expect(ownEntries(org.metadata)).toEqual(expected)
      assertNoPollution()
    },
    { fastCheck: { numRuns: 300 } }
  )
})
