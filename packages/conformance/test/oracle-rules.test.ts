/**
 * The reference model's rules, stated case by case: the exact outcomes it allows for each kind of input, so that
 * a rule that allows too much (and would let a wrong answer pass) is caught here, not only when the fake happens
 * to answer otherwise.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import * as Commands from "../src/Commands.js"
import { keyId, keyValue, MISSING_KEY_ID, resolveKey } from "../src/commands/ApiKeyRefs.js"
import * as Model from "../src/Model.js"

const state = (limits: Partial<Commands.Limits> = {}) => {
  const s = Model.make({ ...Commands.defaultLimits, ...limits }, [{
    id: "a0",
    name: "Acme",
    externalId: "ext-0",
    domains: [{ domain: "acme.test", state: "verified" }],
    metadata: {}
  }, {
    id: "a1",
    name: "Globex",
    externalId: null,
    domains: [{ domain: "globex.test", state: "pending" }],
    metadata: {}
  }])
  return { s, acme: s.orgs[0]!, globex: s.orgs[1]! }
}

const allowed = (e: Model.Expectation) => e.allowed

describe("the model's rules for creating an organization", () => {
  it("validation comes first, business rules next, then success", () => {
    const { s } = state()
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "New" }, undefined)), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "  " }, undefined)), ["ValidationFailed"])
    assert.deepStrictEqual(
      allowed(Model.expectCreateOrganization(s, { name: "", metadata: { "": "v" } }, undefined)),
      ["ValidationFailed", "InvalidMetadata"]
    )
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "N", metadata: { k: "é" } }, undefined)), [
      "InvalidMetadata"
    ])
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "N", externalId: "ext-0" }, undefined)), [
      "ExternalIdAlreadyUsed"
    ])
    assert.deepStrictEqual(
      allowed(Model.expectCreateOrganization(s, { name: "", externalId: "ext-0" }, undefined)),
      ["ValidationFailed"]
    )
    for (const externalId of ["", "x".repeat(129), "é"]) {
      assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "N", externalId }, undefined)), [
        "ValidationFailed"
      ])
    }
    assert.deepStrictEqual(
      allowed(Model.expectCreateOrganization(s, { name: "N", externalId: "x".repeat(128) }, undefined)),
      [
        "ok"
      ]
    )
  })

  it("domains: invalid or repeated ones, a verified one held elsewhere (certain), a pending one (possible)", () => {
    const { s } = state()
    const create = (domainData: ReadonlyArray<{ domain: string; state: "pending" | "verified" }>) =>
      allowed(Model.expectCreateOrganization(s, { name: "N", domainData }, undefined))
    assert.deepStrictEqual(create([{ domain: "new.test", state: "verified" }]), ["ok"])
    assert.deepStrictEqual(create([{ domain: "acme", state: "verified" }]), ["ValidationFailed"])
    assert.deepStrictEqual(create([{ domain: "a.test", state: "pending" }, { domain: " A.TEST", state: "pending" }]), [
      "ValidationFailed"
    ])
    assert.deepStrictEqual(create([{ domain: "ACME.test ", state: "verified" }]), ["DomainConflict"])
    assert.deepStrictEqual(create([{ domain: "acme.test", state: "pending" }]), ["ok", "DomainConflict"])
    // a pending domain elsewhere is no conflict
    assert.deepStrictEqual(create([{ domain: "globex.test", state: "verified" }]), ["ok"])
  })

  it("an Idempotency-Key: the same payload replays, another is refused", () => {
    const { s } = state()
    Model.createdOrganization(s, { name: "K", metadata: { a: "1", b: "2" } }, "key-1", "a2", "b2")
    assert.deepStrictEqual(Model.expectCreateOrganization(s, { name: "K", metadata: { b: "2", a: "1" } }, "key-1"), {
      allowed: ["ok"],
      replay: "a2"
    })
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "L" }, "key-1")), ["IdempotencyKeyReused"])
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "" }, "key-1")), [
      "IdempotencyKeyReused",
      "ValidationFailed"
    ])
    assert.deepStrictEqual(Model.expectCreateOrganization(s, { name: "K" }, "key-2"), { allowed: ["ok"] })
  })
})

describe("the model's rules for updating an organization", () => {
  it("a missing or deleted target: NotFound, or a validation error", () => {
    const { acme, s } = state()
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, undefined, { name: "X" })), ["NotFound"])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, undefined, { name: " " })), [
      "NotFound",
      "ValidationFailed"
    ])
    acme.alive = false
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, acme, {})), ["NotFound"])
  })

  it("fields: blank names, invalid external ids and metadata, empty Stripe ids, clearing", () => {
    const { globex, s } = state()
    const update = (options: Parameters<typeof Model.expectUpdateOrganization>[2]) =>
      allowed(Model.expectUpdateOrganization(s, globex, options))
    assert.deepStrictEqual(update({}), ["ok"])
    assert.deepStrictEqual(update({ name: "" }), ["ValidationFailed"])
    assert.deepStrictEqual(update({ externalId: "é" }), ["ValidationFailed"])
    assert.deepStrictEqual(update({ externalId: null, metadata: null, stripeCustomerId: null }), ["ok"])
    assert.deepStrictEqual(update({ metadata: { ["k".repeat(41)]: "v" } }), ["InvalidMetadata"])
    assert.deepStrictEqual(update({ domainData: [{ domain: "-x.test", state: "pending" }] }), ["ValidationFailed"])
    assert.deepStrictEqual(update({ stripeCustomerId: "" }), ["ValidationFailed"])
    assert.deepStrictEqual(update({ externalId: "ext-0" }), ["ExternalIdAlreadyUsed"])
    assert.deepStrictEqual(update({ domainData: [{ domain: "acme.test", state: "verified" }] }), ["DomainConflict"])
    assert.deepStrictEqual(update({ domainData: [{ domain: "acme.test", state: "pending" }] }), [
      "ok",
      "DomainConflict"
    ])
  })

  it("an organization's own external id, domains and Stripe id are no conflict", () => {
    const { acme, globex, s } = state()
    assert.deepStrictEqual(
      allowed(Model.expectUpdateOrganization(s, acme, {
        externalId: "ext-0",
        domainData: [{ domain: "acme.test", state: "verified" }]
      })),
      ["ok"]
    )
    Model.updatedOrganization(acme, { stripeCustomerId: "cus_1" })
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, acme, { stripeCustomerId: "cus_1" })), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { stripeCustomerId: "cus_1" })), [
      "StripeCustomerIdAlreadyUsed"
    ])
    acme.alive = false
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { stripeCustomerId: "cus_1" })), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { externalId: "ext-0" })), ["ok"])
  })

  it("without the Stripe integration: setting is invalid, clearing may be", () => {
    const { globex, s } = state({ stripeCustomerIdEnabled: false })
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { stripeCustomerId: "cus_1" })), [
      "ValidationFailed"
    ])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { stripeCustomerId: null })), [
      "ok",
      "ValidationFailed"
    ])
  })
})

describe("the model's rules for the rest", () => {
  it("an existing organization", () => {
    const { acme } = state()
    assert.deepStrictEqual(allowed(Model.expectExisting(acme)), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectExisting(acme, ["ValidationFailed"])), ["ValidationFailed"])
    assert.deepStrictEqual(allowed(Model.expectExisting(undefined, ["ValidationFailed"])), [
      "NotFound",
      "ValidationFailed"
    ])
    acme.alive = false
    assert.deepStrictEqual(allowed(Model.expectExisting(acme)), ["NotFound"])
  })

  it("creating an API key: a name, an expiry in the future, the key's organization", () => {
    const { acme, globex, s } = state()
    const create = (options: { name: string; expiresAt?: string }, key?: string, target = acme) =>
      Model.expectCreateApiKey(s, target, options, key)
    assert.deepStrictEqual(allowed(create({ name: "ci" })), ["ok"])
    assert.deepStrictEqual(allowed(create({ name: " " })), ["ValidationFailed"])
    assert.deepStrictEqual(allowed(create({ name: "ci", expiresAt: Commands.EXPIRES_AT.past })), ["ValidationFailed"])
    assert.deepStrictEqual(allowed(create({ name: "ci", expiresAt: Commands.EXPIRES_AT.future })), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectCreateApiKey(s, undefined, { name: "" }, undefined)), [
      "NotFound",
      "ValidationFailed"
    ])
    Model.createdApiKey(s, acme, { name: "ci" }, "k", "key_a", "key_b")
    assert.deepStrictEqual(create({ name: "ci" }, "k"), { allowed: ["ok"], replay: "key_a" })
    assert.deepStrictEqual(allowed(create({ name: "ci" }, "k", globex)), ["IdempotencyKeyReused", "NotFound"])
    assert.deepStrictEqual(allowed(create({ name: "" }, "k")), ["IdempotencyKeyReused", "NotFound", "ValidationFailed"])
    acme.alive = false
    assert.deepStrictEqual(allowed(create({ name: "ci" }, "other")), ["NotFound"])
  })

  it("host names and metadata limits", () => {
    assert.isTrue(Model.isHostName("a.b"))
    assert.isTrue(Model.isHostName(`${"a".repeat(63)}.test`))
    assert.isFalse(Model.isHostName(`${"a".repeat(64)}.test`))
    assert.isFalse(Model.isHostName(""))
    assert.isFalse(Model.isHostName(`${`${"a".repeat(62)}.`.repeat(4)}test`))
    assert.isTrue(Model.isHostName(`${`${"a".repeat(61)}.`.repeat(4)}test`))
    assert.isFalse(Model.isHostName("a-.test"))
    assert.isTrue(Model.isHostName("a-b.test"))
    const limits = Commands.defaultLimits
    assert.isUndefined(Model.metadataProblem({ k: "v" }, limits))
    assert.strictEqual(
      Model.metadataProblem(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])), limits),
      "too many keys"
    )
    assert.isUndefined(
      Model.metadataProblem(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])), limits)
    )
    assert.strictEqual(Model.metadataProblem({ "": "v" }, limits), "empty key")
    assert.strictEqual(Model.metadataProblem({ ["k".repeat(41)]: "v" }, limits), "key too long")
    assert.isUndefined(Model.metadataProblem({ ["k".repeat(40)]: "v".repeat(600) }, limits))
    assert.strictEqual(Model.metadataProblem({ k: "v".repeat(601) }, limits), "value too long")
    assert.strictEqual(Model.metadataProblem({ "é": "v" }, limits), "not ASCII")
    assert.isUndefined(Model.metadataProblem({ k: "é" }, { ...limits, metadataAsciiOnly: false }))
  })
})

describe("the details a weaker rule would let pass", () => {
  it("a host name of exactly 253 characters; legacy verified domains conflict; any of an organization's domains", () => {
    const long = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`
    assert.strictEqual(long.length, 253)
    assert.isTrue(Model.isHostName(long))
    const s = Model.make(Commands.defaultLimits, [{
      id: "a0",
      name: "Old",
      externalId: null,
      domains: [{ domain: "x.test", state: "pending" }, { domain: "old.test", state: "legacy_verified" }],
      metadata: {}
    }])
    assert.deepStrictEqual(
      Model.expectCreateOrganization(
        s,
        { name: "N", domainData: [{ domain: "old.test", state: "verified" }] },
        undefined
      )
        .allowed,
      ["DomainConflict"]
    )
  })

  it("valid metadata is no error, on create and on update; no Stripe id is no error without the integration", () => {
    const { globex, s } = state({ stripeCustomerIdEnabled: false })
    assert.deepStrictEqual(allowed(Model.expectCreateOrganization(s, { name: "N", metadata: { a: "1" } }, undefined)), [
      "ok"
    ])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { metadata: { a: "1" } })), ["ok"])
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, globex, { name: "G" })), ["ok"])
  })

  it("clearing an external id is no conflict with others that have none", () => {
    const { acme, s } = state()
    assert.deepStrictEqual(allowed(Model.expectUpdateOrganization(s, acme, { externalId: null })), ["ok"])
  })

  it("a keyed API key create for an organization that never existed", () => {
    const { acme, s } = state()
    Model.createdApiKey(s, acme, { name: "ci" }, "k", "key_a", "key_b")
    assert.deepStrictEqual(allowed(Model.expectCreateApiKey(s, undefined, { name: "ci" }, "k")), [
      "IdempotencyKeyReused",
      "NotFound"
    ])
  })
})

describe("the model's rules for the API key lifecycle", () => {
  const withKey = () => {
    const { acme, s } = state()
    const value = { a: Redacted.make("sk_a"), b: Redacted.make("sk_b") }
    const key = Model.createdApiKey(s, acme, { name: "ci" }, undefined, "key_a", "key_b", value)
    return { acme, key, s }
  }

  it("a live key validates; a deleted, expired or never-issued one validates to nothing", () => {
    const { acme, key, s } = withKey()
    assert.strictEqual(Model.expectValidation(key), key)
    assert.isNull(Model.expectValidation(undefined))
    Model.expiredApiKey(key, { _tag: "At", at: "2098-06-01T00:00:00.000Z" })
    assert.strictEqual(Model.expectValidation(key), key, "a scheduled expiry has not passed")
    Model.expiredApiKey(key, { _tag: "Now" })
    assert.isNull(Model.expectValidation(key))
    const other = Model.createdApiKey(s, acme, { name: "other" }, undefined, "key_c", "key_d")
    Model.deletedApiKey(other)
    assert.isNull(Model.expectValidation(other))
    assert.deepStrictEqual(acme.apiKeys, [key], "a deleted key leaves its organization's list")
  })

  it("the organization's delete revokes its keys", () => {
    const { acme, key } = withKey()
    acme.alive = false
    assert.isNull(Model.expectValidation(key))
    assert.deepStrictEqual(allowed(Model.expectExpire(key)), ["NotFound"])
    assert.deepStrictEqual(allowed(Model.expectDelete(key)), ["NotFound"])
  })

  it("expire: NotFound for a key that does not exist, ApiKeyAlreadyExpired once expired, whatever the body", () => {
    const { key } = withKey()
    assert.deepStrictEqual(allowed(Model.expectExpire(undefined)), ["NotFound"])
    assert.deepStrictEqual(allowed(Model.expectExpire(key)), ["ok"])
    Model.expiredApiKey(key, { _tag: "Clear" })
    assert.isNull(key.expiresAt)
    Model.expiredApiKey(key, { _tag: "Now" })
    assert.deepStrictEqual(allowed(Model.expectExpire(key)), ["ApiKeyAlreadyExpired"])
    // still there: delete works, and a deleted key is NotFound for both
    assert.deepStrictEqual(allowed(Model.expectDelete(key)), ["ok"])
    Model.deletedApiKey(key)
    assert.deepStrictEqual(allowed(Model.expectDelete(key)), ["NotFound"])
    assert.deepStrictEqual(allowed(Model.expectExpire(key)), ["NotFound"])
  })

  it("key references resolve by kind, and to any key when there is none of that kind", () => {
    const { acme, key, s } = withKey()
    const expired = Model.createdApiKey(s, acme, { name: "e" }, undefined, "key_e", "key_f")
    Model.expiredApiKey(expired, { _tag: "Now" })
    assert.strictEqual(resolveKey(s, { _tag: "Live", pick: 7 }), key)
    assert.strictEqual(resolveKey(s, { _tag: "Expired", pick: 3 }), expired)
    assert.include([key, expired], resolveKey(s, { _tag: "Deleted", pick: 1 }), "no deleted key: any")
    assert.isUndefined(resolveKey(s, { _tag: "Never" }))
    assert.strictEqual(keyId(undefined, "b"), MISSING_KEY_ID)
    assert.strictEqual(Redacted.value(keyValue(key, "b")), "sk_b")
  })
})
