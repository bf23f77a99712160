/**
 * `verifyOrganizationDomain` of a pending domain (before and after its TXT record is published: the re-check finds
 * it at once), a verified one (`DomainAlreadyVerified`), a failed one (a new attempt), a deleted one, or one that
 * never existed.
 *
 * @since 0.3.0
 */
import * as Either from "effect/Either"
import { checkDomain } from "../model/Checks.js"
import { expectVerify, verifiedDomain } from "../model/Domains.js"
import { type Command, expectOutcome, outcomeOf, plan } from "./Command.js"
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
  operation: "verifyOrganizationDomain",
  weight: 4,
  arbitrary: domainRef.map((domain) => ({ domain })),
  describe: (input) => `verifyOrganizationDomain(${domainRefText(input.domain)})`,
  plan: (state, input) => {
    const record = resolveDomain(state, input.domain)
    const expectation = expectVerify(state, record)
    return plan((s, side) => s.verifyOrganizationDomain(domainId(record, side)), (a, b) => {
      const problems = expectOutcome(expectation, a)
      if (problems.length > 0 || record === undefined || outcomeOf(a) === "NotFound") return problems
      if (Either.isLeft(a)) {
        verifiedDomain(state, record, { _tag: "Already" })
        return []
      }
      if (!expectation.states.includes(a.right.state)) {
        return [`the verify answered ${a.right.state}, the model says ${expectation.states.join(" | ")}`]
      }
      verifiedDomain(state, record, { _tag: "Shown", state: a.right.state })
      return [
        ...checkDomain(state, record, a.right),
        ...(Either.isRight(b) ? checkDomain(state, record, b.right, "b") : [])
      ]
    })
  }
}
