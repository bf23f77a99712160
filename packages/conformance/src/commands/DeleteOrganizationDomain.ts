/**
 * `deleteOrganizationDomain` of a pending, verified, failed or already deleted domain, or one that never existed;
 * then a get of the same id, which must be `NotFound` once the delete succeeded (and the domain leaves its
 * organization's `domains`).
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { deletedDomain, expectDeleteDomain } from "../model/Domains.js"
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
  operation: "deleteOrganizationDomain",
  weight: 2,
  arbitrary: domainRef.map((domain) => ({ domain })),
  describe: (input) => `deleteOrganizationDomain(${domainRefText(input.domain)}), then get it`,
  plan: (state, input) => {
    const record = resolveDomain(state, input.domain)
    return plan(
      (s, side) => {
        const id = domainId(record, side)
        // the get's outcome after a successful delete
        return Effect.zipRight(
          s.deleteOrganizationDomain(id),
          Effect.map(Effect.either(s.getOrganizationDomain(id)), outcomeOf)
        )
      },
      (a) => {
        const problems = expectOutcome(expectDeleteDomain(record), a)
        if (problems.length > 0 || Either.isLeft(a) || record === undefined) return problems
        deletedDomain(record)
        return a.right === "NotFound" ? [] : [`a get after the delete answered ${a.right}, the model says NotFound`]
      }
    )
  }
}
