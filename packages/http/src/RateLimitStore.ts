/**
 * Where `WorkOSClient`'s client-side rate limits keep their state. WorkOS counts its limits per API key, so every
 * process that sends with one key must draw on one budget: in one process the default {@link layerMemory} does it;
 * for many processes (pods, workers, serverless invocations) `RateLimitRedis.layer` shares the budget through Redis,
 * and `RateLimitShared.layer` through any `@effect/experimental` `RateLimiterStore`.
 *
 * Provide a `RateLimitStore` to `WorkOSClient.layer` (or `make`) to replace the default. This module loads neither
 * `@effect/experimental` nor `ioredis`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as SlidingWindow from "./internal/slidingWindow.js"

/**
 * One budget of one client: `limit` attempts in any window of `window`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Budget {
  /** `requests` (every attempt) or `deletes` (`DELETE /organizations/{id}` attempts, on top of `requests`). */
  readonly name: "requests" | "deletes"
  readonly limit: number
  readonly window: Duration.Duration
  /** The key the budget belongs to. A shared store keys its state by a hash of it, never by the key itself. */
  readonly apiKey: Redacted.Redacted
}

/**
 * Waits until the budget lets one more attempt go, then counts it. Fails only when the store cannot be consulted
 * and its policy is to fail closed; the client then fails the call with `RequestFailed` and sends nothing.
 *
 * @since 0.1.0
 * @category models
 */
export type Permit = Effect.Effect<void, StoreUnavailable>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The permit of one budget; whatever it holds (a connection, a fallback limiter) lives in the scope. */
  readonly permit: (budget: Budget) => Effect.Effect<Permit, never, Scope.Scope>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class RateLimitStore extends Context.Tag("@effect-workos/http/RateLimitStore")<RateLimitStore, Service>() {}

/**
 * A shared store could not be consulted (down, unreachable, too slow) and its policy is to fail closed.
 *
 * @since 0.1.0
 * @category errors
 */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>(
  "@effect-workos/http/RateLimitStore/StoreUnavailable"
)("StoreUnavailable", {
  /** What failed, without the API key or the store's credentials. */
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `the shared rate-limit store is unavailable and fails closed, so nothing was sent: ${this.detail}`
  }
}

/**
 * What a shared store does when it cannot be consulted: `open` (the default) logs a warning and lets each process
 * fall back to its own in-memory limiter with the whole budget, so calls go on (the fleet may then exceed the
 * budget, up to one budget per process, until the store is back); `closed` fails each attempt with
 * `RequestFailed` (retried like a transport error) and sends nothing.
 *
 * @since 0.1.0
 * @category models
 */
export type OnStoreDown = "open" | "closed"

/**
 * The default when none is given: `open`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultOnStoreDown: OnStoreDown = "open"

/**
 * One budget in this process: at most `limit` attempts in **any** window of `window` (a sliding window, so bursts
 * at a window boundary cannot exceed it). The permit never fails.
 *
 * @since 0.1.0
 * @category constructors
 */
export const memoryPermit = (budget: Pick<Budget, "limit" | "window">): Effect.Effect<Effect.Effect<void>> =>
  SlidingWindow.make(budget.limit, budget.window)

const memory: Service = RateLimitStore.of({ permit: memoryPermit })

/**
 * The in-memory store: each client's budgets in its own process.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory: Effect.Effect<Service> = Effect.succeed(memory)

/**
 * {@link makeMemory} as a layer: what `WorkOSClient` uses when no store is provided.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<RateLimitStore> = Layer.succeed(RateLimitStore, memory)

/**
 * The store in context, or the in-memory one.
 *
 * @since 0.1.0
 * @category accessors
 */
export const current: Effect.Effect<Service> = Effect.map(
  Effect.serviceOption(RateLimitStore),
  (store) => store._tag === "Some" ? store.value : memory
)
