import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Ref from "effect/Ref"
import * as Linearizability from "../src/Linearizability.js"

// A toy "claim a unique name" service: claim(name) succeeds once per name, then fails with "taken".
type Input = { readonly name: string }
type Output = "ok" | "taken"
const model: Linearizability.Model<ReadonlySet<string>, Input, Output> = {
  init: new Set(),
  step: (state, input, output) => {
    const expected = state.has(input.name) ? "taken" : "ok"
    if (expected !== output) return undefined
    return output === "ok" ? new Set([...state, input.name]) : state
  },
  key: (state) => [...state].sort().join(",")
}

const op = (client: number, name: string, output: Output, call: number, ret: number) => ({
  client,
  input: { name },
  output,
  call,
  ret
})

describe("Linearizability.check", () => {
  it("accepts a sequential history that follows the model", () => {
    const result = Linearizability.check(model, [op(0, "a", "ok", 1, 2), op(1, "a", "taken", 3, 4)])
    assert.isTrue(result.linearizable)
  })

  it("rejects two successful claims of one name, even when they overlap", () => {
    const result = Linearizability.check(model, [op(0, "a", "ok", 1, 4), op(1, "a", "ok", 2, 3)])
    assert.isFalse(result.linearizable)
  })

  it("respects real time: a 'taken' that returned before the only 'ok' was called is impossible", () => {
    const result = Linearizability.check(model, [op(0, "a", "taken", 1, 2), op(1, "a", "ok", 3, 4)])
    assert.isFalse(result.linearizable)
  })

  it("finds the order when overlapping operations allow it", () => {
    // 'taken' overlaps the 'ok', so 'ok' can be linearized first
    const result = Linearizability.check(model, [op(0, "a", "taken", 1, 4), op(1, "a", "ok", 2, 3)])
    assert.isTrue(result.linearizable)
    if (result.linearizable) assert.deepStrictEqual(result.order, [1, 0])
  })

  const run = (claim: (name: string) => Effect.Effect<void, "taken">) =>
    Effect.gen(function*() {
      const recorder = yield* Linearizability.makeRecorder<Input, Output>()
      yield* Effect.forEach(
        Array.from({ length: 40 }, (_, i) => i),
        (i) => recorder.record(i, { name: `n${i % 4}` }, claim(`n${i % 4}`), (r) => Either.isRight(r) ? "ok" : "taken"),
        { concurrency: "unbounded" }
      )
      return Linearizability.check(model, yield* recorder.history)
    })

  it.effect("an atomic implementation under 40 concurrent fibers is linearizable", () =>
    Effect.gen(function*() {
      const names = yield* Ref.make<ReadonlySet<string>>(new Set())
      const claim = (name: string): Effect.Effect<void, "taken"> =>
        Effect.flatten(Ref.modify(names, (s): readonly [Effect.Effect<void, "taken">, ReadonlySet<string>] =>
          s.has(name)
            ? [Effect.fail("taken" as const), s]
            : [Effect.void, new Set([...s, name])]))
      const result = yield* run(claim)
      assert.isTrue(result.linearizable)
    }))

  it.effect("a check-then-act implementation under 40 concurrent fibers is caught", () =>
    Effect.gen(function*() {
      const names = yield* Ref.make<ReadonlySet<string>>(new Set())
      const claim = (name: string) =>
        Effect.gen(function*() {
          const taken = (yield* Ref.get(names)).has(name)
          yield* Effect.yieldNow()
          if (taken) return yield* Effect.fail("taken" as const)
          yield* Ref.update(names, (s) => new Set([...s, name]))
        })
      const result = yield* run(claim)
      assert.isFalse(result.linearizable)
    }))
})
