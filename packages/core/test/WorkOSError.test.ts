/**
 * The wire table of errors: every recorded error response maps to the expected member of the error family,
 * synthetic cases cover what no recording shows (429, 5xx, non-JSON bodies, the Nest-style 400), and the
 * emulator's side (`toResponse`) reads back as the error it was made from.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Duration, Either, FastCheck as fc, Schema } from "effect"
import * as WorkOSError from "../src/WorkOSError.js"
import { fixtures, responseHeaders, type WireFixture } from "./fixtures.js"

const {
  ApiKeyAlreadyExpired,
  BadRequest,
  DomainAlreadyExists,
  DomainAlreadyVerified,
  DomainConflict,
  DomainNotAllowed,
  ExternalIdAlreadyUsed,
  Forbidden,
  IdempotencyKeyReused,
  InvalidMetadata,
  NotFound,
  RateLimited,
  ServerError,
  StripeCustomerIdAlreadyUsed,
  Unauthorized,
  UnexpectedResponse,
  ValidationFailed,
  ValidationIssue
} = WorkOSError

const NUM_RUNS = 200

/** A secret that must never reach an error message. */
const SECRET = "sk_test_a1b2c3d4e5f6SECRET"
const secretHeaders = { Authorization: `Bearer ${SECRET}`, "x-api-key": SECRET }

const assertNoSecret = (error: WorkOSError.WorkOSError) => {
  assert.notInclude(error.message, SECRET)
  assert.notInclude(String(error), SECRET)
  assert.notInclude(JSON.stringify(error), SECRET)
}

// ---------------------------------------------------------------------------------------------------------------
// the recorded error responses
// ---------------------------------------------------------------------------------------------------------------

type RequestId = { readonly requestId?: string }

const message = (fixture: WireFixture): string => (fixture.response.body as { readonly message: string }).message

/**
 * The expected error for each recorded error response (status >= 400). A new vector fails until it gets a row.
 */
const EXPECTED: Record<string, (fixture: WireFixture, rid: RequestId) => WorkOSError.ResponseError> = {
  // 400 with a documented code
  "spec-example-organization-create-external-id-already-used-400.json": (f, rid) =>
    new ExternalIdAlreadyUsed({ detail: message(f), ...rid }),
  "spec-example-organization-create-invalid-metadata-400.json": (f, rid) =>
    new InvalidMetadata({ detail: message(f), ...rid }),
  "spec-example-organization-update-stripe-customer-id-already-used-400.json": (f, rid) =>
    new StripeCustomerIdAlreadyUsed({ detail: message(f), ...rid }),
  // 400 idempotency mismatch: no code, the key is in the message
  "organization-create-idempotency-mismatch-400.json": (f, rid) =>
    new IdempotencyKeyReused({ idempotencyKey: "bar", detail: message(f), ...rid }),
  "other-audit-trail-idempotency-mismatch-400.json": (f, rid) =>
    new IdempotencyKeyReused({ idempotencyKey: "bar", detail: message(f), ...rid }),
  // any other 400 {message, code}
  "other-events-list-missing-events-400.json": (f, rid) =>
    new BadRequest({ status: 400, code: "invalid_events_request", detail: message(f), ...rid }),
  "other-base-unauthenticated-401.json": (_, rid) => new Unauthorized({ detail: "Unauthorized", ...rid }),
  // 404, old form {"message":"Not Found"}: the resource and id come from the request's context
  "organization-get-not-found-404.json": (_, rid) => new NotFound({ resource: "Organization", id: "invalid", ...rid }),
  "organization-delete-not-found-404.json": (_, rid) =>
    new NotFound({ resource: "Organization", id: "invalid", ...rid }),
  // 404, newer form: the resource and id come from the message / entity_id
  "other-widgets-token-organization-not-found-404.json": (_, rid) =>
    new NotFound({ resource: "Organization", id: "bogus-id", ...rid }),
  "other-directories-get-not-found-404.json": (_, rid) =>
    new NotFound({ resource: "Directory", id: "invalid", ...rid }),
  "spec-example-organization-get-404.json": (_, rid) =>
    new NotFound({ resource: "Organization", id: "org_01EHQMYV6MBK39QC5PZXHY59C3", ...rid }),
  // 409: the domain is parsed from the message when it names one
  "organization-create-domain-conflict-409.json": (f, rid) =>
    new DomainConflict({ domain: "example.com", detail: message(f), ...rid }),
  "sdk-fixture-organization-create-domain-conflict-409.json": (f, rid) =>
    new DomainConflict({ domain: "example.com", detail: message(f), ...rid }),
  "other-invitations-send-conflict-409.json": (f, rid) => new DomainConflict({ detail: message(f), ...rid }),
  // 422, every form, keeping errors[]
  "other-user-management-create-user-422.json": (_, rid) =>
    new ValidationFailed({
      code: "invalid_request_parameters",
      detail: "Validation failed",
      errors: [new ValidationIssue({ code: "email_string_required", message: "Email should be a non-empty string." })],
      ...rid
    }),
  "other-passwordless-create-session-422.json": (_, rid) =>
    new ValidationFailed({
      detail: "Validation failed",
      errors: [
        new ValidationIssue({ field: "email", code: "email must be a string" }),
        new ValidationIssue({ field: "type", code: "type must be a valid enum value" })
      ],
      ...rid
    }),
  "other-directory-users-list-missing-filter-422.json": (_, rid) =>
    new ValidationFailed({
      detail: "Validation failed",
      errors: [
        new ValidationIssue({
          field: "directory",
          code: "Please provide either \"directory\" or \"group\" parameters."
        }),
        new ValidationIssue({ field: "group", code: "Please provide either \"directory\" or \"group\" parameters." })
      ],
      ...rid
    }),
  "spec-example-api-keys-create-422.json": (_, rid) =>
    new ValidationFailed({
      detail: "Validation failed.",
      errors: [new ValidationIssue({ code: "required", field: "event.action" })],
      ...rid
    }),
  "sdk-fixture-organization-stripe-disabled-422.json": (_, rid) =>
    new ValidationFailed({ detail: "stripe_customer_id is not enabled for this environment", errors: [], ...rid })
}

