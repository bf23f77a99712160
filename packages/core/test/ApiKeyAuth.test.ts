/**
 * `ApiKeyAuth` over a scripted `ApiKeys` (a test double that counts its calls): what a customer's request is
 * answered with, when WorkOS is asked, what the cache keeps and for how long, and that the key's value appears in no
 * log and no answer. The example server (`examples/test/ApiKeyServer.test.ts`) runs the same middleware on the fake.
 */
import * as ApiKey from "@effect-workos/core/ApiKey"
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import { ApiKeys } from "@effect-workos/core/ApiKeys"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as OpenApi from "@effect/platform/OpenApi"
import { assert, describe, it } from "@effect/vitest"
import type * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Equal from "effect/Equal"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import { createHash } from "node:crypto"
import * as Internal from "../src/internal/apiKeyAuth.js"
import { sha256Hex } from "../src/Sha256.js"

const ORG = "org_01HZZZZZZZZZZZZZZZZZZZZZZA"
const VALUE = "sk_test_a1b2c3d4e5f6g7h8i9j0kLmNoPqRsT"
const OTHER = "sk_test_zyxwvutsrqponmlkjihgfedcba"

const apiKey = (fields: Partial<ConstructorParameters<typeof ApiKey.ApiKey>[0]> = {}) =>
  new ApiKey.ApiKey({
    id: "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ1",
    owner: new ApiKey.OrganizationOwner({ type: "organization", id: ORG }),
    name: "Production",
    obfuscatedValue: "sk_...qRsT",
    lastUsedAt: null,
    expiresAt: null,
    permissions: ["posts:read"],
    createdAt: "2026-01-15T12:00:00.000Z",
    updatedAt: "2026-01-15T12:00:00.000Z",
    ...fields
  })

type Outcome = ApiKey.ApiKey | WorkOSError.ServerError | WorkOSError.InvalidRequest

/** A scripted WorkOS: the keys it accepts (by value), an error to answer instead, and every value it was asked. */
const scripted = Effect.gen(function*() {
  const keys = yield* Ref.make(new Map<string, Outcome>([[VALUE, apiKey()]]))
  const calls = yield* Ref.make<ReadonlyArray<string>>([])
  const down = yield* Ref.make(false)
  const latency = yield* Ref.make<Duration.DurationInput>(Duration.zero)
  const layer = Layer.succeed(ApiKeys, {
    validateApiKey: ({ value }) =>
      Effect.gen(function*() {
        const plain = typeof value === "string" ? value : Redacted.value(value)
        yield* Ref.update(calls, (cs) => [...cs, plain])
        yield* Effect.sleep(yield* Ref.get(latency))
        if (yield* Ref.get(down)) {
          return yield* Effect.fail(new WorkOSError.ServerError({ status: 500, detail: "boom", requestId: "req_1" }))
        }
        const outcome = (yield* Ref.get(keys)).get(plain)
        if (outcome === undefined) return Option.none()
        if (outcome instanceof ApiKey.ApiKey) return Option.some(outcome)
        return yield* Effect.fail(outcome)
      })
  } as Context.Tag.Service<ApiKeys>)
  return {
    layer,
    calls: Effect.map(Ref.get(calls), (cs) => cs.length),
    set: (value: string, outcome: Outcome | undefined) =>
      Ref.update(keys, (m) => {
        const next = new Map(m)
        if (outcome === undefined) next.delete(value)
        else next.set(value, outcome)
        return next
      }),
    setDown: (value: boolean) => Ref.set(down, value),
    setLatency: (value: Duration.DurationInput) => Ref.set(latency, value)
  }
})

/** The service over a fresh scripted WorkOS. */
const setup = (options?: ApiKeyAuth.Options) =>
  Effect.gen(function*() {
    const workos = yield* scripted
    const auth = yield* ApiKeyAuth.make(options).pipe(Effect.provide(workos.layer))
    return { ...workos, auth, bearer: (value: string) => auth.authenticate(`Bearer ${value}`) }
  })

