/**
 * Every code block of the root README.md lives in examples/src/readme/: tsc typechecks them, this file runs them,
 * and, once README.md carries ```ts blocks, checks that each block is exactly one of those files.
 */
import { ApiKeys, Organizations } from "@effect-workos/core"
import { Emulator } from "@effect-workos/emulator"
import { FakeWorkOS, OrganizationsMemory } from "@effect-workos/fake"
import { assert, describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit, Layer, Option, Redacted, TestClock } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import * as ApiKeyAuthSnippet from "../src/readme/apiKeyAuth.js"
import * as App from "../src/readme/app.js"
import * as Config from "../src/readme/config.js"
import * as EmulatorSnippet from "../src/readme/emulator.js"
import * as Errors from "../src/readme/errors.js"
import * as Pagination from "../src/readme/pagination.js"
// registers the snippet's own `describe("onboard", …)` in this file
import * as Testing from "../src/readme/testing.js"
import * as InProcess from "./support/InProcess.js"

const root = path.join(import.meta.dirname, "..", "..")
const snippetsDir = path.join(root, "examples", "src", "readme")

const withEnvironment = (entries: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

describe("README snippets", () => {
  it.effect("app.ts on the in-memory fake", () =>
    Effect.gen(function*() {
      const result = yield* App.local
      expect(result.sameId).toBe(true)
      expect(result.names).toEqual(["Acme Corp"])
    }))

  it.scopedLive("app.ts on the live layer, configured from the environment, against the emulator", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const result = yield* App.live.pipe(
        withEnvironment({ WORKOS_API_KEY: "sk_test_readme_app", WORKOS_BASE_URL: baseUrl })
      )
      expect(result.names).toEqual(["Acme Corp"])
    }))

  it.effect("errors.ts: NotFound becomes None; ExternalIdAlreadyUsed reuses; DomainConflict is a defect", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.seed({
        organizations: [{ name: "Holder", externalId: "holder", domains: [{ domain: "taken.example" }] }]
      })
      expect(yield* Errors.findByExternalId("nobody")).toEqual(Option.none())
      const first = yield* Errors.createOrReuse("Beta", "beta")
      const second = yield* Errors.createOrReuse("Beta", "beta")
      expect(second.id).toBe(first.id)
      const conflict = yield* Effect.exit(Effect.flatMap(
        Organizations.Organizations,
        (organizations) =>
          organizations.createOrganization({
            name: "Squatter",
            domainData: [{ domain: "taken.example", state: "verified" }]
          }).pipe(
            Effect.catchTag("DomainConflict", (error) => Effect.succeed(error.domain))
          )
      ))
      expect(conflict).toEqual(Exit.succeed("taken.example"))
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.scoped("apiKeyAuth.ts on the fake: 200 with reports:read, 403 without, 401 without a key", () =>
    Effect.gen(function*() {
      const organizations = yield* Organizations.Organizations
      const acme = yield* organizations.createOrganization({ name: "Acme" })
      const reader = yield* organizations.createOrganizationApiKey({
        organizationId: acme.id,
        name: "reader",
        permissions: ["reports:read"]
      })
      const other = yield* organizations.createOrganizationApiKey({ organizationId: acme.id, name: "other" })
      const apiKeys = yield* ApiKeys.ApiKeys
      const server = yield* InProcess.client(
        ApiKeyAuthSnippet.ApiLive.pipe(Layer.provide(Layer.succeed(ApiKeys.ApiKeys, apiKeys)), Layer.orDie)
      )
      const get = (authorization?: string) =>
        server.request("GET", "/reports", authorization === undefined ? {} : { authorization })
      expect(yield* get(`Bearer ${Redacted.value(reader.value)}`)).toEqual({
        status: 200,
        body: [`the reports of ${acme.id}`]
      })
      expect(yield* get(`Bearer ${Redacted.value(other.value)}`)).toEqual({
        status: 403,
        body: { _tag: "PermissionDenied", permission: "reports:read" }
      })
      expect(yield* get()).toEqual({ status: 401, body: { _tag: "Unauthenticated", reason: "missing" } })
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.effect("pagination.ts: a Stream across pages, and page by page with cursors", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      yield* fake.seed({
        organizations: Array.from({ length: 150 }, (_, i) => ({
          name: `Org ${i}`,
          createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
          domains: [{ domain: `org-${i}.example`, state: i % 2 === 0 ? "verified" : "pending" }]
        }))
      })
      expect(yield* Pagination.firstVerifiedDomains(60)).toEqual(
        Array.from({ length: 60 }, (_, i) => `org-${i * 2}.example`)
      )
      const first = yield* Pagination.pageAfter(undefined)
      expect(first.data.map((o) => o.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Org ${i}`))
      const second = yield* Pagination.pageAfter(first.listMetadata.after ?? undefined)
      expect(second.data[0]!.name).toBe("Org 10")
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it.scopedLive("emulator.ts: our live layer writes, the official SDK reads", () =>
    Effect.gen(function*() {
      expect(yield* EmulatorSnippet.program).toBe(true)
    }))

  it.scopedLive("config.ts: the layer reads its options from Config", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const organization = yield* Effect.flatMap(
        Organizations.Organizations,
        (organizations) => organizations.createOrganization({ name: "Configured" })
      ).pipe(
        Effect.provide(Config.OrganizationsLive),
        withEnvironment({ WORKOS_API_KEY: "sk_test_readme_config", WORKOS_BASE_URL: baseUrl })
      )
      expect(organization.name).toBe("Configured")
    }))

  it.effect("testing.ts: onboarding again with changed details within the key's 24 h does not fail", () =>
    Effect.gen(function*() {
      const fake = yield* FakeWorkOS.FakeWorkOS
      const first = yield* Testing.onboard("New Co", "new-co")
      // a retry of the same request: the same key, the stored answer
      expect((yield* Testing.onboard("New Co", "new-co")).id).toBe(first.id)
      // the customer was renamed an hour later; a key made of the external id alone is IdempotencyKeyReused here
      yield* TestClock.adjust("1 hour")
      const renamed = yield* Testing.onboard("New Co Ltd", "new-co")
      expect([renamed.id, renamed.name]).toEqual([first.id, "New Co Ltd"])
      const snapshot = yield* fake.snapshot
      expect(snapshot.organizations.map((o) => [o.externalId, o.name])).toEqual([["new-co", "New Co Ltd"]])
      const creates = (yield* fake.journal).filter((entry) => entry.operation === "createOrganization")
      expect(creates.map((entry) => entry.outcome._tag)).toEqual(["Success", "Success", "Failure"])
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it("every ```ts block of README.md is one of examples/src/readme/*.ts, verbatim", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.trim())
    const snippets = new Map(
      fs.readdirSync(snippetsDir).filter((f) => f.endsWith(".ts")).map((f) => [
        fs.readFileSync(path.join(snippetsDir, f), "utf8").trim(),
        f
      ])
    )
    for (const block of blocks) {
      assert.isTrue(
        snippets.has(block),
        `this README block is not one of examples/src/readme/*.ts (copy it from there):\n${block.slice(0, 300)}`
      )
    }
  })
})
