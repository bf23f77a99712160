/**
 * The WorkOS Organizations API declared once, as an `@effect/platform` `HttpApi` (WIRE.md §2/§3): each endpoint's
 * method and path, path parameters, URL parameters, payload, `Idempotency-Key` header, success status and encoding,
 * and the wire errors it answers with. The operation names, the per-operation error unions and their runtime tag
 * lists are derived from it.
 *
 * It reuses core's schemas (`Organization`, the options' body schemas, `List`, `ApiKey`, `Role`, `FeatureFlag`, the
 * `WorkOSError` classes); where one does not fit `HttpApi` as it is, a small adapter below says why.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { ApiKey, CreatedApiKey } from "./ApiKey.js"
import { FeatureFlag } from "./FeatureFlag.js"
import { List } from "./List.js"
import * as Options from "./Options.js"
import { Organization } from "./Organization.js"
import { RoleList } from "./Role.js"
import * as WorkOSError from "./WorkOSError.js"

// ---------------------------------------------------------------------------------------------------------------
// adapters
// ---------------------------------------------------------------------------------------------------------------

/**
 * A path parameter: the type side is the id (`Options.PathId`), the encoded side is the id percent-encoded as one
 * URL path segment. `HttpApiClient` (platform 0.97) interpolates the *encoded* path parameters into the URL as they
 * are, so the encoding has to happen here: an external id with `/`, `%`, `?` or a space stays one segment.
 *
 * A server built with `HttpRouter` gets the parameter from find-my-way already percent-decoded, `%2F` kept inside
 * the segment (observed in `packages/core/test/WorkOSApi.test.ts`), so `HttpApiBuilder` would decode it a second
 * time with this schema: the emulator must decode its path with {@link PathParameterDecoded} (the type side)
 * instead. The same tests show the router's other limits the emulator must absorb: `maxParamLength` 100 (raise it
 * with `HttpRouter.withRouterConfig`, an encoded 128-character external id is longer), a malformed escape answered
 * as a not-found route (WorkOS answers 400), and literal segments matched case-insensitively.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PathSegment: Schema.Schema<string> = Schema.transformOrFail(Schema.String, Options.PathId, {
  strict: true,
  decode: (segment, _, ast) =>
    ParseResult.try({
      try: () => decodeURIComponent(segment),
      catch: () => new ParseResult.Type(ast, segment, "a malformed percent-escape in a path segment")
    }),
  encode: (id) => ParseResult.succeed(encodeURIComponent(id))
}).annotations({ identifier: "PathSegment" })

/**
 * The type side of {@link PathSegment}, for servers whose router has already percent-decoded the segment.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PathParameterDecoded: Schema.Schema<string> = Options.PathId

/**
 * The URL parameters of a list request. `HttpApiEndpoint.setUrlParams` needs a schema whose encoded side is a
 * record of strings, but the options schemas encode `limit` as a number and `domains` as an array: this adapter's
 * encoded side is the query WorkOS reads, built by `Options.toQuery` (`domains` comma-joined, `order` always sent)
 * and read back by `Options.fromQuery`, so the rule stays in `Options.ts`.
 */
const urlParams = <A extends Options.PaginationOptions, I>(
  options: Schema.Schema<A, I>,
  keys: ReadonlyArray<string>
) => {
  const wire = Schema.Struct(
    Object.fromEntries(keys.map((key) => [key, Schema.optional(Schema.String)])) as Record<
      "before" | "after" | "limit" | "order" | "domains" | "search",
      Schema.optional<typeof Schema.String>
    >
  )
  return Schema.transformOrFail(wire, Schema.typeSchema(options), {
    strict: true,
    decode: (query) => {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, value)
      return ParseResult.decodeUnknown(options)(Options.fromQuery(params, keys).input)
    },
    encode: (value) => ParseResult.succeed(Options.toQuery(value))
  })
}

const paginationKeys = ["before", "after", "limit", "order"] as const

