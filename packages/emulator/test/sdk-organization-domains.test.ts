/**
 * Organization domains through the official Node SDK against the emulator (WIRE-LIFECYCLE.md §3.1, §3.4, §3.6), in
 * `@workos-inc/node` 11.0.0 and 12.3.0: `organizationDomains.createOrganizationDomain` / `getOrganizationDomain` /
 * `verifyOrganizationDomain` / `deleteOrganizationDomain`, verify before and after the TXT record is published
 * through the control route, the clock moved through the control route, and the SDK's exceptions for the 400, 404,
 * 409 and 422 answers.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Sdk11 from "@workos-inc/node"
import * as Effect from "effect/Effect"
import * as Sdk12 from "workos-node-12"
import * as Emulator from "../src/Emulator.js"
import { call } from "./support/Client.js"
import { KEY } from "./support/Client.js"

const host = { apiHostname: "127.0.0.1", https: false } as const

interface Domain {
  readonly object: string
  readonly id: string
  readonly organizationId: string
  readonly domain: string
  readonly state: string
  readonly verificationStrategy: string
  readonly verificationToken?: string | null
  readonly verificationPrefix?: string | null
  readonly createdAt: unknown
  readonly updatedAt: unknown
}

/** What these tests call of either version, typed loosely enough for both (12's timestamps are `Date`s). */
interface Sdk {
  readonly organizations: {
    createOrganization(options: { name: string }): Promise<{ readonly id: string }>
    getOrganization(
      id: string
    ): Promise<{ readonly domains: ReadonlyArray<{ readonly id: string; readonly state: string }> }>
  }
  readonly organizationDomains: {
    createOrganizationDomain(options: { domain: string; organizationId: string }): Promise<Domain>
    getOrganizationDomain(id: string): Promise<Domain>
    verifyOrganizationDomain(id: string): Promise<Domain>
    deleteOrganizationDomain(id: string): Promise<void>
  }
}

const versions = [
  {
    version: "11.0.0",
    client: (port: number): Sdk => new Sdk11.WorkOS(KEY, { ...host, port, maxRetries: 0 }) as unknown as Sdk,
    exceptions: {
      NotFound: Sdk11.NotFoundException,
      Conflict: Sdk11.ConflictException,
      Generic: Sdk11.GenericServerException,
      Unprocessable: Sdk11.UnprocessableEntityException
    },
    // 11 keeps timestamps as the wire's strings
    time: (value: unknown): number => Date.parse(value as string)
  },
  {
    version: "12.3.0",
    client: (port: number): Sdk => new Sdk12.WorkOS(KEY, { ...host, port, maxRetries: 0 }) as unknown as Sdk,
    exceptions: {
      NotFound: Sdk12.NotFoundException,
      Conflict: Sdk12.ConflictException,
      Generic: Sdk12.GenericServerException,
      Unprocessable: Sdk12.UnprocessableEntityException
    },
    time: (value: unknown): number => {
      assert.instanceOf(value, Date)
      return (value as Date).getTime()
    }
  }
] as const

/** The rejection of `promise`, which must reject. */
const rejection = <A>(promise: () => Promise<A>) =>
  Effect.promise(() =>
    promise().then(
      () => assert.fail("expected the call to throw"),
      (error: unknown) => error as Error & Record<string, unknown>
    )
  )

