/**
 * `OrganizationDomainsHttp` on the wire (WIRE-LIFECYCLE.md §3.1, §3.4, §3.6): what each of the four operations sends,
 * how its answers and errors decode, and `awaitVerification` polling the live layer on `Clock`.
 */
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Schedule, TestClock } from "effect"
import * as OrganizationDomainsHttp from "../src/OrganizationDomainsHttp.js"
import * as Scripted from "./utils/Scripted.js"
import * as Tracing from "./utils/Tracing.js"
import * as Wire from "./utils/Wire.js"

/** Runs `f` with the live `OrganizationDomains` over a script, and returns its result and the requests sent. */
const withDomains = <A, E>(
  script: Scripted.Script,
  f: (domains: OrganizationDomains.Service) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const scripted = yield* Scripted.make(script)
    const result = yield* Effect.either(
      Effect.flatMap(OrganizationDomains.OrganizationDomains, f).pipe(
        Effect.provide(
          OrganizationDomainsHttp.layer.pipe(Layer.provide(Scripted.clientLayer(scripted, { maxRetries: 0 })))
        )
      )
    )
    return { result, requests: yield* scripted.requests }
  })

describe("createOrganizationDomain", () => {
  it.effect("posts {domain, organization_id} with an Idempotency-Key; 201 is the pending domain", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withDomains(
        () => Scripted.json(201, Wire.organizationDomain("org_domain_1")),
        (domains) => domains.createOrganizationDomain({ organizationId: "org_1", domain: "foo-corp.com" })
      )
      const domain = yield* result
      assert.strictEqual(domain.state, "pending")
      assert.strictEqual(domain.verificationStrategy, "dns")
      assert.strictEqual(domain.verificationToken, "F06PGMsZIO0shrveGWuGxgCj7")
      assert.strictEqual(domain.verificationPrefix, "superapp-domain-verification-z3kjny")
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.path, "/organization_domains")
      assert.strictEqual(requests[0]!.body, JSON.stringify({ domain: "foo-corp.com", organization_id: "org_1" }))
      assert.isString(requests[0]!.headers["idempotency-key"])
    }))

  it.effect("the caller's Idempotency-Key is the one sent", () =>
    Effect.gen(function*() {
      const { requests } = yield* withDomains(
        () => Scripted.json(201, Wire.organizationDomain("org_domain_1")),
        (domains) =>
          domains.createOrganizationDomain({ organizationId: "org_1", domain: "a.com" }, { idempotencyKey: "k-1" })
      )
      assert.strictEqual(requests[0]!.headers["idempotency-key"], "k-1")
    }))

  it.effect("409 domain_already_exists, 422 domain_not_allowed, a bare 404 about the organization", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [number, unknown, string]> = [
        [
          409,
          { code: "domain_already_exists", message: "Domain already exists for this organization." },
          "DomainAlreadyExists"
        ],
        [422, {
          code: "invalid_request_parameters",
          message: "Validation failed",
          errors: [{
            code: "domain_not_allowed",
            message: "gmail.com is a consumer domain and cannot be added to an organization."
          }]
        }, "DomainNotAllowed"],
        [
          422,
          { message: "Validation failed", errors: [{ field: "domain", code: "domain_invalid" }] },
          "ValidationFailed"
        ],
        [404, { message: "Not Found" }, "NotFound"]
      ]
      for (const [status, body, tag] of cases) {
        const { result } = yield* withDomains(
          () => Scripted.json(status, body),
          (domains) => domains.createOrganizationDomain({ organizationId: "org_9", domain: "gmail.com" })
        )
        const error = yield* Effect.flip(result)
        assert.strictEqual(error._tag, tag, JSON.stringify(body))
        assert.strictEqual("requestId" in error && error.requestId, "req_test")
        if (error._tag === "NotFound") assert.deepStrictEqual([error.resource, error.id], ["Organization", "org_9"])
        if (error._tag === "DomainNotAllowed") assert.strictEqual(error.domain, "gmail.com")
      }
    }))
})

