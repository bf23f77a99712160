/**
 * Sends an earlier keyed `createOrganizationApiKey` again with its key and organization: the same payload, or one
 * with another name.
 *
 * @since 0.1.0
 */
import * as fc from "effect/FastCheck"
import { type Command, targetOf } from "./Command.js"
import { send } from "./CreateOrganizationApiKey.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly pick: number
  readonly samePayload: boolean
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "createOrganizationApiKey",
  weight: 1,
  arbitrary: fc.record({ pick: fc.nat(1_000), samePayload: fc.boolean() }),
  describe: (input) =>
    `retry keyed createOrganizationApiKey #${input.pick} with ${
      input.samePayload ? "the same" : "a different"
    } payload`,
  ready: (state) => state.sentApiKeys.length > 0,
  plan: (state, input) => {
    const sent = state.sentApiKeys
    const pick = sent[input.pick % sent.length]
    // `ready` holds: there is an earlier keyed create
    const original = pick?.options ?? { name: "" }
    const options = input.samePayload ? original : { ...original, name: `${original.name} (changed)` }
    return send(state, targetOf(pick?.target), options, pick?.key)
  }
}
