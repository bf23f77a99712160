/**
 * How the organization domain commands name a domain: by what it is in the model when the command runs (pending,
 * verified, failed, deleted, any) and a number picking among those, or an id that never existed; and the domain
 * names a create sends (the pool, in upper case too, names that are not host names, a consumer domain).
 *
 * @since 0.3.0
 */
import * as fc from "effect/FastCheck"
import { CONSUMER_DOMAINS, domainExists, statesOf } from "../model/Domains.js"
import type { DomainRecord, State } from "../model/State.js"
import type { Side } from "./Command.js"
import { DOMAINS, INVALID_DOMAINS, type Namespace } from "./Specs.js"

/**
 * A domain record, by what it is when the command runs; `Never` is an id that never existed.
 *
 * @since 0.3.0
 * @category models
 */
export type DomainRef =
  | { readonly _tag: "Pending" | "Verified" | "Failed" | "Deleted" | "Any"; readonly pick: number }
  | { readonly _tag: "Never" }

/**
 * @since 0.3.0
 * @category arbitraries
 */
export const domainRef: fc.Arbitrary<DomainRef> = fc.oneof(
  { weight: 5, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Pending", pick }) as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Verified", pick }) as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Failed", pick }) as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Deleted", pick }) as const) },
  { weight: 1, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Any", pick }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Never" } as const) }
)

/**
 * A domain reference as shown in a command list.
 *
 * @since 0.3.0
 * @category formatting
 */
export const domainRefText = (r: DomainRef): string =>
  r._tag === "Never" ? "<never existed>" : `${r._tag.toLowerCase()} domain #${r.pick}`

const inState = (state: string) => (record: DomainRecord) =>
  domainExists(record) && statesOf(record.domain).includes(state)

const kinds: { readonly [K in Exclude<DomainRef["_tag"], "Never">]: (record: DomainRecord) => boolean } = {
  Pending: inState("pending"),
  Verified: (record) => inState("verified")(record) || inState("legacy_verified")(record),
  Failed: inState("failed"),
  Deleted: (record) => !domainExists(record),
  Any: () => true
}

/**
 * The record a reference names in the model: among the records of its kind, or of any kind when there is none of
 * it; `undefined` for `Never`, or when the model knows no record yet.
 *
 * @since 0.3.0
 * @category combinators
 */
export const resolveDomain = (state: State, r: DomainRef): DomainRecord | undefined => {
  if (r._tag === "Never") return undefined
  const all = state.domainRecords
  const ofKind = all.filter(kinds[r._tag])
  const pool = ofKind.length > 0 ? ofKind : all
  return pool[r.pick % Math.max(1, pool.length)]
}

/**
 * A well-formed domain id that never existed.
 *
 * @since 0.3.0
 * @category constants
 */
export const MISSING_DOMAIN_ID = "org_domain_01ARZ3NDEKTSV4RRFFQ69G5FAV"

/**
 * The id to send on a side for a resolved record.
 *
 * @since 0.3.0
 * @category combinators
 */
export const domainId = (record: DomainRecord | undefined, side: Side): string =>
  record?.domain.ids?.[side] ?? MISSING_DOMAIN_ID

/**
 * The domain name a create sends: one of the pool (as is or upper case), one that is not a host name, or a
 * consumer domain.
 *
 * @since 0.3.0
 * @category models
 */
export type NameSpec =
  | { readonly _tag: "Pool"; readonly base: number; readonly upper: boolean }
  | { readonly _tag: "Invalid"; readonly n: number }
  | { readonly _tag: "Consumer"; readonly upper: boolean }

/**
 * @since 0.3.0
 * @category arbitraries
 */
export const nameSpec: fc.Arbitrary<NameSpec> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ base: fc.nat(DOMAINS.length - 1), upper: fc.boolean() }).map((r) =>
      ({ _tag: "Pool", ...r }) as const
    )
  },
  { weight: 1, arbitrary: fc.nat(INVALID_DOMAINS.length - 1).map((n) => ({ _tag: "Invalid", n }) as const) },
  { weight: 1, arbitrary: fc.boolean().map((upper) => ({ _tag: "Consumer", upper }) as const) }
)

/**
 * A consumer domain WorkOS refuses (the model's first).
 *
 * @since 0.3.0
 * @category constants
 */
export const CONSUMER_DOMAIN: string = CONSUMER_DOMAINS[0]!

/**
 * The name a spec renders to in a namespace.
 *
 * @since 0.3.0
 * @category rendering
 */
export const renderName = (ns: Namespace, spec: NameSpec): string => {
  switch (spec._tag) {
    case "Pool":
      return ns.domain({ base: spec.base, form: spec.upper ? "upper" : "plain" })
    case "Invalid":
      return ns.domain({ base: -spec.n - 1, form: "plain" })
    case "Consumer":
      return spec.upper ? CONSUMER_DOMAIN.toUpperCase() : CONSUMER_DOMAIN
  }
}

/**
 * A name spec as shown in a command list.
 *
 * @since 0.3.0
 * @category formatting
 */
export const nameText = (spec: NameSpec): string =>
  spec._tag === "Pool"
    ? `${DOMAINS[spec.base % DOMAINS.length]}${spec.upper ? "(upper)" : ""}`
    : spec._tag === "Invalid"
    ? JSON.stringify(INVALID_DOMAINS[spec.n % INVALID_DOMAINS.length])
    : spec.upper
    ? CONSUMER_DOMAIN.toUpperCase()
    : CONSUMER_DOMAIN
