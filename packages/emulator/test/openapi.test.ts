/**
 * Every answer of every operation — successes and each documented error — validates against the official OpenAPI
 * document (`@workos/openapi-spec`, Ajv 2020-12). Where WIRE.md decides against the spec (real recorded traffic, or
 * an answer the spec does not list), the case names the exception, and the test checks that the spec indeed does
 * not document that status, and that the body is WorkOS's JSON error shape.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Emulator from "../src/Emulator.js"
import { call, type Request } from "./support/Client.js"
import { OpenApi } from "./support/Spec.js"

const ORG = "org_01J00000000000000000000001"
const OTHER = "org_01J00000000000000000000002"
const MISSING = "org_01J00000000000000000000099"
const KEY_ID = "api_key_01J00000000000000000000001"
const KEY_VALUE = "sk_test_openapi_key_value_0123456789abcdef"
const MISSING_KEY = "api_key_01J00000000000000000000099"
const VERIFIED_DOMAIN = "org_domain_01J00000000000000000000001"
const PENDING_DOMAIN = "org_domain_01J00000000000000000000002"
const MISSING_DOMAIN = "org_domain_01J00000000000000000000099"

interface Case {
  readonly name: string
  readonly method: string
  /** The spec's path template. */
  readonly template: string
  readonly path: string
  readonly request?: Request
  readonly status: number
  /**
   * Why WIRE.md departs from the spec here: for `status`, the spec does not document this status for the operation;
   * for `shape`, it documents the status with another body. The test checks the departure is real.
   */
  readonly exception?: { readonly kind: "status" | "shape"; readonly why: string }
}

const status = (why: string) => ({ kind: "status", why }) as const
const shape = (why: string) => ({ kind: "shape", why }) as const

const fixtures = {
  organizations: [
    {
      id: ORG,
      name: "Foo Corp",
      externalId: "ext_12345",
      metadata: { tier: "diamond" },
      domains: [
        { id: VERIFIED_DOMAIN, domain: "foo-corp.com", state: "verified" },
        { id: PENDING_DOMAIN, domain: "pending.foo-corp.com", state: "pending" }
      ]
    },
    { id: OTHER, name: "Other", externalId: "ext_other", stripeCustomerId: "cus_taken" }
  ],
  organizationRoles: [{ organizationId: ORG, slug: "billing", name: "Billing", permissions: ["billing:read"] }],
  featureFlags: [
    { slug: "beta", name: "Beta", description: "Beta features", tags: ["t"], enabledFor: [ORG] },
    { slug: "owned", owner: { email: "a@b.co", firstName: null, lastName: "L" }, enabledFor: [ORG] }
  ],
  apiKeys: [
    { organizationId: ORG, name: "Seeded", permissions: ["p:r"], expiresAt: "2099-01-01T00:00:00.000Z" },
    { id: KEY_ID, organizationId: ORG, name: "Validated", permissions: ["posts:read"], value: KEY_VALUE }
  ]
}

const post = (body: unknown, headers: Record<string, string> = {}): Request => ({ method: "POST", body, headers })
const put = (body: unknown): Request => ({ method: "PUT", body })

