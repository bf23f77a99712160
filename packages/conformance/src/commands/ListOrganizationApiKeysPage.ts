/**
 * `listOrganizationApiKeysPage`: one page of an organization's API keys, with a cursor from its keys (or a
 * never-existing or a malformed one), checked item by item and cursor by cursor against the model's own page.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkApiKey, checkPage } from "../model/Checks.js"
import { page } from "../model/Pagination.js"
import { expectExisting } from "../model/Rules.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, cursorOption, expectOutcome, pageOptions, pickCursor, plan, resolve } from "./Command.js"
import { args, cur, type CursorSpec, opt, type Order, type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly limit?: number
  readonly order?: Order
  readonly cursor?: CursorSpec
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "listOrganizationApiKeys",
  weight: 2,
  arbitrary: fc.record({
    target: Arbitraries.orgRef,
    limit: Arbitraries.limit,
    order: Arbitraries.order,
    cursor: Arbitraries.cursor
  }, { requiredKeys: ["target"] }),
  describe: (input) =>
    `listOrganizationApiKeysPage({ ${
      args([
        `organizationId: ${ref(input.target)}`,
        opt("limit", input.limit),
        opt("order", input.order),
        input.cursor === undefined ? undefined : cur(input.cursor)
      ])
    } })`,
  plan: (state, input) => {
    const target = resolve(state, input.target)
    const own = target.org?.apiKeys.map((k) => ({ a: k.a, b: k.b })) ?? []
    const cursor = pickCursor(own, input.cursor, "api_key_")
    const options = pageOptions(input)
    return plan(
      (s, side) =>
        s.listOrganizationApiKeysPage({ organizationId: target[side], ...options, ...cursorOption(cursor, side) }),
      (a) => {
        if (cursor?.malformed === true) {
          const allowed = target.org?.alive === true ? ["ValidationFailed"] : ["NotFound", "ValidationFailed"]
          return expectOutcome({ allowed }, a)
        }
        const problems = expectOutcome(expectExisting(target.org), a)
        if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
        const rank = cursor === undefined ? undefined : cursor.ancient ? -1 : state.keyByA.get(cursor.a)?.index
        const expected = page(target.org.apiKeys, (k) => k.index, {
          order: input.order ?? "desc",
          limit: input.limit ?? 10,
          before: cursor?.side === "before" ? rank : undefined,
          after: cursor?.side === "after" ? rank : undefined
        })
        return [
          ...checkPage("listOrganizationApiKeysPage", a.right, {
            data: expected.data.map((k) => k.a),
            before: expected.before?.a ?? null,
            after: expected.after?.a ?? null
          }),
          ...a.right.data.flatMap((k) => {
            const known = state.keyByA.get(k.id)
            return known === undefined ? [`unknown api key ${k.id}`] : checkApiKey(known, k)
          })
        ]
      }
    )
  }
}
