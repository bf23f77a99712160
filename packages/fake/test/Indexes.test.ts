/**
 * The fake's lookups stay true to its objects through every change: external ids, Stripe customer ids, domains and
 * API key secrets are released when an organization lets go of them (update or delete) and can be taken again;
 * idempotent retries are recognised by their wire payload; list cursors mark positions whether or not their object
 * exists.
 */
import type * as CoreOptions from "@effect-workos/core/Options"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"

const memory = (options?: OrganizationsMemory.MemoryOptions) => Effect.orDie(OrganizationsMemory.makeMemory(options))

const ids = (page: { readonly data: ReadonlyArray<{ readonly id: string }> }) => page.data.map((x) => x.id)

const tagOf = <A>(effect: Effect.Effect<A, { readonly _tag: string }>) => Effect.map(Effect.flip(effect), (e) => e._tag)

const byDomain = (organizations: Organizations.Service, domain: string) =>
  Effect.map(organizations.listOrganizationsPage({ domains: [domain], order: "asc" }), ids)

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** An id of the given kind whose ULID carries time `millis` (and no object behind it). */
const idAt = (prefix: string, millis: number) => {
  let time = ""
  for (let i = 0, t = millis; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
  return `${prefix}${time}${"0".repeat(16)}`
}

describe("external ids", () => {
  it.effect("an external id given up by update or delete can be taken again, and lookups follow it", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const a = yield* organizations.createOrganization({ name: "A", externalId: "e1" })
      yield* organizations.updateOrganization({ organization: a.id, name: "A2" })
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("e1")).id, a.id)
      assert.strictEqual(
        yield* tagOf(organizations.createOrganization({ name: "X", externalId: "e1" })),
        "ExternalIdAlreadyUsed"
      )

      yield* organizations.updateOrganization({ organization: a.id, externalId: "e2" })
      const b = yield* organizations.createOrganization({ name: "B", externalId: "e1" })
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("e1")).id, b.id)
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("e2")).id, a.id)

      yield* organizations.updateOrganization({ organization: a.id, externalId: null })
      assert.strictEqual(yield* tagOf(organizations.getOrganizationByExternalId("e2")), "NotFound")
      const c = yield* organizations.createOrganization({ name: "C", externalId: "e2" })
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("e2")).id, c.id)

      yield* organizations.deleteOrganization(b.id)
      assert.strictEqual(yield* tagOf(organizations.getOrganizationByExternalId("e1")), "NotFound")
      const d = yield* organizations.createOrganization({ name: "D", externalId: "e1" })
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("e1")).id, d.id)
    }))
})

describe("Stripe customer ids", () => {
  it.effect("a seeded one is taken; one given up by update or delete can be taken again", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [{ id: "org_01HGW2N7EH0000000000000001", name: "Seeded", stripeCustomerId: "cus_0" }]
        }
      })
      const a = yield* organizations.createOrganization({ name: "A" })
      const b = yield* organizations.createOrganization({ name: "B" })
      const setStripe = (id: string, stripeCustomerId: string | null) =>
        organizations.updateOrganization({ organization: id, stripeCustomerId })
      const taken = (id: string, stripeCustomerId: string) => tagOf(setStripe(id, stripeCustomerId))

      assert.strictEqual(yield* taken(a.id, "cus_0"), "StripeCustomerIdAlreadyUsed")
      yield* setStripe(a.id, "cus_1")
      // setting the id an organization already has is no conflict
      yield* setStripe(a.id, "cus_1")
      yield* organizations.updateOrganization({ organization: a.id, name: "A2" })
      assert.strictEqual(yield* taken(b.id, "cus_1"), "StripeCustomerIdAlreadyUsed")

      yield* setStripe(a.id, "cus_2")
      yield* setStripe(b.id, "cus_1")
      assert.strictEqual(yield* taken(a.id, "cus_1"), "StripeCustomerIdAlreadyUsed")

      yield* setStripe(a.id, null)
      const c = yield* organizations.createOrganization({ name: "C" })
      yield* setStripe(c.id, "cus_2")

      yield* organizations.deleteOrganization(b.id)
      yield* setStripe(a.id, "cus_1")
      assert.strictEqual((yield* organizations.getOrganization(a.id)).stripeCustomerId, "cus_1")
    }))
})

