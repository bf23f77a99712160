/**
 * `validateApiKey` with the value of a live, a deleted or an expired key, or one never issued: the model says which
 * key (if any) it answers, and a validation is never an error.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { expectValidation, validatedApiKey } from "../model/ApiKeys.js"
import { checkApiKey } from "../model/Checks.js"
import { type KeyRef, keyRef, keyRefText, keyValue, resolveKey } from "./ApiKeyRefs.js"
import { type Command, expectOutcome, plan } from "./Command.js"

/**
 * @since 0.2.0
 * @category models
 */
export interface Fields {
  readonly key: KeyRef
}

/**
 * @since 0.2.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "validateApiKey",
  weight: 3,
  arbitrary: keyRef.map((key) => ({ key })),
  describe: (input) => `validateApiKey({ value: <the value of ${keyRefText(input.key)}> })`,
  plan: (state, input) => {
    const resolved = resolveKey(state, input.key)
    // a key whose value the model never saw is sent as a never-issued value
    const key = resolved?.values === undefined ? undefined : resolved
    const expected = expectValidation(key)
    return plan(
      (s, side) => Effect.map(s.validateApiKey({ value: keyValue(key, side) }), Option.getOrNull),
      (a) => {
        const problems = expectOutcome({ allowed: ["ok"] }, a)
        if (problems.length > 0 || Either.isLeft(a)) return problems
        if (expected === null) {
          return a.right === null ? [] : [`the validation answered ${a.right.id}, the model expects no key`]
        }
        if (a.right === null) return [`the validation answered no key, the model expects ${expected.a}`]
        validatedApiKey(expected)
        return checkApiKey(expected, a.right)
      }
    )
  }
}
