/**
 * The command model of the lockstep suite: every call of the ten `Organizations` operations as plain data, and
 * the fast-check arbitraries that generate them with the arguments that matter (colliding external ids and
 * domains, idempotent retries, cleared fields, deleted and never-existing ids, limits hit and exceeded, cursors
 * from earlier answers).
 *
 * Commands name earlier objects by a number (`pick`) that is resolved against the model when the command runs
 * (modulo the number of candidates), because fast-check has no symbolic variables. Values that must be unique to
 * a run (names, external ids, domains) are *specs* rendered by a {@link Namespace}, so the same commands run
 * against an isolated emulator environment and against a shared real WorkOS environment.
 *
 * @since 0.1.0
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import * as fc from "effect/FastCheck"

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

/**
 * One command.
 *
 * @since 0.1.0
 * @category models
 */
export type Input =
  | {
    readonly _tag: "ListOrganizationsPage"
    readonly limit?: number
    readonly order?: Order
    readonly domains?: ReadonlyArray<DomainFilter>
    readonly search?: string
    readonly cursor?: CursorSpec
  }
  | {
    readonly _tag: "ListOrganizations"
    readonly limit?: number
    readonly order?: "asc" | "desc"
    readonly domains?: ReadonlyArray<DomainFilter>
    readonly search?: string
  }
  | {
    readonly _tag: "CreateOrganization"
    readonly name: string
    readonly externalId?: ExternalIdSpec
    readonly domainData?: ReadonlyArray<DomainSpec>
    readonly metadata?: MetadataSpec
    /** An Idempotency-Key from a small pool, so that keys get reused. */
    readonly idempotencyKey?: number
  }
  | {
    /**
     * Sends an earlier keyed create again with its key: the same payload (`"reordered"`: with its metadata keys in
     * the opposite order, still the same payload), or one with another name.
     */
    readonly _tag: "RetryCreateOrganization"
    readonly pick: number
    readonly samePayload: boolean | "reordered"
  }
  | { readonly _tag: "GetOrganization"; readonly target: OrgRef }
  | {
    readonly _tag: "GetOrganizationByExternalId"
    /** An external id of the pool, or of an earlier organization (`pick`). */
    readonly externalId: ExternalIdSpec | { readonly _tag: "OfOrg"; readonly pick: number }
  }
  | {
    readonly _tag: "UpdateOrganization"
    readonly target: OrgRef
    readonly name?: string
    readonly externalId?: ExternalIdSpec | null
    readonly domainData?: ReadonlyArray<DomainSpec>
    readonly metadata?: MetadataSpec | null
    readonly stripeCustomerId?: number | null
  }
  | { readonly _tag: "DeleteOrganization"; readonly target: OrgRef }
  | { readonly _tag: "ListOrganizationRoles"; readonly target: OrgRef }
  | {
    readonly _tag: "ListOrganizationFeatureFlagsPage"
    readonly target: OrgRef
    readonly limit?: number
    readonly order?: "asc" | "desc"
  }
  | {
    readonly _tag: "ListOrganizationApiKeysPage"
    readonly target: OrgRef
    readonly limit?: number
    readonly order?: Order
    readonly cursor?: CursorSpec
  }
  | {
    readonly _tag: "ListOrganizationApiKeys"
    readonly target: OrgRef
    readonly limit?: number
  }
  | {
    readonly _tag: "CreateOrganizationApiKey"
    readonly target: OrgRef
    readonly name: string
    readonly permissions?: ReadonlyArray<string>
    readonly expiresAt?: "future" | "past"
    readonly idempotencyKey?: number
  }
  | {
    readonly _tag: "RetryCreateOrganizationApiKey"
    readonly pick: number
    readonly samePayload: boolean
  }

/**
 * The operation a command exercises.
 *
 * @since 0.1.0
 * @category models
 */
export const operationOf = (input: Input): Organizations.Operation => {
  switch (input._tag) {
    case "ListOrganizationsPage":
    case "ListOrganizations":
      return "listOrganizations"
    case "CreateOrganization":
    case "RetryCreateOrganization":
      return "createOrganization"
    case "GetOrganization":
      return "getOrganization"
    case "GetOrganizationByExternalId":
      return "getOrganizationByExternalId"
    case "UpdateOrganization":
      return "updateOrganization"
    case "DeleteOrganization":
      return "deleteOrganization"
    case "ListOrganizationRoles":
      return "listOrganizationRoles"
    case "ListOrganizationFeatureFlagsPage":
      return "listOrganizationFeatureFlags"
    case "ListOrganizationApiKeysPage":
    case "ListOrganizationApiKeys":
      return "listOrganizationApiKeys"
    case "CreateOrganizationApiKey":
    case "RetryCreateOrganizationApiKey":
      return "createOrganizationApiKey"
  }
}

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

