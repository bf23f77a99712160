/**
 * Runs an example program as a command: Node's file system, the error's own message on failure (never a stack
 * trace for an expected error) and a non-zero exit code.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"

/**
 * @since 0.1.0
 * @category running
 */
export const run = <A, E>(program: Effect.Effect<A, E, NodeContext.NodeContext>): void =>
  program.pipe(
    Effect.tapErrorCause((cause) =>
      Cause.isFailType(cause) || Cause.isSequentialType(cause) || Cause.isParallelType(cause)
        ? Console.error(`\n${Cause.failures(cause).pipe((fs) => [...fs].map(messageOf).join("\n"))}`)
        : Console.error(Cause.pretty(cause))
    ),
    Effect.provide(NodeContext.layer),
    NodeRuntime.runMain({ disableErrorReporting: true })
  )

/**
 * A mistake in the command line, or an outcome the command reports as a failure.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandError extends Data.TaggedError("CommandError")<{ readonly message: string }> {}

const plain = new Set(["CommandError", "CustomersFileError"])

const messageOf = (error: unknown): string => {
  if (Predicate.hasProperty(error, "_tag") && Predicate.hasProperty(error, "message")) {
    return plain.has(String(error._tag)) ? String(error.message) : `${String(error._tag)}: ${String(error.message)}`
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * The value of `--name value` (or `--name=value`) among the arguments.
 *
 * @since 0.1.0
 * @category arguments
 */
export const flag = (args: ReadonlyArray<string>, name: string): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === `--${name}`) return args[i + 1]
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

/**
 * The arguments that are neither flags nor flag values.
 *
 * @since 0.1.0
 * @category arguments
 */
export const positional = (args: ReadonlyArray<string>): ReadonlyArray<string> =>
  args.filter((arg, i) =>
    !arg.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--") && !args[i - 1]!.includes("="))
  )

/**
 * A whole number ≥ 1 from a flag, or the default.
 *
 * @since 0.1.0
 * @category arguments
 */
export const positiveInt = (
  args: ReadonlyArray<string>,
  name: string,
  fallback: number
): Effect.Effect<number, CommandError> => {
  const raw = flag(args, name)
  if (raw === undefined) return Effect.succeed(fallback)
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1
    ? Effect.succeed(n)
    : Effect.fail(new CommandError({ message: `--${name} must be a whole number ≥ 1, got '${raw}'` }))
}
