/**
 * The emulator's command line: `pnpm emulator -- [--host 127.0.0.1] [--port 8484] [--api-key K]… [--seed
 * fixtures.json] [--latency 20] [--max-environments 1000] [--environment-idle-timeout SECONDS] [--no-rate-limits]`. The first line on stdout is exactly
 * `effect-workos emulator listening on http://HOST:PORT`; SIGINT and SIGTERM shut it down. A bad value or a port it
 * cannot listen on is one line on stderr saying what to do, and exit status 1. `--help` gives every default; its
 * colors go only to a terminal, and never with `NO_COLOR` set.
 *
 * @since 0.1.0
 */
import * as WorkOSRateLimits from "@effect-workos/core/RateLimits"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as CliOptions from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Emulator from "./Emulator.js"

interface Range {
  readonly min: number
  readonly max: number
}

const PORTS: Range = { min: 0, max: 65_535 }
const LATENCIES: Range = { min: 0, max: 3_600_000 }
const ENVIRONMENTS: Range = { min: 1, max: 1_000_000 }
const IDLE_SECONDS: Range = { min: 1, max: 31_536_000 }

const wholeNumber = ({ max, min }: Range) => `a whole number from ${min} to ${max.toLocaleString("en-US")}`

/**
 * A whole number in `range`, read as text so that every bad value (`-5`, `1.5`, `abc`, `70000`) gets the same
 * sentence, naming the option, the range and what was given.
 */
const boundedInteger = (name: string, pseudoName: string, range: Range) =>
  CliOptions.text(name).pipe(
    CliOptions.withPseudoName(pseudoName),
    CliOptions.mapEffect((raw) => {
      const value = Number(raw)
      return /^\d+$/.test(raw) && value >= range.min && value <= range.max
        ? Effect.succeed(value)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--${name} must be ${wholeNumber(range)}, got '${raw}'`)))
    })
  )

const host = CliOptions.text("host").pipe(
  CliOptions.withDefault(Emulator.DEFAULT_HOST),
  CliOptions.withDescription(`The interface to bind (default: ${Emulator.DEFAULT_HOST})`)
)
const port = boundedInteger("port", "port", PORTS).pipe(
  CliOptions.withDefault(Emulator.DEFAULT_PORT),
  CliOptions.withDescription(
    `The port to listen on, ${wholeNumber(PORTS)}; 0 picks a free one (default: ${Emulator.DEFAULT_PORT})`
  )
)
const apiKeys = CliOptions.text("api-key").pipe(
  CliOptions.repeated,
  CliOptions.withDescription("Accept only this API key (repeatable) (default: any sk_test_... key)")
)
const seed = CliOptions.file("seed", { exists: "yes" }).pipe(
  CliOptions.optional,
  CliOptions.withDescription(
    "A JSON file of fixtures (the fake's Fixtures schema) seeded into every environment (default: none)"
  )
)
const latency = boundedInteger("latency", "ms", LATENCIES).pipe(
  CliOptions.optional,
  CliOptions.withDescription(
    `Milliseconds every API request takes at least, ${wholeNumber(LATENCIES)} (default: none, answered at once)`
  )
)
const maxEnvironments = boundedInteger("max-environments", "count", ENVIRONMENTS).pipe(
  CliOptions.withDefault(Emulator.DEFAULT_MAX_ENVIRONMENTS),
  CliOptions.withDescription(
    `How many API keys' environments are kept, ${
      wholeNumber(ENVIRONMENTS)
    }; past it the least recently used idle one is dropped (default: ${Emulator.DEFAULT_MAX_ENVIRONMENTS})`
  )
)
const idleTimeout = boundedInteger("environment-idle-timeout", "seconds", IDLE_SECONDS).pipe(
  CliOptions.optional,
  CliOptions.withDescription(
    `Drop a key's environment after this many seconds without a request, ${
      wholeNumber(IDLE_SECONDS)
    } (default: kept until --max-environments needs room)`
  )
)
const limits =
  `${WorkOSRateLimits.requests.toLocaleString("en-US")} requests and ${WorkOSRateLimits.deletes} deletes ` +
  `per ${Duration.toSeconds(WorkOSRateLimits.window)} s`
const noRateLimits = CliOptions.boolean("no-rate-limits").pipe(
  CliOptions.withDescription(`Turn off the per-key rate limits (${limits}) (default: limits on)`)
)

/**
 * What stops the command before it serves, said in one line.
 */
class StartupError extends Data.TaggedError("StartupError")<{ readonly message: string }> {}

/**
 * Why the server could not listen, and what to do about it: Node's listen error carries the reason only in `code`
 * (and `ServeError` has no message of its own).
 */
const cannotListen = (host: string, port: number, cause: unknown): string => {
  const code = Predicate.hasProperty(cause, "code") ? cause.code : undefined
  const instead = "choose another with --port <port> (--port 0 picks a free one)"
  switch (code) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use (another emulator or another server is listening there): ` +
        `stop it, or ${instead}`
    case "EACCES":
      return `not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): ${instead}`
    case "EADDRNOTAVAIL":
      return `cannot listen on ${host}: it is not an address of this machine; choose another with --host <host> ` +
        `(default: ${Emulator.DEFAULT_HOST})`
    default:
      return `cannot listen on ${host}:${port}: ${
        Predicate.hasProperty(cause, "message") ? String(cause.message) : String(cause)
      }`
  }
}