/** What the caller knew: requests on `/organizations/{id}` address that organization. */
const contextFor = (fixture: WireFixture): WorkOSError.ResponseContext => {
  const m = /^\/organizations\/([^/]+)$/.exec(fixture.request.path)
  return m === null ? {} : { resource: "Organization", id: decodeURIComponent(m[1]!) }
}

const errorFixtures = fixtures.filter((f) => f.response.status >= 400)

describe("every error response in fixtures/real-wire maps into the error family", () => {
  it("the directory holds error vectors", () => {
    expect(errorFixtures.length).toBeGreaterThanOrEqual(20)
  })

  for (const fixture of errorFixtures) {
    const expected = EXPECTED[fixture.file]
    it(`${fixture.file} (${fixture.response.status})`, () => {
      assert.isDefined(expected, `no expected error for ${fixture.file}: add a row to EXPECTED`)
      const raw = fixture.response.headers["x-request-id"]
      const rid = raw === null || raw === undefined || raw === "" ? {} : { requestId: raw }
      const error = WorkOSError.fromResponse(
        fixture.response.status,
        { ...responseHeaders(fixture), ...secretHeaders },
        fixture.response.body,
        contextFor(fixture)
      )
      expect(error).toEqual(expected!(fixture, rid))
      expect(error.requestId).toBe(rid.requestId)
      assert.isTrue(WorkOSError.isWorkOSError(error))
      assertNoSecret(error)
    })
  }

  it("requestId comes from X-Request-Id (any case); an empty one is no request id", () => {
    const body = { message: "Unauthorized" }
    expect(WorkOSError.fromResponse(401, { "X-Request-ID": "req_1" }, body).requestId).toBe("req_1")
    expect(WorkOSError.fromResponse(401, { "x-request-id": "" }, body).requestId).toBeUndefined()
    expect(WorkOSError.fromResponse(401, {}, body).requestId).toBeUndefined()
    const error = WorkOSError.fromResponse(401, { "x-request-id": "req_1" }, body)
    assert.include(error.message, "req_1")
  })
})

