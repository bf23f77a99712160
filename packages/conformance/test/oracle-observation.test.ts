/**
 * The oracle's comparison of two answers, tested like the fake: for each kind of check (a page's items, a cursor,
 * an extra field, an error's tag, code and issues, timestamps, secrets) one side answers subtly wrong and the
 * comparison must report it, at the right path, naming both sides; and what must not count (messages, clocks,
 * random secrets) must not.
 */
import {
  DomainConflict,
  IdempotencyKeyReused,
  NotFound,
  RequestFailed,
  ValidationFailed,
  ValidationIssue
} from "@effect-workos/core/WorkOSError"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Observation from "../src/Observation.js"

const T0 = "2025-01-01T00:00:00.000Z"
const T1 = "2025-01-01T00:00:01.000Z"

const org = (id: string, extra: Record<string, unknown> = {}) => ({
  object: "organization",
  id,
  name: "Acme",
  createdAt: T0,
  updatedAt: T0,
  ...extra
})

const list = (ids: ReadonlyArray<string>, before: string | null, after: string | null) => ({
  data: ids.map((id) => org(id)),
  listMetadata: { before, after }
})

const ok = (u: unknown) => Either.right(u)
const ko = (u: unknown) => Either.left(u)

/** The only difference of a comparison. */
const only = (differences: ReadonlyArray<Observation.Difference>): Observation.Difference => {
  assert.strictEqual(differences.length, 1, Observation.format(differences))
  return differences[0]!
}

