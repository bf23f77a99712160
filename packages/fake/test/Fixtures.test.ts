/**
 * What a seeded object holds: a new environment's default roles, ids that carry the time of the object's
 * `created_at` (or of the seed), the fields a fixture gives kept as given and the ones it leaves out filled in with
 * the values the API would give, and domains shaped like the ones the API creates. Time is set on `TestClock` to an
 * instant that no default (the epoch) can be mistaken for.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { decodeTime } from "../src/internal/ulid.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const NOW = Date.parse("2026-03-04T05:06:07.089Z")
const NOW_ISO = new Date(NOW).toISOString()
const CREATED = "2021-01-01T00:00:00.000Z"
const UPDATED = "2022-02-02T00:00:00.000Z"
const ORG = "org_01EHWNCE74X7JSDV0X3SZ3KJNY"

/** The time in an id's ULID (the 26 characters after its prefix). */
const idTime = (id: string): number => decodeTime(id.slice(-26))

const memoryAtNow = Effect.gen(function*() {
  yield* TestClock.setTime(NOW)
  return yield* OrganizationsMemory.makeMemory({ seed: 3 })
})

describe("a new environment", () => {
  it.effect("has the environment roles Admin and Member, described, with no permissions", () =>
    Effect.gen(function*() {
      const { control } = yield* memoryAtNow
      const roles = (yield* control.snapshot).environmentRoles
      assert.deepStrictEqual(
        roles.map((r) => [r.slug, r.name, r.description, r.permissions, r.type, r.createdAt]),
        [
          ["admin", "Admin", "Full access to every resource of the organization.", [], "EnvironmentRole", NOW_ISO],
          ["member", "Member", "The default role for new members of the organization.", [], "EnvironmentRole", NOW_ISO]
        ]
      )
    }))

  it.effect("a seed of nothing changes nothing, not even the id generator", () =>
    Effect.gen(function*() {
      const { control } = yield* memoryAtNow
      const before = JSON.stringify(yield* control.snapshot)
      yield* control.seed({})
      yield* control.seed({ organizations: [], featureFlags: [], apiKeys: [], organizationRoles: [] })
      assert.strictEqual(JSON.stringify(yield* control.snapshot), before)
    }))
})

describe("seeded organizations", () => {
  it.effect("have ids of their created_at's time, or of the seed's; given ids kept, in canonical form", () =>
    Effect.gen(function*() {
      const { control } = yield* memoryAtNow
      yield* control.seed({
        organizations: [
          { name: "dated", createdAt: "2021-01-01T00:00:00Z" },
          { name: "now" },
          { name: "given", id: ORG.toLowerCase() }
        ]
      })
      const byName = new Map((yield* control.snapshot).organizations.map((o) => [o.name, o]))
      const dated = byName.get("dated")!
      const now = byName.get("now")!
      assert.deepStrictEqual([idTime(dated.id), dated.createdAt, dated.updatedAt], [
        Date.parse(CREATED),
        CREATED,
        CREATED
      ])
      assert.deepStrictEqual([idTime(now.id), now.createdAt, now.updatedAt], [NOW, NOW_ISO, NOW_ISO])
      const given = byName.get("given")!
      assert.deepStrictEqual([given.id, given.createdAt], [ORG, new Date(idTime(ORG)).toISOString()])
      for (const o of byName.values()) assert.isFalse(o.allowProfilesOutsideOrganization)
    }))

  it.effect("seeded at one instant without created_at, they are listed in the order they were seeded", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memoryAtNow
      const names = ["h", "c", "f", "a", "g", "b", "e", "d"]
      yield* control.seed({ organizations: names.map((name) => ({ name })) })
      const page = yield* organizations.listOrganizationsPage({ order: "asc" })
      assert.deepStrictEqual(page.data.map((o) => o.name), names)
    }))

  it.effect("without domains or metadata, hold the same frozen empty values as created organizations", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memoryAtNow
      const created = yield* organizations.createOrganization({ name: "created" })
      yield* control.seed({ organizations: [{ name: "bare" }, { name: "empty", metadata: {}, domains: [] }] })
      const seeded = (yield* control.snapshot).organizations.filter((o) => o.name !== "created")
      assert.strictEqual(seeded.length, 2)
      for (const o of seeded) {
        assert.deepStrictEqual([o.domains, o.metadata], [[], {}])
        assert.isTrue(Object.isFrozen(o.domains) && Object.isFrozen(o.metadata))
        // one shared value for every empty list and every empty metadata, seeded or created
        assert.strictEqual(o.domains, created.domains)
        assert.strictEqual(o.metadata, created.metadata)
      }
    }))

  it.effect("have domains with the fields the API's domains of the same state have, and no others", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* memoryAtNow
      const created = yield* organizations.createOrganization({
        name: "created",
        domainData: [{ domain: "v.example", state: "verified" }, { domain: "p.example", state: "pending" }]
      })
      yield* control.seed({
        organizations: [{
          name: "seeded",
          domains: [
            { domain: "verified.example" },
            { domain: "pending.example", state: "pending" },
            { domain: "legacy.example", state: "legacy_verified" }
          ]
        }]
      })
      const seeded = (yield* control.snapshot).organizations.find((o) => o.name === "seeded")!
      const fields = (d: object) => Object.keys(d).sort()
      assert.deepStrictEqual(seeded.domains.slice(0, 2).map(fields), created.domains.map(fields))
      assert.deepStrictEqual(
        seeded.domains.map((d) => [d.state, d.verificationStrategy]),
        [["verified", "manual"], ["pending", "dns"], ["legacy_verified", undefined]]
      )
      // a legacy domain has no verification fields at all
      assert.deepStrictEqual(
        fields(seeded.domains[2]!).filter((key) => key.startsWith("verification")),
        []
      )
    }))
})

