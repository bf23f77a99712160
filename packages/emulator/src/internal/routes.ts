/**
 * The route table, matched on raw path segments (WIRE.md §6): literal segments compare raw, each parameter segment
 * is percent-decoded exactly once, and `%2F` inside a segment stays part of the id.
 */

/** @internal */
export type Operation =
  | { readonly _tag: "listOrganizations" }
  | { readonly _tag: "createOrganization" }
  | { readonly _tag: "getOrganization"; readonly id: string }
  | { readonly _tag: "getOrganizationByExternalId"; readonly externalId: string }
  | { readonly _tag: "updateOrganization"; readonly id: string }
  | { readonly _tag: "deleteOrganization"; readonly id: string }
  | { readonly _tag: "listOrganizationRoles"; readonly id: string; readonly legacy: boolean }
  | { readonly _tag: "listOrganizationFeatureFlags"; readonly id: string }
  | { readonly _tag: "listOrganizationApiKeys"; readonly id: string }
  | { readonly _tag: "createOrganizationApiKey"; readonly id: string }

/** @internal */
export type ControlOperation =
  | "reset"
  | "seed"
  | "snapshot"
  | "restore"
  | "setFaults"
  | "getFaults"
  | "clearFaults"
  | "journal"
  | "clearJournal"
  | "setLatency"
  | "getLatency"

/** @internal */
export type Match =
  | { readonly _tag: "Api"; readonly operation: Operation; readonly template: string }
  | { readonly _tag: "Control"; readonly operation: ControlOperation }
  | { readonly _tag: "MethodNotAllowed"; readonly allow: ReadonlyArray<string> }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "BadPathParameter"; readonly raw: string }

type Methods<A> = Partial<Record<string, A>>

const notFound: Match = { _tag: "NotFound" }

const decodeSegment = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

const pick = <A>(
  methods: Methods<A>,
  method: string,
  onMatch: (a: A) => Match
): Match => {
  const own = (m: string) => Object.hasOwn(methods, m) ? methods[m] : undefined
  const found = own(method) ?? (method === "HEAD" ? own("GET") : undefined)
  if (found !== undefined) return onMatch(found)
  const allow = Object.keys(methods)
  return { _tag: "MethodNotAllowed", allow: allow.includes("GET") ? [...allow, "HEAD"] : allow }
}

const api = (template: string, methods: Methods<Operation>, method: string): Match =>
  pick(methods, method, (operation) => ({ _tag: "Api", operation, template }))

const control: Record<string, Methods<ControlOperation>> = {
  reset: { POST: "reset" },
  seed: { POST: "seed" },
  snapshot: { GET: "snapshot" },
  restore: { POST: "restore" },
  faults: { GET: "getFaults", PUT: "setFaults", DELETE: "clearFaults" },
  journal: { GET: "journal", DELETE: "clearJournal" },
  latency: { GET: "getLatency", PUT: "setLatency" }
}

/**
 * Matches a raw request path (no query string) against the WorkOS Organizations routes and the `/_emulator/`
 * control routes. One trailing slash is ignored, as the real API's router does.
 *
 * @internal
 */
export const match = (method: string, rawPath: string): Match => {
  if (!rawPath.startsWith("/")) return notFound
  const segments = rawPath.slice(1).split("/")
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop()
  if (segments.some((s) => s === "")) return notFound

  // decodes a parameter segment, or reports it as malformed
  const param = (raw: string, onDecoded: (value: string) => Match): Match => {
    const value = decodeSegment(raw)
    return value === undefined ? { _tag: "BadPathParameter", raw } : onDecoded(value)
  }

  const [first, second, third, fourth, ...rest] = segments
  if (rest.length > 0) return notFound

  if (first === "_emulator") {
    if (second === undefined || third !== undefined) return notFound
    const entry = Object.hasOwn(control, second) ? control[second] : undefined
    return entry === undefined ? notFound : pick(entry, method, (operation) => ({ _tag: "Control", operation }))
  }

  if (first === "authorization") {
    if (second !== "organizations" || third === undefined || fourth !== "roles") return notFound
    return param(third, (id) =>
      api(
        "/authorization/organizations/{organizationId}/roles",
        { GET: { _tag: "listOrganizationRoles", id, legacy: false } },
        method
      ))
  }

  if (first !== "organizations") return notFound
  if (second === undefined) {
    return api(
      "/organizations",
      { GET: { _tag: "listOrganizations" }, POST: { _tag: "createOrganization" } },
      method
    )
  }
  if (third === undefined) {
    return param(second, (id) =>
      api(
        "/organizations/{id}",
        {
          GET: { _tag: "getOrganization", id },
          PUT: { _tag: "updateOrganization", id },
          DELETE: { _tag: "deleteOrganization", id }
        },
        method
      ))
  }
  if (fourth !== undefined) return notFound
  if (second === "external_id") {
    return param(third, (externalId) =>
      api(
        "/organizations/external_id/{external_id}",
        { GET: { _tag: "getOrganizationByExternalId", externalId } },
        method
      ))
  }
  switch (third) {
    case "roles":
      return param(second, (id) =>
        api(
          "/organizations/{organizationId}/roles",
          { GET: { _tag: "listOrganizationRoles", id, legacy: true } },
          method
        ))
    case "feature-flags":
      return param(second, (id) =>
        api(
          "/organizations/{organizationId}/feature-flags",
          { GET: { _tag: "listOrganizationFeatureFlags", id } },
          method
        ))
    case "api_keys":
      return param(second, (id) =>
        api(
          "/organizations/{organizationId}/api_keys",
          {
            GET: { _tag: "listOrganizationApiKeys", id },
            POST: { _tag: "createOrganizationApiKey", id }
          },
          method
        ))
  }
  return notFound
}
