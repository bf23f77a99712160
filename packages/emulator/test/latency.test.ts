/**
 * The emulator's wait for an answer's time, on the real clock: Node's timers count whole milliseconds from the start
 * of the event loop's turn, so a bare sleep of the time left can end before it.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as InternalLatency from "../src/internal/latency.js"

const nowMillis = Effect.map(Clock.currentTimeNanos, (nanos) => Number(nanos) / 1_000_000)

describe("waiting for an answer's time", () => {
  it.live("200 waits of 0 to 3 ms with a fraction: none ends before its time", () =>
    Effect.gen(function*() {
      let early = 0
      for (let i = 0; i < 200; i++) {
        const at = (yield* nowMillis) + (yield* Random.nextRange(0, 3))
        yield* InternalLatency.waitUntil(at)
        if ((yield* nowMillis) < at) early++
      }
      assert.strictEqual(early, 0, `${early} of 200 waits ended early`)
    }))
})
