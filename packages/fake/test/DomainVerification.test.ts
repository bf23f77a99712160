/**
 * The fake's domain verification against an independent oracle: random interleavings of creates, DNS records
 * published and removed, verify calls, deletes and clock moves, for two organizations sharing domain names. The
 * oracle steps minute by minute (every check falls on a minute) and applies the rules of WIRE-LIFECYCLE.md §3.7
 * directly; the fake settles lazily, only when something can be due. After every step each domain's state, its last
 * change and its failure reason must agree. fast-check prints the seed and the failing steps on failure.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as TestClock from "effect/TestClock"
import * as OrganizationDomainsMemory from "../src/OrganizationDomainsMemory.js"

const NUM_RUNS = 200
const MINUTE = 60_000
const INTERVAL = 5 * MINUTE
const PERIOD = 30 * 24 * 60 * MINUTE

type Step =
  | { readonly _tag: "create"; readonly org: 0 | 1; readonly name: string }
  | { readonly _tag: "publish"; readonly domain: number }
  | { readonly _tag: "unpublish"; readonly name: string }
  | { readonly _tag: "verify"; readonly domain: number }
  | { readonly _tag: "delete"; readonly domain: number }
  | { readonly _tag: "adjust"; readonly minutes: number }

const names = ["a.com", "b.com"]
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    _tag: fc.constant("create" as const),
    org: fc.constantFrom(0 as const, 1 as const),
    name: fc.constantFrom(...names)
  }),
  fc.record({ _tag: fc.constant("publish" as const), domain: fc.nat(8) }),
  fc.record({ _tag: fc.constant("unpublish" as const), name: fc.constantFrom(...names) }),
  fc.record({ _tag: fc.constant("verify" as const), domain: fc.nat(8) }),
  fc.record({ _tag: fc.constant("delete" as const), domain: fc.nat(8) }),
  fc.record({
    _tag: fc.constant("adjust" as const),
    minutes: fc.constantFrom(1, 3, 5, 7, 60, 24 * 60, 10 * 24 * 60, 30 * 24 * 60)
  })
)

interface OracleDomain {
  readonly id: string
  readonly org: number
  readonly name: string
  readonly token: string
  state: "pending" | "verified" | "failed" | "deleted"
  start: number
  changedAt: number
  reason: string | undefined
}

class Oracle {
  readonly domains: Array<OracleDomain> = []
  readonly dns = new Map<string, Set<string>>()
  constructor(public now: number) {}

  live(): Array<OracleDomain> {
    return this.domains.filter((d) => d.state !== "deleted")
  }
  hasRecord(d: OracleDomain): boolean {
    return this.dns.get(d.name)?.has(`verification_token=${d.token}`) === true
  }
  failOthers(d: OracleDomain, at: number): void {
    for (const other of this.live()) {
      if (other.org !== d.org && other.name === d.name && other.state === "pending") {
        Object.assign(other, { state: "failed", changedAt: at, reason: "domain_verified_by_other_organization" })
      }
    }
  }
  verifyNow(d: OracleDomain, at: number): void {
    // another organization holds it verified: it cannot be verified twice
    if (this.live().some((o) => o.org !== d.org && o.name === d.name && o.state === "verified")) {
      Object.assign(d, { state: "failed", changedAt: at, reason: "domain_verified_by_other_organization" })
      return
    }
    Object.assign(d, { state: "verified", changedAt: at, reason: undefined })
    this.failOthers(d, at)
  }
  advance(minutes: number): void {
    for (let i = 0; i < minutes; i++) {
      const m = this.now + MINUTE
      this.now = m
      const pending = this.live().filter((d) => d.state === "pending").sort((a, b) => (a.id < b.id ? -1 : 1))
      for (const d of pending) {
        if (d.state !== "pending") continue
        const since = m - d.start
        if (since > 0 && since % INTERVAL === 0 && since <= PERIOD && this.hasRecord(d)) this.verifyNow(d, m)
      }
      for (const d of pending) {
        if (d.state === "pending" && m - d.start >= PERIOD) {
          Object.assign(d, {
            state: "failed",
            changedAt: d.start + PERIOD,
            reason: "domain_verification_period_expired"
          })
        }
      }
    }
  }
}

describe("domain verification against a minute-by-minute oracle", () => {
  it.effect(
    `agrees on every domain after every step (${NUM_RUNS} runs × up to 30 steps)`,
    () =>
      Effect.gen(function*() {
        const runtime = yield* Effect.runtime<never>()
        const run = <A, E>(effect: Effect.Effect<A, E>) => Runtime.runPromise(runtime)(effect)
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
              const base = await run(Clock.currentTimeMillis)
              const memory = await run(OrganizationDomainsMemory.makeMemory({ seed: 3 }))
              const orgs = [
                (await run(memory.organizations.createOrganization({ name: "A" }))).id,
                (await run(memory.organizations.createOrganization({ name: "B" }))).id
              ]
              const oracle = new Oracle(base)
              const domains = memory.organizationDomains
              const pick = (i: number) =>
                oracle.domains.length === 0 ? undefined : oracle.domains[i % oracle.domains.length]
              for (const s of steps) {
                switch (s._tag) {
                  case "create": {
                    const own = oracle.live().some((d) => d.org === s.org && d.name === s.name)
                    const taken = oracle.live().some((d) =>
                      d.org !== s.org && d.name === s.name && d.state === "verified"
                    )
                    const answer = await run(Effect.either(
                      domains.createOrganizationDomain({ organizationId: orgs[s.org]!, domain: s.name })
                    ))
                    if (own || taken) {
                      assert.isTrue(
                        answer._tag === "Left" && answer.left._tag === "DomainAlreadyExists",
                        "create refused"
                      )
                    } else {
                      assert.strictEqual(answer._tag, "Right", "create")
                      if (answer._tag === "Right") {
                        oracle.domains.push({
                          id: answer.right.id,
                          org: s.org,
                          name: s.name,
                          token: answer.right.verificationToken!,
                          state: "pending",
                          start: oracle.now,
                          changedAt: oracle.now,
                          reason: undefined
                        })
                      }
                    }
                    break
                  }
                  case "publish": {
                    const d = pick(s.domain)
                    if (d === undefined) break
                    const value = `verification_token=${d.token}`
                    await run(memory.control.setDnsRecord({ domain: d.name, value }))
                    const set = oracle.dns.get(d.name) ?? new Set<string>()
                    set.add(value)
                    oracle.dns.set(d.name, set)
                    break
                  }
                  case "unpublish":
                    await run(memory.control.removeDnsRecord({ domain: s.name }))
                    oracle.dns.delete(s.name)
                    break
                  case "verify": {
                    const d = pick(s.domain)
                    if (d === undefined) break
                    const answer = await run(Effect.either(domains.verifyOrganizationDomain(d.id)))
                    if (d.state === "deleted") {
                      assert.isTrue(answer._tag === "Left" && answer.left._tag === "NotFound", "verify deleted")
                    } else if (d.state === "verified") {
                      assert.isTrue(
                        answer._tag === "Left" && answer.left._tag === "DomainAlreadyVerified",
                        "verify verified"
                      )
                    } else {
                      if (d.state === "failed") {
                        Object.assign(d, {
                          state: "pending",
                          start: oracle.now,
                          changedAt: oracle.now,
                          reason: undefined
                        })
                      }
                      if (d.state === "pending" && oracle.hasRecord(d)) oracle.verifyNow(d, oracle.now)
                      assert.strictEqual(answer._tag === "Right" && answer.right.state, d.state, "verify answer")
                    }
                    break
                  }
                  case "delete": {
                    const d = pick(s.domain)
                    if (d === undefined) break
                    const answer = await run(Effect.either(domains.deleteOrganizationDomain(d.id)))
                    assert.strictEqual(answer._tag, d.state === "deleted" ? "Left" : "Right", "delete")
                    d.state = "deleted"
                    break
                  }
                  case "adjust":
                    await run(TestClock.adjust(Duration.minutes(s.minutes)))
                    oracle.advance(s.minutes)
                    break
                }
                for (const d of oracle.domains) {
                  const read = await run(Effect.either(domains.getOrganizationDomain(d.id)))
                  if (d.state === "deleted") {
                    assert.strictEqual(read._tag, "Left", `${d.id} deleted`)
                    continue
                  }
                  assert.strictEqual(read._tag, "Right", d.id)
                  if (read._tag !== "Right") continue
                  assert.deepStrictEqual(
                    [read.right.state, read.right.updatedAt],
                    [d.state, new Date(d.changedAt).toISOString()],
                    `${d.id} after ${JSON.stringify(s)}`
                  )
                  const reason = await run(memory.control.domainFailureReason(d.id))
                  assert.strictEqual(Option.getOrUndefined(reason), d.reason, `${d.id} reason`)
                }
              }
            }),
            { numRuns: NUM_RUNS }
          )
        )
      }),
    300_000
  )
})