const readFixtures = (path: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* Effect.mapError(
      fs.readFileString(path),
      (error) => new StartupError({ message: `cannot read ${path}: ${error.message}` })
    )
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (error) => new StartupError({ message: `${path} is not JSON: ${String(error)}` })
    })
    return yield* Effect.mapError(
      Schema.decodeUnknown(FakeWorkOS.Fixtures, { onExcessProperty: "error" })(json),
      (error) => {
        const issue = SchemaIssue.first(error)
        return new StartupError({
          message: `${path} is not a fixtures document: at '${SchemaIssue.formatPath(issue.path)}': ${issue.message}`
        })
      }
    )
  })

const command = Command.make(
  "emulator",
  { host, port, apiKeys, seed, latency, maxEnvironments, idleTimeout, noRateLimits },
  (args) =>
    Effect.gen(function*() {
      const fixtures = Option.isSome(args.seed) ? yield* readFixtures(args.seed.value) : undefined
      const address = yield* Effect.mapError(
        Emulator.serve({
          host: args.host,
          port: args.port,
          ...(args.apiKeys.length === 0 ? {} : { apiKeys: args.apiKeys }),
          ...(fixtures === undefined ? {} : { fixtures }),
          ...(Option.isSome(args.latency) ? { latency: { _tag: "Fixed", millis: args.latency.value } } : {}),
          ...(args.noRateLimits ? { rateLimits: false } : {}),
          maxEnvironments: args.maxEnvironments,
          ...(Option.isSome(args.idleTimeout)
            ? { environmentIdleTimeout: Duration.seconds(args.idleTimeout.value) }
            : {})
        }),
        (error) =>
          new StartupError({
            message: error._tag === "ServeError" ? cannotListen(args.host, args.port, error.cause) : error.message
          })
      )
      yield* Console.log(`effect-workos emulator listening on ${address.baseUrl}`)
      return yield* Effect.never
    }).pipe(Effect.scoped)
)

const run = Command.run(command, { name: "effect-workos emulator", version: "0.1.0" })

// `pnpm emulator -- --port 0` hands the script a literal `--`, which would end option parsing
const argv = process.argv[2] === "--" ? [...process.argv.slice(0, 2), ...process.argv.slice(3)] : process.argv

/** Whether a stream gets ANSI colors: only a terminal, and never when `NO_COLOR` is set and not empty (no-color.org). */
const colors = (stream: NodeJS.WriteStream): boolean => stream.isTTY === true && (process.env.NO_COLOR ?? "") === ""

const ANSI = /\u001b\[[0-9;]*m/g
const plain = (args: ReadonlyArray<unknown>) => args.map((arg) => typeof arg === "string" ? arg.replace(ANSI, "") : arg)

/**
 * The console the command prints through (its help, its validation errors, our own lines): @effect/cli always
 * renders ANSI escapes, so they are taken out of what goes to a stream that gets no colors.
 */
const withColorsWhereWanted = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.consoleWith((console) =>
    Effect.withConsole(effect, {
      ...console,
      log: colors(process.stdout) ? console.log : (...args) => console.log(...plain(args)),
      error: colors(process.stderr) ? console.error : (...args) => console.error(...plain(args))
    })
  )

run(argv).pipe(
  Effect.catchTag(
    "StartupError",
    (error) => Effect.zipRight(Console.error(`effect-workos emulator: ${error.message}`), Effect.fail(error))
  ),
  withColorsWhereWanted,
  Effect.provide(NodeContext.layer),
  (effect) => NodeRuntime.runMain(effect, { disableErrorReporting: true })
)
