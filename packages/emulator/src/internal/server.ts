/**
 * The emulator as an `HttpApp`: routing, authentication, per-key environments, rate limits, latency, HTTP faults,
 * wire decoding with core's option schemas, the fake's backend, wire encoding with core's resource schemas, and the
 * HTTP journal.
 */
import {
  ApiKey,
  FeatureFlag,
  List,
  Options,
  Organization,
  type Organizations,
  Role,
  WorkOSError
} from "@effect-workos/core"
import type * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Http from "node:http"
import * as Body from "./body.js"
import * as Env from "./environment.js"
import * as Latency from "./latency.js"
import * as Query from "./query.js"
import * as RateLimit from "./rateLimit.js"
import * as Responses from "./responses.js"
import * as Routes from "./routes.js"
import * as Uuid from "./uuid.js"
import * as Validation from "./validation.js"

/**
 * The resolved server configuration.
 *
 * @internal
 */
export interface Config {
  /** When set, only these keys are accepted. */
  readonly apiKeys: ReadonlySet<string> | undefined
  readonly rateLimits:
    | { readonly requests: number; readonly deletes: number; readonly windowMillis: number }
    | undefined
  /** The latency every new environment starts with. */
  readonly latency: Env.LatencyPlan
  /** How many environments are kept, and for how long an unused one is. */
  readonly retention: Env.Retention
  /** A fresh fake for a new environment. */
  readonly createBacking: Effect.Effect<Env.Backing>
  /** Decodes `POST /_emulator/seed`; the error names the field. */
  readonly decodeFixtures: (input: unknown) => Either.Either<FakeWorkOS.Fixtures, string>
  /** Decodes `PUT /_emulator/faults` into the fake's plan and the HTTP rules; the error names the field. */
  readonly decodeFaults: (input: unknown) => Either.Either<{
    readonly fake: FakeWorkOS.FaultPlan
    readonly http: ReadonlyArray<Env.HttpFaultRule>
  }, string>
  /** Decodes `PUT /_emulator/latency`; the error names the field. */
  readonly decodeLatency: (input: unknown) => Either.Either<Env.LatencyPlan, string>
  /** Encodes the journal. */
  readonly encodeJournal: (entries: ReadonlyArray<Env.JournalEntry>) => unknown
}

/** A well-formed test key: what the real API hands out for a staging environment. */
const TEST_KEY = /^sk_test_[A-Za-z0-9_.-]{1,200}$/

/** A prepared answer, before faults mangle it. */
interface Answer {
  readonly status: number
  readonly contentType: string
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** The connection is dropped without an answer. */
const Drop = { _tag: "Drop" } as const
type Outcome = Answer | typeof Drop

const isDrop = (outcome: Outcome): outcome is typeof Drop => "_tag" in outcome

const jsonAnswer = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): Answer => ({
  status,
  contentType: Responses.JSON_CONTENT_TYPE,
  body: JSON.stringify(body),
  headers
})

const errorAnswer = (failure: WorkOSError.ServerSideError): Answer => {
  const answer = WorkOSError.toResponse(failure)
  return jsonAnswer(answer.status, answer.body, answer.headers)
}

