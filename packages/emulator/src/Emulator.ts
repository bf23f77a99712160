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
import * as WorkOSRateLimits from "@effect-workos/core/RateLimits"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type * as Env from "./internal/environment.js"
import * as InternalLatency from "./internal/latency.js"
import * as Server from "./internal/server.js"

const Count = Schema.Int.pipe(Schema.nonNegative())
const Positive = Schema.Int.pipe(Schema.positive())

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
export const Latency = Schema.Union(
  Schema.TaggedStruct("None", {}),
  Schema.TaggedStruct("Fixed", { millis: Count }),
  Schema.TaggedStruct("Uniform", { min: Count, max: Count }).pipe(
    Schema.filter((u) => u.min <= u.max || { path: ["max"], message: "must be at least min" })
  )
)

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
export const RateLimits = Schema.Struct({
  requests: Schema.optional(Positive),
  deletes: Schema.optional(Positive),
  windowSeconds: Schema.optional(Schema.Number.pipe(Schema.positive()))
})

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
export const HttpFault = Schema.Union(
  Schema.TaggedStruct("ConnectionReset", {}),
  Schema.TaggedStruct("MalformedBody", {}),
  Schema.TaggedStruct("SlowBody", { chunkDelayMillis: Count, chunks: Schema.optional(Positive) })
)

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
export const Fault = Schema.Union(FakeWorkOS.Fault, HttpFault)

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
export const ScriptedFault = Schema.Struct({
  ...FakeWorkOS.ScriptedFault.fields,
  fault: Fault
})

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
export const FaultPlan = Schema.Struct({
  scripted: Schema.optional(Schema.Array(ScriptedFault)),
  random: Schema.optional(FakeWorkOS.RandomFaults)
})

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
export const JournalEntry = Schema.Struct({
  /** 1, 2, 3… in arrival order. */
  sequence: Positive,
  /** Virtual (`Clock`) time of arrival, ISO-8601. */
  time: Schema.String,
  method: Schema.String,
  /** The raw path, as sent (percent-encoded). */
  path: Schema.String,
  /** The raw query string, without `?`. */
  query: Schema.String,
  /** The operation the route names (the official SDK's name). */
  operation: Schema.String,
  /** The status answered; `null` when the connection was dropped (a fault). */
  status: Schema.NullOr(Schema.Int),
  idempotencyKey: Schema.NullOr(Schema.String),
  /** 1 for the first request carrying this Idempotency-Key in the environment, 2 for its first retry, … */
  attempt: Schema.NullOr(Positive),
  /** The `X-Request-ID` answered. */
  requestId: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface JournalEntry extends Schema.Schema.Type<typeof JournalEntry> {}

/**
 * The body of `GET /_emulator/journal`: the most recent entries (at least 10,000 once there are that many; older
 * ones are dropped in batches), oldest first.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Journal = Schema.Struct({
  object: Schema.Literal("list"),
  data: Schema.Array(JournalEntry)
})

// ---------------------------------------------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Options = Schema.Struct({
  /** The interface to bind. Default `127.0.0.1`. */
  host: Schema.optional(Schema.String),
  /** The port; `0` picks a free one. Default 8484 ({@link start}: 0). */
  port: Schema.optional(Schema.Int.pipe(Schema.between(0, 65535))),
  /** Accept only these API keys. Default: every well-formed `sk_test_…` key, each its own environment. */
  apiKeys: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  /** Seeded into every new environment (and restored by `POST /_emulator/reset`). */
  fixtures: Schema.optional(FakeWorkOS.Fixtures),
  /** The fake's random seed (ids, generated secrets). */
  seed: Schema.optional(Schema.Int),
  /** The fake's settings (WIRE.md §13 choices). */
  settings: Schema.optional(Schema.partialWith(FakeWorkOS.Settings, { exact: true })),
  /** The latency every environment starts with. Default none. */
  latency: Schema.optional(Latency),
  /** Per-key rate limits, or `false` for none. Default WorkOS's. */
  rateLimits: Schema.optional(Schema.Union(RateLimits, Schema.Literal(false))),
  /**
   * The most environments (one per API key, each its own state) kept at once. Default
   * {@link DEFAULT_MAX_ENVIRONMENTS} (1,000; an environment with a few organizations takes about 16 KiB). A request
   * with a new key when this many are kept evicts the least recently used environment that is not serving a request
   * (that key's next request starts from a fresh environment, with the `fixtures`); when every one is serving a
   * request, the new key is answered 503 and may retry.
   */
  maxEnvironments: Schema.optional(Positive),
  /**
   * An environment not used for this long (on `Clock`, measured from the end of its last request, control requests
   * included) is dropped at the next request, so its key starts again from a fresh environment. Default: never (the
   * `maxEnvironments` cap bounds the memory). Keep it longer than the virtual time your tests skip with `TestClock`
   * between two requests of one key.
   */
  environmentIdleTimeout: Schema.optional(Schema.DurationFromMillis)
})

