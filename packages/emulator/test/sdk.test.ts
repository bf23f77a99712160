/**
 * The official Node SDK against the emulator, in each verified version (`@workos-inc/node` 11.0.0, 12.3.0 and
 * 8.13.0): every one of our ten operations through that version's own method, `autoPagination()`, and the
 * exceptions WIRE.md §8.5 predicts. One suite for all three; where the versions differ, the table below says how and
 * the tests assert it for each version.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Emulator from "../src/Emulator.js"
import { call, KEY } from "./support/Client.js"
import * as Official from "./support/Official.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** How the versions differ, as observed against the emulator; every field is asserted below. */
const differences: Record<Official.Version, {
  /** A wire timestamp as the SDK hands it back. */
  readonly timestamps: "ISO string" | "Date"
  /** The path `listOrganizationRoles` requests. */
  readonly rolesPath: "current" | "legacy"
  /** Whether ids in paths are percent-encoded (8.x sends `a/b c?x:y` raw, so it names another route). */
  readonly encodesPathIds: boolean
  /** Whether exceptions carry the answer's `X-Request-ID` (8.x reads it as `headers["X-Request-ID"]` off a `Headers`, so always `""`). */
  readonly requestIds: boolean
  /** Whether the SDK sends and reads an API key's `expires_at`. */
  readonly expiresAt: boolean
  /** Whether `ConflictException` is exported (8.x throws it on 409 without exporting it). */
  readonly exportsConflictException: boolean
  /** Whether `GenericServerException` has the body's `code` (8.x keeps it only in `rawData`). */
  readonly genericServerExceptionCode: boolean
}> = {
  "8.13.0": {
    timestamps: "ISO string",
    rolesPath: "legacy",
    encodesPathIds: false,
    requestIds: false,
    expiresAt: false,
    exportsConflictException: false,
    genericServerExceptionCode: false
  },
  "11.0.0": {
    timestamps: "ISO string",
    rolesPath: "current",
    encodesPathIds: true,
    requestIds: true,
    expiresAt: false,
    exportsConflictException: true,
    genericServerExceptionCode: true
  },
  "12.3.0": {
    timestamps: "Date",
    rolesPath: "current",
    encodesPathIds: true,
    requestIds: true,
    expiresAt: true,
    exportsConflictException: true,
    genericServerExceptionCode: true
  }
}

/** `org_` plus a valid ULID whose time part is fixed and whose random part is `i`. */
const orgId = (i: number) => `org_01J${String(i).padStart(23, "0")}`

const journal = (baseUrl: string) =>
  Effect.map(
    Effect.flatMap(call(baseUrl, "/_emulator/journal"), (a) => Schema.decodeUnknown(Emulator.Journal)(a.json)),
    (journal) => journal.data
  )

/** The last journaled request of the suite's key. */
const lastRequest = (baseUrl: string) => Effect.map(journal(baseUrl), (entries) => entries[entries.length - 1]!)

/** Runs `f` and returns what it threw. */
const rejection = (f: () => Promise<unknown>) =>
  Effect.promise(() =>
    f().then(
      () => assert.fail("expected the SDK call to throw"),
      (error: unknown) => error as Error & Record<string, any>
    )
  )

/** The wire JSON of an organization, as the emulator answers it to a plain GET. */
const wireOrganization = (baseUrl: string, id: string) =>
  Effect.map(call(baseUrl, `/organizations/${id}`), (answer) => answer.json)

