/**
 * Runs an `HttpApi` server in the test's own fiber, without a socket: requests are web `Request`s, answers web
 * `Response`s read as JSON. Running in the test's fiber means `TestClock` drives the server's caches too.
 */
import type * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"

export interface Answer {
  readonly status: number
  readonly body: unknown
}

export interface Client {
  readonly request: (
    method: string,
    path: string,
    options?: { readonly authorization?: string; readonly body?: unknown }
  ) => Effect.Effect<Answer>
}

/** The server `api` describes, built from `layer` in the test's scope. */
export const client = <E>(layer: Layer.Layer<HttpApi.Api, E>): Effect.Effect<Client, E, Scope.Scope> =>
  Effect.gen(function*() {
    const context = yield* Layer.build(
      Layer.mergeAll(layer, HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer, HttpServer.layerContext)
    )
    const app = yield* HttpApiBuilder.httpApp.pipe(Effect.provide(context))
    return {
      request: (method, path, options = {}) =>
        app.pipe(
          Effect.provideService(
            HttpServerRequest.HttpServerRequest,
            HttpServerRequest.fromWeb(
              new Request(`http://localhost${path}`, {
                method,
                headers: {
                  ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
                  ...(options.body === undefined ? {} : { "content-type": "application/json" })
                },
                ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
              })
            )
          ),
          Effect.provide(context),
          Effect.map(HttpServerResponse.toWeb),
          Effect.flatMap((response) =>
            Effect.promise(async () => {
              const text = await response.text()
              return { status: response.status, body: text === "" ? undefined : JSON.parse(text) as unknown }
            })
          )
        )
    }
  })
