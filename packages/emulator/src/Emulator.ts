/**
 * A loopback HTTP server that speaks the WorkOS Organizations wire protocol over the in-memory fake
 * (`@effect-workos/fake`). Point the official SDKs, this repo's live layer, or `curl` at it.
 *
 * - Every well-formed `sk_test_…` API key gets its own isolated environment (or only the keys in `apiKeys`).
 * - Statuses, headers and bodies follow the real API (201 creates, 202 `text/plain` `Accepted` on delete, lists with
 *   `list_metadata`, WorkOS's error bodies, `Retry-After` on 429, `X-Request-ID` on every answer), decoded and
 *   encoded with core's schemas and error table.
 * - A control API under `/_emulator/` (same bearer key) seeds, snapshots, restores and resets the caller's
 *   environment, scripts faults (the fake's, plus HTTP-level ones: connection resets, malformed and slow bodies),
 *   sets latency and reads the HTTP journal.
 *
 * @since 0.1.0
 */
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import * as Config from "./internal/config.js"
import * as InternalLatency from "./internal/latency.js"
import * as Schemas from "./internal/schemas.js"
import * as Server from "./internal/server.js"

// ---------------------------------------------------------------------------------------------------------------
// latency, rate limits, faults
// ---------------------------------------------------------------------------------------------------------------

/**
 * How long every API request of an environment takes, from its arrival to its answer (on `Clock`): none, a fixed
 * time, or a time drawn uniformly from `min` to `max` milliseconds (from `Random`). Like a real server's response
 * time, it includes the emulator's own work: the request is carried out when it arrives and its answer waits out the
 * rest, so a change is visible to other requests before the answer leaves. Served on a socket ({@link serve}), a
 * request's time starts when Node hands it to the server, before it is parsed and routed, and the answer is ready to
 * send before the wait: on the real clock it leaves at its time or just after, never before.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Latency = Schemas.Latency

/**
 * @since 0.1.0
 * @category models
 */
export type Latency = typeof Latency.Type

/**
 * Per-key token buckets (WIRE.md §10): `requests` per window for every request, and `deletes` per window for
 * `DELETE /organizations/{id}` on top. Defaults: WorkOS's 6,000 and 50 per 60 seconds.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RateLimits = Schemas.RateLimits

/**
 * @since 0.1.0
 * @category models
 */
export interface RateLimits extends Schema.Schema.Type<typeof RateLimits> {}

/**
 * Faults only a server on a socket can produce.
 *
 * - `ConnectionReset`: the socket is destroyed before the request reaches the fake (nothing changes).
 * - `MalformedBody`: the operation runs; its answer keeps status and headers but the JSON body is cut off.
 * - `SlowBody`: the operation runs; its answer's body is sent in `chunks` pieces (default 10), `chunkDelayMillis`
 *   apart (on `Clock`).
 *
 * The fake's own `RequestFailed` and `ResponseLost` faults also drop the connection (the latter after applying the
 * change).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpFault = Schemas.HttpFault

/**
 * @since 0.1.0
 * @category models
 */
export type HttpFault = typeof HttpFault.Type

/**
 * A fault of the fake (`RateLimited` → 429 with `Retry-After`, `ServerError` → its status, `RequestFailed` and
 * `ResponseLost` → a dropped connection, `Latency`) or an {@link HttpFault}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Fault = Schemas.Fault

/**
 * @since 0.1.0
 * @category models
 */
export type Fault = typeof Fault.Type

/**
 * A fault for requests `nth` to `nth + count - 1` (1-based, counted from when the plan was set) of one operation,
 * or of all requests together with `"*"`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ScriptedFault = Schemas.ScriptedFault

/**
 * @since 0.1.0
 * @category models
 */
export interface ScriptedFault extends Schema.Schema.Type<typeof ScriptedFault> {}

/**
 * The body of `PUT /_emulator/faults`: the fake's fault plan, whose scripted entries may also use the
 * {@link HttpFault} kinds. Setting a plan replaces the previous one and restarts its counters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FaultPlan = Schemas.FaultPlan

/**
 * @since 0.1.0
 * @category models
 */
export interface FaultPlan extends Schema.Schema.Type<typeof FaultPlan> {}

// ---------------------------------------------------------------------------------------------------------------
// journal
// ---------------------------------------------------------------------------------------------------------------

/**
 * One API request as the emulator saw it (`GET /_emulator/journal`). Control requests are not journaled.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JournalEntry = Schemas.JournalEntry

/**
 * @since 0.1.0
 * @category models
 */
export type JournalEntry = typeof JournalEntry.Type

