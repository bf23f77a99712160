/**
 * The low-level WorkOS HTTP client: authentication, the fixed headers, retries with backoff and `Retry-After`,
 * Idempotency-Keys on POST, per-attempt timeouts, client-side rate limits, and the mapping of every answer to the
 * core error family. `OrganizationsHttp` builds the `Organizations` service on top of it.
 *
 * The `HttpClient` it sends with stays a requirement of its layers, so you choose it (fetch, undici, a test
 * double); {@link layerFromEnvFetch} provides the platform's fetch client for you.
 *
 * @since 0.1.0
 */
import type * as List from "@effect-workos/core/List"
import type * as Pagination from "@effect-workos/core/Pagination"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Answers from "./internal/answers.js"
import * as Client from "./internal/client.js"
import * as Settings from "./internal/config.js"
import * as Errors from "./internal/errors.js"
import * as Executor from "./internal/executor.js"
import * as Limiter from "./internal/limiter.js"
import * as Timeouts from "./internal/timeouts.js"
import { version } from "./internal/version.js"
import type * as RateLimitStore from "./RateLimitStore.js"

/**
 * @since 0.1.0
 * @category tags
 */
export class WorkOSClient extends Context.Tag("@effect-workos/http/WorkOSClient")<WorkOSClient, Service>() {}

/**
 * The tag of any error in the core family.
 *
 * @since 0.1.0
 * @category models
 */
export type ErrorTag = Errors.ErrorTag

/**
 * What a call of {@link Service.execute} can fail with when the caller expects the tags `Tag`: those, plus the
 * three the client produces itself (`InvalidRequest` for a path segment that cannot be sent, `RequestFailed`,
 * `UnexpectedResponse`).
 *
 * @since 0.1.0
 * @category models
 */
export type Failure<Tag extends ErrorTag> = Errors.Failure<Tag>

/**
 * One WorkOS call.
 *
 * @since 0.1.0
 * @category models
 */
export interface Request<Tag extends ErrorTag = ErrorTag> extends Executor.Call<Tag> {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /**
   * The path segments, e.g. `["organizations", id]`. Each is percent-encoded; an empty, `.` or `..` segment fails
   * with `InvalidRequest` and nothing is sent.
   */
  readonly path: ReadonlyArray<string>
  /** Query parameters, already as strings (see `Options.toQuery` in core). */
  readonly query?: Readonly<Record<string, string>> | undefined
  /** The wire JSON body (snake_case); sent with `Content-Type: application/json`. */
  readonly body?: unknown
  /** Sent as `Idempotency-Key`. A POST without one gets a fresh UUID, the same on each of its attempts. */
  readonly idempotencyKey?: string | undefined
  /** What a 404 refers to when its body does not say (`{"message":"Not Found"}`). */
  readonly subject?: { readonly resource: string; readonly id: string } | undefined
  /**
   * The error tags this request documents. An answer mapping to any other tag fails with `UnexpectedResponse`
   * (status and excerpt). All tags when omitted.
   */
  readonly errors?: ReadonlyArray<Tag> | undefined
  /** Top-level response fields holding secrets (`value` of a created API key): never shown in an excerpt. */
  readonly secretFields?: ReadonlyArray<string> | undefined
}

/**
 * The final 2xx answer of a call. A DELETE whose retry answered 404 after an attempt that may have been applied
 * also ends here, with status 404.
 *
 * @since 0.1.0
 * @category models
 */