describe("domains", () => {
  it.effect("a pending domain shared by three: each delete leaves the others listed, in order", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const shared = [{ domain: "shared.test", state: "pending" as const }]
      const a = yield* organizations.createOrganization({ name: "A", domainData: shared })
      yield* TestClock.adjust("1 second")
      const b = yield* organizations.createOrganization({ name: "B", domainData: shared })
      yield* TestClock.adjust("1 second")
      const c = yield* organizations.createOrganization({ name: "C", domainData: shared })
      assert.deepStrictEqual(yield* byDomain(organizations, "shared.test"), [a.id, b.id, c.id])
      yield* organizations.deleteOrganization(b.id)
      assert.deepStrictEqual(yield* byDomain(organizations, "SHARED.test"), [a.id, c.id])
      yield* organizations.deleteOrganization(a.id)
      assert.deepStrictEqual(yield* byDomain(organizations, "shared.test"), [c.id])
      yield* organizations.updateOrganization({ organization: c.id, domainData: [] })
      assert.deepStrictEqual(yield* byDomain(organizations, "shared.test"), [])
      const d = yield* organizations.createOrganization({
        name: "D",
        domainData: [{ domain: "shared.test", state: "verified" }]
      })
      assert.deepStrictEqual(yield* byDomain(organizations, "shared.test"), [d.id])
    }))

  it.effect("a verified domain released by delete or by an update that drops it can be claimed again", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const verified = (domain: string) => [{ domain, state: "verified" as const }]
      const a = yield* organizations.createOrganization({ name: "A", domainData: verified("a.test") })
      assert.strictEqual(
        yield* tagOf(organizations.createOrganization({ name: "X", domainData: verified("a.test") })),
        "DomainConflict"
      )
      yield* organizations.deleteOrganization(a.id)
      const b = yield* organizations.createOrganization({ name: "B", domainData: verified("a.test") })
      yield* organizations.updateOrganization({ organization: b.id, domainData: verified("b.test") })
      const c = yield* organizations.createOrganization({ name: "C", domainData: verified("a.test") })
      assert.deepStrictEqual(yield* byDomain(organizations, "a.test"), [c.id])
      assert.deepStrictEqual(yield* byDomain(organizations, "b.test"), [b.id])
    }))

  it.effect("keeping a pending domain another organization has since verified is not a conflict; verifying it is", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const a = yield* organizations.createOrganization({
        name: "A",
        domainData: [{ domain: "k.test", state: "pending" }]
      })
      const b = yield* organizations.createOrganization({ name: "B" })
      yield* organizations.updateOrganization({
        organization: b.id,
        domainData: [{ domain: "k.test", state: "verified" }]
      })
      const kept = yield* organizations.updateOrganization({
        organization: a.id,
        domainData: [{ domain: "k.test", state: "pending" }, { domain: "extra.test", state: "pending" }]
      })
      assert.deepStrictEqual(kept.domains.map((d) => d.domain), ["k.test", "extra.test"])
      assert.strictEqual(kept.domains[0]!.id, a.domains[0]!.id)
      assert.strictEqual(
        yield* tagOf(organizations.updateOrganization({
          organization: a.id,
          domainData: [{ domain: "k.test", state: "verified" }]
        })),
        "DomainConflict"
      )
    }))

  it.effect("a pending domain carries its DNS verification record; verifying it keeps its id and created_at", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const org = yield* organizations.createOrganization({
        name: "A",
        domainData: [{ domain: "p.test", state: "pending" }]
      })
      const pending = org.domains[0]!
      assert.match(pending.verificationPrefix ?? "", /^workos-domain-verification-[a-z0-9]{6}$/)
      assert.isDefined(pending.createdAt)
      yield* TestClock.adjust("1 hour")
      const verified = (yield* organizations.updateOrganization({
        organization: org.id,
        domainData: [{ domain: "p.test", state: "verified" }]
      })).domains[0]!
      assert.strictEqual(verified.state, "verified")
      assert.strictEqual(verified.id, pending.id)
      assert.strictEqual(verified.createdAt, pending.createdAt)
      assert.notStrictEqual(verified.updatedAt, pending.updatedAt)
    }))
})

