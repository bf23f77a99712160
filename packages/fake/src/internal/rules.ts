/**
 * The semantic rules of the WorkOS Organizations API as pure functions (WIRE.md §3, §7, §8.4, §9, §12, §13): input
 * checks and the errors they give, domain-set updates and conflicts, idempotency decisions, API key formats.
 * The store applies them; nothing here touches state, time or randomness.
 *
 * @internal
 */
import * as Options from "@effect-workos/core/Options"
import * as Organization from "@effect-workos/core/Organization"
import { sha256Hex } from "@effect-workos/core/Sha256"
import {
  DomainConflict,
  ExternalIdAlreadyUsed,
  IdempotencyKeyReused,
  InvalidMetadata,
  NotFound,
  StripeCustomerIdAlreadyUsed,
  ValidationFailed,
  ValidationIssue
} from "@effect-workos/core/WorkOSError"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type { Settings } from "../FakeWorkOS.js"
import * as Ulid from "./ulid.js"

// ---------------------------------------------------------------------------------------------------------------
// errors (WIRE.md §8.4)
// ---------------------------------------------------------------------------------------------------------------

/** 422 in the newer validation form. @internal */
export const invalid = (field: string, code: string, message: string): ValidationFailed =>
  ValidationFailed.fromIssues([{ field, code, message }])

/**
 * A wire field checked with core's schema for its rule, failing with the 422 the emulator gives for the same rule
 * (`ValidationFailed.fromParseError`), so the fake, the emulator and the client's `InvalidRequest` say the same.
 */
const checkField = <A, I>(field: string, schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (value: unknown): Either.Either<A, ValidationFailed> =>
    Either.mapLeft(
      decode(value),
      (error) =>
        ValidationFailed.fromParseError(
          ParseResult.parseError(new ParseResult.Pointer(field, { [field]: value }, error.issue))
        )
    )
}

/** 422 in the form the spec gives for API-key create. @internal */
export const invalidApiKey = (field: string, code: string, message?: string): ValidationFailed =>
  new ValidationFailed({
    detail: "Validation failed.",
    errors: [new ValidationIssue({ code, field, ...(message === undefined ? {} : { message }) })]
  })

/** @internal */
export const organizationNotFound = (id: string): NotFound => new NotFound({ resource: "Organization", id })

/** @internal */
export const externalIdAlreadyUsed = (externalId: string): ExternalIdAlreadyUsed =>
  new ExternalIdAlreadyUsed({
    detail: `An organization with the external_id '${externalId}' already exists in this environment.`
  })

/** @internal */
export const stripeCustomerIdAlreadyUsed = (stripeCustomerId: string): StripeCustomerIdAlreadyUsed =>
  new StripeCustomerIdAlreadyUsed({
    detail: `The stripe_customer_id '${stripeCustomerId}' is already used by another organization.`
  })

/** @internal */
export const stripeDisabled = (): ValidationFailed =>
  new ValidationFailed({ detail: "stripe_customer_id is not enabled for this environment", errors: [] })

/** WorkOS's text, made by the class's wire form (the client reads the domain back with it). @internal */
export const domainConflict = (domain: string): DomainConflict => DomainConflict.forDomain(domain)

/** WorkOS's text (organization-create-idempotency-mismatch-400.json), made by the class's wire form. @internal */
export const idempotencyKeyReused = (key: string): IdempotencyKeyReused => IdempotencyKeyReused.forKey(key)

// ---------------------------------------------------------------------------------------------------------------
// lists
// ---------------------------------------------------------------------------------------------------------------

/** The page size when none is given. @internal */
export const DEFAULT_LIMIT = 10

const limitRule = checkField("limit", Options.Limit)

/** `limit`: an integer from 1 to 100 (`Options.Limit`), default 10. @internal */
export const checkLimit = (limit: number | undefined): Either.Either<number, ValidationFailed> =>
  limit === undefined ? Either.right(DEFAULT_LIMIT) : limitRule(limit)

const orderRule = checkField("order", Options.Order)

