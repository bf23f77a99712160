/**
 * Fault plans for an in-memory environment (`FakeWorkOS.setFaults`; the emulator's `PUT /_emulator/faults` extends
 * them with HTTP faults): which calls fail, how, and which wait. `FakeWorkOS` re-exports every name of this module.
 *
 * @since 0.1.0
 */
import type { Operation as CoreOperation } from "@effect-workos/core/Organizations"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as Schema from "effect/Schema"

const Count = Schema.Int.pipe(Schema.nonNegative())
const Positive = Schema.Int.pipe(Schema.positive())

/**
 * The operations, by the official SDK's names (`WorkOSApi.operations`, derived from the API declaration).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Operation: Schema.Schema<CoreOperation> = Schema.Literal(...WorkOSApi.operations)

/**
 * @since 0.1.0
 * @category models
 */
export type Operation = CoreOperation

/**
 * One injected fault.
 *
 * - `RateLimited`: the call fails with `RateLimited` (429 with `Retry-After`) and does nothing.
 * - `ServerError`: the call fails with `ServerError` of that status and does nothing.
 * - `RequestFailed`: the call fails with `RequestFailed` before reaching the state.
 * - `Latency`: the call waits this long (on `Clock`, so `TestClock.adjust` moves it on), then runs.
 * - `ResponseLost`: the call runs and its change is kept, then the caller gets `RequestFailed`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fault = Schema.Union(
  Schema.TaggedStruct("RateLimited", { retryAfterSeconds: Count }),
  Schema.TaggedStruct("ServerError", { status: Schema.Int.pipe(Schema.between(500, 599)) }),
  Schema.TaggedStruct("RequestFailed", {}),
  Schema.TaggedStruct("Latency", { millis: Count }),
  Schema.TaggedStruct("ResponseLost", {})
)

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = typeof Fault.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const FaultKind = Schema.Literal("RateLimited", "ServerError", "RequestFailed", "Latency", "ResponseLost")

/**
 * @since 0.1.0
 * @category models
 */
export type FaultKind = typeof FaultKind.Type

/**
 * A fault for calls `nth` to `nth + count - 1` (1-based, counted from when the plan was set) of one operation, or
 * of all calls together with `"*"`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScriptedFault = Schema.Struct({
  operation: Schema.Union(Operation, Schema.Literal("*")),
  nth: Positive,
  /** Default 1. */
  count: Schema.optional(Positive),
  fault: Fault
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ScriptedFault extends Schema.Schema.Type<typeof ScriptedFault> {}

const Rate = Schema.Number.pipe(Schema.between(0, 1))

/**
 * Faults drawn at random, reproducibly from `seed`: each call draws once per kind that has a rate.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RandomFaults = Schema.Struct({
  seed: Schema.Int,
  rates: Schema.Struct({
    RateLimited: Schema.optional(Rate),
    ServerError: Schema.optional(Rate),
    RequestFailed: Schema.optional(Rate),
    Latency: Schema.optional(Rate),
    ResponseLost: Schema.optional(Rate)
  }),
  /** Default 1. */
  retryAfterSeconds: Schema.optional(Count),
  /** Default 500. */
  status: Schema.optional(Schema.Int.pipe(Schema.between(500, 599))),
  /** Default 100. */
  latencyMillis: Schema.optional(Count)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RandomFaults extends Schema.Schema.Type<typeof RandomFaults> {}

/**
 * Which calls fail, and how. A call gets every matching latency and the first matching failure (scripted entries
 * first, in order, then random draws in the order of {@link FaultKind}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const FaultPlan = Schema.Struct({
  scripted: Schema.optional(Schema.Array(ScriptedFault)),
  random: Schema.optional(RandomFaults)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FaultPlan extends Schema.Schema.Type<typeof FaultPlan> {}
