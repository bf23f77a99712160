/**
 * `tsx examples/src/customer-api/main.ts [--port 3000]`
 *
 * Serves the example customer API (`Api.ts`) on `--port`. Customers' keys are checked against WorkOS when
 * `WORKOS_API_KEY` is set (`ApiKeysHttp.layerFromEnv`), else against the embedded fake, seeded with one organization
 * and one key whose value — the fake's own, worthless anywhere else — is printed once so you can call the server:
 *
 * ```sh
 * curl -H "Authorization: Bearer <key>" http://localhost:3000/whoami
 * curl -H "Authorization: Bearer <key>" -H "content-type: application/json" -d '{"name":"x"}' http://localhost:3000/projects
 * ```
 *
 * @since 0.2.0
 */
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import type { ApiKeys } from "@effect-workos/core/ApiKeys"
import { Organizations } from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { createServer } from "node:http"
import * as Main from "../Main.js"
import * as Target from "../Target.js"
import * as Server from "./Server.js"

const args = process.argv.slice(2)

/** On the fake: one organization and one key to call the server with. */
const demo = (port: number) =>
  Effect.gen(function*() {
    const organizations = yield* Organizations
    const organization = yield* organizations.createOrganization({ name: "Demo customer" })
    const key = yield* organizations.createOrganizationApiKey({
      organizationId: organization.id,
      name: "demo",
      permissions: ["projects:read", "projects:write"]
    })
    yield* Console.log(
      `A key of ${organization.id} in the embedded fake (shown once; valid only there):\n` +
        `  curl -H "Authorization: Bearer ${Redacted.value(key.value)}" http://localhost:${port}/whoami`
    )
  })

Main.run(
  Effect.gen(function*() {
    const port = yield* Main.positiveInt(args, "port", 3000)
    const target = yield* Target.target
    const workos: Layer.Layer<ApiKeys, unknown> = target === "live"
      ? ApiKeysHttp.layerFromEnv
      : Layer.tap(Layer.orDie(OrganizationsMemory.layerMemory()), (context) => Effect.provide(demo(port), context))
    yield* Console.log(`Checking customers' API keys on ${yield* Target.description}; listening on port ${port}`)
    return yield* HttpApiBuilder.serve().pipe(
      Layer.provide(Server.layer),
      Layer.provide(ApiKeyAuth.layer()),
      Layer.provide(workos),
      Layer.provide(NodeHttpServer.layer(createServer, { port })),
      Layer.launch
    )
  })
)
