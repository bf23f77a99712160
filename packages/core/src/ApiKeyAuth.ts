/**
 * Authentication for *your* server: your customers call it with the organization API keys they created in WorkOS
 * (`Authorization: Bearer sk_…`); `ApiKeyAuth` checks each key through {@link ApiKeys}, behind a bounded TTL cache,
 * and gives your handlers the organization it belongs to ({@link AuthenticatedOrganization}, {@link requirePermission}).
 * `HttpApi` servers add {@link Authentication} to a group (`.middleware(ApiKeyAuth.Authentication)`) and provide
 * {@link layerMiddleware}, or implement their own middleware, in their own error format, with
 * {@link authenticateRequest}; `HttpRouter` / `HttpApp` servers wrap the app in {@link middleware}.
 *
 * Answers: 401 {@link Unauthenticated} (no key, not one Bearer token, or a key WorkOS does not accept: unknown,
 * deleted, expired), 403 {@link PermissionDenied}, 503 {@link AuthenticationUnavailable} when WorkOS could not answer
 * (rate limited, down, unreachable, your own WorkOS key refused): a WorkOS failure is never taken, nor cached, as an
 * invalid key.
 *
 * Caching: a verdict is kept `timeToLive` (default {@link defaultTimeToLive}) for at most `capacity` keys (default
 * {@link defaultCapacity}, least recently used out first), so **a key deleted or expired in WorkOS keeps working for
 * up to `timeToLive`** ({@link Service.invalidate} forgets one at once); a known `expiresAt` stops the key at that
 * instant. A refused key is remembered as refused as long. Keys are cached under their SHA-256 digest, and a key's
 * value is in no log, error or span.
 *
 * @since 0.2.0
 */
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { ApiKey } from "./ApiKey.js"
import { ApiKeys } from "./ApiKeys.js"
import * as Internal from "./internal/apiKeyAuth.js"
import { InvalidRequest } from "./WorkOSError.js"

/**
 * 401: the request carries no API key, something other than one `Bearer` token, or a key WorkOS does not accept
 * (never issued, deleted, expired — WorkOS does not say which, and neither does this).
 *
 * @since 0.2.0
 * @category errors
 */
export class Unauthenticated
  extends Schema.TaggedError<Unauthenticated>("@effect-workos/core/ApiKeyAuth/Unauthenticated")(
    "Unauthenticated",
    { reason: Schema.Literal("missing", "malformed", "invalid") },
    HttpApiSchema.annotations({ status: 401 })
  )
{
  /** @since 0.2.0 */
  override get message(): string {
    switch (this.reason) {
      case "missing":
        return "No API key: send one as `Authorization: Bearer <key>`."
      case "malformed":
        return "The Authorization header is not `Bearer <key>`."
      case "invalid":
        return "The API key is not valid (unknown, deleted or expired)."
    }
  }
}

/**
 * 403: the key is valid but lacks a permission the operation requires.
 *
 * @since 0.2.0
 * @category errors
 */
export class PermissionDenied extends Schema.TaggedError<PermissionDenied>(
  "@effect-workos/core/ApiKeyAuth/PermissionDenied"
)(
  "PermissionDenied",
  { permission: Schema.String },
  HttpApiSchema.annotations({ status: 403 })
) {
  /** @since 0.2.0 */
  override get message(): string {
    return `The API key lacks the permission '${this.permission}'.`
  }
}

/**
 * 503: WorkOS could not tell whether the key is valid (it rate limited or failed, could not be reached, or refused
 * your own WorkOS key). The failure is logged (at warning, with WorkOS's error tag and request id) and not cached.
 *
 * @since 0.2.0
 * @category errors
 */
export class AuthenticationUnavailable extends Schema.TaggedError<AuthenticationUnavailable>(
  "@effect-workos/core/ApiKeyAuth/AuthenticationUnavailable"
)(
  "AuthenticationUnavailable",
  {},
  HttpApiSchema.annotations({ status: 503 })
) {
  /** @since 0.2.0 */
  override get message(): string {
    return "API keys cannot be checked right now; retry shortly."
  }
}

/**
 * What {@link authenticateRequest} can fail with.
 *
 * @since 0.2.0
 * @category errors
 */
export type AuthenticationError = Unauthenticated | AuthenticationUnavailable

/**
 * The schema of {@link AuthenticationError} (each class with its status).
 *
 * @since 0.2.0
 * @category errors
 */
export const AuthenticationError: Schema.Union<[typeof Unauthenticated, typeof AuthenticationUnavailable]> = Schema
  .Union(Unauthenticated, AuthenticationUnavailable)

/**
 * Who called: the organization the key belongs to, the key's id and permissions, and the key itself as WorkOS
 * returned it when it was validated (never its secret value; its `lastUsedAt` is WorkOS's at that validation: a
 * request answered from the cache asks WorkOS nothing, so WorkOS does not see it as a use).
 *
 * @since 0.2.0
 * @category models
 */
export interface Authenticated {
  readonly organizationId: string
  readonly apiKeyId: string
  readonly permissions: ReadonlyArray<string>
  readonly apiKey: ApiKey
}

