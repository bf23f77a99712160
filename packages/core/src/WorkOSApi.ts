/**
 * The WorkOS Organizations, API keys and organization domains APIs declared once, as an `@effect/platform` `HttpApi`
 * (WIRE.md §2/§3, WIRE-LIFECYCLE.md §2/§3): each endpoint's method and path, path parameters, URL parameters, payload, `Idempotency-Key`
 * header, success status and encoding, and the wire errors it answers with. The operation names, the per-operation
 * error unions and their runtime tag lists are derived from it.
 *
 * It reuses core's schemas (`Organization`, the options' body schemas, `List`, `ApiKey`, `Role`, `FeatureFlag`, the
 * `WorkOSError` classes, each error class with its own wire form); where one does not fit `HttpApi` as it is, a
 * small adapter (`internal/adapters.ts`) says why.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Option from "effect/Option"
import * as Record from "effect/Record"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { ApiKey, ApiKeyValidation, CreatedApiKey } from "./ApiKey.js"
import { ExpireApiKeyOptions, ValidateApiKeyOptions } from "./ApiKeys.js"
import { FeatureFlag } from "./FeatureFlag.js"
import {
  Accepted,
  IdempotencyHeaders,
  ListOrganizationsUrlParams,
  PaginationUrlParams,
  PathSegment
} from "./internal/adapters.js"
import { declaredError, ErrorTagAnnotation } from "./internal/declaredErrors.js"
import { List } from "./List.js"
import * as Options from "./Options.js"
import { Organization, OrganizationDomain } from "./Organization.js"
import { CreateOrganizationDomainOptions, VerifyOrganizationDomainPayload } from "./OrganizationDomains.js"
import { RoleList } from "./Role.js"
import * as WorkOSError from "./WorkOSError.js"

export {
  /**
   * A successful delete: 202 `text/plain` `Accepted`.
   *
   * @since 0.1.0
   * @category schemas
   */
  Accepted,
  /**
   * The `Idempotency-Key` header of the two creates.
   *
   * @since 0.1.0
   * @category schemas
   */
  IdempotencyHeaders,
  /**
   * The list options as the query WorkOS reads, for `GET /organizations`.
   *
   * @since 0.1.0
   * @category schemas
   */
  ListOrganizationsUrlParams,
  /**
   * The URL parameters of the paginated organization sub-lists (feature flags, API keys).
   *
   * @since 0.1.0
   * @category schemas
   */
  PaginationUrlParams,
  /**
   * The type side of `PathSegment`, for servers whose router has already percent-decoded the segment.
   *
   * @since 0.1.0
   * @category schemas
   */
  PathParameterDecoded,
  /**
   * A path parameter: the id on the type side, percent-encoded as one URL path segment on the encoded side.
   *
   * @since 0.1.0
   * @category schemas
   */
  PathSegment
} from "./internal/adapters.js"

export {
  /**
   * The annotation carrying the `_tag` of the error class a wire error schema decodes to, read by `operationErrorTags`.
   *
   * @since 0.1.0
   * @category annotations
   */
  ErrorTagAnnotation
} from "./internal/declaredErrors.js"

/** The body of a list answer: `List` needs its item schema. */
const OrganizationList = List(Organization)
const FeatureFlagList = List(FeatureFlag)
const ApiKeyList = List(ApiKey)

// ---------------------------------------------------------------------------------------------------------------
// wire errors
// ---------------------------------------------------------------------------------------------------------------

/**
 * The wire errors, one per class a server answers with: each class's own wire form (`WorkOSError.Wire`) as an
 * `HttpApi` error schema at its status (`BadRequest` at 400, `ServerError` at 500: a declaration has one status per
 * schema, the response transform maps the rest of their ranges). An endpoint declares the classes sharing 400 with
 * `BadRequest` last.
 *
 * @since 0.1.0
 * @category wire errors
 */
