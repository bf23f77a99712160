/**
 * The store keeps its lists in order however objects arrive: a seeded batch in any order is merged into the
 * organizations already there by `(created_at, id)`, and a snapshot lists its keyed entries (deleted ids,
 * organization roles, enabled flags, API keys, Idempotency-Keys) by key, so that equal states reached in different
 * orders give byte-identical documents. Removing one of several objects under a key keeps the others.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

/** An id of `prefix` whose ULID ends in `last` (ids of one prefix sort by that character). */
const id = (prefix: string, last: string) => `${prefix}01EHWNCE74X7JSDV0X3SZ3KJN${last}`
const at = (day: number) => `2021-01-${String(day).padStart(2, "0")}T00:00:00.000Z`

const sortedCopy = (values: ReadonlyArray<string>) => values.slice().sort()

describe("a seeded batch", () => {
  it.effect("is merged into the organizations already held, in (created_at, id) order, whatever its own order", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* OrganizationsMemory.makeMemory({ seed: 5 })
      yield* control.seed({ organizations: [{ name: "2", createdAt: at(2) }, { name: "4", createdAt: at(4) }] })
      // more organizations than the store holds, some before, some between and some after them, out of order
      yield* control.seed({
        organizations: [6, 1, 5, 3, 7].map((day) => ({ name: String(day), createdAt: at(day) }))
      })
      const page = yield* organizations.listOrganizationsPage({ order: "asc" })
      assert.deepStrictEqual(page.data.map((o) => o.name), ["1", "2", "3", "4", "5", "6", "7"])
      const desc = yield* organizations.listOrganizationsPage({ order: "desc", limit: 3 })
      assert.deepStrictEqual(desc.data.map((o) => o.name), ["7", "6", "5"])
      // and the cursors find their places in the merged list
      const after = yield* organizations.listOrganizationsPage({ order: "asc", after: page.data[2]!.id })
      assert.deepStrictEqual(after.data.map((o) => o.name), ["4", "5", "6", "7"])
    }))

  it.effect("of equal created_at is ordered by id", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* OrganizationsMemory.makeMemory({ seed: 5 })
      yield* control.seed({ organizations: [{ id: id("org_", "B"), name: "B", createdAt: at(1) }] })
      yield* control.seed({
        organizations: ["D", "A", "C"].map((last) => ({ id: id("org_", last), name: last, createdAt: at(1) }))
      })
      const page = yield* organizations.listOrganizationsPage({ order: "asc" })
      assert.deepStrictEqual(page.data.map((o) => o.name), ["A", "B", "C", "D"])
    }))
})

/** Four organizations with roles, flags, keys and two deleted ones, every keyed thing added in `order`. */
const populated = (order: "forward" | "reverse") =>
  Effect.gen(function*() {
    const { control, organizations } = yield* OrganizationsMemory.makeMemory({ seed: 9 })
    const arrange = <A>(items: ReadonlyArray<A>): Array<A> =>
      order === "forward" ? items.slice() : items.slice().reverse()
    const orgs = ["A", "B", "C", "D", "E", "F"].map((last, i) => ({
      id: id("org_", last),
      name: last,
      createdAt: at(i + 1)
    }))
    const flags = ["A", "B", "C"].map((last) => ({ id: id("flag_", last), slug: `flag-${last}`, createdAt: at(1) }))
    const fixtures: FakeWorkOS.FixturesInput = {
      organizations: arrange(orgs),
      organizationRoles: arrange(["A", "B", "C"]).map((last) => ({
        id: id("role_", last),
        organizationId: id("org_", last),
        slug: `role-${last}`,
        name: last,
        createdAt: at(1)
      })),
      featureFlags: arrange(flags).map((flag) => ({
        ...flag,
        enabledFor: arrange(["A", "B", "C"].filter((last) => last <= flag.id.slice(-1)).map((last) => id("org_", last)))
      })),
      apiKeys: arrange(["A", "B", "C"]).map((last) => ({
        id: id("api_key_", last),
        organizationId: id("org_", last),
        name: last,
        value: `sk_test_${last}`,
        createdAt: at(1)
      }))
    }
    yield* control.seed(fixtures)
    for (const last of arrange(["E", "F"])) yield* organizations.deleteOrganization(id("org_", last))
    return control
  })