/**
 * The body of `GET /_emulator/journal`: the most recent entries (at least 10,000 once there are that many; older
 * ones are dropped in batches), oldest first.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Journal = Schemas.Journal

/**
 * The emulator's options: `host` (default `127.0.0.1`), `port` (default 8484, {@link start}: 0; `0` picks a free
 * one), `apiKeys` (accept only these; default every well-formed `sk_test_…` key, each its own environment),
 * `fixtures` (seeded into every new environment and restored by `POST /_emulator/reset`), `seed` (the fake's random
 * seed), `settings` (the fake's WIRE.md §13 choices), `latency` (every environment's initial {@link Latency};
 * default none), `rateLimits` ({@link RateLimits}, or `false` for none; default WorkOS's).
 *
 * `maxEnvironments` (default {@link DEFAULT_MAX_ENVIRONMENTS}; an environment with a few organizations takes about
 * 16 KiB): a request with a new key when this many are kept evicts the least recently used environment that is not
 * serving a request (that key's next request starts from a fresh environment, with the `fixtures`); when every one
 * is serving a request, the new key is answered 503 and may retry.
 *
 * `environmentIdleTimeout`: an environment not used for this long (on `Clock`, measured from the end of its last
 * request, control requests included) is dropped at the next request, so its key starts again from a fresh
 * environment. Default: never (the `maxEnvironments` cap bounds the memory). Keep it longer than the virtual time
 * your tests skip with `TestClock` between two requests of one key.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Options = Schemas.Options

/**
 * The default of {@link Options}' `maxEnvironments`.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_ENVIRONMENTS: number = Config.DEFAULT_MAX_ENVIRONMENTS

/**
 * @since 0.1.0
 * @category models
 */
export interface Options extends Schema.Schema.Type<typeof Options> {}

/**
 * Where a started emulator listens.
 *
 * @since 0.1.0
 * @category models
 */
export interface Address {
  /** e.g. `http://127.0.0.1:8484` */
  readonly baseUrl: string
  readonly host: string
  readonly port: number
}

/**
 * The address of the emulator started by {@link layer}.
 *
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Context.Tag("@effect-workos/emulator/Emulator")<Emulator, Address>() {}

/**
 * The default port of {@link serve} and {@link layer}.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_PORT = 8484

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_HOST = "127.0.0.1"

// ---------------------------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------------------------

/**
 * The emulator as an `HttpApp`, to serve with any `HttpServer` (or `HttpApp.toWebHandler`). Environments are kept
 * within the app, bounded by `maxEnvironments` and `environmentIdleTimeout`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const app = (options: Options = {}): HttpApp.Default => Server.make(Config.make(options))

const formatHost = (host: string) => host.includes(":") ? `[${host}]` : host

/**
 * Serves the emulator on `options.host` (default `127.0.0.1`) and `options.port` (default 8484; 0 picks a free port)
 * until the Scope closes. Fails when the port cannot be bound, or when `options.fixtures` cannot be seeded.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (
  options: Options = {}
): Effect.Effect<Address, HttpServerError.ServeError | FakeWorkOS.InvalidFixtures, Scope.Scope> =>
  Effect.gen(function*() {
    const memory = Config.memoryOptions(options)
    // with fixtures, the first environment is built now, so that bad fixtures fail here and not on a request
    const first = options.fixtures === undefined
      ? undefined
      : Config.toBacking(yield* OrganizationsMemory.makeMemory(memory))
    const host = options.host ?? DEFAULT_HOST
    const clock = yield* Effect.clock
    const server = yield* NodeHttpServer.make(
      () => InternalLatency.stampArrivals(Http.createServer(), clock),
      { host, port: options.port ?? DEFAULT_PORT }
    )
    yield* HttpServer.serveEffect(Server.make(Config.make(options, memory, first))).pipe(
      // a test server: no span per request (the server's fibers keep the settings they are started with)
      HttpMiddleware.withTracerDisabledWhenEffect(() => true),
      Effect.withTracerEnabled(false),
      Effect.provideService(HttpServer.HttpServer, server)
    )
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    return { baseUrl: `http://${formatHost(host)}:${port}`, host, port }
  })

/**
 * Starts the emulator on `127.0.0.1` and a free port for the duration of the Scope and yields its base URL: the
 * helper for integration tests.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (
  options: Options = {}
): Effect.Effect<Address, HttpServerError.ServeError | FakeWorkOS.InvalidFixtures, Scope.Scope> =>
  serve({ ...options, port: options.port ?? 0 })

/**
 * Serves the emulator for the lifetime of the layer and provides its {@link Address}.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<Emulator, HttpServerError.ServeError | FakeWorkOS.InvalidFixtures> =>
  Layer.scoped(Emulator, serve(options))
