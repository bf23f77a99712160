/**
 * The Organization resource and the domains embedded in it.
 *
 * The *encoded* side of every schema here is the exact WorkOS wire JSON (snake_case), so the same schema decodes
 * responses in the live client and encodes them in the emulator.
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"

/**
 * Sets `key` to `value` as an own, enumerable data property of `record`. Unlike `record[key] = value`, this makes
 * `__proto__` a key like any other and never changes a prototype.
 *
 * @since 0.1.0
 * @category records
 */
export const setEntry = <A>(record: Record<string, A>, key: string, value: A): void => {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
}

type EntryParser = (u: unknown, options?: AST.ParseOptions) => Either.Either<unknown, ParseResult.ParseIssue>

/** The entries of `input`, each key and value parsed, as a new object of own properties. */
const parseEntries = <A>(parseKey: EntryParser, parseValue: EntryParser) =>
(
  input: unknown,
  options: AST.ParseOptions,
  ast: AST.Declaration
): Either.Either<A, ParseResult.ParseIssue> => {
  if (!Predicate.isRecord(input)) return Either.left(new ParseResult.Type(ast, input))
  const output: Record<string, unknown> = {}
  const issues: Array<ParseResult.Pointer> = []
  for (const key of Object.keys(input)) {
    const parsed = Either.flatMap(
      parseKey(key, options),
      (k) => Either.map(parseValue(input[key], options), (v) => [k as string, v] as const)
    )
    if (Either.isRight(parsed)) {
      setEntry(output, parsed.right[0], parsed.right[1])
    } else {
      issues.push(new ParseResult.Pointer(key, input, parsed.left))
      if (options.errors !== "all") break
    }
  }
  return Arr.isNonEmptyArray(issues)
    ? Either.left(new ParseResult.Composite(ast, input, issues, output))
    : Either.right(output as A)
}

/**
 * A JSON object of string keys to values, in which every key is data. `Schema.Record` builds its output by
 * assignment (`out[key] = …`, effect 3.22.4), so an own `__proto__` key — which `JSON.parse` and WorkOS's JSON
 * service keep as an ordinary key — sets the output's prototype instead and is silently lost. Here every key
 * (`__proto__`, `constructor` and `prototype` included) is defined as an own property on both sides, so it
 * round-trips, and no prototype is ever touched. A key the `key` schema rejects is an error naming it, never
 * dropped. Key and value schemas must be synchronous.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Dictionary = <K extends Schema.Schema<string, string, never>, V extends Schema.Schema.AnyNoContext>(
  { key, value }: { readonly key: K; readonly value: V }
): Schema.declare<
  { readonly [x: string]: Schema.Schema.Type<V> },
  { readonly [x: string]: Schema.Schema.Encoded<V> },
  readonly [K, V]
> =>
  Schema.declare<
    { readonly [x: string]: Schema.Schema.Type<V> },
    { readonly [x: string]: Schema.Schema.Encoded<V> },
    readonly [K, V]
  >(
    [key, value],
    {
      decode: (key, value) =>
        parseEntries(ParseResult.decodeUnknownEither(key), ParseResult.decodeUnknownEither(value)),
      encode: (key, value) => parseEntries(ParseResult.encodeUnknownEither(key), ParseResult.encodeUnknownEither(value))
    },
    {
      description: `{ readonly [x: ${Schema.format(key)}]: ${Schema.format(value)} }`,
      arbitrary: (key, value) => (fc) =>
        fc.uniqueArray(fc.tuple(key(fc), value(fc)), { selector: ([k]) => k, maxLength: 10 }).map((entries) => {
          const record: Record<string, Schema.Schema.Type<V>> = {}
          for (const [k, v] of entries) setEntry(record, k, v)
          return record
        }),
      pretty: (key, value) => (record) =>
        `{ ${Object.keys(record).map((k) => `${key(k as Schema.Schema.Type<K>)}: ${value(record[k]!)}`).join(", ")} }`,
      equivalence: (_, value) => (a, b) => {
        const keys = Object.keys(a)
        return keys.length === Object.keys(b).length &&
          keys.every((k) => Object.hasOwn(b, k) && value(a[k]!, b[k]!))
      }
    }
  )

/**
 * String keys to string values, as WorkOS stores an organization's metadata: a JSON object in which `__proto__`,
 * `constructor` and `prototype` are keys like any other (see {@link Dictionary}). WorkOS limits the number of keys
 * and their lengths (WIRE.md §12); the server enforces those.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Metadata = Dictionary({ key: Schema.String, value: Schema.String }).annotations({
  identifier: "Metadata",
  jsonSchema: { type: "object", additionalProperties: { type: "string" } }
})

/**
 * @since 0.1.0
 * @category models
 */