const failureOf = <A, E>(effect: Effect.Effect<A, E>) => Effect.flip(effect)

describe("ApiKeyAuth.authenticate", () => {
  it.effect("a valid key gives the organization, the key id, its permissions and the key", () =>
    Effect.gen(function*() {
      const { bearer } = yield* setup()
      const caller = yield* bearer(VALUE)
      assert.strictEqual(caller.organizationId, ORG)
      assert.strictEqual(caller.apiKeyId, "api_key_01HZZZZZZZZZZZZZZZZZZZZZZ1")
      assert.deepStrictEqual(caller.permissions, ["posts:read"])
      assert.strictEqual(caller.apiKey.name, "Production")
    }))

  it.effect("no header, an empty one, another scheme or not one token: 401 without asking WorkOS", () =>
    Effect.gen(function*() {
      const { auth, calls } = yield* setup()
      const reasonOf = (header: string | undefined) =>
        Effect.map(failureOf(auth.authenticate(header)), (e) => (e._tag === "Unauthenticated" ? e.reason : e._tag))
      assert.strictEqual(yield* reasonOf(undefined), "missing")
      assert.strictEqual(yield* reasonOf("  "), "missing")
      for (
        const header of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", `Bearer ${VALUE} extra`, `Token ${VALUE}`, VALUE]
      ) {
        assert.strictEqual(yield* reasonOf(header), "malformed", header)
      }
      assert.strictEqual(yield* reasonOf(`Bearer ${"k".repeat(Internal.maxKeyLength + 1)}`), "malformed")
      assert.strictEqual(yield* calls, 0)
    }))

  it.effect("the scheme is case-insensitive and spaces around the token are allowed (RFC 7235)", () =>
    Effect.gen(function*() {
      const { auth } = yield* setup()
      assert.strictEqual((yield* auth.authenticate(`bearer   ${VALUE}  `)).organizationId, ORG)
      assert.strictEqual((yield* auth.authenticate(`BEARER ${VALUE}`)).organizationId, ORG)
    }))

  it.effect("a warm key costs no WorkOS call: 1,000 requests, 1 validation", () =>
    Effect.gen(function*() {
      const { bearer, calls } = yield* setup()
      for (let i = 0; i < 1_000; i++) yield* bearer(VALUE)
      assert.strictEqual(yield* calls, 1)
    }))

  it.effect("concurrent first requests for one key share one validation", () =>
    Effect.gen(function*() {
      const { bearer, calls } = yield* setup()
      yield* Effect.all(Array.from({ length: 50 }, () => bearer(VALUE)), { concurrency: "unbounded" })
      assert.strictEqual(yield* calls, 1)
    }))

  it.effect("a request interrupted during its key's validation (client gone) does not fail the others waiting on it", () =>
    Effect.gen(function*() {
      const { bearer, calls, setLatency } = yield* setup()
      yield* setLatency("1 second")
      const first = yield* Effect.fork(bearer(VALUE))
      yield* TestClock.adjust("100 millis")
      const second = yield* Effect.fork(bearer(VALUE))
      yield* TestClock.adjust("100 millis")
      yield* Fiber.interrupt(first)
      yield* TestClock.adjust("1 second")
      assert.strictEqual((yield* Fiber.join(second)).organizationId, ORG)
      // the interrupted request's validation is abandoned: the waiting one made its own
      assert.strictEqual(yield* calls, 2)
      assert.isTrue(Exit.isInterrupted(yield* Fiber.await(first)))
    }))

  it.effect("a key deleted in WorkOS keeps working until timeToLive has passed, then is 401", () =>
    Effect.gen(function*() {
      const { bearer, calls, set } = yield* setup({ timeToLive: "10 seconds" })
      yield* bearer(VALUE)
      yield* set(VALUE, undefined)
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual((yield* bearer(VALUE)).organizationId, ORG, "still cached at exactly timeToLive")
      assert.strictEqual(yield* calls, 1)
      yield* TestClock.adjust("1 millis")
      const error = yield* failureOf(bearer(VALUE))
      assert.deepStrictEqual(error, new ApiKeyAuth.Unauthenticated({ reason: "invalid" }))
      assert.strictEqual(yield* calls, 2)
    }))

  it.effect("a refused key is remembered as refused for timeToLive, then WorkOS is asked again", () =>
    Effect.gen(function*() {
      const { bearer, calls, set } = yield* setup({ timeToLive: "5 seconds" })
      yield* failureOf(bearer(OTHER))
      yield* failureOf(bearer(OTHER))
      assert.strictEqual(yield* calls, 1)
      yield* set(OTHER, apiKey({ id: "api_key_other" }))
      yield* TestClock.adjust("5001 millis")
      assert.strictEqual((yield* bearer(OTHER)).apiKeyId, "api_key_other")
      assert.strictEqual(yield* calls, 2)
    }))

  it.effect("a known expiresAt stops the key at that instant, from the cache, without a WorkOS call", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-06-01T12:00:00.000Z"))
      const { bearer, calls, set } = yield* setup({ timeToLive: "1 hour" })
      yield* set(VALUE, apiKey({ expiresAt: "2026-06-01T12:00:05.000Z" }))
      yield* bearer(VALUE)
      yield* TestClock.adjust("4999 millis")
      yield* bearer(VALUE)
      yield* TestClock.adjust("1 millis")
      assert.deepStrictEqual(yield* failureOf(bearer(VALUE)), new ApiKeyAuth.Unauthenticated({ reason: "invalid" }))
      assert.strictEqual(yield* calls, 1)
    }))

  it.effect("a WorkOS failure is a 503-style AuthenticationUnavailable, not cached: the next request asks again", () =>
    Effect.gen(function*() {
      const { bearer, calls, setDown } = yield* setup()
      yield* setDown(true)
      assert.deepStrictEqual(yield* failureOf(bearer(VALUE)), new ApiKeyAuth.AuthenticationUnavailable())
      yield* setDown(false)
      assert.strictEqual((yield* bearer(VALUE)).organizationId, ORG)
      assert.strictEqual(yield* calls, 2)
    }))

  it.effect("a WorkOS failure is logged with its tag and request id, and the key's value is in no log line", () =>
    Effect.gen(function*() {
      const lines: Array<string> = []
      const logger = Logger.make(({ annotations, message }) => {
        lines.push(JSON.stringify({ message, annotations: Object.fromEntries(annotations) }))
      })
      const { bearer, setDown } = yield* setup()
      yield* setDown(true)
      yield* failureOf(bearer(VALUE)).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
      assert.strictEqual(lines.length, 1)
      assert.include(lines[0], "\"workosError\":\"ServerError\"")
      assert.include(lines[0], "\"requestId\":\"req_1\"")
      assert.notInclude(lines.join("\n"), VALUE)
      assert.notInclude(lines.join("\n"), VALUE.slice(8))
    }))

  it.effect("a value WorkOS refuses as input (InvalidRequest, 422) is an invalid key, not a WorkOS failure", () =>
    Effect.gen(function*() {
      const { bearer, set } = yield* setup()
      yield* set(OTHER, new WorkOSError.InvalidRequest({ field: "value", detail: "too long" }))
      assert.deepStrictEqual(yield* failureOf(bearer(OTHER)), new ApiKeyAuth.Unauthenticated({ reason: "invalid" }))
    }))

  it.effect("a user-owned key is refused unless allowUserKeys, then authenticates as its organization", () =>
    Effect.gen(function*() {
      const userKey = apiKey({
        id: "api_key_user",
        owner: new ApiKey.UserOwner({ type: "user", id: "user_1", organizationId: "org_of_user" })
      })
      const strict = yield* setup()
      yield* strict.set(OTHER, userKey)
      assert.deepStrictEqual(
        yield* failureOf(strict.bearer(OTHER)),
        new ApiKeyAuth.Unauthenticated({ reason: "invalid" })
      )
      const lenient = yield* setup({ allowUserKeys: true })
      yield* lenient.set(OTHER, userKey)
      assert.strictEqual((yield* lenient.bearer(OTHER)).organizationId, "org_of_user")
    }))

  it.effect("the cache is bounded: past capacity the least recently used key is asked about again", () =>
    Effect.gen(function*() {
      const { bearer, calls, set } = yield* setup({ capacity: 2 })
      const values = ["sk_test_one", "sk_test_two", "sk_test_three"]
      for (const value of values) yield* set(value, apiKey({ id: value }))
      for (const value of values) yield* bearer(value)
      assert.strictEqual(yield* calls, 3)
      yield* bearer("sk_test_three")
      yield* bearer("sk_test_two")
      assert.strictEqual(yield* calls, 3)
      yield* bearer("sk_test_one")
      assert.strictEqual(yield* calls, 4)
    }))

  it.effect("invalidate(value) forgets one key's verdict; invalidateAll forgets every one", () =>
    Effect.gen(function*() {
      const { auth, bearer, calls, set } = yield* setup()
      yield* set(OTHER, apiKey({ id: "api_key_other" }))
      yield* bearer(VALUE)
      yield* bearer(OTHER)
      yield* set(VALUE, undefined)
      yield* auth.invalidate(Redacted.make(VALUE))
      assert.deepStrictEqual(yield* failureOf(bearer(VALUE)), new ApiKeyAuth.Unauthenticated({ reason: "invalid" }))
      yield* bearer(OTHER)
      assert.strictEqual(yield* calls, 3)
      yield* auth.invalidateAll
      yield* bearer(OTHER)
      assert.strictEqual(yield* calls, 4)
    }))

  it.effect("bad options are an InvalidRequest naming the option", () =>
    Effect.gen(function*() {
      const workos = yield* scripted
      const fieldOf = (options: ApiKeyAuth.Options) =>
        ApiKeyAuth.make(options).pipe(Effect.provide(workos.layer), Effect.flip, Effect.map((e) => e.field))
      assert.strictEqual(yield* fieldOf({ capacity: 0 }), "capacity")
      assert.strictEqual(yield* fieldOf({ capacity: 1.5 }), "capacity")
      assert.strictEqual(yield* fieldOf({ capacity: Number.NaN }), "capacity")
      assert.strictEqual(yield* fieldOf({ timeToLive: Duration.zero }), "timeToLive")
      assert.strictEqual(yield* fieldOf({ timeToLive: "2 days" }), "timeToLive")
      assert.strictEqual(yield* fieldOf({ timeToLive: "soon" as Duration.DurationInput }), "timeToLive")
    }))

  it.effect.prop(
    "any header: a typed answer, WorkOS asked only for one Bearer token, and no error carries the value",
    [FastCheck.oneof(
      FastCheck.string({ maxLength: 40 }),
      FastCheck.string({ maxLength: 40 }).map((s) => `Bearer ${s}`),
      FastCheck.stringMatching(/^[A-Za-z0-9_]{1,30}$/).map((s) => `Bearer ${s}`)
    )],
    ([header]) =>
      Effect.gen(function*() {
        const { auth, calls } = yield* setup()
        const exit = yield* Effect.exit(auth.authenticate(header))
        const wellFormed = Internal.readAuthorization(header)._tag === "Token"
        assert.strictEqual(yield* calls, wellFormed ? 1 : 0)
        if (exit._tag === "Failure") {
          const error = yield* Effect.flip(exit)
          assert.include(["Unauthenticated", "AuthenticationUnavailable"], error._tag)
          const token = header.replace(/^bearer +/i, "").trim()
          if (token.length > 3) {
            assert.notInclude(JSON.stringify(Schema.encodeSync(ApiKeyAuth.AuthenticationError)(error)), token)
            assert.notInclude(error.message, token)
          }
        }
      }),
    { fastCheck: { numRuns: 300 } }
  )
})

