/**
 * Every recorded success answer of the ten operations (`fixtures/real-wire/`), served by the scripted client and
 * decoded through the live layer: 2021-era organizations without metadata or external id, 2025 feature flags without
 * `enabled`, the legacy roles list, the created API key with its `value`, the 202 text/plain delete.
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as Fixtures from "./utils/Fixtures.js"
import * as Scripted from "./utils/Scripted.js"

/** Answers of endpoints outside the ten operations (other resources, standalone domains). */
const outside = (fixture: Fixtures.Fixture) =>
  fixture.name.startsWith("other-") || fixture.request.path.startsWith("/organization_domains/")

const successes = Fixtures.names.map(Fixtures.load).filter((f) =>
  f.response.status >= 200 && f.response.status < 300 && !outside(f)
)

interface Plan {
  readonly call: (o: Organizations.Service) => Effect.Effect<unknown, unknown>
  /** The method and path the live layer sends. */
  readonly sends: string
}

const segment = (path: string, i: number) => decodeURIComponent(path.split("/")[i]!)

/** Which operation produced the fixture's answer, and how to call it. */
const plan = (f: Fixtures.Fixture): Plan => {
  const { method, path } = f.request
  const body = (f.request.body ?? {}) as Record<string, unknown>
  let m: RegExpExecArray | null
  if (method === "GET" && path === "/organizations") {
    return { call: (o) => o.listOrganizationsPage(), sends: "GET /organizations" }
  }
  if (method === "POST" && path === "/organizations") {
    return { call: (o) => o.createOrganization({ name: String(body.name ?? "x") }), sends: "POST /organizations" }
  }
  if (method === "GET" && (m = /^\/organizations\/external_id\/([^/]+)$/.exec(path)) !== null) {
    return { call: (o) => o.getOrganizationByExternalId(segment(path, 3)), sends: `GET ${m[0]}` }
  }
  if ((m = /^\/(?:authorization\/)?organizations\/([^/]+)\/roles$/.exec(path)) !== null) {
    const id = m[1]!
    // The legacy path's answers decode the same; the live layer asks the current path.
    return {
      call: (o) => o.listOrganizationRoles({ organizationId: id }),
      sends: `GET /authorization/organizations/${id}/roles`
    }
  }
  if ((m = /^\/organizations\/([^/]+)\/feature-flags$/.exec(path)) !== null) {
    const id = m[1]!
    return { call: (o) => o.listOrganizationFeatureFlagsPage({ organizationId: id }), sends: `GET ${path}` }
  }
  if (method === "GET" && (m = /^\/organizations\/([^/]+)\/api_keys$/.exec(path)) !== null) {
    const id = m[1]!
    return { call: (o) => o.listOrganizationApiKeysPage({ organizationId: id }), sends: `GET ${path}` }
  }
  if (method === "POST" && (m = /^\/organizations\/([^/]+)\/api_keys$/.exec(path)) !== null) {
    const id = m[1]!
    return {
      call: (o) => o.createOrganizationApiKey({ organizationId: id, name: String(body.name ?? "k") }),
      sends: `POST ${path}`
    }
  }
  if ((m = /^\/organizations\/([^/]+)$/.exec(path)) !== null) {
    const id = m[1]!
    if (method === "GET") return { call: (o) => o.getOrganization(id), sends: `GET ${path}` }
    if (method === "PUT") return { call: (o) => o.updateOrganization({ organization: id }), sends: `PUT ${path}` }
    if (method === "DELETE") return { call: (o) => o.deleteOrganization(id), sends: `DELETE ${path}` }
  }
  throw new Error(`no operation for ${f.name}: ${method} ${path}`)
}

/**
 * The answer as served. `organization-list-200.json` had its envelope edited by hand in the cassette
 * (`listMetadata` for `list_metadata`); the README says to use it for item shapes only, so its envelope is repaired.
 */
const served = (f: Fixtures.Fixture): Scripted.Answer => {
  const body = f.response.body as Record<string, unknown>
  if (f.name === "organization-list-200") {
    const { listMetadata, ...rest } = body
    return Fixtures.answer({ ...f, response: { ...f.response, body: { ...rest, list_metadata: listMetadata } } })
  }
  return Fixtures.answer(f)
}

const ids = (data: unknown): Array<unknown> => (data as ReadonlyArray<{ id: unknown }>).map((item) => item.id)