export type Metadata = typeof Metadata.Type

/**
 * Every state a domain can be in on the wire. Only `pending` and `verified` are accepted as input
 * (see {@link DomainDataState}).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainState = Schema.Literal("pending", "verified", "failed", "legacy_verified", "unverified")

/**
 * @since 0.1.0
 * @category models
 */
export type DomainState = typeof DomainState.Type

/**
 * A state string this version does not know (WIRE-LIFECYCLE.md §7 #25: WorkOS may add states; a client keeps what it
 * was sent instead of failing). Never one of {@link DomainState}'s five: those decode as themselves.
 *
 * @since 0.2.0
 * @category schemas
 */
export const UnknownDomainState = Schema.String.pipe(
  Schema.filter((s) => !(DomainState.literals as ReadonlyArray<string>).includes(s) || "a known domain state"),
  Schema.brand("UnknownDomainState")
).annotations({ identifier: "UnknownDomainState" })

/**
 * @since 0.2.0
 * @category models
 */
export type UnknownDomainState = typeof UnknownDomainState.Type

/**
 * A domain's `state` as a client reads it: one of the five {@link DomainState}s, or, kept as sent, a state added
 * after this version ({@link UnknownDomainState}). A `switch` over the five leaves the unknown ones in `default`.
 *
 * @since 0.2.0
 * @category schemas
 */
export const AnyDomainState = Schema.Union(DomainState, UnknownDomainState).annotations({
  identifier: "AnyDomainState",
  // what a server sends (the emulator sends only the five); a client also keeps any other string
  jsonSchema: { type: "string", enum: DomainState.literals }
})

/**
 * @since 0.2.0
 * @category models
 */
export type AnyDomainState = typeof AnyDomainState.Type

/**
 * Whether a state (read from the wire) is one of the five this version knows.
 *
 * @since 0.2.0
 * @category guards
 */
export const isKnownDomainState: (state: AnyDomainState) => state is DomainState = Schema.is(DomainState) as (
  state: AnyDomainState
) => state is DomainState

/**
 * The states a caller may request in `domainData`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainDataState = Schema.Literal("pending", "verified")

/**
 * @since 0.1.0
 * @category models
 */
export type DomainDataState = typeof DomainDataState.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const VerificationStrategy = Schema.Literal("dns", "manual")

/**
 * @since 0.1.0
 * @category models
 */
export type VerificationStrategy = typeof VerificationStrategy.Type

/**
 * Timestamps are kept as the ISO-8601 strings WorkOS sends (`2025-07-22T18:55:20.355Z`), like the official SDK;
 * they sort lexicographically in time order.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Timestamp = Schema.String.annotations({
  identifier: "Timestamp",
  description: "ISO-8601 UTC timestamp with milliseconds, e.g. 2025-07-22T18:55:20.355Z"
})

/**
 * Responses recorded before 2025 and the official SDK's hand-written fixtures lack some timestamps; they decode to
 * this value so that a decoded object is always complete. The real API always sends them today.
 *
 * @since 0.1.0
 * @category constants
 */
export const MISSING_TIMESTAMP = "1970-01-01T00:00:00.000Z"

