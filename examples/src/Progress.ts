/**
 * A progress line: redrawn in place on a terminal, a line every tenth of the way otherwise (logs, CI, tests).
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

/**
 * A callback for `Provision.run`'s `onProgress`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (label: string, interactive = process.stdout.isTTY === true) => {
  let printed = -1
  return (done: number, total: number): Effect.Effect<void> => {
    const width = 30
    const filled = total === 0 ? width : Math.round((done / total) * width)
    const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`
    if (interactive) {
      return Effect.sync(() => process.stdout.write(`\r${line}${done === total ? "\n" : ""}`))
    }
    const step = Math.floor((done * 10) / Math.max(total, 1))
    if (step === printed || step === 0) return Effect.void
    printed = step
    return Console.log(line)
  }
}