/**
 * `GET /organizations`'s URL parameters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationsUrlParams = urlParams(Options.ListOrganizationsOptions, [
  ...paginationKeys,
  "domains",
  "search"
])

/**
 * The URL parameters of the paginated organization sub-lists (feature flags, API keys).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PaginationUrlParams = urlParams(Options.PaginationOptions, paginationKeys)

/**
 * The `Idempotency-Key` header of the two creates (`Options.RequestOptions`, under its wire name; HTTP header names
 * reach `HttpApi` lower-cased).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IdempotencyHeaders = Schema.Struct({
  idempotencyKey: Options.RequestOptions.fields.idempotencyKey.pipe(Schema.fromKey("idempotency-key"))
})

/** The body of a list answer: `List` needs its item schema. */
const OrganizationList = List(Organization)
const FeatureFlagList = List(FeatureFlag)
const ApiKeyList = List(ApiKey)

/**
 * A successful delete: WorkOS answers 202 `text/plain` `Accepted` (WIRE.md §1.4).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Accepted = HttpApiSchema.withEncoding(Schema.Literal("Accepted"), {
  kind: "Text",
  contentType: "text/plain"
}).annotations(HttpApiSchema.annotations({ status: 202 }))

// ---------------------------------------------------------------------------------------------------------------
// wire errors
// ---------------------------------------------------------------------------------------------------------------

/**
 * The annotation carrying the `_tag` of the error class a wire error schema decodes to, read by
 * {@link operationErrorTags}.
 *
 * @since 0.1.0
 * @category annotations
 */
export const ErrorTagAnnotation: unique symbol = Symbol.for("@effect-workos/core/WorkOSApi/ErrorTag")

type ServerSideClass = Schema.Schema.AnyNoContext & { readonly _tag: WorkOSError.ServerSideError["_tag"] }

/**
 * A wire error: the encoded side is the JSON body WorkOS answers with at `status`, the type side the error class.
 *
 * The classes' own encoded side is their struct (with `_tag`), not the wire body; until each class owns its wire
 * schema (issue 13 item 2), the two directions go through `WorkOSError.fromResponse` / `toResponse`, the one table
 * there is. A member only decodes the answers that table gives its class, so several members can share a status:
 * 400 carries `ExternalIdAlreadyUsed`, `InvalidMetadata`, `StripeCustomerIdAlreadyUsed` (told apart by `code`),
 * `IdempotencyKeyReused` (by its message) and `BadRequest`, the catch-all, declared last so that a decoder that
 * tries the members in order (a `Schema.Union`, as `HttpApiClient` builds per status) meets it last.
 *
 * Status and body only: `HttpApiClient` decodes errors without the headers, so `X-Request-Id` and `Retry-After`
 * (and, for a bare `{"message":"Not Found"}`, the id the request addressed) need one response transform.
 */
const wireError = <C extends ServerSideClass, Fields extends Schema.Struct.Fields>(
  errorClass: C,
  status: number,
  body: Fields
): Schema.Schema<Schema.Schema.Type<C>, Schema.Schema.Encoded<Schema.Struct<Fields>>, Schema.Struct.Context<Fields>> =>
  Schema.transformOrFail(Schema.Struct(body), Schema.typeSchema(errorClass), {
    strict: false,
    decode: (wire, _, ast) => {
      const error = WorkOSError.fromResponse(status, {}, wire)
      return error._tag === errorClass._tag
        ? ParseResult.succeed(error)
        : ParseResult.fail(new ParseResult.Type(ast, wire, `a ${status} answer that is not a ${errorClass._tag}`))
    },
    encode: (error) => ParseResult.succeed(WorkOSError.toResponse(error as WorkOSError.ServerSideError).body)
  }).annotations({ [ErrorTagAnnotation]: errorClass._tag, ...HttpApiSchema.annotations({ status }) })

const message = { message: Schema.String }
const coded = <Code extends string>(code: Code) => ({ code: Schema.Literal(code), ...message })

/**
 * The wire errors, one per class a server answers with.
 *
 * @since 0.1.0
 * @category wire errors
 */
