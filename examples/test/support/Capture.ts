/**
 * A `Console` that records what a program prints instead of printing it.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

export interface Captured {
  readonly console: Console.Console
  /** Everything printed with `log`, `info`, `warn` or `error`, one entry per call. */
  readonly lines: Array<string>
  /** All of it, joined with newlines. */
  readonly text: () => string
}

export const make = (): Captured => {
  const lines: Array<string> = []
  const record = (...args: ReadonlyArray<unknown>) => {
    lines.push(args.map(String).join(" "))
  }
  const noop = () => {}
  const unsafe: Console.UnsafeConsole = {
    assert: noop,
    clear: noop,
    count: noop,
    countReset: noop,
    debug: noop,
    dir: noop,
    dirxml: noop,
    error: record,
    group: noop,
    groupCollapsed: noop,
    groupEnd: noop,
    info: record,
    log: record,
    table: noop,
    time: noop,
    timeEnd: noop,
    timeLog: noop,
    trace: noop,
    warn: record
  }
  const console: Console.Console = {
    [Console.TypeId]: Console.TypeId,
    assert: () => Effect.void,
    clear: Effect.void,
    count: () => Effect.void,
    countReset: () => Effect.void,
    debug: () => Effect.void,
    dir: () => Effect.void,
    dirxml: () => Effect.void,
    error: (...args) => Effect.sync(() => record(...args)),
    group: () => Effect.void,
    groupEnd: Effect.void,
    info: (...args) => Effect.sync(() => record(...args)),
    log: (...args) => Effect.sync(() => record(...args)),
    table: () => Effect.void,
    time: () => Effect.void,
    timeEnd: () => Effect.void,
    timeLog: () => Effect.void,
    trace: () => Effect.void,
    warn: (...args) => Effect.sync(() => record(...args)),
    unsafe
  }
  return { console, lines, text: () => lines.join("\n") }
}
