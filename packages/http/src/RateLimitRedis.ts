/**
 * The client-side rate limits of `WorkOSClient` shared through Redis: every process that sends with one API key
 * draws on one budget, with `@effect/experimental`'s Redis `RateLimiterStore` (ioredis) under `RateLimitShared`.
 * Provide {@link layer} to `WorkOSClient.layer`, or set `rateLimit.redisUrl` (`WORKOS_RATE_LIMIT_REDIS_URL` for the
 * `layerFromEnv` layers), which loads this module only then.
 *
 * Imported on its own (`@effect-workos/http/RateLimitRedis`), not from the package index, so that apps without
 * Redis never load `ioredis`.
 *
 * @since 0.1.0
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RedisStore from "@effect/experimental/RateLimiter/Redis"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import * as RedisUrl from "./internal/redisUrl.js"
import * as RateLimitShared from "./RateLimitShared.js"
import * as RateLimitStore from "./RateLimitStore.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends RateLimitShared.Options {
  /**
   * `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. Read as `Redacted` from the environment,
   * since it may hold a password; never quoted in an error.
   */
  readonly url: string | Redacted.Redacted<string>
  /** Before every key. Default `ratelimiter:` (experimental's). */
  readonly prefix?: string | undefined
  /** The longest wait for a connection. Default 1 second. */
  readonly connectTimeout?: Duration.DurationInput | undefined
}

/**
 * The environment variable the `layerFromEnv` layers read the URL from.
 *
 * @since 0.1.0
 * @category constants
 */
export const URL_VARIABLE: string = RedisUrl.URL_VARIABLE

/**
 * The ioredis options {@link redisOptions} derives.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConnectionOptions extends RedisUrl.Address {
  readonly connectTimeout: number
  readonly commandTimeout: number
  readonly maxRetriesPerRequest: number
  readonly retryStrategy: (times: number) => number
}

/**
 * The ioredis options for these options: the address, credentials and database of the URL, and bounded waits (a
 * connection within `connectTimeout`, each command within `timeout`, one retry of a command over a new connection),
 * so that a Redis that is down costs a bounded wait, never a hang. Or what is wrong with the URL (without quoting
 * it).
 *
 * @since 0.1.0
 * @category constructors
 */
export const redisOptions = (options: Options): Either.Either<ConnectionOptions, string> =>
  Either.map(
    RedisUrl.parse(Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url),
    (address) => ({
      ...address,
      connectTimeout: Duration.toMillis(options.connectTimeout ?? Duration.seconds(1)),
      commandTimeout: Duration.toMillis(options.timeout ?? RateLimitShared.defaultTimeout),
      maxRetriesPerRequest: 1,
      // reconnect soon, but not in a tight loop while Redis is down
      retryStrategy: (times: number) => Math.min(100 * times, 1000)
    })
  )

/**
 * The Redis `RateLimiterStore` for these options, whose connection closes with the scope. Closing is bounded and
 * never fails (a Redis that is down at shutdown is only logged).
 */
const store = (options: Options, redis: ConnectionOptions) =>
  Effect.gen(function*() {
    const scope = yield* Effect.acquireRelease(Scope.make(), (scope) =>
      Scope.close(scope, Exit.void).pipe(
        Effect.timeout(Duration.sum(Duration.millis(redis.commandTimeout), Duration.seconds(1))),
        Effect.catchAllCause((cause) =>
          Effect.logDebug("WorkOS rate limit: closing the Redis connection failed", cause)
        )
      ))
    const redisStore = yield* Scope.extend(
      RedisStore.make(options.prefix === undefined ? redis : { ...redis, prefix: options.prefix }),
      scope
    )
    // Waits (boundedly) for the connection and loads the script, so that the first requests do not time out on
    // them: a no-op on a key of its own (no token is taken). A Redis that is down is left to the policy.
    yield* redisStore.tokenBucket({
      key: "effect-workos:ready",
      tokens: 0,
      limit: 1,
      refillRate: Duration.seconds(1),
      allowOverflow: false
    }).pipe(
      Effect.timeout(Duration.millis(redis.connectTimeout + redis.commandTimeout)),
      Effect.catchAllCause((cause) => Effect.logDebug("WorkOS rate limit: Redis is not ready", cause))
    )
    return redisStore
  })

/**
 * The shared store on the Redis at `options.url`. An invalid URL is a defect at layer construction (as invalid
 * `WorkOSClient` options are); {@link layerConfig} reports it as a `ConfigError` instead.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<RateLimitStore.RateLimitStore> =>
  Layer.scoped(
    RateLimitStore.RateLimitStore,
    Either.match(redisOptions(options), {
      onLeft: (problem) => Effect.dieMessage(`the rate-limit Redis URL ${problem}`),
      onRight: (redis) =>
        Effect.flatMap(
          store(options, redis),
          (redisStore) => Effect.provideService(RateLimitShared.make(options), RateLimiter.RateLimiterStore, redisStore)
        )
    })
  )

/**
 * {@link layer} with options from `Config`; an invalid URL fails with a `ConfigError` that does not quote it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config.Wrap<Options>
): Layer.Layer<RateLimitStore.RateLimitStore, ConfigError.ConfigError> =>
  Layer.unwrapEffect(
    Effect.flatMap(Config.unwrap(options), (resolved) =>
      Either.match(redisOptions(resolved), {
        onLeft: (problem) => Effect.fail(ConfigError.InvalidData([URL_VARIABLE], problem)),
        onRight: () => Effect.succeed(layer(resolved))
      }))
  )
