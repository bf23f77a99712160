/**
 * The API key lifecycle of the fake (WIRE-LIFECYCLE.md §2.6): validation by digest with expiry on `Clock`, expire
 * now / later / never, delete, the organization's delete revoking its keys, one environment per build, and the value
 * in no snapshot and no journal entry.
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as Organizations from "@effect-workos/core/Organizations"
import { sha256Hex } from "@effect-workos/core/Sha256"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { createHash } from "node:crypto"
import * as ApiKeysMemory from "../src/ApiKeysMemory.js"
import * as FakeWorkOS from "../src/FakeWorkOS.js"
import { legacyHashSecret } from "../src/internal/rules.js"

const START = Date.parse("2026-01-15T12:00:00.000Z")
const iso = (millis: number) => new Date(millis).toISOString()

/** A fresh environment with one organization and one key of it. */
const withKey = (options: { readonly expiresAt?: string } = {}) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(START)
    const memory = yield* ApiKeysMemory.makeMemory({ seed: 7 })
    const organization = yield* memory.organizations.createOrganization({ name: "Acme" })
    const created = yield* memory.apiKeys.createOrganizationApiKey({
      organizationId: organization.id,
      name: "Production",
      permissions: ["posts:read"],
      ...options
    })
    return { ...memory, organization, created, value: Redacted.value(created.value) }
  })

describe("validateApiKey", () => {
  it.effect("answers the key of a live value, with last_used_at set on Clock", () =>
    Effect.gen(function*() {
      const { apiKeys, created, organization, value } = yield* withKey()
      yield* TestClock.adjust("1 minute")
      const key = Option.getOrThrow(yield* apiKeys.validateApiKey({ value }))
      assert.strictEqual(key.id, created.id)
      assert.deepStrictEqual(key.owner, { type: "organization", id: organization.id })
      assert.deepStrictEqual(key.permissions, ["posts:read"])
      assert.strictEqual(key.lastUsedAt, iso(START + 60_000))
      assert.isFalse("value" in key)
      // the list shows the use too
      const page = yield* apiKeys.listOrganizationApiKeysPage({ organizationId: organization.id })
      assert.strictEqual(page.data[0]!.lastUsedAt, iso(START + 60_000))
      // a Redacted value is the same value
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value: created.value })))
    }))

  it.effect("a value never issued, or one off by a character, is None", () =>
    Effect.gen(function*() {
      const { apiKeys, value } = yield* withKey()
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value: "sk_never_issued" })))
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value: value.slice(0, -1) + "#" })))
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value: "" })))
    }))

  it.effect("a key created with expiresAt validates until then, and not from then on", () =>
    Effect.gen(function*() {
      const { apiKeys, value } = yield* withKey({ expiresAt: iso(START + 3_600_000) })
      yield* TestClock.adjust("59 minutes")
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      yield* TestClock.adjust("1 minute")
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
    }))
})

describe("expireApiKey", () => {
  it.effect("without a time: expires the key now, and it no longer validates", () =>
    Effect.gen(function*() {
      const { apiKeys, created, value } = yield* withKey()
      yield* TestClock.adjust("5 seconds")
      const expired = yield* apiKeys.expireApiKey(created.id)
      assert.strictEqual(expired.expiresAt, iso(START + 5_000))
      assert.strictEqual(expired.updatedAt, iso(START + 5_000))
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
    }))

  it.effect("a past time expires now; expiring an expired key is ApiKeyAlreadyExpired, null included", () =>
    Effect.gen(function*() {
      const { apiKeys, created } = yield* withKey()
      const expired = yield* apiKeys.expireApiKey(created.id, { expiresAt: "2000-01-01T00:00:00.000Z" })
      assert.strictEqual(expired.expiresAt, iso(START))
      for (const options of [{}, { expiresAt: null }, { expiresAt: iso(START + 1_000_000) }]) {
        const error = yield* Effect.flip(apiKeys.expireApiKey(created.id, options))
        assert.strictEqual(error._tag, "ApiKeyAlreadyExpired")
      }
    }))

  it.effect("a future time schedules the expiry; null clears it before it passes", () =>
    Effect.gen(function*() {
      const { apiKeys, created, value } = yield* withKey()
      const later = iso(START + 60_000)
      assert.strictEqual((yield* apiKeys.expireApiKey(created.id, { expiresAt: later })).expiresAt, later)
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      assert.strictEqual((yield* apiKeys.expireApiKey(created.id, { expiresAt: null })).expiresAt, null)
      yield* TestClock.adjust("2 minutes")
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      // scheduled again, and passed: expired, for good
      yield* apiKeys.expireApiKey(created.id, { expiresAt: iso(START + 180_000) })
      yield* TestClock.adjust("1 minute")
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
      assert.strictEqual(
        (yield* Effect.flip(apiKeys.expireApiKey(created.id, { expiresAt: null })))._tag,
        "ApiKeyAlreadyExpired"
      )
    }))

  it.effect("an unknown id is NotFound for the API key", () =>
    Effect.gen(function*() {
      const { apiKeys } = yield* withKey()
      const error = yield* Effect.flip(apiKeys.expireApiKey("api_key_unknown"))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual(error.message, "API Key not found: 'api_key_unknown'.")
    }))
})