describe("the comparison of two answers", () => {
  it("a page with an item missing on one side: the lengths, at data", () => {
    const observer = Observation.make()
    const d = only(observer.compare(ok(list(["a1", "a2", "a3"], null, null)), ok(list(["b1", "b2"], null, null))))
    assert.strictEqual(d.path, "data")
    assert.strictEqual(d.detail, "lengths differ (3 vs 2)")
    assert.deepStrictEqual([d.a, d.b], [3, 2])
    // the items both sides have are still compared
    const again = observer.compare(ok(list(["a1", "a2"], null, null)), ok(list(["b2", "b1"], null, null)))
    assert.deepStrictEqual(again.map((x) => x.path), ["data[0].id", "data[1].id"])
  })

  it("a wrong cursor: another object's id, or none, at listMetadata.after", () => {
    const observer = Observation.make()
    assert.deepStrictEqual(observer.compare(ok(list(["a1", "a2"], null, "a2")), ok(list(["b1", "b2"], null, "b2"))), [])
    const other = only(observer.compare(ok(list(["a1", "a2"], null, "a2")), ok(list(["b1", "b2"], null, "b1"))))
    assert.strictEqual(other.path, "listMetadata.after")
    assert.include(other.detail, "A's a2 is paired with B's b2, but here B answered b1")
    const none = only(observer.compare(ok(list(["a1", "a2"], "a1", null)), ok(list(["b1", "b2"], "b1", "b2"))))
    assert.strictEqual(none.path, "listMetadata.after")
    assert.strictEqual(none.detail, "values differ")
    assert.deepStrictEqual([none.a, none.b], [null, "b2"])
  })

  it("an id paired elsewhere on B's side is caught from B's side too", () => {
    const observer = Observation.make()
    observer.compare(ok(org("a1")), ok(org("b1")))
    const d = only(observer.compare(ok(org("a2")), ok(org("b1"))))
    assert.strictEqual(d.path, "id")
    assert.strictEqual(d.detail, "B's b1 is paired with A's a1, but here A answered a2")
    assert.strictEqual(observer.size(), 1)
  })

  it("an extra field on one side, at its object's path; a field whose value is undefined is absent", () => {
    const observer = Observation.make()
    const d = only(
      observer.compare(
        ok(list(["a1"], null, null)),
        ok({ ...list(["b1"], null, null), data: [org("b1", { slug: "acme" })] })
      )
    )
    assert.strictEqual(d.path, "data[0]")
    assert.strictEqual(d.detail, "keys differ: only in A [], only in B [slug]")
    assert.deepStrictEqual([d.a, d.b], [[], ["slug"]])
    const top = only(observer.compare(ok(org("a1", { slug: "x" })), ok(org("b1"))))
    assert.strictEqual(top.path, "")
    assert.strictEqual(top.detail, "keys differ: only in A [slug], only in B []")
    assert.deepStrictEqual(observer.compare(ok(org("a1", { slug: undefined })), ok(org("b1"))), [])
    assert.deepStrictEqual(observer.compare(ok(org("a1")), ok(org("b1", { slug: undefined }))), [])
  })

  it("a different value, a different type, an array against an object", () => {
    const observer = Observation.make()
    const name = only(observer.compare(ok(org("a1")), ok(org("b1", { name: "Acme Inc" }))))
    assert.deepStrictEqual([name.path, name.a, name.b, name.detail], ["name", "Acme", "Acme Inc", "values differ"])
    const type = only(observer.compare(ok(org("a1", { name: 1 })), ok(org("b1", { name: "1" }))))
    assert.strictEqual(type.path, "name")
    const shape = only(observer.compare(ok({ id: "a1", domains: [] }), ok({ id: "b1", domains: {} })))
    assert.strictEqual(shape.path, "domains")
    const nested = only(
      observer.compare(ok({ id: "a1", metadata: { tier: "gold" } }), ok({ id: "b1", metadata: { tier: "silver" } }))
    )
    assert.strictEqual(nested.path, "metadata.tier")
    assert.deepStrictEqual(observer.compare(ok(null), ok(null)), [])
    assert.strictEqual(only(observer.compare(ok(1), ok(2))).path, "")
  })

  it("ids inside objects (organizationId) are held to the pairing", () => {
    const observer = Observation.make()
    const withDomain = (id: string, owner: string) => org(id, { domains: [{ id: `${id}d`, organizationId: owner }] })
    assert.deepStrictEqual(observer.compare(ok(withDomain("a1", "a1")), ok(withDomain("b1", "b1"))), [])
    const d = only(observer.compare(ok(withDomain("a1", "a1")), ok(withDomain("b1", "b9"))))
    assert.strictEqual(d.path, "domains[0].organizationId")
  })

  it("explicit pairings", () => {
    const observer = Observation.make()
    assert.isUndefined(observer.bind("x", "y"))
    assert.isUndefined(observer.bind("x", "y"))
    assert.strictEqual(observer.bind("x", "z")?.detail, "A's x is paired with B's y, but here B answered z")
    assert.strictEqual(observer.bind("w", "y")?.detail, "B's y is paired with A's x, but here A answered w")
    assert.strictEqual(observer.toB("x"), "y")
    assert.strictEqual(observer.toA("y"), "x")
    assert.isUndefined(observer.toB("w"))
    assert.strictEqual(observer.size(), 1)
  })
})