describe("the cache key", () => {
  it.effect("equal by digest; the value is taken once and never in its text or JSON", () =>
    Effect.gen(function*() {
      const digest = Internal.digest(Redacted.make(VALUE))
      assert.strictEqual(digest, createHash("sha256").update(VALUE).digest("hex"))
      assert.notStrictEqual(digest, Internal.digest(Redacted.make(OTHER)))
      const key = new Internal.DigestKey(digest, Redacted.make(VALUE))
      assert.isTrue(Equal.equals(key, new Internal.DigestKey(digest, undefined)))
      assert.notInclude(`${String(key)} ${JSON.stringify(key)}`, VALUE)
      assert.strictEqual(Option.map(Option.fromNullable(key.take()), Redacted.value).pipe(Option.getOrThrow), VALUE)
      assert.isUndefined(key.take())
    }))
})

// --- the two middlewares, in process (the test's fiber runs the app, so TestClock applies) ---

const request = (app: HttpApp.Default<never, HttpRouter.HttpRouter.DefaultServices>, authorization?: string) =>
  app.pipe(
    Effect.provideService(
      HttpServerRequest.HttpServerRequest,
      HttpServerRequest.fromWeb(
        new Request("http://localhost/posts", authorization === undefined ? {} : { headers: { authorization } })
      )
    ),
    Effect.provide(HttpServer.layerContext),
    Effect.map(HttpServerResponse.toWeb),
    Effect.flatMap((response) =>
      Effect.promise(async () => ({
        status: response.status,
        wwwAuthenticate: response.headers.get("www-authenticate"),
        body: await response.json() as unknown
      }))
    )
  )