/** What the backend failed with, as the wire answer (or a dropped connection for a lost response). */
const backendFailure = (failure: WorkOSError.WorkOSError): Outcome => {
  switch (failure._tag) {
    case "RequestFailed":
      return Drop
    case "InvalidRequest": {
      const top = failure.field.split(/[.[]/)[0] || "body"
      return errorAnswer(Validation.failed([Validation.issue(failure.field, `${top}_invalid`, failure.message)]))
    }
    case "UnexpectedResponse":
      return errorAnswer(new WorkOSError.ServerError({ status: 500, detail: failure.detail }))
    default:
      return errorAnswer(failure)
  }
}

/** How many encoded organizations an app keeps (see {@link makeEncoders}). */
const ENCODED_CACHE_SIZE = 20_000

type Encoder<A> = (a: A) => Effect.Effect<unknown, ParseResult.ParseError>

interface Encoders {
  readonly organization: Encoder<Organization.Organization>
  readonly organizations: Encoder<List.List<Organization.Organization>>
  readonly roles: Encoder<Role.RoleList>
  readonly flags: Encoder<List.List<FeatureFlag.FeatureFlag>>
  readonly apiKeys: Encoder<List.List<ApiKey.ApiKey>>
  readonly createdApiKey: Encoder<ApiKey.CreatedApiKey>
}

const encodeOrganization = Schema.encodeEither(Organization.Organization)
const encodeListEnvelope = Schema.encode(List.List(Schema.Unknown))

/**
 * Encoders with core's schemas. Encoding an organization is most of the cost of a page, and the fake's
 * organizations are immutable values (an update makes a new one), so each app remembers the encodings of the
 * organizations it sent most recently, by identity.
 */
const makeEncoders = (): Encoders => {
  const encoded = new Map<Organization.Organization, unknown>()
  const organization = (o: Organization.Organization): Either.Either<unknown, ParseResult.ParseError> => {
    const hit = encoded.get(o)
    if (hit !== undefined) return Either.right(hit)
    return Either.map(encodeOrganization(o), (json) => {
      encoded.set(o, json)
      if (encoded.size > ENCODED_CACHE_SIZE) encoded.delete(encoded.keys().next().value!)
      return json
    })
  }
  return {
    organization: (o) => organization(o),
    organizations: (page) =>
      Effect.flatMap(
        Effect.forEach(page.data, (o) => organization(o)),
        (data) => encodeListEnvelope({ ...page, data })
      ),
    roles: Schema.encode(Role.RoleList),
    flags: Schema.encode(List.List(FeatureFlag.FeatureFlag)),
    apiKeys: Schema.encode(List.List(ApiKey.ApiKey)),
    createdApiKey: Schema.encode(ApiKey.CreatedApiKey)
  }
}

const decodeBody = {
  create: Schema.decodeUnknownEither(Options.CreateOrganizationOptions, { errors: "all" }),
  update: Schema.decodeUnknownEither(Options.UpdateOrganizationOptions, { errors: "all" }),
  createApiKey: Schema.decodeUnknownEither(Options.CreateOrganizationApiKeyOptions, { errors: "all" })
}

/** Runs a backend call and encodes its success with `encode` at `status`. */
const call = <A, I, E extends WorkOSError.WorkOSError>(
  effect: Effect.Effect<A, E>,
  encode: (a: A) => Effect.Effect<I, unknown>,
  status: number
): Effect.Effect<Outcome> =>
  effect.pipe(
    Effect.flatMap((a) =>
      Effect.matchEffect(encode(a), {
        onFailure: (cause) =>
          Effect.as(
            Effect.logError("the fake returned a value its schema cannot encode", cause),
            errorAnswer(
              new WorkOSError.ServerError({ status: 500, detail: "The emulator produced an invalid response" })
            )
          ),
        onSuccess: (body): Effect.Effect<Outcome> => Effect.succeed(jsonAnswer(status, body))
      })
    ),
    Effect.catchAll((failure) => Effect.succeed(backendFailure(failure)))
  )

const withoutNulls = (body: object, keys: ReadonlyArray<string>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...body }
  for (const key of keys) if (out[key] === null) delete out[key]
  return out
}

/**
 * Reads and parses a JSON body; the answer to send instead when it is too large, malformed or cut off.
 */
const readJson = (
  request: HttpServerRequest.HttpServerRequest,
  limit: number
): Effect.Effect<Either.Either<object, Outcome>> =>
  Effect.map(Body.read(request, limit), (body): Either.Either<object, Outcome> => {
    switch (body._tag) {
      case "Aborted":
        return Either.left(Drop)
      case "TooLarge":
        return Either.left({
          ...jsonAnswer(413, Responses.PAYLOAD_TOO_LARGE),
          headers: body.drained ? {} : { connection: "close" }
        })
      case "Text":
        return Either.mapLeft(Body.parseJson(body.text) as Either.Either<object, WorkOSError.BadRequest>, errorAnswer)
    }
  })