describe("the comparison of two errors", () => {
  const failed = (issues: ReadonlyArray<{ field?: string; code?: string; message?: string }>, code?: string) =>
    new ValidationFailed({
      detail: "Validation failed",
      errors: issues.map((i) => new ValidationIssue(i)),
      ...(code === undefined ? {} : { code })
    })

  it("a different code in a validation error's issues (their messages do not count)", () => {
    const observer = Observation.make()
    const a = failed([{ field: "name", code: "required", message: "Name is required" }])
    assert.deepStrictEqual(
      observer.compare(ko(a), ko(failed([{ field: "name", code: "required", message: "name: required" }]))),
      []
    )
    const d = only(observer.compare(ko(a), ko(failed([{ field: "name", code: "invalid" }]))))
    assert.strictEqual(d.path, "error.errors")
    assert.strictEqual(
      d.detail,
      "error issues differ (field and code): A [\"name\": \"required\"], B [\"name\": \"invalid\"]"
    )
    const field = only(observer.compare(ko(a), ko(failed([{ field: "domain_data", code: "required" }]))))
    assert.strictEqual(field.path, "error.errors")
    const missing = only(observer.compare(ko(a), ko(failed([]))))
    assert.deepStrictEqual([missing.a, missing.b], [["\"name\": \"required\""], []])
    const more = only(observer.compare(ko(a), ko(failed([{ field: "name", code: "required" }, { field: "x" }]))))
    assert.strictEqual(more.path, "error.errors")
  })

  it("a different error code, tag, resource, id, field, reason, domain or reused key", () => {
    const observer = Observation.make()
    const code = only(observer.compare(ko(failed([], "x")), ko(failed([], "y"))))
    assert.deepStrictEqual([code.path, code.detail, code.a, code.b], ["error.code", "error code differs", "x", "y"])
    const absent = only(observer.compare(ko(failed([], "x")), ko(failed([]))))
    assert.strictEqual(absent.path, "error.code")
    const tag = only(observer.compare(ko(failed([])), ko(new NotFound({ resource: "Organization", id: "o" }))))
    assert.deepStrictEqual([tag.path, tag.detail], [
      "error._tag",
      "error tags differ: \"ValidationFailed\" vs \"NotFound\""
    ])
    const resource = only(
      observer.compare(
        ko(new NotFound({ resource: "Organization", id: "a1" })),
        ko(new NotFound({ resource: "ApiKey", id: "b1" }))
      )
    )
    assert.strictEqual(resource.path, "error.resource")
    const id = only(
      observer.compare(
        ko(new NotFound({ resource: "Organization", id: "a1" })),
        ko(new NotFound({ resource: "Organization", id: "b2" }))
      )
    )
    assert.strictEqual(id.path, "error.id")
    assert.include(id.detail, "is paired with")
    const domain = only(
      observer.compare(
        ko(new DomainConflict({ domain: "acme.test", detail: "taken" })),
        ko(new DomainConflict({ domain: "globex.test", detail: "taken" }))
      )
    )
    assert.deepStrictEqual([domain.path, domain.detail], ["error.domain", "error domain differs"])
    const key = only(
      observer.compare(
        ko(new IdempotencyKeyReused({ idempotencyKey: "k1", detail: "reused" })),
        ko(new IdempotencyKeyReused({ idempotencyKey: "k2", detail: "another text" }))
      )
    )
    assert.strictEqual(key.path, "error.idempotencyKey")
    const reason = only(
      observer.compare(
        ko(new RequestFailed({ reason: "Timeout", detail: "t" })),
        ko(new RequestFailed({ reason: "Transport", detail: "t" }))
      )
    )
    assert.strictEqual(reason.path, "error.reason")
    assert.deepStrictEqual(
      observer.compare(
        ko(new DomainConflict({ domain: "acme.test", detail: "one text" })),
        ko(new DomainConflict({ domain: "acme.test", detail: "another" }))
      ),
      []
    )
  })

  it("an error on one side only, and errors that are not tagged", () => {
    const observer = Observation.make()
    const d = only(observer.compare(ok(org("a1")), ko(new NotFound({ resource: "Organization", id: "b" }))))
    assert.deepStrictEqual([d.path, d.a, d.b], ["", "success", "NotFound"])
    assert.strictEqual(d.detail, "outcomes differ: A success, B error \"NotFound\"")
    const other = only(observer.compare(ko("boom"), ok(1)))
    assert.strictEqual(other.detail, "outcomes differ: A error \"boom\", B success")
    assert.strictEqual(only(observer.compare(ko("boom"), ko("bang"))).detail, "errors differ")
    assert.deepStrictEqual(observer.compare(ko("boom"), ko("boom")), [])
    assert.strictEqual(only(observer.compare(ko("boom"), ko(failed([])))).path, "error")
    // a tagged object nested in an answer is compared as an error
    const nested = only(
      observer.compare(ok({ id: "a1", cause: { _tag: "X" } }), ok({ id: "b1", cause: { _tag: "Y" } }))
    )
    assert.strictEqual(nested.path, "cause._tag")
  })
})

