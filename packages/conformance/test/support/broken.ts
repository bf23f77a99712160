/**
 * Lockstep runs of the fake against itself with one side (or both) broken on purpose: the self-tests of the
 * harness and of the oracle use them to show that a wrong answer fails the run, and that the report names it.
 */
import * as CoreApiKeys from "@effect-workos/core/ApiKeys"
import type * as ApiKeys from "@effect-workos/core/ApiKeys"
import type { Organization } from "@effect-workos/core/Organization"
import * as CoreOrganizationDomains from "@effect-workos/core/OrganizationDomains"
import type * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as CoreOrganizations from "@effect-workos/core/Organizations"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Commands from "../../src/Commands.js"
import { type Exercised, service } from "../../src/commands/Command.js"
import * as Lockstep from "../../src/Lockstep.js"
import * as Sides from "./sides.js"

/** A fixed seed: each broken side must be caught within the budget every time, not just on a lucky draw. */
export const fixed: Lockstep.Replay = { seed: Option.some(20_260_101), path: Option.none(), replayPath: Option.none() }

export type Mutation = (backend: Backend) => Backend

/** Everything a fake serves, the `Organizations`, `ApiKeys` and `OrganizationDomains` operations. */
export type Backend = Organizations.Backend & ApiKeys.Backend & OrganizationDomains.Backend

/** A side built like the fake's own services (core's `Organizations.make`, `ApiKeys.make`), over a broken backend. */
const side = (mutate: Mutation | undefined) =>
  Effect.map(
    Effect.orDie(OrganizationsMemory.makeMemory({ fixtures: Sides.fixtures })),
    (memory) => {
      const control = Sides.fakeControl(memory.control)
      if (mutate === undefined) {
        return service(memory.organizations, memory.apiKeys, memory.organizationDomains, control)
      }
      const backend = mutate(memory.backend)
      const organizations = CoreOrganizations.make(backend)
      return service(
        organizations,
        CoreApiKeys.make(backend, organizations),
        CoreOrganizationDomains.make(backend),
        control
      )
    }
  )

/**
 * The kinds of command of the organization and API key suites, before organization domains joined the mix: the
 * self-tests written for them keep the draws (and so the shrunk counterexamples) their fixed seeds were chosen for.
 */
export const withoutDomains = (operation: Exercised): boolean =>
  !/Domain|awaitVerification|setTxtRecord|advanceClock/.test(operation)

/**
 * The fake against the fake, `mutate.a` and `mutate.b` breaking a side; fails with the lockstep report. The commands
 * are those `only` accepts (default {@link withoutDomains}).
 */
export const fakeVsFake = (
  mutate: { readonly a?: Mutation; readonly b?: Mutation },
  replay: Lockstep.Replay = fixed,
  numRuns = 200,
  only: (operation: Exercised) => boolean = withoutDomains
) =>
  Effect.flip(Lockstep.run({
    numRuns,
    maxCommands: 25,
    replay,
    only,
    setup: () =>
      Effect.gen(function*() {
        const a = yield* side(mutate.a)
        const b = yield* side(mutate.b)
        return { a, b, seeded: Sides.seeded, flags: Sides.flags }
      }),
    settings: () => ({ namespace: Commands.namespace(""), limits: Commands.defaultLimits, invariantsOnB: true })
  }))

/** Every organization answer mapped through `f` (lists page by page). */
export const mapOrganizations = (f: (org: Organization) => Organization): Mutation => (backend) => ({
  ...backend,
  createOrganization: (options, request) => Effect.map(backend.createOrganization(options, request), f),
  getOrganization: (id) => Effect.map(backend.getOrganization(id), f),
  getOrganizationByExternalId: (id) => Effect.map(backend.getOrganizationByExternalId(id), f),
  updateOrganization: (options) => Effect.map(backend.updateOrganization(options), f),
  listOrganizationsPage: (options) =>
    Effect.map(backend.listOrganizationsPage(options), (page) => ({ ...page, data: page.data.map(f) }))
})

/** The report names the seed, the path, the counterexample, its replay path and each fragment. */
export const assertReport = (error: Error, ...fragments: ReadonlyArray<string>) => {
  const message = error.message
  assert.match(message, /seed: -?\d+, path: "[\d:]+"/, "the report names the seed and the path")
  assert.include(message, "Counterexample")
  assert.include(message, "replayPath")
  for (const fragment of fragments) assert.include(message, fragment)
}
