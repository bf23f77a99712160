// The live layer over undici (@effect-workos/http/NodeClient) against the emulator started from the installed bin:
// `node live.mjs BASE_URL` creates one organization and reads it back.
import { Organizations } from "@effect-workos/core"
import * as NodeClient from "@effect-workos/http/NodeClient"
import { Effect, Redacted } from "effect"

const baseUrl = process.argv[2]
const result = await Effect.runPromise(
  Effect.gen(function*() {
    const organizations = yield* Organizations.Organizations
    const created = yield* organizations.createOrganization({ name: "Over the wire", externalId: "wire-1" })
    const found = yield* organizations.getOrganizationByExternalId("wire-1")
    return { sameId: created.id === found.id, name: found.name }
  }).pipe(Effect.provide(NodeClient.layer({ apiKey: Redacted.make("sk_test_consumer"), baseUrl })))
)
if (!result.sameId || result.name !== "Over the wire") throw new Error(`unexpected answer ${JSON.stringify(result)}`)
console.log(`emulator: ${JSON.stringify(result)}`)
