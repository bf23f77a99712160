/**
 * The semantics of the ten operations (WIRE.md §3, §8.4, §9, §12, §13), through the service and, where the
 * service's own validation would stop a request first, through the backend (what the emulator calls).
 */
import { ApiKey } from "@effect-workos/core/ApiKey"
import * as Organization from "@effect-workos/core/Organization"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const ID = (prefix: string) => new RegExp(`^${prefix}[0-7][0-9A-HJKMNP-TV-Z]{25}$`)
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

const make = (options?: OrganizationsMemory.MemoryOptions) => OrganizationsMemory.makeMemory({ seed: 1, ...options })

/** The failure of an effect that must fail. */
const failure = <A, E>(effect: Effect.Effect<A, E>) => Effect.flip(effect)

/** The wire answer of a server-side error. */
const wire = (error: WorkOSError.ServerSideError) => WorkOSError.toResponse(error)

const encodeOrganization = Schema.encodeSync(Organization.Organization)

describe("createOrganization", () => {
  it.effect("answers the current wire shape with ULID ids and Clock timestamps", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2025-07-22T18:55:20.355Z"))
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({
        name: "Foo Corp",
        domainData: [{ domain: "Foo-Corp.com", state: "pending" }, { domain: "foo.dev", state: "verified" }],
        externalId: "ext_12345",
        metadata: { tier: "diamond" }
      })
      assert.match(org.id, ID("org_"))
      assert.strictEqual(org.createdAt, "2025-07-22T18:55:20.355Z")
      assert.strictEqual(org.updatedAt, org.createdAt)
      const [pending, verified] = org.domains
      assert.match(pending!.id, ID("org_domain_"))
      assert.match(pending!.createdAt ?? "", ISO_MS)
      assert.deepInclude(pending, {
        organizationId: org.id,
        domain: "foo-corp.com",
        state: "pending",
        verificationStrategy: "dns"
      })
      assert.isString(pending!.verificationToken)
      assert.deepInclude(verified, { state: "verified", verificationStrategy: "manual" })
      assert.isUndefined(verified!.verificationToken)
      const json: Record<string, unknown> = encodeOrganization(org)
      assert.deepInclude(json, {
        object: "organization",
        name: "Foo Corp",
        metadata: { tier: "diamond" },
        external_id: "ext_12345",
        allow_profiles_outside_organization: false
      })
      assert.isFalse("stripe_customer_id" in json)
      // the id's ULID carries the creation time
      const created = yield* organizations.createOrganization({ name: "Bare" })
      assert.isNull(created.externalId)
      assert.deepStrictEqual(created.metadata, {})
      assert.deepStrictEqual(created.domains, [])
      assert.isTrue(created.id > org.id)
    }))

  it.effect("external ids are unique in the environment (400 external_id_already_used)", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      yield* organizations.createOrganization({ name: "A", externalId: "customer-1" })
      const error = yield* failure(organizations.createOrganization({ name: "B", externalId: "customer-1" }))
      assert.strictEqual(error._tag, "ExternalIdAlreadyUsed")
      if (error._tag !== "ExternalIdAlreadyUsed") return
      assert.deepInclude(wire(error), { status: 400 })
      assert.strictEqual(wire(error).body.code, "external_id_already_used")
      // exact match: another case is another id
      yield* organizations.createOrganization({ name: "C", externalId: "Customer-1" })
    }))

  it.effect("a blank name is a 422 in the newer validation form, naming the field", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const error = yield* failure(organizations.createOrganization({ name: "   " }))
      assert.strictEqual(error._tag, "ValidationFailed")
      if (error._tag !== "ValidationFailed") return
      const answer = wire(error)
      assert.strictEqual(answer.status, 422)
      assert.deepInclude(answer.body, { code: "invalid_request_parameters", message: "Validation failed" })
      assert.deepInclude((answer.body.errors as Array<object>)[0], { field: "name", code: "name_required" })
    }))

  it.effect("external id length and charset follow the settings (422)", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make({ settings: { externalIdMaxLength: 64 } })
      yield* organizations.createOrganization({ name: "A", externalId: "x".repeat(64) })
      const long = yield* failure(organizations.createOrganization({ name: "B", externalId: "y".repeat(65) }))
      const unicode = yield* failure(organizations.createOrganization({ name: "C", externalId: "é" }))
      for (const error of [long, unicode]) {
        assert.strictEqual(error._tag, "ValidationFailed")
        if (error._tag === "ValidationFailed") assert.strictEqual(error.errors[0]?.field, "external_id")
      }
      const lenient = yield* make({ settings: { externalIdAsciiOnly: false } })
      yield* lenient.organizations.createOrganization({ name: "C", externalId: "é" })
    }))

  it.effect("metadata breaking a limit is 400 invalid_metadata", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make({ settings: { metadataMaxKeys: 10 } })
      const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "v"]))
      yield* organizations.createOrganization({ name: "ok", metadata: ten })
      const cases = [
        { ...ten, k10: "v" },
        { ["k".repeat(41)]: "v" },
        { k: "v".repeat(601) },
        { k: "ü" }
      ]
      for (const metadata of cases) {
        const error = yield* failure(organizations.createOrganization({ name: "bad", metadata }))
        assert.strictEqual(error._tag, "InvalidMetadata")
        if (error._tag === "InvalidMetadata") assert.strictEqual(wire(error).body.code, "invalid_metadata")
      }
      const list = yield* organizations.listOrganizationsPage()
      assert.strictEqual(list.data.length, 1)
    }))

  it.effect("a domain another organization holds verified is a 409; pending duplicates are allowed", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      yield* organizations.createOrganization({ name: "A", domainData: [{ domain: "example.com", state: "pending" }] })
      yield* organizations.createOrganization({ name: "B", domainData: [{ domain: "EXAMPLE.com", state: "pending" }] })
      yield* organizations.createOrganization({ name: "C", domainData: [{ domain: "example.com", state: "verified" }] })
      const error = yield* failure(
        organizations.createOrganization({ name: "D", domainData: [{ domain: "Example.COM", state: "pending" }] })
      )
      assert.strictEqual(error._tag, "DomainConflict")
      if (error._tag !== "DomainConflict") return
      assert.strictEqual(error.domain, "example.com")
      assert.deepStrictEqual(wire(error), {
        status: 409,
        body: { message: "An Organization with the domain example.com already exists." },
        headers: {}
      })
      // the conflicting states are a setting
      const strict = yield* make({ settings: { domainConflictStates: ["verified", "legacy_verified", "pending"] } })
      yield* strict.organizations.createOrganization({ name: "A", domainData: [{ domain: "x.io", state: "pending" }] })
      const pending = yield* failure(
        strict.organizations.createOrganization({ name: "B", domainData: [{ domain: "x.io", state: "pending" }] })
      )
      assert.strictEqual(pending._tag, "DomainConflict")
    }))

  it.effect("a malformed or duplicated domain is a 422 naming the item", () =>
    Effect.gen(function*() {
      const { backend, organizations } = yield* make()
      const bad = yield* failure(
        organizations.createOrganization({ name: "A", domainData: [{ domain: "not a domain", state: "pending" }] })
      )
      const twice = yield* failure(
        backend.createOrganization({
          name: "A",
          domainData: [{ domain: "a.com", state: "pending" }, { domain: "A.com", state: "verified" }]
        }, {})
      )
      assert.deepStrictEqual(
        [bad, twice].map((e) => e._tag === "ValidationFailed" ? e.errors[0]?.field : e._tag),
        ["domain_data[0].domain", "domain_data[1].domain"]
      )
    }))
})