/** `order`: `asc`, `desc` (default) or `normal` (`Options.Order`). @internal */
export const checkOrder = (order: string = "desc"): Either.Either<Options.Order, ValidationFailed> => orderRule(order)

/**
 * A cursor must be an id of the listed kind (`prefix` plus a ULID); it need not exist. Returns the id with its
 * ULID upper-cased, or `undefined` when no cursor was given.
 *
 * @internal
 */
export const checkCursor = (
  prefix: string,
  field: "before" | "after",
  cursor: string | undefined
): Either.Either<string | undefined, ValidationFailed> => {
  if (cursor === undefined) return Either.right(undefined)
  const ulid = Ulid.parseId(prefix, cursor)
  return ulid === undefined
    ? Either.left(invalid(field, `${field}_invalid`, `${field} must be an object id of the form ${prefix}<ULID>.`))
    : Either.right(prefix + ulid)
}

// ---------------------------------------------------------------------------------------------------------------
// organization fields
// ---------------------------------------------------------------------------------------------------------------

const ASCII = /^[\x00-\x7F]*$/

const nameRule = checkField("name", Options.OrganizationName)

/** `name`: required, not blank (`Options.OrganizationName`, WIRE.md §13 #24). @internal */
export const checkName = (name: string): Either.Either<string, ValidationFailed> => nameRule(name)

/** `external_id`: non-empty, at most `externalIdMaxLength`, ASCII (WIRE.md §13 #6: a 422). @internal */
export const checkExternalId = (settings: Settings, externalId: string): Either.Either<string, ValidationFailed> =>
  externalId === ""
    ? Either.left(invalid("external_id", "external_id_invalid", "external_id must be a non-empty string."))
    : externalId.length > settings.externalIdMaxLength
    ? Either.left(
      invalid(
        "external_id",
        "external_id_too_long",
        `external_id must be at most ${settings.externalIdMaxLength} characters.`
      )
    )
    : settings.externalIdAsciiOnly && !ASCII.test(externalId)
    ? Either.left(invalid("external_id", "external_id_invalid", "external_id must contain only ASCII characters."))
    : Either.right(externalId)

/** `stripe_customer_id`: non-empty when set. @internal */
export const checkStripeCustomerId = (stripeCustomerId: string): Either.Either<string, ValidationFailed> =>
  stripeCustomerId === ""
    ? Either.left(
      invalid("stripe_customer_id", "stripe_customer_id_invalid", "stripe_customer_id must be a non-empty string.")
    )
    : Either.right(stripeCustomerId)

/** `metadata`: string values; key count, key and value lengths, ASCII per settings (400 `invalid_metadata`). @internal */
export const checkMetadata = (
  settings: Settings,
  metadata: Readonly<Record<string, string>>
): Either.Either<Readonly<Record<string, string>>, InvalidMetadata> => {
  const fail = (detail: string) => Either.left(new InvalidMetadata({ detail }))
  const keys = Object.keys(metadata)
  if (keys.length > settings.metadataMaxKeys) {
    return fail(`Metadata can have at most ${settings.metadataMaxKeys} keys; got ${keys.length}.`)
  }
  for (const key of keys) {
    const value: unknown = metadata[key]
    if (key === "") return fail("Metadata keys must be non-empty.")
    if (key.length > settings.metadataKeyMaxLength) {
      return fail(`Metadata key '${key}' is longer than ${settings.metadataKeyMaxLength} characters.`)
    }
    if (typeof value !== "string") return fail(`Metadata value of '${key}' must be a string.`)
    if (value.length > settings.metadataValueMaxLength) {
      return fail(`Metadata value of '${key}' is longer than ${settings.metadataValueMaxLength} characters.`)
    }
    if (settings.metadataAsciiOnly && !(ASCII.test(key) && ASCII.test(value))) {
      return fail(`Metadata key '${key}' and its value must contain only ASCII characters.`)
    }
  }
  return Either.right(metadata)
}

// ---------------------------------------------------------------------------------------------------------------
// domains
// ---------------------------------------------------------------------------------------------------------------

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/