describe("a snapshot", () => {
  it.effect("lists its keyed entries by key: equal states reached in opposite orders give identical documents", () =>
    Effect.gen(function*() {
      const forward = yield* (yield* populated("forward")).snapshot
      const reverse = yield* (yield* populated("reverse")).snapshot
      for (const snapshot of [forward, reverse]) {
        const deleted = snapshot.deleted.map((d) => d.id)
        assert.deepStrictEqual(deleted, [id("org_", "E"), id("org_", "F")])
        const roleOrgs = snapshot.organizationRoles.map((r) => r.organizationId)
        assert.deepStrictEqual(roleOrgs, ["A", "B", "C"].map((last) => id("org_", last)))
        const enabled = snapshot.enabledFeatureFlags
        assert.deepStrictEqual(enabled.map((e) => e.organizationId), ["A", "B", "C"].map((last) => id("org_", last)))
        for (const e of enabled) assert.deepStrictEqual(e.flagIds, sortedCopy(e.flagIds))
        assert.deepStrictEqual(enabled[0]!.flagIds, ["A", "B", "C"].map((last) => id("flag_", last)))
        const keys = snapshot.apiKeys.map((k) => k.apiKey.id)
        assert.deepStrictEqual(keys, ["A", "B", "C"].map((last) => id("api_key_", last)))
      }
      assert.strictEqual(JSON.stringify(reverse), JSON.stringify(forward))
    }))

  it.effect("lists Idempotency-Keys by key", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* OrganizationsMemory.makeMemory({ seed: 9 })
      for (const key of ["k-c", "k-a", "k-d", "k-b"]) {
        yield* organizations.createOrganization({ name: key }, { idempotencyKey: key })
      }
      assert.deepStrictEqual((yield* control.snapshot).idempotency.map((e) => e.key), ["k-a", "k-b", "k-c", "k-d"])
    }))

  it.effect("holds a copy of an organization's roles: a role seeded later is not in it", () =>
    Effect.gen(function*() {
      const control = yield* populated("forward")
      const before = yield* control.snapshot
      const roles = () => before.organizationRoles.find((r) => r.organizationId === id("org_", "A"))!.roles
      assert.strictEqual(roles().length, 1)
      yield* control.seed({ organizationRoles: [{ organizationId: id("org_", "A"), slug: "later", name: "Later" }] })
      assert.deepStrictEqual(roles().map((r) => r.slug), ["role-A"])
      const after = (yield* control.snapshot).organizationRoles.find((r) => r.organizationId === id("org_", "A"))!
      assert.deepStrictEqual(after.roles.map((r) => r.slug), ["role-A", "later"])
    }))
})

describe("removing one of several", () => {
  it.effect("API keys of an organization keeps the others listed and validating", () =>
    Effect.gen(function*() {
      const { apiKeys, control } = yield* OrganizationsMemory.makeMemory({ seed: 9 })
      const ORG = id("org_", "A")
      yield* control.seed({
        organizations: [{ id: ORG, name: "A" }],
        apiKeys: ["A", "B", "C"].map((last) => ({
          id: id("api_key_", last),
          organizationId: ORG,
          name: last,
          value: `sk_test_${last}`
        }))
      })
      yield* apiKeys.deleteApiKey(id("api_key_", "B"))
      const page = yield* apiKeys.listOrganizationApiKeysPage({ organizationId: ORG })
      assert.deepStrictEqual(page.data.map((k) => k.name).sort(), ["A", "C"])
      for (const last of ["A", "C"]) {
        assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value: Redacted.make(`sk_test_${last}`) })))
      }
      yield* apiKeys.deleteApiKey(id("api_key_", "A"))
      yield* apiKeys.deleteApiKey(id("api_key_", "C"))
      assert.deepStrictEqual((yield* apiKeys.listOrganizationApiKeysPage({ organizationId: ORG })).data, [])
      assert.deepStrictEqual((yield* control.snapshot).apiKeys, [])
    }))

  it.effect("disabling a flag where none is enabled changes nothing; disabling the last one leaves none", () =>
    Effect.gen(function*() {
      const control = yield* populated("forward")
      const before = JSON.stringify(yield* control.snapshot)
      yield* control.setFeatureFlag({ organizationId: id("org_", "D"), flag: "flag-A", enabled: false })
      assert.strictEqual(JSON.stringify(yield* control.snapshot), before)
      // C has only flag C enabled
      yield* control.setFeatureFlag({ organizationId: id("org_", "C"), flag: "flag-C", enabled: false })
      const enabled = (yield* control.snapshot).enabledFeatureFlags.map((e) => e.organizationId)
      assert.deepStrictEqual(enabled, [id("org_", "A"), id("org_", "B")])
    }))
})