class Posts extends HttpApiGroup.make("posts")
  .add(
    HttpApiEndpoint.get("list", "/posts").addSuccess(Schema.Struct({ organizationId: Schema.String }))
      .addError(ApiKeyAuth.PermissionDenied)
  )
  .middleware(ApiKeyAuth.Authentication)
{}
class PostsApi extends HttpApi.make("posts").add(Posts) {}

const httpApiApp = (permission: string) =>
  Effect.gen(function*() {
    const workos = yield* scripted
    const handlers = HttpApiBuilder.group(PostsApi, "posts", (h) =>
      h.handle("list", () =>
        Effect.map(ApiKeyAuth.requirePermission(permission), (caller) => ({ organizationId: caller.organizationId }))))
    const live = HttpApiBuilder.api(PostsApi).pipe(
      Layer.provide(handlers),
      Layer.provide(ApiKeyAuth.layerMiddleware),
      Layer.provide(ApiKeyAuth.layer()),
      Layer.provide(workos.layer),
      Layer.orDie
    )
    const app = yield* HttpApiBuilder.httpApp.pipe(
      Effect.provide(Layer.mergeAll(live, HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer))
    )
    return { app, ...workos }
  })

describe("ApiKeyAuth.Authentication (HttpApi middleware)", () => {
  it.effect("200 with the organization; 401, 403 and 503 as typed JSON with their statuses", () =>
    Effect.gen(function*() {
      const { app, setDown } = yield* httpApiApp("posts:read")
      assert.deepStrictEqual(yield* request(app, `Bearer ${VALUE}`), {
        status: 200,
        wwwAuthenticate: null,
        body: { organizationId: ORG }
      })
      const missing = yield* request(app)
      assert.deepStrictEqual([missing.status, missing.body], [401, { _tag: "Unauthenticated", reason: "missing" }])
      const invalid = yield* request(app, `Bearer ${OTHER}`)
      assert.deepStrictEqual([invalid.status, invalid.body], [401, { _tag: "Unauthenticated", reason: "invalid" }])
      assert.notInclude(JSON.stringify(invalid), OTHER)
      yield* setDown(true)
      const down = yield* request(app, "Bearer sk_test_never_seen")
      assert.deepStrictEqual([down.status, down.body], [503, { _tag: "AuthenticationUnavailable" }])
    }))

  it.effect("a permission the key lacks is a 403 naming it", () =>
    Effect.gen(function*() {
      const { app } = yield* httpApiApp("posts:write")
      const denied = yield* request(app, `Bearer ${VALUE}`)
      assert.deepStrictEqual([denied.status, denied.body], [403, {
        _tag: "PermissionDenied",
        permission: "posts:write"
      }])
    }))

  it("the OpenAPI document declares the bearer scheme and the 401/503 answers", () => {
    const spec = OpenApi.fromApi(PostsApi)
    const operation = spec.paths["/posts"]!.get!
    assert.deepStrictEqual(operation.security, [{ bearer: [] }])
    assert.includeMembers(Object.keys(operation.responses), ["200", "401", "403", "503"])
  })
})

