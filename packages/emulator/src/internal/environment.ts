/**
 * One isolated WorkOS environment per API key: its own fake (state, idempotency keys, backend faults), its own
 * rate-limit buckets, HTTP faults, latency and journal.
 */
import type { ApiKeys, OrganizationDomains, Organizations } from "@effect-workos/core"
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import type { Operation } from "@effect-workos/fake/Faults"
import * as Journal from "@effect-workos/fake/Journal"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as RateLimit from "./rateLimit.js"
import type * as Schemas from "./schemas.js"

/**
 * What a fresh fake gives the emulator: the backend it serves and the control surface.
 *
 * @internal
 */
export interface Backing {
  readonly backend: Organizations.Backend & ApiKeys.Backend & OrganizationDomains.Backend
  readonly control: FakeWorkOS.Service
}

/** @internal */
export type HttpFault = typeof Schemas.HttpFault.Type

/**
 * An HTTP fault for requests `nth` to `nth + count - 1` (1-based, counted since the plan was set) of one operation,
 * or of all requests together with `"*"`: the fake's scripted-fault positions, counted by the fake's counter.
 *
 * @internal
 */
export interface HttpFaultRule {
  readonly operation: Operation | "*"
  readonly nth: number
  readonly count?: number | undefined
  readonly fault: HttpFault
}

/** @internal */
export type LatencyPlan = typeof Schemas.Latency.Type

/**
 * A journal entry as kept: the arrival time in `Clock` milliseconds (the journal's answer formats it).
 *
 * @internal
 */
export type JournalEntry = Omit<typeof Schemas.JournalEntry.Type, "time"> & { readonly time: number }

/** @internal */
export interface Environment {
  readonly backing: Backing
  readonly general: RateLimit.Bucket | undefined
  readonly deletes: RateLimit.Bucket | undefined
  readonly attempts: Map<string, number>
  /** The requests' journal: the fake's `Journal`, kept to {@link JOURNAL_LIMIT} entries. */
  readonly journal: Journal.Journal<Omit<JournalEntry, "sequence">>
  /** The fault plan as last set (for GET), the HTTP part of it, and the request counter it runs on (the fake's). */
  faultPlan: unknown
  httpFaults: ReadonlyArray<HttpFaultRule>
  readonly faultCounter: Journal.FaultCounter
  latency: LatencyPlan
}

/** The journal keeps this many most recent entries. */
export const JOURNAL_LIMIT = 10_000

/**
 * A new environment's journal.
 *
 * @internal
 */
export const makeJournal = (): Environment["journal"] => Journal.make(() => JOURNAL_LIMIT)

/**
 * How many environments the emulator keeps, and for how long an unused one is kept.
 *
 * @internal
 */
export interface Retention {
  /** At most this many environments; a new key past it evicts the least recently used one not in use. */
  readonly maxEnvironments: number
  /** An environment unused for this long (on `Clock`) is dropped; `undefined`: never. */
  readonly idleTimeoutMillis: number | undefined
}

/**
 * A new key found the store full with every environment serving a request, so none could be evicted.
 *
 * @internal
 */
export class Full extends Data.TaggedError("Full")<{ readonly maxEnvironments: number }> {}

/** @internal */
export interface Store {
  /**
   * Runs `f` with the key's environment, created on first use (once per key even when the first requests race).
   * The environment counts as in use, and so is never evicted, until `f` ends.
   */
  readonly use: <A, E, R>(
    key: string,
    f: (environment: Environment) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | Full, R>
  /**
   * The key's environment, as {@link use} gives it, and the effect that ends its use: call it exactly once, when
   * the request is answered.
   */
  readonly acquire: (key: string) => Effect.Effect<{
    readonly environment: Environment
    readonly release: Effect.Effect<void>
  }, Full>
  /** How many environments are kept now. */
  readonly size: Effect.Effect<number>
}

interface Slot {
  readonly environment: Deferred.Deferred<Environment>
  /** The environment once created (the common case skips the `Deferred`). */
  created: Environment | undefined
  /** `Clock` time of the start or end of its latest request. */
  lastUsed: number
  /** Requests being served. */
  active: number
}

/**
 * Environments created on first use and kept per {@link Retention}. The slots map is in least-recently-used order
 * (a use moves its slot to the end), so the idle ones are at its front and the sweep stops at the first slot in
 * use within the idle timeout: the bookkeeping costs O(1) per request plus O(1) per eviction.
 *
 * @internal
 */
export const makeStore = (create: Effect.Effect<Environment>, retention: Retention): Store => {
  const slots = new Map<string, Slot>()
  const touch = (key: string, slot: Slot, now: number) => {
    slot.lastUsed = now
    slots.delete(key)
    slots.set(key, slot)
  }
  const sweep = (now: number) => {
    const idle = retention.idleTimeoutMillis
    if (idle === undefined) return
    for (const [key, slot] of slots) {
      if (now - slot.lastUsed < idle) break
      if (slot.active === 0) slots.delete(key)
    }
  }
  const evictOne = (): boolean => {
    for (const [key, slot] of slots) {
      if (slot.active === 0) {
        slots.delete(key)
        return true
      }
    }
    return false
  }
  const acquire = (key: string, now: number): Effect.Effect<Slot, Full> =>
    Effect.suspend(() => {
      sweep(now)
      const existing = slots.get(key)
      if (existing !== undefined) return Effect.succeed(existing)
      if (slots.size >= retention.maxEnvironments && !evictOne()) {
        return Effect.fail(new Full({ maxEnvironments: retention.maxEnvironments }))
      }
      const slot: Slot = {
        environment: Deferred.unsafeMake<Environment>(undefined as never),
        created: undefined,
        lastUsed: now,
        active: 0
      }
      slots.set(key, slot)
      return Effect.as(
        Deferred.complete(
          slot.environment,
          Effect.tap(create, (environment) => {
            slot.created = environment
          })
        ),
        slot
      )
    })
  const start = (key: string, slot: Slot, clock: Clock.Clock, now: number) => {
    slot.active += 1
    touch(key, slot, now)
    return Effect.sync(() => {
      slot.active -= 1
      // an evicted slot stays evicted: its state is gone for the next request of its key
      if (slots.get(key) === slot) touch(key, slot, clock.unsafeCurrentTimeMillis())
    })
  }
  const acquireEnvironment = (key: string) =>
    Effect.clockWith((clock) => {
      const now = clock.unsafeCurrentTimeMillis()
      sweep(now)
      // the common case: the key's environment exists, taken in one step
      const existing = slots.get(key)
      if (existing?.created !== undefined) {
        return Effect.succeed({ environment: existing.created, release: start(key, existing, clock, now) })
      }
      return Effect.flatMap(acquire(key, now), (slot) => {
        const release = start(key, slot, clock, now)
        if (slot.created !== undefined) return Effect.succeed({ environment: slot.created, release })
        return Effect.map(
          Effect.onInterrupt(Deferred.await(slot.environment), () => release),
          (environment) => ({ environment, release })
        )
      })
    })
  return {
    acquire: acquireEnvironment,
    use: (key, f) =>
      Effect.acquireUseRelease(acquireEnvironment(key), ({ environment }) => f(environment), ({ release }) => release),
    size: Effect.sync(() => slots.size)
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
export const takeFault = (environment: Environment, operation: Operation): HttpFault | undefined => {
  if (environment.httpFaults.length === 0) return undefined
  const position = environment.faultCounter.next(operation)
  return environment.httpFaults.find((rule) => Journal.covers(rule, operation, position))?.fault
}