describe("the comparison of timestamps and secrets", () => {
  it("timestamps by order, format and stability", () => {
    const observer = Observation.make()
    const format = only(observer.compare(ok(org("a1")), ok(org("b1", { createdAt: "2025-01-01 00:00:00" }))))
    assert.strictEqual(format.path, "createdAt")
    assert.strictEqual(format.detail, "timestamp format differs (expected ISO-8601 with milliseconds and Z)")
    const left = only(observer.compare(ok(org("a2", { updatedAt: "yesterday" })), ok(org("b2"))))
    assert.strictEqual(left.path, "updatedAt")
    assert.deepStrictEqual(
      observer.compare(ok(org("a3", { updatedAt: "never" })), ok(org("b3", { updatedAt: "never" }))),
      []
    )
    assert.lengthOf(observer.compare(ok(org("a4", { updatedAt: "never" })), ok(org("b4", { updatedAt: "later" }))), 1)
    // equal on one side, ordered on the other: a tie is allowed either way
    assert.deepStrictEqual(observer.compare(ok(org("a5", { updatedAt: T1 })), ok(org("b5"))), [])
    const reversed = only(
      observer.compare(ok(org("a6", { updatedAt: T1 })), ok(org("b6", { updatedAt: "2024-12-31T00:00:00.000Z" })))
    )
    assert.strictEqual(reversed.path, "updatedAt")
    assert.strictEqual(
      reversed.detail,
      "timestamp order differs: A has 2025-01-01T00:00:01.000Z > 2025-01-01T00:00:00.000Z, B has 2024-12-31T00:00:00.000Z < 2025-01-01T00:00:00.000Z"
    )
    const moved = observer.compare(ok(org("a1", { createdAt: T1 })), ok(org("b1")))
    assert.isTrue(
      moved.some((d) =>
        d.path === "createdAt" && d.detail === "A changed the createdAt of a1 (was 2025-01-01T00:00:00.000Z)"
      )
    )
    const movedB = observer.compare(ok(org("a2")), ok(org("b2", { createdAt: T1 })))
    assert.isTrue(movedB.some((d) => d.detail === "B changed the createdAt of b2 (was 2025-01-01T00:00:00.000Z)"))
  })

  it("secrets and tokens by shape; an obfuscated value by its own side's secret", () => {
    const observer = Observation.make()
    const key = (id: string, value: unknown, obfuscatedValue: string) => ({ id, value, obfuscatedValue })
    const type = only(
      observer.compare(
        ok(key("a1", Redacted.make("sk_test_1234"), "sk_...1234")),
        ok(key("b1", Redacted.make(5), "sk_...1234"))
      )
    )
    assert.deepStrictEqual([type.path, type.detail, type.a, type.b], [
      "value",
      "secret type differs",
      "string",
      "number"
    ])
    assert.deepStrictEqual(observer.compare(ok({ value: 1 }), ok({ value: 2 })), [])
    const plain = only(observer.compare(ok({ value: "sk_test_ab" }), ok({ value: "sk_live_ab" })))
    assert.deepStrictEqual([plain.a, plain.b], ["sk_test_#", "sk_live_#"])
    const token = only(observer.compare(ok({ verificationToken: "abc" }), ok({ verificationToken: "x-abc" })))
    assert.deepStrictEqual([token.path, token.detail], ["verificationToken", "token shape differs"])
    assert.deepStrictEqual(
      observer.compare(
        ok({ verificationPrefix: "workos-domain-verification-1" }),
        ok({ verificationPrefix: "workos-domain-verification-2" })
      ),
      []
    )
    // without known secrets, only the part before the last four characters counts
    assert.deepStrictEqual(
      observer.compare(ok({ obfuscatedValue: "sk_...abcd" }), ok({ obfuscatedValue: "sk_...wxyz" })),
      []
    )
    const prefix = only(observer.compare(ok({ obfuscatedValue: "sk_...abcd" }), ok({ obfuscatedValue: "pk_...abcd" })))
    assert.strictEqual(prefix.detail, "obfuscated value differs in form")
    const wrong = only(
      observer.compare(
        ok(key("a2", Redacted.make("sk_test_aaaa1111"), "sk_...1111")),
        ok(key("b2", Redacted.make("sk_test_bbbb2222"), "sk_...1111"))
      )
    )
    assert.deepStrictEqual([wrong.path, wrong.b], ["obfuscatedValue", "sk_...1111<not the secret's last 4>"])
    assert.strictEqual(wrong.a, "sk_...<last4>")
    // a secret shorter than four characters: the last four of the obfuscated value are not checked against it
    assert.deepStrictEqual(
      observer.compare(
        ok(key("a3", Redacted.make("abc"), "sk_...1111")),
        ok(key("b3", Redacted.make("xyz"), "sk_...2222"))
      ),
      []
    )
  })

  it("shapes, renderings and the failure lines", () => {
    assert.strictEqual(Observation.shape("abc"), "#")
    assert.strictEqual(Observation.shape("sk_test_x1"), "sk_test_#")
    assert.strictEqual(Observation.shape("a-b_c"), "a-b_#")
    assert.strictEqual(Observation.render("x".repeat(10), 4), "\"xxx…")
    assert.strictEqual(Observation.render("xy", 4), "\"xy\"")
    assert.strictEqual(Observation.render("x".repeat(398)), `"${"x".repeat(398)}"`)
    assert.strictEqual(Observation.render(Redacted.make("sk_test_1")), "<redacted>")
    assert.strictEqual(Observation.render({ value: Redacted.make("sk_test_1") }), "{\"value\":\"<redacted>\"}")
    assert.strictEqual(Observation.render(undefined), "undefined")
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    assert.strictEqual(Observation.render(cyclic), "[object Object]")
    assert.strictEqual(
      Observation.format([{ path: "", a: 1, b: "x", detail: "outcomes differ" }, {
        path: "data",
        a: 3,
        b: 2,
        detail: "lengths"
      }]),
      "  at <answer>: outcomes differ\n    A: 1\n    B: \"x\"\n  at data: lengths\n    A: 3\n    B: 2"
    )
  })
})

