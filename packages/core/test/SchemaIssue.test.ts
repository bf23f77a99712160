/**
 * The one formatter of Schema failures: paths, the messages ParseResult gives (filter messages, annotations,
 * `is missing`), every allowed literal of a failed union, and values quoted within a bound, however deep.
 */
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc, ParseResult, Redacted, Schema } from "effect"
import * as Options from "../src/Options.js"
import * as SchemaIssue from "../src/SchemaIssue.js"

const NUM_RUNS = 200

const failure = <A, I>(schema: Schema.Schema<A, I>, input: unknown, errors: "first" | "all" = "first") => {
  const result = Schema.decodeUnknownEither(schema, { errors, onExcessProperty: "error" })(input)
  // (not JSON.stringify: the input may be nested too deep for it)
  assert.isTrue(Either.isLeft(result), "the input should be rejected")
  return (result as Either.Left<ParseResult.ParseError, A>).left
}

const firstLine = <A, I>(schema: Schema.Schema<A, I>, input: unknown) =>
  SchemaIssue.format(SchemaIssue.first(failure(schema, input)))

describe("SchemaIssue", () => {
  it("formatPath: keys with dots, indexes in brackets, the root empty", () => {
    assert.strictEqual(SchemaIssue.formatPath([]), "")
    assert.strictEqual(SchemaIssue.formatPath(["domainData", 0, "state"]), "domainData[0].state")
    assert.strictEqual(SchemaIssue.formatPath([1, "a"]), "[1].a")
  })

  describe("a wrong value for a union of literals names every allowed value", () => {
    it("a required field", () =>
      assert.strictEqual(
        firstLine(Schema.Struct({ state: Schema.Literal("pending", "verified", "failed") }), { state: "approved" }),
        `state: Expected "pending" | "verified" | "failed", actual "approved"`
      ))

    it("an optional field (undefined, i.e. absent, is not listed)", () =>
      assert.strictEqual(
        firstLine(Schema.Struct({ order: Schema.optional(Options.Order) }), { order: "up" }),
        `order: Expected "asc" | "desc" | "normal", actual "up"`
      ))

    it("inside an array", () =>
      assert.strictEqual(
        firstLine(
          Schema.Struct({ domainData: Schema.Array(Schema.Struct({ state: Schema.Literal("pending", "verified") })) }),
          { domainData: [{ state: "pending" }, { state: "approved" }] }
        ),
        `domainData[1].state: Expected "pending" | "verified", actual "approved"`
      ))

    it("a nullable field names null too", () =>
      assert.strictEqual(
        firstLine(Schema.Struct({ a: Schema.NullOr(Schema.Literal("x", "y")) }), { a: 1 }),
        `a: Expected "x" | "y" | null, actual 1`
      ))

    it("a union of structs that got inside one member reports that member's field", () =>
      assert.strictEqual(
        firstLine(
          Schema.Union(
            Schema.Struct({ kind: Schema.Literal("a"), n: Schema.Number }),
            Schema.Struct({ kind: Schema.Literal("b") })
          ),
          { kind: "a", n: "1" }
        ),
        `n: Expected number, actual "1"`
      ))
  })

  describe("the messages ParseResult gives are kept", () => {
    it("a filter's message", () =>
      assert.strictEqual(
        firstLine(Schema.Struct({ limit: Options.Limit }), { limit: 1000 }),
        "limit: must be an integer from 1 to 100"
      ))

    it("a message annotation", () =>
      assert.strictEqual(
        firstLine(Schema.Struct({ a: Schema.String.annotations({ message: () => "must be text" }) }), { a: 1 }),
        "a: must be text"
      ))

    it("is missing, is unexpected", () => {
      assert.strictEqual(firstLine(Schema.Struct({ name: Schema.String }), {}), "name: is missing")
      assert.strictEqual(
        firstLine(Schema.Struct({ name: Schema.String }), { name: "a", x: 1 }),
        `x: is unexpected, expected: "name"`
      )
    })

    it("the same messages as ArrayFormatter for failures that are not unions", () =>
      fc.assert(
        fc.property(fc.jsonValue(), (input) => {
          const schema = Schema.Struct({ a: Schema.String, b: Schema.Array(Schema.Number) })
          const result = Schema.decodeUnknownEither(schema, { errors: "all" })(input)
          if (Either.isRight(result)) return
          const ours = SchemaIssue.issues(result.left, { maxValueLength: 10_000 })
          const theirs = ParseResult.ArrayFormatter.formatErrorSync(result.left)
          assert.deepStrictEqual(ours, theirs.slice(0, 20))
        }),
        { numRuns: NUM_RUNS }
      ))
  })

  it("issues: all of them, at most maxIssues", () => {
    const schema = Schema.Struct({ a: Schema.String, b: Schema.String, c: Schema.String })
    const error = failure(schema, {}, "all")
    assert.deepStrictEqual(SchemaIssue.issues(error).map(SchemaIssue.format), [
      "a: is missing",
      "b: is missing",
      "c: is missing"
    ])
    assert.strictEqual(SchemaIssue.issues(error, { maxIssues: 2 }).length, 2)
  })

  describe("values are quoted within a bound", () => {
    it("a value nested 200,000 levels deep", () => {
      const deep = JSON.parse("[".repeat(200_000) + "]".repeat(200_000))
      const line = firstLine(Schema.Struct({ name: Schema.String }), { name: deep })
      assert.strictEqual(line, `name: Expected string, actual ${"[".repeat(80)}…`)
      assert.strictEqual(SchemaIssue.formatValue(deep, { maxLength: 5 }), "[[[[[…")
    })

    it("a long string is cut; redact runs before the cut", () => {
      const secret = "sk_test_SECRET"
      const text = `${"x".repeat(70)}${secret}${"y".repeat(100)}`
      const line = SchemaIssue.format(
        SchemaIssue.first(failure(Schema.Struct({ n: Schema.Number }), { n: text }), {
          redact: (s) => s.split(secret).join("<redacted>")
        })
      )
      assert.notInclude(line, "sk_test")
      assert.isTrue(line.endsWith(`"${"x".repeat(70)}<redacted…`), line)
    })

    it("Redacted values print through their own toString, functions by name", () => {
      assert.strictEqual(SchemaIssue.formatValue({ key: Redacted.make("sk_live_x") }), `{"key":<redacted>}`)
      assert.strictEqual(SchemaIssue.formatValue(function named() {}), "[Function named]")
      assert.strictEqual(SchemaIssue.formatValue(new Date(0)), "1970-01-01T00:00:00.000Z")
      assert.strictEqual(SchemaIssue.formatValue(10n), "10n")
    })

    it("JSON values print as JSON.stringify does, and never longer than the bound", () =>
      fc.assert(
        fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 300 }), (value, max) => {
          const json = JSON.stringify(value)
          const out = SchemaIssue.formatValue(value, { maxLength: max })
          if (json.length <= max) assert.strictEqual(out, json)
          else assert.strictEqual(out, `${json.slice(0, max)}…`)
        }),
        { numRuns: NUM_RUNS }
      ))
  })
})