export const WireError = {
  NotFound: wireError(WorkOSError.NotFound, 404, {
    ...message,
    code: Schema.optional(Schema.String),
    entity_id: Schema.optional(Schema.String)
  }),
  ExternalIdAlreadyUsed: wireError(WorkOSError.ExternalIdAlreadyUsed, 400, coded("external_id_already_used")),
  InvalidMetadata: wireError(WorkOSError.InvalidMetadata, 400, coded("invalid_metadata")),
  StripeCustomerIdAlreadyUsed: wireError(
    WorkOSError.StripeCustomerIdAlreadyUsed,
    400,
    coded("stripe_customer_id_already_used")
  ),
  IdempotencyKeyReused: wireError(WorkOSError.IdempotencyKeyReused, 400, message),
  DomainConflict: wireError(WorkOSError.DomainConflict, 409, message),
  ValidationFailed: wireError(WorkOSError.ValidationFailed, 422, {
    ...message,
    code: Schema.optional(Schema.String),
    error: Schema.optional(Schema.String),
    errors: Schema.optional(Schema.Array(Schema.Struct({
      code: Schema.optional(Schema.String),
      field: Schema.optional(Schema.String),
      message: Schema.optional(Schema.String)
    })))
  }),
  BadRequest: wireError(WorkOSError.BadRequest, 400, {
    message: Schema.Union(Schema.String, Schema.Array(Schema.String)),
    code: Schema.optional(Schema.String),
    error: Schema.optional(Schema.String),
    statusCode: Schema.optional(Schema.Number)
  }),
  Unauthorized: wireError(WorkOSError.Unauthorized, 401, message),
  Forbidden: wireError(WorkOSError.Forbidden, 403, message),
  RateLimited: wireError(WorkOSError.RateLimited, 429, message),
  // any 5xx is a ServerError; a declaration has one status per schema, the response transform maps the others
  ServerError: wireError(WorkOSError.ServerError, 500, message)
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
export type ClientError = WorkOSError.InvalidRequest | WorkOSError.RequestFailed | WorkOSError.UnexpectedResponse

// ---------------------------------------------------------------------------------------------------------------
// the declaration
// ---------------------------------------------------------------------------------------------------------------

const organizationId = Schema.Struct({ organizationId: PathSegment })
const id = Schema.Struct({ id: PathSegment })

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
  // every endpoint can also answer these (WIRE.md §2); none shares a status with an endpoint's own errors
  .addError(WireError.Unauthorized)
  .addError(WireError.Forbidden)
  .addError(WireError.RateLimited)
  .addError(WireError.ServerError)
{}

/**
 * The WorkOS API (base URL `https://api.workos.com`, no version prefix).
 *
 * @since 0.1.0
 * @category declaration
 */
export class WorkOSApi extends HttpApi.make("WorkOS").add(OrganizationsGroup) {}

// ---------------------------------------------------------------------------------------------------------------
// derived
// ---------------------------------------------------------------------------------------------------------------

type Endpoints = HttpApiGroup.HttpApiGroup.Endpoints<typeof OrganizationsGroup>

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
  | HttpApiGroup.HttpApiGroup.Error<typeof OrganizationsGroup>
  | ClientError

/**
 * The operation names, in declaration order.
 *
 * @since 0.1.0
 * @category derived
 */
export const operations: ReadonlyArray<Operation> = Object.keys(OrganizationsGroup.endpoints) as Array<Operation>

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

/**
 * The `_tag`s each operation can fail with, derived from the declaration: the client errors, then the wire errors
 * by status.
 *
 * @since 0.1.0
 * @category derived
 */
export const operationErrorTags: Readonly<Record<Operation, ReadonlyArray<OperationError<Operation>["_tag"]>>> = Object
  .fromEntries(
    operations.map((name) => [
      name,
      [...clientErrorTags, ...[...endpoints[name].errors.values()].flat()] as ReadonlyArray<
        OperationError<Operation>["_tag"]
      >
    ])
  ) as Record<Operation, ReadonlyArray<OperationError<Operation>["_tag"]>>