export const WireError = {
  NotFound: declaredError(WorkOSError.NotFound),
  ApiKeyAlreadyExpired: declaredError(WorkOSError.ApiKeyAlreadyExpired),
  DomainAlreadyExists: declaredError(WorkOSError.DomainAlreadyExists),
  DomainAlreadyVerified: declaredError(WorkOSError.DomainAlreadyVerified),
  DomainNotAllowed: declaredError(WorkOSError.DomainNotAllowed),
  ExternalIdAlreadyUsed: declaredError(WorkOSError.ExternalIdAlreadyUsed),
  InvalidMetadata: declaredError(WorkOSError.InvalidMetadata),
  StripeCustomerIdAlreadyUsed: declaredError(WorkOSError.StripeCustomerIdAlreadyUsed),
  IdempotencyKeyReused: declaredError(WorkOSError.IdempotencyKeyReused),
  DomainConflict: declaredError(WorkOSError.DomainConflict),
  ValidationFailed: declaredError(WorkOSError.ValidationFailed),
  BadRequest: declaredError(WorkOSError.BadRequest),
  Unauthorized: declaredError(WorkOSError.Unauthorized),
  Forbidden: declaredError(WorkOSError.Forbidden),
  RateLimited: declaredError(WorkOSError.RateLimited),
  ServerError: declaredError(WorkOSError.ServerError)
} as const

/**
 * The errors no server answer carries, in every operation's error union: `InvalidRequest` (rejected before
 * sending), `RequestFailed` (the transport) and `UnexpectedResponse` (an answer outside the declaration).
 *
 * @since 0.1.0
 * @category wire errors
 */
export const clientErrorTags = ["InvalidRequest", "RequestFailed", "UnexpectedResponse"] as const

/**
 * @since 0.1.0
 * @category wire errors
 */
export type ClientError = Extract<WorkOSError.WorkOSError, { readonly _tag: (typeof clientErrorTags)[number] }>

// ---------------------------------------------------------------------------------------------------------------
// the declaration
// ---------------------------------------------------------------------------------------------------------------

const organizationId = Schema.Struct({ organizationId: PathSegment })
const id = Schema.Struct({ id: PathSegment })

// every endpoint can also answer these (WIRE.md §2); none shares a status with an endpoint's own errors
const everyEndpoint = <Id extends string, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any, E, R>(
  group: HttpApiGroup.HttpApiGroup<Id, Endpoints, E, R>
) =>
  group
    .addError(WireError.Unauthorized)
    .addError(WireError.Forbidden)
    .addError(WireError.RateLimited)
    .addError(WireError.ServerError)

/**
 * The `organizations` group: the ten operations, named as the official SDK names them.
 *
 * @since 0.1.0
 * @category declaration
 */
export class OrganizationsGroup extends HttpApiGroup.make("organizations")
  .add(
    HttpApiEndpoint.get("listOrganizations", "/organizations")
      .setUrlParams(ListOrganizationsUrlParams)
      .addSuccess(OrganizationList)
      .addError(WireError.ValidationFailed)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.post("createOrganization", "/organizations")
      .setPayload(Options.CreateOrganizationOptions)
      .setHeaders(IdempotencyHeaders)
      .addSuccess(Organization, { status: 201 })
      .addError(WireError.ValidationFailed)
      .addError(WireError.ExternalIdAlreadyUsed)
      .addError(WireError.InvalidMetadata)
      .addError(WireError.DomainConflict)
      .addError(WireError.IdempotencyKeyReused)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.get("getOrganization", "/organizations/:id")
      .setPath(id)
      .addSuccess(Organization)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.get("getOrganizationByExternalId", "/organizations/external_id/:external_id")
      .setPath(Schema.Struct({ external_id: PathSegment }))
      .addSuccess(Organization)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.put("updateOrganization", "/organizations/:id")
      .setPath(id)
      // the path carries the id: the body is the options without it
      .setPayload(Options.UpdateOrganizationOptions.omit("organization"))
      .addSuccess(Organization)
      .addError(WireError.NotFound)
      .addError(WireError.ValidationFailed)
      .addError(WireError.ExternalIdAlreadyUsed)
      .addError(WireError.InvalidMetadata)
      .addError(WireError.StripeCustomerIdAlreadyUsed)
      .addError(WireError.DomainConflict)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.del("deleteOrganization", "/organizations/:id")
      .setPath(id)
      .addSuccess(Accepted)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    // the current path (SDK ≥ 9); the emulator also serves the legacy `/organizations/:organizationId/roles`
    HttpApiEndpoint.get("listOrganizationRoles", "/authorization/organizations/:organizationId/roles")
      .setPath(organizationId)
      .addSuccess(RoleList)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.get("listOrganizationFeatureFlags", "/organizations/:organizationId/feature-flags")
      .setPath(organizationId)
      .setUrlParams(PaginationUrlParams)
      .addSuccess(FeatureFlagList)
      .addError(WireError.NotFound)
      .addError(WireError.ValidationFailed)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.get("listOrganizationApiKeys", "/organizations/:organizationId/api_keys")
      .setPath(organizationId)
      .setUrlParams(PaginationUrlParams)
      .addSuccess(ApiKeyList)
      .addError(WireError.NotFound)
      .addError(WireError.ValidationFailed)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.post("createOrganizationApiKey", "/organizations/:organizationId/api_keys")
      .setPath(organizationId)
      // the path carries the organization: the body is the options without it
      .setPayload(Options.CreateOrganizationApiKeyOptions.omit("organizationId"))
      .setHeaders(IdempotencyHeaders)
      .addSuccess(CreatedApiKey, { status: 201 })
      .addError(WireError.NotFound)
      .addError(WireError.ValidationFailed)
      .addError(WireError.IdempotencyKeyReused)
      .addError(WireError.BadRequest)
  )
  .pipe(everyEndpoint)
{}

