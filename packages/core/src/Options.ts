/**
 * The options each operation takes, camelCase like the official SDK, as schemas. Every operation validates its
 * input against these (their *type* side) before doing anything, and rejects bad input with `InvalidRequest`
 * naming the field.
 *
 * The *encoded* side of the body-carrying options is the WorkOS request body (snake_case), so the live client
 * encodes requests with these schemas and the emulator decodes them with the same ones.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as Organization from "./Organization.js"
import * as SchemaIssue from "./SchemaIssue.js"
import { InvalidRequest } from "./WorkOSError.js"

/**
 * An id that can stand in a URL path: any non-empty string but `.` and `..` (which a URL would resolve away).
 * Whether it exists is the server's answer.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PathId = Schema.String.pipe(
  Schema.filter((s) => (s !== "" && s !== "." && s !== "..") || "must be a non-empty id, and not '.' or '..'")
).annotations({ identifier: "PathId" })

/**
 * The largest page WorkOS serves (`limit`'s maximum).
 *
 * @since 0.2.0
 * @category constants
 */
export const maxLimit = 100

/**
 * Page size: an integer from 1 to {@link maxLimit} (100).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Limit = Schema.Number.pipe(
  Schema.filter((n) => (Number.isInteger(n) && n >= 1 && n <= maxLimit) || `must be an integer from 1 to ${maxLimit}`)
).annotations({
  identifier: "Limit",
  // a filtered random number is almost never an integer in range: `Arbitrary.make` would spin
  arbitrary: () => (fc) => fc.integer({ min: 1, max: maxLimit })
})

/**
 * An organization's name: WorkOS requires one, and a blank one counts as missing (WIRE.md §13 #24). It is the
 * server's rule, not checked before sending: the fake and the emulator check it with this schema, and answer the
 * 422 for a missing name.
 *
 * @since 0.2.0
 * @category schemas
 */
export const OrganizationName = Schema.String.pipe(
  Schema.filter((s) =>
    s.trim() !== "" || new ParseResult.Missing(new AST.Type(AST.stringKeyword), "a blank name counts as missing")
  )
).annotations({ identifier: "OrganizationName" })

/**
 * `desc` (the default) and `asc` order by creation time and page forward with `after`; `normal` is WorkOS's legacy
 * mode (newest first, `before` pages toward older items).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Order = Schema.Literal("asc", "desc", "normal")

/**
 * @since 0.1.0
 * @category models
 */
export type Order = typeof Order.Type

/**
 * A cursor is an object id taken from `listMetadata`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Cursor = Schema.NonEmptyString.annotations({ identifier: "Cursor" })

/**
 * @since 0.1.0
 * @category schemas
 */