export interface Response extends Executor.Response {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * The configured `HttpClient` the `Organizations` layer gives `HttpApiClient`: it sets the base URL, the key and
   * the fixed headers, checks the path, and sends under the retry policy, the timeouts and the rate limits. It
   * answers the final answer, a 2xx or an error answer (with its body, scrubbed of the key, for `HttpApiClient` to
   * decode by status); it fails with `RequestFailed` when no answer came, `UnexpectedResponse` for a redirect, and
   * `InvalidRequest` for a path it cannot send.
   */
  readonly httpClient: HttpClient.HttpClient.With<
    WorkOSError.InvalidRequest | WorkOSError.RequestFailed | WorkOSError.UnexpectedResponse
  >
  /** Replaces the API key in a text with `<redacted>`. */
  readonly redact: (text: string) => string
  /**
   * Sends the request under the retry policy and the rate limits, and returns the final 2xx answer. Any other
   * final answer fails with its error from the core family (core's `WorkOSError.fromResponse`), narrowed to
   * `request.errors`; network failures and timeouts after the last attempt fail with `RequestFailed`.
   */
  readonly execute: <Tag extends ErrorTag = ErrorTag>(
    request: Request<Tag>
  ) => Effect.Effect<Response, Failure<Tag>>
  /**
   * {@link execute}, then decodes the JSON body with `schema`. A body that does not decode fails with
   * `UnexpectedResponse` (status, excerpt, request id).
   */
  readonly executeJson: <A, I, Tag extends ErrorTag = ErrorTag>(
    request: Request<Tag>,
    schema: Schema.Schema<A, I>
  ) => Effect.Effect<A, Failure<Tag>>
  /**
   * {@link execute} of a list request, answering as soon as the body's next cursor is known; its `items` decode the
   * body with `list` when run (`UnexpectedResponse` if it is not one). What `Pagination.streamSplit` walks, so that
   * decoding a page overlaps the request for the next.
   */
  readonly executeList: <A, I, Tag extends ErrorTag = ErrorTag>(
    request: Request<Tag>,
    list: Schema.Schema<List.List<A>, I>
  ) => Effect.Effect<Pagination.Split<A, Failure<Tag>>, Failure<Tag>>
}

// ---- rate-limit options (issue 15: the budget shared through a RateLimitStore) ----
/**
 * Client-side rate limits. WorkOS counts them per API key, so the budget must be shared by every process sending
 * with the key: by default it lives in this process (`RateLimitStore.layerMemory`: one client, one budget, held in
 * every window, a sliding window, so bursts at a window boundary cannot exceed it); with {@link redisUrl}, or a
 * `RateLimitStore` provided to the layer (`RateLimitRedis.layer`, `RateLimitShared.layer`), it is shared by the
 * fleet (README, "Running many instances").
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitOptions {
  /** Attempts of any request per {@link window}. Default 6,000 (WorkOS's limit per API key). */
  readonly requestsPerMinute?: number | undefined
  /** Attempts of `DELETE /organizations/{id}` per {@link window}. Default 50 (WorkOS's limit per API key). */
  readonly deletesPerMinute?: number | undefined
  /** The window both limits count in. Default 60 seconds (WorkOS's); shorter only against a scaled-down server. */
  readonly window?: Duration.DurationInput | undefined
  /**
   * Share the budget through this Redis (`redis://host:6379`, `rediss://…`; `RateLimitRedis`, which needs the
   * optional peers `@effect/experimental` and `ioredis`). It takes precedence over a `RateLimitStore` in context.
   */
  readonly redisUrl?: string | Redacted.Redacted<string> | undefined
  /** When the shared store is down: `open` (default: warn, and each process keeps its own limiter) or `closed`. */
  readonly onStoreDown?: RateLimitStore.OnStoreDown | undefined
}
// ---- end of rate-limit options ----

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The secret API key, `sk_test_…` or `sk_live_…`. */
  readonly apiKey: Redacted.Redacted
  /** Default `https://api.workos.com`. */
  readonly baseUrl?: string | undefined
  /** Retries after the first attempt (so `1 + maxRetries` attempts). Default 3; 0 turns retries off. */
  readonly maxRetries?: number | undefined
  /** Per attempt, including reading the body. Default 60 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Client-side rate limits; `false` turns them off. On by default at WorkOS's documented limits. */
  readonly rateLimit?: RateLimitOptions | false | undefined
  /** Applied to the configured `HttpClient` (after the base URL, key and headers are set). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_BASE_URL: string = Settings.defaults.baseUrl

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_RETRIES: number = Settings.defaults.maxRetries

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT: Duration.Duration = Settings.defaults.timeout

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_REQUESTS_PER_MINUTE: number = Settings.defaults.requestsPerMinute

/**
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_DELETES_PER_MINUTE: number = Settings.defaults.deletesPerMinute

/**
 * `effect-workos/<version>`, sent as `User-Agent`.
 *
 * @since 0.1.0
 * @category constants
 */
export const USER_AGENT = `effect-workos/${version}`

const positiveInteger = (name: string, n: number): Effect.Effect<number> =>
  Number.isInteger(n) && n > 0 ? Effect.succeed(n) : Effect.dieMessage(`${name} must be a positive integer, got ${n}`)

