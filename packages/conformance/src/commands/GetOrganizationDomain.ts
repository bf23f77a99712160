/**
 * `getOrganizationDomain` of a pending, verified, failed or deleted domain (one of a deleted organization too), or
 * one that never existed: the state as the model has it on its clock and DNS.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import { checkDomain } from "../model/Checks.js"
import { expectGetDomain } from "../model/Domains.js"
import { type Command, expectOutcome, plan } from "./Command.js"
import { domainId, type DomainRef, domainRef, domainRefText, resolveDomain } from "./DomainRefs.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Fields {
  readonly domain: DomainRef
}

/**
 * @since 0.3.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "getOrganizationDomain",
  weight: 4,
  arbitrary: domainRef.map((domain) => ({ domain })),
  describe: (input) => `getOrganizationDomain(${domainRefText(input.domain)})`,
  plan: (state, input) => {
    const record = resolveDomain(state, input.domain)
    return plan((s, side) => s.getOrganizationDomain(domainId(record, side)), (a, b) => {
      const problems = expectOutcome(expectGetDomain(record), a)
      if (problems.length > 0 || Either.isLeft(a) || record === undefined) return problems
      return [
        ...checkDomain(state, record, a.right),
        ...(Either.isRight(b) ? checkDomain(state, record, b.right, "b") : [])
      ]
    })
  }
}
