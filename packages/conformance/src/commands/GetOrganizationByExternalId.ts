/**
 * `getOrganizationByExternalId`: an external id of the pool, or of an earlier organization.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkOrganization } from "../model/Checks.js"
import { expectExisting } from "../model/Rules.js"
import { pickOrg } from "../model/State.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, expectOutcome, plan } from "./Command.js"
import { ext, type ExternalIdSpec } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  /** An external id of the pool, or of an earlier organization (`pick`). */
  readonly externalId: ExternalIdSpec | { readonly _tag: "OfOrg"; readonly pick: number }
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "getOrganizationByExternalId",
  weight: 2,
  arbitrary: fc.oneof(
    Arbitraries.externalIdSpec,
    fc.nat(1_000).map((pick) => ({ _tag: "OfOrg", pick }) as const)
  ).map((externalId) => ({ externalId })),
  describe: (input) => `getOrganizationByExternalId(${ext(input.externalId)})`,
  plan: (state, input, context) => {
    const ns = context.namespace
    const spec = input.externalId
    const externalId = spec._tag === "OfOrg"
      ? pickOrg(state, spec.pick)?.externalId ?? ns.externalId({ _tag: "Pool", n: 0 }, context.limits)
      : ns.externalId(spec, context.limits)
    const holder = state.orgs.find((o) => o.alive && o.externalId === externalId)
    return plan((s) => s.getOrganizationByExternalId(externalId), (a) => {
      // an id that cannot stand in a URL path is refused before anything is sent
      if (externalId === "") return expectOutcome({ allowed: ["InvalidRequest"] }, a)
      const problems = expectOutcome(expectExisting(holder), a)
      if (problems.length > 0 || Either.isLeft(a) || holder === undefined) return problems
      return checkOrganization(holder, a.right)
    })
  }
}
