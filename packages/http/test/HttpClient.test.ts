/**
 * `WorkOSClient.httpClient`, what `HttpApiClient` sends with: the base URL and fixed headers set, the path checked,
 * the final answer handed over with its body (an error answer too, for the declaration to decode by status), and
 * nothing left over from an `Organizations` call made before in the same fiber.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

const withClient = <A, E>(
  script: Scripted.Script,
  f: (client: WorkOSClient.Service, scripted: Scripted.Scripted) => Effect.Effect<A, E, Organizations.Organizations>
) =>
  Effect.gen(function*() {
    const scripted = yield* Scripted.make(script)
    return yield* Effect.flatMap(WorkOSClient.WorkOSClient, (client) => f(client, scripted)).pipe(
      Effect.provide(Scripted.layer(scripted, { maxRetries: 0 }))
    )
  })

describe("WorkOSClient.httpClient", () => {
  it.effect("a path with a '.' or '..' segment, or an empty one, fails with InvalidRequest and sends nothing", () =>
    withClient(() => Scripted.json(200, {}), (client, scripted) =>
      Effect.gen(function*() {
        for (const path of ["/organizations/..", "/organizations/./x", "/organizations//roles"]) {
          const error = yield* Effect.flip(client.httpClient.execute(HttpClientRequest.get(path)))
          assert.strictEqual(error._tag, "InvalidRequest", path)
        }
        assert.strictEqual((yield* scripted.requests).length, 0)
      })))

  it.effect("the final error answer comes back with its status and its body, the key scrubbed from it", () =>
    withClient(
      () => Scripted.json(404, { message: `no such thing (Bearer ${Scripted.API_KEY})` }),
      (client, scripted) =>
        Effect.gen(function*() {
          const response = yield* client.httpClient.execute(HttpClientRequest.get("/organizations/org_1"))
          assert.strictEqual(response.status, 404)
          assert.strictEqual(yield* response.text, JSON.stringify({ message: "no such thing (Bearer <redacted>)" }))
          const [request] = yield* scripted.requests
          assert.strictEqual(request!.origin + request!.path, `${Scripted.BASE_URL}/organizations/org_1`)
          assert.strictEqual(request!.headers.authorization, `Bearer ${Scripted.API_KEY}`)
        })
    ))

  it.effect("after an Organizations call in the same fiber, an answer keeps the status it was sent with", () =>
    withClient(
      (request) =>
        request.method === "POST" ? Scripted.json(201, Wire.organization("org_1")) : Scripted.json(200, { ok: 1 }),
      (client) =>
        Effect.gen(function*() {
          const organizations = yield* Organizations.Organizations
          yield* organizations.createOrganization({ name: "Acme" })
          const response = yield* client.httpClient.execute(HttpClientRequest.get("/organizations/org_1"))
          assert.strictEqual(response.status, 200)
        })
    ))
})