describe("idempotency", () => {
  it.effect("the same key and payload replay the original organization; another payload is refused", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const options = { name: "Acme", domainData: [{ domain: "acme.com", state: "verified" as const }] }
      const first = yield* organizations.createOrganization(options, { idempotencyKey: "K" })
      yield* TestClock.adjust("1 hour")
      const replay = yield* organizations.createOrganization(
        { domainData: options.domainData, name: "Acme" },
        { idempotencyKey: "K" }
      )
      assert.deepStrictEqual(replay, first)
      const error = yield* failure(organizations.createOrganization({ name: "Acme 2" }, { idempotencyKey: "K" }))
      assert.strictEqual(error._tag, "IdempotencyKeyReused")
      if (error._tag !== "IdempotencyKeyReused") return
      assert.deepStrictEqual(wire(error), {
        status: 400,
        body: {
          message:
            "Another idempotency key (K) with different request parameters was found. Please use a different idempotency key."
        },
        headers: {}
      })
      assert.strictEqual((yield* organizations.listOrganizationsPage()).data.length, 1)
    }))

  it.effect("keys expire after the TTL on Clock", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make({ settings: { idempotencyTtl: Duration.hours(2) } })
      const first = yield* organizations.createOrganization({ name: "Acme" }, { idempotencyKey: "K" })
      yield* TestClock.adjust("119 minutes")
      assert.strictEqual(
        (yield* organizations.createOrganization({ name: "Acme" }, { idempotencyKey: "K" })).id,
        first.id
      )
      yield* TestClock.adjust("1 minute")
      const second = yield* organizations.createOrganization({ name: "Acme" }, { idempotencyKey: "K" })
      assert.notStrictEqual(second.id, first.id)
      // an expired key may carry another payload
      yield* TestClock.adjust("3 hours")
      yield* organizations.createOrganization({ name: "Other" }, { idempotencyKey: "K" })
    }))

  it.effect("a failed create is not remembered", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      yield* organizations.createOrganization({ name: "A", externalId: "e" })
      yield* failure(organizations.createOrganization({ name: "B", externalId: "e" }, { idempotencyKey: "K" }))
      yield* organizations.createOrganization({ name: "B" }, { idempotencyKey: "K" })
    }))

  it.effect("API key creates replay the same key and value", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      const options = { organizationId: org.id, name: "ci", permissions: ["posts:read"] }
      const first = yield* organizations.createOrganizationApiKey(options, { idempotencyKey: "K" })
      const replay = yield* organizations.createOrganizationApiKey(options, { idempotencyKey: "K" })
      assert.strictEqual(replay.id, first.id)
      assert.strictEqual(Redacted.value(replay.value), Redacted.value(first.value))
      const other = yield* failure(
        organizations.createOrganizationApiKey({ ...options, name: "other" }, { idempotencyKey: "K" })
      )
      assert.strictEqual(other._tag, "IdempotencyKeyReused")
      const keys = yield* organizations.listOrganizationApiKeysPage({ organizationId: org.id })
      assert.strictEqual(keys.data.length, 1)
    }))
})

