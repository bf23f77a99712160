/**
 * `listOrganizationRoles`: the environment's roles first, then the organization's own.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { checkRoleOrder } from "../model/Checks.js"
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
  operation: "listOrganizationRoles",
  weight: 1,
  arbitrary: Arbitraries.orgRef.map((target) => ({ target })),
  describe: (input) => `listOrganizationRoles({ organizationId: ${ref(input.target)} })`,
  plan: (state, input) => {
    const target = resolve(state, input.target)
    return plan((s, side) => s.listOrganizationRoles({ organizationId: target[side] }), (a) => {
      const problems = expectOutcome(expectExisting(target.org), a)
      if (problems.length > 0 || Either.isLeft(a)) return problems
      return checkRoleOrder(a.right.data.map((r) => r.type))
    })
  }
}
