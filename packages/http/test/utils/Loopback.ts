/**
 * Real HTTP on 127.0.0.1 for the tests a scripted client cannot stand in for (redirects, compression, bodies the
 * transports parse themselves, refused connections): a Node server per test, its requests counted, and the
 * `Organizations` layers built from the environment over either transport.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import { ConfigProvider, Effect, Layer } from "effect"
import type * as ConfigError from "effect/ConfigError"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as NodeClient from "../../src/NodeClient.js"
import * as OrganizationsHttp from "../../src/OrganizationsHttp.js"

export const API_KEY = "sk_test_LOOPBACK_5e1f0c9a7b3d"

export interface Server {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly host: string
  /** Every request received, in order: method, path and the `Authorization` header. */
  readonly received: ReadonlyArray<{ readonly method: string; readonly url: string; readonly auth: string }>
}

/** A server answering with `handler`, closed with the scope. */
export const serve = (
  handler: (request: Http.IncomingMessage, response: Http.ServerResponse) => void
) =>
  Effect.acquireRelease(
    Effect.async<Http.Server & { received: Server["received"] }>((resume) => {
      const received: Array<Server["received"][number]> = []
      const server = Http.createServer((request, response) => {
        received.push({
          method: request.method ?? "",
          url: request.url ?? "",
          auth: request.headers.authorization ?? ""
        })
        request.resume()
        request.on("end", () => handler(request, response))
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(Object.assign(server, { received }))))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server): Server => {
    const port = (server.address() as AddressInfo).port
    return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, received: server.received }
  }))

/** A JSON answer. */
export const json = (
  response: Http.ServerResponse,
  status: number,
  body: string,
  headers: Http.OutgoingHttpHeaders = {}
) => {
  response.writeHead(status, { "content-type": "application/json", "x-request-id": "req_loopback", ...headers })
  response.end(body)
}

export type Transport = "fetch" | "undici"

export const transports: ReadonlyArray<Transport> = ["fetch", "undici"]

/** The layer a user takes from the environment: `OrganizationsHttp.layerFromEnv` (fetch) or `NodeClient`'s. */
export const fromEnv = (transport: Transport): Layer.Layer<Organizations.Organizations, ConfigError.ConfigError> =>
  transport === "fetch" ? OrganizationsHttp.layerFromEnv : NodeClient.layerFromEnv

/** Runs `f` against the `Organizations` of `transport` configured with `vars` (the key is {@link API_KEY}). */
export const withOrganizations = <A, E>(
  transport: Transport,
  vars: Record<string, string>,
  f: (organizations: Organizations.Service) => Effect.Effect<A, E>
) =>
  Effect.flatMap(Organizations.Organizations, f).pipe(
    Effect.provide(fromEnv(transport)),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ WORKOS_API_KEY: API_KEY, ...vars }))))
  )
