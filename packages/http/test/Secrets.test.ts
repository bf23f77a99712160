/**
 * The API key never leaves the `Authorization` header. With a canary key, every error path is driven (including a
 * hostile server and a broken transport that echo the header back), and everything observable is captured: log
 * lines (also of the errors themselves), error messages, `String(error)`, `JSON.stringify(error)`, `Cause.pretty`,
 * and every span's name, attributes, events and exit. The canary must appear nowhere.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import { assert, describe, it } from "@effect/vitest"
import {
  Cause,
  ConfigProvider,
  Effect,
  Exit,
  Layer,
  Logger,
  LogLevel,
  Option,
  Redacted,
  Stream,
  TestClock,
  Tracer
} from "effect"
import * as OrganizationsHttp from "../src/OrganizationsHttp.js"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Tracing from "./utils/Tracing.js"
import * as Wire from "./utils/Wire.js"

const CANARY = "sk_test_CANARY_7f3a9c2e5b1d4f6a8c0e"
const BEARER = `Bearer ${CANARY}`

type Call = (o: Organizations.Service) => Effect.Effect<unknown, unknown>

/**
 * Bad answers that echo the request's `Authorization` header wherever they can: in the body, in a cursor, in a
 * redirect's `Location`, and in `X-Request-ID` (which reaches error messages and the span attribute).
 */
const hostileAnswers = (auth: string): ReadonlyArray<Scripted.Answer> =>
  bodies(auth).map((answer) =>
    answer._tag === "Http" ? { ...answer, headers: { ...answer.headers, "x-request-id": `req ${auth}` } } : answer
  )

const bodies = (auth: string): ReadonlyArray<Scripted.Answer> => [
  Scripted.json(400, { code: "invalid_metadata", message: `bad metadata; you sent ${auth}` }),
  Scripted.json(400, { code: "external_id_already_used", message: auth }),
  Scripted.json(400, { code: "stripe_customer_id_already_used", message: auth }),
  Scripted.json(400, { message: `Another idempotency key (${auth}) with different request parameters was found.` }),
  Scripted.json(400, { message: [auth], error: "Bad Request" }),
  Scripted.json(401, { message: `Unauthorized: ${auth}` }),
  Scripted.json(403, { message: auth }),
  Scripted.json(404, { message: `Organization not found: '${auth}'.`, entity_id: auth }),
  Scripted.json(409, { message: `An Organization with the domain ${auth} already exists.` }),
  Scripted.json(422, { code: auth, message: auth, errors: [{ code: auth, field: auth, message: auth }] }),
  Scripted.json(429, { message: auth }, { "retry-after": "1" }),
  Scripted.json(500, { message: auth }),
  Scripted.text(502, `<html>upstream said: ${auth}</html>`),
  Scripted.text(418, `teapot ${auth}`),
  Scripted.json(200, { object: "organization", id: auth }),
  Scripted.text(200, `not json ${auth}`),
  Scripted.json(201, { object: "api_key", value: auth }),
  // a success: only its request id (and the span attribute) can carry the key
  Scripted.json(200, Wire.organization("org_1")),
  // a Stream meets this cursor again on the next page
  Scripted.json(200, Wire.list([], `cursor ${auth}`)),
  Scripted.text(302, "", { location: `https://other.example/${auth}` }),
  Scripted.transport,
  Scripted.hang
]

const HOSTILE_COUNT = hostileAnswers("").length

/** A transport whose error description quotes the request headers. */
const leakyTransport = Effect.gen(function*() {
  const recorded: Array<string> = []
  const client = HttpClient.make((request) =>
    Effect.suspend(() => {
      recorded.push(request.headers.authorization ?? "")
      return Effect.fail(
        new HttpClientError.RequestError({
          request,
          reason: "Transport",
          cause: new Error(`socket hang up; headers: ${JSON.stringify(request.headers)}`),
          description: `connection reset while sending Authorization: ${request.headers.authorization}`
        })
      )
    })
  )
  return { client, recorded }
})