/** Domains compare case-insensitively; they are kept lower-cased. @internal */
export const normalizeDomain = (domain: string): string => domain.trim().toLowerCase()

/** @internal */
export interface RequestedDomain {
  readonly domain: string
  readonly state: Organization.DomainDataState
}

/**
 * `domain_data`: every domain a host name, none twice. Returns the normalized list.
 *
 * @internal
 */
export const checkDomainData = (
  items: ReadonlyArray<{ readonly domain: string; readonly state: string }>
): Either.Either<ReadonlyArray<RequestedDomain>, ValidationFailed> => {
  const seen = new Set<string>()
  const out: Array<RequestedDomain> = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const domain = normalizeDomain(item.domain)
    const field = `domain_data[${i}]`
    if (!HOSTNAME.test(domain)) {
      return Either.left(invalid(`${field}.domain`, "domain_invalid", `'${item.domain}' is not a valid domain.`))
    }
    if (item.state !== "pending" && item.state !== "verified") {
      return Either.left(invalid(`${field}.state`, "state_invalid", "state must be one of pending, verified."))
    }
    if (seen.has(domain)) {
      return Either.left(invalid(`${field}.domain`, "domain_duplicate", `'${domain}' is listed more than once.`))
    }
    seen.add(domain)
    out.push({ domain, state: item.state })
  }
  return Either.right(out)
}

/** @internal */
export const isValidDomain = (domain: string): boolean => HOSTNAME.test(domain)

/** Whether a domain held in `state` conflicts with another organization's (`domainConflictStates`). @internal */
export const isConflictState = (settings: Settings, state: Organization.AnyDomainState): boolean =>
  (settings.domainConflictStates as ReadonlyArray<string>).includes(state)

/**
 * The first requested domain another organization holds in a conflicting state (WIRE.md §13 #9); pending
 * duplicates are allowed.
 *
 * @internal
 */
export const findDomainConflict = (
  settings: Settings,
  domains: ReadonlyArray<string>,
  holders: (
    domain: string
  ) => Iterable<{ readonly organizationId: string; readonly state: Organization.AnyDomainState }>,
  self: string | undefined
): string | undefined => {
  for (const domain of domains) {
    for (const holder of holders(domain)) {
      if (holder.organizationId !== self && isConflictState(settings, holder.state)) return domain
    }
  }
  return undefined
}

/**
 * What an update's `domain_data` does to an organization's domains (WIRE.md §13 #8): the set is replaced; a domain
 * that stays keeps its id and state, unless `verified` is requested for it, and new ones are added. In the order
 * requested.
 *
 * @internal
 */
export const planDomains = (
  existing: ReadonlyArray<Organization.OrganizationDomain>,
  requested: ReadonlyArray<RequestedDomain>
): ReadonlyArray<
  { readonly _tag: "Keep"; readonly domain: Organization.OrganizationDomain } | {
    readonly _tag: "Verify"
    readonly domain: Organization.OrganizationDomain
  } | { readonly _tag: "Add"; readonly request: RequestedDomain }
> => {
  const byName = new Map(existing.map((d) => [normalizeDomain(d.domain), d] as const))
  return requested.map((request) => {
    const current = byName.get(request.domain)
    if (current === undefined) return { _tag: "Add", request } as const
    return request.state === "verified" && current.state !== "verified"
      ? { _tag: "Verify", domain: current } as const
      : { _tag: "Keep", domain: current } as const
  })
}

// ---------------------------------------------------------------------------------------------------------------
// api keys
// ---------------------------------------------------------------------------------------------------------------

/** API key `name`: required (422 in the spec form). @internal */
export const checkApiKeyName = (name: string): Either.Either<string, ValidationFailed> =>
  name.trim() === "" ? Either.left(invalidApiKey("name", "required")) : Either.right(name)

/** API key `expires_at`: a future time when given. Returns it in canonical form. @internal */
export const checkExpiresAt = (
  expiresAt: string | undefined,
  nowMillis: number
): Either.Either<string | null, ValidationFailed> => {
  if (expiresAt === undefined) return Either.right(null)
  const at = Date.parse(expiresAt)
  return Number.isNaN(at) || at <= nowMillis
    ? Either.left(invalidApiKey("expires_at", "invalid", "expires_at must be a future timestamp."))
    : Either.right(new Date(at).toISOString())
}

