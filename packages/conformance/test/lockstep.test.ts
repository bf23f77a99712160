import * as Emulator from "@effect-workos/emulator/Emulator"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Commands from "../src/Commands.js"
import * as Lockstep from "../src/Lockstep.js"
import * as Sides from "./support/sides.js"

// CI size: numRuns × maxCommands commands, each against both sides, plus a full listing of each side per step.
const NUM_RUNS = 40
const MAX_COMMANDS = 40

describe("lockstep: the fake (A) against the live layer over the emulator (B)", () => {
  it.live(
    `${NUM_RUNS} runs × up to ${MAX_COMMANDS} commands agree, and agree with the reference model`,
    () =>
      Effect.scoped(Effect.gen(function*() {
        const address = yield* Emulator.start({ fixtures: Sides.fixtures as never })
        console.log(`lockstep vs emulator: numRuns=${NUM_RUNS} × maxCommands=${MAX_COMMANDS}`)
        const stats = yield* Lockstep.run({
          numRuns: NUM_RUNS,
          maxCommands: MAX_COMMANDS,
          setup: (run) =>
            Effect.gen(function*() {
              const a = yield* Sides.memory({ fixtures: Sides.fixtures })
              const b = yield* Sides.overHttp({ address, apiKey: `sk_test_lockstep_${run}`, controlled: true })
              return { a, b, seeded: Sides.seeded, flags: Sides.flags }
            }),
          settings: () => ({ namespace: Commands.namespace(""), limits: Commands.defaultLimits, invariantsOnB: true })
        })
        console.log(Lockstep.summary(stats))
        assert.isAtLeast(stats.commands, NUM_RUNS)
      })),
    { timeout: 180_000 }
  )
})