/**
 * The caller of the current request, provided by the middlewares.
 *
 * @since 0.2.0
 * @category tags
 */
export class AuthenticatedOrganization extends Context.Tag("@effect-workos/core/ApiKeyAuth/AuthenticatedOrganization")<
  AuthenticatedOrganization,
  Authenticated
>() {}

/**
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** How many keys' verdicts are kept (least recently used evicted first); default {@link defaultCapacity}. */
  readonly capacity?: number | undefined
  /**
   * How long a verdict is kept: the longest a deleted or expired key keeps working, and the longest a refused key is
   * refused without asking WorkOS again. Default {@link defaultTimeToLive}.
   */
  readonly timeToLive?: Duration.DurationInput | undefined
  /**
   * Whether a user-owned key (`owner.type: "user"`) authenticates, as its organization. Default `false`: only
   * organization keys do; a user's key is answered like an invalid one.
   */
  readonly allowUserKeys?: boolean | undefined
}

/**
 * @since 0.2.0
 * @category constants
 */
export const defaultCapacity = 10_000

/**
 * @since 0.2.0
 * @category constants
 */
export const defaultTimeToLive: Duration.Duration = Duration.seconds(30)

/**
 * @since 0.2.0
 * @category models
 */
export interface Service {
  /** Authenticates an `Authorization` header's value (`undefined` when the request has none). */
  readonly authenticate: (authorization: string | undefined) => Effect.Effect<Authenticated, AuthenticationError>
  /** Authenticates a key read some other way. */
  readonly authenticateKey: (value: Redacted.Redacted<string>) => Effect.Effect<Authenticated, AuthenticationError>
  /** Forgets a key's verdict, so its next use asks WorkOS (e.g. right after your code deleted it). */
  readonly invalidate: (value: Redacted.Redacted<string>) => Effect.Effect<void>
  /** Forgets every verdict. */
  readonly invalidateAll: Effect.Effect<void>
}

/**
 * The validating cache, shared by every request the middlewares see.
 *
 * @since 0.2.0
 * @category tags
 */
export class ApiKeyAuth extends Context.Tag("@effect-workos/core/ApiKeyAuth")<ApiKeyAuth, Service>() {}

const unauthenticated = {
  missing: new Unauthenticated({ reason: "missing" }),
  malformed: new Unauthenticated({ reason: "malformed" }),
  invalid: new Unauthenticated({ reason: "invalid" })
} as const
const unavailable = new AuthenticationUnavailable()

/**
 * A {@link Service} over `ApiKeys`. Fails with `InvalidRequest` when `capacity` is not an integer from 1 to
 * 10,000,000 or `timeToLive` not a duration from 1 millisecond to 1 day.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make = Effect.fnUntraced(function*(options: Options = {}) {
  const apiKeys = yield* ApiKeys
  const cache = yield* Internal.makeCache({
    ...(yield* Internal.settings(options, { capacity: defaultCapacity, timeToLive: defaultTimeToLive })),
    lost: unavailable,
    validate: (value) =>
      apiKeys.validateApiKey({ value }).pipe(
        // WorkOS (or the local check) refusing the value itself is a verdict on the key
        Effect.catchIf((error) => Internal.refusedValue.has(error._tag), () => Effect.succeedNone),
        Effect.tapError((error) =>
          Effect.logWarning("ApiKeyAuth: WorkOS could not validate an API key; answering 503").pipe(
            Effect.annotateLogs({
              workosError: error._tag,
              requestId: "requestId" in error ? (error.requestId ?? "none") : "none"
            })
          )
        ),
        Effect.mapError(() => unavailable)
      )
  })

  const authenticateKey = (value: Redacted.Redacted<string>): Effect.Effect<Authenticated, AuthenticationError> =>
    Effect.gen(function*() {
      const key = new Internal.DigestKey(Internal.digest(value), value)
      const verdict = yield* cache.get(key)
      if (Option.isNone(verdict)) return yield* Effect.fail(unauthenticated.invalid)
      const apiKey = verdict.value
      const organizationId = apiKey.owner.type === "organization" ?
        apiKey.owner.id :
        options.allowUserKeys === true ?
        apiKey.owner.organizationId :
        undefined
      if (organizationId === undefined || (yield* Internal.hasExpired(apiKey))) {
        return yield* Effect.fail(unauthenticated.invalid)
      }
      return { organizationId, apiKeyId: apiKey.id, permissions: apiKey.permissions, apiKey }
    })

  return ApiKeyAuth.of({
    authenticateKey,
    authenticate: (authorization) => {
      const credential = Internal.readAuthorization(authorization)
      switch (credential._tag) {
        case "Missing":
          return Effect.fail(unauthenticated.missing)
        case "Malformed":
          return Effect.fail(unauthenticated.malformed)
        case "Token":
          return authenticateKey(credential.value)
      }
    },
    invalidate: (value) =>
      Effect.suspend(() => cache.invalidate(new Internal.DigestKey(Internal.digest(value), undefined))),
    invalidateAll: cache.invalidateAll
  })
})

/**
 * {@link ApiKeyAuth} over `ApiKeys` (live, fake or emulator).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<ApiKeyAuth, InvalidRequest, ApiKeys> =>
  Layer.effect(ApiKeyAuth, make(options))

/**
 * Authenticates the current request by its `Authorization` header: the building block of your own middleware when
 * you answer failures in your own error format.
 *
 * @since 0.2.0
 * @category authentication
 */
