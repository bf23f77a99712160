/**
 * `createOrganizationApiKey`, optionally with an Idempotency-Key from a small pool (so that keys get reused).
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import { checkApiKey } from "../model/Checks.js"
import { expectCreateApiKey } from "../model/Rules.js"
import { createdApiKey, type State } from "../model/State.js"
import * as Arbitraries from "./Arbitraries.js"
import { checkCreated, type Command, expectOutcome, type Plan, plan, resolve, type Target } from "./Command.js"
import { args, EXPIRES_AT, idempotencyKey, opt, type OrgRef, ref } from "./Specs.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Fields {
  readonly target: OrgRef
  readonly name: string
  readonly permissions?: ReadonlyArray<string>
  readonly expiresAt?: "future" | "past"
  readonly idempotencyKey?: number
}

/**
 * Sends an API key create (first or again) and checks its answer: outcome, replayed id, fields; records the keyed
 * request before it runs and the new key once A created it.
 *
 * @since 0.1.0
 * @category planning
 */
export const send = (
  state: State,
  target: Target,
  options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">,
  key: string | undefined
): Plan => {
  const expectation = expectCreateApiKey(state, target.org, options, key)
  if (key !== undefined) state.sentApiKeys.push({ key, target: target.org, options })
  const request = key === undefined ? undefined : { idempotencyKey: key }
  return plan(
    (s, side) => s.createOrganizationApiKey({ organizationId: target[side], ...options }, request),
    (a, b) => {
      const problems = expectOutcome(expectation, a)
      if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
      const org = target.org
      return checkCreated(expectation, a.right.id, "api key", (id) => state.keyByA.has(id), () => {
        if (Either.isLeft(b)) return ["A created an api key, B did not"]
        const values = { a: a.right.value, b: b.right.value }
        return checkApiKey(createdApiKey(state, org, options, key, a.right.id, b.right.id, values), a.right)
      })
    }
  )
}

/**
 * @since 0.1.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "createOrganizationApiKey",
  weight: 5,
  arbitrary: fc.record({
    target: Arbitraries.orgRef,
    name: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("ci", "deploy bot") }, {
      weight: 1,
      arbitrary: fc.constantFrom("", "  ")
    }),
    permissions: Arbitraries.maybe(fc.uniqueArray(fc.constantFrom(...Arbitraries.PERMISSIONS), { maxLength: 3 }), 1),
    expiresAt: Arbitraries.maybe(fc.constantFrom("future" as const, "future" as const, "past" as const), 2),
    idempotencyKey: Arbitraries.maybe(fc.nat(7), 2)
  }).map(({ expiresAt, idempotencyKey, name, permissions, target }) => ({
    target,
    name,
    ...(permissions === undefined ? {} : { permissions }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(idempotencyKey === undefined ? {} : { idempotencyKey })
  })),
  describe: (input) =>
    `createOrganizationApiKey({ ${
      args([
        `organizationId: ${ref(input.target)}`,
        `name: ${JSON.stringify(input.name)}`,
        opt("permissions", input.permissions, (p) => JSON.stringify(p)),
        opt("expiresAt", input.expiresAt)
      ])
    } }${input.idempotencyKey === undefined ? "" : `, { idempotencyKey: key #${input.idempotencyKey} }`})`,
  plan: (state, input, context) => {
    const ns = context.namespace
    const options = {
      name: input.name === "" ? "" : ns.name(input.name),
      ...(input.permissions === undefined ? {} : { permissions: input.permissions }),
      ...(input.expiresAt === undefined ? {} : { expiresAt: EXPIRES_AT[input.expiresAt] })
    }
    const key = input.idempotencyKey === undefined ? undefined : idempotencyKey(ns, "key", input.idempotencyKey)
    return send(state, resolve(state, input.target), options, key)
  }
}