describe("get", () => {
  it.effect("unknown ids and external ids are 404 entity_not_found naming them", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A", externalId: "ext-a" })
      assert.deepStrictEqual(yield* organizations.getOrganization(org.id), org)
      assert.deepStrictEqual(yield* organizations.getOrganizationByExternalId("ext-a"), org)
      const byId = yield* failure(organizations.getOrganization("org_01EHWNCE74X7JSDV0X3SZ3KJNY"))
      const byExternalId = yield* failure(organizations.getOrganizationByExternalId("ext-b"))
      assert.deepStrictEqual(byId._tag === "NotFound" ? wire(byId).body : byId, {
        message: "Organization not found: 'org_01EHWNCE74X7JSDV0X3SZ3KJNY'.",
        code: "entity_not_found",
        entity_id: "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
      })
      assert.deepInclude(byExternalId, { _tag: "NotFound", resource: "Organization", id: "ext-b" })
    }))
})

describe("updateOrganization", () => {
  it.effect("is a partial update: updated_at moves, created_at stays, omitted keys are unchanged", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({
        name: "A",
        externalId: "ext",
        metadata: { a: "1" },
        domainData: [{ domain: "a.com", state: "verified" }]
      })
      yield* TestClock.adjust("5 seconds")
      const renamed = yield* organizations.updateOrganization({ organization: org.id, name: "B" })
      assert.deepStrictEqual(
        { ...renamed, updatedAt: org.updatedAt, name: org.name },
        { ...org }
      )
      assert.strictEqual(renamed.createdAt, org.createdAt)
      assert.strictEqual(renamed.updatedAt, new Date(5000).toISOString())
      assert.deepStrictEqual(yield* organizations.getOrganization(org.id), renamed)
    }))

  it.effect("null clears external_id, metadata and stripe_customer_id; metadata is replaced", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A", externalId: "ext", metadata: { a: "1" } })
      const set = yield* organizations.updateOrganization({
        organization: org.id,
        metadata: { b: "2" },
        stripeCustomerId: "cus_1"
      })
      assert.deepStrictEqual(set.metadata, { b: "2" })
      assert.strictEqual(set.stripeCustomerId, "cus_1")
      assert.strictEqual(encodeOrganization(set).stripe_customer_id, "cus_1")
      const cleared = yield* organizations.updateOrganization({
        organization: org.id,
        externalId: null,
        metadata: null,
        stripeCustomerId: null
      })
      assert.isNull(cleared.externalId)
      assert.deepStrictEqual(cleared.metadata, {})
      assert.isFalse("stripe_customer_id" in encodeOrganization(cleared))
      // the external id and the Stripe id are free again
      const other = yield* organizations.createOrganization({ name: "B", externalId: "ext" })
      yield* organizations.updateOrganization({ organization: other.id, stripeCustomerId: "cus_1" })
      yield* failure(organizations.getOrganizationByExternalId("nope"))
      assert.strictEqual((yield* organizations.getOrganizationByExternalId("ext")).id, other.id)
    }))

  it.effect("external and Stripe ids stay unique; Stripe can be disabled (422 without a code)", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      const a = yield* organizations.createOrganization({ name: "A", externalId: "a" })
      const b = yield* organizations.createOrganization({ name: "B", externalId: "b" })
      yield* organizations.updateOrganization({ organization: a.id, stripeCustomerId: "cus_a", externalId: "a" })
      const external = yield* failure(organizations.updateOrganization({ organization: b.id, externalId: "a" }))
      const stripe = yield* failure(organizations.updateOrganization({ organization: b.id, stripeCustomerId: "cus_a" }))
      assert.deepStrictEqual([external._tag, stripe._tag], ["ExternalIdAlreadyUsed", "StripeCustomerIdAlreadyUsed"])
      if (stripe._tag === "StripeCustomerIdAlreadyUsed") {
        assert.strictEqual(wire(stripe).body.code, "stripe_customer_id_already_used")
      }
      yield* control.updateSettings({ stripeCustomerIdEnabled: false })
      const disabled = yield* failure(organizations.updateOrganization({ organization: b.id, stripeCustomerId: "x" }))
      assert.strictEqual(disabled._tag, "ValidationFailed")
      if (disabled._tag !== "ValidationFailed") return
      assert.deepStrictEqual(wire(disabled), {
        status: 422,
        body: { message: "stripe_customer_id is not enabled for this environment", error: "Unprocessable Entity" },
        headers: {}
      })
      // nothing changed
      assert.deepStrictEqual(yield* organizations.getOrganization(b.id), b)
    }))

  it.effect("domain_data replaces the set: kept domains keep their id and state, verified upgrades", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({
        name: "A",
        domainData: [
          { domain: "keep.com", state: "pending" },
          { domain: "verify.com", state: "pending" },
          { domain: "drop.com", state: "verified" }
        ]
      })
      const [keep, verify] = org.domains
      const updated = yield* organizations.updateOrganization({
        organization: org.id,
        domainData: [
          { domain: "KEEP.com", state: "pending" },
          { domain: "verify.com", state: "verified" },
          { domain: "new.com", state: "pending" }
        ]
      })
      assert.deepStrictEqual(updated.domains.map((d) => [d.domain, d.state]), [
        ["keep.com", "pending"],
        ["verify.com", "verified"],
        ["new.com", "pending"]
      ])
      assert.deepStrictEqual(updated.domains[0], keep)
      assert.strictEqual(updated.domains[1]!.id, verify!.id)
      assert.strictEqual(updated.domains[1]!.verificationStrategy, "manual")
      // the dropped domain is free for others; the domain index follows
      yield* organizations.createOrganization({ name: "B", domainData: [{ domain: "drop.com", state: "verified" }] })
      const byDomain = yield* organizations.listOrganizationsPage({ domains: ["drop.com", "new.com"] })
      assert.deepStrictEqual(byDomain.data.map((o) => o.name), ["B", "A"])
      const cleared = yield* organizations.updateOrganization({ organization: org.id, domainData: [] })
      assert.deepStrictEqual(cleared.domains, [])
      assert.deepStrictEqual((yield* organizations.listOrganizationsPage({ domains: ["keep.com"] })).data, [])
    }))

  it.effect("a domain already held is not a new conflict; a newly verified one can be", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const a = yield* organizations.createOrganization({
        name: "A",
        domainData: [{ domain: "x.com", state: "pending" }]
      })
      yield* organizations.createOrganization({ name: "B", domainData: [{ domain: "x.com", state: "verified" }] })
      // A keeps its pending x.com through an update that adds another domain
      yield* organizations.updateOrganization({
        organization: a.id,
        domainData: [{ domain: "x.com", state: "pending" }, { domain: "y.com", state: "pending" }]
      })
      const error = yield* failure(
        organizations.updateOrganization({ organization: a.id, domainData: [{ domain: "x.com", state: "verified" }] })
      )
      assert.strictEqual(error._tag, "DomainConflict")
    }))

  it.effect("unknown ids are 404", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const error = yield* failure(
        organizations.updateOrganization({ organization: "org_01EHWNCE74X7JSDV0X3SZ3KJNY", name: "x" })
      )
      assert.strictEqual(error._tag, "NotFound")
    }))
})

