/**
 * Every row of the error mapping (WIRE.md §8) through the live layer: the tag, the message, the code and the
 * request id, from the real recorded error answers where there is one. Plus the answers that are not the wire
 * format (`UnexpectedResponse`) and the failures before an answer (`RequestFailed`). Retries are off here
 * (`maxRetries: 0`); the retry policy has its own tests.
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Stream } from "effect"
import * as Fixtures from "./utils/Fixtures.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

type Call = (o: Organizations.Service) => Effect.Effect<unknown, WorkOSError.WorkOSError>

const create: Call = (o) =>
  o.createOrganization({ name: "Acme", domainData: [{ domain: "example.com", state: "verified" }] })
const update: Call = (o) => o.updateOrganization({ organization: "org_1", stripeCustomerId: "cus_1" })
const get: Call = (o) => o.getOrganization("org_1")
const del: Call = (o) => o.deleteOrganization("org_1")
const listPage: Call = (o) => o.listOrganizationsPage()
const flags: Call = (o) => o.listOrganizationFeatureFlagsPage({ organizationId: "org_1" })
const createKey: Call = (o) => o.createOrganizationApiKey({ organizationId: "org_1", name: "k" })

/** The error `call` fails with when the server answers `answer` once. */
const errorOf = (answer: Scripted.Answer, call: Call) =>
  Scripted.withLive(() => answer, (o) => Effect.flip(call(o)), { maxRetries: 0 })

interface Row {
  readonly name: string
  readonly answer: Scripted.Answer
  readonly call: Call
  readonly tag: WorkOSError.WorkOSError["_tag"]
  /** Fragments the message must contain. */
  readonly message: ReadonlyArray<string>
  readonly requestId: string | undefined
  readonly check?: (error: any) => void
}

const fixture = (name: string) => Fixtures.answer(Fixtures.load(name))