export const authenticateRequest: Effect.Effect<
  Authenticated,
  AuthenticationError,
  ApiKeyAuth | HttpServerRequest.HttpServerRequest
> = Effect.flatMap(
  HttpServerRequest.HttpServerRequest,
  (request) => Effect.flatMap(ApiKeyAuth, (auth) => auth.authenticate(request.headers.authorization))
)

/**
 * The authenticated caller, if it has `permission`; otherwise {@link PermissionDenied}.
 *
 * @since 0.2.0
 * @category authentication
 */
export const requirePermission = (
  permission: string
): Effect.Effect<Authenticated, PermissionDenied, AuthenticatedOrganization> =>
  Effect.flatMap(
    AuthenticatedOrganization,
    (caller) =>
      caller.permissions.includes(permission)
        ? Effect.succeed(caller)
        : Effect.fail(new PermissionDenied({ permission }))
  )

/**
 * The `HttpApi` middleware: `Authorization: Bearer <key>` (declared as `HttpApiSecurity.bearer`, so OpenAPI shows
 * it), {@link AuthenticatedOrganization} for the handlers, {@link Unauthenticated} (401) or
 * {@link AuthenticationUnavailable} (503) otherwise. Endpoints that call {@link requirePermission} add
 * {@link PermissionDenied} to their errors.
 *
 * @since 0.2.0
 * @category middleware
 */
export class Authentication
  extends HttpApiMiddleware.Tag<Authentication>()("@effect-workos/core/ApiKeyAuth/Authentication", {
    failure: AuthenticationError,
    provides: AuthenticatedOrganization,
    security: { bearer: HttpApiSecurity.bearer }
  })
{}

/**
 * {@link Authentication} over {@link ApiKeyAuth}. It reads the header itself: the platform's Bearer decoding does not
 * check the scheme.
 *
 * @since 0.2.0
 * @category middleware
 */
export const layerMiddleware: Layer.Layer<Authentication, never, ApiKeyAuth> = Layer.effect(
  Authentication,
  Effect.map(ApiKeyAuth, (auth) =>
    Authentication.of({
      bearer: () =>
        Effect.flatMap(
          HttpServerRequest.HttpServerRequest,
          (request) => auth.authenticate(request.headers.authorization)
        )
    }))
)

/**
 * A failure's default answer: the error's JSON (`{"_tag":"Unauthenticated","reason":"invalid"}`) with its status,
 * and `WWW-Authenticate: Bearer` on a 401.
 *
 * @since 0.2.0
 * @category middleware
 */
export const defaultResponse = (
  error: AuthenticationError | PermissionDenied
): HttpServerResponse.HttpServerResponse => {
  const status = HttpApiSchema.getStatusError(failures[error._tag])
  return HttpServerResponse.unsafeJson(encodeFailure(error), {
    status,
    ...(status === 401 ? { headers: { "www-authenticate": "Bearer" } } : {})
  })
}

const failures = { Unauthenticated, PermissionDenied, AuthenticationUnavailable } as const
const encodeFailure = Schema.encodeSync(Schema.Union(Unauthenticated, PermissionDenied, AuthenticationUnavailable))

/**
 * A plain `HttpMiddleware` for `HttpRouter` / `HttpApp` servers: authenticates every request, provides
 * {@link AuthenticatedOrganization} to the app, and answers the app's {@link PermissionDenied} and its own failures
 * with `onFailure` (default {@link defaultResponse}).
 *
 * @since 0.2.0
 * @category middleware
 */
export const makeMiddleware = (options: {
  readonly onFailure?: (error: AuthenticationError | PermissionDenied) => HttpServerResponse.HttpServerResponse
} = {}) => {
  const onFailure = options.onFailure ?? defaultResponse
  return <E, R>(
    app: HttpApp.Default<E, R>
  ): HttpApp.Default<
    Exclude<E, PermissionDenied>,
    ApiKeyAuth | HttpServerRequest.HttpServerRequest | Exclude<R, AuthenticatedOrganization>
  > =>
    Effect.matchEffect(authenticateRequest, {
      onFailure: (error) => Effect.succeed(onFailure(error)),
      onSuccess: (caller) =>
        app.pipe(
          Effect.provideService(AuthenticatedOrganization, caller),
          Effect.catchIf(
            (error): error is Extract<E, PermissionDenied> => error instanceof PermissionDenied,
            (error) => Effect.succeed(onFailure(error))
          )
        ) as Effect.Effect<
          HttpServerResponse.HttpServerResponse,
          Exclude<E, PermissionDenied>,
          Exclude<R, AuthenticatedOrganization>
        >
    })
}

/**
 * {@link makeMiddleware} with the default answers.
 *
 * @since 0.2.0
 * @category middleware
 */
export const middleware = makeMiddleware()