describe("seeded feature flags", () => {
  it.effect("keep what the fixture gives; what it leaves out is null, [], false and the seed's time", () =>
    Effect.gen(function*() {
      const { control } = yield* memoryAtNow
      const owner = { email: "o@example.com", firstName: "O", lastName: null }
      yield* control.seed({
        featureFlags: [
          {
            slug: "given",
            owner,
            tags: ["beta"],
            defaultValue: true,
            createdAt: CREATED,
            updatedAt: UPDATED
          },
          { slug: "defaults" }
        ]
      })
      const flags = new Map((yield* control.snapshot).featureFlags.map((f) => [f.slug, f]))
      const given = flags.get("given")!
      assert.deepStrictEqual(
        [
          given.owner === null ? null : { ...given.owner },
          given.tags,
          given.defaultValue,
          given.createdAt,
          given.updatedAt,
          idTime(given.id)
        ],
        [owner, ["beta"], true, CREATED, UPDATED, Date.parse(CREATED)]
      )
      const defaults = flags.get("defaults")!
      assert.deepStrictEqual(
        [defaults.owner, defaults.tags, defaults.defaultValue, defaults.createdAt, defaults.updatedAt],
        [null, [], false, NOW_ISO, NOW_ISO]
      )
    }))
})

describe("seeded API keys", () => {
  it.effect("keep their given times; left out, created_at and updated_at are the seed's, the others null", () =>
    Effect.gen(function*() {
      const { apiKeys, control } = yield* memoryAtNow
      yield* control.seed({
        organizations: [{ id: ORG, name: "A" }],
        apiKeys: [
          {
            organizationId: ORG,
            name: "given",
            value: "sk_test_given",
            createdAt: CREATED,
            updatedAt: UPDATED,
            lastUsedAt: "2023-03-03T00:00:00Z",
            expiresAt: "2030-01-01T00:00:00Z"
          },
          { organizationId: ORG, name: "defaults", value: "sk_test_defaults" },
          { organizationId: ORG, name: "nulls", value: "sk_test_nulls", lastUsedAt: null, expiresAt: null }
        ]
      })
      const keys = new Map((yield* control.snapshot).apiKeys.map(({ apiKey }) => [apiKey.name, apiKey]))
      const times = (name: string) => {
        const k = keys.get(name)!
        return [k.createdAt, k.updatedAt, k.lastUsedAt, k.expiresAt]
      }
      assert.deepStrictEqual(times("given"), [
        CREATED,
        UPDATED,
        "2023-03-03T00:00:00.000Z",
        "2030-01-01T00:00:00.000Z"
      ])
      assert.strictEqual(idTime(keys.get("given")!.id), Date.parse(CREATED))
      assert.deepStrictEqual(times("defaults"), [NOW_ISO, NOW_ISO, null, null])
      assert.deepStrictEqual(times("nulls"), [NOW_ISO, NOW_ISO, null, null])
      // the given expiry holds: the key validates now, and not once 2030 has come
      const value = Redacted.make("sk_test_given")
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      yield* TestClock.setTime(Date.parse("2030-01-01T00:00:00.000Z"))
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
    }))
})

describe("seeded organization roles", () => {
  it.effect("a role id that is not role_<ULID> is refused at the role's path", () =>
    Effect.gen(function*() {
      const { control } = yield* memoryAtNow
      const error = yield* Effect.flip(control.seed({
        organizations: [{ id: ORG, name: "A" }],
        organizationRoles: [{ organizationId: ORG, id: "nope", slug: "r", name: "R" }]
      }))
      assert.deepStrictEqual(
        [error._tag, error.path, error.detail],
        ["InvalidFixtures", "organizationRoles[0].id", "'nope' is not an id of the form role_<ULID>"]
      )
      // and nothing was added
      assert.deepStrictEqual((yield* control.snapshot).organizations, [])
    }))
})
