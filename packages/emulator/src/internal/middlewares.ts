/**
 * The route middlewares of the declaration (`api.ts`), in the order they run: each reads and records the request's
 * `Exchange`, which the `HttpApp` middlewares of `server.ts` read once the answer is ready.
 */
import { WorkOSError } from "@effect-workos/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Authentication, ConnectionDropped, Faults, Journal, Latency, RateLimit } from "./api.js"
import type * as Config from "./config.js"
import * as Env from "./environment.js"
import { CurrentExchange, type Exchange } from "./exchange.js"
import * as InternalLatency from "./latency.js"
import * as Buckets from "./rateLimit.js"
import * as Routes from "./routes.js"

/** A well-formed test key: what the real API hands out for a staging environment. */
const TEST_KEY = /^sk_test_[A-Za-z0-9_.-]{1,200}$/

/** `Bearer`, then spaces or tabs (the security scheme cuts the header after seven characters). */
const bearerPrefix = /^Bearer[ \t]/i
const token = /^[ \t]*(\S+)[ \t]*$/

const unauthorized = new WorkOSError.Unauthorized({ detail: "Unauthorized" })

const full = (maxEnvironments: number) =>
  new WorkOSError.ServerError({
    status: 503,
    detail: `The emulator keeps at most ${maxEnvironments} environments (one per API key) and every one ` +
      "is serving a request, so none can make room for this key's. Retry shortly, or start the emulator " +
      "with a higher maxEnvironments."
  })

/** Runs `f` with the exchange and its environment (set by {@link Authentication}, which runs first). */
const withEnvironment = <E>(
  f: (exchange: Exchange, env: Env.Environment) => Effect.Effect<void, E>
): Effect.Effect<void, E> =>
  Effect.contextWithEffect((context: Context.Context<never>) => {
    const exchange = Context.get(context, CurrentExchange)
    return exchange.environment === undefined ? Effect.void : f(exchange, exchange.environment)
  })

/** How many `Authorization` headers {@link layer} keeps the key of. */
const keyCacheSize = 1_000

/**
 * The middlewares over `store`'s environments.
 *
 * @internal
 */
export const layer = (config: Config.Config, store: Env.Store) => {
  const readKey = (header: string | undefined, bearer: string): string | undefined => {
    const key = header !== undefined && bearerPrefix.test(header) ? token.exec(bearer)?.[1] : undefined
    if (key === undefined) return undefined
    if (config.apiKeys !== undefined) return config.apiKeys.has(key) ? key : undefined
    return TEST_KEY.test(key) ? key : undefined
  }
  // the key a header names depends on the header alone: a client sends the same one again and again
  const keys = new Map<string, string | undefined>()
  const keyOf = (header: string | undefined, bearer: string): string | undefined => {
    if (header === undefined) return undefined
    if (keys.has(header)) return keys.get(header)
    const key = readKey(header, bearer)
    if (keys.size >= keyCacheSize) keys.delete(keys.keys().next().value!)
    keys.set(header, key)
    return key
  }

  const authentication = Layer.succeed(
    Authentication,
    Authentication.of({
      bearer: (credential) =>
        Effect.contextWithEffect((context: Context.Context<HttpServerRequest.HttpServerRequest>): Effect.Effect<
          Env.Environment,
          WorkOSError.Unauthorized | WorkOSError.ServerError
        > => {
          const request = Context.get(context, HttpServerRequest.HttpServerRequest)
          const key = keyOf(request.headers.authorization, Redacted.value(credential))
          if (key === undefined) return Effect.fail(unauthorized)
          const exchange = Context.get(context, CurrentExchange)
          return store.acquire(key).pipe(
            Effect.map(({ environment, release }) => {
              exchange.environment = environment
              exchange.release = release
              return environment
            }),
            Effect.mapError(({ maxEnvironments }) => full(maxEnvironments))
          )
        })
    })
  )

  const journal = Layer.succeed(
    Journal,
    Effect.contextWith((context: Context.Context<HttpServerRequest.HttpServerRequest | HttpRouter.RouteContext>) => {
      const exchange = Context.get(context, CurrentExchange)
      const env = exchange.environment
      if (env === undefined) return
      const request = Context.get(context, HttpServerRequest.HttpServerRequest)
      const { route } = Context.get(context, HttpRouter.RouteContext)
      const rawKey = request.headers["idempotency-key"]
      const idempotencyKey = rawKey === undefined || rawKey === "" ? null : rawKey
      const operation = Routes.operationOf.get(`${route.method} ${route.path}`)
      exchange.operation = operation
      exchange.journal = {
        time: Math.floor(exchange.arrival),
        method: request.method,
        path: exchange.rawPath,
        query: exchange.search,
        operation: operation ?? route.path,
        idempotencyKey,
        attempt: idempotencyKey === null ? null : Env.attempt(env, idempotencyKey),
        requestId: exchange.requestId
      }
    })
  )

  // the buckets are made with the environment, from the configuration: without rate limits there are none to check
  const rateLimit = Layer.succeed(
    RateLimit,
    config.rateLimits === undefined ? Effect.void : withEnvironment((exchange, env) => {
      const now = Math.floor(exchange.arrival)
      const buckets = exchange.operation === "deleteOrganization" ? [env.general, env.deletes] : [env.general]
      let wait = 0
      for (const bucket of buckets) if (bucket !== undefined) wait = Math.max(wait, Buckets.check(bucket, now))
      if (wait > 0) {
        return Effect.fail(
          new WorkOSError.RateLimited({
            detail: "Too many requests",
            retryAfter: Duration.seconds(Math.max(1, Math.ceil(wait / 1000)))
          })
        )
      }
      for (const bucket of buckets) if (bucket !== undefined) Buckets.take(bucket)
      return Effect.void
    })
  )

  const latency = Layer.succeed(
    Latency,
    withEnvironment((exchange, env) => {
      const plan = env.latency
      if (plan._tag === "None") return Effect.void
      if (plan._tag === "Fixed") {
        exchange.answerAt = exchange.arrival + plan.millis
        return Effect.void
      }
      return Effect.map(InternalLatency.draw(plan), (millis) => {
        exchange.answerAt = exchange.arrival + millis
      })
    })
  )

  const faults = Layer.succeed(
    Faults,
    withEnvironment((exchange, env) => {
      if (env.httpFaults.length === 0 || exchange.operation === undefined) return Effect.void
      const fault = Env.takeFault(env, exchange.operation)
      if (fault?._tag === "ConnectionReset") return Effect.fail(new ConnectionDropped())
      exchange.fault = fault
      return Effect.void
    })
  )

  return Layer.mergeAll(authentication, journal, rateLimit, latency, faults)
}
