/**
 * The control surface: seeding, snapshots, reset, the journal, fault plans, settings, determinism.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Random from "effect/Random"
import * as TestClock from "effect/TestClock"
import * as TestContext from "effect/TestContext"
import * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const make = (options?: OrganizationsMemory.MemoryOptions) => OrganizationsMemory.makeMemory({ seed: 1, ...options })

/** A varied history: every kind of object, a delete, an update, a live Idempotency-Key. */
const history = (memory: OrganizationsMemory.Memory) =>
  Effect.gen(function*() {
    const { control, organizations } = memory
    yield* control.seed({
      featureFlags: [{ slug: "beta", tags: ["t"], owner: { email: "a@b.c", firstName: null, lastName: "L" } }],
      organizations: [{ name: "Seeded", externalId: "seeded", createdAt: "2020-01-01T00:00:00Z" }]
    })
    const a = yield* organizations.createOrganization(
      { name: "A", domainData: [{ domain: "a.com", state: "pending" }], metadata: { k: "v" } },
      { idempotencyKey: "create-a" }
    )
    yield* TestClock.adjust("3 seconds")
    const b = yield* organizations.createOrganization({ name: "B", externalId: "b" })
    yield* organizations.updateOrganization({ organization: b.id, stripeCustomerId: "cus_b", name: "B2" })
    yield* organizations.createOrganizationApiKey({ organizationId: a.id, name: "key", permissions: ["p"] })
    yield* control.seed({ organizationRoles: [{ organizationId: a.id, slug: "org-r", name: "R" }] })
    yield* control.setFeatureFlag({ organizationId: a.id, flag: "beta", enabled: true })
    const c = yield* organizations.createOrganization({ name: "C" })
    yield* TestClock.adjust("1 second")
    yield* organizations.deleteOrganization(c.id)
    return { a, b, c }
  })

