/**
 * Sends an earlier keyed `createOrganization` again with its key: the same payload (`"reordered"`: with its
 * metadata keys in the opposite order, still the same payload), or one with another name.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as fc from "effect/FastCheck"
import type { Command } from "./Command.js"
import { send } from "./CreateOrganization.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly pick: number
  readonly samePayload: boolean | "reordered"
}

/** The same payload with its metadata keys in the opposite order. */
const reorderMetadata = (options: Options.CreateOrganizationOptions): Options.CreateOrganizationOptions =>
  options.metadata === undefined
    ? options
    : { ...options, metadata: Object.fromEntries(Object.entries(options.metadata).reverse()) }

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "createOrganization",
  weight: 2,
  arbitrary: fc.record({
    pick: fc.nat(1_000),
    samePayload: fc.constantFrom(true as const, false as const, "reordered" as const)
  }),
  describe: (input) =>
    `retry keyed createOrganization #${input.pick} with ${
      input.samePayload === "reordered"
        ? "the same (metadata keys reordered)"
        : input.samePayload
        ? "the same"
        : "a different"
    } payload`,
  ready: (state) => state.sentOrganizations.length > 0,
  plan: (state, input, context) => {
    const sent = state.sentOrganizations
    const pick = sent[input.pick % sent.length]
    // `ready` holds: there is an earlier keyed create
    const original = pick?.options ?? { name: "" }
    const options = input.samePayload === "reordered"
      ? reorderMetadata(original)
      : input.samePayload
      ? original
      : { ...original, name: `${original.name} (changed)` }
    return send(state, options, pick?.key, context)
  }
}
