/**
 * The oracle at work on organization domains: whole lockstep runs of the fake against itself in which one side (or
 * both) answers subtly wrong about domains must FAIL, naming the difference. When both sides agree on the wrong
 * answer, only the reference model can see it: those runs show that the model checks the state machine itself.
 */
import { OrganizationDomain } from "@effect-workos/core/Organization"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { assertReport, fakeVsFake as run, fixed, type Mutation } from "./support/broken.js"

/** The fake against itself with every kind of command, the domain, DNS and clock ones among them. */
const fakeVsFake = (mutate: Parameters<typeof run>[0]) => run(mutate, fixed, 200, () => true)

/** Every domain answer (create, get, verify) mapped through `f`. */
const mapDomains = (f: (domain: OrganizationDomain) => OrganizationDomain): Mutation => (backend) => ({
  ...backend,
  createOrganizationDomain: (options, request) => Effect.map(backend.createOrganizationDomain(options, request), f),
  getOrganizationDomain: (id) => Effect.map(backend.getOrganizationDomain(id), f),
  verifyOrganizationDomain: (id) => Effect.map(backend.verifyOrganizationDomain(id), f)
})

const both = (mutation: Mutation) => ({ a: mutation, b: mutation })

describe("the oracle: organization domains answered subtly wrong", () => {
  it.live("one side's verify that never finds the record (B stays pending) fails, naming the state", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake({
        b: (backend) => ({
          ...backend,
          verifyOrganizationDomain: (id) =>
            Effect.flatMap(
              backend.getOrganizationDomain(id),
              (domain) => domain.state === "pending" ? Effect.succeed(domain) : backend.verifyOrganizationDomain(id)
            )
        })
      })
      assertReport(error, "verifyOrganizationDomain")
    }))

  it.live("both sides' verify never re-checking the DNS: only the model sees it", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake(both((backend) => ({
        ...backend,
        verifyOrganizationDomain: (id) =>
          Effect.flatMap(backend.getOrganizationDomain(id), (domain) =>
            domain.state === "pending" ? Effect.succeed(domain) : backend.verifyOrganizationDomain(id))
      })))
      assertReport(error, "The reference model disagrees", "the model says verified")
    }))

  it.live("both sides showing a failed domain as pending (no expiry, no other-organization rule)", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake(
        both(mapDomains((d) => d.state === "failed" ? new OrganizationDomain({ ...d, state: "pending" }) : d))
      )
      // the shrunk run: the seeded pending domain, 30 days later, read by awaitVerification (or a get)
      assertReport(error, "The reference model disagrees")
      assert.match(error.message, /allows DomainVerificationFailed|model says failed|:failed\]/)
    }))

  it.live("both sides creating domains with the manual strategy", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake(
        both((backend) => ({
          ...backend,
          createOrganizationDomain: (options, request) =>
            Effect.map(
              backend.createOrganizationDomain(options, request),
              (d) => new OrganizationDomain({ ...d, verificationStrategy: "manual" })
            )
        }))
      )
      assertReport(error, "The reference model disagrees", "verificationStrategy is manual, model says dns")
    }))

  it.live("both sides' delete that leaves the domain readable", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake(
        both((backend) => ({
          ...backend,
          deleteOrganizationDomain: (id) => Effect.asVoid(backend.getOrganizationDomain(id))
        }))
      )
      assertReport(error, "The reference model disagrees", "a get after the delete answered ok")
    }))

  it.live("both sides accepting a consumer domain", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake(
        both((backend) => ({
          ...backend,
          createOrganizationDomain: (options, request) =>
            backend.createOrganizationDomain(
              options.domain.toLowerCase() === "gmail.com" ? { ...options, domain: "gmail-com.test" } : options,
              request
            )
        }))
      )
      assertReport(error, "The reference model disagrees", "the model allows DomainNotAllowed")
    }))

  it.live("one side's standalone domain carrying another token than its organization's copy", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake({
        b: mapDomains((d) => new OrganizationDomain({ ...d, verificationToken: "x".repeat(25) }))
      })
      assertReport(error, "verificationToken")
    }))
})