const withBody = (
  request: HttpServerRequest.HttpServerRequest,
  f: (body: object) => Effect.Effect<Outcome>,
  limit = Body.MAX_BODY_BYTES
): Effect.Effect<Outcome> =>
  Effect.flatMap(readJson(request, limit), Either.match({ onLeft: Effect.succeed, onRight: f }))

/** {@link withBody} for the control API, whose seeds and snapshots may be large. */
const withControlBody = (
  request: HttpServerRequest.HttpServerRequest,
  f: (body: object) => Effect.Effect<Outcome>
): Effect.Effect<Outcome> => withBody(request, f, Body.MAX_CONTROL_BODY_BYTES)

const decoded = <A>(
  result: Either.Either<A, ParseResult.ParseError>,
  f: (a: A) => Effect.Effect<Outcome>
): Effect.Effect<Outcome> =>
  Either.match(result, {
    onLeft: (error) => Effect.succeed(errorAnswer(Validation.fromParseError(error))),
    onRight: f
  })

const fromQuery = <A>(
  result: Either.Either<A, WorkOSError.BadRequest | WorkOSError.ValidationFailed>,
  f: (a: A) => Effect.Effect<Outcome>
): Effect.Effect<Outcome> => Either.match(result, { onLeft: (error) => Effect.succeed(errorAnswer(error)), onRight: f })

/** Dispatches one WorkOS operation to the backend. */
const operation = (
  encoders: Encoders,
  backend: Organizations.Backend,
  op: Routes.Operation,
  request: HttpServerRequest.HttpServerRequest,
  search: string,
  idempotencyKey: string | undefined
): Effect.Effect<Outcome> => {
  const requestOptions = idempotencyKey === undefined ? {} : { idempotencyKey }
  switch (op._tag) {
    case "listOrganizations":
      return fromQuery(
        Query.decode(Options.ListOrganizationsOptions, Query.LIST_ORGANIZATIONS_KEYS, search),
        (options) => call(backend.listOrganizationsPage(options), encoders.organizations, 200)
      )
    case "createOrganization":
      return withBody(request, (body) =>
        decoded(
          // WorkOS accepts explicit nulls on create and treats them as absent
          decodeBody.create(withoutNulls(body, ["domain_data", "external_id", "metadata"])),
          (options) => call(backend.createOrganization(options, requestOptions), encoders.organization, 201)
        ))
    case "getOrganization":
      return call(backend.getOrganization(op.id), encoders.organization, 200)
    case "getOrganizationByExternalId":
      return call(backend.getOrganizationByExternalId(op.externalId), encoders.organization, 200)
    case "updateOrganization":
      return withBody(request, (body) =>
        decoded(
          decodeBody.update({ ...withoutNulls(body, ["domain_data"]), organization: op.id }),
          (options) => call(backend.updateOrganization(options), encoders.organization, 200)
        ))
    case "deleteOrganization":
      return backend.deleteOrganization(op.id).pipe(
        Effect.as<Outcome>({ status: 202, contentType: Responses.TEXT_CONTENT_TYPE, body: "Accepted", headers: {} }),
        Effect.catchAll((failure) => Effect.succeed(backendFailure(failure)))
      )
    case "listOrganizationRoles":
      return call(backend.listOrganizationRoles({ organizationId: op.id }), encoders.roles, 200)
    case "listOrganizationFeatureFlags":
      return fromQuery(
        Query.decode(Options.ListOrganizationFeatureFlagsOptions, Query.PAGINATION_KEYS, search, {
          organizationId: op.id
        }),
        (options) => call(backend.listOrganizationFeatureFlagsPage(options), encoders.flags, 200)
      )
    case "listOrganizationApiKeys":
      return fromQuery(
        Query.decode(Options.ListOrganizationApiKeysOptions, Query.PAGINATION_KEYS, search, {
          organizationId: op.id
        }),
        (options) => call(backend.listOrganizationApiKeysPage(options), encoders.apiKeys, 200)
      )
    case "createOrganizationApiKey":
      return withBody(request, (body) =>
        decoded(
          decodeBody.createApiKey({ ...body, organizationId: op.id }),
          (options) => call(backend.createOrganizationApiKey(options, requestOptions), encoders.createdApiKey, 201)
        ))
  }
}