describe("deleteOrganization", () => {
  it.effect("removes the organization and everything that belongs to it; the id never comes back", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make({
        fixtures: { featureFlags: [{ slug: "beta" }] }
      })
      const org = yield* organizations.createOrganization({
        name: "A",
        externalId: "ext",
        domainData: [{ domain: "a.com", state: "verified" }]
      })
      yield* organizations.updateOrganization({ organization: org.id, stripeCustomerId: "cus_1" })
      const key = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "k" })
      yield* control.seed({ organizationRoles: [{ organizationId: org.id, slug: "org-x", name: "X" }] })
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "beta", enabled: true })
      yield* organizations.deleteOrganization(org.id)

      const errors = yield* Effect.all([
        failure(organizations.getOrganization(org.id)),
        failure(organizations.getOrganizationByExternalId("ext")),
        failure(organizations.updateOrganization({ organization: org.id, name: "B" })),
        failure(organizations.deleteOrganization(org.id)),
        failure(organizations.listOrganizationRoles({ organizationId: org.id })),
        failure(organizations.listOrganizationFeatureFlagsPage({ organizationId: org.id })),
        failure(organizations.listOrganizationApiKeysPage({ organizationId: org.id })),
        failure(organizations.createOrganizationApiKey({ organizationId: org.id, name: "k2" }))
      ])
      assert.deepStrictEqual(errors.map((e) => e._tag), Array(8).fill("NotFound"))
      assert.isTrue(Option.isNone(yield* control.findApiKey(key.value)))
      // its unique values are free again
      const again = yield* organizations.createOrganization({
        name: "A",
        externalId: "ext",
        domainData: [{ domain: "a.com", state: "verified" }]
      })
      yield* organizations.updateOrganization({ organization: again.id, stripeCustomerId: "cus_1" })
      assert.notStrictEqual(again.id, org.id)
      const snapshot = yield* control.snapshot
      assert.deepStrictEqual(snapshot.organizations.map((o) => o.id), [again.id])
      assert.deepStrictEqual(snapshot.apiKeys, [])
      assert.deepStrictEqual(snapshot.organizationRoles, [])
      assert.deepStrictEqual(snapshot.enabledFeatureFlags, [])
      // a deleted id cannot be seeded back
      const reseed = yield* failure(control.seed({ organizations: [{ id: org.id, name: "A" }] }))
      assert.strictEqual(reseed.path, "organizations[0].id")
    }))
})

