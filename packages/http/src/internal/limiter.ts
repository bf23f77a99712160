/**
 * The client-side rate limits: every attempt waits for a permit of the `requests` budget, and a
 * `DELETE /organizations/{id}` attempt first for one of the `deletes` budget. The permits come from a
 * `RateLimitStore`: `rateLimit.redisUrl`'s Redis (`RateLimitRedis`, loaded only then), else the store in context,
 * else the in-memory sliding window (`RateLimitStore.layerMemory`).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as RateLimitStore from "../RateLimitStore.js"
import type { Outcome } from "./retry.js"

/**
 * Wraps one attempt: it starts once the limiter grants it a permit. A store that fails closed fails it with a
 * retryable transport `Outcome` (the call's `RequestFailed` if it lasts), and nothing is sent.
 *
 * @internal
 */
export type Limiter = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | Outcome, R>

/**
 * @internal
 */
export interface Limits {
  readonly requests: Limiter
  readonly deletes: Limiter
}

/**
 * @internal
 */
export interface Settings {
  readonly requests: number
  readonly deletes: number
  readonly window: Duration.Duration
  readonly apiKey: Redacted.Redacted
  readonly redisUrl: string | Redacted.Redacted<string> | undefined
  readonly onStoreDown: RateLimitStore.OnStoreDown | undefined
}

const unavailable = (error: RateLimitStore.StoreUnavailable): Outcome => ({
  _tag: "Failed",
  reason: "Transport",
  detail: error.message,
  retryable: true
})

const limiterOf = (permit: RateLimitStore.Permit): Limiter => {
  const acquire = Effect.mapError(permit, unavailable)
  return (effect) => Effect.zipRight(acquire, effect)
}

/**
 * The store the settings name: Redis for `redisUrl` (loading `RateLimitRedis` and ioredis only then), else the one
 * in context, else the in-memory one.
 */
const storeOf = (settings: Settings): Effect.Effect<RateLimitStore.Service, never, Scope.Scope> => {
  const url = settings.redisUrl
  if (url === undefined) return RateLimitStore.current
  return Effect.gen(function*() {
    const module = yield* Effect.tryPromise(() => import("../RateLimitRedis.js")).pipe(
      Effect.orDieWith((cause) =>
        new Error(
          "rateLimit.redisUrl needs the optional peer dependencies ioredis and @effect/experimental: install them",
          { cause }
        )
      )
    )
    const context = yield* Layer.build(module.layer({ url, onStoreDown: settings.onStoreDown }))
    return Context.get(context, RateLimitStore.RateLimitStore)
  })
}

/**
 * The limits of one client, living in the scope.
 *
 * @internal
 */
export const make = (settings: Settings): Effect.Effect<Limits, never, Scope.Scope> =>
  Effect.gen(function*() {
    const store = yield* storeOf(settings)
    const budget = (name: RateLimitStore.Budget["name"], limit: number) =>
      Effect.map(store.permit({ name, limit, window: settings.window, apiKey: settings.apiKey }), limiterOf)
    return {
      requests: yield* budget("requests", settings.requests),
      deletes: yield* budget("deletes", settings.deletes)
    }
  })

/**
 * Every attempt of `client` under `requests`; an attempt that `isLimitedDelete` also (first) under `deletes`.
 *
 * @internal
 */
export const transform = (
  client: HttpClient.HttpClient.With<Outcome>,
  limits: Limits & {
    readonly isLimitedDelete: (request: HttpClientRequest.HttpClientRequest) => boolean
  }
): HttpClient.HttpClient.With<Outcome> =>
  HttpClient.transform(
    client,
    (effect, request) =>
      limits.isLimitedDelete(request) ? limits.deletes(limits.requests(effect)) : limits.requests(effect)
  )