describe("getOrganizationDomain, verifyOrganizationDomain, deleteOrganizationDomain", () => {
  it.effect("get: GET /organization_domains/<id>, percent-encoded; a state this version does not know is kept", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withDomains(
        () => Scripted.json(200, Wire.organizationDomain("org_domain:1", "quarantined")),
        (domains) => domains.getOrganizationDomain("org_domain:1")
      )
      assert.strictEqual((yield* result).state, "quarantined")
      assert.strictEqual(requests[0]!.method, "GET")
      assert.strictEqual(requests[0]!.path, "/organization_domains/org_domain%3A1")
    }))

  it.effect("verify: POST /organization_domains/<id>/verify with the body {}, as the official SDK; 201", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withDomains(
        () => Scripted.json(201, Wire.organizationDomain("org_domain_1", "verified")),
        (domains) => domains.verifyOrganizationDomain("org_domain_1")
      )
      assert.strictEqual((yield* result).state, "verified")
      assert.strictEqual(requests[0]!.method, "POST")
      assert.strictEqual(requests[0]!.path, "/organization_domains/org_domain_1/verify")
      assert.strictEqual(requests[0]!.body, "{}")
    }))

  it.effect("verify: 400 domain_already_verified is DomainAlreadyVerified; a bare 404 is the domain's NotFound", () =>
    Effect.gen(function*() {
      const verified = yield* withDomains(
        () => Scripted.json(400, { code: "domain_already_verified", message: "Domain is already verified." }),
        (domains) => domains.verifyOrganizationDomain("org_domain_1")
      )
      assert.strictEqual((yield* Effect.flip(verified.result))._tag, "DomainAlreadyVerified")
      const missing = yield* withDomains(
        () => Scripted.json(404, { message: "Not Found" }),
        (domains) => domains.verifyOrganizationDomain("org_domain_1")
      )
      const error = yield* Effect.flip(missing.result)
      assert.strictEqual(error._tag, "NotFound")
      if (error._tag === "NotFound") {
        assert.deepStrictEqual([error.resource, error.id], ["Organization Domain", "org_domain_1"])
      }
    }))

  it.effect("delete: DELETE /organization_domains/<id>; 204 is success; 404 is NotFound", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* withDomains(
        () => Scripted.text(204, ""),
        (domains) => domains.deleteOrganizationDomain("org_domain_1")
      )
      yield* result
      assert.strictEqual(requests[0]!.method, "DELETE")
      assert.strictEqual(requests[0]!.path, "/organization_domains/org_domain_1")
      const missing = yield* withDomains(
        () => Scripted.json(404, { message: "Organization Domain not found: 'org_domain_1'." }),
        (domains) => domains.deleteOrganizationDomain("org_domain_1")
      )
      assert.strictEqual((yield* Effect.flip(missing.result))._tag, "NotFound")
    }))

  it.effect("a 2xx that is not a domain is UnexpectedResponse", () =>
    Effect.gen(function*() {
      const { result } = yield* withDomains(
        () => Scripted.json(200, { object: "organization_domain", id: 1 }),
        (domains) => domains.getOrganizationDomain("org_domain_1")
      )
      assert.strictEqual((yield* Effect.flip(result))._tag, "UnexpectedResponse")
    }))
})

describe("awaitVerification over the live layer", () => {
  it.effect("reads the domain on the schedule until WorkOS answers verified", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(withDomains(
        (_, index) => Scripted.json(200, Wire.organizationDomain("org_domain_1", index < 2 ? "pending" : "verified")),
        (domains) => domains.awaitVerification("org_domain_1", { schedule: Schedule.spaced("30 seconds") })
      ))
      yield* TestClock.adjust("1 minute")
      const { requests, result } = yield* Fiber.join(fiber)
      assert.strictEqual((yield* result).state, "verified")
      assert.deepStrictEqual(requests.map((r) => [r.method, r.path, r.at]), [
        ["GET", "/organization_domains/org_domain_1", 0],
        ["GET", "/organization_domains/org_domain_1", 30_000],
        ["GET", "/organization_domains/org_domain_1", 60_000]
      ])
    }))

  it.effect("failed is DomainVerificationFailed with the domain", () =>
    Effect.gen(function*() {
      const { result } = yield* withDomains(
        () => Scripted.json(200, Wire.organizationDomain("org_domain_1", "failed")),
        (domains) => domains.awaitVerification("org_domain_1")
      )
      const error = yield* Effect.flip(result)
      assert.strictEqual(error._tag, "DomainVerificationFailed")
      if (error._tag === "DomainVerificationFailed") assert.strictEqual(error.domain.domain, "foo-corp.com")
    }))
})

describe("spans", () => {
  it.effect("OrganizationDomains.<operation> carries the domain's and the organization's ids", () =>
    Effect.gen(function*() {
      const { layer, spans } = yield* Tracing.recordSpans
      yield* withDomains(
        () => Scripted.json(201, Wire.organizationDomain("org_domain_1")),
        (domains) => domains.createOrganizationDomain({ organizationId: "org_1", domain: "foo-corp.com" })
      ).pipe(Effect.provide(layer))
      const span = spans.find((s) => s.name === "OrganizationDomains.createOrganizationDomain")
      assert.isDefined(span)
      assert.strictEqual(span!.attributes.get("workos.organization_id"), "org_1")
      assert.strictEqual(span!.attributes.get("workos.organization_domain_id"), "org_domain_1")
    }))
})
