/**
 * `expireApiKey` on a live, a deleted or an already expired key, or one that never existed: now (no body, or a past
 * time), at a future time, or clearing a scheduled expiry. Expiring a key twice is the expired pick.
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { expectExpire, expiredApiKey, type ExpireRequest } from "../model/ApiKeys.js"
import { checkApiKey } from "../model/Checks.js"
import { keyId, type KeyRef, keyRef, keyRefText, resolveKey } from "./ApiKeyRefs.js"
import { type Command, expectOutcome, plan } from "./Command.js"
import { EXPIRES_AT } from "./Specs.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Fields {
  readonly key: KeyRef
  readonly at: "now" | "past" | "future" | "clear"
}

/** A scheduled expiry after any run, and other than a create's (so that the answer shows which one applied). */
const LATER = "2098-06-01T00:00:00.000Z"

const requests: {
  readonly [K in Fields["at"]]: { readonly body: { expiresAt?: string | null }; readonly model: ExpireRequest }
} = {
  now: { body: {}, model: { _tag: "Now" } },
  past: { body: { expiresAt: EXPIRES_AT.past }, model: { _tag: "Now" } },
  future: { body: { expiresAt: LATER }, model: { _tag: "At", at: LATER } },
  clear: { body: { expiresAt: null }, model: { _tag: "Clear" } }
}

/**
 * @since 0.2.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "expireApiKey",
  weight: 3,
  arbitrary: fc.record({
    key: keyRef,
    at: fc.constantFrom("now" as const, "now" as const, "past" as const, "future" as const, "clear" as const)
  }),
  describe: (input) =>
    `expireApiKey(${keyRefText(input.key)}${
      input.at === "now" ? "" : `, { expiresAt: ${input.at === "clear" ? "null" : `<${input.at}>`} }`
    })`,
  plan: (state, input) => {
    const key = resolveKey(state, input.key)
    const expectation = expectExpire(key)
    const request = requests[input.at]
    return plan((s, side) => s.expireApiKey(keyId(key, side), request.body), (a, b) => {
      const problems = expectOutcome(expectation, a)
      if (problems.length > 0 || Either.isLeft(a) || key === undefined) return problems
      expiredApiKey(key, request.model)
      // the sides' expiry times are compared by their order only: B's is checked against the model too
      return [...checkApiKey(key, a.right), ...(Either.isRight(b) ? checkApiKey(key, b.right, "b") : [])]
    })
  }
}
