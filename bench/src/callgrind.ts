/**
 * Per-call cost in instructions: `N` sequential `getOrganization` calls of ours (the live layer as `NodeClient.layer`
 * builds it, default options, rate limiter on) against an in-process `HttpClient` that answers a fixed organization,
 * so no network and no load dependence. Run it under callgrind twice, with N and N+1000, and subtract:
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p node --import tsx bench/src/callgrind.ts 2000
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p node --import tsx bench/src/callgrind.ts 3000
 *
 * `official` as second argument measures `@workos-inc/node` the same way, against a `node:http` server in a child
 * process (not counted); `undici` measures ours over undici (`NodeClient.layer`) against that same server.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { WorkOS } from "@workos-inc/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"

const N = Number(process.argv[2] ?? "2000")
const which = process.argv[3] ?? "ours"
const WARMUP = 200
const body = JSON.stringify({
  object: "organization",
  id: "org_01FCPEJXEZR4DSBA625YMGQT9N",
  name: "Test Organization",
  allow_profiles_outside_organization: false,
  created_at: "2021-08-09T21:55:02.755Z",
  updated_at: "2021-08-09T21:55:02.755Z",
  domains: [{ object: "organization_domain", id: "org_domain_01FCPEJXF4CTFEDFEGDTRN1MZG", domain: "example.io" }],
  metadata: {},
  external_id: null
})
const headers = { "content-type": "application/json; charset=utf-8", "x-request-id": "6483f5a5-7111-4a7c" }

const ours = async () => {
  const fixed = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers })))
    )
  )
  const runtime = ManagedRuntime.make(
    OrganizationsHttp.layer.pipe(
      Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make("sk_test_callgrind"), baseUrl: "http://x.test" })),
      Layer.provide(fixed)
    )
  )
  const run = (n: number) =>
    runtime.runPromise(Effect.flatMap(Organizations, (o) =>
      Effect.gen(function*() {
        for (let i = 0; i < n; i++) yield* o.getOrganization("org_01FCPEJXEZR4DSBA625YMGQT9N")
      })))
  await run(WARMUP + N)
  await runtime.dispose()
}

// the server runs in its own process (valgrind does not follow children), so only the client is counted
const serve = async () => {
  const server = spawn(process.execPath, [
    "-e",
    `const s = require("node:http").createServer((q, r) => { r.writeHead(200, ${JSON.stringify(headers)}); ` +
    `r.end(${JSON.stringify(body)}) }); s.listen(0, "127.0.0.1", () => console.log(s.address().port))`
  ], { stdio: ["ignore", "pipe", "inherit"] })
  const port = await new Promise<number>((resolve) => server.stdout.once("data", (d) => resolve(Number(String(d)))))
  return { port, close: () => server.kill() }
}

const official = async () => {
  const { close, port } = await serve()
  const workos = new WorkOS("sk_test_callgrind", { apiHostname: "127.0.0.1", port, https: false })
  for (let i = 0; i < WARMUP + N; i++) await workos.organizations.getOrganization("org_01FCPEJXEZR4DSBA625YMGQT9N")
  close()
}

/** Ours as `NodeClient.layer` builds it (undici), against the same server as `official`. */
const undici = async () => {
  const { close, port } = await serve()
  const runtime = ManagedRuntime.make(
    NodeClient.layer({ apiKey: Redacted.make("sk_test_callgrind"), baseUrl: `http://127.0.0.1:${port}` })
  )
  await runtime.runPromise(Effect.flatMap(Organizations, (o) =>
    Effect.gen(function*() {
      for (let i = 0; i < WARMUP + N; i++) yield* o.getOrganization("org_01FCPEJXEZR4DSBA625YMGQT9N")
    })))
  await runtime.dispose()
  close()
}

await (which === "official" ? official() : which === "undici" ? undici() : ours())
