/**
 * One process of the fleet test (`fleet.test.ts`). It prints `ready`, then runs one round per JSON line on stdin
 * (`{ baseUrl, apiKey, redisUrl?, onStoreDown?, limit, windowMillis, slack, wants, seconds }`): a `WorkOSClient`
 * over undici with that key, its rate limits shared through Redis or kept in memory, sending `GET /organizations`
 * from 20 callers in a tight loop until it has made `wants` calls or `seconds` have passed. No retries, so that a
 * 429 shows as `RateLimited`. After each round it prints one JSON line: the calls by outcome (a tag, `ok`, or
 * `defect`) and the warnings logged. It exits when stdin ends.
 */
import * as RateLimitRedis from "@effect-workos/http/RateLimitRedis"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Cause, Clock, Duration, Effect, Exit, Layer, Logger, Redacted } from "effect"
import * as Readline from "node:readline"

interface Settings {
  readonly baseUrl: string
  readonly apiKey: string
  readonly redisUrl?: string
  readonly onStoreDown?: "open" | "closed"
  readonly limit: number
  readonly windowMillis: number
  readonly slack: number
  readonly wants: number
  readonly seconds: number
}

const round = (settings: Settings) => {
  const outcomes: Record<string, number> = {}
  let warnings = 0
  const count = (outcome: string) => (outcomes[outcome] = (outcomes[outcome] ?? 0) + 1)

  const client = WorkOSClient.layer({
    apiKey: Redacted.make(settings.apiKey),
    baseUrl: settings.baseUrl,
    maxRetries: 0,
    rateLimit: { requestsPerMinute: settings.limit, window: Duration.millis(settings.windowMillis) }
  }).pipe(
    Layer.provide(
      settings.redisUrl === undefined
        ? Layer.empty
        : RateLimitRedis.layer({
          url: settings.redisUrl,
          slack: settings.slack,
          onStoreDown: settings.onStoreDown,
          retryAfter: Duration.seconds(1)
        })
    ),
    Layer.provide(NodeHttpClient.layerUndici)
  )

  const program = Effect.gen(function*() {
    const workos = yield* WorkOSClient.WorkOSClient
    const deadline = (yield* Clock.currentTimeMillis) + settings.seconds * 1000
    let started = 0
    const caller = Effect.gen(function*() {
      while (started < settings.wants && (yield* Clock.currentTimeMillis) < deadline) {
        started++
        const exit = yield* Effect.exit(
          workos.execute({ method: "GET", path: ["organizations"], query: { limit: "1" } })
        )
        if (Exit.isSuccess(exit)) count("ok")
        else {
          const failure = Cause.failureOption(exit.cause)
          count(failure._tag === "Some" ? failure.value._tag : "defect")
        }
      }
    })
    yield* Effect.all(Array.from({ length: 20 }, () => caller), { concurrency: "unbounded", discard: true })
  }).pipe(
    Effect.provide(client),
    Effect.provide(Logger.replace(
      Logger.defaultLogger,
      Logger.make(({ logLevel }) => {
        if (logLevel._tag === "Warning") warnings++
      })
    ))
  )
  return Effect.runPromiseExit(program).then((exit) => {
    if (Exit.isFailure(exit)) count("defect")
    return { outcomes, warnings }
  })
}

const main = async () => {
  const lines = Readline.createInterface({ input: process.stdin })
  process.stdout.write("ready\n")
  for await (const line of lines) {
    if (line.trim() === "") continue
    process.stdout.write(JSON.stringify(await round(JSON.parse(line) as Settings)) + "\n")
  }
  process.exit(0)
}

void main()
