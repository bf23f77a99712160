/**
 * The customers file the `provision` app reads: a JSON array of customers, each becoming one WorkOS organization
 * keyed by its `externalId`. The whole file is validated before any request is sent, so a malformed file changes
 * nothing.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Organization from "@effect-workos/core/Organization"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as crypto from "node:crypto"

const ascii = /^[\x20-\x7e]*$/

/**
 * Your own id of the customer (ASCII, at most 64 characters), stored as the organization's `externalId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExternalId = Schema.String.pipe(
  Schema.filter((s) =>
    (s.length >= 1 && s.length <= 64 && /^[\x21-\x7e]+$/.test(s)) ||
    "must be 1 to 64 printable ASCII characters without spaces"
  )
)

/**
 * A domain name such as `example.com` (lower case, at least one dot).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DomainName = Schema.String.pipe(
  Schema.filter((s) =>
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(s) ||
    "must be a lower-case domain name such as example.com"
  )
)

/**
 * A domain of the customer: `verified` (you vouch for it) or `pending` (WorkOS verifies it by DNS).
 *
 * @since 0.1.0
 * @category schemas
 */
export const CustomerDomain = Schema.Struct({
  domain: DomainName,
  // a wrong state's message names both (core's SchemaIssue lists every literal of a union)
  state: Schema.Literal("pending", "verified")
})

/**
 * WorkOS's documented metadata limits: at most 10 keys, keys of at most 40 and values of at most 600 ASCII
 * characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CustomerMetadata = Organization.Dictionary({
  key: Schema.String.pipe(
    Schema.filter((k) => (k.length >= 1 && k.length <= 40 && ascii.test(k)) || "keys must be 1 to 40 ASCII characters")
  ),
  value: Schema.String.pipe(
    Schema.filter((v) => (v.length <= 600 && ascii.test(v)) || "values must be at most 600 ASCII characters")
  )
}).pipe(Schema.filter((m) => Object.keys(m).length <= 10 || "must have at most 10 keys"))

/**
 * One customer.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Customer = Schema.Struct({
  externalId: ExternalId,
  name: Schema.String.pipe(
    Schema.filter((s) => s.trim().length > 0 || "must be a non-empty name")
  ),
  domains: Schema.optionalWith(Schema.Array(CustomerDomain), { default: () => [] }),
  metadata: Schema.optionalWith(CustomerMetadata, { default: () => ({}) })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Customer extends Schema.Schema.Type<typeof Customer> {}

/**
 * The file is rejected: what is wrong, and where (the record's index and `externalId`, and the field).
 *
 * @since 0.1.0
 * @category errors
 */
export class CustomersFileError extends Schema.TaggedError<CustomersFileError>(
  "@effect-workos/examples/CustomersFileError"
)("CustomersFileError", {
  /** The file, as given. */
  source: Schema.String,
  /** The 0-based index of the offending record, when one record is at fault. */
  index: Schema.optional(Schema.Number),
  /** Its `externalId`, when it has a readable one. */
  externalId: Schema.optional(Schema.String),
  /** The offending field of that record, e.g. `domains[0].state`. */
  field: Schema.optional(Schema.String),
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const where = this.index === undefined
      ? ""
      : ` record ${this.index}${this.externalId === undefined ? "" : ` (externalId '${this.externalId}')`}` +
        (this.field === undefined || this.field === "" ? "" : `, field '${this.field}'`) + ":"
    return `${this.source}:${where} ${this.detail}. Nothing was sent to WorkOS.`
  }
}

const externalIdOf = (record: unknown): string | undefined =>
  Predicate.isRecord(record) && typeof record.externalId === "string" && record.externalId !== ""
    ? record.externalId
    : undefined

const decodeRecords = Schema.decodeUnknownEither(Schema.Array(Customer), { errors: "first", onExcessProperty: "error" })

