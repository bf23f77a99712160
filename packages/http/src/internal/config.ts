/**
 * The client's configuration: the defaults, the environment variable behind each option, and the one check of the
 * options that a bad value would otherwise turn into failed calls (an empty key, a base URL without an http(s)
 * scheme). `WorkOSClient.make` dies with what it finds, `layerConfig` and the environment's Config fail with a
 * `ConfigError` naming the option, or its variable.
 */
import * as RateLimits from "@effect-workos/core/RateLimits"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Errors from "./errors.js"
import * as RedisUrl from "./redisUrl.js"

/**
 * @internal
 */
export const defaults = {
  baseUrl: "https://api.workos.com",
  maxRetries: 3,
  timeout: Duration.seconds(60) as Duration.Duration,
  requestsPerMinute: RateLimits.requests,
  deletesPerMinute: RateLimits.deletes,
  rateLimitWindow: RateLimits.window
} as const

/**
 * The environment variable of each option the environment sets.
 *
 * @internal
 */
export const variables = {
  apiKey: "WORKOS_API_KEY",
  baseUrl: "WORKOS_BASE_URL",
  maxRetries: "WORKOS_MAX_RETRIES",
  timeout: "WORKOS_TIMEOUT",
  rateLimitRedisUrl: RedisUrl.URL_VARIABLE,
  rateLimitOnStoreDown: RedisUrl.ON_STORE_DOWN_VARIABLE
} as const

/**
 * The options the check reads.
 *
 * @internal
 */
export interface Checked {
  readonly apiKey: Redacted.Redacted
  readonly baseUrl?: string | undefined
}

type Field = keyof Checked

/** What is wrong with an API key, if anything: an empty key would be sent as `Bearer ` and answered 401. */
const apiKeyProblem = (apiKey: Redacted.Redacted): string | undefined => {
  const value = Redacted.value(apiKey) as unknown
  return typeof value === "string" && value.trim() !== ""
    ? undefined
    : "is empty: give your WorkOS secret API key (sk_test_… or sk_live_…)"
}

/**
 * What is wrong with a base URL, if anything: it must be an absolute http(s) URL (`api.workos.com` without a
 * scheme would fail every call).
 */
const baseUrlProblem = (baseUrl: string, scrub: (text: string) => string): string | undefined => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    // quoted without the key, in case the key was pasted into the wrong variable
    return `must be an http(s) URL with its scheme, such as https://api.workos.com or http://127.0.0.1:8484; got ${
      SchemaIssue.formatValue(baseUrl, { redact: scrub })
    }`
  }
  if (url.protocol === "http:" || url.protocol === "https:") return undefined
  // a URL with credentials is not quoted, only its scheme
  const quoted = url.username === "" && url.password === ""
    ? `got ${SchemaIssue.formatValue(baseUrl, { redact: scrub })}`
    : `its scheme is ${SchemaIssue.formatValue(url.protocol, { maxLength: 20 })}`
  return `must be an http(s) URL, such as https://api.workos.com or http://127.0.0.1:8484; ${quoted}`
}

/**
 * The first problem with the options: the field and what is wrong.
 *
 * @internal
 */
export const problem = (options: Checked): readonly [field: Field, problem: string] | undefined => {
  const key = apiKeyProblem(options.apiKey)
  if (key !== undefined) return ["apiKey", key]
  const url = options.baseUrl === undefined
    ? undefined
    : baseUrlProblem(options.baseUrl, Errors.scrubber(options.apiKey))
  return url === undefined ? undefined : ["baseUrl", url]
}

/**
 * {@link problem} as a `ConfigError` at the option's name as `nameOf` gives it (the field, or its variable).
 *
 * @internal
 */
export const check = <O extends Checked>(
  options: O,
  nameOf: (field: Field) => string = identity
): Either.Either<O, ConfigError.ConfigError> => {
  const found = problem(options)
  return found === undefined
    ? Either.right(options)
    : Either.left(ConfigError.InvalidData([nameOf(found[0])], found[1]))
}

/** `WORKOS_TIMEOUT`: milliseconds (`30000`) or a duration (`30 seconds`). */
const timeoutConfig = (name: string): Config.Config<Duration.Duration> =>
  Config.string(name).pipe(
    Config.mapOrFail((raw) => {
      const value = raw.trim()
      const duration = /^\d+$/.test(value) ? Option.some(Duration.millis(Number(value))) : Duration.decodeUnknown(value)
      return Option.match(duration, {
        onNone: () =>
          Either.left(ConfigError.InvalidData([], "expected milliseconds (60000) or a duration (60 seconds)")),
        onSome: Either.right
      })
    })
  )

/**
 * The options read from the {@link variables}, checked once, a problem named by its variable.
 *
 * @internal
 */
export const fromEnv = Config.all({
  // read as an option so that a missing key says what to set, not only that it is missing
  apiKey: Config.option(Config.redacted(variables.apiKey)).pipe(
    Config.mapOrFail(Option.match({
      onNone: () =>
        Either.left(
          ConfigError.MissingData(
            [variables.apiKey],
            `set ${variables.apiKey} to your WorkOS secret API key (sk_test_… or sk_live_…)`
          )
        ),
      onSome: Either.right
    }))
  ),
  baseUrl: Config.withDefault(Config.string(variables.baseUrl), defaults.baseUrl),
  maxRetries: Config.integer(variables.maxRetries).pipe(
    Config.validate({ message: "must be an integer ≥ 0", validation: (n) => n >= 0 }),
    Config.withDefault(defaults.maxRetries)
  ),
  timeout: Config.withDefault(timeoutConfig(variables.timeout), defaults.timeout),
  // the shared budget (issue 15): a Redis URL, checked without loading ioredis and never quoted (it may hold a
  // password), and the policy when that Redis is down
  rateLimit: Config.all({
    redisUrl: Config.option(Config.redacted(variables.rateLimitRedisUrl)).pipe(
      Config.mapOrFail(Option.match({
        onNone: () => Either.right(undefined),
        onSome: (url) => {
          if (Redacted.value(url).trim() === "") return Either.right(undefined)
          return Either.match(RedisUrl.parse(Redacted.value(url)), {
            onLeft: (problem) => Either.left(ConfigError.InvalidData([variables.rateLimitRedisUrl], problem)),
            onRight: () => Either.right(url)
          })
        }
      }))
    ),
    onStoreDown: Config.withDefault(Config.literal("open", "closed")(variables.rateLimitOnStoreDown), undefined)
  })
}).pipe(Config.mapOrFail((options) => check(options, (field) => variables[field])))
