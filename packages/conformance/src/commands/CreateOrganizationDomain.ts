/**
 * `createOrganizationDomain` for an alive, a deleted or a never-existing organization: a domain of the pool (which
 * the organization, or another one, may already hold, pending or verified), in upper case too, one that is not a
 * host name, or a consumer domain.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkDomain } from "../model/Checks.js"
import { createdDomain, expectCreateDomain } from "../model/Domains.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, expectOutcome, plan, resolve } from "./Command.js"
import { type NameSpec, nameSpec, nameText, renderName } from "./DomainRefs.js"
import { type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly domain: NameSpec
}

/**
 * @since 0.3.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "createOrganizationDomain",
  weight: 6,
  arbitrary: fc.record({ target: Arbitraries.orgRef, domain: nameSpec }),
  describe: (input) =>
    `createOrganizationDomain({ organizationId: ${ref(input.target)}, domain: ${nameText(input.domain)} })`,
  plan: (state, input, context) => {
    const target = resolve(state, input.target)
    const domain = renderName(context.namespace, input.domain)
    const expectation = expectCreateDomain(state, target.org, domain)
    return plan(
      (s, side) => s.createOrganizationDomain({ organizationId: target[side], domain }),
      (a, b) => {
        const problems = expectOutcome(expectation, a)
        if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
        if (Either.isLeft(b)) return ["A created a domain, B did not"]
        const record = createdDomain(state, target.org, domain, { a: a.right.id, b: b.right.id }, {
          a: a.right.verificationToken ?? null,
          b: b.right.verificationToken ?? null
        })
        return [...checkDomain(state, record, a.right), ...checkDomain(state, record, b.right, "b")]
      }
    )
  }
}
