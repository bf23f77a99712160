/**
 * `listOrganizations`: the whole Stream walk, checked in order and item by item against the model.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkOrganization, checkSequence } from "../model/Checks.js"
import { matches } from "../model/Pagination.js"
import * as Arbitraries from "./Arbitraries.js"
import { collect, type Command, expectOutcome, filterOf, pageOptions, plan } from "./Command.js"
import { domainsFilter } from "./ListOrganizationsPage.js"
import { args, type DomainFilter, opt } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly limit?: number
  readonly order?: "asc" | "desc"
  readonly domains?: ReadonlyArray<DomainFilter>
  readonly search?: string
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "listOrganizations",
  weight: 2,
  arbitrary: fc.record({
    limit: Arbitraries.limit,
    order: Arbitraries.forward,
    domains: Arbitraries.domainFilter,
    search: fc.constantFrom(...Arbitraries.SEARCHES)
  }, { requiredKeys: [] }),
  describe: (input) =>
    `listOrganizations({ ${
      args([
        opt("limit", input.limit),
        opt("order", input.order),
        opt("domains", input.domains, domainsFilter),
        opt("search", input.search, JSON.stringify)
      ])
    } }) |> runCollect`,
  plan: (state, input, context) => {
    const filter = filterOf(input, context.namespace)
    const options = { ...pageOptions(input), ...filter }
    return plan((s) => collect(s.listOrganizations(options)), (a) => {
      const problems = expectOutcome({ allowed: ["ok"] }, a)
      if (problems.length > 0 || Either.isLeft(a)) return problems
      const expected = state.orgs.filter((o) => o.alive && matches(o, filter))
      if (input.order !== "asc") expected.reverse()
      return checkSequence("the walk", a.right, expected, (org) => org.a, checkOrganization)
    })
  }
}