const rows: ReadonlyArray<Row> = [
  {
    name: "400 invalid_metadata (spec)",
    answer: fixture("spec-example-organization-create-invalid-metadata-400"),
    call: create,
    tag: "InvalidMetadata",
    message: ["invalid_metadata", "Request could not be processed."],
    requestId: "req_spec-example-organization-create-invalid-metadata-400",
    check: (e: WorkOSError.InvalidMetadata) => assert.strictEqual(e.code, "invalid_metadata")
  },
  {
    name: "400 external_id_already_used (spec)",
    answer: fixture("spec-example-organization-create-external-id-already-used-400"),
    call: create,
    tag: "ExternalIdAlreadyUsed",
    message: ["external_id_already_used", "getOrganizationByExternalId"],
    requestId: "req_spec-example-organization-create-external-id-already-used-400",
    check: (e: WorkOSError.ExternalIdAlreadyUsed) => assert.strictEqual(e.code, "external_id_already_used")
  },
  {
    name: "400 external_id_already_used on update",
    answer: Scripted.json(400, { code: "external_id_already_used", message: "taken" }, { "x-request-id": "r1" }),
    call: update,
    tag: "ExternalIdAlreadyUsed",
    message: ["taken"],
    requestId: "r1"
  },
  {
    name: "400 stripe_customer_id_already_used (spec)",
    answer: fixture("spec-example-organization-update-stripe-customer-id-already-used-400"),
    call: update,
    tag: "StripeCustomerIdAlreadyUsed",
    message: ["stripe_customer_id_already_used"],
    requestId: "req_spec-example-organization-update-stripe-customer-id-already-used-400",
    check: (e: WorkOSError.StripeCustomerIdAlreadyUsed) => assert.strictEqual(e.code, "stripe_customer_id_already_used")
  },
  {
    name: "400 idempotency mismatch (real, 2022)",
    answer: fixture("organization-create-idempotency-mismatch-400"),
    call: create,
    tag: "IdempotencyKeyReused",
    message: ["The Idempotency-Key 'bar' was already used with different request parameters", "with a new key"],
    requestId: "afbf7322-2e3e-22ae-62a6-08ecdd247a30",
    check: (e: WorkOSError.IdempotencyKeyReused) => {
      assert.strictEqual(e.idempotencyKey, "bar")
      // said once: WorkOS's own sentence says the same and is not repeated
      assert.notInclude(e.message, "Another idempotency key")
      assert.strictEqual(e.message.split("different request parameters").length, 2)
    }
  },
  {
    name: "400 with another code (real, /events)",
    answer: fixture("other-events-list-missing-events-400"),
    call: listPage,
    tag: "BadRequest",
    message: ["400 invalid_events_request", "One or more event names"],
    requestId: "660c0035-b70d-4939-a0d3-2b0917535e7f",
    check: (e: WorkOSError.BadRequest) => {
      assert.strictEqual(e.status, 400)
      assert.strictEqual(e.code, "invalid_events_request")
    }
  },
  {
    name: "400 Nest style: message is an array (workos-node #1459)",
    answer: Scripted.json(400, {
      message: ["property organizationId should not exist"],
      error: "Bad Request",
      statusCode: 400
    }, { "x-request-id": "r2" }),
    call: flags,
    tag: "BadRequest",
    message: ["property organizationId should not exist"],
    requestId: "r2",
    check: (e: WorkOSError.BadRequest) =>
      assert.deepStrictEqual(e.messages, ["property organizationId should not exist"])
  },
  {
    name: "401 (real)",
    answer: fixture("other-base-unauthenticated-401"),
    call: get,
    tag: "Unauthorized",
    message: ["WORKOS_API_KEY", "Unauthorized"],
    requestId: "32a67a24-bfaf-4463-bf47-c407d54955d3"
  },
  {
    name: "403",
    answer: Scripted.json(403, { message: "Missing permission organizations:write" }, { "x-request-id": "r3" }),
    call: update,
    tag: "Forbidden",
    message: ["Missing permission organizations:write"],
    requestId: "r3"
  },
  {
    name: "404 older form {message: Not Found}, empty X-Request-Id (real, 2021)",
    answer: fixture("organization-get-not-found-404"),
    call: get,
    tag: "NotFound",
    message: ["Organization not found: 'org_1'"],
    requestId: undefined,
    check: (e: WorkOSError.NotFound) => {
      assert.strictEqual(e.resource, "Organization")
      assert.strictEqual(e.id, "org_1")
    }
  },
  {
    name: "404 on delete (real, 2021)",
    answer: fixture("organization-delete-not-found-404"),
    call: del,
    tag: "NotFound",
    message: ["Organization not found: 'org_1'"],
    requestId: undefined
  },
  {
    name: "404 newer form entity_not_found (real, 2024)",
    answer: fixture("other-widgets-token-organization-not-found-404"),
    call: get,
    tag: "NotFound",
    message: ["Organization not found: 'bogus-id'"],
    requestId: "3d383216-51fe-42cd-87e2-7fee32719353",
    check: (e: WorkOSError.NotFound) => assert.strictEqual(e.id, "bogus-id")
  },
  {
    name: "404 on a sub-resource names the organization",
    answer: Scripted.json(404, { message: "Not Found" }, { "x-request-id": "r4" }),
    call: flags,
    tag: "NotFound",
    message: ["Organization not found: 'org_1'"],
    requestId: "r4"
  },
  {
    name: "409 domain conflict (real, 2020)",
    answer: fixture("organization-create-domain-conflict-409"),
    call: create,
    tag: "DomainConflict",
    message: ["An Organization with the domain example.com already exists."],
    requestId: "929940d6-33dd-404c-9856-eca6cc606d28",
    check: (e: WorkOSError.DomainConflict) => assert.strictEqual(e.domain, "example.com")
  },
  {
    name: "409 on update",
    answer: fixture("sdk-fixture-organization-create-domain-conflict-409"),
    call: update,
    tag: "DomainConflict",
    message: ["example.com"],
    requestId: "a-request-id"
  },
  {
    name: "422 newer form keeps code and errors[] (real, 2023)",
    answer: fixture("other-user-management-create-user-422"),
    call: create,
    tag: "ValidationFailed",
    message: ["Validation failed (invalid_request_parameters)", "email_string_required"],
    requestId: "2613d428-dfcc-4a40-8a32-d8b5634ad25e",
    check: (e: WorkOSError.ValidationFailed) => {
      assert.strictEqual(e.code, "invalid_request_parameters")
      assert.deepStrictEqual(e.errors.map((i) => [i.code, i.message]), [[
        "email_string_required",
        "Email should be a non-empty string."
      ]])
    }
  },
  {
    name: "422 older form {field, code} (real, 2020)",
    answer: fixture("other-passwordless-create-session-422"),
    call: listPage,
    tag: "ValidationFailed",
    message: ["email: email must be a string"],
    requestId: "e3ca7215-2b2d-45cf-a04f-90279225f27e",
    check: (e: WorkOSError.ValidationFailed) => {
      assert.isUndefined(e.code)
      assert.deepStrictEqual(e.errors.map((i) => i.field), ["email", "type"])
    }
  },
  {
    name: "422 API-key create (spec)",
    answer: fixture("spec-example-api-keys-create-422"),
    call: createKey,
    tag: "ValidationFailed",
    message: ["Validation failed: event.action: required"],
    requestId: "req_spec-example-api-keys-create-422",
    check: (e: WorkOSError.ValidationFailed) => assert.notInclude(e.message, ".:")
  },
  {
    name: "422 feature disabled {message, error} (SDK fixture)",
    answer: fixture("sdk-fixture-organization-stripe-disabled-422"),
    call: update,
    tag: "ValidationFailed",
    message: ["stripe_customer_id is not enabled for this environment"],
    requestId: "req_sdk-fixture-organization-stripe-disabled-422",
    check: (e: WorkOSError.ValidationFailed) => assert.deepStrictEqual(e.errors, [])
  },
  {
    name: "429 (after the last attempt)",
    answer: Scripted.json(429, { message: "Too many requests" }, { "retry-after": "30", "x-request-id": "r5" }),
    call: get,
    tag: "RateLimited",
    message: ["Too many requests", "retry after 30s"],
    requestId: "r5",
    check: (e: WorkOSError.RateLimited) => assert.deepStrictEqual(e.retryAfter, Duration.seconds(30))
  },
  {
    name: "500 JSON",
    answer: Scripted.json(500, { message: "Internal Server Error" }, { "x-request-id": "r6" }),
    call: del,
    tag: "ServerError",
    message: ["500", "Internal Server Error"],
    requestId: "r6",
    check: (e: WorkOSError.ServerError) => assert.strictEqual(e.status, 500)
  },
  {
    name: "502 HTML from a proxy",
    answer: Scripted.text(502, "<html><body>Bad Gateway</body></html>", { "x-request-id": "r7" }),
    call: get,
    tag: "ServerError",
    message: ["502", "Bad Gateway"],
    requestId: "r7"
  },
  {
    name: "a 4xx whose body is not JSON",
    answer: Scripted.text(404, "Cannot GET /organizations/org_1", { "x-request-id": "r8" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["404", "not a JSON object", "Cannot GET"],
    requestId: "r8"
  },
  {
    name: "a 4xx JSON body without a message",
    answer: Scripted.json(400, { oops: true }, { "x-request-id": "r9" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["no message", "oops"],
    requestId: "r9"
  },
  {
    name: "a 4xx the table does not name: 404 on a list (an unknown route)",
    answer: Scripted.json(404, { message: "Cannot GET /organization" }, { "x-request-id": "r10" }),
    call: listPage,
    tag: "BadRequest",
    message: ["404", "Cannot GET /organization"],
    requestId: "r10",
    check: (e: WorkOSError.BadRequest) => assert.strictEqual(e.status, 404)
  },
  {
    name: "an answer the operation does not document: 422 on a get",
    answer: Scripted.json(422, { message: "Validation failed", errors: [] }, { "x-request-id": "r16" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["422", "ValidationFailed", "Validation failed"],
    requestId: "r16",
    check: (e: WorkOSError.UnexpectedResponse) => assert.strictEqual(e.status, 422)
  },
  {
    name: "an answer the operation does not document: 409 on a get",
    answer: Scripted.json(409, { message: "An Organization with the domain a.com already exists." }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["409", "DomainConflict"],
    requestId: "req_test"
  },
  {
    name: "an answer the operation does not document: idempotency mismatch on update",
    answer: fixture("organization-create-idempotency-mismatch-400"),
    call: update,
    tag: "UnexpectedResponse",
    message: ["400", "IdempotencyKeyReused"],
    requestId: "afbf7322-2e3e-22ae-62a6-08ecdd247a30"
  },
  {
    name: "a 3xx",
    answer: Scripted.text(304, "", { "x-request-id": "r11" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["304", "without a Location; redirects are refused"],
    requestId: "r11"
  },
  {
    name: "a 2xx that is not JSON",
    answer: Scripted.text(200, "<html>maintenance</html>", { "x-request-id": "r12" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["status 200", "not JSON", "maintenance"],
    requestId: "r12"
  },
  {
    name: "a 2xx JSON that is not an Organization",
    answer: Scripted.json(200, { object: "organization", id: "org_1" }, { "x-request-id": "r13" }),
    call: get,
    tag: "UnexpectedResponse",
    message: ["status 200", "Organization", "'name' is missing"],
    requestId: "r13"
  },
  {
    name: "a 2xx list without list_metadata",
    answer: Scripted.json(200, { object: "list", data: [] }, { "x-request-id": "r14" }),
    call: listPage,
    tag: "UnexpectedResponse",
    message: ["'list_metadata' is missing"],
    requestId: "r14"
  },
  {
    name: "a 2xx list with a bad item",
    answer: Scripted.json(200, Wire.list([Wire.organization("org_1", { domains: "x" })]), { "x-request-id": "r15" }),
    call: listPage,
    tag: "UnexpectedResponse",
    message: ["'data[0].domains': Expected ReadonlyArray<", "actual \"x\""],
    requestId: "r15"
  },
  {
    name: "a network error",
    answer: Scripted.transport,
    call: get,
    tag: "RequestFailed",
    message: ["transport error", "fetch failed"],
    requestId: undefined,
    check: (e: WorkOSError.RequestFailed) => assert.strictEqual(e.reason, "Transport")
  }
]

describe("error mapping", () => {
  for (const row of rows) {
    it.effect(`${row.name} → ${row.tag}`, () =>
      Effect.gen(function*() {
        const error = yield* errorOf(row.answer, row.call)
        assert.strictEqual(error._tag, row.tag)
        for (const fragment of row.message) assert.include(error.message, fragment)
        assert.strictEqual("requestId" in error ? error.requestId : undefined, row.requestId)
        if (row.requestId !== undefined) assert.include(error.message, `(request id: ${row.requestId})`)
        row.check?.(error)
      }))
  }

  it.effect("a Stream fails with the page's error", () =>
    Scripted.withLive(
      Scripted.sequence(
        Scripted.json(200, Wire.list([Wire.organization("org_2")], "org_2")),
        Scripted.json(503, { message: "down" }, { "x-request-id": "r20" })
      ),
      (o) =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(Stream.runDrain(o.listOrganizations()))
          assert.strictEqual(error._tag, "ServerError")
          assert.strictEqual(error._tag === "ServerError" ? error.requestId : undefined, "r20")
        }),
      { maxRetries: 0 }
    ))
})