export const PaginationOptions = Schema.Struct({
  // the fields in the order the official SDK sends them: the URL parameters are encoded in this order
  /** The items before this id. */
  before: Schema.optional(Cursor),
  /** The items after this id. */
  after: Schema.optional(Cursor),
  /** Page size, 1–100. WorkOS's default is 10; Streams default to 100. */
  limit: Schema.optional(Limit),
  /** Default `desc`. */
  order: Schema.optional(Order)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface PaginationOptions extends Schema.Schema.Type<typeof PaginationOptions> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationsOptions = Schema.Struct({
  ...PaginationOptions.fields,
  /** Organizations having any of these domains (case-insensitive). */
  domains: Schema.optional(Schema.Array(Schema.String)),
  /** Case-insensitive substring of the organization name. */
  search: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ListOrganizationsOptions extends Schema.Schema.Type<typeof ListOrganizationsOptions> {}

/**
 * A domain to attach, in state `pending` (to be verified by DNS) or `verified` (you vouch for it).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainData = Schema.Struct({
  domain: Schema.String,
  state: Organization.DomainDataState
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DomainData extends Schema.Schema.Type<typeof DomainData> {}

/**
 * String keys to string values, every key kept as data (`__proto__` included). The schema of `Organization.metadata`
 * (see `Organization.Metadata`). WorkOS limits the number of keys and their lengths; the server enforces those.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Metadata = Organization.Metadata

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateOrganizationOptions = Schema.Struct({
  name: Schema.String,
  domainData: Schema.optional(Schema.Array(DomainData)).pipe(Schema.fromKey("domain_data")),
  /** Your own identifier; unique in the environment. */
  externalId: Schema.optional(Schema.String).pipe(Schema.fromKey("external_id")),
  metadata: Schema.optional(Metadata)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateOrganizationOptions extends Schema.Schema.Type<typeof CreateOrganizationOptions> {}

/**
 * A partial update: keys you leave out stay as they are.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateOrganizationOptions = Schema.Struct({
  /** The organization id. */
  organization: PathId,
  name: Schema.optional(Schema.String),
  /** Replaces the set of domains; domains you keep keep their id and state. */
  domainData: Schema.optional(Schema.Array(DomainData)).pipe(Schema.fromKey("domain_data")),
  /** `null` clears it. */
  externalId: Schema.optional(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("external_id")),
  /** Replaces the whole map; `null` clears it. */
  metadata: Schema.optional(Schema.NullOr(Metadata)),
  /** `null` clears it. */
  stripeCustomerId: Schema.optional(Schema.NullOr(Schema.String)).pipe(Schema.fromKey("stripe_customer_id"))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface UpdateOrganizationOptions extends Schema.Schema.Type<typeof UpdateOrganizationOptions> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationRolesOptions = Schema.Struct({ organizationId: PathId })

/**
 * @since 0.1.0
 * @category models
 */
export interface ListOrganizationRolesOptions extends Schema.Schema.Type<typeof ListOrganizationRolesOptions> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationFeatureFlagsOptions = Schema.Struct({
  organizationId: PathId,
  ...PaginationOptions.fields
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ListOrganizationFeatureFlagsOptions
  extends Schema.Schema.Type<typeof ListOrganizationFeatureFlagsOptions>
{}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationApiKeysOptions = Schema.Struct({
  organizationId: PathId,
  ...PaginationOptions.fields
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ListOrganizationApiKeysOptions extends Schema.Schema.Type<typeof ListOrganizationApiKeysOptions> {}

/**
 * An ISO-8601 date-time with a time zone, e.g. `2030-01-01T00:00:00.000Z`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoDateTime = Schema.String.pipe(
  Schema.filter((s) =>
    (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) ||
    "must be an ISO-8601 date-time with a time zone, e.g. 2030-01-01T00:00:00.000Z"
  )
).annotations({
  identifier: "IsoDateTime",
  // a filtered random string is almost never a date-time: `Arbitrary.make` would spin
  arbitrary: () => (fc) =>
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString())
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateOrganizationApiKeyOptions = Schema.Struct({
  organizationId: PathId,
  name: Schema.String,
  /** Permission slugs. */
  permissions: Schema.optional(Schema.Array(Schema.String)),
  /** Must be in the future; the key never expires when omitted. (The official SDK cannot send this.) */
  expiresAt: Schema.optional(IsoDateTime).pipe(Schema.fromKey("expires_at"))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface CreateOrganizationApiKeyOptions extends Schema.Schema.Type<typeof CreateOrganizationApiKeyOptions> {}

/**
 * @since 0.1.0
 * @category schemas
 */
export const RequestOptions = Schema.Struct({
  /**
   * Sent as `Idempotency-Key`. Without it the live client generates one per call (the same on every retry).
   */
  idempotencyKey: Schema.optional(Schema.NonEmptyString)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RequestOptions extends Schema.Schema.Type<typeof RequestOptions> {}

/**
 * The first issue of a parse error as `InvalidRequest`, its field path prefixed by `field` when given
 * (`domainData[0].state`).
 *
 * @since 0.1.0
 * @category validation
 */
export const toInvalidRequest = (error: ParseResult.ParseError, field = ""): InvalidRequest => {
  const issue = SchemaIssue.first(error)
  const path = SchemaIssue.formatPath(issue.path)
  return new InvalidRequest({
    field: field === "" ? path : path === "" ? field : `${field}.${path}`,
    detail: issue.message
  })
}

/**
 * Validates a caller's `input` against the type side of `schema`, rejecting unknown keys, and fails with
 * `InvalidRequest` naming the first offending field (prefixed by `field` when given).
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = <A, I>(schema: Schema.Schema<A, I>, field = "") => {
  const check = Schema.validate(schema, { onExcessProperty: "error", errors: "first" })
  return (input: unknown): Effect.Effect<A, InvalidRequest> =>
    Effect.mapError(check(input), (error) => toInvalidRequest(error, field))
}

/**
 * The query string of a list request, as WorkOS (and the official SDK) encode it: absent and empty values are
 * omitted, `domains` is one comma-joined value (the spec's `explode: false`), `limit` is a decimal string, and
 * `order` is always sent (default `desc`). Keys other than the list parameters (such as `organizationId`, a path
 * parameter) are ignored. The live client sends this record as form-encoded URL parameters.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toQuery = (options: ListOrganizationsOptions): Record<string, string> => {
  const query: Record<string, string> = {}
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") query[key] = value
  }
  put("before", options.before)
  put("after", options.after)
  put("limit", options.limit === undefined ? undefined : String(options.limit))
  query.order = options.order ?? "desc"
  put("domains", options.domains?.join(","))
  put("search", options.search)
  return query
}

/**
 * What {@link fromQuery} read from a query string.
 *
 * @since 0.1.0
 * @category decoding
 */
export interface QueryInput {
  /** The wire-shaped input for the list options schemas (`limit` a number when it reads as one). */
  readonly input: Record<string, unknown>
  /** Keys that are not list parameters, in order of first appearance. */
  readonly unknownKeys: ReadonlyArray<string>
  /** Single-valued keys that were given more than once. */
  readonly repeatedKeys: ReadonlyArray<string>
}

/** The query parameters of `GET /organizations`: the keys of {@link ListOrganizationsOptions}. */
const listOrganizationsKeys: ReadonlyArray<string> = Object.keys(ListOrganizationsOptions.fields)

const numericQueryValue = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * The inverse of {@link toQuery}, for servers: reads a form-encoded query string (`+` is a space) into the input of
 * `ListOrganizationsOptions` (or of the pagination options, with `keys` narrowed). Empty values are absent;
 * `domains` is split on `,` and may also be repeated; `limit` becomes a number when it reads as one (the schema
 * then checks the range). Decode `input` with the options schema; what to answer for `unknownKeys` and
 * `repeatedKeys` is the server's choice.
 *
 * @since 0.1.0
 * @category decoding
 */
export const fromQuery = (
  query: string | URLSearchParams,
  keys: ReadonlyArray<string> = listOrganizationsKeys
): QueryInput => {
  const params = typeof query === "string" ? new URLSearchParams(query) : query
  const input: Record<string, unknown> = {}
  const unknownKeys: Array<string> = []
  const repeatedKeys: Array<string> = []
  const domains: Array<string> = []
  for (const [key, value] of params) {
    if (!keys.includes(key)) {
      if (!unknownKeys.includes(key)) unknownKeys.push(key)
    } else if (key === "domains") {
      for (const domain of value.split(",")) if (domain !== "") domains.push(domain)
    } else if (value !== "") {
      if (key in input) {
        if (!repeatedKeys.includes(key)) repeatedKeys.push(key)
      } else {
        input[key] = key === "limit" && numericQueryValue.test(value) ? Number(value) : value
      }
    }
  }
  if (domains.length > 0) input.domains = domains
  return { input, unknownKeys, repeatedKeys }
}