describe("seed", () => {
  it.effect("accepts explicit ids and timestamps and orders by (created_at, id)", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.seed({
        organizations: [
          // the id's ULID time (2020-09) need not match created_at
          { id: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", name: "Z", createdAt: "2026-01-15T12:00:00.000Z" },
          { id: "org_01EHWNCE74X7JSDV0X3SZ3KJNA", name: "Y", createdAt: "2026-01-15T12:00:00.000Z" },
          { name: "Old", createdAt: "2021-05-10T00:00:00Z", updatedAt: "2021-06-10T00:00:00Z" },
          // no created_at: the time in the id
          { id: "org_01JEXP6Z3X7HE4CB6WQSH9ZAFE", name: "FromId" }
        ]
      })
      const page = yield* organizations.listOrganizationsPage({ order: "asc" })
      assert.deepStrictEqual(page.data.map((o) => [o.name, o.createdAt]), [
        ["Old", "2021-05-10T00:00:00.000Z"],
        ["FromId", "2024-12-12T15:01:19.613Z"],
        ["Y", "2026-01-15T12:00:00.000Z"],
        ["Z", "2026-01-15T12:00:00.000Z"]
      ])
      assert.strictEqual(page.data[0]!.updatedAt, "2021-06-10T00:00:00.000Z")
      // cursors work on seeded positions
      const after = yield* organizations.listOrganizationsPage({
        order: "asc",
        after: "org_01EHWNCE74X7JSDV0X3SZ3KJNA"
      })
      assert.deepStrictEqual(after.data.map((o) => o.name), ["Z"])
    }))

  it.effect("rejects bad fixtures with the path, and adds nothing", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* organizations.createOrganization({ name: "Existing", externalId: "taken" })
      const before = yield* control.snapshot
      const cases: Array<[FakeWorkOS.FixturesInput, string]> = [
        [{ organizations: [{ name: "ok" }, { name: 1 as unknown as string }] }, "organizations[1].name"],
        [{ organizations: [{ name: "ok" }, { name: "dup", externalId: "taken" }] }, "organizations[1].externalId"],
        [{ organizations: [{ name: "a", id: "org_123" }] }, "organizations[0].id"],
        // a misspelt key is an error, not silently ignored
        [{ organizations: [{ name: "a", external_id: "x" } as { name: string }] }, "organizations[0].external_id"],
        [{ organizations: [{ name: "a", createdAt: "yesterday" }] }, "organizations[0].createdAt"],
        [{ organizations: [{ name: " " }] }, "organizations[0].name"],
        [
          {
            organizations: [
              { name: "a", domains: [{ domain: "x.com" }] },
              { name: "b", domains: [{ domain: "X.com", state: "legacy_verified" }] }
            ]
          },
          "organizations[1].domains[0].domain"
        ],
        [{ organizations: [{ name: "a", metadata: { ["k".repeat(41)]: "v" } }] }, "organizations[0].metadata"],
        [{ apiKeys: [{ organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", name: "k" }] }, "apiKeys[0].organizationId"],
        [
          { featureFlags: [{ slug: "f", enabledFor: ["org_01EHWNCE74X7JSDV0X3SZ3KJNY"] }] },
          "featureFlags[0].enabledFor[0]"
        ],
        [{ featureFlags: [{ slug: "f" }, { slug: "f" }] }, "featureFlags[1].slug"],
        [
          { organizationRoles: [{ organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", slug: "r", name: "R" }] },
          "organizationRoles[0].organizationId"
        ],
        [{ environmentRoles: [{ slug: "a", name: "A" }, { slug: "a", name: "B" }] }, "environmentRoles[1].slug"]
      ]
      for (const [fixtures, path] of cases) {
        const error = yield* Effect.flip(control.seed(fixtures))
        assert.strictEqual(error._tag, "InvalidFixtures")
        assert.strictEqual(error.path, path, error.message)
      }
      assert.deepStrictEqual(yield* control.snapshot, before)
    }))

  it.effect("seeds API keys with known values, and references between the parts", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.seed({
        organizations: [{ id: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", name: "A" }],
        apiKeys: [{ organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", name: "k", value: "sk_test_known1234" }],
        featureFlags: [{ slug: "f", enabledFor: ["org_01EHWNCE74X7JSDV0X3SZ3KJNY"] }]
      })
      const keys = yield* organizations.listOrganizationApiKeysPage({
        organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
      })
      assert.deepStrictEqual(keys.data.map((k) => k.obfuscatedValue), ["sk_...1234"])
      const flags = yield* organizations.listOrganizationFeatureFlagsPage({
        organizationId: "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
      })
      assert.deepStrictEqual(flags.data.map((f) => f.slug), ["f"])
      assert.notInclude(JSON.stringify(yield* control.snapshot), "sk_test_known1234")
    }))

  it.effect("fixtures given to makeMemory are there from the start and after reset", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make({ fixtures: { organizations: [{ name: "Fixture" }] } })
      const initial = yield* control.snapshot
      const extra = yield* organizations.createOrganization({ name: "Extra" })
      yield* control.setFaults({ scripted: [{ operation: "*", nth: 1, fault: { _tag: "RequestFailed" } }] })
      yield* control.reset
      assert.deepStrictEqual(yield* control.snapshot, initial)
      assert.deepStrictEqual(yield* control.journal, [])
      // no fault plan any more, and the next id is the one the first create got
      const page = yield* organizations.listOrganizationsPage()
      assert.deepStrictEqual(page.data.map((o) => o.name), ["Fixture"])
      assert.strictEqual((yield* organizations.createOrganization({ name: "Extra" })).id, extra.id)
      const invalid = yield* Effect.flip(make({ fixtures: { organizations: [{ name: "" }] } }))
      assert.strictEqual(invalid.path, "organizations[0].name")
    }))
})

describe("snapshot and restore", () => {
  it.effect("round-trip exactly, and the restored environment continues where the snapshot was taken", () =>
    Effect.gen(function*() {
      const source = yield* make()
      yield* history(source)
      const snapshot = yield* source.control.snapshot
      // JSON all the way
      const document: unknown = JSON.parse(JSON.stringify(snapshot))
      const target = yield* make({ seed: 99 })
      yield* target.control.restore(document)
      assert.strictEqual(JSON.stringify(yield* target.control.snapshot), JSON.stringify(snapshot))
      // the same next ids, the same idempotent replay
      const next = yield* Effect.all([source, target].map((m) => m.organizations.createOrganization({ name: "N" })))
      assert.strictEqual(next[0]!.id, next[1]!.id)
      const replays = yield* Effect.all(
        [source, target].map((m) =>
          m.organizations.createOrganization(
            { name: "A", domainData: [{ domain: "a.com", state: "pending" }], metadata: { k: "v" } },
            { idempotencyKey: "create-a" }
          )
        )
      )
      assert.deepStrictEqual(replays[1], replays[0])
      assert.strictEqual(snapshot.version, 1)
      assert.strictEqual(snapshot.deleted.length, 1)
    }))

  it.effect("rejects a document that is not a consistent snapshot, and keeps the state", () =>
    Effect.gen(function*() {
      const memory = yield* make()
      yield* history(memory)
      const domain = yield* memory.control.snapshot
      // the JSON document, as a file or the emulator holds it
      const snapshot = JSON.parse(JSON.stringify(domain))
      const bad: Array<[unknown, string]> = [
        [{ ...snapshot, version: 2 }, "version"],
        [{ ...snapshot, organizations: [snapshot.organizations[0], snapshot.organizations[0]] }, "organizations[1].id"],
        // the domain form is checked just as well
        [{ ...domain, organizations: [domain.organizations[0], domain.organizations[0]] }, "organizations[1].id"],
        [{ ...domain, version: 2 }, "version"],
        [
          { ...snapshot, organizations: [{ ...snapshot.organizations[0]!, created_at: "2020-01-01" }] },
          "organizations[0].createdAt"
        ],
        [{
          ...snapshot,
          apiKeys: [{
            ...snapshot.apiKeys[0]!,
            apiKey: {
              ...snapshot.apiKeys[0]!.apiKey,
              owner: { type: "organization", id: "org_01EHWNCE74X7JSDV0X3SZ3KJNY" }
            }
          }]
        }, "apiKeys[0].apiKey.organizationId"]
      ]
      for (const [document, path] of bad) {
        const error = yield* Effect.flip(memory.control.restore(document))
        assert.strictEqual(error._tag, "InvalidSnapshot")
        assert.strictEqual(error.path, path, error.message)
      }
      assert.deepStrictEqual(yield* memory.control.snapshot, domain)
      assert.deepStrictEqual(JSON.parse(JSON.stringify(yield* memory.control.snapshot)), snapshot)
    }))

  it.effect("leaves expired Idempotency-Keys out", () =>
    Effect.gen(function*() {
      const memory = yield* make()
      yield* memory.organizations.createOrganization({ name: "A" }, { idempotencyKey: "K" })
      assert.strictEqual((yield* memory.control.snapshot).idempotency.length, 1)
      yield* TestClock.adjust("24 hours")
      assert.strictEqual((yield* memory.control.snapshot).idempotency.length, 0)
    }))
})

describe("determinism", () => {
  const run = (seed: number) =>
    Effect.gen(function*() {
      const memory = yield* OrganizationsMemory.makeMemory({ seed })
      yield* history(memory)
      return JSON.stringify(yield* memory.control.snapshot)
    }).pipe(Effect.provide(TestContext.TestContext))

  it.effect("the same seed and calls on TestClock give byte-identical snapshots, whatever the caller's Random", () =>
    Effect.gen(function*() {
      const first = yield* run(42)
      const second = yield* run(42).pipe(Effect.withRandom(Random.make("someone else's seed")))
      assert.strictEqual(second, first)
      assert.notStrictEqual(yield* run(43), first)
    }))
})

describe("journal", () => {
  it.effect("records every call: operation, arguments as the SDK takes them, outcome, faults, virtual time", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2025-01-01T00:00:00.000Z"))
      const { control, organizations } = yield* make()
      const org = yield* organizations.createOrganization(
        { name: "A", externalId: "x", domainData: [{ domain: "a.com", state: "verified" }] },
        { idempotencyKey: "K" }
      )
      yield* TestClock.adjust("1 second")
      yield* Effect.flip(organizations.createOrganization({ name: "B", externalId: "x" }))
      yield* control.setFaults({
        scripted: [{ operation: "getOrganization", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 2 } }]
      })
      yield* Effect.flip(organizations.getOrganization(org.id))
      const page = yield* organizations.listOrganizationsPage({ limit: 5 })
      const journal = yield* control.journal
      assert.deepStrictEqual(journal, [
        {
          sequence: 1,
          operation: "createOrganization",
          arguments: {
            options: { name: "A", externalId: "x", domainData: [{ domain: "a.com", state: "verified" }] },
            idempotencyKey: "K"
          },
          outcome: { _tag: "Success", ids: [org.id] },
          faults: [],
          at: "2025-01-01T00:00:00.000Z"
        },
        {
          sequence: 2,
          operation: "createOrganization",
          arguments: { options: { name: "B", externalId: "x" } },
          outcome: { _tag: "Failure", error: "ExternalIdAlreadyUsed", code: "external_id_already_used" },
          faults: [],
          at: "2025-01-01T00:00:01.000Z"
        },
        {
          sequence: 3,
          operation: "getOrganization",
          arguments: { id: org.id },
          outcome: { _tag: "Failure", error: "RateLimited" },
          faults: [{ _tag: "RateLimited", retryAfterSeconds: 2 }],
          at: "2025-01-01T00:00:01.000Z"
        },
        {
          sequence: 4,
          operation: "listOrganizations",
          arguments: { options: { limit: 5 } },
          outcome: { _tag: "Success", ids: page.data.map((o) => o.id) },
          faults: [],
          at: "2025-01-01T00:00:01.000Z"
        }
      ])
      yield* control.clearJournal
      assert.deepStrictEqual(yield* control.journal, [])
    }))

  it.effect("keeps the last journalCapacity entries", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make({ settings: { journalCapacity: 3 } })
      for (let i = 0; i < 10; i++) yield* organizations.createOrganization({ name: `O${i}` })
      const journal = yield* control.journal
      assert.deepStrictEqual(journal.map((e) => e.sequence), [8, 9, 10])
    }))
})