const calls: ReadonlyArray<Call> = [
  (o) => o.createOrganization({ name: "Acme", metadata: { a: "b" } }),
  (o) => o.getOrganization("org_1"),
  (o) => o.getOrganizationByExternalId("ext_1"),
  (o) => o.updateOrganization({ organization: "org_1", name: "N" }),
  (o) => o.deleteOrganization("org_1"),
  (o) => o.listOrganizationsPage({ search: "x" }),
  (o) => Stream.runDrain(o.listOrganizations()),
  (o) => o.listOrganizationRoles({ organizationId: "org_1" }),
  (o) => o.listOrganizationFeatureFlagsPage({ organizationId: "org_1" }),
  (o) => o.listOrganizationApiKeysPage({ organizationId: "org_1" }),
  (o) => o.createOrganizationApiKey({ organizationId: "org_1", name: "k" }),
  // Rejected locally.
  (o) => o.getOrganization(".."),
  (o) => o.listOrganizationsPage({ limit: 1000 })
]

/** Renders anything that could end up in a log pipeline or an error report. */
const render = (u: unknown): Array<string> => {
  const out: Array<string> = [String(u)]
  try {
    out.push(
      JSON.stringify(u, (_, v) => (v instanceof Map ? Object.fromEntries(v) : typeof v === "bigint" ? String(v) : v))
    )
  } catch (e) {
    out.push(String(e))
  }
  if (u instanceof Error) out.push(u.message, u.stack ?? "")
  return out
}

interface Capture {
  readonly logs: Array<string>
  readonly spans: Array<Tracer.Span>
  readonly layer: Layer.Layer<never>
}

const capture = Effect.gen(function*() {
  const logs: Array<string> = []
  const { layer: tracing, spans } = yield* Tracing.recordSpans
  const layer = Layer.mergeAll(
    Logger.replace(
      Logger.defaultLogger,
      Logger.zip(
        Logger.map(Logger.logfmtLogger, (line) => logs.push(line)),
        Logger.map(Logger.jsonLogger, (line) => logs.push(line))
      )
    ),
    Logger.minimumLogLevel(LogLevel.All),
    tracing
  )
  return { logs, spans, layer } satisfies Capture
})

const spanText = (span: Tracer.Span): Array<string> => [
  span.name,
  ...render(span.attributes),
  ...render((span as unknown as { events?: unknown }).events ?? []),
  ...(span.status._tag === "Ended" && Exit.isFailure(span.status.exit) ? [Cause.pretty(span.status.exit.cause)] : [])
]

/** Everything observable after the run: the error renderings, the log lines, the spans. */
const observed = (captured: Capture, errors: ReadonlyArray<unknown>): Array<string> => [
  ...errors.flatMap((error) => [...render(error), Cause.pretty(Cause.fail(error))]),
  ...captured.logs,
  ...captured.spans.flatMap(spanText)
]

const assertNoCanary = (texts: ReadonlyArray<string>) => {
  const leaks = texts.filter((text) => text.includes("CANARY"))
  assert.deepStrictEqual(leaks, [], `the key leaked in ${leaks.length} place(s)`)
}

