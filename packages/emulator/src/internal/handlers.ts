/**
 * The handlers of the WorkOS routes (`organizations`, `apiKeys`, `organizationDomains` and the legacy roles path), over the caller's
 * environment's backend. Bodies and queries are read with the rules WorkOS applies (`body.ts`, `query.ts`): the
 * declaration's own payload decoding would answer the platform's `HttpApiDecodeError` where WorkOS answers its 400
 * and 422 bodies.
 */
import { ApiKeys, Options, OrganizationDomains, type Organizations, WorkOSError } from "@effect-workos/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ConnectionDropped, CurrentEnvironment, EmulatorApi } from "./api.js"
import * as Body from "./body.js"
import * as Encode from "./encode.js"
import { CurrentExchange } from "./exchange.js"
import * as Query from "./query.js"
import * as Responses from "./responses.js"
import * as Validation from "./validation.js"

type Reply<R = never> = Effect.Effect<HttpServerResponse.HttpServerResponse, ConnectionDropped, R>

const reply = (response: HttpServerResponse.HttpServerResponse): Reply => Effect.succeed(response)

const failed = (failure: WorkOSError.ServerSideError): Reply => reply(Responses.error(failure))

/** What the backend failed with, as the wire answer (or a dropped connection for a lost response). */
const backendFailure = (failure: WorkOSError.WorkOSError): Reply => {
  switch (failure._tag) {
    case "RequestFailed":
      return Effect.fail(new ConnectionDropped())
    case "InvalidRequest": {
      const top = failure.field.split(/[.[]/)[0] || "body"
      return failed(Validation.failed([Validation.issue(failure.field, `${top}_invalid`, failure.message)]))
    }
    case "UnexpectedResponse":
      return failed(new WorkOSError.ServerError({ status: 500, detail: failure.detail }))
    default:
      return failed(failure)
  }
}

/** Runs a backend call and answers its success, encoded, at `status`. */
const call = <A, E extends WorkOSError.WorkOSError>(
  effect: Effect.Effect<A, E>,
  encode: (a: A) => Either.Either<string, ParseResult.ParseError>,
  status: number
): Reply =>
  Effect.matchEffect(effect, {
    onFailure: backendFailure,
    onSuccess: (a) =>
      Either.match(encode(a), {
        onLeft: (cause) =>
          Effect.as(
            Effect.logError("the fake returned a value its schema cannot encode", cause),
            Responses.error(
              new WorkOSError.ServerError({ status: 500, detail: "The emulator produced an invalid response" })
            )
          ),
        onRight: (text) => reply(Encode.jsonText(status, text))
      })
  })

const decodeBody = {
  create: Schema.decodeUnknownEither(Options.CreateOrganizationOptions, { errors: "all" }),
  update: Schema.decodeUnknownEither(Options.UpdateOrganizationOptions, { errors: "all" }),
  createApiKey: Schema.decodeUnknownEither(Options.CreateOrganizationApiKeyOptions, { errors: "all" }),
  validateApiKey: Schema.decodeUnknownEither(ApiKeys.ValidateApiKeyOptions, { errors: "all" }),
  expireApiKey: Schema.decodeUnknownEither(ApiKeys.ExpireApiKeyOptions, { errors: "all" }),
  createDomain: Schema.decodeUnknownEither(OrganizationDomains.CreateOrganizationDomainOptions, { errors: "all" })
}

const withoutNulls = (body: object, keys: ReadonlyArray<string>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...body }
  for (const key of keys) if (out[key] === null) delete out[key]
  return out
}

const withBody = <R>(request: HttpServerRequest.HttpServerRequest, f: (body: object) => Reply<R>): Reply<R> =>
  Body.withObject(request, Body.MAX_BODY_BYTES, f)

const decoded = <A, R>(result: Either.Either<A, ParseResult.ParseError>, f: (a: A) => Reply<R>): Reply<R> =>
  Either.match(result, { onLeft: (error) => failed(Validation.fromParseError(error)), onRight: f })

