/**
 * The emulator's declaration: core's `organizations`, `apiKeys` and `organizationDomains` groups (`WorkOSApi`)
 * behind the emulator's middlewares, the legacy roles path WorkOS still serves, and the `/_emulator` control group. `HttpApiBuilder` serves it
 * (`handlers.ts`, `control.ts`); `routes.ts` reads it back for the 404 and 405 answers.
 *
 * The route middlewares run in the order below, each before the handler (platform 0.97's `HttpApiMiddleware` runs
 * ahead of the handler and cannot see its answer, so the steps that act on the answer, the latency wait, the HTTP
 * faults that mangle a body and the journal's status, are `HttpApp` middlewares in `server.ts`; these record in
 * the request's `Exchange` what those need).
 */
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as Context from "effect/Context"
import * as Schema from "effect/Schema"
import type * as Env from "./environment.js"
import * as Schemas from "./schemas.js"

/**
 * The caller's environment, provided by {@link Authentication}.
 *
 * @internal
 */
export class CurrentEnvironment
  extends Context.Tag("@effect-workos/emulator/CurrentEnvironment")<CurrentEnvironment, Env.Environment>()
{}

/**
 * The connection is dropped without an answer (a `ConnectionReset` fault, or the fake's `RequestFailed` and
 * `ResponseLost`). Never encoded: `server.ts` drops the connection at the answer's time.
 *
 * @internal
 */
export class ConnectionDropped extends Schema.TaggedError<ConnectionDropped>()("ConnectionDropped", {}) {}

/**
 * `Authorization: Bearer <key>`: a well-formed test key (or one of the configured keys) gets its environment; 401
 * otherwise, 503 when every kept environment is serving a request and none can make room.
 *
 * @internal
 */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@effect-workos/emulator/Authentication", {
  failure: Schema.Union(WorkOSApi.WireError.Unauthorized, WorkOSApi.WireError.ServerError),
  provides: CurrentEnvironment,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/**
 * Names the request for the journal (operation, Idempotency-Key and its attempt) as it arrives.
 *
 * @internal
 */
export class Journal extends HttpApiMiddleware.Tag<Journal>()("@effect-workos/emulator/Journal") {}

/**
 * WorkOS's per-key token buckets: 429 with `Retry-After` when one is empty.
 *
 * @internal
 */
export class RateLimit extends HttpApiMiddleware.Tag<RateLimit>()("@effect-workos/emulator/RateLimit", {
  failure: WorkOSApi.WireError.RateLimited
}) {}

/**
 * Draws the request's latency (the answer leaves at arrival plus it).
 *
 * @internal
 */
export class Latency extends HttpApiMiddleware.Tag<Latency>()("@effect-workos/emulator/Latency") {}

/**
 * Counts the request for the HTTP fault plan: a `ConnectionReset` stops it before the fake, the other faults act on
 * its answer.
 *
 * @internal
 */
export class Faults extends HttpApiMiddleware.Tag<Faults>()("@effect-workos/emulator/Faults", {
  failure: ConnectionDropped
}) {}

/**
 * Core's `organizations` group with the emulator's middlewares (the last added runs first).
 *
 * @internal
 */
export class OrganizationsGroup extends WorkOSApi.OrganizationsGroup
  .middleware(Faults)
  .middleware(Latency)
  .middleware(RateLimit)
  .middleware(Journal)
  .middleware(Authentication)
{}

/**
 * Core's `apiKeys` group with the same middlewares.
 *
 * @internal
 */
export class ApiKeysGroup extends WorkOSApi.ApiKeysGroup
  .middleware(Faults)
  .middleware(Latency)
  .middleware(RateLimit)
  .middleware(Journal)
  .middleware(Authentication)
{}

/**
 * Core's `organizationDomains` group with the same middlewares.
 *
 * @internal
 */
export class OrganizationDomainsGroup extends WorkOSApi.OrganizationDomainsGroup
  .middleware(Faults)
  .middleware(Latency)
  .middleware(RateLimit)
  .middleware(Journal)
  .middleware(Authentication)
{}