describe("ApiKeyAuth.middleware (HttpRouter)", () => {
  const routerApp = (onFailure?: Parameters<typeof ApiKeyAuth.makeMiddleware>[0]) =>
    Effect.gen(function*() {
      const workos = yield* scripted
      const auth = yield* ApiKeyAuth.make().pipe(Effect.provide(workos.layer))
      const router = HttpRouter.empty.pipe(
        HttpRouter.get(
          "/posts",
          Effect.map(ApiKeyAuth.requirePermission("posts:read"), (caller) =>
            HttpServerResponse.unsafeJson({ organizationId: caller.organizationId }))
        )
      )
      const app = ApiKeyAuth.makeMiddleware(onFailure)(HttpRouter.toHttpApp(router).pipe(Effect.flatten)).pipe(
        Effect.provideService(ApiKeyAuth.ApiKeyAuth, auth),
        Effect.catchAll(() =>
          Effect.succeed(HttpServerResponse.unsafeJson({ error: "route" }, { status: 404 }))
        )
      )
      return { app, ...workos }
    })

  it.effect("provides the caller; 401 with WWW-Authenticate: Bearer; the handler's PermissionDenied is a 403", () =>
    Effect.gen(function*() {
      const { app, set } = yield* routerApp()
      assert.deepStrictEqual(yield* request(app, `Bearer ${VALUE}`), {
        status: 200,
        wwwAuthenticate: null,
        body: { organizationId: ORG }
      })
      assert.deepStrictEqual(yield* request(app, "Basic abc"), {
        status: 401,
        wwwAuthenticate: "Bearer",
        body: { _tag: "Unauthenticated", reason: "malformed" }
      })
      yield* set(OTHER, apiKey({ permissions: [] }))
      assert.deepStrictEqual(yield* request(app, `Bearer ${OTHER}`), {
        status: 403,
        wwwAuthenticate: null,
        body: { _tag: "PermissionDenied", permission: "posts:read" }
      })
    }))

  it.effect("onFailure answers in the app's own format", () =>
    Effect.gen(function*() {
      const { app } = yield* routerApp({
        onFailure: (error) =>
          HttpServerResponse.unsafeJson({ error: { code: error._tag, message: error.message } }, {
            status: error._tag === "PermissionDenied" ? 403 : 401
          })
      })
      assert.deepStrictEqual(yield* request(app), {
        status: 401,
        wwwAuthenticate: null,
        body: { error: { code: "Unauthenticated", message: "No API key: send one as `Authorization: Bearer <key>`." } }
      })
    }))
})

describe("sha256Hex", () => {
  it("FIPS 180-4 test vectors", () => {
    assert.strictEqual(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    assert.strictEqual(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    assert.strictEqual(
      sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    )
  })

  it.prop(
    "equals node:crypto's on any text (UTF-8), across the padding boundaries",
    [FastCheck.oneof(
      FastCheck.string({ unit: "binary", maxLength: 300 }),
      FastCheck.integer({ min: 0, max: 200 }).map((n) => "k".repeat(n))
    )],
    ([text]) => {
      assert.strictEqual(sha256Hex(text), createHash("sha256").update(text, "utf8").digest("hex"))
    },
    { fastCheck: { numRuns: 500 } }
  )
})