/**
 * The default of {@link Options}' `maxEnvironments`.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_ENVIRONMENTS = 1_000

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

const fieldError = (error: ParseResult.ParseError, prefix: string): string => {
  const issue = SchemaIssue.first(error)
  const path = SchemaIssue.formatPath(issue.path)
  return `${prefix}${path === "" ? "" : path.startsWith("[") ? path : `.${path}`}: ${issue.message}`
}

const decodeWith = <A, I>(schema: Schema.Schema<A, I>, prefix: string) => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })
  return (input: unknown): Either.Either<A, string> =>
    Either.mapLeft(decode(input), (error) => fieldError(error, prefix))
}

const decodeFaultPlan = decodeWith(FaultPlan, "faults")
const decodeFixtures = decodeWith(FakeWorkOS.Fixtures, "fixtures")
const encodeJournal = Schema.encodeSync(Journal)

const toBacking = ({ backend, control }: OrganizationsMemory.Memory): Env.Backing => ({ backend, control })

const isHttpFault = (fault: Fault): fault is HttpFault =>
  fault._tag === "ConnectionReset" || fault._tag === "MalformedBody" || fault._tag === "SlowBody"

const memoryOptions = (options: Options): OrganizationsMemory.MemoryOptions => ({
  ...(options.seed === undefined ? {} : { seed: options.seed }),
  ...(options.settings === undefined ? {} : { settings: options.settings }),
  ...(options.fixtures === undefined ? {} : { fixtures: options.fixtures })
})

/**
 * The server's configuration. `first`, when given, is a fake already built from `memory` (by {@link serve}, which
 * checks the fixtures before listening): the first environment gets it instead of seeding again.
 */
const config = (
  options: Options,
  memory: OrganizationsMemory.MemoryOptions = memoryOptions(options),
  first?: Env.Backing
): Server.Config => {
  let prebuilt = first
  return {
    apiKeys: options.apiKeys === undefined ? undefined : new Set(options.apiKeys),
    rateLimits: options.rateLimits === false
      ? undefined
      : {
        requests: options.rateLimits?.requests ?? WorkOSRateLimits.requests,
        deletes: options.rateLimits?.deletes ?? WorkOSRateLimits.deletes,
        windowMillis: options.rateLimits?.windowSeconds === undefined
          ? Duration.toMillis(WorkOSRateLimits.window)
          : options.rateLimits.windowSeconds * 1000
      },
    latency: options.latency ?? { _tag: "None" },
    retention: {
      maxEnvironments: options.maxEnvironments ?? DEFAULT_MAX_ENVIRONMENTS,
      idleTimeoutMillis: options.environmentIdleTimeout === undefined
        ? undefined
        : Duration.toMillis(options.environmentIdleTimeout)
    },
    createBacking: Effect.suspend(() => {
      if (prebuilt !== undefined) {
        const backing = prebuilt
        prebuilt = undefined
        return Effect.succeed(backing)
      }
      // bad fixtures are a defect here: serve checks them before it listens
      return Effect.map(Effect.orDie(OrganizationsMemory.makeMemory(memory)), toBacking)
    }),
    decodeFixtures,
    decodeFaults: (input) =>
      Either.map(decodeFaultPlan(input), (plan) => {
        const scripted = plan.scripted ?? []
        const fake: Array<FakeWorkOS.ScriptedFault> = []
        const http: Array<Env.HttpFaultRule> = []
        for (const entry of scripted) {
          const fault = entry.fault
          if (isHttpFault(fault)) {
            http.push({
              operation: entry.operation,
              from: entry.nth,
              to: entry.nth + (entry.count ?? 1) - 1,
              fault
            })
          } else {
            fake.push({ ...entry, fault })
          }
        }
        return {
          fake: { scripted: fake, ...(plan.random === undefined ? {} : { random: plan.random }) },
          http
        }
      }),
    decodeLatency: decodeWith(Latency, "latency"),
    encodeJournal: (entries) =>
      encodeJournal({
        object: "list",
        data: entries.map((entry) => ({ ...entry, time: DateTime.formatIso(DateTime.unsafeMake(entry.time)) }))
      })
  }
}

/**
 * The emulator as an `HttpApp`, to serve with any `HttpServer` (or `HttpApp.toWebHandler`). Environments are kept
 * within the app, bounded by `maxEnvironments` and `environmentIdleTimeout`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const app = (options: Options = {}): HttpApp.Default => Server.make(config(options))

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
    const memory = memoryOptions(options)
    // with fixtures, the first environment is built now, so that bad fixtures fail here and not on a request
    const first = options.fixtures === undefined
      ? undefined
      : toBacking(yield* OrganizationsMemory.makeMemory(memory))
    const host = options.host ?? DEFAULT_HOST
    const clock = yield* Effect.clock
    const server = yield* NodeHttpServer.make(
      () => InternalLatency.stampArrivals(Http.createServer(), clock),
      { host, port: options.port ?? DEFAULT_PORT }
    )
    yield* HttpServer.serveEffect(Server.make(config(options, memory, first))).pipe(
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
