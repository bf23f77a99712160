/**
 * The bookkeeping an environment keeps around its calls, for implementers of a WorkOS environment (the fake's
 * `FakeWorkOS.journal`, the emulator's HTTP journal): a journal that numbers what it records and keeps the most
 * recent entries, and the call counter a fault plan's scripted entries are matched against.
 *
 * Both are synchronous and mutable, meant to be used inside one atomic step of the environment (an
 * `Effect.sync`); neither reads the clock: entries carry whatever time their owner gives them.
 *
 * @since 0.1.0
 */
import type { Operation, ScriptedFault } from "./Faults.js"

// ---------------------------------------------------------------------------------------------------------------
// journal
// ---------------------------------------------------------------------------------------------------------------

/**
 * A journal of entries of type `A`, numbered 1, 2, 3… in the order they were recorded.
 *
 * It keeps at least the `capacity` most recent entries and reads back exactly those (oldest first); older ones are
 * dropped in batches once twice as many are held, so recording costs O(1) however full it is. A capacity of 0
 * keeps nothing, though every entry still takes its number. Numbers are never reused until {@link Journal.reset}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Journal<A> {
  /** Records an entry and returns its sequence number. */
  readonly record: (entry: A) => number
  /** The kept entries, oldest first, each made into `B` with its sequence number. */
  readonly read: <B>(f: (entry: A, sequence: number) => B) => Array<B>
  /** Drops every entry; the numbering goes on. */
  readonly clear: () => void
  /** Drops every entry and restarts the numbering at 1. */
  readonly reset: () => void
}

/**
 * A journal whose capacity is read at every call (so a setting can change it at any time).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(capacity: () => number): Journal<A> => {
  let entries: Array<{ readonly sequence: number; readonly entry: A }> = []
  let sequence = 0
  return {
    record: (entry) => {
      sequence += 1
      const keep = capacity()
      if (keep === 0) return sequence
      entries.push({ sequence, entry })
      if (entries.length >= 2 * keep) entries.splice(0, entries.length - keep)
      return sequence
    },
    read: (f) => {
      const keep = capacity()
      return keep === 0 ? [] : entries.slice(-keep).map(({ entry, sequence }) => f(entry, sequence))
    },
    clear: () => {
      entries = []
    },
    reset: () => {
      entries = []
      sequence = 0
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// fault counter
// ---------------------------------------------------------------------------------------------------------------

/**
 * Where a call stands since the fault plan was set: the `nth` call of its operation and of all calls (1-based).
 *
 * @since 0.1.0
 * @category models
 */
export interface CallPosition {
  readonly ofOperation: number
  readonly overall: number
}

/**
 * Counts the calls a fault plan's scripted entries are matched against.
 *
 * @since 0.1.0
 * @category models
 */
export interface FaultCounter {
  /** Counts a call of `operation` and returns its position. */
  readonly next: (operation: Operation) => CallPosition
  /** Restarts every count (a new plan was set, or the plan was cleared). */
  readonly reset: () => void
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const makeFaultCounter = (): FaultCounter => {
  const counts = new Map<Operation, number>()
  let overall = 0
  return {
    next: (operation) => {
      const ofOperation = (counts.get(operation) ?? 0) + 1
      counts.set(operation, ofOperation)
      overall += 1
      return { ofOperation, overall }
    },
    reset: () => {
      counts.clear()
      overall = 0
    }
  }
}

/**
 * Whether a scripted entry (its `operation`, `nth` and `count`, whatever its fault) applies to a call of
 * `operation` at `position`: calls `nth` to `nth + count - 1` of that operation, or of all calls with `"*"`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const covers = (
  entry: Pick<ScriptedFault, "operation" | "nth" | "count">,
  operation: Operation,
  position: CallPosition
): boolean => {
  const n = entry.operation === "*" ? position.overall : entry.operation === operation ? position.ofOperation : 0
  return n >= entry.nth && n < entry.nth + (entry.count ?? 1)
}