/**
 * `GET /organizations/:organizationId/roles`, the path SDKs before 9 call; the journal names it as the current one.
 *
 * @internal
 */
export class LegacyGroup extends HttpApiGroup.make("legacy")
  .add(
    HttpApiEndpoint.get("listOrganizationRoles", "/organizations/:organizationId/roles")
      .setPath(Schema.Struct({ organizationId: WorkOSApi.PathSegment }))
      .addSuccess(WorkOSApi.OrganizationsGroup.endpoints.listOrganizationRoles.successSchema)
      .addError(WorkOSApi.WireError.NotFound)
      .addError(WorkOSApi.WireError.BadRequest)
  )
  .addError(WorkOSApi.WireError.Forbidden)
  .addError(WorkOSApi.WireError.ServerError)
  .middleware(Faults)
  .middleware(Latency)
  .middleware(RateLimit)
  .middleware(Journal)
  .middleware(Authentication)
{}

const Empty = Schema.Struct({})

/**
 * The control API under `/_emulator/`, acting on the caller's environment (same bearer key). Its bodies are read
 * by the handlers with the control API's own size limit; the payload schemas here say what they decode.
 *
 * @internal
 */
export class ControlGroup extends HttpApiGroup.make("control")
  .add(HttpApiEndpoint.post("reset", "/_emulator/reset").addSuccess(Empty))
  .add(HttpApiEndpoint.post("seed", "/_emulator/seed").setPayload(FakeWorkOS.Fixtures).addSuccess(Empty))
  .add(HttpApiEndpoint.get("snapshot", "/_emulator/snapshot").addSuccess(FakeWorkOS.Snapshot))
  .add(HttpApiEndpoint.post("restore", "/_emulator/restore").setPayload(FakeWorkOS.Snapshot).addSuccess(Empty))
  .add(HttpApiEndpoint.get("getFaults", "/_emulator/faults").addSuccess(Schemas.FaultPlan))
  .add(
    HttpApiEndpoint.put("setFaults", "/_emulator/faults").setPayload(Schemas.FaultPlan).addSuccess(Schemas.FaultPlan)
  )
  .add(HttpApiEndpoint.del("clearFaults", "/_emulator/faults").addSuccess(Empty))
  .add(HttpApiEndpoint.get("journal", "/_emulator/journal").addSuccess(Schemas.Journal))
  .add(HttpApiEndpoint.del("clearJournal", "/_emulator/journal").addSuccess(Empty))
  .add(HttpApiEndpoint.get("getLatency", "/_emulator/latency").addSuccess(Schemas.Latency))
  .add(HttpApiEndpoint.put("setLatency", "/_emulator/latency").setPayload(Schemas.Latency).addSuccess(Schemas.Latency))
  .add(HttpApiEndpoint.get("dns", "/_emulator/dns").addSuccess(Schemas.DnsRecords))
  .add(
    HttpApiEndpoint.post("setDnsRecord", "/_emulator/dns").setPayload(Schemas.DnsRecord).addSuccess(Schemas.DnsRecords)
  )
  .add(
    HttpApiEndpoint.del("removeDnsRecord", "/_emulator/dns").setPayload(Schemas.DnsRecordRemoval).addSuccess(
      Schemas.DnsRecords
    )
  )
  .add(HttpApiEndpoint.get("clock", "/_emulator/clock").addSuccess(Schemas.ClockTime))
  .add(
    HttpApiEndpoint.post("advanceClock", "/_emulator/clock/advance").setPayload(Schemas.ClockAdvance).addSuccess(
      Schemas.ClockTime
    )
  )
  .addError(WorkOSApi.WireError.BadRequest)
  // an upload cut off mid-way drops the connection
  .addError(ConnectionDropped)
  .middleware(Authentication)
{}

/**
 * What the emulator serves.
 *
 * @internal
 */
export class EmulatorApi
  extends HttpApi.make("WorkOSEmulator").add(OrganizationsGroup).add(ApiKeysGroup).add(OrganizationDomainsGroup).add(
    LegacyGroup
  ).add(ControlGroup)
{}
