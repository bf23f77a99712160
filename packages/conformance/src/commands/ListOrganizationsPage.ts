/**
 * `listOrganizationsPage`: one page, with filters and a cursor from an earlier answer (or a never-existing or a
 * malformed one), checked item by item and cursor by cursor against the model's own page.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkOrganization, checkPage } from "../model/Checks.js"
import { matches, page } from "../model/Pagination.js"
import * as Arbitraries from "./Arbitraries.js"
import {
  type Command,
  cursorOption,
  expectOutcome,
  filterOf,
  pageOptions,
  pickCursor,
  plan,
  pushCursors
} from "./Command.js"
import { args, cur, type CursorSpec, type DomainFilter, domainName, opt, type Order } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly limit?: number
  readonly order?: Order
  readonly domains?: ReadonlyArray<DomainFilter>
  readonly search?: string
  readonly cursor?: CursorSpec
}

/**
 * A `domains` filter as shown in a command list.
 *
 * @since 0.1.0
 * @category formatting
 */
export const domainsFilter = (ds: ReadonlyArray<DomainFilter>): string =>
  `[${ds.map((d) => (d.base < 0 ? "\"\"" : domainName(d))).join(", ")}]`

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "listOrganizations",
  weight: 5,
  arbitrary: fc.record({
    limit: Arbitraries.limit,
    order: Arbitraries.order,
    domains: Arbitraries.domainFilter,
    search: fc.constantFrom(...Arbitraries.SEARCHES),
    cursor: Arbitraries.cursor
  }, { requiredKeys: [] }),
  describe: (input) =>
    `listOrganizationsPage({ ${
      args([
        opt("limit", input.limit),
        opt("order", input.order),
        opt("domains", input.domains, domainsFilter),
        opt("search", input.search, JSON.stringify),
        input.cursor === undefined ? undefined : cur(input.cursor)
      ])
    } })`,
  plan: (state, input, context) => {
    const cursor = pickCursor(state.orgCursors, input.cursor, "org_")
    const filter = filterOf(input, context.namespace)
    const options = { ...pageOptions(input), ...filter }
    return plan((s, side) => s.listOrganizationsPage({ ...options, ...cursorOption(cursor, side) }), (a, b) => {
      if (cursor?.malformed === true) return expectOutcome({ allowed: ["ValidationFailed"] }, a)
      const problems = expectOutcome({ allowed: ["ok"] }, a)
      if (problems.length > 0 || Either.isLeft(a)) return problems
      pushCursors(state.orgCursors, a, b)
      const rank = cursor === undefined ? undefined : cursor.ancient ? -1 : state.orgByA.get(cursor.a)?.index
      if (cursor !== undefined && rank === undefined) {
        return [`the cursor ${cursor.a} is not an organization the model knows`]
      }
      const expected = page(state.orgs.filter((o) => o.alive && matches(o, filter)), (o) => o.index, {
        order: input.order ?? "desc",
        limit: input.limit ?? 10,
        before: cursor?.side === "before" ? rank : undefined,
        after: cursor?.side === "after" ? rank : undefined
      })
      return [
        ...checkPage("listOrganizationsPage", a.right, {
          data: expected.data.map((o) => o.a),
          before: expected.before?.a ?? null,
          after: expected.after?.a ?? null
        }),
        // each item as the model has it, not only its id
        ...a.right.data.flatMap((value, i) => {
          const org = expected.data[i]
          return org === undefined || org.a !== value.id ? [] : checkOrganization(org, value)
        })
      ]
    })
  }
}