/** Reads the request's query with WorkOS's rules (unknown keys 400, repeated keys and bad values 422). */
const withQuery = <A, I, R>(
  schema: Schema.Schema<A, I>,
  keys: ReadonlyArray<string>,
  extra: Record<string, unknown>,
  f: (options: A) => Reply<R>
): Reply<R> =>
  Effect.flatMap(
    CurrentExchange,
    (exchange) => Either.match(Query.decode(schema, keys, exchange.search, extra), { onLeft: failed, onRight: f })
  )

const withBackend = (
  f: (backend: Organizations.Backend & ApiKeys.Backend & OrganizationDomains.Backend) => Reply
): Reply<CurrentEnvironment> => Effect.flatMap(CurrentEnvironment, (env) => f(env.backing.backend))

const requestOptions = (idempotencyKey: string | undefined) => idempotencyKey === undefined ? {} : { idempotencyKey }

const accepted = HttpServerResponse.text("Accepted", { status: 202, contentType: Responses.TEXT_CONTENT_TYPE })

/**
 * The `organizations` group's handlers; `encoders` keep their cache for the app's lifetime.
 *
 * @internal
 */
export const organizations = (encoders: Encode.Encoders) =>
  HttpApiBuilder.group(EmulatorApi, "organizations", (handlers) =>
    handlers
      .handle("listOrganizations", () =>
        withQuery(Options.ListOrganizationsOptions, Query.LIST_ORGANIZATIONS_KEYS, {}, (options) =>
          withBackend((backend) =>
            call(backend.listOrganizationsPage(options), encoders.organizations, Encode.status("listOrganizations"))
          )))
      .handleRaw("createOrganization", ({ headers, request }) =>
        withBody(request, (body) =>
          decoded(
            // WorkOS accepts explicit nulls on create and treats them as absent
            decodeBody.create(withoutNulls(body, ["domain_data", "external_id", "metadata"])),
            (options) =>
              withBackend((backend) =>
                call(
                  backend.createOrganization(options, requestOptions(headers.idempotencyKey)),
                  encoders.organization,
                  Encode.status("createOrganization")
                )
              )
          )))
      .handle("getOrganization", ({ path }) =>
        withBackend((backend) =>
          call(backend.getOrganization(path.id), encoders.organization, Encode.status("getOrganization"))
        ))
      .handle("getOrganizationByExternalId", ({ path }) =>
        withBackend((backend) =>
          call(
            backend.getOrganizationByExternalId(path.external_id),
            encoders.organization,
            Encode.status("getOrganizationByExternalId")
          )
        ))
      .handleRaw("updateOrganization", ({ path, request }) =>
        withBody(request, (body) =>
          decoded(
            decodeBody.update({ ...withoutNulls(body, ["domain_data"]), organization: path.id }),
            (options) =>
              withBackend((backend) =>
                call(backend.updateOrganization(options), encoders.organization, Encode.status("updateOrganization"))
              )
          )))
      .handle("deleteOrganization", ({ path }) =>
        withBackend((backend) =>
          Effect.matchEffect(backend.deleteOrganization(path.id), {
            onFailure: backendFailure,
            onSuccess: () =>
              reply(accepted)
          })
        ))
      .handle("listOrganizationRoles", ({ path }) =>
        roles(encoders, path.organizationId))
      .handle("listOrganizationFeatureFlags", ({ path }) =>
        withQuery(Options.ListOrganizationFeatureFlagsOptions, Query.PAGINATION_KEYS, {
          organizationId: path.organizationId
        }, (options) =>
          withBackend((backend) =>
            call(
              backend.listOrganizationFeatureFlagsPage(options),
              encoders.flags,
              Encode.status("listOrganizationFeatureFlags")
            )
          )))
      .handle("listOrganizationApiKeys", ({ path }) =>
        withQuery(Options.ListOrganizationApiKeysOptions, Query.PAGINATION_KEYS, {
          organizationId: path.organizationId
        }, (options) =>
          withBackend((backend) =>
            call(
              backend.listOrganizationApiKeysPage(options),
              encoders.apiKeys,
              Encode.status("listOrganizationApiKeys")
            )
          )))
      .handleRaw("createOrganizationApiKey", ({ headers, path, request }) =>
        withBody(request, (body) =>
          decoded(
            decodeBody.createApiKey({ ...body, organizationId: path.organizationId }),
            (options) =>
              withBackend((backend) =>
                call(
                  backend.createOrganizationApiKey(options, requestOptions(headers.idempotencyKey)),
                  encoders.createdApiKey,
                  Encode.status("createOrganizationApiKey")
                )
              )
          ))))