describe("the details a weaker comparison would let pass", () => {
  it("an explicit undefined against a value, keys listed in order, ids of another type", () => {
    const observer = Observation.make()
    const d = only(observer.compare(ok({ id: "a1", slug: "x" }), ok({ id: "b1", slug: undefined })))
    assert.deepStrictEqual([d.path, d.detail], ["", "keys differ: only in A [slug], only in B []"])
    const e = only(observer.compare(ok({ id: "a1", slug: undefined }), ok({ id: "b1", slug: "x" })))
    assert.strictEqual(e.detail, "keys differ: only in A [], only in B [slug]")
    assert.strictEqual(
      only(observer.compare(ok({ id: "a1", z: 1, y: 2 }), ok({ id: "b1" }))).detail,
      "keys differ: only in A [y, z], only in B []"
    )
    assert.strictEqual(
      only(observer.compare(ok({ id: "a1" }), ok({ id: "b1", z: 1, y: 2 }))).detail,
      "keys differ: only in A [], only in B [y, z]"
    )
    const id = only(observer.compare(ok({ id: "a9" }), ok({ id: 9 })))
    assert.deepStrictEqual([id.path, id.detail], ["id", "values differ"])
    assert.strictEqual(only(observer.compare(ok({ x: [] }), ok({ x: {} }))).detail, "values differ")
    assert.strictEqual(only(observer.compare(ok({ x: { y: 1 } }), ok({ x: "s" }))).detail, "values differ")
    assert.strictEqual(only(observer.compare(ok({ x: "s" }), ok({ x: { y: 1 } }))).detail, "values differ")
  })

  it("a tagged object nested in an answer is compared as an error, against an untagged one too", () => {
    const observer = Observation.make()
    const both = only(observer.compare(ok({ cause: { _tag: "X" } }), ok({ cause: { _tag: "Y" } })))
    assert.deepStrictEqual([both.path, both.detail], ["cause._tag", "error tags differ: \"X\" vs \"Y\""])
    const one = only(observer.compare(ok({ cause: { _tag: "X" } }), ok({ cause: { message: "m" } })))
    assert.deepStrictEqual([one.path, one.detail], ["cause._tag", "error tags differ: \"X\" vs undefined"])
    const other = only(observer.compare(ok({ cause: { message: "m" } }), ok({ cause: { _tag: "X" } })))
    assert.strictEqual(other.detail, "error tags differ: undefined vs \"X\"")
    const top = only(observer.compare(ok({ _tag: "X" }), ok({ _tag: "Y" })))
    assert.strictEqual(top.path, "_tag")
    assert.deepStrictEqual(observer.compare(ok({ _tag: "X", detail: "one" }), ok({ _tag: "X", detail: "two" })), [])
  })

  it("error fields: status, field, an id of another type, issues of another shape, a missing code on A", () => {
    const observer = Observation.make()
    const field = only(
      observer.compare(ko({ _tag: "InvalidRequest", field: "a" }), ko({ _tag: "InvalidRequest", field: "b" }))
    )
    assert.deepStrictEqual([field.path, field.detail], ["error.field", "error field differs"])
    const status = only(
      observer.compare(ko({ _tag: "ServerError", status: 500 }), ko({ _tag: "ServerError", status: 503 }))
    )
    assert.strictEqual(status.path, "error.status")
    const code = only(observer.compare(ko({ _tag: "V" }), ko({ _tag: "V", code: "x" })))
    assert.deepStrictEqual([code.path, code.a, code.b], ["error.code", undefined, "x"])
    assert.strictEqual(
      only(observer.compare(ko({ _tag: "NotFound", id: "a" }), ko({ _tag: "NotFound", id: 5 }))).detail,
      "error id differs"
    )
    assert.strictEqual(
      only(observer.compare(ko({ _tag: "NotFound", id: 5 }), ko({ _tag: "NotFound", id: "b" }))).detail,
      "error id differs"
    )
    assert.strictEqual(observer.size(), 0)
    const shape = only(observer.compare(ko({ _tag: "V", errors: "oops" }), ko({ _tag: "V", errors: [] })))
    assert.deepStrictEqual([shape.path, shape.a, shape.b], ["error.errors", ["\"oops\""], []])
    assert.deepStrictEqual(observer.compare(ko({ _tag: "V" }), ko({ _tag: "V", errors: [] })), [])
    assert.deepStrictEqual(observer.compare(ko({ _tag: "V", errors: ["x"] }), ko({ _tag: "V", errors: ["x"] })), [])
    const two = only(
      observer.compare(
        ko({ _tag: "V", errors: [{ field: "a", code: "x" }, { field: "b", code: "y" }] }),
        ko({ _tag: "V", errors: [{ field: "a", code: "x" }, { field: "b", code: "z" }] })
      )
    )
    assert.strictEqual(
      two.detail,
      "error issues differ (field and code): A [\"a\": \"x\", \"b\": \"y\"], B [\"a\": \"x\", \"b\": \"z\"]"
    )
    const d = only(observer.compare(ko("boom"), ok(1)))
    assert.deepStrictEqual([d.a, d.b], ["boom", "success"])
  })

  it("timestamps: anchors beyond the first, ties on A, the direction of each side, prefixed or suffixed text", () => {
    const observer = Observation.make()
    const at = (id: string, updatedAt: string) => ({ id, updatedAt })
    observer.compare(ok(at("a1", "2025-01-01T00:00:00.000Z")), ok(at("b1", "2030-01-01T00:00:00.000Z")))
    observer.compare(ok(at("a2", "2025-01-01T00:00:02.000Z")), ok(at("b2", "2030-01-01T00:00:02.000Z")))
    // later than the first on both sides, but earlier than the second on A only
    const third = only(
      observer.compare(ok(at("a3", "2025-01-01T00:00:01.000Z")), ok(at("b3", "2030-01-01T00:00:03.000Z")))
    )
    assert.strictEqual(
      third.detail,
      "timestamp order differs: A has 2025-01-01T00:00:01.000Z < 2025-01-01T00:00:02.000Z, B has 2030-01-01T00:00:03.000Z > 2030-01-01T00:00:02.000Z"
    )
    // the same as an anchor on A, earlier on B: a tie, allowed
    assert.deepStrictEqual(
      observer.compare(ok(at("a4", "2025-01-01T00:00:02.000Z")), ok(at("b4", "2030-01-01T00:00:01.500Z"))),
      []
    )
    const lastUsed = observer.compare(
      ok({ lastUsedAt: "2025-01-01T00:00:02.000Z" }),
      ok({ lastUsedAt: "2030-01-01T00:00:02.000Z" })
    )
    assert.deepStrictEqual(lastUsed, [])
    for (const odd of ["x2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Zx"]) {
      assert.strictEqual(
        only(observer.compare(ok(at("a1", odd)), ok(at("b1", "2030-01-01T00:00:00.000Z")))).detail,
        "timestamp format differs (expected ISO-8601 with milliseconds and Z)"
      )
    }
  })

  it("createdAt: only of objects with an id, and never dropped", () => {
    const observer = Observation.make()
    assert.deepStrictEqual(observer.compare(ok({ createdAt: T0 }), ok({ createdAt: T0 })), [])
    assert.deepStrictEqual(observer.compare(ok({ createdAt: T1 }), ok({ createdAt: T1 })), [])
    assert.deepStrictEqual(observer.compare(ok({ id: "a1", createdAt: T0 }), ok({ id: "b1", createdAt: T0 })), [])
    assert.deepStrictEqual(observer.compare(ok({ id: "a1" }), ok({ id: "b1" })), [])
    // B without an id: only the keys differ, every time
    assert.lengthOf(observer.compare(ok({ id: "a2", createdAt: T0 }), ok({ createdAt: T0 })), 1)
    assert.lengthOf(observer.compare(ok({ id: "a2", createdAt: T0 }), ok({ createdAt: T1 })), 1)
    assert.lengthOf(observer.compare(ok({ createdAt: T0 }), ok({ id: "b2", createdAt: T0 })), 1)
  })

  it("secrets: a non-string on A, a secret of exactly four characters, a redacted value under any key", () => {
    const observer = Observation.make()
    const type = only(observer.compare(ok({ value: Redacted.make(5) }), ok({ value: Redacted.make("sk_test_1") })))
    assert.deepStrictEqual([type.a, type.b], ["number", "string"])
    const key = (id: string, value: string, obfuscatedValue: string) => ({
      id,
      value: Redacted.make(value),
      obfuscatedValue
    })
    const four = only(observer.compare(ok(key("a1", "abcd", "sk_...abcd")), ok(key("b1", "wxyz", "sk_...abcd"))))
    assert.deepStrictEqual([four.a, four.b], ["sk_...<last4>", "sk_...abcd<not the secret's last 4>"])
    assert.deepStrictEqual(observer.compare(ok({ token: Redacted.make("sk_test_a") }), ok({ token: "sk_test_b" })), [])
    assert.deepStrictEqual(observer.compare(ok({ token: "sk_test_a" }), ok({ token: Redacted.make("sk_test_b") })), [])
    assert.lengthOf(observer.compare(ok({ token: Redacted.make("sk_test_a") }), ok({ token: "pk_b" })), 1)
    assert.strictEqual(observer.bind("x", "y"), undefined)
    assert.strictEqual(observer.bind("x", "z")?.path, "")
  })
})