describe("deleteApiKey", () => {
  it.effect("revokes the key at once; a second delete is NotFound; the list no longer holds it", () =>
    Effect.gen(function*() {
      const { apiKeys, created, organization, value } = yield* withKey()
      yield* apiKeys.deleteApiKey(created.id)
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
      assert.strictEqual((yield* Effect.flip(apiKeys.deleteApiKey(created.id)))._tag, "NotFound")
      assert.strictEqual((yield* Effect.flip(apiKeys.expireApiKey(created.id)))._tag, "NotFound")
      const page = yield* apiKeys.listOrganizationApiKeysPage({ organizationId: organization.id })
      assert.deepStrictEqual(page.data, [])
    }))

  it.effect("deleting the organization revokes its keys", () =>
    Effect.gen(function*() {
      const { apiKeys, created, organization, organizations, value } = yield* withKey()
      yield* organizations.deleteOrganization(organization.id)
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value })))
      assert.strictEqual((yield* Effect.flip(apiKeys.deleteApiKey(created.id)))._tag, "NotFound")
    }))
})

describe("one environment", () => {
  it.effect("the layer's ApiKeys and Organizations share one store; another build does not see it", () =>
    Effect.gen(function*() {
      const created = yield* Effect.gen(function*() {
        const organizations = yield* Organizations.Organizations
        const apiKeys = yield* ApiKeys.ApiKeys
        const organization = yield* organizations.createOrganization({ name: "Acme" })
        const created = yield* organizations.createOrganizationApiKey({ organizationId: organization.id, name: "k" })
        assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value: created.value })))
        return created
      }).pipe(Effect.provide(ApiKeysMemory.layerMemory({ seed: 1 })))
      const other = yield* Effect.flatMap(
        ApiKeys.ApiKeys,
        (apiKeys) => apiKeys.validateApiKey({ value: created.value })
      )
        .pipe(Effect.provide(ApiKeysMemory.layerMemory({ seed: 1 })))
      assert.isTrue(Option.isNone(other))
    }))

  it.effect("snapshot and restore keep the keys validating, and neither the snapshot nor the journal holds a value", () =>
    Effect.gen(function*() {
      const { apiKeys, control, created, value } = yield* withKey()
      yield* apiKeys.validateApiKey({ value })
      yield* apiKeys.validateApiKey({ value: "sk_never_issued_secret" })
      const snapshot = yield* control.snapshot
      const text = JSON.stringify(snapshot)
      assert.notInclude(text, value)
      const journal = JSON.stringify(yield* control.journal)
      assert.notInclude(journal, value)
      assert.notInclude(journal, "sk_never_issued_secret")
      yield* apiKeys.deleteApiKey(created.id)
      yield* control.restore(JSON.parse(text))
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
    }))

  it.effect("faults apply per operation: a scripted 500 on validateApiKey, the others untouched", () =>
    Effect.gen(function*() {
      const { apiKeys, control, created, value } = yield* withKey()
      const plan: FakeWorkOS.FaultPlan = {
        scripted: [{ operation: "validateApiKey", nth: 1, fault: { _tag: "ServerError", status: 500 } }]
      }
      yield* control.setFaults(plan)
      assert.strictEqual((yield* Effect.flip(apiKeys.validateApiKey({ value })))._tag, "ServerError")
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      yield* apiKeys.expireApiKey(created.id, { expiresAt: iso(START + 60_000) })
      const journal = yield* control.journal
      assert.deepStrictEqual(journal.slice(-3).map((entry) => [entry.operation, entry.outcome._tag]), [
        ["validateApiKey", "Failure"],
        ["validateApiKey", "Success"],
        ["expireApiKey", "Success"]
      ])
    }))
})

describe("the stored digest", () => {
  it("is SHA-256 of the value's UTF-8 bytes (node:crypto's, for block edges and non-ASCII text)", () => {
    for (
      const text of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "ü€😀".repeat(40), "x".repeat(1000)]
    ) {
      assert.strictEqual(sha256Hex(text), createHash("sha256").update(text, "utf8").digest("hex"), `${text.length}`)
    }
  })

  it.effect("the snapshot holds sha256: digests; a key restored with an older fnv1a64: digest still validates", () =>
    Effect.gen(function*() {
      const { apiKeys, control, value } = yield* withKey()
      const snapshot = JSON.parse(JSON.stringify(yield* control.snapshot))
      const stored = snapshot.apiKeys[0]
      assert.match(stored.valueHash, /^sha256:[0-9a-f]{64}$/)
      yield* control.restore({ ...snapshot, apiKeys: [{ ...stored, valueHash: legacyHashSecret(value) }] })
      assert.isTrue(Option.isSome(yield* apiKeys.validateApiKey({ value })))
      assert.isTrue(Option.isNone(yield* apiKeys.validateApiKey({ value: `${value}x` })))
    }))
})
