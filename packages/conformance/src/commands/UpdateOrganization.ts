/**
 * `updateOrganization`: any subset of the fields, `null` clearing the clearable ones.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkOrganization } from "../model/Checks.js"
import { learnDomains } from "../model/Domains.js"
import { expectUpdateOrganization } from "../model/Rules.js"
import { updatedOrganization } from "../model/State.js"
import * as Arbitraries from "./Arbitraries.js"
import { type Command, expectOutcome, plan, renderDomains, resolve } from "./Command.js"
import {
  args,
  dom,
  type DomainSpec,
  ext,
  type ExternalIdSpec,
  meta,
  type MetadataSpec,
  opt,
  type OrgRef,
  ref,
  renderMetadata
} from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly name?: string
  readonly externalId?: ExternalIdSpec | null
  readonly domainData?: ReadonlyArray<DomainSpec>
  readonly metadata?: MetadataSpec | null
  /** `-1` is the empty string. */
  readonly stripeCustomerId?: number | null
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "updateOrganization",
  weight: 6,
  arbitrary: fc.record({
    target: Arbitraries.orgRef,
    name: Arbitraries.name,
    externalId: fc.option(Arbitraries.externalIdSpec, { nil: null, freq: 3 }),
    domainData: Arbitraries.domainData,
    metadata: fc.option(Arbitraries.metadataSpec, { nil: null, freq: 3 }),
    stripeCustomerId: fc.option(fc.integer({ min: -1, max: 2 }), { nil: null, freq: 3 })
  }, { requiredKeys: ["target"] }),
  describe: (input) =>
    `updateOrganization({ ${
      args([
        `organization: ${ref(input.target)}`,
        opt("name", input.name, JSON.stringify),
        opt("externalId", input.externalId, (e) => (e === null ? "null" : ext(e))),
        opt("domainData", input.domainData, (ds) => `[${ds.map(dom).join(", ")}]`),
        opt("metadata", input.metadata, (m) => (m === null ? "null" : meta(m))),
        opt("stripeCustomerId", input.stripeCustomerId, (s) => (s === null ? "null" : s < 0 ? "\"\"" : `cus_${s}`))
      ])
    } })`,
  plan: (state, input, context) => {
    const ns = context.namespace
    const target = resolve(state, input.target)
    const fields: Omit<Options.UpdateOrganizationOptions, "organization"> = {
      ...(input.name === undefined ? {} : { name: ns.name(input.name) }),
      ...(input.externalId === undefined
        ? {}
        : { externalId: input.externalId === null ? null : ns.externalId(input.externalId, context.limits) }),
      ...(input.domainData === undefined ? {} : { domainData: renderDomains(ns, input.domainData) }),
      ...(input.metadata === undefined
        ? {}
        : { metadata: input.metadata === null ? null : renderMetadata(input.metadata, context.limits) }),
      ...(input.stripeCustomerId === undefined
        ? {}
        : { stripeCustomerId: input.stripeCustomerId === null ? null : ns.stripeCustomerId(input.stripeCustomerId) })
    }
    const expectation = expectUpdateOrganization(state, target.org, fields)
    return plan((s, side) => s.updateOrganization({ organization: target[side], ...fields }), (a, b) => {
      const problems = expectOutcome(expectation, a)
      if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
      updatedOrganization(target.org, fields, state.now)
      if (Either.isRight(b)) learnDomains(state, target.org, a.right.domains, b.right.domains)
      return checkOrganization(target.org, a.right)
    })
  }
}