describe.each(versions.map((v) => [v.version, v] as const))(
  "@workos-inc/node %s: organization domains",
  (_, official) => {
    it.scopedLive("create, verify before and after the TXT record, get, delete, and the organization's domains", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const workos = official.client(port)
        const organization = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Dom" }))
        const created = yield* Effect.promise(() =>
          workos.organizationDomains.createOrganizationDomain({
            domain: "Foo-Corp.com",
            organizationId: organization.id
          })
        )
        expect(created).toMatchObject({
          object: "organization_domain",
          organizationId: organization.id,
          domain: "foo-corp.com",
          state: "pending",
          verificationStrategy: "dns"
        })
        assert.match(String(created.verificationToken), /^[A-Za-z0-9]{25}$/)
        assert.isString(created.verificationPrefix)
        // the timestamps are present, so 12's Dates are valid
        assert.isFalse(Number.isNaN(official.time(created.createdAt)))
        assert.isFalse(Number.isNaN(official.time(created.updatedAt)))

        // before the record: still pending
        const before = yield* Effect.promise(() => workos.organizationDomains.verifyOrganizationDomain(created.id))
        expect(before.state).toBe("pending")
        // the customer publishes the record (the control route), and verify finds it
        const published = yield* call(baseUrl, "/_emulator/dns", {
          method: "POST",
          body: { domain: "foo-corp.com", value: `verification_token=${created.verificationToken}` }
        })
        expect(published.status).toBe(200)
        expect(published.json).toEqual({
          records: [{ domain: "foo-corp.com", values: [`verification_token=${created.verificationToken}`] }]
        })
        const after = yield* Effect.promise(() => workos.organizationDomains.verifyOrganizationDomain(created.id))
        expect(after.state).toBe("verified")
        expect(after.verificationToken).toBe(created.verificationToken)
        const read = yield* Effect.promise(() => workos.organizationDomains.getOrganizationDomain(created.id))
        expect(read.state).toBe("verified")
        const withDomain = yield* Effect.promise(() => workos.organizations.getOrganization(organization.id))
        expect(withDomain.domains.map((d) => [d.id, d.state])).toEqual([[created.id, "verified"]])

        // verify again: 400 domain_already_verified, the SDK's GenericServerException (the body has no errors)
        const again = yield* rejection(() => workos.organizationDomains.verifyOrganizationDomain(created.id))
        assert.instanceOf(again, official.exceptions.Generic)
        expect(again.status).toBe(400)
        expect(again.message).toContain("Domain is already verified.")

        yield* Effect.promise(() => workos.organizationDomains.deleteOrganizationDomain(created.id))
        const gone = yield* rejection(() => workos.organizationDomains.getOrganizationDomain(created.id))
        assert.instanceOf(gone, official.exceptions.NotFound)
        const goneDelete = yield* rejection(() => workos.organizationDomains.deleteOrganizationDomain(created.id))
        assert.instanceOf(goneDelete, official.exceptions.NotFound)
        const goneVerify = yield* rejection(() => workos.organizationDomains.verifyOrganizationDomain(created.id))
        assert.instanceOf(goneVerify, official.exceptions.NotFound)
        expect((yield* Effect.promise(() => workos.organizations.getOrganization(organization.id))).domains).toEqual([])

        // the SDK's requests went to the declared operations
        const journal = yield* call(baseUrl, "/_emulator/journal")
        const operations = (journal.json.data as ReadonlyArray<{ operation: string }>).map((e) => e.operation)
        expect(operations.filter((o) => o.endsWith("OrganizationDomain"))).toEqual([
          "createOrganizationDomain",
          "verifyOrganizationDomain",
          "verifyOrganizationDomain",
          "getOrganizationDomain",
          "verifyOrganizationDomain",
          "deleteOrganizationDomain",
          "getOrganizationDomain",
          "deleteOrganizationDomain",
          "verifyOrganizationDomain"
        ])
      }))

    it.scopedLive("409 domain_already_exists, 422 for a consumer domain, 404 for an unknown organization", () =>
      Effect.gen(function*() {
        const { port } = yield* Emulator.start()
        const workos = official.client(port)
        const organization = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Dom" }))
        yield* Effect.promise(() =>
          workos.organizationDomains.createOrganizationDomain({ domain: "a.com", organizationId: organization.id })
        )
        const twice = yield* rejection(() =>
          workos.organizationDomains.createOrganizationDomain({ domain: "a.com", organizationId: organization.id })
        )
        assert.instanceOf(twice, official.exceptions.Conflict)
        expect(twice.status).toBe(409)
        expect(twice.message).toContain("Domain already exists for this organization.")

        const consumer = yield* rejection(() =>
          workos.organizationDomains.createOrganizationDomain({ domain: "gmail.com", organizationId: organization.id })
        )
        assert.instanceOf(consumer, official.exceptions.Unprocessable)
        expect(consumer.status).toBe(422)

        const missing = yield* rejection(() =>
          workos.organizationDomains.createOrganizationDomain({ domain: "b.com", organizationId: "org_nope" })
        )
        assert.instanceOf(missing, official.exceptions.NotFound)
      }))

    it.scopedLive("the control route moves the environment's clock: the check finds the record, 30 days expire", () =>
      Effect.gen(function*() {
        const { baseUrl, port } = yield* Emulator.start()
        const workos = official.client(port)
        const organization = yield* Effect.promise(() => workos.organizations.createOrganization({ name: "Dom" }))
        const [checked, expiring] = yield* Effect.promise(() =>
          Promise.all([
            workos.organizationDomains.createOrganizationDomain({ domain: "c.com", organizationId: organization.id }),
            workos.organizationDomains.createOrganizationDomain({ domain: "d.com", organizationId: organization.id })
          ])
        )
        yield* call(baseUrl, "/_emulator/dns", {
          method: "POST",
          body: { domain: "c.com", value: `verification_token=${checked.verificationToken}` }
        })
        const before = (yield* call(baseUrl, "/_emulator/clock")).json.now as string
        const moved = yield* call(baseUrl, "/_emulator/clock/advance", {
          method: "POST",
          body: { milliseconds: 5 * 60_000 }
        })
        expect(moved.status).toBe(200)
        expect(Date.parse(moved.json.now as string) - Date.parse(before)).toBeGreaterThanOrEqual(5 * 60_000)
        const verified = yield* Effect.promise(() => workos.organizationDomains.getOrganizationDomain(checked.id))
        expect(verified.state).toBe("verified")
        expect((yield* Effect.promise(() => workos.organizationDomains.getOrganizationDomain(expiring.id))).state).toBe(
          "pending"
        )
        yield* call(baseUrl, "/_emulator/clock/advance", { method: "POST", body: { milliseconds: 30 * 86_400_000 } })
        const failed = yield* Effect.promise(() => workos.organizationDomains.getOrganizationDomain(expiring.id))
        expect(failed.state).toBe("failed")
        // verify restarts it, with the same token
        const restarted = yield* Effect.promise(() => workos.organizationDomains.verifyOrganizationDomain(expiring.id))
        expect([restarted.state, restarted.verificationToken]).toEqual(["pending", expiring.verificationToken])
        // a bad advance is the control API's 400
        const bad = yield* call(baseUrl, "/_emulator/clock/advance", { method: "POST", body: { milliseconds: -1 } })
        expect(bad.status).toBe(400)
      }))
  }
)