/**
 * The `apiKeys` group: validating, deleting and expiring any API key of the environment (WIRE-LIFECYCLE.md §2). The
 * organization's list and create stay in the `organizations` group, where the official SDK has them.
 *
 * @since 0.2.0
 * @category declaration
 */
export class ApiKeysGroup extends HttpApiGroup.make("apiKeys")
  .add(
    HttpApiEndpoint.post("validateApiKey", "/api_keys/validations")
      .setPayload(ValidateApiKeyOptions)
      .addSuccess(ApiKeyValidation)
      .addError(WireError.ValidationFailed)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.del("deleteApiKey", "/api_keys/:id")
      .setPath(id)
      .addSuccess(HttpApiSchema.NoContent)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.post("expireApiKey", "/api_keys/:id/expire")
      .setPath(id)
      // the path carries the id: the body is the options without it
      .setPayload(ExpireApiKeyOptions.omit("id"))
      .addSuccess(ApiKey)
      .addError(WireError.NotFound)
      .addError(WireError.ApiKeyAlreadyExpired)
      .addError(WireError.ValidationFailed)
      .addError(WireError.BadRequest)
  )
  .pipe(everyEndpoint)
{}

/**
 * The `organizationDomains` group: adding a domain to an organization, reading it, starting its verification and
 * removing it (WIRE-LIFECYCLE.md §3.1). There is no list: an organization's domains are its `domains`.
 *
 * @since 0.2.0
 * @category declaration
 */
export class OrganizationDomainsGroup extends HttpApiGroup.make("organizationDomains")
  .add(
    HttpApiEndpoint.post("createOrganizationDomain", "/organization_domains")
      .setPayload(CreateOrganizationDomainOptions)
      .setHeaders(IdempotencyHeaders)
      .addSuccess(OrganizationDomain, { status: 201 })
      // an unknown organization_id (WorkOS documents none of the three; WIRE-LIFECYCLE.md §3.4, §7 #13)
      .addError(WireError.NotFound)
      .addError(WireError.DomainAlreadyExists)
      .addError(WireError.DomainNotAllowed)
      .addError(WireError.ValidationFailed)
      .addError(WireError.IdempotencyKeyReused)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.get("getOrganizationDomain", "/organization_domains/:id")
      .setPath(id)
      .addSuccess(OrganizationDomain)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.post("verifyOrganizationDomain", "/organization_domains/:id/verify")
      .setPath(id)
      .setPayload(VerifyOrganizationDomainPayload)
      .addSuccess(OrganizationDomain, { status: 201 })
      .addError(WireError.NotFound)
      .addError(WireError.DomainAlreadyVerified)
      .addError(WireError.BadRequest)
  )
  .add(
    HttpApiEndpoint.del("deleteOrganizationDomain", "/organization_domains/:id")
      .setPath(id)
      .addSuccess(HttpApiSchema.NoContent)
      .addError(WireError.NotFound)
      .addError(WireError.BadRequest)
  )
  .pipe(everyEndpoint)
{}

/**
 * The WorkOS API (base URL `https://api.workos.com`, no version prefix).
 *
 * @since 0.1.0
 * @category declaration
 */