describe("API key secrets", () => {
  it.effect("a secret whose organization was deleted can be seeded again for another", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory()
      const a = yield* organizations.createOrganization({ name: "A" })
      const b = yield* organizations.createOrganization({ name: "B" })
      yield* control.seed({ apiKeys: [{ organizationId: a.id, name: "ci", value: "sk_test_reused" }] })
      yield* organizations.deleteOrganization(a.id)
      assert.isTrue(Option.isNone(yield* control.findApiKey(Redacted.make("sk_test_reused"))))
      yield* control.seed({ apiKeys: [{ organizationId: b.id, name: "ci", value: "sk_test_reused" }] })
      const found = yield* control.findApiKey(Redacted.make("sk_test_reused"))
      assert.strictEqual(Option.getOrUndefined(found)?.owner.id, b.id)
    }))

  it.effect("an organization without API keys can be deleted; its neighbour's keys still work", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory()
      const a = yield* organizations.createOrganization({ name: "A" })
      const b = yield* organizations.createOrganization({ name: "B" })
      const key = yield* organizations.createOrganizationApiKey({ organizationId: b.id, name: "ci" })
      yield* organizations.deleteOrganization(a.id)
      assert.strictEqual(Option.getOrUndefined(yield* control.findApiKey(key.value))?.id, key.id)
    }))

  it.effect("snapshots store each secret as a fixed-width 64-bit FNV-1a hash, never the secret", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory({ seed: 7 })
      const org = yield* organizations.createOrganization({ name: "A" })
      const values: Array<string> = []
      for (let i = 0; i < 48; i++) {
        values.push(
          Redacted.value((yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "k" })).value)
        )
      }
      const snapshot = JSON.stringify(yield* control.snapshot)
      const hashes = [...snapshot.matchAll(/"valueHash":"([^"]*)"/g)].map((m) => m[1]!)
      assert.strictEqual(hashes.length, 48)
      for (const hash of hashes) assert.match(hash, /^sha256:[0-9a-f]{64}$/)
      for (const value of values) assert.notInclude(snapshot, value)
    }))
})

describe("Idempotency-Key", () => {
  const create = (organizations: Organizations.Service, options: CoreOptions.CreateOrganizationOptions) =>
    organizations.createOrganization(options, { idempotencyKey: "k" })

  it.effect("a retry is the same request when its wire payload is: key order and absent fields do not matter", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const first = yield* create(organizations, { name: "Acme", metadata: { a: "1", b: "2" } })
      const reordered = yield* create(organizations, { metadata: { b: "2", a: "1" }, name: "Acme" })
      assert.strictEqual(reordered.id, first.id)
      const withUndefined = yield* create(organizations, {
        name: "Acme",
        metadata: { a: "1", b: "2" },
        externalId: undefined
      })
      assert.strictEqual(withUndefined.id, first.id)
      assert.strictEqual(
        yield* tagOf(create(organizations, { name: "Acme", metadata: { a: "1", b: "3" } })),
        "IdempotencyKeyReused"
      )
      assert.strictEqual(
        yield* tagOf(create(organizations, { name: "Acme", domainData: [{ domain: "a.test", state: "pending" }] })),
        "IdempotencyKeyReused"
      )
    }))

  it.effect("the key is per request kind: an API key create with a used key is refused", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const org = yield* create(organizations, { name: "Acme" })
      assert.strictEqual(
        yield* tagOf(organizations.createOrganizationApiKey({ organizationId: org.id, name: "Acme" }, {
          idempotencyKey: "k"
        })),
        "IdempotencyKeyReused"
      )
    }))

  it.effect("only requests with a key are remembered (and appear in snapshots)", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory()
      yield* organizations.createOrganization({ name: "No key" })
      assert.deepStrictEqual((yield* control.snapshot).idempotency, [])
      const org = yield* create(organizations, { name: "Keyed" })
      assert.deepStrictEqual((yield* control.snapshot).idempotency.map((e) => e.key), ["k"])
      assert.strictEqual((yield* control.snapshot).idempotency[0]!.organization.id, org.id)
    }))
})

