/**
 * Moves both sides' clocks forward by the same amount (the fake's clock, the emulator's through its control
 * route), always a multiple of the DNS check interval: DNS checks find published records, verification periods
 * end.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import { advanced, DNS_CHECK_INTERVAL, VERIFICATION_PERIOD } from "../model/Domains.js"
import { type Command, plan } from "./Command.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Fields {
  /** In DNS check intervals. */
  readonly intervals: number
}

const DAY_INTERVALS = (24 * 60 * 60 * 1000) / DNS_CHECK_INTERVAL
const PERIOD_INTERVALS = VERIFICATION_PERIOD / DNS_CHECK_INTERVAL

/**
 * @since 0.3.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "advanceClock",
  weight: 3,
  arbitrary: fc.constantFrom(1, 1, 2, 12, DAY_INTERVALS, 10 * DAY_INTERVALS, PERIOD_INTERVALS - 1, PERIOD_INTERVALS)
    .map((intervals) => ({ intervals })),
  ready: (state) => state.controlled,
  describe: (input) => `advanceClock(${input.intervals} × ${DNS_CHECK_INTERVAL / 60_000} min)`,
  plan: (state, input) => {
    const millis = input.intervals * DNS_CHECK_INTERVAL
    return plan(
      (s) =>
        s.control === undefined
          ? Effect.dieMessage("advanceClock needs the side's control")
          : s.control.advance(millis),
      () => {
        advanced(state, millis)
        return []
      }
    )
  }
}
