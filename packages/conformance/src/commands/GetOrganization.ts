/**
 * `getOrganization` by id: an alive, a deleted or a never-existing organization.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { checkOrganization } from "../model/Checks.js"
import { expectExisting } from "../model/Rules.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, expectOutcome, plan, resolve } from "./Command.js"
import { type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "getOrganization",
  weight: 3,
  arbitrary: Arbitraries.orgRef.map((target) => ({ target })),
  describe: (input) => `getOrganization(${ref(input.target)})`,
  plan: (state, input) => {
    const target = resolve(state, input.target)
    return plan((s, side) => s.getOrganization(target[side]), (a) => {
      const problems = expectOutcome(expectExisting(target.org), a)
      if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
      return checkOrganization(target.org, a.right)
    })
  }
}
