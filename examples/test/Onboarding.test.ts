/**
 * The onboarding story (`src/onboarding/Onboarding.ts`) on the in-memory fake, on `TestClock`: a customer signs up,
 * is shown the TXT record, publishes it a few hours later (the fake's DNS, through `FakeWorkOS`), and the app's wait
 * ends verified; another never publishes it, and after thirty days of fake time the wait fails typed, a new attempt
 * starts with the same record, and publishing it then verifies the domain. Thirty days run in milliseconds.
 */
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import { Organizations } from "@effect-workos/core/Organizations"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationDomainsMemory from "@effect-workos/fake/OrganizationDomainsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Onboarding from "../src/onboarding/Onboarding.js"

const NOW = Date.parse("2026-06-01T09:00:00.000Z")

/** The app reads every 6 hours, for up to 60 days (longer than WorkOS's 30-day period): 120 reads in 30 days. */
const waiting: Onboarding.Waiting = { every: "6 hours", patience: "60 days" }

const withFake = <A, E>(
  effect: Effect.Effect<A, E, Organizations | OrganizationDomains.OrganizationDomains | FakeWorkOS.FakeWorkOS>
) =>
  Effect.provide(
    Effect.zipRight(TestClock.setTime(NOW), effect),
    OrganizationDomainsMemory.layerMemory({ seed: 17 })
  )

/** What the customer does: publish the record we showed them, in the fake's DNS. */
const publish = (record: Onboarding.TxtRecord) =>
  Effect.flatMap(FakeWorkOS.FakeWorkOS, (fake) => fake.setDnsRecord({ domain: record.name, value: record.value }))

const stateInOrganization = (organizationId: string, domainId: string) =>
  Effect.gen(function*() {
    const organization = yield* (yield* Organizations).getOrganization(organizationId)
    return organization.domains.find((d) => d.id === domainId)?.state
  })

describe("onboarding a customer's domain (on the fake, on TestClock)", () => {
  it.effect("sign-up shows the TXT record; once published, the wait ends verified at the next DNS check", () =>
    withFake(Effect.gen(function*() {
      const started = yield* Onboarding.start({ company: "Foo Corp", domain: "Foo-Corp.com" })
      assert.strictEqual(started.domain.state, "pending")
      assert.strictEqual(started.domain.domain, "foo-corp.com")
      assert.strictEqual(started.domain.verificationStrategy, "dns")
      // what the customer is shown: the record on the domain itself, with the token WorkOS issued
      const record = started.record!
      assert.deepStrictEqual(record, {
        name: "foo-corp.com",
        value: `verification_token=${started.domain.verificationToken}`
      })
      assert.match(record.value, /^verification_token=\S+$/)
      assert.include(Onboarding.instructions(record), `"${record.value}"`)
      assert.strictEqual(yield* stateInOrganization(started.organizationId, started.domain.id), "pending")

      const fake = yield* OrganizationDomains.OrganizationDomains
      const wait = yield* Effect.fork(Onboarding.waitForDns(started.domain.id, waiting))
      // three hours pass; nothing published yet, the app is still waiting
      yield* TestClock.adjust("3 hours")
      assert.isTrue(Option.isNone(yield* Fiber.poll(wait)))
      yield* publish(record)
      // the fake checks every 5 minutes after the attempt started: verified within 5 minutes of the publication
      yield* TestClock.adjust("5 minutes")
      assert.strictEqual((yield* fake.getOrganizationDomain(started.domain.id)).state, "verified")
      // the app's wait ends at its next read, 6 hours after it started
      yield* TestClock.adjust("3 hours")
      const verified = yield* Fiber.join(wait)
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.id, started.domain.id)
      assert.isAtMost(Date.parse(verified.updatedAt!), NOW + Duration.toMillis(Duration.sum("3 hours", "5 minutes")))
      // the organization's domains show it too (one store behind both views)
      assert.strictEqual(yield* stateInOrganization(started.organizationId, started.domain.id), "verified")
    })))

  it.effect("no record for 30 days: the wait fails typed (VerificationExpired); a restart shows the same record", () =>
    withFake(Effect.gen(function*() {
      const started = yield* Onboarding.start({ company: "Slow Corp", domain: "slow.example" })
      const wait = yield* Effect.fork(Effect.either(Onboarding.waitForDns(started.domain.id, waiting)))
      yield* TestClock.adjust("29 days")
      assert.isTrue(Option.isNone(yield* Fiber.poll(wait)), "still within the 30-day period")
      yield* TestClock.adjust("1 day")
      const outcome = yield* Fiber.join(wait)
      assert.isTrue(Either.isLeft(outcome))
      const expired = Either.getLeft(outcome).pipe(Option.getOrThrow)
      if (expired._tag !== "VerificationExpired") {
        return assert.fail(`expected VerificationExpired, got ${expired._tag}`)
      }
      assert.strictEqual(expired.domain.state, "failed")
      assert.deepStrictEqual(expired.record, started.record, "the same token to publish")
      const fake = yield* FakeWorkOS.FakeWorkOS
      assert.deepStrictEqual(
        yield* fake.domainFailureReason(started.domain.id),
        Option.some("domain_verification_period_expired")
      )

      // the customer asks to try again: a new attempt, same record; this time they publish it
      const restarted = yield* Onboarding.restart(started.domain.id)
      assert.strictEqual(restarted.domain.state, "pending")
      assert.deepStrictEqual(restarted.record, started.record)
      yield* publish(restarted.record!)
      // they tell us: the app asks WorkOS to check now, no wait at all
      assert.strictEqual((yield* Onboarding.checkNow(started.domain.id)).state, "verified")
      assert.strictEqual((yield* Onboarding.waitForDns(started.domain.id, waiting)).state, "verified")
    })))

  it.effect("the app's own patience ends first: StillPending, and the domain keeps waiting at WorkOS", () =>
    withFake(Effect.gen(function*() {
      const started = yield* Onboarding.start({ company: "Busy Corp", domain: "busy.example" })
      const wait = yield* Effect.fork(
        Effect.flip(Onboarding.waitForDns(started.domain.id, { every: "1 hour", patience: "1 day" }))
      )
      yield* TestClock.adjust("25 hours")
      const error = yield* Fiber.join(wait)
      if (error._tag !== "StillPending") return assert.fail(`expected StillPending, got ${error._tag}`)
      assert.strictEqual(error.domain.state, "pending")
    })))

  it.effect("a consumer domain or one already taken fails in the app's terms, leaving no organization behind", () =>
    withFake(Effect.gen(function*() {
      const organizations = yield* Organizations
      const consumer = yield* Effect.flip(Onboarding.start({ company: "Solo", domain: "gmail.com" }))
      assert.strictEqual(consumer._tag, "UseYourCompanyDomain")
      assert.include(consumer.message, "gmail.com")

      // another organization verifies foo-corp.com; a second sign-up with it is refused
      const first = yield* Onboarding.start({ company: "Foo Corp", domain: "foo-corp.com" })
      yield* publish(first.record!)
      yield* (yield* OrganizationDomains.OrganizationDomains).verifyOrganizationDomain(first.domain.id)
      const taken = yield* Effect.flip(Onboarding.start({ company: "Impostor", domain: "foo-corp.com" }))
      assert.strictEqual(taken._tag, "DomainTaken")

      const names = (yield* organizations.listOrganizationsPage({})).data.map((o) => o.name)
      assert.deepStrictEqual(names, ["Foo Corp"], "the refused sign-ups' organizations were deleted again")
    })))
})