/**
 * Parses and validates the text of a customers file: JSON, every record against {@link Customer}, and no
 * `externalId` or domain used twice. Fails on the first problem, naming the record and field.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (
  text: string,
  source = "customers file"
): Effect.Effect<ReadonlyArray<Customer>, CustomersFileError> =>
  Effect.gen(function*() {
    const json = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (e) => new CustomersFileError({ source, detail: `is not valid JSON (${(e as Error).message})` })
    })
    if (!Array.isArray(json)) {
      return yield* new CustomersFileError({ source, detail: "must be a JSON array of customers" })
    }
    const decoded = decodeRecords(json)
    if (decoded._tag === "Left") {
      const issue = SchemaIssue.first(decoded.left)
      const [index, ...field] = issue.path
      const record = typeof index === "number" ? json[index] : undefined
      const detail = issue.message
      return yield* new CustomersFileError({
        source,
        ...(typeof index === "number" ? { index } : {}),
        ...(externalIdOf(record) === undefined ? {} : { externalId: externalIdOf(record)! }),
        field: SchemaIssue.formatPath(field),
        detail: field.length === 0 && !Predicate.isRecord(record) ? "must be an object" : detail
      })
    }
    const customers = decoded.right
    const ids = new Map<string, number>()
    const domains = new Map<string, number>()
    for (const [index, customer] of customers.entries()) {
      const first = ids.get(customer.externalId)
      if (first !== undefined) {
        return yield* new CustomersFileError({
          source,
          index,
          externalId: customer.externalId,
          field: "externalId",
          detail: `is already used by record ${first}`
        })
      }
      ids.set(customer.externalId, index)
      for (const [i, { domain }] of customer.domains.entries()) {
        const owner = domains.get(domain)
        if (owner !== undefined) {
          return yield* new CustomersFileError({
            source,
            index,
            externalId: customer.externalId,
            field: `domains[${i}].domain`,
            detail: owner === index
              ? `'${domain}' is listed twice`
              : `'${domain}' already belongs to record ${owner}`
          })
        }
        domains.set(domain, index)
      }
    }
    return customers
  })

/**
 * Reads and validates a customers file.
 *
 * @since 0.1.0
 * @category decoding
 */
export const load = (path: string): Effect.Effect<ReadonlyArray<Customer>, CustomersFileError, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(path)).pipe(
    Effect.mapError((e) => new CustomersFileError({ source: path, detail: `cannot be read (${e.message})` })),
    Effect.flatMap((text) => decode(text, path))
  )

/**
 * The organization a customer should be.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCreateOptions = (customer: Customer): Options.CreateOrganizationOptions => ({
  name: customer.name,
  externalId: customer.externalId,
  domainData: customer.domains,
  metadata: customer.metadata
})

const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : Predicate.isRecord(value)
    ? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`
    : JSON.stringify(value)

/**
 * An `Idempotency-Key` derived from a create request itself: `prefix` and a hash of the request's `externalId` and
 * the exact organization it asks for. Retrying (or re-running) the same create sends the same key, so WorkOS answers
 * with the organization it already made instead of making a second one; a create with other details (a new name,
 * domain or metadata) gets another key, where a key made from the `externalId` alone would be answered
 * `IdempotencyKeyReused` for 24 hours.
 *
 * @since 0.1.0
 * @category conversions
 */
export const requestIdempotencyKey = (prefix: string, request: Options.CreateOrganizationOptions): string =>
  prefix +
  crypto.createHash("sha256").update(`${request.externalId ?? ""}\n${canonical(request)}`).digest("hex").slice(0, 40)

/**
 * The `Idempotency-Key` of a customer's create: {@link requestIdempotencyKey} of the organization the customer asks
 * for. Changing the customer changes the key.
 *
 * @since 0.1.0
 * @category conversions
 */
export const idempotencyKey = (customer: Customer): string =>
  requestIdempotencyKey("provision-", toCreateOptions(customer))