/** The failure of a body that is cut off on purpose. */
class ConnectionDropped extends Data.TaggedError("ConnectionDropped") {}

/**
 * Drops the connection without an answer: on Node the socket is destroyed; elsewhere (a web handler) the answer is
 * a body that fails after the headers, which a client sees as a network error.
 */
const drop = (request: HttpServerRequest.HttpServerRequest, requestId: string) =>
  Effect.sync(() => {
    const source: unknown = NodeHttpServerRequest.toIncomingMessage(request)
    if (source instanceof Http.IncomingMessage) {
      source.socket.destroy()
      return respond(jsonAnswer(499, { message: "dropped" }), requestId)
    }
    return HttpServerResponse.stream(Stream.fail(new ConnectionDropped()), {
      headers: { "x-request-id": requestId }
    })
  })

const respond = (answer: Answer, requestId: string): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(answer.body, {
    status: answer.status,
    contentType: answer.contentType,
    headers: { ...answer.headers, "x-request-id": requestId }
  })

/** Cuts the body in `chunks` pieces sent `delayMillis` apart. */
const slow = (
  answer: Answer,
  requestId: string,
  fault: Extract<Env.HttpFault, { _tag: "SlowBody" }>
): HttpServerResponse.HttpServerResponse => {
  const bytes = new TextEncoder().encode(answer.body)
  const size = Math.max(1, Math.ceil(bytes.length / (fault.chunks ?? 10)))
  const pieces: Array<Uint8Array> = []
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size))
  return HttpServerResponse.stream(
    Stream.mapEffect(
      Stream.fromIterable(pieces),
      (piece) => Effect.as(Effect.sleep(Duration.millis(fault.chunkDelayMillis)), piece)
    ),
    {
      status: answer.status,
      contentType: answer.contentType,
      headers: { ...answer.headers, "x-request-id": requestId, "content-length": String(bytes.length) }
    }
  )
}

/** Checks the buckets; the 429 to send when one is empty. */
const rateLimit = (env: Env.Environment, op: Routes.Operation, now: number): Answer | undefined => {
  const buckets = op._tag === "deleteOrganization" ? [env.general, env.deletes] : [env.general]
  let wait = 0
  for (const bucket of buckets) if (bucket !== undefined) wait = Math.max(wait, RateLimit.check(bucket, now))
  if (wait > 0) {
    return errorAnswer(
      new WorkOSError.RateLimited({
        detail: "Too many requests",
        retryAfter: Duration.seconds(Math.max(1, Math.ceil(wait / 1000)))
      })
    )
  }
  for (const bucket of buckets) if (bucket !== undefined) RateLimit.take(bucket)
  return undefined
}

const controlInvalid = (detail: string): Answer =>
  errorAnswer(new WorkOSError.BadRequest({ status: 400, code: "invalid_control_input", detail }))

const clearHttpFaults = (env: Env.Environment) => {
  env.faultPlan = {}
  env.httpFaults = []
  env.faultCounts.clear()
}

