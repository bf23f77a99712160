/**
 * The routes as the declaration states them (`HttpApi.reflect` over `EmulatorApi`), for what the router does not
 * answer itself: the 404 (NestJS's `Cannot METHOD path`), the 405 with `Allow`, and WorkOS's 400 for a parameter
 * that is not percent-decodable. Matching is on raw path segments (WIRE.md §6): literal segments compare raw and
 * case-sensitively, a literal beats a parameter at the first segment where two templates differ, each parameter
 * segment is percent-decoded once, and one trailing slash is ignored, as the real API's router does.
 */
import * as Faults from "@effect-workos/fake/Faults"
import * as HttpApi from "@effect/platform/HttpApi"
import type * as HttpRouter from "@effect/platform/HttpRouter"
import * as Schema from "effect/Schema"
import { EmulatorApi } from "./api.js"

type Operation = Faults.Operation

const isOperation = Schema.is(Faults.Operation)

/** @internal */
export type Match =
  | { readonly _tag: "Api"; readonly operation: { readonly _tag: string }; readonly template: string }
  | { readonly _tag: "Control"; readonly operation: string }
  | { readonly _tag: "MethodNotAllowed"; readonly allow: ReadonlyArray<string> }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "BadPathParameter"; readonly raw: string }

interface Route {
  readonly group: string
  readonly name: string
  readonly method: string
  readonly path: HttpRouter.PathInput
  /** A literal segment, or `undefined` for a parameter. */
  readonly segments: ReadonlyArray<string | undefined>
}

const routes: ReadonlyArray<Route> = (() => {
  const out: Array<Route> = []
  HttpApi.reflect(EmulatorApi, {
    onGroup: () => {},
    onEndpoint: ({ endpoint, group }) => {
      out.push({
        group: group.identifier,
        name: endpoint.name,
        method: endpoint.method,
        path: endpoint.path,
        segments: endpoint.path.slice(1).split("/").map((s) => s.startsWith(":") ? undefined : s)
      })
    }
  })
  return out
})()

/**
 * The operation each routed method and path template names, for the journal and the rate limits (`HEAD` is served
 * by the `GET` route).
 *
 * @internal
 */
export const operationOf: ReadonlyMap<string, Operation> = new Map(
  routes.flatMap((route) => isOperation(route.name) ? [[`${route.method} ${route.path}`, route.name] as const] : [])
)

const notFound: Match = { _tag: "NotFound" }

/** Whether template `a` is more specific than `b`: a literal where the other has a parameter, first. */
const moreSpecific = (a: Route, b: Route): boolean => {
  for (let i = 0; i < a.segments.length; i++) {
    if ((a.segments[i] === undefined) !== (b.segments[i] === undefined)) return a.segments[i] !== undefined
  }
  return false
}

const decodes = (raw: string): boolean => {
  try {
    decodeURIComponent(raw)
    return true
  } catch {
    return false
  }
}

/**
 * Whether the router may be given a raw path: no empty segment (the router would skip it, WorkOS does not) and
 * every segment percent-decodable.
 *
 * @internal
 */
export const routable = (rawPath: string): boolean =>
  !rawPath.includes("//") && (!rawPath.includes("%") || rawPath.split("/").every(decodes))

/**
 * Matches a raw request path (no query string) against the declared routes.
 *
 * @internal
 */
export const match = (method: string, rawPath: string): Match => {
  if (!rawPath.startsWith("/")) return notFound
  const segments = rawPath.slice(1).split("/")
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop()
  if (segments.some((s) => s === "")) return notFound
  let best: Route | undefined
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue
    if (!route.segments.every((literal, i) => literal === undefined || literal === segments[i])) continue
    if (best === undefined || moreSpecific(route, best)) best = route
  }
  if (best === undefined) return notFound
  const template = best.path
  const bad = best.segments.findIndex((literal, i) => literal === undefined && !decodes(segments[i]!))
  if (bad !== -1) return { _tag: "BadPathParameter", raw: segments[bad]! }
  const candidates = routes.filter((route) => route.path === template)
  const found = candidates.find((route) => route.method === method) ??
    (method === "HEAD" ? candidates.find((route) => route.method === "GET") : undefined)
  if (found === undefined) {
    const allow = candidates.map((route) => route.method)
    return { _tag: "MethodNotAllowed", allow: allow.includes("GET") ? [...allow, "HEAD"] : allow }
  }
  return found.group === "control"
    ? { _tag: "Control", operation: found.name }
    : { _tag: "Api", operation: { _tag: found.name }, template: template.replace(/:(\w+)/g, "{$1}") }
}

const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"] as const

/**
 * The methods each declared path template does not serve. The router matches per method, so without these a
 * `POST` to `/organizations/external_id/x` would reach the `POST /organizations/:organizationId/:x` route; routed
 * to {@link match}, it is a 405 as at WorkOS.
 *
 * @internal
 */
export const unserved: ReadonlyArray<{ readonly method: typeof methods[number]; readonly path: HttpRouter.PathInput }> =
  [
    ...new Set(routes.map((route) => route.path))
  ].flatMap((path) =>
    methods.filter((method) => !routes.some((route) => route.path === path && route.method === method)).map((
      method
    ) => ({ method, path }))
  )