// ---------------------------------------------------------------------------------------------------------------
// synthetic rows: what no recording shows
// ---------------------------------------------------------------------------------------------------------------

describe("synthetic error responses", () => {
  const nowMillis = Date.UTC(2026, 0, 15, 12, 0, 0)
  const rows: ReadonlyArray<{
    readonly name: string
    readonly status: number
    readonly headers?: Record<string, string>
    readonly body: unknown
    readonly expected: WorkOSError.ResponseError
  }> = [
    {
      name: "429 with Retry-After in seconds",
      status: 429,
      headers: { "Retry-After": "7" },
      body: { message: "Too many requests" },
      expected: new RateLimited({ retryAfter: Duration.seconds(7), detail: "Too many requests" })
    },
    {
      name: "429 with an HTTP-date Retry-After, read against nowMillis",
      status: 429,
      headers: { "retry-after": "Thu, 15 Jan 2026 12:00:30 GMT" },
      body: { message: "Too many requests" },
      expected: new RateLimited({ retryAfter: Duration.seconds(30), detail: "Too many requests" })
    },
    {
      name: "429 with an HTTP-date in the past: retry now",
      status: 429,
      headers: { "retry-after": "Thu, 15 Jan 2026 11:00:00 GMT" },
      body: { message: "Too many requests" },
      expected: new RateLimited({ retryAfter: Duration.zero, detail: "Too many requests" })
    },
    {
      name: "429 with an unreadable Retry-After: no retryAfter",
      status: 429,
      headers: { "retry-after": "soon" },
      body: { message: "Too many requests" },
      expected: new RateLimited({ detail: "Too many requests" })
    },
    {
      name: "429 with a non-JSON body from a proxy: still RateLimited, Retry-After kept",
      status: 429,
      headers: { "retry-after": "3", "x-request-id": "req_429" },
      body: "<html>Too Many Requests</html>",
      expected: new RateLimited({
        retryAfter: Duration.seconds(3),
        detail: "<html>Too Many Requests</html>",
        requestId: "req_429"
      })
    },
    {
      name: "429 without Retry-After",
      status: 429,
      body: { message: "Too many requests" },
      expected: new RateLimited({ detail: "Too many requests" })
    },
    {
      name: "500 with a JSON body",
      status: 500,
      body: { message: "Internal Server Error" },
      expected: new ServerError({ status: 500, detail: "Internal Server Error" })
    },
    {
      name: "502 with an HTML proxy page",
      status: 502,
      body: "<html><body>502 Bad Gateway</body></html>",
      expected: new ServerError({ status: 502, detail: "<html><body>502 Bad Gateway</body></html>" })
    },
    {
      name: "503 with an empty body",
      status: 503,
      body: "",
      expected: new ServerError({ status: 503, detail: "" })
    },
    {
      name: "400 with a non-JSON body",
      status: 400,
      body: "<html>Bad Request</html>",
      expected: new UnexpectedResponse({
        status: 400,
        excerpt: "<html>Bad Request</html>",
        detail: "the error body is not a JSON object"
      })
    },
    {
      name: "404 with an empty body",
      status: 404,
      body: "",
      expected: new UnexpectedResponse({ status: 404, excerpt: "", detail: "the error body is not a JSON object" })
    },
    {
      name: "4xx JSON without a message",
      status: 400,
      body: { code: "x" },
      expected: new UnexpectedResponse({
        status: 400,
        excerpt: "{\"code\":\"x\"}",
        detail: "the error body has no message"
      })
    },
    {
      name: "Nest-style 400 with a message array (unknown query key)",
      status: 400,
      body: { message: ["property organizationId should not exist"], error: "Bad Request", statusCode: 400 },
      expected: new BadRequest({
        status: 400,
        detail: "property organizationId should not exist",
        messages: ["property organizationId should not exist"]
      })
    },
    {
      name: "403",
      status: 403,
      body: { message: "The API key does not have the required permissions" },
      expected: new Forbidden({ detail: "The API key does not have the required permissions" })
    },
    {
      name: "404 for an unknown route (Cannot GET)",
      status: 404,
      body: { message: "Cannot GET /organizations/org_1/feature_flags", error: "Not Found", statusCode: 404 },
      expected: new BadRequest({ status: 404, detail: "Cannot GET /organizations/org_1/feature_flags" })
    },
    {
      name: "422 whose errors[] holds a non-object",
      status: 422,
      body: { message: "Validation failed", errors: ["oops"] },
      expected: new UnexpectedResponse({
        status: 422,
        excerpt: "{\"message\":\"Validation failed\",\"errors\":[\"oops\"]}",
        detail: "a 422 errors[] entry is not an object"
      })
    },
    {
      name: "another 4xx (413) with {message}",
      status: 413,
      body: { message: "Payload Too Large" },
      expected: new BadRequest({ status: 413, detail: "Payload Too Large" })
    }
  ]

  for (const row of rows) {
    it(row.name, () => {
      const error = WorkOSError.fromResponse(row.status, { ...row.headers, ...secretHeaders }, row.body, { nowMillis })
      expect(error).toEqual(row.expected)
      assertNoSecret(error)
    })
  }

  it("a long body is cut to a short excerpt", () => {
    const error = WorkOSError.fromResponse(400, {}, "x".repeat(10_000))
    assert.strictEqual(error._tag, "UnexpectedResponse")
    const excerpt = (error as WorkOSError.UnexpectedResponse).excerpt
    expect(excerpt.length).toBeLessThanOrEqual(201)
    assert.isTrue(excerpt.startsWith("x".repeat(200)))
  })

  it.prop(
    "no error message contains a secret passed in the headers",
    [
      fc.integer({ min: 400, max: 599 }),
      fc.oneof(
        fc.jsonValue(),
        fc.string(),
        fc.record({ message: fc.string(), code: fc.string() }, { requiredKeys: ["message"] })
      ),
      fc.option(fc.string({ minLength: 1 }), { nil: undefined })
    ],
    ([status, body, requestId]) => {
      const headers = { ...secretHeaders, ...(requestId === undefined ? {} : { "x-request-id": requestId }) }
      assertNoSecret(WorkOSError.fromResponse(status, headers, body, { nowMillis: 0 }))
    },
    { fastCheck: { numRuns: NUM_RUNS } }
  )
})

