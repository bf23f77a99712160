/**
 * The shared UUID builder: version 4, variant 1, drawn from `Random` (the same seed gives the same ids).
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Random } from "effect"
import * as Uuid from "../src/Uuid.js"

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("Uuid.make", () => {
  it.effect("gives version-4 UUIDs, all different", () =>
    Effect.gen(function*() {
      const ids = yield* Effect.replicateEffect(Uuid.make, 500)
      for (const id of ids) assert.match(id, V4)
      assert.strictEqual(new Set(ids).size, ids.length)
    }))

  it.effect("draws from Random: the same seed gives the same ids", () =>
    Effect.gen(function*() {
      const run = (seed: string) => Effect.replicateEffect(Uuid.make, 5).pipe(Effect.withRandom(Random.make(seed)))
      assert.deepStrictEqual(yield* run("a"), yield* run("a"))
      assert.notDeepEqual(yield* run("a"), yield* run("b"))
    }))

  it.effect("every random digit varies: no position is stuck (122 random bits, none lost to a draw's precision)", () =>
    Effect.gen(function*() {
      const ids = (yield* Effect.replicateEffect(Uuid.make, 2_000)).map((id) => id.replaceAll("-", ""))
      for (let position = 0; position < 32; position++) {
        const seen = new Set(ids.map((id) => id[position]))
        // the version digit is always 4; the variant digit is one of 8, 9, a, b
        const expected = position === 12 ? 1 : position === 16 ? 4 : 16
        assert.strictEqual(seen.size, expected, `hex digit ${position}`)
      }
    }))
})