describe.each(Official.versions.map((official) => [official.version, official] as const))(
  "@workos-inc/node %s against the emulator",
  (version, official) => {
    const facts = differences[version]
    /** What this version makes of a wire timestamp. */
    const timestamp = (wire: string): Official.Timestamp => facts.timestamps === "Date" ? new Date(wire) : wire
    /** The request id an exception of this version carries for an answer with `requestId`. */
    const carried = (requestId: string) => facts.requestIds ? requestId : ""

    it.scopedLive("organizations: create, get, get by external id, update, list, delete", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const workos = official.client(port, KEY)
        const created = yield* Effect.promise(() =>
          workos.createOrganization(
            {
              name: "Foo Corp",
              domainData: [{ domain: "foo-corp.com", state: "verified" }],
              externalId: "a/b c?x:y",
              metadata: { tier: "diamond" }
            },
            { idempotencyKey: "create-foo" }
          )
        )
        expect(created).toMatchObject({
          object: "organization",
          name: "Foo Corp",
          externalId: "a/b c?x:y",
          metadata: { tier: "diamond" },
          domains: [{ domain: "foo-corp.com", state: "verified", verificationStrategy: "manual" }]
        })
        assert.match(created.id, /^org_[0-9A-HJKMNP-TV-Z]{26}$/)
        const wire = yield* wireOrganization(baseUrl, created.id)
        expect([created.createdAt, created.updatedAt, created.domains[0]!.createdAt]).toEqual([
          timestamp(wire.created_at),
          timestamp(wire.updated_at),
          timestamp(wire.domains[0].created_at)
        ])
        expect(created.createdAt instanceof Date ? "Date" : typeof created.createdAt === "string" ? "ISO string" : "?")
          .toBe(facts.timestamps)

        expect(yield* Effect.promise(() => workos.getOrganization(created.id))).toEqual(created)
        if (facts.encodesPathIds) {
          expect(yield* Effect.promise(() => workos.getOrganizationByExternalId("a/b c?x:y"))).toEqual(created)
          expect((yield* lastRequest(baseUrl)).path).toBe("/organizations/external_id/a%2Fb%20c%3Fx:y")
        } else {
          // the raw id ends the path at `?` and splits it at `/`: a route the emulator does not have
          const raw = yield* rejection(() => workos.getOrganizationByExternalId("a/b c?x:y"))
          assert.instanceOf(raw, official.exceptions.NotFound)
          expect(raw.message).toBe("Cannot GET /organizations/external_id/a/b%20c?x:y")
        }
        // an id that needs no encoding works in every version
        yield* Effect.promise(() => workos.updateOrganization({ organization: created.id, externalId: "foo-corp" }))
        expect((yield* Effect.promise(() => workos.getOrganizationByExternalId("foo-corp"))).id).toBe(created.id)

        const updated = yield* Effect.promise(() =>
          workos.updateOrganization({
            organization: created.id,
            name: "Foo Corp 2",
            domainData: [{ domain: "foo-corp.com", state: "verified" }],
            stripeCustomerId: "cus_R9qWAGMQ6nGE7V",
            externalId: null,
            metadata: { tier: "gold" }
          })
        )
        expect(updated).toMatchObject({
          id: created.id,
          name: "Foo Corp 2",
          externalId: null,
          stripeCustomerId: "cus_R9qWAGMQ6nGE7V",
          metadata: { tier: "gold" }
        })
        const cleared = yield* Effect.promise(() =>
          workos.updateOrganization({ organization: created.id, stripeCustomerId: null })
        )
        assert.isUndefined(cleared.stripeCustomerId)

        const other = yield* Effect.promise(() =>
          workos.createOrganization({ name: "Bar", domainData: [{ domain: "bar.com", state: "pending" }] })
        )
        const byDomain = yield* Effect.promise(() => workos.listOrganizations({ domains: ["bar.com"] }))
        expect(byDomain.data.map((o) => o.id)).toEqual([other.id])
        expect(byDomain.listMetadata).toEqual({ before: null, after: null })
        const both = yield* Effect.promise(() =>
          workos.listOrganizations({ domains: ["bar.com", "foo-corp.com"], order: "asc" })
        )
        expect(both.data.map((o) => o.id)).toEqual([created.id, other.id])

        yield* Effect.promise(() => workos.deleteOrganization(other.id))
        expect((yield* lastRequest(baseUrl)).status).toBe(202)
        const gone = yield* rejection(() => workos.getOrganization(other.id))
        assert.instanceOf(gone, official.exceptions.NotFound)
      }))

    it.scopedLive("autoPagination walks every list to its end", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const organizations = Array.from({ length: 230 }, (_, i) => ({ id: orgId(i + 1), name: `Org ${i + 1}` }))
        const seeded = yield* call(baseUrl, "/_emulator/seed", {
          method: "POST",
          body: {
            organizations,
            featureFlags: Array.from({ length: 120 }, (_, i) => ({ slug: `flag-${i}`, enabledFor: [orgId(1)] })),
            apiKeys: Array.from({ length: 105 }, (_, i) => ({ organizationId: orgId(1), name: `key ${i}` }))
          }
        })
        expect(seeded.status).toBe(200)
        const workos = official.client(port, KEY)

        const orgs = yield* Effect.promise(async () => (await workos.listOrganizations()).autoPagination())
        expect(orgs.map((o) => o.id)).toEqual(organizations.map((o) => o.id).reverse())

        const flags = yield* Effect.promise(async () =>
          (await workos.listOrganizationFeatureFlags({ organizationId: orgId(1) })).autoPagination()
        )
        expect(new Set(flags.map((f) => f.slug)).size).toBe(120)
        const noFlags = yield* Effect.promise(() => workos.listOrganizationFeatureFlags({ organizationId: orgId(2) }))
        expect(noFlags.data).toEqual([])

        const keys = yield* Effect.promise(async () =>
          (await workos.listOrganizationApiKeys({ organizationId: orgId(1) })).autoPagination()
        )
        expect(new Set(keys.map((k) => k.name)).size).toBe(105)

        const limited = yield* Effect.promise(async () =>
          (await workos.listOrganizations({ limit: 7, order: "asc" })).autoPagination()
        )
        expect(limited.map((o) => o.id)).toEqual(organizations.slice(0, 7).map((o) => o.id))
        const page = yield* Effect.promise(() => workos.listOrganizations({ limit: 2, order: "asc", after: orgId(2) }))
        expect(page.data.map((o) => o.id)).toEqual([orgId(3), orgId(4)])
        expect(page.listMetadata).toEqual({ before: orgId(3), after: orgId(4) })
      }))

    it.scopedLive("roles, feature flags and API keys", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const workos = official.client(port, KEY)
        const org = yield* Effect.promise(() => workos.createOrganization({ name: "Keys" }))
        yield* call(baseUrl, "/_emulator/seed", {
          method: "POST",
          body: {
            organizationRoles: [{ organizationId: org.id, slug: "billing", name: "Billing", permissions: ["b:r"] }],
            featureFlags: [{ slug: "beta", name: "Beta", enabledFor: [org.id] }]
          }
        })
        const roles = yield* Effect.promise(() => workos.listOrganizationRoles(org.id))
        expect(roles.data.map((r) => [r.slug, r.type])).toEqual([
          ["admin", "EnvironmentRole"],
          ["member", "EnvironmentRole"],
          ["billing", "OrganizationRole"]
        ])
        const rolesRequest = yield* lastRequest(baseUrl)
        expect([rolesRequest.operation, rolesRequest.path]).toEqual([
          "listOrganizationRoles",
          facts.rolesPath === "legacy"
            ? `/organizations/${org.id}/roles`
            : `/authorization/organizations/${org.id}/roles`
        ])
        const wireRoles = yield* call(baseUrl, `/authorization/organizations/${org.id}/roles`)
        expect(roles.data.map((r) => r.createdAt)).toEqual(
          wireRoles.json.data.map((r: { created_at: string }) => timestamp(r.created_at))
        )

        const flags = yield* Effect.promise(() => workos.listOrganizationFeatureFlags({ organizationId: org.id }))
        expect(flags.data.map((f) => f.slug)).toEqual(["beta"])

        const expiresAt = new Date("2031-01-02T03:04:05.000Z")
        const created = yield* Effect.promise(() =>
          workos.createOrganizationApiKey({ organizationId: org.id, name: "ci", permissions: ["p:r"], expiresAt })
        )
        expect(created).toMatchObject({ object: "api_key", name: "ci", permissions: ["p:r"] })
        assert.isString(created.value)
        expect(created.obfuscatedValue).toBe(`sk_...${created.value.slice(-4)}`)
        const listed = yield* Effect.promise(() => workos.listOrganizationApiKeys({ organizationId: org.id }))
        expect(listed.data.map((k) => k.id)).toEqual([created.id])
        assert.isFalse("value" in listed.data[0]!)
        // what the emulator stored, and what the SDK makes of it
        const wireKeys = yield* call(baseUrl, `/organizations/${org.id}/api_keys`)
        expect(wireKeys.json.data[0].expires_at).toBe(facts.expiresAt ? expiresAt.toISOString() : null)
        expect([created.expiresAt, listed.data[0]!.expiresAt]).toEqual(
          facts.expiresAt ? [expiresAt, expiresAt] : [undefined, undefined]
        )
        expect(listed.data[0]!.createdAt).toEqual(timestamp(wireKeys.json.data[0].created_at))
      }))

    it.scopedLive("the predicted exceptions, each with the answer's X-Request-ID where the version reads it", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const workos = official.client(port, KEY)
        yield* Effect.promise(() =>
          workos.createOrganization({
            name: "Taken",
            externalId: "ext-1",
            domainData: [{ domain: "taken.com", state: "verified" }]
          })
        )

        const notFound = yield* rejection(() => workos.getOrganization(orgId(99)))
        assert.instanceOf(notFound, official.exceptions.NotFound)
        expect(notFound.code).toBe("entity_not_found")
        expect(notFound.requestID).toBe(carried((yield* lastRequest(baseUrl)).requestId))

        const externalId = yield* rejection(() => workos.createOrganization({ name: "Again", externalId: "ext-1" }))
        assert.instanceOf(externalId, official.exceptions.Generic)
        expect([externalId.status, externalId.rawData.code]).toEqual([400, "external_id_already_used"])
        expect(externalId.code).toBe(facts.genericServerExceptionCode ? "external_id_already_used" : undefined)
        expect(externalId.requestID).toBe(carried((yield* lastRequest(baseUrl)).requestId))

        const conflict = yield* rejection(() =>
          workos.createOrganization({ name: "Clash", domainData: [{ domain: "taken.com", state: "verified" }] })
        )
        expect([conflict.name, conflict.status]).toEqual(["ConflictException", 409])
        expect(official.exceptions.Conflict !== undefined).toBe(facts.exportsConflictException)
        if (official.exceptions.Conflict !== undefined) assert.instanceOf(conflict, official.exceptions.Conflict)
        expect(conflict.message).toBe("An Organization with the domain taken.com already exists.")
        expect(conflict.requestID).toBe(carried((yield* lastRequest(baseUrl)).requestId))

        const unprocessable = yield* rejection(() => workos.listOrganizations({ limit: 1000 }))
        assert.instanceOf(unprocessable, official.exceptions.Unprocessable)
        expect(unprocessable.code).toBe("invalid_request_parameters")
        expect(unprocessable.message).toBe("The following requirement must be met:\n\tlimit_invalid\n")
        expect(unprocessable.requestID).toBe(carried((yield* lastRequest(baseUrl)).requestId))

        const unauthorized = yield* rejection(() => official.client(port, "sk_live_nope").listOrganizations())
        assert.instanceOf(unauthorized, official.exceptions.Unauthorized)
        if (facts.requestIds) assert.match(unauthorized.requestID, UUID)
        else expect(unauthorized.requestID).toBe("")

        yield* call(baseUrl, "/_emulator/faults", {
          method: "PUT",
          body: { scripted: [{ operation: "*", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 7 } }] }
        })
        const limited = yield* rejection(() => workos.listOrganizations())
        assert.instanceOf(limited, official.exceptions.RateLimited)
        expect([limited.status, limited.retryAfter]).toEqual([429, 7])
        expect(limited.requestID).toBe(carried((yield* lastRequest(baseUrl)).requestId))
      }))
  }
)
