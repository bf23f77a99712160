/**
 * The machinery behind `ApiKeyAuth`: reading the `Authorization` header, the digest a key is cached under, and the
 * cache of validations.
 */
import * as Cache from "effect/Cache"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Equal from "effect/Equal"
import * as Exit from "effect/Exit"
import * as Hash from "effect/Hash"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { ApiKey } from "../ApiKey.js"
import { sha256Hex } from "../Sha256.js"
import { InvalidRequest } from "../WorkOSError.js"

/**
 * The longest key read from a header: far above any key WorkOS issues, low enough that a huge header costs nothing
 * before it is refused.
 */
export const maxKeyLength = 1024

/** RFC 6750 `Bearer` credentials: the scheme (any case), at least one space, a token68. */
const bearer = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i

/** What an `Authorization` header holds: nothing, something that is not one Bearer token, or a token. */
export type Credential =
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Malformed" }
  | { readonly _tag: "Token"; readonly value: Redacted.Redacted<string> }

const missing: Credential = { _tag: "Missing" }
const malformed: Credential = { _tag: "Malformed" }

/** Reads an `Authorization` header; the token, when there is one, is `Redacted` from here on. */
export const readAuthorization = (header: string | undefined): Credential => {
  if (header === undefined || header.trim() === "") return missing
  if (header.length > maxKeyLength + 16) return malformed
  const match = bearer.exec(header)
  return match === null || match[1]!.length > maxKeyLength
    ? malformed
    : { _tag: "Token", value: Redacted.make(match[1]!) }
}

/** The lower-case hex SHA-256 of a key: what the cache knows it by. */
export const digest = (value: Redacted.Redacted<string>): string => sha256Hex(Redacted.value(value))

/**
 * A cache key: equal to another when their digests are. It carries the key's value only until its lookup takes it,
 * so the entries the cache keeps hold digests alone.
 */
export class DigestKey implements Equal.Equal {
  constructor(readonly digest: string, private value: Redacted.Redacted<string> | undefined) {}
  /** The value, once: the cache keeps this object as the entry's key. */
  take(): Redacted.Redacted<string> | undefined {
    const value = this.value
    this.value = undefined
    return value
  }
  [Equal.symbol](that: unknown): boolean {
    return that instanceof DigestKey && that.digest === this.digest
  }
  [Hash.symbol](): number {
    return Hash.string(this.digest)
  }
  toString(): string {
    return `DigestKey(${this.digest.slice(0, 8)}…)`
  }
  toJSON(): unknown {
    return { _id: "DigestKey", digest: this.digest }
  }
}

/** What a lookup can answer: WorkOS's verdict, or why it gave none (not cached). */
export type Lookup<E> = Effect.Effect<Option.Option<ApiKey>, E>

/**
 * A validation cache: a verdict (a key or `None`) is kept `timeToLive`; a failure is not kept at all, so the next
 * request asks WorkOS again.
 */
export const makeCache = <E>(options: {
  readonly capacity: number
  readonly timeToLive: Duration.Duration
  readonly validate: (value: Redacted.Redacted<string>) => Lookup<E>
  /** Answered when a key reaches a lookup without its value (never, with one `DigestKey` per request). */
  readonly lost: E
}) =>
  Effect.map(
    Cache.makeWith({
      capacity: options.capacity,
      lookup: (key: DigestKey) => {
        const value = key.take()
        return value === undefined ? Effect.fail(options.lost) : options.validate(value)
      },
      timeToLive: (exit) => (Exit.isSuccess(exit) ? options.timeToLive : Duration.zero)
    }),
    (cache) => {
      const get = (key: DigestKey): Lookup<E> =>
        cache.get(key).pipe(
          // a failure's entry expires at once, but not within the same millisecond: drop it now
          Effect.tapError(() => cache.invalidate(key)),
          // the request whose lookup this one was waiting for was interrupted (its client went away), and its entry
          // is gone: look up again (this request itself being interrupted never gets here)
          Effect.catchAllCause((cause) => Cause.isInterruptedOnly(cause) ? get(key) : Effect.failCause(cause))
        )
      return {
        get,
        invalidate: (key: DigestKey) => cache.invalidate(key),
        invalidateAll: cache.invalidateAll
      }
    }
  )

/** Whether a key's `expiresAt` has passed on `Clock` (an unreadable one is left to WorkOS, which issued it). */
export const hasExpired = (apiKey: ApiKey): Effect.Effect<boolean> => {
  const expiresAt: DateTime.DateTime.Input | null = apiKey.expiresAt
  if (expiresAt === null) return Effect.succeed(false)
  return Option.match(DateTime.make(expiresAt), {
    onNone: () => Effect.succeed(false),
    onSome: (at) => Effect.map(Clock.currentTimeMillis, (now) => DateTime.toEpochMillis(at) <= now)
  })
}

/** Errors of `validateApiKey` that are a verdict on the value itself (refused locally, or WorkOS's 422): invalid. */
export const refusedValue: ReadonlySet<string> = new Set(["InvalidRequest", "ValidationFailed"])

const maxCapacity = 10_000_000
const timeToLiveRange = { minimum: Duration.millis(1), maximum: Duration.days(1) }

/** The cache's settings from the options, checked. */
export const settings = (
  options: { readonly capacity?: number | undefined; readonly timeToLive?: Duration.DurationInput | undefined },
  defaults: { readonly capacity: number; readonly timeToLive: Duration.Duration }
): Effect.Effect<{ readonly capacity: number; readonly timeToLive: Duration.Duration }, InvalidRequest> => {
  const capacity = options.capacity ?? defaults.capacity
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > maxCapacity) {
    return Effect.fail(
      new InvalidRequest({ field: "capacity", detail: `must be an integer from 1 to ${maxCapacity}, got ${capacity}` })
    )
  }
  const timeToLive = Duration.decodeUnknown(options.timeToLive ?? defaults.timeToLive)
  if (Option.isNone(timeToLive) || !Duration.between(timeToLive.value, timeToLiveRange)) {
    const { maximum, minimum } = timeToLiveRange
    return Effect.fail(
      new InvalidRequest({
        field: "timeToLive",
        detail: `must be a duration from ${Duration.format(minimum)} to ${Duration.format(maximum)}`
      })
    )
  }
  return Effect.succeed({ capacity, timeToLive: timeToLive.value })
}
