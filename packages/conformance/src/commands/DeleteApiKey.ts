/**
 * `deleteApiKey` on a live, an already deleted or an expired key, or one that never existed. A deleted key then
 * validates to nothing (the deleted pick of `validateApiKey`).
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import { deletedApiKey, expectDelete } from "../model/ApiKeys.js"
import { keyId, type KeyRef, keyRef, keyRefText, resolveKey } from "./ApiKeyRefs.js"
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
  operation: "deleteApiKey",
  weight: 2,
  arbitrary: keyRef.map((key) => ({ key })),
  describe: (input) => `deleteApiKey(${keyRefText(input.key)})`,
  plan: (state, input) => {
    const key = resolveKey(state, input.key)
    return plan((s, side) => s.deleteApiKey(keyId(key, side)), (a) => {
      const problems = expectOutcome(expectDelete(key), a)
      if (problems.length === 0 && Either.isRight(a) && key !== undefined) deletedApiKey(key)
      return problems
    })
  }
}
