import { Organizations } from "@effect-workos/core"
import { Emulator } from "@effect-workos/emulator"
import { OrganizationsHttp, WorkOSClient } from "@effect-workos/http"
import { FetchHttpClient } from "@effect/platform"
import { WorkOS } from "@workos-inc/node"
import { Effect, Layer, Redacted } from "effect"

// The emulator speaks the WorkOS wire protocol on a local port: the live layer and the official SDK both use it.
export const program = Effect.gen(function*() {
  const { baseUrl, host, port } = yield* Emulator.start({ latency: { _tag: "Fixed", millis: 5 } })
  const apiKey = "sk_test_readme" // any sk_test_… key; each key is its own environment

  const live = OrganizationsHttp.layer.pipe(
    Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(apiKey), baseUrl })),
    Layer.provide(FetchHttpClient.layer)
  )
  const created = yield* Effect.flatMap(
    Organizations.Organizations,
    (organizations) => organizations.createOrganization({ name: "Emulated Inc.", externalId: "emulated" })
  ).pipe(Effect.provide(live))

  const workos = new WorkOS(apiKey, { apiHostname: host, port, https: false })
  const seen = yield* Effect.promise(() => workos.organizations.getOrganizationByExternalId("emulated"))
  return seen.id === created.id
})
