/**
 * A linearizability checker in the style of Wing & Gong with Lowe's memoisation (the algorithm Porcupine uses).
 *
 * A history is a set of operations, each with the logical time it was called and the time it returned, its input
 * and its observed output. The history is linearizable when some total order of the operations (1) respects
 * real time — an operation that returned before another was called comes first — and (2) replays through the
 * sequential model with every operation producing exactly its observed output.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Ref from "effect/Ref"

/**
 * A sequential specification. `step` answers whether `output` is a possible answer to `input` in `state`, and if
 * so the state after it (`undefined` when not). `key` identifies a state for memoisation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Model<S, I, O> {
  readonly init: S
  readonly step: (state: S, input: I, output: O) => S | undefined
  readonly key: (state: S) => string
}

/**
 * One completed operation. `call` and `ret` are logical times from one counter shared by all clients.
 *
 * @since 0.1.0
 * @category models
 */
export interface Operation<I, O> {
  readonly client: number
  readonly input: I
  readonly output: O
  readonly call: number
  readonly ret: number
}

/**
 * @since 0.1.0
 * @category models
 */
export type Result =
  | { readonly linearizable: true; readonly order: ReadonlyArray<number> }
  | { readonly linearizable: false; readonly longestPrefix: ReadonlyArray<number> }

interface Entry {
  readonly isCall: boolean
  readonly id: number
  readonly time: number
  match: Entry | undefined
  prev: Entry | undefined
  next: Entry | undefined
}

/**
 * Checks one history against a model. Exponential in the worst case, fast in practice for histories of a few
 * hundred operations with moderate concurrency.
 *
 * @since 0.1.0
 * @category checking
 */
export const check = <S, I, O>(model: Model<S, I, O>, history: ReadonlyArray<Operation<I, O>>): Result => {
  const events: Array<Entry> = []
  history.forEach((op, id) => {
    const call: Entry = { isCall: true, id, time: op.call, match: undefined, prev: undefined, next: undefined }
    const ret: Entry = { isCall: false, id, time: op.ret, match: undefined, prev: undefined, next: undefined }
    call.match = ret
    events.push(call, ret)
  })
  // by time; at equal times a call sorts before a return (they overlap)
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? 0 : a.isCall ? -1 : 1))
  const head: Entry = { isCall: false, id: -1, time: -Infinity, match: undefined, prev: undefined, next: undefined }
  let last = head
  for (const e of events) {
    last.next = e
    e.prev = last
    last = e
  }

  const lift = (e: Entry) => {
    e.prev!.next = e.next
    if (e.next) e.next.prev = e.prev
    const m = e.match!
    m.prev!.next = m.next
    if (m.next) m.next.prev = m.prev
  }
  const unlift = (e: Entry) => {
    const m = e.match!
    m.prev!.next = m
    if (m.next) m.next.prev = m
    e.prev!.next = e
    if (e.next) e.next.prev = e
  }

  const linearized = new Uint8Array(history.length)
  const cache = new Set<string>()
  const stack: Array<{ entry: Entry; state: S }> = []
  let longest: Array<number> = []
  let state = model.init
  let entry = head.next

  while (head.next !== undefined) {
    if (entry === undefined) break
    if (entry.isCall) {
      const op = history[entry.id]!
      const next = model.step(state, op.input, op.output)
      let advanced = false
      if (next !== undefined) {
        linearized[entry.id] = 1
        const key = `${linearized.join("")}|${model.key(next)}`
        if (!cache.has(key)) {
          cache.add(key)
          stack.push({ entry, state })
          state = next
          lift(entry)
          entry = head.next
          advanced = true
          if (stack.length > longest.length) longest = stack.map((s) => s.entry.id)
        } else {
          linearized[entry.id] = 0
        }
      }
      if (!advanced) entry = entry.next
    } else {
      // a return whose call is not linearized yet: undo the last choice
      const top = stack.pop()
      if (top === undefined) return { linearizable: false, longestPrefix: longest }
      state = top.state
      linearized[top.entry.id] = 0
      unlift(top.entry)
      entry = top.entry.next
    }
  }
  return { linearizable: true, order: stack.map((s) => s.entry.id) }
}

/**
 * Records a history while fibers run: wrap each operation with `record(client, input, effect)`; the output is
 * whatever `observe` makes of the effect's exit.
 *
 * @since 0.1.0
 * @category recording
 */
export const makeRecorder = <I, O>() =>
  Effect.map(Ref.make<ReadonlyArray<Operation<I, O>>>([]), (ops) => {
    let clock = 0
    return {
      record: <A, E, R>(
        client: number,
        input: I,
        effect: Effect.Effect<A, E, R>,
        observe: (result: Either.Either<A, E>) => O
      ): Effect.Effect<O, never, R> =>
        Effect.suspend(() => {
          const call = ++clock
          return Effect.flatMap(Effect.either(effect), (result) => {
            const ret = ++clock
            const output = observe(result)
            return Effect.as(Ref.update(ops, (all) => [...all, { client, input, output, call, ret }]), output)
          })
        }),
      history: Ref.get(ops)
    }
  })
