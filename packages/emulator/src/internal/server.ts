/**
 * The emulator as an `HttpApp`: the declaration (`api.ts`) served by `HttpApiBuilder`'s router, inside the steps
 * that act on the answer. From the outside in:
 *
 * - the request id (on every answer), the request's `Exchange`, the environment's release, and a 500 for anything
 *   unexpected;
 * - one pass over the answer once it is due: the latency (holds it until its time), then the HTTP fault (drops the
 *   connection, cuts the body off, or sends it slowly, as the fault plan says), then the journal's status (`null`
 *   for a dropped connection) of an API request;
 * - `wire`: what the router does not answer itself (`routes.ts`: WorkOS's 404, 405 and 400 for a parameter that is
 *   not percent-decodable) and the wire errors as WorkOS encodes them.
 *
 * These act on the answer here, not in `HttpApiMiddleware`s, because platform 0.97 runs an `HttpApiMiddleware`
 * ahead of the handler only: it cannot wait after the handler or see its answer.
 */
import { WorkOSError } from "@effect-workos/core"
import * as Uuid from "@effect-workos/core/Uuid"
import * as Journal from "@effect-workos/fake/Journal"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Headers from "@effect/platform/Headers"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import { RouteNotFound } from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Http from "node:http"
import { ConnectionDropped } from "./api.js"
import type * as Config from "./config.js"
import * as Control from "./control.js"
import * as Encode from "./encode.js"
import * as Env from "./environment.js"
import * as Exchange from "./exchange.js"
import * as Handlers from "./handlers.js"
import * as Latency from "./latency.js"
import * as Middlewares from "./middlewares.js"
import * as RateLimit from "./rateLimit.js"
import * as Responses from "./responses.js"
import * as Routes from "./routes.js"
import * as WireErrors from "./wireErrors.js"

/** The answer that stands for a dropped connection until `faults` drops it. */
const dropped = HttpServerResponse.empty({ status: 499 })

/** The router's limits, set for WorkOS's wire (see `WorkOSApi.PathSegment`). */
const routerConfig = {
  // WorkOS's literal segments are lower-case and compared as sent
  caseSensitive: true,
  ignoreTrailingSlash: true,
  // an encoded 128-character external id is up to 384 characters, and `%` is re-escaped below
  maxParamLength: 1 << 20
}

/** The declaration's routes, served by `HttpApiBuilder`, and the platform services they may ask for. */
interface Router {
  readonly app: HttpApp.Default<unknown, HttpRouter.HttpRouter.DefaultServices>
  /** None of them Node's. */
  readonly services: Context.Context<HttpRouter.HttpRouter.DefaultServices>
}

const buildRouter = (config: Config.Config, store: Env.Store): Effect.Effect<Router> => {
  const encoders = Encode.make()
  const groups = Layer.mergeAll(
    Handlers.organizations(encoders),
    Handlers.apiKeys(encoders),
    Handlers.organizationDomains(encoders),
    Handlers.legacy(encoders),
    Control.handlers(config)
  ).pipe(Layer.provide(Middlewares.layer(config, store)))
  return Effect.gen(function*() {
    const declared = yield* HttpApiBuilder.Router.router
    const app = yield* HttpRouter.toHttpApp(
      Routes.unserved.reduce(
        (router, { method, path }) =>
          HttpRouter.route(method)(
            path,
            Effect.flatMap(
              HttpServerRequest.HttpServerRequest,
              (request) => Effect.fail(new RouteNotFound({ request }))
            )
          )(router),
        declared
      )
    )
    const services = yield* Effect.context<HttpRouter.HttpRouter.DefaultServices>()
    return { app, services }
  }).pipe(
    Effect.provide(Layer.mergeAll(Layer.provideMerge(groups, HttpApiBuilder.Router.Live), HttpServer.layerContext)),
    (effect) => HttpRouter.withRouterConfig(effect, routerConfig)
  )
}

/**
 * The query the router sees: `domains` may be repeated (WorkOS reads every value), the declaration's URL parameters
 * take one comma-separated value.
 */
const routerQuery = (query: string): string => {
  if (query.indexOf("domains=") === query.lastIndexOf("domains=")) return query
  const params = new URLSearchParams(query)
  const domains = params.getAll("domains")
  if (domains.length < 2) return query
  params.set("domains", domains.join(","))
  return `?${params.toString()}`
}