describe("faults", () => {
  it.effect("scripted: the nth call of an operation, for count calls; * counts every call", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.setFaults({
        scripted: [
          { operation: "createOrganization", nth: 2, count: 2, fault: { _tag: "RateLimited", retryAfterSeconds: 3 } },
          { operation: "*", nth: 6, fault: { _tag: "ServerError", status: 503 } }
        ]
      })
      const outcomes = []
      for (let i = 0; i < 6; i++) {
        const result = yield* Effect.either(organizations.createOrganization({ name: `O${i}` }))
        outcomes.push(Either.isRight(result) ? "ok" : result.left._tag)
      }
      assert.deepStrictEqual(outcomes, ["ok", "RateLimited", "RateLimited", "ok", "ok", "ServerError"])
      const journal = yield* control.journal
      const rateLimited = yield* Effect.flip(
        Effect.gen(function*() {
          yield* control.setFaults({
            scripted: [{ operation: "listOrganizations", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 3 } }]
          })
          return yield* organizations.listOrganizationsPage()
        })
      )
      assert.deepStrictEqual(
        rateLimited._tag === "RateLimited" ? rateLimited.retryAfter : rateLimited,
        Duration.seconds(3)
      )
      // failed calls changed nothing
      assert.strictEqual((yield* organizations.listOrganizationsPage()).data.length, 3)
      assert.deepStrictEqual(journal.map((e) => e.faults.map((f) => f._tag)), [
        [],
        ["RateLimited"],
        ["RateLimited"],
        [],
        [],
        ["ServerError"]
      ])
    }))

  it.effect("RequestFailed changes nothing; ResponseLost keeps the change and fails the caller", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.setFaults({
        scripted: [
          { operation: "createOrganization", nth: 1, fault: { _tag: "RequestFailed" } },
          { operation: "createOrganization", nth: 2, fault: { _tag: "ResponseLost" } }
        ]
      })
      const lostBefore = yield* Effect.flip(organizations.createOrganization({ name: "A", externalId: "a" }))
      const lostAfter = yield* Effect.flip(organizations.createOrganization({ name: "A", externalId: "a" }))
      assert.deepStrictEqual([lostBefore._tag, lostAfter._tag], ["RequestFailed", "RequestFailed"])
      // the second one happened: the external id is taken, and the journal knows the id
      const org = yield* organizations.getOrganizationByExternalId("a")
      const journal = yield* control.journal
      assert.deepStrictEqual(journal.map((e) => [e.outcome, e.faults.map((f) => f._tag)]), [
        [{ _tag: "Failure", error: "RequestFailed" }, ["RequestFailed"]],
        [{ _tag: "Success", ids: [org.id] }, ["ResponseLost"]],
        [{ _tag: "Success", ids: [org.id] }, []]
      ])
      const retry = yield* Effect.flip(organizations.createOrganization({ name: "A", externalId: "a" }))
      assert.strictEqual(retry._tag, "ExternalIdAlreadyUsed")
    }))

  it.effect("Latency waits on Clock before the call reaches the state", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.setFaults({
        scripted: [{ operation: "createOrganization", nth: 1, fault: { _tag: "Latency", millis: 5_000 } }]
      })
      const fiber = yield* Effect.fork(organizations.createOrganization({ name: "Slow" }))
      yield* TestClock.adjust("4999 millis")
      assert.isNull(fiber.unsafePoll())
      assert.deepStrictEqual((yield* organizations.listOrganizationsPage()).data, [])
      yield* TestClock.adjust("1 milli")
      const org = yield* Fiber.join(fiber)
      assert.strictEqual(org.createdAt, "1970-01-01T00:00:05.000Z")
    }))

  it.effect("random faults are reproducible from their seed, at the given rates", () =>
    Effect.gen(function*() {
      const outcomes = (plan: FakeWorkOS.FaultPlan) =>
        Effect.gen(function*() {
          const { control, organizations } = yield* make()
          yield* control.setFaults(plan)
          const tags: Array<string> = []
          for (let i = 0; i < 40; i++) {
            const r = yield* Effect.either(organizations.getOrganizationByExternalId("none"))
            tags.push(Either.isLeft(r) ? r.left._tag : "ok")
          }
          return tags
        })
      const plan = { random: { seed: 7, rates: { RateLimited: 0.3, ServerError: 0.2 } } }
      const first = yield* outcomes(plan)
      assert.deepStrictEqual(yield* outcomes(plan), first)
      assert.notDeepEqual(yield* outcomes({ random: { ...plan.random, seed: 8 } }), first)
      assert.includeMembers(first, ["RateLimited", "ServerError", "NotFound"])
      assert.deepStrictEqual(
        yield* outcomes({ random: { seed: 1, rates: { RequestFailed: 1 } } }),
        Array(40).fill("RequestFailed")
      )
      assert.deepStrictEqual(
        yield* outcomes({ random: { seed: 1, rates: { RequestFailed: 0 } } }),
        Array(40).fill("NotFound")
      )
    }))

  it.effect.prop(
    "any plan (generated from its Schema): callers see exactly the faults the journal records",
    [FakeWorkOS.FaultPlan],
    ([plan]) =>
      Effect.gen(function*() {
        const { control, organizations } = yield* make()
        yield* control.setFaults(plan)
        const calls = Effect.forEach(
          Array.from({ length: 8 }, (_, i) => i),
          (i) => Effect.either(organizations.createOrganization({ name: `O${i}` }))
        )
        const fiber = yield* Effect.fork(calls)
        while (fiber.unsafePoll() === null) yield* TestClock.adjust("30 days")
        const results = yield* Fiber.join(fiber)
        const journal = yield* control.journal
        assert.strictEqual(journal.length, results.length)
        let created = 0
        results.forEach((result, i) => {
          const failure = journal[i]!.faults.find((f) => f._tag !== "Latency")
          const expected = failure === undefined
            ? "ok"
            : failure._tag === "ResponseLost"
            ? "RequestFailed"
            : failure._tag
          assert.strictEqual(Either.isRight(result) ? "ok" : result.left._tag, expected)
          if (failure === undefined || failure._tag === "ResponseLost") created += 1
        })
        yield* control.clearFaults
        assert.strictEqual((yield* organizations.listOrganizationsPage()).data.length, created)
      }),
    { fastCheck: { numRuns: 100 } }
  )

  it.effect("clearFaults restores normal service", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.setFaults({ random: { seed: 1, rates: { ServerError: 1 } } })
      assert.strictEqual((yield* Effect.flip(organizations.listOrganizationsPage()))._tag, "ServerError")
      yield* control.clearFaults
      yield* organizations.listOrganizationsPage()
    }))
})

describe("settings", () => {
  it.effect("start from the spec's values and can be changed while running", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make({ settings: { metadataMaxKeys: 10 } })
      const settings = yield* control.settings
      assert.deepInclude(settings, {
        metadataMaxKeys: 10,
        metadataKeyMaxLength: 40,
        metadataValueMaxLength: 600,
        externalIdMaxLength: 128,
        stripeCustomerIdEnabled: true
      })
      assert.deepStrictEqual(settings.idempotencyTtl, Duration.hours(24))
      yield* control.updateSettings({ metadataMaxKeys: 1, metadataAsciiOnly: false })
      yield* organizations.createOrganization({ name: "A", metadata: { k: "ü" } })
      const error = yield* Effect.flip(organizations.createOrganization({ name: "B", metadata: { a: "1", b: "2" } }))
      assert.strictEqual(error._tag, "InvalidMetadata")
    }))
})