/** @internal */
export const timestampKey = <const Key extends string>(key: Key) =>
  Schema.optionalWith(Timestamp, { default: () => MISSING_TIMESTAMP }).pipe(Schema.fromKey(key))

/**
 * A domain that belongs to an organization: the same object inside `Organization.domains` and on its own
 * (`/organization_domains`, WIRE-LIFECYCLE.md §3.2: the spec's `OrganizationDomainStandAlone` has the same fields).
 *
 * Old responses omit `state` (before 2024-04: such domains were created through the deprecated `domains` input and
 * decode as `legacy_verified`), `organization_id` (before 2025-01) and the timestamps (every recording to 2025-01).
 *
 * @since 0.1.0
 * @category schemas
 */
export class OrganizationDomain extends Schema.Class<OrganizationDomain>("@effect-workos/core/OrganizationDomain")({
  object: Schema.tag("organization_domain"),
  /** `org_domain_<ULID>` */
  id: Schema.String,
  /** The owning organization; absent in responses recorded before 2025-01. */
  organizationId: Schema.optional(Schema.String).pipe(Schema.fromKey("organization_id")),
  /** The domain name, e.g. `example.com`. */
  domain: Schema.String,
  /**
   * Absent before 2024-04; decodes to `legacy_verified`, the state of domains created in that era. A state this
   * version does not know is kept as sent ({@link UnknownDomainState}).
   */
  state: Schema.optionalWith(AnyDomainState, { default: () => "legacy_verified" as const }),
  /** `manual` for domains created as `verified` through the API; absent on legacy domains. */
  verificationStrategy: Schema.optional(VerificationStrategy).pipe(Schema.fromKey("verification_strategy")),
  /**
   * The DNS TXT token, present with the `dns` strategy: the record to publish is a TXT record on `domain` whose
   * value is `verification_token=<token>`. Some fixtures send an explicit `null`.
   */
  verificationToken: Schema.optionalWith(Schema.String, { nullable: true, exact: true }).pipe(
    Schema.fromKey("verification_token")
  ),
  /** The DNS TXT record name prefix. */
  verificationPrefix: Schema.optional(Schema.String).pipe(Schema.fromKey("verification_prefix")),
  createdAt: Schema.optional(Timestamp).pipe(Schema.fromKey("created_at")),
  updatedAt: Schema.optional(Timestamp).pipe(Schema.fromKey("updated_at"))
}) {}

/**
 * A WorkOS organization.
 *
 * Decoding tolerates every shape WorkOS has sent since 2021: `metadata` absent → `{}`, `external_id` absent →
 * `null`, `allow_profiles_outside_organization` absent → `false`, timestamps absent → {@link MISSING_TIMESTAMP}.
 * Encoding always emits the fields the current spec requires and omits `stripe_customer_id` while it is unset.
 *
 * @since 0.1.0
 * @category schemas
 */
export class Organization extends Schema.Class<Organization>("@effect-workos/core/Organization")({
  object: Schema.tag("organization"),
  /** `org_<ULID>` */
  id: Schema.String,
  /** Display name; not unique. */
  name: Schema.String,
  domains: Schema.Array(OrganizationDomain),
  /** String key/value pairs; `{}` when empty (absent before 2025-07). */
  metadata: Schema.optionalWith(Metadata, { default: () => ({}) }),
  /** Your own identifier, unique in the environment; `null` when unset (absent before 2025-07). */
  externalId: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }).pipe(
    Schema.fromKey("external_id")
  ),
  /** Present only once set; WorkOS omits the key while it is unset. */
  stripeCustomerId: Schema.optionalWith(Schema.String, { nullable: true, exact: true }).pipe(
    Schema.fromKey("stripe_customer_id")
  ),
  createdAt: timestampKey("created_at"),
  updatedAt: timestampKey("updated_at"),
  /** Deprecated by WorkOS; always `false` in current responses. */
  allowProfilesOutsideOrganization: Schema.optionalWith(Schema.Boolean, { default: () => false }).pipe(
    Schema.fromKey("allow_profiles_outside_organization")
  )
}) {}
