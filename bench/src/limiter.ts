/**
 * The rate limiter's added latency per request: `WorkOSClient.execute` over an in-process `HttpClient` that answers
 * at once (so the network is out of the picture), 3,000 sequential calls per round, with the limiter off, on the
 * in-memory store (the default), and on the Redis store (`RateLimitRedis`, a local `redis-server` on a free loopback
 * port, one round trip per call). The budget is large enough that no call waits for a permit: what is measured is
 * the cost of asking. Rounds alternate the three; the median and p99 are over every call of every round.
 *
 * Run (from the repo root, with `redis-server` installed): `node --import tsx bench/src/limiter.ts`. It prints the
 * table for the section "Rate limiter: in memory vs Redis" of BENCHMARKS.md.
 */
import * as RateLimitRedis from "@effect-workos/http/RateLimitRedis"
import type * as RateLimitStore from "@effect-workos/http/RateLimitStore"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Clock, Effect, Layer, ManagedRuntime, Redacted } from "effect"
import * as os from "node:os"
import { performance } from "node:perf_hooks"
import * as RedisServer from "../../packages/http/test/utils/RedisServer.js"
import * as Report from "./internal/Report.js"

const CALLS = 3_000
const WARMUP = 500
const ROUNDS = 5

const answering = Layer.succeed(
  HttpClient.HttpClient,
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(
      request,
      new Response(`{"object":"list","data":[],"list_metadata":{"before":null,"after":null}}`, {
        status: 200,
        headers: { "content-type": "application/json" }
      })
    ))
  )
)

const client = (
  rateLimit: WorkOSClient.RateLimitOptions | false,
  store: Layer.Layer<RateLimitStore.RateLimitStore> | Layer.Layer<never> = Layer.empty
) =>
  ManagedRuntime.make(
    WorkOSClient.layer({
      apiKey: Redacted.make("sk_test_bench_limiter"),
      baseUrl: "https://api.workos.test",
      maxRetries: 0,
      rateLimit
    }).pipe(Layer.provide(store), Layer.provide(answering))
  )

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

const main = Effect.gen(function*() {
  const at = new Date(yield* Clock.currentTimeMillis)
  const redis = yield* RedisServer.start
  // no call ever waits: the budget is far above what 3,000 calls take
  const budget = { requestsPerMinute: 1_000_000 }
  const variants = {
    off: () => client(false),
    memory: () => client(budget),
    redis: () => client(budget, RateLimitRedis.layer({ url: redis.url }))
  }
  const samples: Record<keyof typeof variants, Array<number>> = { off: [], memory: [], redis: [] }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(variants) as Array<keyof typeof variants>) {
      const runtime = variants[name]()
      const call = () =>
        runtime.runPromise(
          Effect.flatMap(WorkOSClient.WorkOSClient, (c) => c.execute({ method: "GET", path: ["organizations"] }))
        )
      yield* Effect.promise(async () => {
        for (let i = 0; i < WARMUP; i++) await call()
        for (let i = 0; i < CALLS; i++) {
          const start = performance.now()
          await call()
          samples[name].push(performance.now() - start)
        }
      })
      yield* Effect.promise(() => runtime.dispose())
    }
  }
  const stats = (name: keyof typeof variants) => {
    const sorted = [...samples[name]].sort((a, b) => a - b)
    return { median: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) }
  }
  const off = stats("off")
  const us = (ms: number) => `${Math.round(ms * 1000).toLocaleString("en-US")} µs`
  const row = (label: string, name: keyof typeof variants) => {
    const s = stats(name)
    return `| ${label} | ${us(s.median)} | ${us(s.p99)} | ${us(s.median - off.median)} | ${us(s.p99 - off.p99)} |`
  }
  console.log([
    `Measured ${at.toISOString().slice(0, 16).replace("T", " ")} UTC on ${Report.machine()}, load average ${
      os.loadavg()[0]!.toFixed(1)
    } at the start, with \`node --import tsx bench/src/limiter.ts\`.`,
    "",
    `${
      CALLS.toLocaleString("en-US")
    } sequential calls per round after ${WARMUP} warm-up calls, ${ROUNDS} rounds alternating the three, each on a fresh client; an in-process \`HttpClient\` answering at once; median and p99 over all ${
      (CALLS * ROUNDS).toLocaleString("en-US")
    } calls of each.`,
    "",
    "| limiter | median per call | p99 per call | added median | added p99 |",
    "|---|---:|---:|---:|---:|",
    row("off (`rateLimit: false`)", "off"),
    row("in memory (default: sliding window)", "memory"),
    row("Redis (`RateLimitRedis`, local `redis-server`, one round trip per call)", "redis")
  ].join("\n"))
}).pipe(Effect.scoped)

Effect.runPromise(main).then(() => process.exit(0), (error) => {
  console.error(error)
  process.exit(1)
})
