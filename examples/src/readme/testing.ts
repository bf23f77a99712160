import { Organizations } from "@effect-workos/core"
import { FakeWorkOS, OrganizationsMemory } from "@effect-workos/fake"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Schedule, TestClock } from "effect"
import { requestIdempotencyKey } from "../provision/Customers.js"

// The code under test: create an organization, retrying what is worth retrying with the same idempotency key. The
// key is a hash of the request (the provision example's), not `onboard-${externalId}`: WorkOS keeps a key for 24 h
// and answers IdempotencyKeyReused when it comes back with other details.
export const onboard = (name: string, externalId: string) =>
  Effect.flatMap(Organizations.Organizations, (organizations) => {
    const request = { name, externalId }
    return organizations.createOrganization(request, { idempotencyKey: requestIdempotencyKey("onboard-", request) })
      .pipe(
        Effect.retry({
          while: (error) => error._tag === "RateLimited" || error._tag === "RequestFailed",
          schedule: Schedule.exponential("100 millis"),
          times: 3
        }),
        // onboarded before, perhaps under another name: bring the name up to date
        Effect.catchTag("ExternalIdAlreadyUsed", () =>
          Effect.flatMap(
            organizations.getOrganizationByExternalId(externalId),
            (existing) =>
              existing.name === name
                ? Effect.succeed(existing)
                : organizations.updateOrganization({ organization: existing.id, name })
          ))
      )
  })

describe("onboard", () => {
  it.effect("a lost response is retried without creating a duplicate", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.seed({ organizations: [{ name: "Existing Co", externalId: "existing" }] })
      // the first create is applied, but its answer never arrives
      yield* fake.setFaults({
        scripted: [{ operation: "createOrganization", nth: 1, fault: { _tag: "ResponseLost" } }]
      })
      const fiber = yield* Effect.fork(onboard("New Co", "new-co"))
      yield* TestClock.adjust("1 second") // the retry's backoff, on virtual time
      const created = yield* Fiber.join(fiber)

      const journal = yield* fake.journal
      const creates = journal.filter((entry) => entry.operation === "createOrganization")
      expect(creates.map((entry) => entry.outcome._tag)).toEqual(["Success", "Success"])
      expect(creates.every((entry) => entry.outcome._tag === "Success" && entry.outcome.ids[0] === created.id))
        .toBe(true)
      const snapshot = yield* fake.snapshot
      expect(snapshot.organizations.map((o) => o.externalId)).toEqual(["existing", "new-co"])
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))
})
