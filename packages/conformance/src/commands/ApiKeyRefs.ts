/**
 * How the API key lifecycle commands name a key: by what it is in the model at the time the command runs (live,
 * deleted, expired, any) and a number picking among those, or a key that never existed. Resolved against the model
 * when the command runs, like organization references.
 *
 * @since 0.2.0
 */
import * as fc from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import { apiKeys, exists, isLive } from "../model/ApiKeys.js"
import type { ApiKey, State } from "../model/State.js"
import type { Side } from "./Command.js"
import { ancientId } from "./Specs.js"

/**
 * A key, by what it is when the command runs; `Never` is a key (and a value) never issued.
 *
 * @since 0.2.0
 * @category models
 */
export type KeyRef =
  | { readonly _tag: "Live" | "Deleted" | "Expired" | "Any"; readonly pick: number }
  | { readonly _tag: "Never" }

/**
 * @since 0.2.0
 * @category arbitraries
 */
export const keyRef: fc.Arbitrary<KeyRef> = fc.oneof(
  { weight: 5, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Live", pick }) as const) },
  { weight: 2, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Deleted", pick }) as const) },
  { weight: 3, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Expired", pick }) as const) },
  { weight: 1, arbitrary: fc.nat(1_000).map((pick) => ({ _tag: "Any", pick }) as const) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Never" } as const) }
)

/**
 * A key reference as shown in a command list.
 *
 * @since 0.2.0
 * @category formatting
 */
export const keyRefText = (r: KeyRef): string =>
  r._tag === "Never" ? "<never issued>" : `${r._tag.toLowerCase()} key #${r.pick}`

const kinds: { readonly [K in Exclude<KeyRef["_tag"], "Never">]: (key: ApiKey) => boolean } = {
  Live: isLive,
  Deleted: (key) => !exists(key),
  Expired: (key) => exists(key) && !isLive(key),
  Any: () => true
}

/**
 * The key a reference names in the model: among the keys of its kind, or of any kind when there is none of it;
 * `undefined` for `Never`, or when no key was created yet.
 *
 * @since 0.2.0
 * @category combinators
 */
export const resolveKey = (state: State, r: KeyRef): ApiKey | undefined => {
  if (r._tag === "Never") return undefined
  const all = apiKeys(state)
  const ofKind = all.filter(kinds[r._tag])
  const pool = ofKind.length > 0 ? ofKind : all
  return pool[r.pick % Math.max(1, pool.length)]
}

/**
 * A well-formed key id that never existed.
 *
 * @since 0.2.0
 * @category constants
 */
export const MISSING_KEY_ID = ancientId("api_key_")

/**
 * A value no side ever issued.
 *
 * @since 0.2.0
 * @category constants
 */
export const NEVER_ISSUED = Redacted.make("sk_never_issued_by_any_side_0000000000000000")

/**
 * The id to send on a side for a resolved key.
 *
 * @since 0.2.0
 * @category combinators
 */
export const keyId = (key: ApiKey | undefined, side: Side): string => key?.[side] ?? MISSING_KEY_ID

/**
 * The value to send on a side for a resolved key (a key whose value the model never saw sends a never-issued one).
 *
 * @since 0.2.0
 * @category combinators
 */
export const keyValue = (key: ApiKey | undefined, side: Side): Redacted.Redacted<string> =>
  key?.values?.[side] ?? NEVER_ISSUED
