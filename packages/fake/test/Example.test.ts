/**
 * How an application tests itself with the fake: the application code depends only on `Organizations`; the test
 * provides `layerMemory()` instead of the live layer, and drives the environment through `FakeWorkOS`.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import { FakeWorkOS } from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

// --- the application code (it would live in the app's own src/) ------------------------------------------------

interface Customer {
  readonly id: string
  readonly name: string
  readonly domain: string
}

/** Finds the customer's organization by external id, or creates it; retries rate limits and 5xx. */
const ensureOrganization = (customer: Customer) =>
  Effect.gen(function*() {
    const organizations = yield* Organizations
    return yield* organizations.getOrganizationByExternalId(customer.id).pipe(
      Effect.catchTag("NotFound", () =>
        organizations.createOrganization(
          {
            name: customer.name,
            externalId: customer.id,
            domainData: [{ domain: customer.domain, state: "verified" }]
          },
          { idempotencyKey: `customer-${customer.id}` }
        )),
      Effect.retry({
        schedule: Schedule.exponential("200 millis"),
        times: 4,
        while: (error) => error._tag === "RateLimited" || error._tag === "ServerError"
      })
    )
  })

// --- the tests ---------------------------------------------------------------------------------------------------

const acme: Customer = { id: "cus_acme", name: "Acme", domain: "acme.com" }

describe("an application tested against the fake", () => {
  it.effect("provisions an organization once, however often it runs", () =>
    Effect.gen(function*() {
      const first = yield* ensureOrganization(acme)
      const second = yield* ensureOrganization(acme)
      assert.strictEqual(second.id, first.id)
      assert.deepStrictEqual(first.domains.map((d) => [d.domain, d.state]), [["acme.com", "verified"]])
      const fake = yield* FakeWorkOS
      const journal = yield* fake.journal
      assert.deepStrictEqual(journal.map((e) => [e.operation, e.outcome._tag]), [
        ["getOrganizationByExternalId", "Failure"],
        ["createOrganization", "Success"],
        ["getOrganizationByExternalId", "Success"]
      ])
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.effect("succeeds through a 429 then a 503 by retrying", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS
      yield* fake.setFaults({
        scripted: [
          { operation: "createOrganization", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 1 } },
          { operation: "createOrganization", nth: 2, fault: { _tag: "ServerError", status: 503 } }
        ]
      })
      const fiber = yield* Effect.fork(ensureOrganization(acme))
      yield* TestClock.adjust("1 second")
      const org = yield* Fiber.join(fiber)
      const journal = yield* fake.journal
      assert.deepStrictEqual(journal.map((e) => [e.operation, e.outcome]), [
        ["getOrganizationByExternalId", { _tag: "Failure", error: "NotFound" }],
        ["createOrganization", { _tag: "Failure", error: "RateLimited" }],
        ["getOrganizationByExternalId", { _tag: "Failure", error: "NotFound" }],
        ["createOrganization", { _tag: "Failure", error: "ServerError" }],
        ["getOrganizationByExternalId", { _tag: "Failure", error: "NotFound" }],
        ["createOrganization", { _tag: "Success", ids: [org.id] }]
      ])
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.effect("fails with the error WorkOS would give when the data conflicts", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS
      yield* fake.seed({ organizations: [{ name: "Squatter", domains: [{ domain: "acme.com", state: "verified" }] }] })
      const error = yield* Effect.flip(ensureOrganization(acme))
      assert.strictEqual(error._tag, "DomainConflict")
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.effect("each layer build is a fresh environment", () =>
    Effect.gen(function*() {
      const organizations = yield* Organizations
      assert.deepStrictEqual((yield* organizations.listOrganizationsPage()).data, [])
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))
})