/** The `/_emulator/` control API, acting on the caller's environment. */
const control = (
  config: Config,
  env: Env.Environment,
  op: Routes.ControlOperation,
  request: HttpServerRequest.HttpServerRequest
): Effect.Effect<Outcome> => {
  const fake = env.backing.control
  const ok = (body: unknown = {}) => Effect.succeed<Outcome>(jsonAnswer(200, body))
  const invalid = (detail: string) => Effect.succeed<Outcome>(controlInvalid(detail))
  switch (op) {
    case "reset":
      return Effect.zipRight(
        fake.reset,
        Effect.suspend(() => {
          env.journal = []
          env.attempts.clear()
          clearHttpFaults(env)
          env.latency = config.latency
          return ok()
        })
      )
    case "seed":
      return withControlBody(request, (body) =>
        Either.match(config.decodeFixtures(body), {
          onLeft: invalid,
          onRight: (fixtures) =>
            fake.seed(fixtures).pipe(
              Effect.zipRight(ok()),
              Effect.catchAll((error) => invalid(`${error.path}: ${error.detail}`))
            )
        }))
    case "snapshot":
      // the answer is JSON: the snapshot's JSON document, objects in their wire encoding
      return Effect.flatMap(fake.snapshot, ok)
    case "restore":
      return withControlBody(request, (body) =>
        fake.restore(body).pipe(
          Effect.zipRight(ok()),
          Effect.catchAll((error) => invalid(`${error.path}: ${error.detail}`))
        ))
    case "getFaults":
      return ok(env.faultPlan)
    case "clearFaults":
      return Effect.zipRight(
        fake.clearFaults,
        Effect.suspend(() => {
          clearHttpFaults(env)
          return ok()
        })
      )
    case "setFaults":
      return withControlBody(request, (body) =>
        Either.match(config.decodeFaults(body), {
          onLeft: invalid,
          onRight: (plan) =>
            Effect.zipRight(
              fake.setFaults(plan.fake),
              Effect.suspend(() => {
                env.faultPlan = body
                env.httpFaults = plan.http
                env.faultCounts.clear()
                return ok(body)
              })
            )
        }))
    case "journal":
      return ok(config.encodeJournal(env.journal))
    case "clearJournal":
      return Effect.suspend(() => {
        env.journal = []
        return ok()
      })
    case "getLatency":
      return ok(env.latency)
    case "setLatency":
      return withControlBody(request, (body) =>
        Either.match(config.decodeLatency(body), {
          onLeft: invalid,
          onRight: (plan) =>
            Effect.suspend(() => {
              env.latency = plan
              return ok(plan)
            })
        }))
  }
}

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i

/**
 * Builds the app. Environments are kept per `config.retention`.
 *
 * @internal
 */
