/**
 * The fast-check arbitraries of the values commands are made of, with the arguments that matter: colliding
 * external ids and domains, cleared fields, limits hit and exceeded, deleted and never-existing ids, cursors from
 * earlier answers.
 *
 * @since 0.1.0
 */
import * as fc from "effect/FastCheck"
import {
  type CursorSpec,
  type DomainFilter,
  type DomainForm,
  DOMAINS,
  type DomainSpec,
  type ExternalIdSpec,
  INVALID_DOMAINS,
  type MetadataSpec,
  type OrgRef
} from "./Specs.js"

/**
 * Organization names: some alike, one not ASCII.
 *
 * @since 0.1.0
 * @category constants
 */
export const NAMES = ["Acme", "Acme Corp", "acme labs", "Globex", "Initech", "Umbrella", "Ünïcode & Co. 100%"]
/**
 * List search filters.
 *
 * @since 0.1.0
 * @category constants
 */
export const SEARCHES = ["acme", "ACME", "corp", "globex", "x", "", "& co", "ünï", "100%"]
/**
 * API key permissions.
 *
 * @since 0.1.0
 * @category constants
 */
export const PERMISSIONS = ["widgets:read", "widgets:write", "posts:delete"]

/**
 * A name, now and then a blank one.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const name: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ") }
)

/**
 * An external id spec.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const externalIdSpec: fc.Arbitrary<ExternalIdSpec> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(3).map((n) => ({ _tag: "Pool", n }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "AtLimit" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "OverLimit" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "NonAscii" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Special" } as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Empty" } as const) }
)

/**
 * A metadata spec.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const metadataSpec: fc.Arbitrary<MetadataSpec> = fc.oneof(
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

/**
 * How a domain is written.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const form: fc.Arbitrary<DomainForm> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("plain" as const) },
  { weight: 1, arbitrary: fc.constant("upper" as const) },
  { weight: 1, arbitrary: fc.constant("padded" as const) }
)

/**
 * A `domain_data` list.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const domainData: fc.Arbitrary<ReadonlyArray<DomainSpec>> = fc.uniqueArray(
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

/**
 * An organization reference.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const orgRef: fc.Arbitrary<OrgRef> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Org", pick }) as const) },
  { weight: 2, arbitrary: fc.constant({ _tag: "Latest" } as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Deleted", pick }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Missing" } as const) }
)

/**
 * A page size.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const limit = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(10, 100))

/**
 * A cursor spec.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const cursor: fc.Arbitrary<CursorSpec> = fc.oneof(
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

/**
 * An order of any kind.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const order = fc.constantFrom("asc" as const, "desc" as const, "normal" as const)
/**
 * `asc` or `desc`.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const forward = fc.constantFrom("asc" as const, "desc" as const)
/**
 * A `domains` list filter.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const domainFilter: fc.Arbitrary<ReadonlyArray<DomainFilter>> = fc.uniqueArray(
  fc.record({
    base: fc.oneof({ weight: 8, arbitrary: fc.nat(DOMAINS.length - 1) }, { weight: 1, arbitrary: fc.constant(-1) }),
    form
  }),
  { minLength: 1, maxLength: 2, selector: (d) => `${d.base}:${d.form}` }
)

/**
 * Present once in `1 + absent` draws, else `undefined`.
 *
 * @since 0.1.0
 * @category combinators
 */
export const maybe = <A>(arbitrary: fc.Arbitrary<A>, absent: number): fc.Arbitrary<A | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })
