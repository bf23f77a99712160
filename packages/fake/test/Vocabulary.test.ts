/**
 * The fake's test-facing API speaks the SDK's vocabulary: seeds take the domain types (`Redacted` secrets; plain
 * strings still accepted), snapshots are the domain types (their JSON is the wire document), journal arguments are
 * the camelCase options. No API key value ever appears in a snapshot.
 */
import { ApiKey } from "@effect-workos/core/ApiKey"
import { Organization } from "@effect-workos/core/Organization"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const make = () => OrganizationsMemory.makeMemory({ seed: 3 })
const ORG = "org_01EHWNCE74X7JSDV0X3SZ3KJNY"

describe("one vocabulary for tests", () => {
  it.effect("seed takes API key values as Redacted, and still as strings", () =>
    Effect.gen(function*() {
      const { control } = yield* make()
      const fixtures: FakeWorkOS.Fixtures = {
        organizations: [{ id: ORG, name: "A", externalId: "a" }],
        apiKeys: [{ organizationId: ORG, name: "redacted", value: Redacted.make("sk_test_redacted_one") }]
      }
      yield* control.seed(fixtures)
      yield* control.seed({ apiKeys: [{ organizationId: ORG, name: "plain", value: "sk_test_plain_string" }] })
      const found = yield* Effect.all([
        control.findApiKey(Redacted.make("sk_test_redacted_one")),
        control.findApiKey(Redacted.make("sk_test_plain_string"))
      ])
      assert.deepStrictEqual(found.map((k) => Option.map(k, (key) => key.name)), [
        Option.some("redacted"),
        Option.some("plain")
      ])
      const invalid = yield* Effect.flip(
        control.seed({ apiKeys: [{ organizationId: ORG, name: "n", value: 42 as never }] })
      )
      assert.strictEqual(invalid.path, "apiKeys[0].value")
    }))

  it.effect("a snapshot holds the domain types; its JSON is the wire document; neither holds a key value", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      yield* control.seed({
        organizations: [{ id: ORG, name: "A", externalId: "a" }],
        apiKeys: [{ organizationId: ORG, name: "k", value: Redacted.make("sk_test_secret_value_9") }]
      })
      const made = yield* organizations.createOrganizationApiKey({ organizationId: ORG, name: "made" })
      const snapshot = yield* control.snapshot
      const org = snapshot.organizations[0]!
      assert.instanceOf(org, Organization)
      assert.strictEqual(org.externalId, "a")
      assert.instanceOf(snapshot.apiKeys[0]!.apiKey, ApiKey)
      assert.isTrue(Duration.isDuration(snapshot.settings.idempotencyTtl))
      const json = JSON.parse(JSON.stringify(snapshot))
      assert.deepStrictEqual(json, Schema.encodeSync(FakeWorkOS.Snapshot)(snapshot))
      assert.strictEqual(json.organizations[0].external_id, "a")
      assert.strictEqual(json.settings.idempotencyTtl, 86_400_000)
      for (const text of [JSON.stringify(snapshot), String(snapshot.apiKeys.map((k) => k.apiKey))]) {
        assert.notInclude(text, "sk_test_secret_value_9")
        assert.notInclude(text, Redacted.value(made.value))
      }
    }))

  it.effect("restore takes the snapshot as it is, or its JSON document, and both round-trip", () =>
    Effect.gen(function*() {
      const source = yield* make()
      yield* source.organizations.createOrganization({ name: "A", externalId: "a", metadata: { plan: "pro" } })
      const snapshot = yield* source.control.snapshot
      for (const document of [snapshot, JSON.parse(JSON.stringify(snapshot))]) {
        const target = yield* make()
        yield* target.control.restore(document)
        assert.deepStrictEqual(yield* target.control.snapshot, snapshot)
        assert.strictEqual((yield* target.organizations.getOrganizationByExternalId("a")).metadata.plan, "pro")
      }
    }))

  it.effect("journal arguments are the options as the SDK takes them", () =>
    Effect.gen(function*() {
      const { control, organizations } = yield* make()
      const org = yield* organizations.createOrganization({ name: "A" })
      yield* organizations.updateOrganization({ organization: org.id, stripeCustomerId: "cus_1", externalId: null })
      yield* organizations.listOrganizationApiKeysPage({ organizationId: org.id, limit: 3 })
      yield* organizations.getOrganizationByExternalId("nobody").pipe(Effect.ignore)
      assert.deepStrictEqual((yield* control.journal).map((e) => e.arguments), [
        { options: { name: "A" } },
        { options: { organization: org.id, stripeCustomerId: "cus_1", externalId: null } },
        { options: { organizationId: org.id, limit: 3 } },
        { externalId: "nobody" }
      ])
    }))
})
