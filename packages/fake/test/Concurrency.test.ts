/**
 * Every operation is one atomic step: uniqueness and idempotency hold under many fibers, also when injected
 * latency makes the calls interleave.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const FIBERS = 100

/** Runs `n` copies of `effect` at once and counts outcomes by tag; random latency (on TestClock) interleaves them. */
const race = <A, E extends { readonly _tag: string }>(
  memory: OrganizationsMemory.Memory,
  effect: (i: number) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    yield* memory.control.setFaults({ random: { seed: 3, rates: { Latency: 0.7 }, latencyMillis: 10 } })
    const fiber = yield* Effect.fork(
      Effect.all(Array.from({ length: FIBERS }, (_, i) => Effect.either(effect(i))), { concurrency: "unbounded" })
    )
    yield* TestClock.adjust("1 second")
    const results = yield* Fiber.join(fiber)
    yield* memory.control.clearFaults
    const counts: Record<string, number> = {}
    for (const r of results) {
      const tag = Either.isRight(r) ? "ok" : r.left._tag
      counts[tag] = (counts[tag] ?? 0) + 1
    }
    return { counts, successes: results.flatMap((r) => (Either.isRight(r) ? [r.right] : [])) }
  })

describe("concurrency", () => {
  it.effect("100 concurrent creates with one external id: exactly one succeeds", () =>
    Effect.gen(function*() {
      const memory = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const { counts } = yield* race(
        memory,
        (i) => memory.organizations.createOrganization({ name: `O${i}`, externalId: "same" })
      )
      assert.deepStrictEqual(counts, { ok: 1, ExternalIdAlreadyUsed: FIBERS - 1 })
      assert.strictEqual((yield* memory.organizations.listOrganizationsPage()).data.length, 1)
    }))

  it.effect("100 concurrent creates claiming one verified domain: exactly one succeeds", () =>
    Effect.gen(function*() {
      const memory = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const { counts } = yield* race(
        memory,
        (i) =>
          memory.organizations.createOrganization({
            name: `O${i}`,
            domainData: [{ domain: i % 2 === 0 ? "shared.com" : "SHARED.com", state: "verified" }]
          })
      )
      assert.deepStrictEqual(counts, { ok: 1, DomainConflict: FIBERS - 1 })
    }))

  it.effect("100 concurrent updates to one external id: exactly one organization gets it", () =>
    Effect.gen(function*() {
      const memory = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const orgs = yield* Effect.forEach(
        Array.from({ length: FIBERS }, (_, i) => i),
        (i) => memory.organizations.createOrganization({ name: `O${i}` })
      )
      const { counts } = yield* race(
        memory,
        (i) => memory.organizations.updateOrganization({ organization: orgs[i]!.id, externalId: "claimed" })
      )
      assert.deepStrictEqual(counts, { ok: 1, ExternalIdAlreadyUsed: FIBERS - 1 })
    }))

  it.effect("100 concurrent replays of one Idempotency-Key create one object", () =>
    Effect.gen(function*() {
      const memory = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const orgs = yield* race(
        memory,
        () => memory.organizations.createOrganization({ name: "Once" }, { idempotencyKey: "K" })
      )
      assert.deepStrictEqual(orgs.counts, { ok: FIBERS })
      assert.strictEqual(new Set(orgs.successes.map((o) => o.id)).size, 1)
      assert.strictEqual((yield* memory.organizations.listOrganizationsPage()).data.length, 1)

      const keys = yield* race(
        memory,
        () =>
          memory.organizations.createOrganizationApiKey(
            { organizationId: orgs.successes[0]!.id, name: "k" },
            { idempotencyKey: "K2" }
          )
      )
      assert.deepStrictEqual(keys.counts, { ok: FIBERS })
      assert.strictEqual(new Set(keys.successes.map((k) => k.id)).size, 1)
      const listed = yield* memory.organizations.listOrganizationApiKeysPage({ organizationId: orgs.successes[0]!.id })
      assert.strictEqual(listed.data.length, 1)
    }))
})
