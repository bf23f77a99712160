/**
 * For `emulator-floor.ts`: the floors under our emulator, each a server answering `GET /organizations/{id}` with
 * the organization's JSON text from a `Map` (no store, no encoding), each on more of the stack the emulator stands
 * on: `node:http` alone; `@effect/platform`'s `NodeHttpServer` with an `HttpRouter` route; an `HttpApi` endpoint
 * served by `HttpApiBuilder` (the path decoded by its schema); the same endpoint behind five `HttpApiMiddleware`s,
 * the first a bearer security that provides a service (the shape of the emulator's `Authentication`, `Journal`,
 * `RateLimit`, `Latency`, `Faults`). The request tracer is off in all of them, as in the emulator.
 *
 * Run by `emulator-floor.ts`: `node --import tsx bench/src/internal/floor-server.ts MODE SEED_FILE` prints
 * `… listening on http://HOST:PORT`.
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as HttpMiddleware from "@effect/platform/HttpMiddleware"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as fs from "node:fs"
import * as Http from "node:http"

/** The servers, from the least of the stack to the most. */
export const modes = ["node", "router", "api", "middlewares"] as const
export type Mode = typeof modes[number]

const main = () => {
  const mode = process.argv[2] as Mode
  const seed = JSON.parse(fs.readFileSync(process.argv[3]!, "utf8")) as {
    readonly organizations: ReadonlyArray<{ readonly id: string; readonly name: string }>
  }
  const bodies = new Map(seed.organizations.map((o) => [o.id, JSON.stringify({ object: "organization", ...o })]))
  const answer = (id: string) => {
    const body = bodies.get(id)
    return HttpServerResponse.text(body ?? "{}", {
      status: body === undefined ? 404 : 200,
      contentType: "application/json"
    })
  }
  const server = Http.createServer()
  const announce = () => {
    const address = server.address()
    console.log(
      `${mode} listening on http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
    )
  }
  if (mode === "node") {
    server.on("request", (request: Http.IncomingMessage, response: Http.ServerResponse) => {
      const body = bodies.get((request.url ?? "").slice("/organizations/".length))
      response.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" })
      response.end(body ?? "{}")
    })
    server.listen(0, "127.0.0.1", announce)
    return
  }
  const listen = NodeHttpServer.layer(() => server, { port: 0, host: "127.0.0.1" })
  const launch = (layer: Layer.Layer<never, unknown, HttpServer.HttpServer | HttpRouter.HttpRouter.DefaultServices>) =>
    NodeRuntime.runMain(Layer.launch(Layer.provide(Layer.tap(layer, () => Effect.sync(announce)), listen)))
  const noTracer = HttpMiddleware.withTracerDisabledWhen(() => true)
  if (mode === "router") {
    const app = HttpRouter.empty.pipe(
      HttpRouter.get("/organizations/:id", Effect.map(HttpRouter.params, (params) => answer(params["id"] ?? "")))
    )
    launch(noTracer(HttpServer.serve(app)))
    return
  }
  class Caller extends Context.Tag("floor/Caller")<Caller, string>() {}
  class Authentication extends HttpApiMiddleware.Tag<Authentication>()("floor/Authentication", {
    provides: Caller,
    security: { bearer: HttpApiSecurity.bearer }
  }) {}
  class M1 extends HttpApiMiddleware.Tag<M1>()("floor/M1") {}
  class M2 extends HttpApiMiddleware.Tag<M2>()("floor/M2") {}
  class M3 extends HttpApiMiddleware.Tag<M3>()("floor/M3") {}
  class M4 extends HttpApiMiddleware.Tag<M4>()("floor/M4") {}
  const endpoint = HttpApiEndpoint.get("get", "/organizations/:id")
    .setPath(Schema.Struct({ id: Schema.String }))
    .addSuccess(Schema.String)
  if (mode === "api") {
    const Api = HttpApi.make("floor").add(HttpApiGroup.make("o").add(endpoint))
    const handlers = HttpApiBuilder.group(
      Api,
      "o",
      (h) => h.handleRaw("get", ({ path }) => Effect.sync(() => answer(path.id)))
    )
    launch(noTracer(HttpApiBuilder.serve()).pipe(Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(handlers)))))
    return
  }
  const Api = HttpApi.make("floor").add(
    HttpApiGroup.make("o").add(endpoint).middleware(Authentication).middleware(M1).middleware(M2).middleware(M3)
      .middleware(M4)
  )
  const handlers = HttpApiBuilder.group(
    Api,
    "o",
    (h) => h.handleRaw("get", ({ path }) => Effect.as(Caller, answer(path.id)))
  )
  const middlewares = Layer.mergeAll(
    Layer.succeed(Authentication, { bearer: (credential) => Effect.succeed(Redacted.value(credential)) }),
    Layer.succeed(M1, Effect.void),
    Layer.succeed(M2, Effect.void),
    Layer.succeed(M3, Effect.void),
    Layer.succeed(M4, Effect.void)
  )
  launch(
    noTracer(HttpApiBuilder.serve()).pipe(
      Layer.provide(HttpApiBuilder.api(Api).pipe(Layer.provide(handlers), Layer.provide(middlewares)))
    )
  )
}

if (process.argv[1]?.endsWith("floor-server.ts") === true) main()
