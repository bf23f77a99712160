/**
 * The values commands are made of, as plain data: external ids, metadata, domains, organization references and
 * cursors as *specs*, the limits they are rendered against, and the {@link Namespace} that renders them for one
 * run (an isolated environment uses the pool values as they are; a shared real one prefixes them).
 *
 * @since 0.1.0
 */

/**
 * An external id: one of a small pool (so that they collide), exactly at or one over the length limit, or not
 * ASCII.
 *
 * @since 0.1.0
 * @category models
 */
export type ExternalIdSpec =
  | { readonly _tag: "Pool"; readonly n: number }
  | { readonly _tag: "AtLimit" }
  | { readonly _tag: "OverLimit" }
  | { readonly _tag: "NonAscii" }
  | { readonly _tag: "Special" }
  | { readonly _tag: "Empty" }

/**
 * Metadata: a few pairs from a small pool, or a map at or over one of the limits (key count, key length, value
 * length), or with a non-ASCII value.
 *
 * @since 0.1.0
 * @category models
 */
export type MetadataSpec =
  | { readonly _tag: "Pairs"; readonly pairs: ReadonlyArray<readonly [string, string]> }
  | { readonly _tag: "Keys"; readonly over: boolean }
  | { readonly _tag: "KeyLength"; readonly over: boolean }
  | { readonly _tag: "ValueLength"; readonly over: boolean }
  | { readonly _tag: "NonAscii" }
  | { readonly _tag: "EmptyKey" }

/**
 * How a domain is written: as is, in upper case, or with surrounding spaces (all the same domain).
 *
 * @since 0.1.0
 * @category models
 */
export type DomainForm = "plain" | "upper" | "padded"

/**
 * A domain of a small pool (`base` ≥ 0), or one that is not a host name (`base` < 0: entry `-base - 1` of
 * {@link INVALID_DOMAINS}), in the requested state.
 *
 * @since 0.1.0
 * @category models
 */
export interface DomainSpec {
  readonly base: number
  readonly form: DomainForm
  readonly state: "pending" | "verified"
}

/**
 * A `domains` list filter entry: a domain of the pool in some form, or (`base` < 0) the empty string.
 *
 * @since 0.1.0
 * @category models
 */
export interface DomainFilter {
  readonly base: number
  readonly form: DomainForm
}

/**
 * Strings that are not host names: a space, a leading hyphen, a single label, an empty label, a label of 64
 * characters, more than 253 characters, a trailing hyphen, a non-ASCII letter.
 *
 * @since 0.1.0
 * @category constants
 */
export const INVALID_DOMAINS: ReadonlyArray<string> = [
  "not a domain.test",
  "-acme.test",
  "acme",
  "acme..test",
  `${"x".repeat(64)}.test`,
  `${`${"a".repeat(63)}.`.repeat(4)}test`,
  "acme-.test",
  "ácme.test"
]

/**
 * An organization: one created (or seeded) earlier, alive or deleted (`pick` modulo their number), the latest
 * created, a deleted one (any when none is deleted), or an id that never existed.
 *
 * @since 0.1.0
 * @category models
 */
export type OrgRef =
  | { readonly _tag: "Org"; readonly pick: number }
  | { readonly _tag: "Latest" }
  | { readonly _tag: "Deleted"; readonly pick: number }
  | { readonly _tag: "Missing" }

/**
 * A cursor: an id from an earlier answer (`pick` modulo their number), a well-formed id that never existed and
 * is older than everything (its ULID time is in 2016), or a malformed one.
 *
 * @since 0.1.0
 * @category models
 */
export type CursorSpec =
  | { readonly _tag: "Pick"; readonly side: "before" | "after"; readonly pick: number }
  | { readonly _tag: "Ancient"; readonly side: "before" | "after" }
  | { readonly _tag: "Malformed"; readonly side: "before" | "after" }

/**
 * @since 0.1.0
 * @category models
 */
export type Order = "asc" | "desc" | "normal"
// ---------------------------------------------------------------------------------------------------------------
// rendering values
// ---------------------------------------------------------------------------------------------------------------

/**
 * The limits a value spec is rendered against (at the limit / one over it).
 *
 * @since 0.1.0
 * @category models
 */
