/**
 * The emulator's command line: `pnpm emulator -- [--host 127.0.0.1] [--port 8484] [--api-key K]… [--seed
 * fixtures.json] [--latency 20] [--no-rate-limits]`. The first line on stdout is exactly
 * `effect-workos emulator listening on http://HOST:PORT`; SIGINT and SIGTERM shut it down.
 *
 * @since 0.1.0
 */
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as Command from "@effect/cli/Command"
import * as CliOptions from "@effect/cli/Options"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Emulator from "./Emulator.js"

const host = CliOptions.text("host").pipe(
  CliOptions.withDefault(Emulator.DEFAULT_HOST),
  CliOptions.withDescription("The interface to bind")
)
const port = CliOptions.integer("port").pipe(
  CliOptions.withDefault(Emulator.DEFAULT_PORT),
  CliOptions.withDescription("The port to listen on; 0 picks a free one")
)
const apiKeys = CliOptions.text("api-key").pipe(
  CliOptions.repeated,
  CliOptions.withDescription("Accept only this API key (repeatable); default: any sk_test_… key")
)
const seed = CliOptions.file("seed", { exists: "yes" }).pipe(
  CliOptions.optional,
  CliOptions.withDescription("A JSON file of fixtures (the fake's Fixtures schema) seeded into every environment")
)
const latency = CliOptions.integer("latency").pipe(
  CliOptions.optional,
  CliOptions.withDescription("Milliseconds added to every API request")
)
const noRateLimits = CliOptions.boolean("no-rate-limits").pipe(
  CliOptions.withDescription("Turn off the per-key rate limits (6,000 requests and 50 deletes per 60 s)")
)

/**
 * What stops the command before it serves, said in one line.
 */
class StartupError extends Data.TaggedError("StartupError")<{ readonly message: string }> {}

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
        const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
        const at = (issue?.path ?? []).map((k) => typeof k === "number" ? `[${k}]` : `.${String(k)}`).join("")
        return new StartupError({
          message: `${path} is not a fixtures document: at '${at.replace(/^\./, "")}': ${issue?.message}`
        })
      }
    )
  })

const command = Command.make(
  "emulator",
  { host, port, apiKeys, seed, latency, noRateLimits },
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
          ...(args.noRateLimits ? { rateLimits: false } : {})
        }),
        (error) => new StartupError({ message: error.message })
      )
      yield* Console.log(`effect-workos emulator listening on ${address.baseUrl}`)
      return yield* Effect.never
    }).pipe(Effect.scoped)
)

const run = Command.run(command, { name: "effect-workos emulator", version: "0.1.0" })

// `pnpm emulator -- --port 0` hands the script a literal `--`, which would end option parsing
const argv = process.argv[2] === "--" ? [...process.argv.slice(0, 2), ...process.argv.slice(3)] : process.argv

run(argv).pipe(
  Effect.catchTag(
    "StartupError",
    (error) => Effect.zipRight(Console.error(`effect-workos emulator: ${error.message}`), Effect.fail(error))
  ),
  Effect.provide(NodeContext.layer),
  (effect) => NodeRuntime.runMain(effect, { disableErrorReporting: true })
)