describe("listOrganizations", () => {
  it.effect("filters by any of the domains and by a case-insensitive name substring, newest first", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const create = (name: string, ...domains: Array<string>) =>
        organizations.createOrganization({
          name,
          domainData: domains.map((domain) => ({ domain, state: "pending" as const }))
        })
      yield* create("Acme Corp", "acme.com")
      yield* create("Globex", "globex.com", "acme.com")
      yield* create("acme labs", "labs.io")
      yield* create("Initech")
      const names = (options: Parameters<typeof organizations.listOrganizationsPage>[0]) =>
        Effect.map(organizations.listOrganizationsPage(options), (p) => p.data.map((o) => o.name))
      assert.deepStrictEqual(yield* names({}), ["Initech", "acme labs", "Globex", "Acme Corp"])
      assert.deepStrictEqual(yield* names({ order: "asc" }), ["Acme Corp", "Globex", "acme labs", "Initech"])
      assert.deepStrictEqual(yield* names({ domains: ["ACME.com"] }), ["Globex", "Acme Corp"])
      assert.deepStrictEqual(yield* names({ domains: ["labs.io", "globex.com"] }), ["acme labs", "Globex"])
      assert.deepStrictEqual(yield* names({ search: "ACME" }), ["acme labs", "Acme Corp"])
      assert.deepStrictEqual(yield* names({ search: "acme", domains: ["acme.com"] }), ["Acme Corp"])
      assert.deepStrictEqual(yield* names({ domains: ["nowhere.com"] }), [])
    }))

  it.effect("limit defaults to 10; bad limits and malformed cursors are 422 naming the field", () =>
    Effect.gen(function*() {
      const { backend, organizations } = yield* make()
      for (let i = 0; i < 12; i++) yield* organizations.createOrganization({ name: `O${i}` })
      const page = yield* organizations.listOrganizationsPage()
      assert.strictEqual(page.data.length, 10)
      assert.isNull(page.listMetadata.before)
      assert.strictEqual(page.listMetadata.after, page.data[9]!.id)
      const fields = []
      for (const options of [{ limit: 0 }, { limit: 101 }, { limit: 2.5 }]) {
        const error = yield* failure(backend.listOrganizationsPage(options))
        fields.push(error._tag === "ValidationFailed" ? [error.code, error.errors[0]?.field] : error._tag)
      }
      for (
        const options of [
          { after: "org_123" },
          { before: "flag_01EHWNCE74X7JSDV0X3SZ3KJNY" },
          { after: "org_domain_01EHWNCE74X7JSDV0X3SZ3KJNY" }
        ]
      ) {
        const error = yield* failure(organizations.listOrganizationsPage(options))
        fields.push(error._tag === "ValidationFailed" ? [error.code, error.errors[0]?.field] : error._tag)
      }
      assert.deepStrictEqual(fields, [
        ["invalid_request_parameters", "limit"],
        ["invalid_request_parameters", "limit"],
        ["invalid_request_parameters", "limit"],
        ["invalid_request_parameters", "after"],
        ["invalid_request_parameters", "before"],
        ["invalid_request_parameters", "after"]
      ])
      // the service itself rejects a bad limit before sending anything
      assert.strictEqual((yield* failure(organizations.listOrganizationsPage({ limit: 0 })))._tag, "InvalidRequest")
    }))

  it.effect("a well-formed cursor that never existed marks the position of its ULID time", () =>
    Effect.gen(function*() {
      const { organizations } = yield* make()
      const early = yield* organizations.createOrganization({ name: "early" })
      yield* TestClock.adjust("10 seconds")
      const late = yield* organizations.createOrganization({ name: "late" })
      // 00000004W8 is 5,000 ms: between the two
      const page = yield* organizations.listOrganizationsPage({ after: "org_00000004W80000000000000000" })
      assert.deepStrictEqual(page.data.map((o) => o.id), [early.id])
      const asc = yield* organizations.listOrganizationsPage({ order: "asc", after: "org_00000004W80000000000000000" })
      assert.deepStrictEqual(asc.data.map((o) => o.id), [late.id])
    }))
})

