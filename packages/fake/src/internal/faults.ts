/**
 * Which faults a call gets under a fault plan. Pure apart from the plan's own random generator.
 *
 * @internal
 */
import type { Fault, FaultKind, FaultPlan, Operation } from "../Faults.js"
import * as Journal from "../Journal.js"
import type { Prng } from "./prng.js"

/** The kinds in the order random draws are made. @internal */
export const KINDS: ReadonlyArray<FaultKind> = [
  "Latency",
  "RateLimited",
  "ServerError",
  "RequestFailed",
  "ResponseLost"
]

/** @internal */
export interface Decision {
  /** Everything applied, for the journal: the latencies, then the failure. */
  readonly faults: ReadonlyArray<Fault>
  readonly latencyMillis: number
  /** The failure, if any: `RateLimited`, `ServerError`, `RequestFailed` (before) or `ResponseLost` (after). */
  readonly failure: Exclude<Fault, { readonly _tag: "Latency" }> | undefined
}

/** @internal */
export const none: Decision = { faults: [], latencyMillis: 0, failure: undefined }

const randomFault = (plan: NonNullable<FaultPlan["random"]>, kind: FaultKind): Fault => {
  switch (kind) {
    case "Latency":
      return { _tag: "Latency", millis: plan.latencyMillis ?? 100 }
    case "RateLimited":
      return { _tag: "RateLimited", retryAfterSeconds: plan.retryAfterSeconds ?? 1 }
    case "ServerError":
      return { _tag: "ServerError", status: plan.status ?? 500 }
    case "RequestFailed":
      return { _tag: "RequestFailed" }
    case "ResponseLost":
      return { _tag: "ResponseLost" }
  }
}

/**
 * The faults for a call of `operation` at `position` (counted since the plan was set). Scripted entries match by
 * operation (or `"*"` against the overall count) and call range (`Journal.covers`); then each kind with a random
 * rate draws once. The call gets every latency and the first failure.
 *
 * @internal
 */
export const decide = (
  plan: FaultPlan,
  operation: Operation,
  position: Journal.CallPosition,
  prng: Prng | undefined
): Decision => {
  const candidates: Array<Fault> = []
  for (const entry of plan.scripted ?? []) {
    if (Journal.covers(entry, operation, position)) candidates.push(entry.fault)
  }
  if (plan.random !== undefined && prng !== undefined) {
    for (const kind of KINDS) {
      const rate = plan.random.rates[kind]
      if (rate !== undefined && prng.nextFloat() < rate) candidates.push(randomFault(plan.random, kind))
    }
  }
  if (candidates.length === 0) return none
  const faults: Array<Fault> = []
  let latencyMillis = 0
  let failure: Decision["failure"] = undefined
  for (const fault of candidates) {
    if (fault._tag === "Latency") {
      latencyMillis += fault.millis
      faults.push(fault)
    } else if (failure === undefined) {
      failure = fault
    }
  }
  if (failure !== undefined) faults.push(failure)
  return { faults, latencyMillis, failure }
}
