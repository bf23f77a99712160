/**
 * `listOrganizationFeatureFlagsPage`: one page of the flags enabled for an organization, checked against the
 * model's page of the seeded flags (the same ids on both sides).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkPage } from "../model/Checks.js"
import { page } from "../model/Pagination.js"
import { expectExisting } from "../model/Rules.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, expectOutcome, pageOptions, plan, resolve } from "./Command.js"
import { args, opt, type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly limit?: number
  readonly order?: "asc" | "desc"
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "listOrganizationFeatureFlags",
  weight: 1,
  arbitrary: fc.record({ target: Arbitraries.orgRef, limit: Arbitraries.limit, order: Arbitraries.forward }, {
    requiredKeys: ["target"]
  }),
  describe: (input) =>
    `listOrganizationFeatureFlagsPage({ ${
      args([`organizationId: ${ref(input.target)}`, opt("limit", input.limit), opt("order", input.order)])
    } })`,
  plan: (state, input) => {
    const target = resolve(state, input.target)
    const options = pageOptions(input)
    return plan((s, side) => s.listOrganizationFeatureFlagsPage({ organizationId: target[side], ...options }), (a) => {
      const problems = expectOutcome(expectExisting(target.org), a)
      if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
      const org = target.org
      const expected = page(state.flags.filter((f) => f.enabledFor.has(org.a)), (f) => f.index, {
        order: input.order ?? "desc",
        limit: input.limit ?? 10
      })
      return checkPage("listOrganizationFeatureFlagsPage", a.right, {
        data: expected.data.map((f) => f.id),
        before: expected.before?.id ?? null,
        after: expected.after?.id ?? null
      })
    })
  }
}
