import { Organizations } from "@effect-workos/core"
import { OrganizationsMemory } from "@effect-workos/fake"
import * as NodeClient from "@effect-workos/http/NodeClient"
import { Effect, Stream } from "effect"

// Your program asks for the service; it does not know which implementation it gets.
export const program = Effect.gen(function*() {
  const organizations = yield* Organizations.Organizations
  const acme = yield* organizations.createOrganization(
    {
      name: "Acme Corp",
      externalId: "acme-42",
      domainData: [{ domain: "acme.example", state: "verified" }],
      metadata: { plan: "enterprise" }
    },
    { idempotencyKey: "create-acme-42" }
  )
  const found = yield* organizations.getOrganizationByExternalId("acme-42")
  const names = yield* organizations.listOrganizations({ search: "acme" }).pipe(
    Stream.map((organization) => organization.name),
    Stream.runCollect
  )
  return { id: acme.id, sameId: found.id === acme.id, names: Array.from(names) }
})

// Production: WORKOS_API_KEY (and optionally WORKOS_BASE_URL, WORKOS_MAX_RETRIES, WORKOS_TIMEOUT) from the environment;
// on Node over undici (OrganizationsHttp.layerFromEnv is the same over fetch, for any runtime).
export const live = program.pipe(Effect.provide(NodeClient.layerFromEnv))

// Tests, demos, local development: a fresh in-memory WorkOS, no network.
export const local = program.pipe(Effect.provide(OrganizationsMemory.layerMemory()))