/** `sk_...3456` (WIRE.md §13 #22). @internal */
export const obfuscate = (value: string, style: Settings["obfuscatedValueStyle"]): string =>
  `sk_${style === "ascii" ? "..." : "\u2026"}${value.slice(-4)}`

/**
 * The stored form of an API key value: its SHA-256, hex, prefixed `sha256:`. The value itself is never kept, and a
 * snapshot's digest gives no value that validates.
 *
 * @internal
 */
export const hashSecret = (value: string): string => `sha256:${sha256Hex(value)}`

/**
 * The digest snapshots held before `sha256:` (64-bit FNV-1a, hex, prefixed `fnv1a64:`): still looked up, so that
 * a key restored from such a snapshot keeps validating.
 *
 * @internal
 */
export const legacyHashSecret = (value: string): string => {
  let h = 0xcbf29ce484222325n
  for (let i = 0; i < value.length; i++) {
    h ^= BigInt(value.charCodeAt(i))
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return `fnv1a64:${h.toString(16).padStart(16, "0")}`
}

/**
 * Whether two digests are equal, in time that depends on their length only (never on where they first differ).
 *
 * @internal
 */
export const sameDigest = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  // past the end of `b`, charCodeAt is NaN, which `^` reads as 0: the lengths already differ
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

/** Whether a key with this `expires_at` has expired at `nowMillis`: at or after its time. @internal */
export const isExpired = (expiresAt: string | null, nowMillis: number): boolean =>
  expiresAt !== null && Date.parse(expiresAt) <= nowMillis

// ---------------------------------------------------------------------------------------------------------------
// idempotency (WIRE.md §9)
// ---------------------------------------------------------------------------------------------------------------

/**
 * JSON with object keys sorted, so equal payloads give equal text whatever their key order: `JSON.stringify` writes
 * an object's properties in the order of a replacer array, so the sorted list of every key in the value is one.
 * Properties set to `undefined` are left out, as on the wire.
 *
 * @internal
 */
export const canonicalJson = (value: unknown): string => {
  const keys = new Set<string>()
  JSON.stringify(value, (key, v: unknown) => {
    keys.add(key)
    return v
  })
  return JSON.stringify(value, Array.from(keys).sort())
}

/** What identifies "the same request": the operation and its canonical wire payload. @internal */
export const fingerprint = (operation: string, encodedOptions: unknown): string =>
  `${operation} ${canonicalJson(encodedOptions)}`

/** @internal */
export interface IdempotencyRecord<A> {
  readonly fingerprint: string
  readonly expiresAt: number
  readonly result: A
}

/**
 * A request with an Idempotency-Key: a live key with the same fingerprint replays the stored result, with another
 * fingerprint it is refused; an unknown or expired key lets the request run.
 *
 * @internal
 */
export const decideIdempotency = <A>(
  record: IdempotencyRecord<A> | undefined,
  fingerprint: string,
  nowMillis: number
):
  | { readonly _tag: "Run" }
  | { readonly _tag: "Replay"; readonly result: A }
  | { readonly _tag: "Mismatch" } =>
  record === undefined || record.expiresAt <= nowMillis
    ? { _tag: "Run" }
    : record.fingerprint === fingerprint
    ? { _tag: "Replay", result: record.result }
    : { _tag: "Mismatch" }

// ---------------------------------------------------------------------------------------------------------------
// time
// ---------------------------------------------------------------------------------------------------------------

/** ISO-8601 UTC with milliseconds and `Z`. @internal */
export const iso = (millis: number): string => new Date(millis).toISOString()

/** A timestamp in canonical form, or `undefined` when it is not one. @internal */
export const canonicalTimestamp = (timestamp: string): string | undefined => {
  const at = Date.parse(timestamp)
  return Number.isNaN(at) ? undefined : new Date(at).toISOString()
}