describe("list positions", () => {
  it.effect("seeded organizations given newest first are listed by created_at", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [
            { id: "org_01HGW2N7EH0000000000000003", name: "new", createdAt: "2024-03-01T00:00:00.000Z" },
            { id: "org_01HGW2N7EH0000000000000002", name: "mid", createdAt: "2024-02-01T00:00:00.000Z" },
            { id: "org_01HGW2N7EH0000000000000001", name: "old", createdAt: "2024-01-01T00:00:00.000Z" }
          ]
        }
      })
      const names = (yield* organizations.listOrganizationsPage({ order: "asc" })).data.map((o) => o.name)
      assert.deepStrictEqual(names, ["old", "mid", "new"])
    }))

  it.effect("a cursor at an older organization whose id sorts last pages to the newer one", () =>
    Effect.gen(function*() {
      const older = "org_01HGW2N7EH0000000000000009"
      const newer = "org_01HGW2N7EH0000000000000001"
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [
            { id: older, name: "older", createdAt: "2024-01-01T00:00:00.000Z" },
            { id: newer, name: "newer", createdAt: "2024-06-01T00:00:00.000Z" }
          ]
        }
      })
      assert.deepStrictEqual(ids(yield* organizations.listOrganizationsPage({ order: "asc", after: older })), [newer])
      assert.deepStrictEqual(ids(yield* organizations.listOrganizationsPage({ order: "desc", after: newer })), [older])
      assert.deepStrictEqual(ids(yield* organizations.listOrganizationsPage({ order: "asc", before: newer })), [older])
    }))

  it.effect("never-existing API key and feature flag cursors mark the time in their ULID", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory()
      const org = yield* organizations.createOrganization({ name: "A" })
      yield* TestClock.setTime(1_000)
      const k1 = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "one" })
      yield* TestClock.setTime(3_000)
      const k2 = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "two" })
      const keysAfter = yield* organizations.listOrganizationApiKeysPage({
        organizationId: org.id,
        order: "asc",
        after: idAt("api_key_", 2_000)
      })
      assert.deepStrictEqual(ids(keysAfter), [k2.id])
      const keysBefore = yield* organizations.listOrganizationApiKeysPage({
        organizationId: org.id,
        order: "asc",
        before: idAt("api_key_", 2_000)
      })
      assert.deepStrictEqual(ids(keysBefore), [k1.id])

      yield* control.seed({
        featureFlags: [
          { slug: "one", createdAt: "1970-01-01T00:00:01.000Z", enabledFor: [org.id] },
          { slug: "two", createdAt: "1970-01-01T00:00:03.000Z", enabledFor: [org.id] }
        ]
      })
      const flagsAfter = yield* organizations.listOrganizationFeatureFlagsPage({
        organizationId: org.id,
        order: "asc",
        after: idAt("flag_", 2_000)
      })
      assert.deepStrictEqual(flagsAfter.data.map((f) => f.slug), ["two"])
      const flagsBefore = yield* organizations.listOrganizationFeatureFlagsPage({
        organizationId: org.id,
        order: "desc",
        after: idAt("flag_", 2_000)
      })
      assert.deepStrictEqual(flagsBefore.data.map((f) => f.slug), ["one"])
    }))

  it.effect("enabling then disabling a flag leaves the environment's snapshot as it was", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory({ fixtures: { featureFlags: [{ slug: "beta" }] } })
      const org = yield* organizations.createOrganization({ name: "A" })
      const before = yield* control.snapshot
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "beta", enabled: true })
      assert.notDeepEqual(yield* control.snapshot, before)
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "beta", enabled: false })
      assert.deepStrictEqual(yield* control.snapshot, before)
    }))

  it.effect("an organization with no flags enabled lists none, with no cursors", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({ fixtures: { featureFlags: [{ slug: "beta" }] } })
      const org = yield* organizations.createOrganization({ name: "A" })
      const page = yield* organizations.listOrganizationFeatureFlagsPage({ organizationId: org.id })
      assert.deepStrictEqual(page.data, [])
      assert.deepStrictEqual(page.listMetadata, { before: null, after: null })
    }))
})
