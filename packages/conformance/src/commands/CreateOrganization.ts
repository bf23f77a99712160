/**
 * `createOrganization`, optionally with an Idempotency-Key from a small pool (so that keys get reused).
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkOrganization } from "../model/Checks.js"
import { learnDomains } from "../model/Domains.js"
import { expectCreateOrganization } from "../model/Rules.js"
import { createdOrganization, type State } from "../model/State.js"
import * as Arbitraries from "./Arbitraries.js"
import {
  checkCreated,
  type Command,
  type Context,
  expectOutcome,
  idOf,
  type Plan,
  plan,
  renderDomains
} from "./Command.js"
import {
  args,
  dom,
  type DomainSpec,
  ext,
  type ExternalIdSpec,
  idempotencyKey,
  meta,
  type MetadataSpec,
  opt,
  renderMetadata
} from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly name: string
  readonly externalId?: ExternalIdSpec
  readonly domainData?: ReadonlyArray<DomainSpec>
  readonly metadata?: MetadataSpec
  /** An Idempotency-Key from a small pool, so that keys get reused. */
  readonly idempotencyKey?: number
}

/**
 * Sends a create (first or again) and checks its answer: outcome, replayed id, fields; records the keyed request
 * before it runs and the new organization once A created it.
 *
 * @since 0.1.0
 * @category planning
 */
export const send = (
  state: State,
  options: Options.CreateOrganizationOptions,
  key: string | undefined,
  context: Context
): Plan => {
  const expectation = expectCreateOrganization(state, options, key)
  if (key !== undefined) state.sentOrganizations.push({ key, options })
  const request = key === undefined ? undefined : { idempotencyKey: key }
  return plan((s) => s.createOrganization(options, request), (a, b) => {
    const problems = expectOutcome(expectation, a)
    if (problems.length > 0 || Either.isLeft(a)) return problems
    return checkCreated(expectation, a.right.id, "organization", (id) => state.orgByA.has(id), () => {
      const idB = idOf(b)
      if (idB === undefined) return ["A created an organization, B did not"]
      const org = createdOrganization(state, options, key, a.right.id, idB)
      context.onCreated?.(idB)
      if (Either.isRight(b)) learnDomains(state, org, a.right.domains, b.right.domains)
      return checkOrganization(org, a.right)
    })
  })
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "createOrganization",
  weight: 10,
  arbitrary: fc.record({
    name: Arbitraries.name,
    externalId: Arbitraries.maybe(Arbitraries.externalIdSpec, 1),
    domainData: Arbitraries.maybe(Arbitraries.domainData, 1),
    metadata: Arbitraries.maybe(Arbitraries.metadataSpec, 1),
    idempotencyKey: Arbitraries.maybe(fc.nat(7), 2)
  }).map(({ domainData, externalId, idempotencyKey, metadata, name }) => ({
    name,
    ...(externalId === undefined ? {} : { externalId }),
    ...(domainData === undefined ? {} : { domainData }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey })
  })),
  describe: (input) =>
    `createOrganization({ ${
      args([
        `name: ${JSON.stringify(input.name)}`,
        opt("externalId", input.externalId, ext),
        opt("domainData", input.domainData, (ds) => `[${ds.map(dom).join(", ")}]`),
        opt("metadata", input.metadata, meta)
      ])
    } }${input.idempotencyKey === undefined ? "" : `, { idempotencyKey: key #${input.idempotencyKey} }`})`,
  plan: (state, input, context) => {
    const ns = context.namespace
    const options: Options.CreateOrganizationOptions = {
      name: ns.name(input.name),
      ...(input.externalId === undefined ? {} : { externalId: ns.externalId(input.externalId, context.limits) }),
      ...(input.domainData === undefined ? {} : { domainData: renderDomains(ns, input.domainData) }),
      ...(input.metadata === undefined ? {} : { metadata: renderMetadata(input.metadata, context.limits) })
    }
    const key = input.idempotencyKey === undefined ? undefined : idempotencyKey(ns, "org", input.idempotencyKey)
    return send(state, options, key, context)
  }
}
