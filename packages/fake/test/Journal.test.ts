/**
 * The journal and the fault counter every environment records into, and what the fake's journal keeps of each
 * operation.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Journal from "../src/Journal.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

describe("Journal", () => {
  it("numbers entries, keeps the most recent `capacity` of them, and reads them oldest first", () => {
    let capacity = 3
    const journal = Journal.make<string>(() => capacity)
    const numbers = ["a", "b", "c", "d", "e", "f", "g"].map(journal.record)
    assert.deepStrictEqual(numbers, [1, 2, 3, 4, 5, 6, 7])
    assert.deepStrictEqual(journal.read((entry, sequence) => `${sequence}${entry}`), ["5e", "6f", "7g"])
    // a larger capacity shows what was kept beyond the old one (at least the old capacity, never more than asked)
    capacity = 10
    assert.deepStrictEqual(journal.read((entry) => entry), ["d", "e", "f", "g"])
    capacity = 0
    assert.deepStrictEqual(journal.read((entry) => entry), [])
    assert.strictEqual(journal.record("h"), 8)
    capacity = 10
    assert.deepStrictEqual(journal.read((entry) => entry), ["d", "e", "f", "g"])
  })

  it("clear keeps the numbering, reset restarts it", () => {
    const journal = Journal.make<string>(() => 5)
    journal.record("a")
    journal.record("b")
    journal.clear()
    assert.deepStrictEqual(journal.read((entry) => entry), [])
    assert.strictEqual(journal.record("c"), 3)
    journal.reset()
    assert.deepStrictEqual(journal.read((entry) => entry), [])
    assert.strictEqual(journal.record("d"), 1)
    assert.deepStrictEqual(journal.read((entry, sequence) => [entry, sequence]), [["d", 1]])
  })

  it("the fault counter counts per operation and overall, and scripted ranges match on them", () => {
    const counter = Journal.makeFaultCounter()
    assert.deepStrictEqual(counter.next("getOrganization"), { ofOperation: 1, overall: 1 })
    assert.deepStrictEqual(counter.next("deleteOrganization"), { ofOperation: 1, overall: 2 })
    const third = counter.next("getOrganization")
    assert.deepStrictEqual(third, { ofOperation: 2, overall: 3 })
    assert.isTrue(Journal.covers({ operation: "getOrganization", nth: 2 }, "getOrganization", third))
    assert.isFalse(Journal.covers({ operation: "getOrganization", nth: 1 }, "getOrganization", third))
    assert.isTrue(Journal.covers({ operation: "getOrganization", nth: 1, count: 2 }, "getOrganization", third))
    assert.isFalse(Journal.covers({ operation: "getOrganization", nth: 3, count: 5 }, "getOrganization", third))
    assert.isFalse(Journal.covers({ operation: "deleteOrganization", nth: 2 }, "getOrganization", third))
    assert.isTrue(Journal.covers({ operation: "*", nth: 3 }, "getOrganization", third))
    assert.isFalse(Journal.covers({ operation: "*", nth: 2 }, "getOrganization", third))
    counter.reset()
    assert.deepStrictEqual(counter.next("getOrganization"), { ofOperation: 1, overall: 1 })
  })
})

describe("the fake's journal", () => {
  it.effect("keeps each operation's arguments and the ids it returned or removed", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const org = yield* organizations.createOrganization({ name: "A", externalId: "a" }, { idempotencyKey: "k" })
      yield* organizations.getOrganization(org.id)
      yield* organizations.getOrganizationByExternalId("a")
      yield* organizations.updateOrganization({ organization: org.id, name: "B" })
      yield* organizations.listOrganizationsPage({ limit: 5 })
      const roles = yield* organizations.listOrganizationRoles({ organizationId: org.id })
      yield* organizations.listOrganizationFeatureFlagsPage({ organizationId: org.id })
      const key = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "k" })
      yield* organizations.listOrganizationApiKeysPage({ organizationId: org.id })
      yield* organizations.deleteOrganization(org.id)
      yield* Effect.flip(organizations.getOrganization(org.id))
      const entries = yield* control.journal
      assert.deepStrictEqual(
        entries.map((e) => [e.sequence, e.operation, e.outcome]),
        [
          [1, "createOrganization", { _tag: "Success", ids: [org.id] }],
          [2, "getOrganization", { _tag: "Success", ids: [org.id] }],
          [3, "getOrganizationByExternalId", { _tag: "Success", ids: [org.id] }],
          [4, "updateOrganization", { _tag: "Success", ids: [org.id] }],
          [5, "listOrganizations", { _tag: "Success", ids: [org.id] }],
          [6, "listOrganizationRoles", { _tag: "Success", ids: roles.data.map((r) => r.id) }],
          [7, "listOrganizationFeatureFlags", { _tag: "Success", ids: [] }],
          [8, "createOrganizationApiKey", { _tag: "Success", ids: [key.id] }],
          [9, "listOrganizationApiKeys", { _tag: "Success", ids: [key.id] }],
          [10, "deleteOrganization", { _tag: "Success", ids: [org.id] }],
          [11, "getOrganization", { _tag: "Failure", error: "NotFound" }]
        ]
      )
      assert.deepStrictEqual(entries[0]!.arguments, {
        options: { name: "A", externalId: "a" },
        idempotencyKey: "k"
      })
      assert.deepStrictEqual(entries[1]!.arguments, { id: org.id })
      assert.deepStrictEqual(entries[2]!.arguments, { externalId: "a" })
      assert.deepStrictEqual(entries[4]!.arguments, { options: { limit: 5 } })
      assert.deepStrictEqual(entries[7]!.arguments, { options: { organizationId: org.id, name: "k" } })
      assert.deepStrictEqual(entries[9]!.arguments, { id: org.id })
      assert.strictEqual(entries[0]!.at, "1970-01-01T00:00:00.000Z")
    }))

  it.effect("`journal: false` records nothing and answers the same (the emulator journals its requests itself)", () =>
    Effect.gen(function*() {
      const off = yield* OrganizationsMemory.makeMemory({ seed: 1, journal: false })
      const on = yield* OrganizationsMemory.makeMemory({ seed: 1 })
      const answers = yield* Effect.forEach([off, on], ({ organizations }) =>
        Effect.gen(function*() {
          const org = yield* organizations.createOrganization({ name: "A" })
          const missing = yield* Effect.flip(organizations.getOrganization("org_01ABCDEFGHJKMNPQRSTVWXYZ00"))
          return [org, missing._tag, yield* organizations.listOrganizationsPage({})] as const
        }))
      assert.deepStrictEqual(answers[0], answers[1])
      assert.deepStrictEqual(yield* off.control.journal, [])
      assert.strictEqual((yield* on.control.journal).length, 3)
    }))
})