export const make = (config: Config): HttpApp.Default => {
  const createEnvironment = Effect.gen(function*() {
    const backing = yield* config.createBacking
    const now = yield* Clock.currentTimeMillis
    const limits = config.rateLimits
    return {
      backing,
      general: limits === undefined ? undefined : RateLimit.make(limits.requests, limits.windowMillis, now),
      deletes: limits === undefined ? undefined : RateLimit.make(limits.deletes, limits.windowMillis, now),
      attempts: new Map(),
      journal: [],
      sequence: 0,
      faultPlan: {},
      httpFaults: [],
      faultCounts: new Map(),
      latency: config.latency
    } satisfies Env.Environment
  })
  const store = Env.makeStore(createEnvironment, config.retention)
  const encoders = makeEncoders()

  const authenticate = (header: string | undefined): string | undefined => {
    const key = header === undefined ? undefined : bearer.exec(header)?.[1]
    if (key === undefined) return undefined
    if (config.apiKeys !== undefined) return config.apiKeys.has(key) ? key : undefined
    return TEST_KEY.test(key) ? key : undefined
  }

  const api = (
    env: Env.Environment,
    matched: { readonly operation: Routes.Operation },
    request: HttpServerRequest.HttpServerRequest,
    rawPath: string,
    search: string,
    requestId: string
  ): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
    Effect.gen(function*() {
      const op = matched.operation
      const arrival = yield* Latency.arrivedAt(request)
      const time = Math.floor(arrival)
      const rawKey = request.headers["idempotency-key"]
      const idempotencyKey = rawKey === undefined || rawKey === "" ? undefined : rawKey
      const attempt = idempotencyKey === undefined ? null : Env.attempt(env, idempotencyKey)
      const journal = (status: number | null) =>
        Env.record(env, {
          time,
          method: request.method,
          path: rawPath,
          query: search,
          operation: op._tag,
          status,
          idempotencyKey: idempotencyKey ?? null,
          attempt,
          requestId
        })

      const limited = rateLimit(env, op, time)
      if (limited !== undefined) {
        journal(limited.status)
        return respond(limited, requestId)
      }
      // The latency is the time from arrival to answer, the emulator's own work included (as a real server's is):
      // the request is carried out as it arrives, its answer is made ready to send, and it waits out the rest.
      const answerAt = arrival + (yield* Latency.draw(env.latency))
      // a dropped connection drops at the answer's time
      const dropAtAnswerTime = Effect.zipRight(
        Latency.waitUntil(answerAt),
        Effect.suspend(() => {
          journal(null)
          return drop(request, requestId)
        })
      )
      const fault = Env.takeFault(env, op._tag)
      if (fault?._tag === "ConnectionReset") return yield* dropAtAnswerTime
      const outcome = yield* operation(encoders, env.backing.backend, op, request, search, idempotencyKey)
      if (isDrop(outcome)) return yield* dropAtAnswerTime
      const response = fault?._tag === "MalformedBody"
        // the status and headers are right, the body is cut off mid-way
        ? respond(
          { ...outcome, body: outcome.body.slice(0, Math.floor(outcome.body.length / 2)) + "\u0000{" },
          requestId
        )
        : fault?._tag === "SlowBody"
        ? slow(outcome, requestId, fault)
        : respond(outcome, requestId)
      yield* Latency.waitUntil(answerAt)
      journal(outcome.status)
      return response
    })

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const requestId = yield* Uuid.make
    const url = request.url
    const q = url.indexOf("?")
    const rawPath = q === -1 ? url : url.slice(0, q)
    const search = q === -1 ? "" : url.slice(q + 1)
    const matched = Routes.match(request.method, rawPath)
    switch (matched._tag) {
      case "NotFound":
        return Responses.routeNotFound(request.method, url, requestId)
      case "MethodNotAllowed":
        return Responses.methodNotAllowed(matched.allow, requestId)
      case "BadPathParameter":
        return Responses.error(
          new WorkOSError.BadRequest({ status: 400, detail: `Failed to decode param '${matched.raw.slice(0, 200)}'` }),
          requestId
        )
    }
    const key = authenticate(request.headers.authorization)
    if (key === undefined) {
      return Responses.error(new WorkOSError.Unauthorized({ detail: "Unauthorized" }), requestId)
    }
    return yield* store.use(key, (env) =>
      matched._tag === "Control"
        ? Effect.flatMap(
          control(config, env, matched.operation, request),
          (outcome) => isDrop(outcome) ? drop(request, requestId) : Effect.succeed(respond(outcome, requestId))
        )
        : api(env, matched, request, rawPath, search, requestId)).pipe(
        Effect.catchTag("Full", ({ maxEnvironments }) =>
          Effect.succeed(Responses.error(
            new WorkOSError.ServerError({
              status: 503,
              detail: `The emulator keeps at most ${maxEnvironments} environments (one per API key) and every one ` +
                "is serving a request, so none can make room for this key's. Retry shortly, or start the emulator " +
                "with a higher maxEnvironments."
            }),
            requestId
          )))
      )
  }).pipe(
    Effect.catchAllCause((cause) =>
      Effect.zipRight(
        Effect.logError("effect-workos emulator: unexpected failure", cause),
        Effect.map(Uuid.make, (requestId) =>
          Responses.error(
            new WorkOSError.ServerError({ status: 500, detail: "Internal emulator error" }),
            requestId
          ))
      )
    )
  )
}
