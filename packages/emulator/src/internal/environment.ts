/**
 * One isolated WorkOS environment per API key: its own fake (state, idempotency keys, backend faults), its own
 * rate-limit buckets, HTTP faults, latency and journal.
 */
import type { Organizations } from "@effect-workos/core"
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as RateLimit from "./rateLimit.js"

/**
 * What a fresh fake gives the emulator: the backend it serves and the control surface.
 *
 * @internal
 */
export interface Backing {
  readonly backend: Organizations.Backend
  readonly control: FakeWorkOS.Service
}

/** @internal */
export type HttpFault =
  | { readonly _tag: "ConnectionReset" }
  | { readonly _tag: "MalformedBody" }
  | { readonly _tag: "SlowBody"; readonly chunkDelayMillis: number; readonly chunks?: number | undefined }

/**
 * An HTTP fault for requests `from` to `to` (1-based, counted since the plan was set) of one operation, or of all
 * requests together with `"*"`.
 *
 * @internal
 */
export interface HttpFaultRule {
  readonly operation: string
  readonly from: number
  readonly to: number
  readonly fault: HttpFault
}

/** @internal */
export type LatencyPlan =
  | { readonly _tag: "None" }
  | { readonly _tag: "Fixed"; readonly millis: number }
  | { readonly _tag: "Uniform"; readonly min: number; readonly max: number }

/** @internal */
export interface JournalEntry {
  readonly sequence: number
  readonly time: number
  readonly method: string
  readonly path: string
  readonly query: string
  readonly operation: string
  readonly status: number | null
  readonly idempotencyKey: string | null
  readonly attempt: number | null
  readonly requestId: string
}

/** @internal */
export interface Environment {
  readonly backing: Backing
  readonly general: RateLimit.Bucket | undefined
  readonly deletes: RateLimit.Bucket | undefined
  readonly attempts: Map<string, number>
  journal: Array<JournalEntry>
  sequence: number
  /** The fault plan as last set (for GET), the HTTP part of it, and the request counters it runs on. */
  faultPlan: unknown
  httpFaults: ReadonlyArray<HttpFaultRule>
  readonly faultCounts: Map<string, number>
  latency: LatencyPlan
}

/** The journal keeps at least this many most recent entries (it trims to this many past 1.5 times as many). */
export const JOURNAL_LIMIT = 10_000

/** @internal */
export interface Store {
  readonly get: (key: string) => Effect.Effect<Environment>
}

/**
 * Environments created on first use, once per key even when the first requests race.
 *
 * @internal
 */
export const makeStore = (create: Effect.Effect<Environment>): Store => {
  const environments = new Map<string, Deferred.Deferred<Environment>>()
  return {
    get: (key) =>
      Effect.suspend(() => {
        const existing = environments.get(key)
        if (existing !== undefined) return Deferred.await(existing)
        const deferred = Deferred.unsafeMake<Environment>(undefined as never)
        environments.set(key, deferred)
        return Effect.zipRight(Deferred.complete(deferred, create), Deferred.await(deferred))
      })
  }
}

/** @internal */
export const record = (environment: Environment, entry: Omit<JournalEntry, "sequence">): void => {
  environment.sequence += 1
  environment.journal.push({ ...entry, sequence: environment.sequence })
  if (environment.journal.length > JOURNAL_LIMIT * 1.5) {
    environment.journal = environment.journal.slice(-JOURNAL_LIMIT)
  }
}

/**
 * The next attempt number for an Idempotency-Key in this environment (1 for its first request).
 *
 * @internal
 */
export const attempt = (environment: Environment, key: string): number => {
  const n = (environment.attempts.get(key) ?? 0) + 1
  environment.attempts.set(key, n)
  return n
}

/**
 * Counts this request for the fault plan and returns the HTTP fault that applies to it, if any.
 *
 * @internal
 */
export const takeFault = (environment: Environment, operation: string): HttpFault | undefined => {
  if (environment.httpFaults.length === 0) return undefined
  const count = (key: string) => {
    const n = (environment.faultCounts.get(key) ?? 0) + 1
    environment.faultCounts.set(key, n)
    return n
  }
  const nth = count(operation)
  const nthOverall = count("*")
  for (const rule of environment.httpFaults) {
    const n = rule.operation === "*" ? nthOverall : rule.operation === operation ? nth : undefined
    if (n !== undefined && n >= rule.from && n <= rule.to) return rule.fault
  }
  return undefined
}