describe("the API key never leaks", () => {
  it.effect("through every error path of every operation, with a hostile server", () =>
    Effect.gen(function*() {
      const captured = yield* capture
      // The answer to serve, switched between calls; every attempt of a call gets the same one.
      let current = 0
      const scripted = yield* Scripted.make((request) => hostileAnswers(request.headers.authorization ?? "")[current]!)
      const live = (maxRetries: number) =>
        OrganizationsHttp.layer.pipe(
          Layer.provide(
            WorkOSClient.layer({
              apiKey: Redacted.make(CANARY),
              baseUrl: Scripted.BASE_URL,
              timeout: "1 second",
              maxRetries
            })
          ),
          Layer.provide(scripted.layer)
        )
      const errors: Array<unknown> = []
      // Every operation meets every hostile answer: once as the only attempt, once through the retries.
      const program = (maxRetries: number) =>
        Effect.gen(function*() {
          const o = yield* Organizations.Organizations
          for (let answer = 0; answer < HOSTILE_COUNT; answer++) {
            current = answer
            for (const call of calls) {
              const exit = yield* Effect.exit(call(o))
              if (Exit.isFailure(exit)) {
                const error = Cause.failureOption(exit.cause)
                errors.push(Option.getOrElse(error, () => exit.cause))
                // What an application does with a failure: log it.
                yield* Effect.logError("WorkOS call failed", exit.cause)
                if (Option.isSome(error)) yield* Effect.logWarning(error.value)
              }
            }
          }
        }).pipe(Effect.provide(Layer.merge(live(maxRetries), captured.layer)))
      const fiber = yield* Effect.fork(Effect.zipRight(program(0), program(2)))
      // Retries and timeouts run on virtual time.
      for (let i = 0; i < 500 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("10 seconds")
      assert.isNotNull(fiber.unsafePoll(), "the run should be done by now")
      yield* fiber

      const requests = yield* scripted.requests
      // The key was sent, where it belongs, and the server echoed it back many times.
      assert.isTrue(requests.every((r) => r.headers.authorization === BEARER))
      assert.isAbove(requests.length, calls.length * HOSTILE_COUNT)
      const tags = new Set(errors.map((e) => (e as { _tag?: string })._tag))
      for (
        const tag of [
          "InvalidMetadata",
          "ExternalIdAlreadyUsed",
          "StripeCustomerIdAlreadyUsed",
          "IdempotencyKeyReused",
          "BadRequest",
          "Unauthorized",
          "Forbidden",
          "NotFound",
          "DomainConflict",
          "ValidationFailed",
          "RateLimited",
          "ServerError",
          "UnexpectedResponse",
          "RequestFailed",
          "InvalidRequest"
        ]
      ) assert.isTrue(tags.has(tag), `no ${tag} was produced`)
      assert.isTrue(captured.logs.some((line) => line.includes("Retrying")), "retries are logged")
      assert.isTrue(captured.spans.some((span) => span.name === "WorkOSClient.attempt"))
      assert.isTrue(captured.spans.some((span) => span.name === "Organizations.getOrganization"))

      const texts = observed(captured, errors)
      // The hostile server's echo did reach the errors, redacted.
      assert.isTrue(texts.some((t) => t.includes("<redacted>")))
      assertNoCanary(texts)
    }))

  it.effect("an X-Request-ID holding the key is kept, redacted, in the error and on the success", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make((request) =>
        request.path.endsWith("org_missing")
          ? Scripted.json(404, { message: "Organization not found: 'org_missing'." }, { "x-request-id": `r-${CANARY}` })
          : Scripted.json(200, Wire.organization("org_1"), { "x-request-id": `r-${CANARY}` })
      )
      const layer = WorkOSClient.layer({ apiKey: Redacted.make(CANARY), baseUrl: Scripted.BASE_URL }).pipe(
        Layer.provide(scripted.layer)
      )
      const { error, response } = yield* Effect.gen(function*() {
        const client = yield* WorkOSClient.WorkOSClient
        const error = yield* Effect.flip(client.execute({ method: "GET", path: ["organizations", "org_missing"] }))
        const response = yield* client.execute({ method: "GET", path: ["organizations", "org_1"] })
        return { error, response }
      }).pipe(Effect.provide(layer))
      assert.strictEqual(error._tag, "NotFound")
      assert.strictEqual((error as { requestId?: string }).requestId, "r-<redacted>")
      assert.include(error.message, "(request id: r-<redacted>)")
      assert.strictEqual(response.requestId, "r-<redacted>")
      assert.strictEqual(response.headers["x-request-id"], "r-<redacted>")
      assertNoCanary([...render(error), Cause.pretty(Cause.fail(error)), ...render(response)])
    }))

  it.effect("a created key's secret value is hidden wherever a malformed answer repeats it", () =>
    Effect.gen(function*() {
      const value = "sk_test_CREATED_SECRET_91c3"
      const scripted = yield* Scripted.make(() =>
        Scripted.json(201, { ...Wire.createdApiKey("api_key_1", "org_1", value), name: value, permissions: value })
      )
      const error = yield* Effect.flatMap(
        Organizations.Organizations,
        (o) => Effect.flip(o.createOrganizationApiKey({ organizationId: "org_1", name: "k" }))
      ).pipe(Effect.provide(Scripted.layer(scripted)))
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.include(error.message, "'permissions': Expected")
      assert.deepStrictEqual(
        [...render(error), Cause.pretty(Cause.fail(error))].filter((t) => t.includes("CREATED_SECRET")),
        []
      )
    }))

  it.effect("a repeated cursor holding the key is quoted redacted", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.list([], `c-${CANARY}`)))
      const error = yield* Effect.flatMap(
        Organizations.Organizations,
        (o) => Effect.flip(Stream.runDrain(o.listOrganizations()))
      ).pipe(
        Effect.provide(
          OrganizationsHttp.layer.pipe(
            Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(CANARY), baseUrl: Scripted.BASE_URL })),
            Layer.provide(scripted.layer)
          )
        )
      )
      assert.strictEqual(error._tag, "UnexpectedResponse")
      assert.include(error.message, "repeated the cursor 'c-<redacted>'")
      // the cursor itself went back to the server as it was
      const requests = yield* scripted.requests
      assert.include(decodeURIComponent(requests[1]!.query), `after=c-${CANARY}`)
      assertNoCanary([...render(error), Cause.pretty(Cause.fail(error))])
    }))

  it.effect("through a transport error that quotes the request headers", () =>
    Effect.gen(function*() {
      const captured = yield* capture
      const leaky = yield* leakyTransport
      const live = OrganizationsHttp.layer.pipe(
        Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(CANARY), maxRetries: 1 })),
        Layer.provide(Layer.succeed(HttpClient.HttpClient, leaky.client))
      )
      const fiber = yield* Effect.fork(
        Effect.flatMap(Organizations.Organizations, (o) => Effect.flip(o.getOrganization("org_1"))).pipe(
          Effect.tap((error) => Effect.logError(error)),
          Effect.provide(Layer.merge(live, captured.layer))
        )
      )
      yield* TestClock.adjust("1 minute")
      const error = yield* fiber
      assert.strictEqual(error._tag, "RequestFailed")
      assert.deepStrictEqual(leaky.recorded, [BEARER, BEARER])
      assertNoCanary(observed(captured, [error]))
    }))

  it.effect("through configuration errors", () =>
    Effect.gen(function*() {
      const provider = ConfigProvider.fromMap(
        new Map([["WORKOS_API_KEY", CANARY], ["WORKOS_MAX_RETRIES", "many"], ["WORKOS_TIMEOUT", "soon"]])
      )
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      const error = yield* Layer.build(WorkOSClient.layerFromEnv).pipe(
        Effect.scoped,
        Effect.provide(scripted.layer),
        Effect.withConfigProvider(provider),
        Effect.flip
      )
      assertNoCanary([...render(error), Cause.pretty(Cause.fail(error))])
    }))

  it.effect("in the options and the service values themselves", () =>
    Effect.gen(function*() {
      const options: WorkOSClient.Options = { apiKey: Redacted.make(CANARY) }
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      const client = yield* Effect.provide(
        WorkOSClient.WorkOSClient,
        WorkOSClient.layer(options).pipe(Layer.provide(scripted.layer))
      )
      assertNoCanary([...render(options), ...render(client)])
    }))
})
