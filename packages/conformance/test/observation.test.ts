import { NotFound, ValidationFailed } from "@effect-workos/core/WorkOSError"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Observation from "../src/Observation.js"

const org = (id: string, createdAt: string, extra: Record<string, unknown> = {}) => ({
  object: "organization",
  id,
  name: "Acme",
  createdAt,
  updatedAt: createdAt,
  ...extra
})

describe("Observation", () => {
  it("pairs ids the first time it sees them, then holds both sides to the pairing", () => {
    const observer = Observation.make()
    assert.deepStrictEqual(
      observer.compare(
        Either.right(org("org_A1", "2025-01-01T00:00:00.000Z")),
        Either.right(org("org_B1", "2025-01-01T00:00:00.000Z"))
      ),
      []
    )
    assert.strictEqual(observer.toB("org_A1"), "org_B1")
    assert.strictEqual(observer.toA("org_B1"), "org_A1")
    // A's org_A1 must stay B's org_B1 …
    const swapped = observer.compare(
      Either.right(org("org_A1", "2025-01-01T00:00:00.000Z")),
      Either.right(org("org_B2", "2025-01-01T00:00:00.000Z"))
    )
    assert.include(swapped[0]!.detail, "is paired with")
    // … and B's org_B1 cannot be another A id
    const reused = observer.compare(
      Either.right(org("org_A2", "2025-01-01T00:00:00.000Z")),
      Either.right(org("org_B1", "2025-01-01T00:00:00.000Z"))
    )
    assert.include(reused[0]!.detail, "is paired with")
  })

  it("compares timestamps by their order only, tolerating ties", () => {
    const observer = Observation.make()
    observer.compare(
      Either.right(org("a1", "2025-01-01T00:00:00.000Z")),
      Either.right(org("b1", "2030-06-01T00:00:00.000Z"))
    )
    // later on both sides: fine, whatever the clocks say
    assert.deepStrictEqual(
      observer.compare(
        Either.right(org("a2", "2025-01-01T00:00:01.000Z")),
        Either.right(org("b2", "2030-06-01T00:00:00.500Z"))
      ),
      []
    )
    // the same millisecond on one side, later on the other: fine
    assert.deepStrictEqual(
      observer.compare(
        Either.right(org("a3", "2025-01-01T00:00:01.000Z")),
        Either.right(org("b3", "2030-06-01T00:00:00.900Z"))
      ),
      []
    )
    // earlier on one side, later on the other: a difference
    const reversed = observer.compare(
      Either.right(org("a4", "2024-12-31T00:00:00.000Z")),
      Either.right(org("b4", "2030-06-02T00:00:00.000Z"))
    )
    assert.include(reversed[0]!.detail, "timestamp order differs")
  })

  it("notices a createdAt that changes", () => {
    const observer = Observation.make()
    observer.compare(
      Either.right(org("a1", "2025-01-01T00:00:00.000Z")),
      Either.right(org("b1", "2025-01-01T00:00:00.000Z"))
    )
    const moved = observer.compare(
      Either.right(org("a1", "2025-01-01T00:00:00.000Z")),
      Either.right(org("b1", "2025-01-02T00:00:00.000Z"))
    )
    assert.isTrue(moved.some((d) => d.detail.includes("B changed the createdAt")))
  })

  it("compares secrets by shape, and obfuscated values against each side's own secret", () => {
    const observer = Observation.make()
    const key = (id: string, value: string, obfuscated: string) => ({
      id,
      value: Redacted.make(value),
      obfuscatedValue: obfuscated
    })
    assert.deepStrictEqual(
      observer.compare(
        Either.right(key("k1", "sk_test_abcd1234", "sk_...1234")),
        Either.right(key("k2", "sk_test_zzzzWXYZ99", "sk_...YZ99"))
      ),
      []
    )
    const shape = observer.compare(
      Either.right(key("k3", "sk_test_abcd", "sk_...abcd")),
      Either.right(key("k4", "sk_live_abcd", "sk_...abcd"))
    )
    assert.include(shape[0]!.detail, "secret shape differs")
    const obfuscated = observer.compare(
      Either.right(key("k5", "sk_test_abcd", "sk_...abcd")),
      Either.right(key("k6", "sk_test_wxyz", "sk_...abcd"))
    )
    assert.include(obfuscated[0]!.detail, "obfuscated value differs")
    assert.strictEqual(Observation.shape("workos-domain-verification-x1y2z3"), "workos-domain-verification-#")
  })

  it("compares errors by tag and code, never by message", () => {
    const observer = Observation.make()
    const failed = (detail: string, code?: string) =>
      new ValidationFailed({ detail, errors: [], ...(code === undefined ? {} : { code }) })
    assert.deepStrictEqual(
      observer.compare(Either.left(failed("one text", "x")), Either.left(failed("another text", "x"))),
      []
    )
    assert.include(
      observer.compare(Either.left(failed("t", "x")), Either.left(failed("t", "y")))[0]!.detail,
      "error code differs"
    )
    assert.include(
      observer.compare(Either.left(failed("t")), Either.left(new NotFound({ resource: "Organization", id: "o" })))[0]!
        .detail,
      "error tags differ"
    )
    assert.include(
      observer.compare(Either.left(failed("t")), Either.right(org("o", "2025-01-01T00:00:00.000Z")))[0]!.detail,
      "outcomes differ"
    )
  })

  it("reports keys present on one side only", () => {
    const observer = Observation.make()
    const differences = observer.compare(
      Either.right({ id: "a", stripeCustomerId: "cus_1" }),
      Either.right({ id: "b" })
    )
    assert.include(differences[0]!.detail, "only in A [stripeCustomerId]")
  })
})