/**
 * The request the router sees. `find-my-way` percent-decodes a parameter once, and the declaration's `PathSegment`
 * decodes it again: each `%` is escaped once more so that the parameter reaches `PathSegment` as it was sent. An
 * empty `Idempotency-Key` is no key, as WorkOS reads it.
 */
const forRouter = (request: HttpServerRequest.HttpServerRequest, rawPath: string) => {
  const key = request.headers["idempotency-key"]
  const q = request.url.indexOf("?")
  const query = q === -1 ? "" : request.url.slice(q)
  const routed = routerQuery(query)
  if (key !== "" && !rawPath.includes("%") && routed === query) return request
  return request.modify({
    url: `${rawPath.replaceAll("%", "%25")}${routed}`,
    ...(key === "" ? { headers: Headers.remove(request.headers, "idempotency-key") } : {})
  })
}

/** What the router does not answer itself, from the declared routes. */
const unrouted = (request: HttpServerRequest.HttpServerRequest, rawPath: string) => {
  const matched = Routes.match(request.method, rawPath)
  switch (matched._tag) {
    case "MethodNotAllowed":
      return Responses.methodNotAllowed(matched.allow)
    case "BadPathParameter":
      return Responses.badPathParameter(matched.raw)
    default:
      return Responses.routeNotFound(request.method, request.url)
  }
}

const isServerSide = (u: unknown): u is WorkOSError.ServerSideError =>
  WorkOSError.isWorkOSError(u) && u._tag !== "InvalidRequest" && u._tag !== "RequestFailed" &&
  u._tag !== "UnexpectedResponse"

/** Runs the router on the request and its exchange; its failures as answers. */
const wire = (
  router: Router,
  request: HttpServerRequest.HttpServerRequest,
  exchange: Exchange.Exchange
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  if (!Routes.routable(exchange.rawPath)) return Effect.succeed(unrouted(request, exchange.rawPath))
  const routed = forRouter(request, exchange.rawPath)
  // one context for the router: the platform's services, the server's (which win), the request it sees, the exchange
  return Effect.mapInputContext(
    router.app,
    (context: Context.Context<never>) =>
      Context.add(
        Context.add(Context.merge(router.services, context), HttpServerRequest.HttpServerRequest, routed),
        Exchange.CurrentExchange,
        exchange
      )
  ).pipe(
    Effect.catchAll((error: unknown) => {
      if (error instanceof RouteNotFound) return Effect.succeed(unrouted(request, exchange.rawPath))
      if (error instanceof ConnectionDropped) return Effect.succeed(dropped)
      if (isServerSide(error)) return Effect.succeed(Responses.error(error))
      if (error instanceof HttpApiDecodeError) {
        return Effect.succeed(Responses.error(WireErrors.decodeFailure(error, exchange)))
      }
      return Effect.die(error)
    })
  )
}

/** The failure of a body that is cut off on purpose. */
class BodyDropped extends Error {}

/**
 * Drops the connection without an answer: on Node the socket is destroyed; elsewhere (a web handler) the answer is
 * a body that fails after the headers, which a client sees as a network error.
 */
const drop = (request: HttpServerRequest.HttpServerRequest) => {
  const source: unknown = NodeHttpServerRequest.toIncomingMessage(request)
  if (source instanceof Http.IncomingMessage) {
    source.socket.destroy()
    return dropped
  }
  return HttpServerResponse.stream(Stream.fail(new BodyDropped()))
}

const textOf = (response: HttpServerResponse.HttpServerResponse): string | undefined =>
  response.body._tag === "Uint8Array" ? new TextDecoder().decode(response.body.body) : undefined