const noContent = HttpServerResponse.empty({ status: Encode.status("deleteApiKey") })

/**
 * The `apiKeys` group's handlers.
 *
 * @internal
 */
export const apiKeys = (encoders: Encode.Encoders) =>
  HttpApiBuilder.group(EmulatorApi, "apiKeys", (handlers) =>
    handlers
      .handleRaw("validateApiKey", ({ request }) =>
        withBody(request, (body) =>
          decoded(decodeBody.validateApiKey(body), (options) =>
            withBackend((backend) =>
              call(backend.validateApiKey(options), encoders.apiKeyValidation, Encode.status("validateApiKey"))
            ))))
      .handle("deleteApiKey", ({ path }) =>
        withBackend((backend) =>
          Effect.matchEffect(backend.deleteApiKey(path.id), {
            onFailure: backendFailure,
            onSuccess: () =>
              reply(noContent)
          })
        ))
      .handleRaw("expireApiKey", ({ path, request }) =>
        withBody(request, (body) =>
          decoded(decodeBody.expireApiKey({ ...body, id: path.id }), (options) =>
            withBackend((backend) =>
              call(backend.expireApiKey(options), encoders.apiKey, Encode.status("expireApiKey"))
            )))))

/**
 * The `organizationDomains` group's handlers. The verify takes `{}` (what the official SDK sends) or no body, and
 * ignores what an object body holds.
 *
 * @internal
 */
export const organizationDomains = (encoders: Encode.Encoders) =>
  HttpApiBuilder.group(EmulatorApi, "organizationDomains", (handlers) =>
    handlers
      .handleRaw("createOrganizationDomain", ({ headers, request }) =>
        withBody(request, (body) =>
          decoded(decodeBody.createDomain(body), (options) =>
            withBackend((backend) =>
              call(
                backend.createOrganizationDomain(options, requestOptions(headers.idempotencyKey)),
                encoders.organizationDomain,
                Encode.status("createOrganizationDomain")
              )
            ))))
      .handle("getOrganizationDomain", ({ path }) =>
        withBackend((backend) =>
          call(
            backend.getOrganizationDomain(path.id),
            encoders.organizationDomain,
            Encode.status("getOrganizationDomain")
          )
        ))
      .handleRaw("verifyOrganizationDomain", ({ path, request }) =>
        withBody(request, () =>
          withBackend((backend) =>
            call(
              backend.verifyOrganizationDomain(path.id),
              encoders.organizationDomain,
              Encode.status("verifyOrganizationDomain")
            )
          )))
      .handle("deleteOrganizationDomain", ({ path }) =>
        withBackend((backend) =>
          Effect.matchEffect(backend.deleteOrganizationDomain(path.id), {
            onFailure: backendFailure,
            onSuccess: () =>
              reply(noContent)
          })
        )))

const roles = (encoders: Encode.Encoders, organizationId: string): Reply<CurrentEnvironment> =>
  withBackend((backend) =>
    call(
      backend.listOrganizationRoles({ organizationId }),
      encoders.roles,
      Encode.status("listOrganizationRoles")
    )
  )

/**
 * The legacy roles path's handler: the current one's.
 *
 * @internal
 */
export const legacy = (encoders: Encode.Encoders) =>
  HttpApiBuilder.group(
    EmulatorApi,
    "legacy",
    (handlers) => handlers.handle("listOrganizationRoles", ({ path }) => roles(encoders, path.organizationId))
  )