describe("recorded success answers decode through the live layer", () => {
  it("the fixtures cover every operation", () => {
    const sent = new Set(successes.map((f) => plan(f).sends.replace(/\/(org|api_key)_[0-9A-Z]+/g, "/{id}")))
    assert.isAtLeast(successes.length, 30)
    assert.includeMembers([...sent], [
      "GET /organizations",
      "POST /organizations",
      "GET /organizations/{id}",
      "GET /organizations/external_id/user_external_id",
      "PUT /organizations/{id}",
      "DELETE /organizations/{id}",
      "GET /authorization/organizations/{id}/roles",
      "GET /organizations/{id}/feature-flags",
      "GET /organizations/{id}/api_keys",
      "POST /organizations/{id}/api_keys"
    ])
  })

  for (const fixture of successes) {
    it.effect(fixture.name, () =>
      Scripted.withLive(() => served(fixture), (o, scripted) =>
        Effect.gen(function*() {
          const { call, sends } = plan(fixture)
          const result = yield* call(o)
          const [request] = yield* scripted.requests
          assert.strictEqual(`${request!.method} ${request!.path}`, sends)

          const body = fixture.response.body
          if (fixture.request.method === "DELETE") {
            assert.isUndefined(result)
          } else if (Array.isArray((body as { data?: unknown }).data)) {
            assert.deepStrictEqual(ids((result as { data: unknown }).data), ids((body as { data: unknown }).data))
          } else {
            assert.strictEqual((result as { id: string }).id, (body as { id: string }).id)
          }
        })))
  }

  it.effect("a 2021 organization: absent metadata, external_id and domain state get their defaults", () =>
    Scripted.withLive(() => Fixtures.answer(Fixtures.load("organization-get-200")), (o) =>
      Effect.gen(function*() {
        const org = yield* o.getOrganization("org_01F9293WD2PDEEV4Y625XPZVG7")
        assert.deepStrictEqual(org.metadata, {})
        assert.isNull(org.externalId)
        assert.isUndefined(org.stripeCustomerId)
        assert.isTrue(org.domains.length > 0)
        for (const domain of org.domains) assert.strictEqual(domain.state, "legacy_verified")
        assert.strictEqual(org.createdAt, "2021-06-25T19:07:33.155Z")
      })))

  it.effect("2025 feature flags without enabled, owner, tags or default_value", () =>
    Scripted.withLive(
      () => Fixtures.answer(Fixtures.load("organization-feature-flags-list-200")),
      (o) =>
        Effect.gen(function*() {
          const page = yield* o.listOrganizationFeatureFlagsPage({ organizationId: "org_01HX7Q7R12H1JMAKN75SH2G529" })
          assert.deepStrictEqual(page.data.map((f) => f.slug), ["new-sidebar-layout", "dark-mode-toggle"])
          for (const flag of page.data) {
            assert.isTrue(flag.enabled)
            assert.isNull(flag.owner)
            assert.deepStrictEqual(flag.tags, [])
            assert.isFalse(flag.defaultValue)
          }
          assert.isNull(page.listMetadata.after)
        })
    ))

  it.effect("the created API key's value is Redacted", () =>
    Scripted.withLive(
      () => Fixtures.answer(Fixtures.load("sdk-fixture-api-keys-create-201")),
      (o) =>
        Effect.gen(function*() {
          const key = yield* o.createOrganizationApiKey({ organizationId: "org_01EHT88Z8J8795GZNQ4ZP1J81T", name: "k" })
          assert.strictEqual(Redacted.value(key.value), "sk_test_REDACTED")
          assert.notInclude(JSON.stringify(key), "sk_test_REDACTED")
        })
    ))

  it.effect("stripe_customer_id is decoded when set and absent once cleared", () =>
    Effect.gen(function*() {
      const set = yield* Scripted.withLive(
        () => Fixtures.answer(Fixtures.load("organization-update-stripe-customer-id-200")),
        (o) => o.updateOrganization({ organization: "org_01JJ5H14CAA2SQ5G9HNN6TBZ05", stripeCustomerId: "cus_x" })
      )
      assert.isString(set.stripeCustomerId)
      const cleared = yield* Scripted.withLive(
        () => Fixtures.answer(Fixtures.load("sdk-fixture-organization-clear-stripe-customer-id-200")),
        (o) => o.updateOrganization({ organization: "org_01EHT88Z8J8795GZNQ4ZP1J81T", stripeCustomerId: null })
      )
      assert.isUndefined(cleared.stripeCustomerId)
    }))
})
