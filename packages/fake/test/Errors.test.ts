/**
 * What the fake's errors tell a caller: the field, the code and a message that names the offending value or the
 * limit it broke. Reached through the backend (the server-side re-checks), since the typed client refuses most of
 * these inputs before they leave the program.
 */
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"

const memory = (options?: OrganizationsMemory.MemoryOptions) => Effect.orDie(OrganizationsMemory.makeMemory(options))

interface Issue {
  readonly code?: string | undefined
  readonly field?: string | undefined
  readonly message?: string | undefined
}

/** The one issue of a 422, after checking its tag. */
const issueOf = <A>(effect: Effect.Effect<A, { readonly _tag: string }>) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(effect)
    assert.strictEqual(error._tag, "ValidationFailed")
    const errors = (error as unknown as { readonly errors: ReadonlyArray<Issue> }).errors
    assert.strictEqual(errors.length, 1)
    return errors[0]!
  })

const assertIssue = (issue: Issue, field: string, code: string, ...mentions: ReadonlyArray<string>) => {
  assert.strictEqual(issue.field, field)
  assert.strictEqual(issue.code, code)
  for (const m of mentions) assert.include(issue.message ?? "", m)
}

const detailOf = <A>(effect: Effect.Effect<A, { readonly _tag: string }>, tag: string) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(effect)
    assert.strictEqual(error._tag, tag)
    return (error as unknown as { readonly detail: string }).detail
  })

describe("list parameters", () => {
  it.effect("limit and order name the accepted values; a cursor names the id form it wants", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      assertIssue(yield* issueOf(backend.listOrganizationsPage({ limit: 0 })), "limit", "limit_invalid", "1", "100")
      assertIssue(
        yield* issueOf(backend.listOrganizationsPage({ order: "up" as never })),
        "order",
        "order_invalid",
        "asc",
        "desc",
        "normal"
      )
      assertIssue(yield* issueOf(backend.listOrganizationsPage({ after: "nope" })), "after", "after_invalid", "org_")
      assertIssue(yield* issueOf(backend.listOrganizationsPage({ before: "nope" })), "before", "before_invalid", "org_")
    }))
})

describe("organization fields", () => {
  it.effect("a blank name", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const issue = yield* issueOf(backend.createOrganization({ name: "  " }, {}))
      assertIssue(issue, "name", "name_required")
      assert.match(issue.message ?? "", /name/i)
    }))

  it.effect("external_id: empty, too long (names the limit), not ASCII", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory({ settings: { externalIdMaxLength: 7 } })
      assertIssue(
        yield* issueOf(backend.createOrganization({ name: "Acme", externalId: "" }, {})),
        "external_id",
        "external_id_invalid",
        "external_id"
      )
      assertIssue(
        yield* issueOf(backend.createOrganization({ name: "Acme", externalId: "12345678" }, {})),
        "external_id",
        "external_id_too_long",
        "external_id",
        "7"
      )
      assertIssue(
        yield* issueOf(backend.createOrganization({ name: "Acme", externalId: "caf\u00e9" }, {})),
        "external_id",
        "external_id_invalid",
        "ASCII"
      )
    }))

  it.effect("an empty stripe_customer_id", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const org = yield* backend.createOrganization({ name: "Acme" }, {})
      assertIssue(
        yield* issueOf(backend.updateOrganization({ organization: org.id, stripeCustomerId: "" })),
        "stripe_customer_id",
        "stripe_customer_id_invalid",
        "stripe_customer_id"
      )
    }))

  it.effect("external_id and stripe_customer_id conflicts name the value", () =>
    Effect.gen(function*() {
      const { organizations } = yield* memory()
      yield* organizations.createOrganization({ name: "A", externalId: "ext-1" })
      const other = yield* organizations.createOrganization({ name: "B" })
      assert.include(
        yield* detailOf(organizations.createOrganization({ name: "C", externalId: "ext-1" }), "ExternalIdAlreadyUsed"),
        "'ext-1'"
      )
      yield* organizations.updateOrganization({ organization: other.id, stripeCustomerId: "cus_1" })
      const third = yield* organizations.createOrganization({ name: "D" })
      assert.include(
        yield* detailOf(
          organizations.updateOrganization({ organization: third.id, stripeCustomerId: "cus_1" }),
          "StripeCustomerIdAlreadyUsed"
        ),
        "'cus_1'"
      )
    }))
})

