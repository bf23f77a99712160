/**
 * A scripted `HttpClient` for the live layer's tests: it records every request it receives (with the `Clock` time
 * it arrived) and answers from a script. Nothing touches the network.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Clock, Effect, Layer, Redacted, Ref } from "effect"
import * as OrganizationsHttp from "../../src/OrganizationsHttp.js"
import * as WorkOSClient from "../../src/WorkOSClient.js"

export const BASE_URL = "https://api.workos.test"
export const API_KEY = "sk_test_0123456789abcdef"

export interface Recorded {
  readonly method: string
  /** Scheme, host and port. */
  readonly origin: string
  /** The path as sent, still percent-encoded. */
  readonly path: string
  /** The raw query string, without `?`. */
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  /** The body text; `undefined` when the request had none. */
  readonly body: string | undefined
  /** `Clock` time at arrival. */
  readonly at: number
}

export type Answer =
  | {
    readonly _tag: "Http"
    readonly status: number
    readonly headers: Readonly<Record<string, string>>
    readonly body: string | null
  }
  | { readonly _tag: "Transport" }
  | { readonly _tag: "Hang" }

/** A JSON answer with a request id, as WorkOS sends it. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  _tag: "Http",
  status,
  headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "req_test", ...headers },
  body: JSON.stringify(body)
})

export const text = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
  _tag: "Http",
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "x-request-id": "req_test", ...headers },
  body
})

/** The connection fails before an answer (`fetch failed`). */
export const transport: Answer = { _tag: "Transport" }

/** The server never answers. */
export const hang: Answer = { _tag: "Hang" }

export type Script = (request: Recorded, index: number) => Answer | Effect.Effect<Answer>

export interface Scripted {
  readonly requests: Effect.Effect<ReadonlyArray<Recorded>>
  readonly client: HttpClient.HttpClient
  readonly layer: Layer.Layer<HttpClient.HttpClient>
}

const decoder = new TextDecoder()
const NULL_BODY = new Set([204, 205, 304])

export const make = (script: Script): Effect.Effect<Scripted> =>
  Effect.gen(function*() {
    const log = yield* Ref.make<ReadonlyArray<Recorded>>([])
    const client = HttpClient.make((request, url) =>
      Effect.gen(function*() {
        const at = yield* Clock.currentTimeMillis
        const body = request.body._tag === "Uint8Array" ? decoder.decode(request.body.body) : undefined
        const recorded: Recorded = {
          method: request.method,
          origin: url.origin,
          path: url.pathname,
          query: url.search.replace(/^\?/, ""),
          headers: { ...request.headers },
          body,
          at
        }
        const index = yield* Ref.modify(log, (all) => [all.length, [...all, recorded]])
        const result = script(recorded, index)
        const answer = Effect.isEffect(result) ? yield* result : result
        switch (answer._tag) {
          case "Transport":
            return yield* new HttpClientError.RequestError({
              request,
              reason: "Transport",
              cause: new TypeError("fetch failed"),
              description: "fetch failed"
            })
          case "Hang":
            return yield* Effect.never
          case "Http":
            return HttpClientResponse.fromWeb(
              request,
              new Response(NULL_BODY.has(answer.status) ? null : answer.body, {
                status: answer.status,
                headers: answer.headers
              })
            )
        }
      })
    )
    return { requests: Ref.get(log), client, layer: Layer.succeed(HttpClient.HttpClient, client) }
  })

/** The answers in order; the last one repeats. */
export const sequence = (...answers: ReadonlyArray<Answer>): Script => (_, index) =>
  answers[Math.min(index, answers.length - 1)]!

/** `WorkOSClient` over the scripted client. */
export const clientLayer = (
  scripted: Scripted,
  options: Partial<WorkOSClient.Options> = {}
): Layer.Layer<WorkOSClient.WorkOSClient> =>
  WorkOSClient.layer({ apiKey: Redacted.make(API_KEY), baseUrl: BASE_URL, ...options }).pipe(
    Layer.provide(scripted.layer)
  )

/** `Organizations` (and `WorkOSClient`) over the scripted client. */
export const layer = (
  scripted: Scripted,
  options: Partial<WorkOSClient.Options> = {}
): Layer.Layer<Organizations.Organizations | WorkOSClient.WorkOSClient> =>
  OrganizationsHttp.layer.pipe(Layer.provideMerge(clientLayer(scripted, options)))

/** Runs `f` with a fresh scripted client and the live layer over it. */
export const withLive = <A, E>(
  script: Script,
  f: (organizations: Organizations.Service, scripted: Scripted) => Effect.Effect<A, E>,
  options: Partial<WorkOSClient.Options> = {}
): Effect.Effect<A, E> =>
  Effect.gen(function*() {
    const scripted = yield* make(script)
    return yield* Effect.flatMap(Organizations.Organizations, (organizations) => f(organizations, scripted)).pipe(
      Effect.provide(layer(scripted, options))
    )
  })