/**
 * Builds the client from the `HttpClient` in context. The rate limiters live in the surrounding `Scope`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient | Scope.Scope> => {
  const problem = Settings.problem(options)
  return problem === undefined ? makeChecked(options) : Effect.dieMessage(`${problem[0]} ${problem[1]}`)
}

/** {@link make} of options {@link Settings.check} has passed. */
const makeChecked = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      return yield* Effect.dieMessage(`maxRetries must be an integer ≥ 0, got ${maxRetries}`)
    }
    const timeout = Duration.decode(options.timeout ?? DEFAULT_TIMEOUT)
    // ---- rate limits (issue 15): the permits come from the RateLimitStore (internal/limiter.ts) ----
    const rateLimit = options.rateLimit ?? {}
    const limits = rateLimit === false ? undefined : yield* Limiter.make({
      requests: yield* positiveInteger("requestsPerMinute", rateLimit.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE),
      deletes: yield* positiveInteger("deletesPerMinute", rateLimit.deletesPerMinute ?? DEFAULT_DELETES_PER_MINUTE),
      window: Duration.decode(rateLimit.window ?? Settings.defaults.rateLimitWindow),
      apiKey: options.apiKey,
      redisUrl: rateLimit.redisUrl,
      onStoreDown: rateLimit.onStoreDown
    })
    // ---- end of rate limits ----
    const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "")
    const headers = Headers.fromInput({
      authorization: `Bearer ${Redacted.value(options.apiKey)}`,
      "user-agent": USER_AGENT,
      accept: "application/json"
    })
    const scrub = Errors.scrubber(options.apiKey)
    const stack = Client.make({
      client: (options.transformClient ?? identity)(yield* HttpClient.HttpClient),
      baseUrl,
      maxRetries,
      timeout,
      timeouts: yield* Timeouts.make(timeout),
      limits,
      scrub
    })
    return WorkOSClient.of({
      httpClient: Answers.httpClient(stack, { baseUrl, headers, scrub }),
      redact: scrub,
      ...Executor.make({ stack, baseUrl, headers, scrub })
    })
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<WorkOSClient, never, HttpClient.HttpClient> =>
  Layer.scoped(WorkOSClient, make(options))

/**
 * The options read from `Config`; a missing or invalid value fails layer construction with a `ConfigError`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Config.Config.Wrap<Options>
): Layer.Layer<WorkOSClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.scoped(
    WorkOSClient,
    Effect.flatMap(Effect.flatMap(Config.unwrap(options), Settings.check), makeChecked)
  )

/**
 * The options read from the environment (or any `ConfigProvider`), checked as {@link layerConfig} checks them, a
 * problem named by its variable:
 *
 * | Variable | Default |
 * |---|---|
 * | `WORKOS_API_KEY` | required; read as `Redacted` |
 * | `WORKOS_BASE_URL` | `https://api.workos.com` |
 * | `WORKOS_MAX_RETRIES` | `3` |
 * | `WORKOS_TIMEOUT` | `60000` (milliseconds, or a duration such as `30 seconds`) |
 * | `WORKOS_RATE_LIMIT_REDIS_URL` | none: the budget is this process's; a `redis://` URL shares it (read as `Redacted`) |
 * | `WORKOS_RATE_LIMIT_ON_STORE_DOWN` | `open` (or `closed`), when that Redis is down |
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config.Wrap<Options> = Settings.fromEnv

/**
 * {@link layerConfig} with {@link config}: reads `WORKOS_API_KEY` (required), `WORKOS_BASE_URL`,
 * `WORKOS_MAX_RETRIES`, `WORKOS_TIMEOUT`, `WORKOS_RATE_LIMIT_REDIS_URL` and `WORKOS_RATE_LIMIT_ON_STORE_DOWN`. The
 * `HttpClient` stays a requirement.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<WorkOSClient, ConfigError.ConfigError, HttpClient.HttpClient> = Layer.scoped(
  WorkOSClient,
  Effect.flatMap(Settings.fromEnv, makeChecked)
)

/**
 * The platform's fetch client with `redirect: "manual"`: a redirect comes back as the 3xx it is, which the client
 * refuses (`UnexpectedResponse` naming the `Location` host), and nothing is sent to the address it names. With
 * fetch's default (`follow`) the client still refuses the answer, but the request has been sent there (fetch drops
 * `Authorization` on a cross-origin hop).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFetch: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer.pipe(
  Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
)

/**
 * {@link layerFromEnv} sending with the platform's fetch client ({@link layerFetch}: redirects are not followed).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnvFetch: Layer.Layer<WorkOSClient, ConfigError.ConfigError> = layerFromEnv.pipe(
  Layer.provide(layerFetch)
)