// ---------------------------------------------------------------------------------------------------------------
// toResponse then fromResponse
// ---------------------------------------------------------------------------------------------------------------

/**
 * Server-side errors as a server (the real API, the fake) makes them, one arbitrary per kind: WorkOS's own texts
 * where the client reads structure out of the message (the idempotency key, the conflicting domain,
 * `Unauthorized`), no key set to `undefined`, and a BadRequest status that no other row of the table claims.
 */
const serverSideErrors = (() => {
  const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }))
  const rid = fc.option(text.filter((s) => s !== ""), { nil: undefined }).map((requestId) =>
    requestId === undefined ? {} : { requestId }
  )
  const optional = <K extends string, A>(key: K, arb: fc.Arbitrary<A>) =>
    fc.option(arb, { nil: undefined }).map((a) => (a === undefined ? {} : { [key]: a }) as { readonly [k in K]?: A })
  // a 422 with a domain_not_allowed issue is a DomainNotAllowed
  const issue = fc
    .tuple(
      optional("code", text.filter((c) => c !== "domain_not_allowed")),
      optional("field", text),
      optional("message", text)
    )
    .map(([code, field, message]) => new ValidationIssue({ ...code, ...field, ...message }))
  const notSpecial400 = (detail: string) => !/^Another idempotency key \(/.test(detail)
  const specialCodes = [
    "external_id_already_used",
    "invalid_metadata",
    "stripe_customer_id_already_used",
    "domain_already_verified"
  ]
  return {
    NotFound: fc.record({
      resource: fc.constantFrom("Organization", "User", "Directory", "Organization Membership"),
      id: text,
      rid
    }).map(({ id, resource, rid }) => new NotFound({ resource, id, ...rid })),
    ExternalIdAlreadyUsed: fc.record({ detail: text, rid }).map(({ detail, rid }) =>
      new ExternalIdAlreadyUsed({ detail, ...rid })
    ),
    InvalidMetadata: fc.record({ detail: text, rid }).map(({ detail, rid }) => new InvalidMetadata({ detail, ...rid })),
    StripeCustomerIdAlreadyUsed: fc.record({ detail: text, rid }).map(({ detail, rid }) =>
      new StripeCustomerIdAlreadyUsed({ detail, ...rid })
    ),
    IdempotencyKeyReused: fc.record({ key: text, rid }).map(({ key, rid }) =>
      new IdempotencyKeyReused({
        idempotencyKey: key,
        detail:
          `Another idempotency key (${key}) with different request parameters was found. Please use a different idempotency key.`,
        ...rid
      })
    ),
    DomainConflict: fc.oneof(
      fc.record({ domain: fc.domain(), rid }).map(({ domain, rid }) =>
        new DomainConflict({ domain, detail: `An Organization with the domain ${domain} already exists.`, ...rid })
      ),
      fc.record({ detail: text.filter((s) => !s.startsWith("An Organization with the domain ")), rid }).map((
        { detail, rid }
      ) => new DomainConflict({ detail, ...rid }))
    ),
    ApiKeyAlreadyExpired: fc.record({ detail: text, rid }).map(({ detail, rid }) =>
      new ApiKeyAlreadyExpired({ detail, ...rid })
    ),
    DomainAlreadyExists: fc.oneof(
      fc.record({ domain: fc.domain(), rid }).map(({ domain, rid }) =>
        new DomainAlreadyExists({ domain, detail: `An Organization with the domain ${domain} already exists.`, ...rid })
      ),
      fc.record({ detail: text.filter((s) => !s.startsWith("An Organization with the domain ")), rid }).map((
        { detail, rid }
      ) => new DomainAlreadyExists({ detail, ...rid }))
    ),
    DomainAlreadyVerified: fc.record({ detail: text, rid }).map(({ detail, rid }) =>
      new DomainAlreadyVerified({ detail, ...rid })
    ),
    DomainNotAllowed: fc.oneof(
      fc.record({ domain: fc.domain(), detail: text, rid }).map(({ detail, domain, rid }) =>
        new DomainNotAllowed({
          domain,
          detail,
          reason: `${domain} is a consumer domain and cannot be added to an organization.`,
          ...rid
        })
      ),
      fc.record({ detail: text, reason: text.filter((s) => !/ is a consumer domain and cannot be added/.test(s)), rid })
        .map(({ detail, reason, rid }) => new DomainNotAllowed({ detail, reason, ...rid }))
    ),
    ValidationFailed: fc.record({
      code: optional("code", text),
      detail: text,
      errors: fc.array(issue, { maxLength: 3 }),
      rid
    }).map(({ code, detail, errors, rid }) => new ValidationFailed({ ...code, detail, errors, ...rid })),
    BadRequest: fc.oneof(
      fc.record({
        status: fc.constantFrom(400, 405, 406, 408, 410, 413, 415, 418),
        code: optional("code", text.filter((c) => !specialCodes.includes(c))),
        detail: text.filter(notSpecial400),
        rid
      }).map(({ code, detail, rid, status }) => new BadRequest({ status, ...code, detail, ...rid })),
      // the Nest style: WorkOS sends the messages, the detail is their join
      fc.record({ messages: fc.array(text, { maxLength: 3 }), rid })
        .filter(({ messages }) => notSpecial400(messages.join("; ")))
        .map(({ messages, rid }) => new BadRequest({ status: 400, detail: messages.join("; "), messages, ...rid }))
    ),
    Unauthorized: rid.map((rid) => new Unauthorized({ detail: "Unauthorized", ...rid })),
    Forbidden: fc.record({ detail: text, rid }).map(({ detail, rid }) => new Forbidden({ detail, ...rid })),
    RateLimited: fc.record({ seconds: optional("retryAfter", fc.integer({ min: 0, max: 3600 })), detail: text, rid })
      .map(({ detail, rid, seconds }) =>
        new RateLimited({
          ...(seconds.retryAfter === undefined ? {} : { retryAfter: Duration.seconds(seconds.retryAfter) }),
          detail,
          ...rid
        })
      ),
    ServerError: fc.record({ status: fc.integer({ min: 500, max: 599 }), detail: text, rid }).map((
      { detail, rid, status }
    ) => new ServerError({ status, detail, ...rid }))
  } satisfies {
    readonly [Tag in WorkOSError.ServerSideError["_tag"]]: fc.Arbitrary<
      Extract<WorkOSError.ServerSideError, { _tag: Tag }>
    >
  }
})()

