/**
 * A stateful in-memory WorkOS Organizations (`OrganizationsMemory.layerMemory`) and its control service
 * (`FakeWorkOS`: seed, faults, journal, snapshot).
 *
 * @example
 * ```ts
 * import { Organizations } from "@effect-workos/core"
 * import { FakeWorkOS, OrganizationsMemory } from "@effect-workos/fake"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const fake = yield* FakeWorkOS.FakeWorkOS
 *   yield* fake.seed({ organizations: [{ name: "Acme", externalId: "acme" }] })
 *   const organizations = yield* Organizations.Organizations
 *   return yield* organizations.getOrganizationByExternalId("acme")
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(OrganizationsMemory.layerMemory())))
 * ```
 *
 * @since 0.1.0
 */
/**
 * @since 0.2.0
 */
export * as ApiKeysMemory from "./ApiKeysMemory.js"

/**
 * @since 0.2.0
 */
export * as DomainVerification from "./DomainVerification.js"

/**
 * @since 0.1.0
 */
export * as FakeWorkOS from "./FakeWorkOS.js"

/**
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * @since 0.1.0
 */
export * as Fixtures from "./Fixtures.js"

/**
 * @since 0.1.0
 */
export * as Journal from "./Journal.js"

/**
 * @since 0.2.0
 */
export * as OrganizationDomainsMemory from "./OrganizationDomainsMemory.js"

/**
 * @since 0.1.0
 */
export * as OrganizationsMemory from "./OrganizationsMemory.js"
