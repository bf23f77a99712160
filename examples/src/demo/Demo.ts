/**
 * The demo: `provision` twice, then `audit`. On the embedded fake it first seeds organizations that already exist
 * (some up to date, some out of date, one holding a domain a customer wants), and after provisioning seeds API keys
 * of various ages, so every outcome shows up. On WorkOS (`WORKOS_API_KEY` set) it seeds nothing.
 *
 * @since 0.1.0
 */
import type { Organizations } from "@effect-workos/core/Organizations"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Audit from "../audit/Audit.js"
import type * as Customers from "../provision/Customers.js"
import * as Provision from "../provision/Provision.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly customers: ReadonlyArray<Customers.Customer>
  /** Shown in the output. */
  readonly source: string
  /** Default 90. */
  readonly olderThanDays?: number | undefined
  readonly onProgress?: Provision.Options["onProgress"]
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly first: Provision.Summary
  readonly second: Provision.Summary
  readonly report: Audit.Report
}

const DAY = 24 * 60 * 60 * 1000

const organizationOf = (customer: Customers.Customer): FakeWorkOS.OrganizationFixture => ({
  name: customer.name,
  externalId: customer.externalId,
  domains: customer.domains.map((d) => ({ domain: d.domain, state: d.state })),
  metadata: customer.metadata
})

/**
 * Organizations that exist before the first run: the first 4 customers as they are, the next 7 out of date (an old
 * name, an old plan, a missing domain), and an organization without an external id that already holds the
 * verified domain of a later customer (that customer's create fails with `DomainConflict`).
 *
 * @since 0.1.0
 * @category seeding
 */
export const existingOrganizations = (
  customers: ReadonlyArray<Customers.Customer>
): ReadonlyArray<FakeWorkOS.OrganizationFixture> => {
  const upToDate = customers.slice(0, 4).map(organizationOf)
  const stale = customers.slice(4, 11).map((customer, i): FakeWorkOS.OrganizationFixture => {
    const fixture = organizationOf(customer)
    switch (i % 3) {
      case 0:
        return {
          ...fixture,
          name: customer.name.replace(/( Inc\.| LLC| GmbH| Ltd| Co\.| Group| AB| S\.A\.)?$/, " (trial)")
        }
      case 1:
        return { ...fixture, metadata: { ...customer.metadata, plan: "trial", seats: "3" } }
      default:
        return { ...fixture, domains: [] }
    }
  })
  const contested = customers.slice(20).find((c) => c.domains.some((d) => d.state === "verified"))
  const squatter: ReadonlyArray<FakeWorkOS.OrganizationFixture> = contested === undefined ? [] : [{
    name: `${contested.name} (legacy import)`,
    domains: [{ domain: contested.domains.find((d) => d.state === "verified")!.domain, state: "verified" }]
  }]
  return [...upToDate, ...stale, ...squatter]
}

/**
 * API keys for some of the provisioned organizations, relative to `now`: a healthy key on every 10th organization,
 * and on every 25th one a key created 400 days ago and still in use, and a key never used.
 *
 * @since 0.1.0
 * @category seeding
 */
export const apiKeys = (
  organizationIds: ReadonlyArray<string>,
  now: number
): ReadonlyArray<typeof FakeWorkOS.ApiKeyFixture.Type> => {
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString()
  return organizationIds.flatMap((organizationId, i) => [
    ...(i % 10 === 0
      ? [{ organizationId, name: "backend", createdAt: at(20 + (i % 40)), lastUsedAt: at(1) }]
      : []),
    ...(i % 25 === 0
      ? [
        { organizationId, name: "legacy-integration", createdAt: at(400 + i), lastUsedAt: at(3) },
        { organizationId, name: "ci-smoke-test", createdAt: at(12 + (i % 30)), lastUsedAt: null }
      ]
      : [])
  ])
}

const provisionTwice = (options: Options) =>
  Effect.gen(function*() {
    yield* Console.log(`\nStep 1: provision ${options.customers.length} customers from ${options.source}`)
    const first = yield* Provision.run(options.customers, { onProgress: options.onProgress })
    yield* Console.log(Provision.render(first))
    yield* Console.log("\nStep 2: provision the same file again (nothing changes)")
    const second = yield* Provision.run(options.customers, { onProgress: options.onProgress })
    yield* Console.log(Provision.render(second))
    return { first, second }
  })

const audit = (olderThanDays: number) =>
  Effect.gen(function*() {
    yield* Console.log(`\nStep 3: audit API keys (never used, or created more than ${olderThanDays} days ago)`)
    const report = yield* Audit.run({ olderThanDays })
    yield* Console.log(Audit.render(report))
    return report
  })

const organizationIdsOf = (summary: Provision.Summary): ReadonlyArray<string> =>
  summary.outcomes.flatMap((o) => (o._tag === "Failed" ? [] : [o.organization.id]))

/**
 * The demo on the in-memory fake: seeds, provisions twice, seeds API keys, audits.
 *
 * @since 0.1.0
 * @category demo
 */
export const runMemory = (
  options: Options
): Effect.Effect<Result, Audit.AuditError | FakeWorkOS.InvalidFixtures, Organizations | FakeWorkOS.FakeWorkOS> =>
  Effect.gen(function*() {
    const fake = yield* FakeWorkOS.FakeWorkOS
    const existing = existingOrganizations(options.customers)
    yield* fake.seed({ organizations: existing })
    yield* Console.log(
      `Seeded the fake with ${existing.length} organizations that already exist: 4 up to date, 7 out of date, ` +
        `and one without an external id that holds a domain a customer asks for.`
    )
    const { first, second } = yield* provisionTwice(options)
    const now = yield* Clock.currentTimeMillis
    const keys = apiKeys(organizationIdsOf(first), now)
    yield* fake.seed({ apiKeys: keys })
    yield* Console.log(`\nSeeded ${keys.length} API keys of various ages on the provisioned organizations.`)
    const report = yield* audit(options.olderThanDays ?? 90)
    const journal = yield* fake.journal
    yield* Console.log(`\nThe fake's journal holds ${journal.length} calls.`)
    return { first, second, report }
  })

/**
 * The demo on a real WorkOS environment: provisions twice and audits; seeds nothing.
 *
 * @since 0.1.0
 * @category demo
 */
export const runLive = (options: Options): Effect.Effect<Result, Audit.AuditError, Organizations> =>
  Effect.gen(function*() {
    const { first, second } = yield* provisionTwice(options)
    const report = yield* audit(options.olderThanDays ?? 90)
    return { first, second, report }
  })