describe("toResponse then fromResponse", () => {
  for (const [tag, arbitrary] of Object.entries(serverSideErrors)) {
    it.prop(
      `${tag}: gives back an equal error`,
      [arbitrary as fc.Arbitrary<WorkOSError.ServerSideError>],
      ([error]) => {
        expect(error._tag).toBe(tag)
        const response = WorkOSError.toResponse(error)
        // what the emulator puts on the wire: a JSON body, its headers, and the request id it generated
        const body: unknown = JSON.parse(JSON.stringify(response.body))
        const headers = {
          ...response.headers,
          ...(error.requestId === undefined ? {} : { "x-request-id": error.requestId })
        }
        expect(response.status).toBeGreaterThanOrEqual(400)
        expect(WorkOSError.fromResponse(response.status, headers, body)).toEqual(error)
      },
      { fastCheck: { numRuns: NUM_RUNS } }
    )
  }

  it("the answers WIRE.md §8.4 recommends", () => {
    expect(WorkOSError.toResponse(new NotFound({ resource: "Organization", id: "org_1" }))).toEqual({
      status: 404,
      body: { message: "Organization not found: 'org_1'.", code: "entity_not_found", entity_id: "org_1" },
      headers: {}
    })
    expect(WorkOSError.toResponse(new RateLimited({ retryAfter: Duration.millis(1_500), detail: "Too many requests" })))
      .toEqual({ status: 429, body: { message: "Too many requests" }, headers: { "retry-after": "2" } })
    expect(WorkOSError.toResponse(new Unauthorized({ detail: "whatever" }))).toEqual({
      status: 401,
      body: { message: "Unauthorized" },
      headers: {}
    })
  })
})