describe("metadata", () => {
  it.effect("each limit's message names the key and the limit", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory({
        settings: { metadataMaxKeys: 2, metadataKeyMaxLength: 5, metadataValueMaxLength: 6 }
      })
      const detail = (metadata: Record<string, string>) =>
        detailOf(backend.createOrganization({ name: "Acme", metadata }, {}), "InvalidMetadata")
      const tooMany = yield* detail({ a: "1", b: "2", c: "3" })
      assert.include(tooMany, "2")
      assert.include(tooMany, "3")
      assert.match(yield* detail({ "": "1" }), /empty/)
      const longKey = yield* detail({ abcdef: "1" })
      assert.include(longKey, "'abcdef'")
      assert.include(longKey, "5")
      assert.include(yield* detail({ tier: 3 as never }), "'tier'")
      const longValue = yield* detail({ tier: "1234567" })
      assert.include(longValue, "'tier'")
      assert.include(longValue, "6")
      const ascii = yield* detail({ tier: "caf\u00e9" })
      assert.include(ascii, "'tier'")
      assert.include(ascii, "ASCII")
    }))
})

describe("domain_data", () => {
  it.effect("an invalid domain, an invalid state and a duplicate name the entry and the domain", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const create = (domainData: ReadonlyArray<{ domain: string; state: string }>) =>
        issueOf(backend.createOrganization({ name: "Acme", domainData: domainData as never }, {}))
      assertIssue(
        yield* create([{ domain: "ok.test", state: "pending" }, { domain: "not a domain", state: "pending" }]),
        "domain_data[1].domain",
        "domain_invalid",
        "'not a domain'"
      )
      assertIssue(
        yield* create([{ domain: "ok.test", state: "failed" }]),
        "domain_data[0].state",
        "state_invalid",
        "pending",
        "verified"
      )
      assertIssue(
        yield* create([{ domain: "ok.test", state: "pending" }, { domain: "OK.test", state: "verified" }]),
        "domain_data[1].domain",
        "domain_duplicate",
        "'ok.test'"
      )
    }))

  it.effect("host names: at least two labels, each label alphanumeric at both ends, 253 characters at most", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const check = (domain: string) =>
        Effect.map(
          Effect.either(backend.createOrganization({ name: "Acme", domainData: [{ domain, state: "pending" }] }, {})),
          (r) => r._tag === "Right"
        )
      assert.isTrue(yield* check("a.b.c.test"))
      assert.isTrue(yield* check("x-1.test"))
      assert.isFalse(yield* check("localhost"))
      assert.isFalse(yield* check("acme.test-"))
      assert.isFalse(yield* check("acme.test."))
      assert.isFalse(yield* check("acme.test/path"))
      // at most 253 characters in all, whatever the labels
      const label = "a".repeat(63)
      assert.isTrue(yield* check(`${label}.${label}.${label}.${"b".repeat(61)}`))
      assert.isFalse(yield* check(`${label}.${label}.${label}.${"b".repeat(62)}`))
    }))
})

describe("api keys", () => {
  it.effect("an expires_at in the past names the field and says it must be in the future", () =>
    Effect.gen(function*() {
      const { backend } = yield* memory()
      const org = yield* backend.createOrganization({ name: "Acme" }, {})
      const issue = yield* issueOf(
        backend.createOrganizationApiKey({ organizationId: org.id, name: "ci", expiresAt: "1960-01-01T00:00:00Z" }, {})
      )
      assertIssue(issue, "expires_at", "invalid", "expires_at", "future")
    }))
})