export class WorkOSApi
  extends HttpApi.make("WorkOS").add(OrganizationsGroup).add(ApiKeysGroup).add(OrganizationDomainsGroup)
{}

// ---------------------------------------------------------------------------------------------------------------
// derived
// ---------------------------------------------------------------------------------------------------------------

const groups = [OrganizationsGroup, ApiKeysGroup, OrganizationDomainsGroup] as const
type Groups = (typeof groups)[number]
type Endpoints = HttpApiGroup.HttpApiGroup.Endpoints<Groups>

/**
 * The names of the operations, derived from the declaration.
 *
 * @since 0.1.0
 * @category derived
 */
export type Operation = HttpApiEndpoint.HttpApiEndpoint.Name<Endpoints>

/**
 * What an operation can fail with: its declared wire errors, the group's, and the {@link ClientError}s.
 *
 * @since 0.1.0
 * @category derived
 */
export type OperationError<Name extends Operation> =
  | HttpApiEndpoint.HttpApiEndpoint.ErrorWithName<Endpoints, Name>
  | HttpApiGroup.HttpApiGroup.Error<Groups>
  | ClientError

/**
 * The operation names, in declaration order.
 *
 * @since 0.1.0
 * @category derived
 */
export const operations: ReadonlyArray<Operation> = groups.flatMap((group) => Object.keys(group.endpoints)) as Array<
  Operation
>

/**
 * One endpoint as `HttpApi.reflect` sees it: the method, the path template and the error schemas per status, each
 * status's members in the order a decoder tries them.
 *
 * @since 0.1.0
 * @category derived
 */
export interface EndpointShape {
  readonly method: string
  readonly path: string
  readonly successStatuses: ReadonlyArray<number>
  readonly errors: ReadonlyMap<number, ReadonlyArray<string>>
}

// `HttpApi.make` declares the platform's `HttpApiDecodeError` (400, a body with `_tag`) on every endpoint: what
// `HttpApiBuilder` answers for a request that does not decode. No WorkOS answer decodes as it (WorkOS has no
// `_tag`), and the emulator must answer WorkOS's 400/422 instead; it is not one of the operation's errors.
const errorTagsOf = (ast: AST.AST): ReadonlyArray<string> =>
  (ast._tag === "Union" ? ast.types : [ast]).filter((member) => member !== HttpApiDecodeError.ast).map((member) => {
    const tag = member.annotations[ErrorTagAnnotation]
    if (typeof tag !== "string") throw new Error("a declared error without a WorkOSApi.WireError schema")
    return tag
  })

/**
 * Each operation's method, path, success statuses and wire errors per status, read from the declaration.
 *
 * @since 0.1.0
 * @category derived
 */
export const endpoints: Readonly<Record<Operation, EndpointShape>> = (() => {
  const out: Record<string, EndpointShape> = {}
  HttpApi.reflect(WorkOSApi, {
    onGroup: () => {},
    onEndpoint: ({ endpoint, errors, successes }) => {
      out[endpoint.name] = {
        method: endpoint.method,
        path: endpoint.path,
        successStatuses: [...successes.keys()],
        errors: new Map(
          [...errors].map(([status, { ast }]) => [status, Option.match(ast, { onNone: () => [], onSome: errorTagsOf })])
        )
      }
    }
  })
  return out as Record<Operation, EndpointShape>
})()

const wireTags: ReadonlySet<string> = new Set(WorkOSError.ServerSideError.members.map(({ _tag }) => _tag))

// `errorTagsOf` reads each tag from a `WireError` schema's annotation, which only ever carries a server-side class's
const isWireTag = (tag: string): tag is WorkOSError.ServerSideError["_tag"] => wireTags.has(tag)

/**
 * The `_tag`s each operation can fail with, derived from the declaration: the client errors, then the wire errors
 * by status.
 *
 * @since 0.1.0
 * @category derived
 */
export const operationErrorTags = Record.map(
  endpoints,
  (endpoint) => [...clientErrorTags, ...[...endpoint.errors.values()].flat().filter(isWireTag)]
  // the types and the lists are read from the same declaration (the endpoints' error schemas): the cast restates,
  // per operation, what `OperationError` reads; WorkOSApi.test.ts pins both to the expected sets
) as { readonly [Name in Operation]: ReadonlyArray<OperationError<Name>["_tag"]> }
