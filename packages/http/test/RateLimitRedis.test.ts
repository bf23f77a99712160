/**
 * The budget shared through a real `redis-server` (started on a free loopback port per test, stopped with it): two
 * clients with one key, each with its own Redis connection as two processes would have, stay within one budget
 * together, requests and deletes; Redis sees only hashed keys; when Redis dies or was never there, the configured
 * policy holds (fail open: calls go on under each process's own limiter, with a warning; fail closed: a typed
 * `RequestFailed`), within bounded time and without a defect.
 */
import { assert, describe, it } from "@effect/vitest"
import { Clock, ConfigProvider, Duration, Effect, Exit, Layer, Logger } from "effect"
import { Redis } from "ioredis"
import * as RateLimitRedis from "../src/RateLimitRedis.js"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as RedisServer from "./utils/RedisServer.js"
import * as Scripted from "./utils/Scripted.js"
import { busiest } from "./utils/Windows.js"

const WINDOW = 2_000
const list = Scripted.json(200, { object: "list", data: [], list_metadata: { before: null, after: null } })
const accepted = Scripted.text(202, "Accepted")
const answer: Scripted.Script = (request) => request.method === "DELETE" ? accepted : list

const get = Effect.flatMap(WorkOSClient.WorkOSClient, (c) => c.execute({ method: "GET", path: ["organizations"] }))
const del = (i: number) =>
  Effect.flatMap(WorkOSClient.WorkOSClient, (c) => c.execute({ method: "DELETE", path: ["organizations", `org_${i}`] }))

/** `gets` GETs and `deletes` DELETEs at once through the client `layer`. */
const fanOut = (layer: Layer.Layer<WorkOSClient.WorkOSClient>, gets: number, deletes: number) =>
  Effect.all([
    Effect.forEach(Array.from({ length: gets }), () => get, { concurrency: "unbounded", discard: true }),
    Effect.forEach(Array.from({ length: deletes }, (_, i) => i), del, { concurrency: "unbounded", discard: true })
  ], { concurrency: "unbounded", discard: true }).pipe(Effect.provide(layer))

const keysOf = (url: string) =>
  Effect.acquireUseRelease(
    Effect.sync(() => new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 })),
    (redis) => Effect.promise(() => redis.keys("*")),
    (redis) => Effect.promise(() => redis.quit())
  )

/** Runs `effect` with a logger that collects warnings. */
const collectingWarnings = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.suspend(() => {
    const warnings: Array<string> = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel._tag === "Warning") warnings.push(String(message))
    })
    return Effect.map(
      effect.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger))),
      (a) => [a, warnings] as const
    )
  })

