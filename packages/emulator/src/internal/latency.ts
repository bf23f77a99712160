/**
 * The emulator's latency: when a request arrived, how long its answer takes, and waiting until then on `Clock`.
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import type * as Http from "node:http"
import type * as Env from "./environment.js"

/**
 * How long this request's answer takes (from `Random` for a uniform plan).
 *
 * @internal
 */
export const draw = (plan: Env.LatencyPlan): Effect.Effect<number> => {
  switch (plan._tag) {
    case "None":
      return Effect.succeed(0)
    case "Fixed":
      return Effect.succeed(plan.millis)
    case "Uniform":
      return Random.nextIntBetween(plan.min, plan.max + 1)
  }
}

/** Now on `Clock`, in milliseconds with their fraction. */
const nowMillis = (clock: Clock.Clock): number => Number(clock.unsafeCurrentTimeNanos()) / 1_000_000

/** One turn of the event loop (I/O included), for waits shorter than a timer can measure. */
const turn: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

/**
 * Waits on `Clock` until `at` (milliseconds with their fraction), neither early nor a millisecond late. Node's timers
 * count whole milliseconds from the start of the event loop's turn, so they can fire up to a millisecond early and
 * rounding up makes them late by as much: this sleeps the whole milliseconds left, looks again, and waits out the
 * last fraction turn by turn.
 *
 * @internal
 */
export const waitUntil = (at: number): Effect.Effect<void> =>
  Effect.clockWith((clock) => {
    const left = at - nowMillis(clock)
    if (left <= 0) return Effect.void
    return Effect.zipRight(left >= 1 ? Effect.sleep(Duration.millis(Math.floor(left))) : turn, waitUntil(at))
  })

/** When each request reached the server, stamped by {@link stampArrivals}; keyed by Node's `IncomingMessage`. */
const arrivals = new WeakMap<object, number>()

/**
 * Stamps every request `server` receives with the time on `clock` as it arrives, before the HTTP stack parses and
 * routes it, so that the latency counts from there (as a real server's response time does).
 *
 * @internal
 */
export const stampArrivals = (server: Http.Server, clock: Clock.Clock): Http.Server =>
  server.prependListener("request", (request) => {
    arrivals.set(request, nowMillis(clock))
  })

/**
 * When `request` arrived, in milliseconds on `clock`: its stamp when its server has one, otherwise now.
 *
 * @internal
 */
export const arrivalOf = (request: HttpServerRequest.HttpServerRequest, clock: Clock.Clock): number => {
  const source: unknown = NodeHttpServerRequest.toIncomingMessage(request)
  return (typeof source === "object" && source !== null ? arrivals.get(source) : undefined) ?? nowMillis(clock)
}