describe("each class owns its wire form", () => {
  it("the status table is derived from the classes: code-discriminated classes first, BadRequest last", () => {
    expect(WorkOSError.tagsAt(400)).toEqual([
      "ExternalIdAlreadyUsed",
      "InvalidMetadata",
      "StripeCustomerIdAlreadyUsed",
      "DomainAlreadyVerified",
      "IdempotencyKeyReused",
      "BadRequest"
    ])
    expect(WorkOSError.tagsAt(404)).toEqual(["NotFound", "BadRequest"])
    // a status one class takes whole never falls through to the catch-all
    expect(WorkOSError.tagsAt(401)).toEqual(["Unauthorized"])
    expect(WorkOSError.tagsAt(403)).toEqual(["Forbidden"])
    // told apart by the code: the organizations' 409 has none
    expect(WorkOSError.tagsAt(409)).toEqual(["ApiKeyAlreadyExpired", "DomainAlreadyExists", "DomainConflict"])
    // told apart by a domain_not_allowed issue
    expect(WorkOSError.tagsAt(422)).toEqual(["DomainNotAllowed", "ValidationFailed"])
    expect(WorkOSError.tagsAt(429)).toEqual(["RateLimited"])
    expect(WorkOSError.tagsAt(413)).toEqual(["BadRequest"])
    expect(WorkOSError.tagsAt(500)).toEqual(["ServerError"])
    expect(WorkOSError.tagsAt(599)).toEqual(["ServerError"])
    expect(WorkOSError.tagsAt(200)).toEqual([])
    expect(WorkOSError.tagsAt(302)).toEqual([])
  })

  it("every class a server answers with has a wire form, and only those", () => {
    const wired = WorkOSError.ServerSideError.members.map((member) => member._tag)
    expect([...wired].sort()).toEqual(Object.keys(serverSideErrors).sort())
    for (const status of [400, 401, 403, 404, 409, 413, 422, 429, 500, 503]) {
      for (const tag of WorkOSError.tagsAt(status)) assert.include(wired, tag)
    }
  })

  // each member's schema as a plain schema: the members' own types differ, so a loop sees their union
  const members: ReadonlyArray<{
    readonly _tag: WorkOSError.ServerSideError["_tag"]
    readonly wire: Omit<WorkOSError.Wire<WorkOSError.ServerSideError>, "schema"> & {
      readonly schema: Schema.Schema.AnyNoContext
    }
  }> = WorkOSError.ServerSideError.members
  for (const member of members) {
    const arbitrary = serverSideErrors[member._tag] as fc.Arbitrary<WorkOSError.ServerSideError>
    it.prop(
      `${member._tag}: its wire schema decodes what it encodes, request id and Retry-After included`,
      [arbitrary],
      ([error]) => {
        const answer = Schema.encodeUnknownSync(member.wire.schema)(error)
        expect(answer.requestId).toBe(error.requestId)
        expect(WorkOSError.tagsAt(answer.status)).toContain(error._tag)
        expect(member.wire.decode(answer)).toEqual(Either.right(error))
      },
      { fastCheck: { numRuns: NUM_RUNS } }
    )
  }

  it("the API key's 409 is told from the domain conflict by its code, in WorkOS's words (S l.522-590)", () => {
    const expired = ApiKeyAlreadyExpired.standard()
    expect(WorkOSError.toResponse(expired)).toEqual({
      status: 409,
      body: { code: "api_key_already_expired", message: "API key is already expired" },
      headers: {}
    })
    expect(WorkOSError.fromResponse(409, { "X-Request-ID": "req_1" }, WorkOSError.toResponse(expired).body)).toEqual(
      new ApiKeyAlreadyExpired({ detail: "API key is already expired", requestId: "req_1" })
    )
    // a 409 with another code, or none, stays a DomainConflict
    expect(WorkOSError.fromResponse(409, {}, { code: "conflict", message: "m" })._tag).toBe("DomainConflict")
    expect(expired.message).toContain("api_key_already_expired")
  })

  it("the domain endpoints' errors, in WorkOS's words (S l.9343, l.9507) and the chosen 422 (WIRE-LIFECYCLE §7 #13)", () => {
    expect(WorkOSError.toResponse(DomainAlreadyExists.inThisOrganization())).toEqual({
      status: 409,
      body: { code: "domain_already_exists", message: "Domain already exists for this organization." },
      headers: {}
    })
    // the documented text names no domain; the other organization's names it
    expect(
      WorkOSError.fromResponse(409, {}, {
        code: "domain_already_exists",
        message: "Domain already exists for this organization."
      })
    )
      .toEqual(new DomainAlreadyExists({ detail: "Domain already exists for this organization." }))
    expect(
      WorkOSError.fromResponse(409, {}, WorkOSError.toResponse(DomainAlreadyExists.verifiedElsewhere("a.com")).body)
    ).toEqual(DomainAlreadyExists.verifiedElsewhere("a.com"))
    expect(WorkOSError.toResponse(DomainAlreadyVerified.standard())).toEqual({
      status: 400,
      body: { code: "domain_already_verified", message: "Domain is already verified." },
      headers: {}
    })
    expect(WorkOSError.fromResponse(400, { "x-request-id": "r" }, { code: "domain_already_verified", message: "m" }))
      .toEqual(new DomainAlreadyVerified({ detail: "m", requestId: "r" }))
    const consumer = WorkOSError.toResponse(DomainNotAllowed.forDomain("gmail.com"))
    expect(consumer).toEqual({
      status: 422,
      body: {
        code: "invalid_request_parameters",
        message: "Validation failed",
        errors: [{
          code: "domain_not_allowed",
          message: "gmail.com is a consumer domain and cannot be added to an organization."
        }]
      },
      headers: {}
    })
    expect(WorkOSError.fromResponse(422, {}, consumer.body)).toEqual(DomainNotAllowed.forDomain("gmail.com"))
    // any other 422 stays a ValidationFailed, and a 409 without a known code a DomainConflict
    expect(WorkOSError.fromResponse(422, {}, { message: "Validation failed", errors: [{ code: "x" }] })._tag).toBe(
      "ValidationFailed"
    )
    expect(WorkOSError.fromResponse(409, {}, { message: "An Organization with the domain a.com already exists." }))
      .toEqual(DomainConflict.forDomain("a.com"))
  })

  it("the fake's texts are WorkOS's (WIRE.md §8.2), made by the wire form and read back by it", () => {
    const reused = IdempotencyKeyReused.forKey("bar")
    const recorded = fixtures.find((f) => f.file === "organization-create-idempotency-mismatch-400.json")!
    assert.strictEqual(reused.detail, message(recorded))
    expect(WorkOSError.toResponse(reused)).toEqual({ status: 400, body: { message: message(recorded) }, headers: {} })
    expect(WorkOSError.fromResponse(400, {}, WorkOSError.toResponse(reused).body)).toEqual(reused)

    const conflict = DomainConflict.forDomain("example.com")
    const recorded409 = fixtures.find((f) => f.file === "organization-create-domain-conflict-409.json")!
    assert.strictEqual(conflict.detail, message(recorded409))
    expect(WorkOSError.fromResponse(409, {}, WorkOSError.toResponse(conflict).body)).toEqual(conflict)
  })

  it("a message that only looks like a carried field is read as WorkOS would mean it", () => {
    // without its final period the domain is still named
    expect(WorkOSError.fromResponse(409, {}, { message: "An Organization with the domain a.io already exists" }))
      .toEqual(new DomainConflict({ domain: "a.io", detail: "An Organization with the domain a.io already exists" }))
    // another 409 text names no domain
    expect(WorkOSError.fromResponse(409, {}, { message: "An Invitation with the email x@y.z already exists." }))
      .toEqual(new DomainConflict({ detail: "An Invitation with the email x@y.z already exists." }))
    // a 400 without a code and without the mismatch text is a BadRequest, not an idempotency error
    expect(WorkOSError.fromResponse(400, {}, { message: "Another key (k) was found." }))
      .toEqual(new BadRequest({ status: 400, detail: "Another key (k) was found." }))
    // a 400 with an unknown code is a BadRequest keeping the code
    expect(WorkOSError.fromResponse(400, {}, { code: "invalid_metadatum", message: "m" }))
      .toEqual(new BadRequest({ status: 400, code: "invalid_metadatum", detail: "m" }))
  })
})

