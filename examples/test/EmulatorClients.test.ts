/**
 * Clients pointed at the emulator: the official Node SDK (examples/src/emulator-clients), and our live layer running
 * the provision app, with each reading what the other wrote.
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as path from "node:path"
import * as OfficialNode from "../src/emulator-clients/OfficialNode.js"
import * as Customers from "../src/provision/Customers.js"
import * as Provision from "../src/provision/Provision.js"

const customers = Effect.runSync(
  Customers.decode(fs.readFileSync(path.join(import.meta.dirname, "..", "data", "customers.json"), "utf8"))
).slice(0, 30)

describe("emulator clients", () => {
  it.scopedLive("@workos-inc/node runs against the emulator: create, get, autoPagination, API keys, a 404", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const tour = yield* Effect.promise(() => OfficialNode.tour(OfficialNode.client(baseUrl, "sk_test_tour")))
      expect(tour.created).toMatch(/^org_/)
      expect(tour.fetchedByExternalId).toBe(tour.created)
      expect([tour.listed, tour.apiKeyValueShown, tour.apiKeysListed]).toEqual([1, true, 1])
      expect(tour.notFound).toEqual({ exception: "NotFoundException", code: "entity_not_found" })
    }))

  it.scopedLive("the provision app on our live layer against the emulator; the official SDK sees the result", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const apiKey = "sk_test_provision"
      const live = OrganizationsHttp.layer.pipe(
        Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(apiKey), baseUrl })),
        Layer.provide(FetchHttpClient.layer)
      )
      const first = yield* Effect.provide(Provision.run(customers), live)
      expect(first.created).toBe(customers.length)
      const second = yield* Effect.provide(Provision.run(customers), live)
      expect(second.unchanged).toBe(customers.length)

      const workos = OfficialNode.client(baseUrl, apiKey)
      const listed = yield* Effect.promise(async () =>
        (await workos.organizations.listOrganizations({ limit: 100 })).data
      )
      expect(listed.map((o) => o.externalId).sort()).toEqual(customers.map((c) => c.externalId).sort())
      const one = yield* Effect.promise(() =>
        workos.organizations.getOrganizationByExternalId(customers[0]!.externalId)
      )
      expect([one.name, one.metadata]).toEqual([customers[0]!.name, customers[0]!.metadata])
    }))
})
