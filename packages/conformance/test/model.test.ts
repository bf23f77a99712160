/**
 * The fake against the reference model alone (both lockstep sides in memory): the same commands and checks as the
 * lockstep suite, without HTTP, so more of them per second. The mutation run uses it to judge the fake's rules.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Commands from "../src/Commands.js"
import * as Lockstep from "../src/Lockstep.js"
import * as Model from "../src/Model.js"
import * as Sides from "./support/sides.js"

const NUM_RUNS = 100
const MAX_COMMANDS = 40

describe("the fake against the reference model", () => {
  it.live(
    `${NUM_RUNS} runs × up to ${MAX_COMMANDS} commands: every answer as the model predicts, invariants after each step`,
    () =>
      Effect.gen(function*() {
        console.log(`fake vs reference model: numRuns=${NUM_RUNS} × maxCommands=${MAX_COMMANDS}`)
        const stats = yield* Lockstep.run({
          numRuns: NUM_RUNS,
          maxCommands: MAX_COMMANDS,
          setup: () =>
            Effect.gen(function*() {
              const a = yield* Sides.memory({ fixtures: Sides.fixtures })
              const b = yield* Sides.memory({ fixtures: Sides.fixtures })
              return { a, b, seeded: Sides.seeded, flags: Sides.flags }
            }),
          settings: () => ({ namespace: Commands.namespace(""), limits: Commands.defaultLimits, invariantsOnB: false })
        })
        console.log(Lockstep.summary(stats))
        assert.isAbove(stats.commands, NUM_RUNS * 5)
      }),
    { timeout: 120_000 }
  )
})

describe("the fake against the reference model, under other environment settings", () => {
  // the docs' stricter numbers, no Stripe integration, and no ASCII rule
  const settings = {
    metadataMaxKeys: 10,
    externalIdMaxLength: 64,
    stripeCustomerIdEnabled: false,
    metadataAsciiOnly: false,
    externalIdAsciiOnly: false
  }
  const limits: Commands.Limits = { ...Commands.defaultLimits, ...settings }

  it.live(
    `${NUM_RUNS / 2} runs × up to ${MAX_COMMANDS} commands with ${JSON.stringify(settings)}`,
    () =>
      Effect.gen(function*() {
        const stats = yield* Lockstep.run({
          numRuns: NUM_RUNS / 2,
          maxCommands: MAX_COMMANDS,
          setup: () =>
            Effect.gen(function*() {
              const a = yield* Sides.memory({ fixtures: Sides.fixtures, settings })
              const b = yield* Sides.memory({ fixtures: Sides.fixtures, settings })
              return { a, b, seeded: Sides.seeded, flags: Sides.flags }
            }),
          settings: () => ({ namespace: Commands.namespace(""), limits, invariantsOnB: false })
        })
        assert.isAbove(stats.outcomes.get("updateOrganization:ValidationFailed") ?? 0, 0)
      }),
    { timeout: 120_000 }
  )
})

describe("the reference model's pagination", () => {
  const walk = (items: ReadonlyArray<number>, order: "asc" | "desc" | "normal", limit: number) => {
    const seen: Array<number> = []
    const side = order === "normal" ? "before" : "after"
    let cursor: number | undefined
    for (let pages = 0; pages <= items.length + 1; pages++) {
      const page = Model.page(items, (n) => n, { order, limit, [side]: cursor })
      seen.push(...page.data)
      const next = order === "normal" ? page.before : page.after
      if (next === null) return seen
      cursor = next
    }
    throw new Error("the walk does not end")
  }
  const collection = fc.uniqueArray(fc.nat(200), { maxLength: 40 }).map((xs) => [...xs].sort((a, b) => a - b))
  const limit = fc.integer({ min: 1, max: 12 })

  it.prop("walking forward from the start yields every item once, in order", [collection, limit], ([items, n]) => {
    assert.deepStrictEqual(walk(items, "asc", n), items)
    assert.deepStrictEqual(walk(items, "desc", n), [...items].reverse())
    assert.deepStrictEqual(walk(items, "normal", n), [...items].reverse())
  }, { fastCheck: { numRuns: 200 } })

  it.prop(
    "'before' the first item of a page gives the page before it",
    [collection, limit, fc.nat()],
    ([items, n, k]) => {
      for (const order of ["asc", "desc"] as const) {
        const sorted = order === "asc" ? items : [...items].reverse()
        if (sorted.length === 0) continue
        const start = k % sorted.length
        const page = Model.page(items, (x) => x, {
          order,
          limit: n,
          after: start === 0 ? undefined : sorted[start - 1]
        })
        const previous = Model.page(items, (x) => x, { order, limit: n, before: page.data[0]! })
        assert.deepStrictEqual(previous.data, sorted.slice(Math.max(0, start - n), start))
        assert.strictEqual(page.before, start === 0 ? null : page.data[0])
      }
    },
    { fastCheck: { numRuns: 200 } }
  )

  it("a cursor whose item is gone still marks its position", () => {
    assert.deepStrictEqual(Model.page([1, 2, 4, 5], (x) => x, { order: "asc", limit: 2, after: 3 }).data, [4, 5])
    assert.deepStrictEqual(Model.page([1, 2, 4, 5], (x) => x, { order: "desc", limit: 1, before: 3 }).data, [4])
  })
})
