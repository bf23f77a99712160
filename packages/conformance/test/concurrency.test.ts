import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Runtime from "effect/Runtime"
import * as Concurrency from "../src/Concurrency.js"
import * as Linearizability from "../src/Linearizability.js"
import * as Sides from "./support/sides.js"

const CLIENTS = 6
const CALLS = 8
const NUM_RUNS = 40

const check = (history: ReadonlyArray<Linearizability.Operation<Concurrency.Input, Concurrency.Output>>) =>
  Linearizability.check(Concurrency.model, history)

const overlapping = (history: ReadonlyArray<Linearizability.Operation<unknown, unknown>>) =>
  history.filter((op) => history.some((other) => other !== op && other.call < op.ret && op.call < other.ret)).length

describe("linearizability of the fake under concurrent callers", () => {
  it.effect.prop(
    `histories of ${CLIENTS} fibers × up to ${CALLS} calls (colliding external ids and domains) are linearizable`,
    { plan: Concurrency.plan({ clients: CLIENTS, calls: CALLS }) },
    ({ plan }) =>
      Effect.gen(function*() {
        const service = yield* Sides.memory()
        const history = yield* Concurrency.record(service, plan)
        const result = check(history)
        assert.isTrue(result.linearizable, `not linearizable: ${JSON.stringify(history)}`)
      }),
    { fastCheck: { numRuns: NUM_RUNS } }
  )

  it.effect("the recorded calls really overlap", () =>
    Effect.gen(function*() {
      const service = yield* Sides.memory()
      const plan: Concurrency.Plan = Array.from({ length: 8 }, () => [
        { call: { _tag: "Create", externalId: 0, domain: 0 }, yields: 2 },
        { call: { _tag: "List" }, yields: 1 }
      ])
      const history = yield* Concurrency.record(service, plan)
      assert.strictEqual(history.length, 16)
      assert.isAbove(overlapping(history), 8)
      // exactly one create won the external id
      assert.strictEqual(history.filter((op) => op.input._tag === "Create" && op.output._tag === "Ok").length, 1)
      assert.isTrue(check(history).linearizable)
    }))
})

describe("the checker catches a racy double (external id uniqueness by check-then-act)", () => {
  it.effect("eight concurrent creates of one external id: several succeed, and the history is not linearizable", () =>
    Effect.gen(function*() {
      const racy = yield* Concurrency.racyDouble(yield* Sides.memory())
      const plan: Concurrency.Plan = Array.from({ length: 8 }, () => [
        { call: { _tag: "Create", externalId: 0 }, yields: 1 }
      ])
      const history = yield* Concurrency.record(racy, plan)
      assert.isAbove(history.filter((op) => op.output._tag === "Ok").length, 1)
      const result = check(history)
      assert.isFalse(result.linearizable)
    }))

  it.effect("the same random plans find it", () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<never>()
      const details = yield* Effect.promise(() =>
        fc.check(
          fc.asyncProperty(Concurrency.plan({ clients: CLIENTS, calls: CALLS }), (plan) =>
            Runtime.runPromise(runtime)(Effect.gen(function*() {
              const racy = yield* Concurrency.racyDouble(yield* Sides.memory())
              const history = yield* Concurrency.record(racy, plan)
              return check(history).linearizable
            }))),
          { numRuns: NUM_RUNS, seed: 6 }
        )
      )
      assert.isTrue(details.failed, "no run of the racy double was flagged")
      console.log(
        `racy double caught after ${details.numRuns} run(s), counterexample shrunk ${details.numShrinks} time(s)`
      )
    }))
})
