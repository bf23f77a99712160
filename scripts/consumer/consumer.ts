// Type-checked under nodenext and bundler, each with plain `strict` and with a strictest-style config, against the
// installed .d.ts (skipLibCheck: false).
import { Organizations, WorkOSError } from "@effect-workos/core"
import { Emulator } from "@effect-workos/emulator"
import { FakeWorkOS, OrganizationsMemory } from "@effect-workos/fake"
import { OrganizationsHttp, WorkOSClient } from "@effect-workos/http"
import * as NodeClient from "@effect-workos/http/NodeClient"
import { Chunk, Effect, Layer, Option, Redacted, Stream } from "effect"

export const names: Effect.Effect<Array<string>, WorkOSError.WorkOSError, Organizations.Organizations> = Effect.flatMap(
  Organizations.Organizations,
  (organizations) =>
    organizations.listOrganizations({ search: "acme" }).pipe(
      Stream.map((organization) => organization.name),
      Stream.runCollect,
      Effect.map(Chunk.toArray)
    )
)

export const byExternalId = (externalId: string) =>
  Effect.flatMap(Organizations.Organizations, (organizations) => organizations.getOrganizationByExternalId(externalId))
    .pipe(
      Effect.map(Option.some),
      Effect.catchTag("NotFound", () => Effect.succeedNone)
    )

export const seeded = Effect.gen(function*() {
  const fake = yield* FakeWorkOS.FakeWorkOS
  yield* fake.seed({ organizations: [{ name: "Acme", externalId: "acme" }] })
  return yield* names
}).pipe(Effect.provide(OrganizationsMemory.layerMemory()))

export const live: Layer.Layer<Organizations.Organizations | WorkOSClient.WorkOSClient> = NodeClient.layer({
  apiKey: Redacted.make("sk_test_types"),
  baseUrl: "http://127.0.0.1:8484"
})

export const fromEnv = OrganizationsHttp.layerFromEnv

export const emulator = Effect.scoped(Effect.map(Emulator.start(), (address) => address.baseUrl))