const DOMAINS = ["acme.test", "globex.test", "initech.test", "umbrella.test"]

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
      const base = DOMAINS[spec.base % DOMAINS.length]!
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
// describing commands
// ---------------------------------------------------------------------------------------------------------------

const ext = (spec: ExternalIdSpec | { readonly _tag: "OfOrg"; readonly pick: number }): string => {
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

const meta = (spec: MetadataSpec): string => {
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

const domainName = (d: DomainFilter): string =>
  d.base < 0
    ? JSON.stringify(INVALID_DOMAINS[(-d.base - 1) % INVALID_DOMAINS.length] ?? "")
    : `${DOMAINS[d.base % DOMAINS.length]}${d.form === "plain" ? "" : `(${d.form})`}`

const dom = (d: DomainSpec): string => `${domainName(d)}:${d.state}`

const ref = (r: OrgRef): string =>
  r._tag === "Missing"
    ? "<never existed>"
    : r._tag === "Latest"
    ? "<latest org>"
    : r._tag === "Deleted"
    ? `deleted org #${r.pick}`
    : `org #${r.pick}`

const cur = (c: CursorSpec): string =>
  `${c.side}=${
    c._tag === "Malformed" ? "<malformed>" : c._tag === "Ancient" ? "<never existed, oldest>" : `cursor #${c.pick}`
  }`

const args = (parts: ReadonlyArray<string | undefined>): string => parts.filter((p) => p !== undefined).join(", ")

const opt = <A>(label: string, value: A | undefined, show: (a: A) => string = String): string | undefined =>
  value === undefined ? undefined : `${label}: ${show(value)}`

/**
 * A readable one-line rendering of a command, as shown in a failure's command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const describe = (input: Input): string => {
  switch (input._tag) {
    case "ListOrganizationsPage":
      return `listOrganizationsPage({ ${
        args([
          opt("limit", input.limit),
          opt("order", input.order),
          opt("domains", input.domains, (ds) => `[${ds.map((d) => (d.base < 0 ? "\"\"" : domainName(d))).join(", ")}]`),
          opt("search", input.search, JSON.stringify),
          input.cursor === undefined ? undefined : cur(input.cursor)
        ])
      } })`
    case "ListOrganizations":
      return `listOrganizations({ ${
        args([
          opt("limit", input.limit),
          opt("order", input.order),
          opt("domains", input.domains, (ds) => `[${ds.map((d) => (d.base < 0 ? "\"\"" : domainName(d))).join(", ")}]`),
          opt("search", input.search, JSON.stringify)
        ])
      } }) |> runCollect`
    case "CreateOrganization":
      return `createOrganization({ ${
        args([
          `name: ${JSON.stringify(input.name)}`,
          opt("externalId", input.externalId, ext),
          opt("domainData", input.domainData, (ds) => `[${ds.map(dom).join(", ")}]`),
          opt("metadata", input.metadata, meta)
        ])
      } }${input.idempotencyKey === undefined ? "" : `, { idempotencyKey: key #${input.idempotencyKey} }`})`
    case "RetryCreateOrganization":
      return `retry keyed createOrganization #${input.pick} with ${
        input.samePayload === "reordered"
          ? "the same (metadata keys reordered)"
          : input.samePayload
          ? "the same"
          : "a different"
      } payload`
    case "GetOrganization":
      return `getOrganization(${ref(input.target)})`
    case "GetOrganizationByExternalId":
      return `getOrganizationByExternalId(${ext(input.externalId)})`
    case "UpdateOrganization":
      return `updateOrganization({ ${
        args([
          `organization: ${ref(input.target)}`,
          opt("name", input.name, JSON.stringify),
          opt("externalId", input.externalId, (e) => (e === null ? "null" : ext(e))),
          opt("domainData", input.domainData, (ds) => `[${ds.map(dom).join(", ")}]`),
          opt("metadata", input.metadata, (m) => (m === null ? "null" : meta(m))),
          opt("stripeCustomerId", input.stripeCustomerId, (s) => (s === null ? "null" : s < 0 ? "\"\"" : `cus_${s}`))
        ])
      } })`
    case "DeleteOrganization":
      return `deleteOrganization(${ref(input.target)})`
    case "ListOrganizationRoles":
      return `listOrganizationRoles({ organizationId: ${ref(input.target)} })`
    case "ListOrganizationFeatureFlagsPage":
      return `listOrganizationFeatureFlagsPage({ ${
        args([`organizationId: ${ref(input.target)}`, opt("limit", input.limit), opt("order", input.order)])
      } })`
    case "ListOrganizationApiKeysPage":
      return `listOrganizationApiKeysPage({ ${
        args([
          `organizationId: ${ref(input.target)}`,
          opt("limit", input.limit),
          opt("order", input.order),
          input.cursor === undefined ? undefined : cur(input.cursor)
        ])
      } })`
    case "ListOrganizationApiKeys":
      return `listOrganizationApiKeys({ ${
        args([`organizationId: ${ref(input.target)}`, opt("limit", input.limit)])
      } }) |> runCollect`
    case "CreateOrganizationApiKey":
      return `createOrganizationApiKey({ ${
        args([
          `organizationId: ${ref(input.target)}`,
          `name: ${JSON.stringify(input.name)}`,
          opt("permissions", input.permissions, (p) => JSON.stringify(p)),
          opt("expiresAt", input.expiresAt)
        ])
      } }${input.idempotencyKey === undefined ? "" : `, { idempotencyKey: key #${input.idempotencyKey} }`})`
    case "RetryCreateOrganizationApiKey":
      return `retry keyed createOrganizationApiKey #${input.pick} with ${
        input.samePayload ? "the same" : "a different"
      } payload`
  }
}

// ---------------------------------------------------------------------------------------------------------------
// arbitraries
// ---------------------------------------------------------------------------------------------------------------

const NAMES = ["Acme", "Acme Corp", "acme labs", "Globex", "Initech", "Umbrella", "Ünïcode & Co. 100%"]
const SEARCHES = ["acme", "ACME", "corp", "globex", "x", "", "& co", "ünï", "100%"]
const PERMISSIONS = ["widgets:read", "widgets:write", "posts:delete"]

const name: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ") }
)

const externalIdSpec: fc.Arbitrary<ExternalIdSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(3).map((n) => ({ _tag: "Pool", n }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "AtLimit" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "OverLimit" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "NonAscii" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Special" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Empty" } as const) }
)

const metadataSpec: fc.Arbitrary<MetadataSpec> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.uniqueArray(
      // `__proto__` and `constructor` are ordinary metadata keys (DIVERGENCES.md, choices on WIRE §13)
      fc.tuple(
        fc.constantFrom("tier", "region", "plan", "__proto__", "constructor"),
        fc.constantFrom("gold", "eu", "", "x y")
      ),
      { maxLength: 3, selector: ([k]) => k }
    ).map((pairs) => ({ _tag: "Pairs", pairs }) as const)
  },
  { weight: 1, arbitrary: fc.boolean().map((over) => ({ _tag: "Keys", over }) as const) },
  { weight: 1, arbitrary: fc.boolean().map((over) => ({ _tag: "KeyLength", over }) as const) },
  { weight: 1, arbitrary: fc.boolean().map((over) => ({ _tag: "ValueLength", over }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "NonAscii" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "EmptyKey" } as const) }
)

const form: fc.Arbitrary<DomainForm> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("plain" as const) },
  { weight: 1, arbitrary: fc.constant("upper" as const) },
  { weight: 1, arbitrary: fc.constant("padded" as const) }
)

const domainData: fc.Arbitrary<ReadonlyArray<DomainSpec>> = fc.uniqueArray(
  fc.record({
    base: fc.oneof(
      { weight: 12, arbitrary: fc.nat(DOMAINS.length - 1) },
      { weight: 1, arbitrary: fc.integer({ min: -INVALID_DOMAINS.length, max: -1 }) }
    ),
    form,
    state: fc.constantFrom("pending" as const, "verified" as const)
  }),
  // the same domain twice in other forms is a duplicate
  { maxLength: 2, selector: (d) => `${d.base}:${d.form}` }
)

const orgRef: fc.Arbitrary<OrgRef> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Org", pick }) as const) },
  { weight: 2, arbitrary: fc.constant({ _tag: "Latest" } as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Deleted", pick }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Missing" } as const) }
)

const limit = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(10, 100))

const cursor: fc.Arbitrary<CursorSpec> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ side: fc.constantFrom("before" as const, "after" as const), pick: fc.nat(1_000) }).map(
      ({ pick, side }) => ({ _tag: "Pick", side, pick }) as const
    )
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("before" as const, "after" as const).map((side) => ({ _tag: "Ancient", side }) as const)
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("before" as const, "after" as const).map((side) =>
      ({ _tag: "Malformed", side }) as const
    )
  }
)

const order = fc.constantFrom("asc" as const, "desc" as const, "normal" as const)
const forward = fc.constantFrom("asc" as const, "desc" as const)
const domainFilter: fc.Arbitrary<ReadonlyArray<DomainFilter>> = fc.uniqueArray(
  fc.record({
    base: fc.oneof({ weight: 8, arbitrary: fc.nat(DOMAINS.length - 1) }, { weight: 1, arbitrary: fc.constant(-1) }),
    form
  }),
  { minLength: 1, maxLength: 2, selector: (d) => `${d.base}:${d.form}` }
)

/** Present once in `1 + absent` draws, else `undefined`. */
const maybe = <A>(arbitrary: fc.Arbitrary<A>, absent: number): fc.Arbitrary<A | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })

/** Drops the keys whose value is `undefined` (optional properties are absent, not `undefined`). */
const defined = <A extends Record<string, unknown>>(
  record: A
): { [K in keyof A]?: Exclude<A[K], undefined> } =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as never

/**
 * The arbitrary of each kind of command, with its weight in the mix.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const inputs: ReadonlyArray<{ readonly weight: number; readonly arbitrary: fc.Arbitrary<Input> }> = [
  {
    weight: 10,
    arbitrary: fc.record({
      name,
      externalId: maybe(externalIdSpec, 1),
      domainData: maybe(domainData, 1),
      metadata: maybe(metadataSpec, 1),
      idempotencyKey: maybe(fc.nat(7), 2)
    }).map(({ name, ...rest }) => ({ _tag: "CreateOrganization", name, ...defined(rest) }) as const)
  },
  {
    weight: 2,
    arbitrary: fc.record({
      pick: fc.nat(1_000),
      samePayload: fc.constantFrom(true as const, false as const, "reordered" as const)
    }).map((r) => ({ _tag: "RetryCreateOrganization", ...r }) as const)
  },
  {
    weight: 5,
    arbitrary: fc.record({
      limit,
      order,
      domains: domainFilter,
      search: fc.constantFrom(...SEARCHES),
      cursor
    }, { requiredKeys: [] }).map((r) => ({ _tag: "ListOrganizationsPage", ...r }) as const)
  },
  {
    weight: 2,
    arbitrary: fc.record({ limit, order: forward, domains: domainFilter, search: fc.constantFrom(...SEARCHES) }, {
      requiredKeys: []
    }).map((r) => ({ _tag: "ListOrganizations", ...r }) as const)
  },
  { weight: 3, arbitrary: orgRef.map((target) => ({ _tag: "GetOrganization", target }) as const) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      externalIdSpec,
      fc.nat(1_000).map((pick) => ({ _tag: "OfOrg", pick }) as const)
    ).map((externalId) => ({ _tag: "GetOrganizationByExternalId", externalId }) as const)
  },
  {
    weight: 6,
    arbitrary: fc.record({
      target: orgRef,
      name,
      externalId: fc.option(externalIdSpec, { nil: null, freq: 3 }),
      domainData,
      metadata: fc.option(metadataSpec, { nil: null, freq: 3 }),
      // -1 is the empty string
      stripeCustomerId: fc.option(fc.integer({ min: -1, max: 2 }), { nil: null, freq: 3 })
    }, { requiredKeys: ["target"] }).map((r) => ({ _tag: "UpdateOrganization", ...r }) as const)
  },
  { weight: 3, arbitrary: orgRef.map((target) => ({ _tag: "DeleteOrganization", target }) as const) },
  { weight: 1, arbitrary: orgRef.map((target) => ({ _tag: "ListOrganizationRoles", target }) as const) },
  {
    weight: 1,
    arbitrary: fc.record({ target: orgRef, limit, order: forward }, { requiredKeys: ["target"] }).map((r) =>
      ({ _tag: "ListOrganizationFeatureFlagsPage", ...r }) as const
    )
  },
  {
    weight: 2,
    arbitrary: fc.record({ target: orgRef, limit, order, cursor }, { requiredKeys: ["target"] }).map((r) =>
      ({ _tag: "ListOrganizationApiKeysPage", ...r }) as const
    )
  },
  {
    weight: 1,
    arbitrary: fc.record({ target: orgRef, limit }, { requiredKeys: ["target"] }).map((r) =>
      ({ _tag: "ListOrganizationApiKeys", ...r }) as const
    )
  },
  {
    weight: 3,
    arbitrary: fc.record({
      target: orgRef,
      name: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("ci", "deploy bot") }, {
        weight: 1,
        arbitrary: fc.constantFrom("", "  ")
      }),
      permissions: maybe(fc.uniqueArray(fc.constantFrom(...PERMISSIONS), { maxLength: 3 }), 1),
      expiresAt: maybe(fc.constantFrom("future" as const, "future" as const, "past" as const), 2),
      idempotencyKey: maybe(fc.nat(7), 2)
    }).map(({ name, target, ...rest }) =>
      ({ _tag: "CreateOrganizationApiKey", target, name, ...defined(rest) }) as const
    )
  },
  {
    weight: 1,
    arbitrary: fc.record({ pick: fc.nat(1_000), samePayload: fc.boolean() }).map((r) =>
      ({ _tag: "RetryCreateOrganizationApiKey", ...r }) as const
    )
  }
]

/**
 * One command of any kind, by weight.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const input: fc.Arbitrary<Input> = fc.oneof(...inputs)