export interface Limits {
  readonly externalIdAsciiOnly: boolean
  readonly metadataMaxKeys: number
  readonly metadataKeyMaxLength: number
  readonly metadataValueMaxLength: number
  readonly metadataAsciiOnly: boolean
  readonly externalIdMaxLength: number
  readonly stripeCustomerIdEnabled: boolean
}

/**
 * WorkOS's documented limits (WIRE.md §12/§13: the spec's numbers where it and the docs disagree).
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultLimits: Limits = {
  externalIdAsciiOnly: true,
  metadataMaxKeys: 50,
  metadataKeyMaxLength: 40,
  metadataValueMaxLength: 600,
  metadataAsciiOnly: true,
  externalIdMaxLength: 128,
  stripeCustomerIdEnabled: true
}

/**
 * How a run names things: an isolated environment can use the pool values as they are; a shared real
 * environment needs a unique prefix per run, so that its objects can be told apart and cleaned up.
 *
 * @since 0.1.0
 * @category models
 */
export interface Namespace {
  /** Prepended to names, external ids and API key names; `""` for none. */
  readonly prefix: string
  readonly name: (base: string) => string
  readonly externalId: (spec: ExternalIdSpec, limits: Limits) => string
  /** A domain of the pool in its form; an invalid one as it is; `""` for a negative filter entry. */
  readonly domain: (spec: DomainFilter) => string
  /** The search filter of a list; a prefixed namespace always searches its own prefix at least. */
  readonly search: (search: string | undefined) => string | undefined
  readonly stripeCustomerId: (n: number) => string
}

/**
 * The pool of domains (a namespace prefixes them).
 *
 * @since 0.1.0
 * @category constants
 */
export const DOMAINS: ReadonlyArray<string> = ["acme.test", "globex.test", "initech.test", "umbrella.test"]

/**
 * A namespace with a prefix (`""` for none). Blank names stay blank, so that they still test validation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const namespace = (prefix: string): Namespace => {
  const label = prefix === "" ? "" : `${prefix.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`
  return {
    prefix,
    name: (base) => (base.trim() === "" || prefix === "" ? base : `${prefix} ${base}`),
    externalId: (spec, limits) => {
      const head = prefix === "" ? "" : `${prefix}-`
      switch (spec._tag) {
        case "Pool":
          return `${head}ext-${spec.n}`
        case "AtLimit":
        case "OverLimit": {
          const length = limits.externalIdMaxLength + (spec._tag === "OverLimit" ? 1 : 0)
          return `${head}x`.padEnd(length, "x").slice(0, length)
        }
        case "NonAscii":
          return `${head}ext-é`
        case "Special":
          // characters a URL path treats specially: the external id travels in one
          return `${head}a/b c?x:y#%.`
        case "Empty":
          return ""
      }
    },
    domain: (spec) => {
      if (spec.base < 0) return INVALID_DOMAINS[(-spec.base - 1) % INVALID_DOMAINS.length] ?? ""
      const base = DOMAINS[spec.base % DOMAINS.length] ?? ""
      const domain = label === "" ? base : `${label}-${base}`
      return spec.form === "upper" ? domain.toUpperCase() : spec.form === "padded" ? `  ${domain} ` : domain
    },
    search: (search) => (prefix === "" ? search : `${prefix} ${search ?? ""}`.trimEnd()),
    stripeCustomerId: (n) => (n < 0 ? "" : `cus_${label === "" ? "" : `${label.replace(/-/g, "")}`}${n}`)
  }
}

/**
 * Renders a metadata spec against the limits.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderMetadata = (spec: MetadataSpec, limits: Limits): Record<string, string> => {
  switch (spec._tag) {
    case "Pairs":
      return Object.fromEntries(spec.pairs)
    case "Keys": {
      const n = limits.metadataMaxKeys + (spec.over ? 1 : 0)
      return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]))
    }
    case "KeyLength":
      return { ["k".repeat(limits.metadataKeyMaxLength + (spec.over ? 1 : 0))]: "v" }
    case "ValueLength":
      return { tier: "v".repeat(limits.metadataValueMaxLength + (spec.over ? 1 : 0)) }
    case "NonAscii":
      return { tier: "diamañt" }
    case "EmptyKey":
      return { "": "v" }
  }
}

/**
 * A future and a past expiry for API keys.
 *
 * @since 0.1.0
 * @category constants
 */
