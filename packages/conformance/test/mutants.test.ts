/**
 * Rules of the fake the generated commands cannot reach through the typed `Organizations` service: the server-side
 * re-checks of its backend (what the emulator relies on when a request bypasses the client's validation), seeded
 * states no API call can produce, and the control surface. Written to kill mutants of the fake's rules that the
 * lockstep suite leaves alive (see VERIFICATION.md); each states behaviour a user of the fake relies on.
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"

const memory = (fixtures?: Parameters<typeof OrganizationsMemory.makeMemory>[0]) =>
  Effect.orDie(OrganizationsMemory.makeMemory(fixtures))

const ids = (page: { readonly data: ReadonlyArray<{ readonly id: string }> }) => page.data.map((x) => x.id)

const ORG = (n: number) => `org_01HGW2N7EH00000000000000${String(n).padStart(2, "0")}`

describe("the backend re-checks what a raw request can carry", () => {
  const invalidField = (
    effect: Effect.Effect<unknown, { readonly _tag: string }>,
    field: string
  ) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(effect)
      assert.strictEqual(error._tag, "ValidationFailed")
      const errors = (error as unknown as { readonly errors: ReadonlyArray<{ readonly field?: string }> }).errors
      assert.strictEqual(errors[0]?.field, field)
    })

  it.effect("an order other than asc, desc or normal, and a limit out of range", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      yield* invalidField(backend.listOrganizationsPage({ order: "sideways" as never }), "order")
      yield* invalidField(backend.listOrganizationsPage({ limit: 0 }), "limit")
      yield* invalidField(backend.listOrganizationsPage({ limit: 101 }), "limit")
      yield* invalidField(backend.listOrganizationsPage({ limit: 1.5 }), "limit")
      assert.deepStrictEqual(ids(yield* backend.listOrganizationsPage({ limit: 100, order: "normal" })), [])
    }))

  it.effect("a domain state other than pending or verified", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      yield* invalidField(
        backend.createOrganization(
          { name: "Acme", domainData: [{ domain: "acme.test", state: "failed" as never }] },
          {}
        ),
        "domain_data[0].state"
      )
    }))

  it.effect("a metadata value that is not a string is invalid_metadata", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const error = yield* Effect.flip(backend.createOrganization({ name: "Acme", metadata: { tier: 3 as never } }, {}))
      assert.strictEqual(error._tag, "InvalidMetadata")
    }))

  it.effect("cursors of the wrong kind are malformed, on every list", () =>
    Effect.gen(function*() {
      const { backend, organizations } = yield* memory()
      const org = yield* organizations.createOrganization({ name: "Acme" })
      yield* invalidField(backend.listOrganizationsPage({ after: "flag_01ARZ3NDEKTSV4RRFFQ69G5FAV" }), "after")
      yield* invalidField(
        backend.listOrganizationFeatureFlagsPage({ organizationId: org.id, before: ORG(1) }),
        "before"
      )
      yield* invalidField(backend.listOrganizationApiKeysPage({ organizationId: org.id, after: ORG(1) }), "after")
    }))
})

describe("lists", () => {
  it.effect("with both cursors: the items strictly between them, from `after` on", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const created: Array<string> = []
      for (let i = 0; i < 6; i++) {
        yield* TestClock.adjust("1 second")
        created.push((yield* organizations.createOrganization({ name: `org ${i}` })).id)
      }
      const page = yield* organizations.listOrganizationsPage({
        order: "asc",
        limit: 2,
        after: created[0]!,
        before: created[5]!
      })
      assert.deepStrictEqual(ids(page), created.slice(1, 3))
      assert.strictEqual(page.listMetadata.after, created[2])
    }))

  it.effect("order by created_at first, then id (ids that sort the other way do not win)", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [
            // the id with the larger ULID is the older organization
            { id: ORG(9), name: "older", createdAt: "2024-01-01T00:00:00.000Z" },
            { id: ORG(1), name: "newer", createdAt: "2024-06-01T00:00:00.000Z" }
          ]
        }
      })
      assert.deepStrictEqual(ids(yield* organizations.listOrganizationsPage({ order: "asc" })), [ORG(9), ORG(1)])
      assert.deepStrictEqual(ids(yield* organizations.listOrganizationsPage({ order: "desc" })), [ORG(1), ORG(9)])
    }))

  it.effect("a never-existing cursor marks its position on the feature-flag and API-key lists too", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2025-01-01T00:00:00.000Z"))
      const { control, organizations } = yield* memory()
      const org = yield* organizations.createOrganization({ name: "Acme" })
      yield* control.seed({
        featureFlags: [
          {
            id: "flag_01HGW2N7EH0000000000000001",
            slug: "a",
            createdAt: "2024-01-01T00:00:00.000Z",
            enabledFor: [org.id]
          },
          {
            id: "flag_01HGW2N7EH0000000000000002",
            slug: "b",
            createdAt: "2024-01-02T00:00:00.000Z",
            enabledFor: [org.id]
          }
        ]
      })
      const ancientFlag = "flag_01ARZ3NDEKTSV4RRFFQ69G5FAV"
      const flags = yield* organizations.listOrganizationFeatureFlagsPage({
        organizationId: org.id,
        order: "asc",
        after: ancientFlag
      })
      assert.deepStrictEqual(ids(flags), ["flag_01HGW2N7EH0000000000000001", "flag_01HGW2N7EH0000000000000002"])
      const walked: Array<string> = []
      let after: string | undefined
      do {
        const page = yield* organizations.listOrganizationFeatureFlagsPage({
          organizationId: org.id,
          limit: 1,
          order: "asc",
          ...(after === undefined ? {} : { after })
        })
        walked.push(...ids(page))
        after = page.listMetadata.after ?? undefined
      } while (after !== undefined)
      assert.deepStrictEqual(walked, ids(flags))
      const key = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "ci" })
      const keys = yield* organizations.listOrganizationApiKeysPage({
        organizationId: org.id,
        before: "api_key_01ARZ3NDEKTSV4RRFFQ69G5FAV"
      })
      // desc: "before" the oldest position are the newer keys
      assert.deepStrictEqual(ids(keys), [key.id])
    }))
})

describe("seeded states no API call produces", () => {
  it.effect("an update of an organization created 'in the future' keeps updatedAt ≥ createdAt", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: { organizations: [{ id: ORG(1), name: "Acme", createdAt: "2099-01-01T00:00:00.000Z" }] }
      })
      const updated = yield* organizations.updateOrganization({ organization: ORG(1), name: "Acme 2" })
      assert.strictEqual(updated.createdAt, "2099-01-01T00:00:00.000Z")
      assert.isTrue(updated.updatedAt >= updated.createdAt)
    }))

  it.effect("a legacy_verified domain: its owner can verify it, anybody else conflicts", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [{ id: ORG(1), name: "Old", domains: [{ domain: "legacy.test", state: "legacy_verified" }] }]
        }
      })
      const verified = yield* organizations.updateOrganization({
        organization: ORG(1),
        domainData: [{ domain: "legacy.test", state: "verified" }]
      })
      assert.strictEqual(verified.domains[0]?.state, "verified")
      const conflict = yield* Effect.flip(
        organizations.createOrganization({ name: "New", domainData: [{ domain: "LEGACY.test", state: "pending" }] })
      )
      assert.strictEqual(conflict._tag, "DomainConflict")
    }))

  it.effect("asking for verified again leaves a domain verified by DNS as it is", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory({
        fixtures: {
          organizations: [{
            id: ORG(1),
            name: "Acme",
            domains: [{ domain: "acme.test", state: "verified", verificationStrategy: "dns", verificationToken: "tok" }]
          }]
        }
      })
      const before = (yield* organizations.getOrganization(ORG(1))).domains[0]!
      yield* TestClock.adjust("1 hour")
      const after = (yield* organizations.updateOrganization({
        organization: ORG(1),
        domainData: [{ domain: "acme.test", state: "verified" }]
      })).domains[0]!
      assert.deepStrictEqual(after, before)
    }))
})

describe("the control surface", () => {
  it.effect("findApiKey finds a key by its secret until its organization is deleted", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory()
      const org = yield* organizations.createOrganization({ name: "Acme" })
      const key = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "ci" })
      assert.strictEqual(Option.getOrUndefined(yield* control.findApiKey(key.value))?.id, key.id)
      assert.isTrue(Option.isNone(yield* control.findApiKey(Redacted.make("sk_test_unknown"))))
      yield* organizations.deleteOrganization(org.id)
      assert.isTrue(Option.isNone(yield* control.findApiKey(key.value)))
    }))

  it.effect("setFeatureFlag enables and disables a flag for one organization", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memory({
        fixtures: { featureFlags: [{ slug: "beta" }, { slug: "gamma" }] }
      })
      const org = yield* organizations.createOrganization({ name: "Acme" })
      const other = yield* organizations.createOrganization({ name: "Other" })
      const slugs = (id: string) =>
        Effect.map(organizations.listOrganizationFeatureFlagsPage({ organizationId: id }), (p) =>
          p.data.map((f) => f.slug))
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "beta", enabled: true })
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "gamma", enabled: true })
      assert.sameMembers(yield* slugs(org.id), ["beta", "gamma"])
      assert.deepStrictEqual(yield* slugs(other.id), [])
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "beta", enabled: false })
      assert.deepStrictEqual(yield* slugs(org.id), ["gamma"])
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "gamma", enabled: false })
      assert.deepStrictEqual(yield* slugs(org.id), [])
      yield* control.setFeatureFlag({ organizationId: other.id, flag: "beta", enabled: false })
      assert.deepStrictEqual(yield* slugs(other.id), [])
      const unknown = yield* Effect.flip(
        control.setFeatureFlag({ organizationId: org.id, flag: "nope", enabled: true })
      )
      assert.strictEqual(unknown._tag, "NotFound")
    }))
})

describe("ids and time", () => {
  it.effect("at the epoch of a TestClock, the first id carries the time of its createdAt", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const org = yield* organizations.createOrganization({ name: "Acme" })
      assert.strictEqual(org.createdAt, "1970-01-01T00:00:00.000Z")
      assert.strictEqual(org.id.slice(4, 14), "0000000000")
    }))

  it.effect("an Idempotency-Key is remembered for 24 hours of Clock time, then forgotten", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      const create = (service: Organizations.Service) =>
        service.createOrganization({ name: "Acme" }, { idempotencyKey: "k" })
      const first = yield* create(organizations)
      yield* TestClock.adjust("23 hours")
      assert.strictEqual((yield* create(organizations)).id, first.id)
      yield* TestClock.adjust("1 hour")
      assert.notStrictEqual((yield* create(organizations)).id, first.id)
    }))
})
