/**
 * `listOrganizationApiKeys`: the whole Stream walk of an organization's API keys, newest first, checked in order
 * and item by item against the model.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkApiKey, checkSequence } from "../model/Checks.js"
import { expectExisting } from "../model/Rules.js"
import * as Arbitraries from "./Arbitraries.js"
import { collect, type Command, expectOutcome, plan, resolve } from "./Command.js"
import { args, opt, type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly limit?: number
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "listOrganizationApiKeys",
  weight: 1,
  arbitrary: fc.record({ target: Arbitraries.orgRef, limit: Arbitraries.limit }, { requiredKeys: ["target"] }),
  describe: (input) =>
    `listOrganizationApiKeys({ ${
      args([`organizationId: ${ref(input.target)}`, opt("limit", input.limit)])
    } }) |> runCollect`,
  plan: (state, input) => {
    const target = resolve(state, input.target)
    const options = input.limit === undefined ? {} : { limit: input.limit }
    return plan((s, side) => collect(s.listOrganizationApiKeys({ organizationId: target[side], ...options })), (a) => {
      const problems = expectOutcome(expectExisting(target.org), a)
      if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
      const expected = [...target.org.apiKeys].reverse()
      return checkSequence("the api key walk", a.right, expected, (k) => k.a, checkApiKey)
    })
  }
}