export const EXPIRES_AT = { future: "2099-01-01T00:00:00.000Z", past: "2001-01-01T00:00:00.000Z" } as const

/**
 * A well-formed id that no organization ever had, and a malformed cursor.
 *
 * @since 0.1.0
 * @category constants
 */
export const MISSING_ID = "org_01ARZ3NDEKTSV4RRFFQ69G5FAV"

/**
 * @since 0.1.0
 * @category constants
 */
export const MALFORMED_CURSOR = "not-a-cursor"

/**
 * A well-formed id of the given kind that never existed, older than anything (its ULID time is in 2016).
 *
 * @since 0.1.0
 * @category constants
 */
export const ancientId = (prefix: "org_" | "api_key_"): string => `${prefix}01ARZ3NDEKTSV4RRFFQ69G5FAV`

/**
 * The Idempotency-Key of pool entry `n` for a run (keys must not leak across runs sharing an environment).
 *
 * @since 0.1.0
 * @category rendering
 */
export const idempotencyKey = (ns: Namespace, kind: "org" | "key", n: number): string =>
  `${ns.prefix === "" ? "" : `${ns.prefix}-`}${kind}-idem-${n}`

// ---------------------------------------------------------------------------------------------------------------
// describing values
// ---------------------------------------------------------------------------------------------------------------

/**
 * An external id spec (or an earlier organization's) as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const ext = (spec: ExternalIdSpec | { readonly _tag: "OfOrg"; readonly pick: number }): string => {
  switch (spec._tag) {
    case "Pool":
      return `ext-${spec.n}`
    case "AtLimit":
      return "<ext at max length>"
    case "OverLimit":
      return "<ext over max length>"
    case "NonAscii":
      return "<non-ASCII ext>"
    case "Special":
      return "<ext with / ? # % : and a space>"
    case "Empty":
      return "\"\""
    case "OfOrg":
      return `<ext of org #${spec.pick}>`
  }
}

/**
 * A metadata spec as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const meta = (spec: MetadataSpec): string => {
  switch (spec._tag) {
    case "Pairs":
      return JSON.stringify(Object.fromEntries(spec.pairs))
    case "Keys":
      return spec.over ? "<max keys + 1>" : "<max keys>"
    case "KeyLength":
      return spec.over ? "<key of max length + 1>" : "<key of max length>"
    case "ValueLength":
      return spec.over ? "<value of max length + 1>" : "<value of max length>"
    case "NonAscii":
      return "<non-ASCII value>"
    case "EmptyKey":
      return "<an empty key>"
  }
}

/**
 * A domain (filter entry) as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const domainName = (d: DomainFilter): string =>
  d.base < 0
    ? JSON.stringify(INVALID_DOMAINS[(-d.base - 1) % INVALID_DOMAINS.length] ?? "")
    : `${DOMAINS[d.base % DOMAINS.length]}${d.form === "plain" ? "" : `(${d.form})`}`

/**
 * A domain spec with its state as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const dom = (d: DomainSpec): string => `${domainName(d)}:${d.state}`

/**
 * An organization reference as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const ref = (r: OrgRef): string =>
  r._tag === "Missing"
    ? "<never existed>"
    : r._tag === "Latest"
    ? "<latest org>"
    : r._tag === "Deleted"
    ? `deleted org #${r.pick}`
    : `org #${r.pick}`

/**
 * A cursor spec as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const cur = (c: CursorSpec): string =>
  `${c.side}=${
    c._tag === "Malformed" ? "<malformed>" : c._tag === "Ancient" ? "<never existed, oldest>" : `cursor #${c.pick}`
  }`

/**
 * The defined arguments, comma-separated.
 *
 * @since 0.1.0
 * @category formatting
 */
export const args = (parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((p) => p !== undefined).join(", ")

/**
 * `label: value`, or `undefined` when the value is absent.
 *
 * @since 0.1.0
 * @category formatting
 */
export const opt = <A>(label: string, value: A | undefined, show: (a: A) => string = String): string | undefined =>
  value === undefined ? undefined : `${label}: ${show(value)}`