describe("RateLimitRedis", () => {
  // A loaded test machine stalls the event loop for a few hundred ms now and then: a slack of 20% of the 2 s window
  const slack = 0.2
  const shared = (scripted: Scripted.Scripted, url: string, limits: WorkOSClient.RateLimitOptions) =>
    Scripted.clientLayer(scripted, { rateLimit: limits }).pipe(Layer.provide(RateLimitRedis.layer({ url, slack })))

  it.scopedLive(
    "two clients with one key share one requests budget; in memory they have one each",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const scripted = yield* Scripted.make(answer)
        const limits = { requestsPerMinute: 100, window: Duration.millis(WINDOW) }
        yield* Effect.all([
          fanOut(shared(scripted, redis.url, limits), 75, 0),
          fanOut(shared(scripted, redis.url, limits), 75, 0)
        ], { concurrency: 2 })
        const times = (yield* scripted.requests).map((r) => r.at)
        assert.strictEqual(times.length, 150)
        assert.isAtMost(busiest(times, WINDOW), 100)

        const keys = yield* keysOf(redis.url)
        assert.isAbove(keys.length, 0)
        for (const key of keys) {
          assert.match(key, /^ratelimiter:effect-workos:([0-9a-f]{32}:(requests|deletes)|ready)(:refill)?$/)
          assert.notInclude(key, Scripted.API_KEY)
          assert.notInclude(key, Scripted.API_KEY.slice(8))
        }

        const alone = yield* Scripted.make(answer)
        yield* Effect.all([
          fanOut(Scripted.clientLayer(alone, { rateLimit: limits }), 75, 0),
          fanOut(Scripted.clientLayer(alone, { rateLimit: limits }), 75, 0)
        ], { concurrency: 2 })
        assert.isAbove(busiest((yield* alone.requests).map((r) => r.at), WINDOW), 100)
      }),
    30_000
  )

  it.scopedLive("two clients with one key share one deletes budget", () =>
    Effect.gen(function*() {
      const redis = yield* RedisServer.start
      const scripted = yield* Scripted.make(answer)
      const limits = { requestsPerMinute: 1_000, deletesPerMinute: 20, window: Duration.millis(WINDOW) }
      yield* Effect.all([
        fanOut(shared(scripted, redis.url, limits), 0, 12),
        fanOut(shared(scripted, redis.url, limits), 0, 12)
      ], { concurrency: 2 })
      const times = (yield* scripted.requests).map((r) => r.at)
      assert.strictEqual(times.length, 24)
      assert.isAtMost(busiest(times, WINDOW), 20)
    }), 30_000)

  it.scopedLive(
    "rateLimit.redisUrl: the client loads RateLimitRedis and keeps its budgets there",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const scripted = yield* Scripted.make(answer)
        yield* fanOut(Scripted.clientLayer(scripted, { rateLimit: { redisUrl: redis.url } }), 3, 1)
        const keys = yield* keysOf(redis.url)
        assert.isTrue(keys.some((key) => key.endsWith(":requests")))
        assert.isTrue(keys.some((key) => key.endsWith(":deletes")))
      }),
    20_000
  )

  it.scopedLive(
    "WORKOS_RATE_LIMIT_REDIS_URL: layerConfig shares the budget through that Redis",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const scripted = yield* Scripted.make(answer)
        const layer = WorkOSClient.layerFromEnv.pipe(Layer.provide(scripted.layer))
        yield* Effect.provide(get, layer).pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(
            new Map([["WORKOS_API_KEY", Scripted.API_KEY], ["WORKOS_RATE_LIMIT_REDIS_URL", redis.url], [
              "WORKOS_BASE_URL",
              Scripted.BASE_URL
            ]])
          ))
        )
        assert.isTrue((yield* keysOf(redis.url)).some((key) => key.endsWith(":requests")))
      }),
    20_000
  )

  it.scopedLive(
    "WORKOS_RATE_LIMIT_ON_STORE_DOWN: closed is honoured, anything but open or closed is a ConfigError",
    () =>
      Effect.gen(function*() {
        const port = yield* RedisServer.freePort
        const scripted = yield* Scripted.make(answer)
        const env = (onStoreDown: string) =>
          ConfigProvider.fromMap(
            new Map([
              ["WORKOS_API_KEY", Scripted.API_KEY],
              ["WORKOS_BASE_URL", Scripted.BASE_URL],
              ["WORKOS_MAX_RETRIES", "0"],
              ["WORKOS_RATE_LIMIT_REDIS_URL", `redis://127.0.0.1:${port}`],
              ["WORKOS_RATE_LIMIT_ON_STORE_DOWN", onStoreDown]
            ])
          )
        const layer = WorkOSClient.layerFromEnv.pipe(Layer.provide(scripted.layer))
        const failed = yield* Effect.flip(Effect.provide(get, layer)).pipe(
          Effect.withConfigProvider(env("closed")),
          Effect.timeoutFail({ duration: Duration.seconds(10), onTimeout: () => "hung" })
        )
        assert.strictEqual(failed._tag, "RequestFailed")
        assert.strictEqual((yield* scripted.requests).length, 0)
        const invalid = yield* Layer.build(layer).pipe(
          Effect.scoped,
          Effect.withConfigProvider(env("sometimes")),
          Effect.flip
        )
        assert.include(String(invalid), "WORKOS_RATE_LIMIT_ON_STORE_DOWN")
      }),
    20_000
  )

  it.effect("a bad WORKOS_RATE_LIMIT_REDIS_URL is a ConfigError that does not quote it", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(answer)
      const error = yield* Layer.build(WorkOSClient.layerFromEnv.pipe(Layer.provide(scripted.layer))).pipe(
        Effect.scoped,
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([["WORKOS_API_KEY", Scripted.API_KEY], ["WORKOS_RATE_LIMIT_REDIS_URL", "http://:hunter2@redis:6379"]])
        )),
        Effect.flip
      )
      assert.include(String(error), "WORKOS_RATE_LIMIT_REDIS_URL")
      assert.include(String(error), "redis://")
      assert.notInclude(String(error), "hunter2")
    }))

  it.scopedLive(
    "Redis killed mid-run, fail open (the default): every call done, one warning, no defect",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const scripted = yield* Scripted.make(answer)
        const layer = Scripted.clientLayer(scripted, {
          rateLimit: { requestsPerMinute: 50, window: Duration.millis(WINDOW) }
        }).pipe(Layer.provide(RateLimitRedis.layer({ url: redis.url, slack, timeout: Duration.millis(300) })))
        // ten callers in a loop, so that permits are asked for all along
        const callers = Effect.forEach(Array.from({ length: 10 }), () => Effect.replicateEffect(get, 10), {
          concurrency: "unbounded",
          discard: true
        })
        const [exit, warnings] = yield* collectingWarnings(
          Effect.exit(
            Effect.all([
              Effect.provide(callers, layer),
              Effect.zipRight(Effect.sleep(Duration.seconds(1)), Effect.zipRight(redis.kill, Clock.currentTimeMillis))
            ], { concurrency: 2 }).pipe(Effect.timeoutFail({ duration: Duration.seconds(15), onTimeout: () => "hung" }))
          )
        )
        assert.isTrue(Exit.isSuccess(exit), String(exit))
        const killedAt = Exit.isSuccess(exit) ? exit.value[1] : 0
        const times = (yield* scripted.requests).map((r) => r.at)
        assert.strictEqual(times.length, 100)
        assert.strictEqual(warnings.length, 1)
        assert.include(warnings[0], "falls back to its own limiter")
        // after the kill the process keeps to its own budget: 50 from its own limiter, plus at most the 10 callers'
        // permits granted by Redis before it died (without the fallback, all 70 or so would go at once)
        const after = times.filter((t) => t > killedAt)
        assert.isAbove(after.length, 60)
        assert.isAtMost(busiest(after, WINDOW), 50 + 10)
      }),
    30_000
  )

  it.scopedLive(
    "Redis killed mid-run, fail closed: calls fail with RequestFailed naming the store, none sent",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const scripted = yield* Scripted.make(answer)
        const layer = Scripted.clientLayer(scripted, {
          maxRetries: 1,
          rateLimit: {
            requestsPerMinute: 50,
            window: Duration.millis(WINDOW),
            redisUrl: redis.url,
            onStoreDown: "closed"
          }
        })
        const result = yield* Effect.gen(function*() {
          yield* get
          yield* redis.kill
          const sentBefore = (yield* scripted.requests).length
          const error = yield* Effect.flip(get)
          return { error, sentAfter: (yield* scripted.requests).length - sentBefore }
        }).pipe(Effect.provide(layer), Effect.timeoutFail({ duration: Duration.seconds(15), onTimeout: () => "hung" }))
        assert.strictEqual(result.error._tag, "RequestFailed")
        assert.include(result.error.message, "rate-limit store is unavailable")
        assert.strictEqual(result.sentAfter, 0)
      }),
    30_000
  )

  it.scopedLive(
    "no Redis at the address from the start: fail open goes on, fail closed fails, both in bounded time",
    () =>
      Effect.gen(function*() {
        const port = yield* RedisServer.freePort
        const url = `redis://127.0.0.1:${port}`
        const scripted = yield* Scripted.make(answer)
        const open = Scripted.clientLayer(scripted, { rateLimit: { redisUrl: url } })
        const closed = Scripted.clientLayer(scripted, {
          maxRetries: 0,
          rateLimit: { redisUrl: url, onStoreDown: "closed" }
        })
        const bounded = Effect.timeoutFail({ duration: Duration.seconds(10), onTimeout: () => "hung" })
        const [, warnings] = yield* collectingWarnings(bounded(Effect.provide(Effect.replicateEffect(get, 3), open)))
        assert.strictEqual(warnings.length, 1)
        const error = yield* bounded(Effect.flip(Effect.provide(get, closed)))
        assert.strictEqual(error._tag, "RequestFailed")
        assert.strictEqual((yield* scripted.requests).length, 3)
      }),
    30_000
  )
})