describe("messages say a thing once and read as sentences", () => {
  it("IdempotencyKeyReused: WorkOS's own sentence is not repeated; other text it says is kept", () => {
    const reused = new IdempotencyKeyReused({
      idempotencyKey: "k-1",
      detail:
        "Another idempotency key (k-1) with different request parameters was found. Please use a different idempotency key."
    })
    assert.strictEqual(
      reused.message,
      "The Idempotency-Key 'k-1' was already used with different request parameters: send a different request with a new key."
    )
    const other = new IdempotencyKeyReused({ detail: "Key reused within 24 hours." })
    assert.include(other.message, "WorkOS said: Key reused within 24 hours.")
  })

  it("ValidationFailed: a detail ending in '.' or ':' joins its issues without it", () => {
    const message = (detail: string, code?: string) =>
      new ValidationFailed({
        detail,
        ...(code === undefined ? {} : { code }),
        errors: [new ValidationIssue({ field: "name", code: "required" })]
      }).message
    assert.strictEqual(message("Validation failed."), "Validation failed: name: required")
    assert.strictEqual(message("Validation failed:"), "Validation failed: name: required")
    assert.strictEqual(
      message("Validation failed", "invalid_request_parameters"),
      "Validation failed (invalid_request_parameters): name: required"
    )
    // without issues the detail stays as WorkOS wrote it
    assert.strictEqual(new ValidationFailed({ detail: "Validation failed.", errors: [] }).message, "Validation failed.")
  })

  it("excerpt: a body nested 200,000 levels deep is cut, not a RangeError", () => {
    const deep = JSON.parse(`{"a":`.repeat(200_000) + "1" + "}".repeat(200_000))
    const text = WorkOSError.excerpt(deep)
    assert.strictEqual(text, `${`{"a":`.repeat(40)}…`)
    assert.strictEqual(WorkOSError.excerpt({ message: "short" }), `{"message":"short"}`)
  })
})