describe("roles, feature flags, API keys", () => {
  it.effect("roles: environment roles first, then the organization's, in priority order", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      const defaults = yield* organizations.listOrganizationRoles({ organizationId: org.id })
      assert.deepStrictEqual(defaults.data.map((r) => [r.slug, r.type]), [
        ["admin", "EnvironmentRole"],
        ["member", "EnvironmentRole"]
      ])
      defaults.data.forEach((r) => assert.match(r.id, ID("role_")))
      yield* control.seed({
        environmentRoles: [
          { slug: "viewer", name: "Viewer" },
          { slug: "admin", name: "Admin", permissions: ["admin:all"] }
        ],
        organizationRoles: [
          { organizationId: org.id, slug: "org-zeta", name: "Zeta" },
          { organizationId: org.id, slug: "org-alpha", name: "Alpha", description: "" }
        ]
      })
      const roles = yield* organizations.listOrganizationRoles({ organizationId: org.id })
      assert.deepStrictEqual(roles.data.map((r) => [r.slug, r.type]), [
        ["viewer", "EnvironmentRole"],
        ["admin", "EnvironmentRole"],
        ["org-zeta", "OrganizationRole"],
        ["org-alpha", "OrganizationRole"]
      ])
      assert.deepStrictEqual(roles.data[1]!.permissions, ["admin:all"])
      // another organization sees only the environment roles
      const other = yield* organizations.createOrganization({ name: "B" })
      assert.strictEqual((yield* organizations.listOrganizationRoles({ organizationId: other.id })).data.length, 2)
    }))

  it.effect("feature flags: the flags enabled for the organization, paginated", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      const other = yield* organizations.createOrganization({ name: "B" })
      yield* control.seed({
        featureFlags: ["f1", "f2", "f3", "f4", "f5"].map((slug, i) => ({
          slug,
          createdAt: new Date(1000 * (i + 1)).toISOString(),
          enabledFor: i % 2 === 0 ? [org.id] : [other.id]
        }))
      })
      const flags = yield* Stream.runCollect(
        organizations.listOrganizationFeatureFlags({ organizationId: org.id, limit: 1 })
      )
      assert.deepStrictEqual(Chunk.toArray(flags).map((f) => [f.slug, f.enabled]), [
        ["f5", true],
        ["f3", true],
        ["f1", true]
      ])
      yield* control.setFeatureFlag({ organizationId: org.id, flag: "f5", enabled: false })
      yield* control.setFeatureFlag({ organizationId: org.id, flag: flags.pipe(Chunk.unsafeGet(1)).id, enabled: false })
      const page = yield* organizations.listOrganizationFeatureFlagsPage({ organizationId: org.id, order: "asc" })
      assert.deepStrictEqual(page.data.map((f) => f.slug), ["f1"])
      assert.deepStrictEqual(page.listMetadata, { ...page.listMetadata, before: null, after: null })
      const unknown = yield* failure(control.setFeatureFlag({ organizationId: org.id, flag: "nope", enabled: true }))
      assert.deepInclude(unknown, { resource: "FeatureFlag", id: "nope" })
      const badCursor = yield* failure(
        organizations.listOrganizationFeatureFlagsPage({
          organizationId: org.id,
          after: "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
        })
      )
      assert.strictEqual(badCursor._tag, "ValidationFailed")
    }))

  it.effect("API keys: the value once, only a hash kept, obfuscated in lists", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      const created = yield* organizations.createOrganizationApiKey({
        organizationId: org.id,
        name: "ci",
        permissions: ["posts:read"],
        expiresAt: "2030-01-01T00:00:00Z"
      })
      const value = Redacted.value(created.value)
      assert.match(value, /^sk_test_[A-Za-z0-9]{40}$/)
      assert.match(created.id, ID("api_key_"))
      assert.strictEqual(created.obfuscatedValue, `sk_...${value.slice(-4)}`)
      assert.deepInclude(created, { lastUsedAt: null, expiresAt: "2030-01-01T00:00:00.000Z", name: "ci" })
      assert.deepStrictEqual(created.owner, { type: "organization", id: org.id })
      const listed = yield* organizations.listOrganizationApiKeysPage({ organizationId: org.id })
      assert.deepStrictEqual(listed.data.map((k) => k instanceof ApiKey && !("value" in k)), [true])
      assert.strictEqual(listed.data[0]!.obfuscatedValue, created.obfuscatedValue)
      // the secret is in neither the snapshot nor the journal
      const dump = JSON.stringify([yield* control.snapshot, yield* control.journal])
      assert.notInclude(dump, value)
      assert.include(dump, created.id)
      assert.strictEqual(Option.getOrThrow(yield* control.findApiKey(created.value)).id, created.id)
      assert.isTrue(Option.isNone(yield* control.findApiKey(Redacted.make(`${value}x`))))
      // the obfuscation style and the value prefix are settings
      yield* control.updateSettings({ obfuscatedValueStyle: "ellipsis", apiKeyValuePrefix: "sk_live_" })
      const live = yield* organizations.createOrganizationApiKey({ organizationId: org.id, name: "live" })
      assert.match(Redacted.value(live.value), /^sk_live_/)
      assert.match(live.obfuscatedValue, /^sk_\u2026.{4}$/)
    }))

  it.effect("API keys: a blank name or a past expiry is a 422 in the spec's form", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00.000Z"))
      const { organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      const blank = yield* failure(organizations.createOrganizationApiKey({ organizationId: org.id, name: "" }))
      const past = yield* failure(
        organizations.createOrganizationApiKey({ organizationId: org.id, name: "k", expiresAt: "2026-01-01T00:00:00Z" })
      )
      assert.deepStrictEqual(blank._tag === "ValidationFailed" ? wire(blank).body : blank, {
        message: "Validation failed.",
        errors: [{ code: "required", field: "name" }]
      })
      assert.deepStrictEqual(past._tag === "ValidationFailed" ? past.errors[0]?.field : past, "expires_at")
      assert.deepStrictEqual((yield* organizations.listOrganizationApiKeysPage({ organizationId: org.id })).data, [])
    }))
})
