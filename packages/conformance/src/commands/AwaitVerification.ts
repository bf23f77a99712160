/**
 * `awaitVerification` with a schedule that never waits (one read): a verified domain succeeds, a failed one is
 * `DomainVerificationFailed`, a pending one `DomainVerificationPending` (the schedule ended), a deleted or missing
 * one `NotFound` — the same code on both sides, over each side's own get.
 *
 * @since 0.3.0
 */
import type { OrganizationDomain } from "@effect-workos/core/Organization"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Schedule from "effect/Schedule"
import { checkDomain } from "../model/Checks.js"
import { domainExists, statesOf } from "../model/Domains.js"
import { type Command, expectOutcome, plan } from "./Command.js"
import { domainId, type DomainRef, domainRef, domainRefText, resolveDomain } from "./DomainRefs.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Fields {
  readonly domain: DomainRef
}

const outcomes: Readonly<Record<string, string>> = {
  verified: "ok",
  legacy_verified: "ok",
  failed: "DomainVerificationFailed",
  pending: "DomainVerificationPending"
}

/**
 * @since 0.3.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "awaitVerification",
  weight: 2,
  arbitrary: domainRef.map((domain) => ({ domain })),
  describe: (input) => `awaitVerification(${domainRefText(input.domain)}, { schedule: Schedule.recurs(0) })`,
  plan: (state, input) => {
    const record = resolveDomain(state, input.domain)
    const allowed = record === undefined || !domainExists(record)
      ? ["NotFound"]
      : statesOf(record.domain).map((s) => outcomes[s] ?? "DomainVerificationPending")
    return plan(
      (s, side) => s.awaitVerification(domainId(record, side), { schedule: Schedule.recurs(0) }),
      (a, b) => {
        const problems = expectOutcome({ allowed }, a)
        if (problems.length > 0 || record === undefined || !domainExists(record)) return problems
        // the domain as it was read: in the success, or in the error
        const shown = (answer: typeof a): OrganizationDomain | undefined =>
          Either.isRight(answer)
            ? answer.right
            : Predicate.hasProperty(answer.left, "domain")
            ? answer.left.domain as OrganizationDomain
            : undefined
        const da = shown(a)
        const db = shown(b)
        return [
          ...(da === undefined ? [] : checkDomain(state, record, da)),
          ...(db === undefined ? [] : checkDomain(state, record, db, "b"))
        ]
      }
    )
  }
}