/** Applies the HTTP fault the request drew to its answer (and drops the connection of a dropped one). */
const faults = (
  request: HttpServerRequest.HttpServerRequest,
  exchange: Exchange.Exchange,
  response: HttpServerResponse.HttpServerResponse
): HttpServerResponse.HttpServerResponse => {
  if (response === dropped) {
    exchange.dropped = true
    return drop(request)
  }
  const fault = exchange.fault
  if (fault === undefined || fault._tag === "ConnectionReset") return response
  const text = textOf(response)
  const contentType = response.body.contentType
  if (text === undefined) return response
  if (fault._tag === "MalformedBody") {
    // the status and headers are right, the body is cut off mid-way
    return HttpServerResponse.text(text.slice(0, Math.floor(text.length / 2)) + "\u0000{", {
      status: response.status,
      contentType,
      headers: response.headers
    })
  }
  const bytes = new TextEncoder().encode(text)
  const size = Math.max(1, Math.ceil(bytes.length / (fault.chunks ?? 10)))
  const pieces: Array<Uint8Array> = []
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size))
  return HttpServerResponse.stream(
    Stream.mapEffect(
      Stream.fromIterable(pieces),
      (piece) => Effect.as(Effect.sleep(Duration.millis(fault.chunkDelayMillis)), piece)
    ),
    {
      status: response.status,
      contentType,
      headers: Headers.set(response.headers, "content-length", String(bytes.length))
    }
  )
}

/** Records an API request's answer in its environment's journal. */
const journal = (exchange: Exchange.Exchange, response: HttpServerResponse.HttpServerResponse): void => {
  const arrival = exchange.journal
  if (arrival !== undefined && exchange.environment !== undefined) {
    exchange.environment.journal.record({ ...arrival, status: exchange.dropped ? null : response.status })
  }
}

/** The answer as it leaves, in one pass: the HTTP fault, the journal's status, the request id. */
const answer = (
  request: HttpServerRequest.HttpServerRequest,
  exchange: Exchange.Exchange,
  response: HttpServerResponse.HttpServerResponse
): HttpServerResponse.HttpServerResponse => {
  const sent = faults(request, exchange, response)
  journal(exchange, sent)
  return HttpServerResponse.setHeader(sent, "x-request-id", exchange.requestId)
}

/**
 * Builds the app. Environments are kept per `config.retention`.
 *
 * @internal
 */
export const make = (config: Config.Config): HttpApp.Default => {
  const createEnvironment = Effect.gen(function*() {
    const backing = yield* config.createBacking
    const now = yield* Clock.currentTimeMillis
    const limits = config.rateLimits
    return {
      backing,
      general: limits === undefined ? undefined : RateLimit.make(limits.requests, limits.windowMillis, now),
      deletes: limits === undefined ? undefined : RateLimit.make(limits.deletes, limits.windowMillis, now),
      attempts: new Map(),
      journal: Env.makeJournal(),
      faultPlan: {},
      httpFaults: [],
      faultCounter: Journal.makeFaultCounter(),
      latency: config.latency
    } satisfies Env.Environment
  })
  const store = Env.makeStore(createEnvironment, config.retention)
  let router: Router | undefined
  const routed = Effect.suspend(() =>
    router !== undefined ? Effect.succeed(router) : Effect.tap(buildRouter(config, store), (built) => {
      router = built
    })
  )

  const serve = (
    request: HttpServerRequest.HttpServerRequest,
    exchange: Exchange.Exchange,
    app: Router
  ): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
    Effect.ensuring(
      Effect.flatMap(wire(app, request, exchange), (response) =>
        // the latency holds the answer until its time (a dropped connection is dropped at that time too)
        exchange.answerAt === undefined
          ? Effect.succeed(answer(request, exchange, response))
          : Effect.map(Latency.waitUntil(exchange.answerAt), () => answer(request, exchange, response))),
      Effect.suspend(() => exchange.release ?? Effect.void)
    )

  return Effect.flatMap(
    HttpServerRequest.HttpServerRequest,
    (request) =>
      Effect.clockWith((clock) =>
        Effect.flatMap(Uuid.make, (requestId) => {
          const url = request.url
          const q = url.indexOf("?")
          const exchange = Exchange.make(
            requestId,
            Latency.arrivalOf(request, clock),
            q === -1 ? url : url.slice(0, q),
            q === -1 ? "" : url.slice(q + 1)
          )
          return router !== undefined
            ? serve(request, exchange, router)
            : Effect.flatMap(routed, (app) => serve(request, exchange, app))
        })
      )
  ).pipe(
    Effect.catchAllCause((cause) =>
      Effect.zipRight(
        Effect.logError("effect-workos emulator: unexpected failure", cause),
        Effect.map(Uuid.make, (requestId) =>
          HttpServerResponse.setHeader(
            Responses.error(new WorkOSError.ServerError({ status: 500, detail: "Internal emulator error" })),
            "x-request-id",
            requestId
          ))
      )
    )
  )
}