const cases: ReadonlyArray<Case> = [
  // listOrganizations
  { name: "list", method: "GET", template: "/organizations", path: "/organizations?limit=1&order=asc", status: 200 },
  {
    name: "list, filtered",
    method: "GET",
    template: "/organizations",
    path: "/organizations?domains=foo-corp.com&search=foo",
    status: 200
  },
  { name: "list, bad limit", method: "GET", template: "/organizations", path: "/organizations?limit=101", status: 422 },
  {
    name: "list, unknown query key",
    method: "GET",
    template: "/organizations",
    path: "/organizations?organizationId=x",
    status: 400,
    exception: status(
      "the spec lists only 422; the real API answers NestJS's 400 for unknown query keys (workos-node #1459)"
    )
  },
  // createOrganization
  {
    name: "create",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "New", domain_data: [{ domain: "new.com", state: "pending" }], metadata: { a: "b" } }, {
      "idempotency-key": "k"
    }),
    status: 201
  },
  {
    name: "create, external id used",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "X", external_id: "ext_12345" }),
    status: 400
  },
  {
    name: "create, invalid metadata",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "X", metadata: { ["k".repeat(41)]: "v" } }),
    status: 400
  },
  {
    name: "create, domain conflict",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "X", domain_data: [{ domain: "foo-corp.com", state: "verified" }] }),
    status: 409
  },
  {
    name: "create, blank name",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: " " }),
    status: 422
  },
  {
    name: "create, wrong types",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: 1 }),
    status: 422
  },
  {
    name: "create, malformed JSON",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post("{"),
    status: 400,
    exception: shape("the spec's 400 lists only coded errors; a body that is not JSON gets the body parser's {message}")
  },
  {
    name: "create, replayed Idempotency-Key with another body",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "Another" }, { "idempotency-key": "k" }),
    status: 400,
    exception: shape(
      "the real API answers {message} without a code (organization-create-idempotency-mismatch-400.json)"
    )
  },
  {
    name: "create, body over 1 MiB",
    method: "POST",
    template: "/organizations",
    path: "/organizations",
    request: post({ name: "x".repeat(1_100_000) }),
    status: 413,
    exception: status(
      "the spec does not list 413; the real API's body parser rejects bodies over its limit"
    )
  },
  // getOrganization, getOrganizationByExternalId
  { name: "get", method: "GET", template: "/organizations/{id}", path: `/organizations/${ORG}`, status: 200 },
  {
    name: "get, unknown",
    method: "GET",
    template: "/organizations/{id}",
    path: `/organizations/${MISSING}`,
    status: 404
  },
  {
    name: "get by external id",
    method: "GET",
    template: "/organizations/external_id/{external_id}",
    path: "/organizations/external_id/ext_12345",
    status: 200
  },
  {
    name: "get by external id, unknown",
    method: "GET",
    template: "/organizations/external_id/{external_id}",
    path: "/organizations/external_id/nope",
    status: 404
  },
  // updateOrganization
  {
    name: "update",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${ORG}`,
    request: put({ name: "Foo 2", stripe_customer_id: "cus_1", external_id: null }),
    status: 200
  },
  {
    name: "update, external id used",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${ORG}`,
    request: put({ external_id: "ext_other" }),
    status: 400
  },
  {
    name: "update, stripe id used",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${ORG}`,
    request: put({ stripe_customer_id: "cus_taken" }),
    status: 400
  },
  {
    name: "update, invalid metadata",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${ORG}`,
    request: put({ metadata: { k: "v".repeat(601) } }),
    status: 400
  },
  {
    name: "update, unknown",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${MISSING}`,
    request: put({ name: "x" }),
    status: 404
  },
  {
    name: "update, domain conflict",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${OTHER}`,
    request: put({ domain_data: [{ domain: "foo-corp.com", state: "verified" }] }),
    status: 409
  },
  {
    name: "update, wrong types",
    method: "PUT",
    template: "/organizations/{id}",
    path: `/organizations/${ORG}`,
    request: put({ domain_data: [{ domain: "x.com" }] }),
    status: 422
  },
  // listOrganizationRoles
  {
    name: "roles",
    method: "GET",
    template: "/authorization/organizations/{organizationId}/roles",
    path: `/authorization/organizations/${ORG}/roles`,
    status: 200
  },
  {
    name: "roles, unknown",
    method: "GET",
    template: "/authorization/organizations/{organizationId}/roles",
    path: `/authorization/organizations/${MISSING}/roles`,
    status: 404
  },
  // listOrganizationFeatureFlags
  {
    name: "flags",
    method: "GET",
    template: "/organizations/{organizationId}/feature-flags",
    path: `/organizations/${ORG}/feature-flags`,
    status: 200
  },
  {
    name: "flags, unknown",
    method: "GET",
    template: "/organizations/{organizationId}/feature-flags",
    path: `/organizations/${MISSING}/feature-flags`,
    status: 404
  },
  {
    name: "flags, bad order",
    method: "GET",
    template: "/organizations/{organizationId}/feature-flags",
    path: `/organizations/${ORG}/feature-flags?order=up`,
    status: 422,
    exception: status(
      "the spec lists only 404; a bad list parameter is a 422 (WIRE.md §13 #14)"
    )
  },
  // listOrganizationApiKeys, createOrganizationApiKey
  {
    name: "api keys",
    method: "GET",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${ORG}/api_keys`,
    status: 200
  },
  {
    name: "api keys, unknown",
    method: "GET",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${MISSING}/api_keys`,
    status: 404
  },
  {
    name: "create api key",
    method: "POST",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${ORG}/api_keys`,
    request: post({ name: "ci", permissions: ["p:w"] }, { "idempotency-key": "k-api-key" }),
    status: 201
  },
  {
    name: "create api key, unknown",
    method: "POST",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${MISSING}/api_keys`,
    request: post({ name: "ci" }),
    status: 404
  },
  {
    name: "create api key, no name",
    method: "POST",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${ORG}/api_keys`,
    request: post({}),
    status: 422
  },
  {
    name: "create api key, past expiry",
    method: "POST",
    template: "/organizations/{organizationId}/api_keys",
    path: `/organizations/${ORG}/api_keys`,
    request: post({ name: "old", expires_at: "2000-01-01T00:00:00.000Z" }),
    status: 422
  },
  // validateApiKey, expireApiKey, deleteApiKey
  {
    name: "validate",
    method: "POST",
    template: "/api_keys/validations",
    path: "/api_keys/validations",
    request: post({ value: KEY_VALUE }),
    status: 200
  },
  {
    name: "validate, never issued",
    method: "POST",
    template: "/api_keys/validations",
    path: "/api_keys/validations",
    request: post({ value: "sk_never_issued" }),
    status: 200
  },
  {
    name: "validate, no value",
    method: "POST",
    template: "/api_keys/validations",
    path: "/api_keys/validations",
    request: post({}),
    status: 422
  },
  {
    name: "expire, scheduled",
    method: "POST",
    template: "/api_keys/{id}/expire",
    path: `/api_keys/${KEY_ID}/expire`,
    request: post({ expires_at: "2099-06-01T00:00:00.000Z" }),
    status: 200
  },
  {
    name: "expire, now",
    method: "POST",
    template: "/api_keys/{id}/expire",
    path: `/api_keys/${KEY_ID}/expire`,
    request: post({}),
    status: 200
  },
  {
    name: "expire, already expired",
    method: "POST",
    template: "/api_keys/{id}/expire",
    path: `/api_keys/${KEY_ID}/expire`,
    request: post({}),
    status: 409
  },
  {
    name: "expire, unknown",
    method: "POST",
    template: "/api_keys/{id}/expire",
    path: `/api_keys/${MISSING_KEY}/expire`,
    request: post({}),
    status: 404
  },
  {
    name: "delete api key, unknown",
    method: "DELETE",
    template: "/api_keys/{id}",
    path: `/api_keys/${MISSING_KEY}`,
    status: 404
  },
  {
    name: "delete api key",
    method: "DELETE",
    template: "/api_keys/{id}",
    path: `/api_keys/${KEY_ID}`,
    status: 204
  },
  // createOrganizationDomain, getOrganizationDomain, verifyOrganizationDomain, deleteOrganizationDomain
  {
    name: "create domain",
    method: "POST",
    template: "/organization_domains",
    path: "/organization_domains",
    request: post({ domain: "new-domain.com", organization_id: ORG }, { "idempotency-key": "d" }),
    status: 201
  },
  {
    name: "create domain, already the organization's",
    method: "POST",
    template: "/organization_domains",
    path: "/organization_domains",
    request: post({ domain: "new-domain.com", organization_id: ORG }),
    status: 409
  },
  {
    name: "create domain, verified by another organization",
    method: "POST",
    template: "/organization_domains",
    path: "/organization_domains",
    request: post({ domain: "foo-corp.com", organization_id: OTHER }),
    status: 409
  },
  {
    name: "create domain, consumer domain",
    method: "POST",
    template: "/organization_domains",
    path: "/organization_domains",
    request: post({ domain: "gmail.com", organization_id: ORG }),
    status: 422,
    exception: status("the spec documents only the 409; a consumer domain is refused (WIRE-LIFECYCLE.md §7 #13)")
  },
  {
    name: "create domain, unknown organization",
    method: "POST",
    template: "/organization_domains",
    path: "/organization_domains",
    request: post({ domain: "x.com", organization_id: MISSING }),
    status: 404,
    exception: status("the spec documents only the 409; an unknown organization is a 404 (WIRE-LIFECYCLE.md §3.4)")
  },
  {
    name: "get domain",
    method: "GET",
    template: "/organization_domains/{id}",
    path: `/organization_domains/${PENDING_DOMAIN}`,
    status: 200
  },
  {
    name: "get domain, unknown",
    method: "GET",
    template: "/organization_domains/{id}",
    path: `/organization_domains/${MISSING_DOMAIN}`,
    status: 404
  },
  {
    name: "verify domain, pending (no record yet)",
    method: "POST",
    template: "/organization_domains/{id}/verify",
    path: `/organization_domains/${PENDING_DOMAIN}/verify`,
    request: post({}),
    status: 201
  },
  {
    name: "verify domain, already verified",
    method: "POST",
    template: "/organization_domains/{id}/verify",
    path: `/organization_domains/${VERIFIED_DOMAIN}/verify`,
    request: post({}),
    status: 400
  },
  {
    name: "verify domain, unknown",
    method: "POST",
    template: "/organization_domains/{id}/verify",
    path: `/organization_domains/${MISSING_DOMAIN}/verify`,
    request: post({}),
    status: 404,
    exception: status("the spec documents no 404 on the verify; an unknown id must fail (WIRE-LIFECYCLE.md §3.1)")
  },
  {
    name: "delete domain",
    method: "DELETE",
    template: "/organization_domains/{id}",
    path: `/organization_domains/${PENDING_DOMAIN}`,
    status: 204
  },
  {
    name: "delete domain, unknown",
    method: "DELETE",
    template: "/organization_domains/{id}",
    path: `/organization_domains/${PENDING_DOMAIN}`,
    status: 404
  },
  // deleteOrganization (last: it removes ORG)
  {
    name: "delete, unknown",
    method: "DELETE",
    template: "/organizations/{id}",
    path: `/organizations/${MISSING}`,
    status: 404,
    exception: status(
      "the spec lists only 403; the real API answers 404 {message} (organization-delete-not-found-404.json)"
    )
  },
  { name: "delete", method: "DELETE", template: "/organizations/{id}", path: `/organizations/${ORG}`, status: 202 },
  // answers any endpoint can give
  {
    name: "no API key",
    method: "GET",
    template: "/organizations",
    path: "/organizations",
    request: { key: null },
    status: 401,
    exception: status(
      "the spec lists no 401 per operation; every endpoint answers it (other-base-unauthenticated-401.json)"
    )
  },
  {
    name: "unknown route",
    method: "GET",
    template: "/organizations/{organizationId}/feature_flags",
    path: `/organizations/${OTHER}/feature_flags`,
    status: 404,
    exception: status(
      "not a route of the spec; the real router answers 404 'Cannot GET …' (workos-node #1334)"
    )
  },
  {
    name: "known path, wrong method",
    method: "PATCH",
    template: "/organizations/{id}",
    path: `/organizations/${OTHER}`,
    request: { method: "PATCH", body: {} },
    status: 405,
    exception: status(
      "the spec does not list 405"
    )
  }
]

describe("answers against the OpenAPI spec", () => {
  it.scopedLive("every success and documented error validates; every exception is one the spec really lacks", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ fixtures: fixtures as never })
      for (const c of cases) {
        const answer = yield* call(baseUrl, c.path, { method: c.method, ...c.request })
        const label = `${c.name}: ${c.method} ${c.path.slice(0, 80)} → ${answer.status} ${answer.text.slice(0, 300)}`
        expect(answer.status, label).toBe(c.status)
        if (c.exception === undefined) {
          assert.isTrue(OpenApi.documents(c.method, c.template, c.status), label)
          expect(OpenApi.validate(c.method, c.template, c.status, answer.json), label).toEqual([])
        } else if (c.exception.kind === "status") {
          assert.isFalse(OpenApi.documents(c.method, c.template, c.status), `${label} (${c.exception.why})`)
        } else {
          expect(OpenApi.validate(c.method, c.template, c.status, answer.json), `${label} (${c.exception.why})`)
            .not.toEqual([])
        }
        if (c.status >= 400) {
          expect(answer.headers.get("content-type"), label).toBe("application/json; charset=utf-8")
          assert.isDefined(answer.json?.message, label)
        }
      }
    }))

  it.scopedLive("delete: 202 with the text body Accepted, which the spec documents without a body", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ fixtures: fixtures as never })
      const answer = yield* call(baseUrl, `/organizations/${ORG}`, { method: "DELETE" })
      expect([answer.status, answer.headers.get("content-type"), answer.text]).toEqual([
        202,
        "text/plain; charset=utf-8",
        "Accepted"
      ])
      assert.isTrue(OpenApi.documents("DELETE", "/organizations/{id}", 202))
      // the spec gives 202 no content; WIRE.md follows the real recorded answer (organization-delete-202.json)
      expect(OpenApi.validate("DELETE", "/organizations/{id}", 202, answer.text)).toEqual([])
    }))

  it.scopedLive("the legacy roles path answers exactly what the current path's schema describes", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ fixtures: fixtures as never })
      // removed from the spec in 2026-03 (WIRE.md §3.7); the legacy body is the current RoleList
      assert.isFalse(OpenApi.documents("GET", "/organizations/{organizationId}/roles", 200))
      const legacy = yield* call(baseUrl, `/organizations/${ORG}/roles`)
      expect(legacy.status).toBe(200)
      expect(OpenApi.validate("GET", "/authorization/organizations/{organizationId}/roles", 200, legacy.json))
        .toEqual([])
      const missing = yield* call(baseUrl, `/organizations/${MISSING}/roles`)
      expect(OpenApi.validate("GET", "/authorization/organizations/{organizationId}/roles", 404, missing.json))
        .toEqual([])
    }))

  it.scopedLive("update: 422 when the environment has no Stripe integration (a fake setting)", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({
        fixtures: fixtures as never,
        settings: { stripeCustomerIdEnabled: false }
      })
      const answer = yield* call(baseUrl, `/organizations/${ORG}`, {
        method: "PUT",
        body: { stripe_customer_id: "cus_9" }
      })
      expect(answer.status).toBe(422)
      expect(answer.json).toEqual({
        message: "stripe_customer_id is not enabled for this environment",
        error: "Unprocessable Entity"
      })
      expect(OpenApi.validate("PUT", "/organizations/{id}", 422, answer.json)).toEqual([])
    }))

  // The documented 403s (update, delete, roles) have no trigger here: the emulator's keys carry no permissions.

  it.scopedLive("429 (from the rate limiter or a fault) is the SDKs' {message} with Retry-After", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ rateLimits: { requests: 1 } })
      yield* call(baseUrl, "/organizations")
      const limited = yield* call(baseUrl, "/organizations")
      expect(limited.status).toBe(429)
      // the spec documents no 429 anywhere; WIRE.md §8.4 and the official SDK's tests fix this shape
      assert.isFalse(OpenApi.documents("GET", "/organizations", 429))
      expect(limited.json).toEqual({ message: "Too many requests" })
      assert.match(limited.headers.get("retry-after")!, /^\d+$/)
    }))
})
