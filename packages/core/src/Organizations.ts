/**
 * The `Organizations` service: the ten WorkOS Organizations operations as Effects and Streams with precise error
 * channels. Provide it with the live HTTP layer (`@effect-workos/http`) or the in-memory fake
 * (`@effect-workos/fake`); your program does not change.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ApiKey, CreatedApiKey } from "./ApiKey.js"
import type { FeatureFlag } from "./FeatureFlag.js"
import type { List } from "./List.js"
import * as Options from "./Options.js"
import type { Organization } from "./Organization.js"
import * as Pagination from "./Pagination.js"
import type { RoleList } from "./Role.js"
import * as WorkOSApi from "./WorkOSApi.js"
import { InvalidRequest } from "./WorkOSError.js"
import type { UnexpectedResponse } from "./WorkOSError.js"

/**
 * The names of the operations (the official SDK's), derived from the declaration (`WorkOSApi`): the ten of
 * `Organizations` and the three of `ApiKeys`.
 *
 * @since 0.1.0
 * @category models
 */
export type Operation = WorkOSApi.Operation

/** The members of `E` that every operation can fail with. */
type InEveryOperation<E> = E extends unknown
  ? { readonly [Name in Operation]: E extends WorkOSApi.OperationError<Name> ? true : false }[Operation] extends true ?
    E
  : never
  : never

/**
 * What any call can fail with: bad input caught locally, an unlisted 4xx, auth, rate limits after the last retry,
 * server and transport failures, and answers that are not WorkOS's wire format. Derived from the declaration: the
 * errors every endpoint declares, and the client's own.
 *
 * @since 0.1.0
 * @category errors
 */
export type CommonError = InEveryOperation<WorkOSApi.OperationError<Operation>>

/**
 * @since 0.1.0
 * @category errors
 */
export type ListOrganizationsError = WorkOSApi.OperationError<"listOrganizations">

/**
 * @since 0.1.0
 * @category errors
 */
export type CreateOrganizationError = WorkOSApi.OperationError<"createOrganization">

/**
 * What `getOrganization` and `getOrganizationByExternalId` can fail with (the two declare the same errors).
 *
 * @since 0.1.0
 * @category errors
 */
export type GetOrganizationError = WorkOSApi.OperationError<"getOrganization">

/**
 * @since 0.1.0
 * @category errors
 */
export type UpdateOrganizationError = WorkOSApi.OperationError<"updateOrganization">

/**
 * @since 0.1.0
 * @category errors
 */
export type DeleteOrganizationError = WorkOSApi.OperationError<"deleteOrganization">

/**
 * @since 0.1.0
 * @category errors
 */
export type ListOrganizationRolesError = WorkOSApi.OperationError<"listOrganizationRoles">

/**
 * @since 0.1.0
 * @category errors
 */
export type ListOrganizationFeatureFlagsError = WorkOSApi.OperationError<"listOrganizationFeatureFlags">

/**
 * @since 0.1.0
 * @category errors
 */
export type ListOrganizationApiKeysError = WorkOSApi.OperationError<"listOrganizationApiKeys">

/**
 * @since 0.1.0
 * @category errors
 */
export type CreateOrganizationApiKeyError = WorkOSApi.OperationError<"createOrganizationApiKey">

/**
 * The `_tag`s each operation can fail with, for implementations that must narrow what a server said: derived from
 * the declaration (`WorkOSApi.operationErrorTags`).
 *
 * @since 0.1.0
 * @category errors
 */
export const errorTags: { readonly [Name in Operation]: ReadonlyArray<WorkOSApi.OperationError<Name>["_tag"]> } =
  WorkOSApi.operationErrorTags

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Every organization matching the filters, as a lazy Stream that pages through cursors (page size `limit`,
   * default 100) and prefetches the next page. Follows `after` in the requested order (`desc` by default, or
   * `asc`), starting after `options.after` when given. Use {@link Service.listOrganizationsPage} for `before` and
   * the legacy `normal` order.
   */
  readonly listOrganizations: (
    options?: Options.ListOrganizationsOptions
  ) => Stream.Stream<Organization, ListOrganizationsError>
  /** One page, for UIs that page by hand. */
  readonly listOrganizationsPage: (
    options?: Options.ListOrganizationsOptions
  ) => Effect.Effect<List<Organization>, ListOrganizationsError>
  readonly createOrganization: (
    options: Options.CreateOrganizationOptions,
    requestOptions?: Options.RequestOptions
  ) => Effect.Effect<Organization, CreateOrganizationError>
  readonly getOrganization: (id: string) => Effect.Effect<Organization, GetOrganizationError>
  readonly getOrganizationByExternalId: (externalId: string) => Effect.Effect<Organization, GetOrganizationError>
  readonly updateOrganization: (
    options: Options.UpdateOrganizationOptions
  ) => Effect.Effect<Organization, UpdateOrganizationError>
  readonly deleteOrganization: (id: string) => Effect.Effect<void, DeleteOrganizationError>
  readonly listOrganizationRoles: (
    options: Options.ListOrganizationRolesOptions
  ) => Effect.Effect<RoleList, ListOrganizationRolesError>
  readonly listOrganizationFeatureFlags: (
    options: Options.ListOrganizationFeatureFlagsOptions
  ) => Stream.Stream<FeatureFlag, ListOrganizationFeatureFlagsError>
  readonly listOrganizationFeatureFlagsPage: (
    options: Options.ListOrganizationFeatureFlagsOptions
  ) => Effect.Effect<List<FeatureFlag>, ListOrganizationFeatureFlagsError>
  readonly listOrganizationApiKeys: (
    options: Options.ListOrganizationApiKeysOptions
  ) => Stream.Stream<ApiKey, ListOrganizationApiKeysError>
  readonly listOrganizationApiKeysPage: (
    options: Options.ListOrganizationApiKeysOptions
  ) => Effect.Effect<List<ApiKey>, ListOrganizationApiKeysError>
  readonly createOrganizationApiKey: (
    options: Options.CreateOrganizationApiKeyOptions,
    requestOptions?: Options.RequestOptions
  ) => Effect.Effect<CreatedApiKey, CreateOrganizationApiKeyError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Organizations extends Context.Tag("@effect-workos/core/Organizations")<Organizations, Service>() {}

/**
 * What an implementation provides: one function per wire request, each receiving validated options. The Streams,
 * input validation and spans are added by {@link make}, identically for every implementation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Backend {
  readonly listOrganizationsPage: (
    options: Options.ListOrganizationsOptions
  ) => Effect.Effect<List<Organization>, ListOrganizationsError>
  readonly createOrganization: (
    options: Options.CreateOrganizationOptions,
    requestOptions: Options.RequestOptions
  ) => Effect.Effect<Organization, CreateOrganizationError>
  readonly getOrganization: (id: string) => Effect.Effect<Organization, GetOrganizationError>
  readonly getOrganizationByExternalId: (externalId: string) => Effect.Effect<Organization, GetOrganizationError>
  readonly updateOrganization: (
    options: Options.UpdateOrganizationOptions
  ) => Effect.Effect<Organization, UpdateOrganizationError>
  readonly deleteOrganization: (id: string) => Effect.Effect<void, DeleteOrganizationError>
  readonly listOrganizationRoles: (
    options: Options.ListOrganizationRolesOptions
  ) => Effect.Effect<RoleList, ListOrganizationRolesError>
  readonly listOrganizationFeatureFlagsPage: (
    options: Options.ListOrganizationFeatureFlagsOptions
  ) => Effect.Effect<List<FeatureFlag>, ListOrganizationFeatureFlagsError>
  readonly listOrganizationApiKeysPage: (
    options: Options.ListOrganizationApiKeysOptions
  ) => Effect.Effect<List<ApiKey>, ListOrganizationApiKeysError>
  readonly createOrganizationApiKey: (
    options: Options.CreateOrganizationApiKeyOptions,
    requestOptions: Options.RequestOptions
  ) => Effect.Effect<CreatedApiKey, CreateOrganizationApiKeyError>
  /**
   * Optional: the pages the Streams walk, answered as soon as the next cursor is known, with the items decoded when
   * run (see `Pagination.streamSplit`), so that decoding a page overlaps the request for the next one. Without them
   * the Streams walk the `*Page` functions.
   */
  readonly streamPages?: StreamPages | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StreamPages {
  readonly listOrganizations: (
    options: Options.ListOrganizationsOptions
  ) => Effect.Effect<Pagination.Split<Organization, ListOrganizationsError>, ListOrganizationsError>
  readonly listOrganizationFeatureFlags: (
    options: Options.ListOrganizationFeatureFlagsOptions
  ) => Effect.Effect<
    Pagination.Split<FeatureFlag, ListOrganizationFeatureFlagsError>,
    ListOrganizationFeatureFlagsError
  >
  readonly listOrganizationApiKeys: (
    options: Options.ListOrganizationApiKeysOptions
  ) => Effect.Effect<Pagination.Split<ApiKey, ListOrganizationApiKeysError>, ListOrganizationApiKeysError>
}

/**
 * The default page size of the Streams: the largest page WorkOS serves.
 *
 * @since 0.1.0
 * @category constants
 */
export const STREAM_PAGE_SIZE = Options.maxLimit

const validateListOrganizations = Options.validate(Options.ListOrganizationsOptions)
const validateCreate = Options.validate(Options.CreateOrganizationOptions)
const validateRequestOptions = Options.validate(Options.RequestOptions, "requestOptions")
const validateId = Options.validate(Options.PathId, "id")
const validateExternalId = Options.validate(Options.PathId, "externalId")
const validateUpdate = Options.validate(Options.UpdateOrganizationOptions)
const validateRoles = Options.validate(Options.ListOrganizationRolesOptions)
const validateFlags = Options.validate(Options.ListOrganizationFeatureFlagsOptions)
const validateApiKeys = Options.validate(Options.ListOrganizationApiKeysOptions)
const validateCreateApiKey = Options.validate(Options.CreateOrganizationApiKeyOptions)

const checkStreamable = (options: Options.PaginationOptions): Effect.Effect<void, InvalidRequest> =>
  options.before !== undefined
    ? Effect.fail(
      new InvalidRequest({
        field: "before",
        detail: "a Stream walks forward with 'after'; use the *Page method to page backward with 'before'"
      })
    )
    : options.order === "normal"
    ? Effect.fail(
      new InvalidRequest({
        field: "order",
        detail: "a Stream walks forward with 'after' in 'asc' or 'desc' order; use the *Page method for 'normal'"
      })
    )
    : Effect.void

/**
 * Walks a list whose options are validated by `validate`, with `fetch` returning one page.
 */
const walk = <O extends Options.PaginationOptions, A, E, E2>(
  span: string,
  validate: (input: unknown) => Effect.Effect<O, E2>,
  fetch: (options: O) => Effect.Effect<Pagination.Split<A, E>, E>,
  input: unknown
): Stream.Stream<A, E | E2 | InvalidRequest | UnexpectedResponse> =>
  Stream.unwrap(
    Effect.map(
      Effect.tap(validate(input), checkStreamable),
      (options) =>
        Pagination.streamSplit(
          (after) => fetch({ ...options, limit: options.limit ?? STREAM_PAGE_SIZE, after }),
          options.after
        )
    )
  ).pipe(Stream.withSpan(span))

const splitting = <O, A, E>(page: (options: O) => Effect.Effect<List<A>, E>) => (options: O) =>
  Effect.map(page(options), Pagination.fromList)

/**
 * Builds the service from a {@link Backend}: validates every input (`InvalidRequest`, nothing sent), adds a span
 * per call named `Organizations.<operation>` with the ids involved, and derives the Streams from the page functions
 * with the shared pagination helper.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (backend: Backend): Service => ({
  listOrganizations: (options = {}) =>
    walk(
      "Organizations.listOrganizations",
      validateListOrganizations,
      backend.streamPages?.listOrganizations ?? splitting(backend.listOrganizationsPage),
      options
    ),
  listOrganizationsPage: Effect.fn("Organizations.listOrganizationsPage")(function*(options = {}) {
    return yield* backend.listOrganizationsPage(yield* validateListOrganizations(options))
  }),
  createOrganization: Effect.fn("Organizations.createOrganization")(function*(options, requestOptions = {}) {
    const valid = yield* validateCreate(options)
    const request = yield* validateRequestOptions(requestOptions)
    if (valid.externalId !== undefined) yield* Effect.annotateCurrentSpan("workos.external_id", valid.externalId)
    const organization = yield* backend.createOrganization(valid, request)
    yield* Effect.annotateCurrentSpan("workos.organization_id", organization.id)
    return organization
  }),
  getOrganization: Effect.fn("Organizations.getOrganization")(function*(id) {
    yield* Effect.annotateCurrentSpan("workos.organization_id", id)
    return yield* backend.getOrganization(yield* validateId(id))
  }),
  getOrganizationByExternalId: Effect.fn("Organizations.getOrganizationByExternalId")(function*(externalId) {
    yield* Effect.annotateCurrentSpan("workos.external_id", externalId)
    return yield* backend.getOrganizationByExternalId(yield* validateExternalId(externalId))
  }),
  updateOrganization: Effect.fn("Organizations.updateOrganization")(function*(options) {
    const valid = yield* validateUpdate(options)
    yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organization)
    return yield* backend.updateOrganization(valid)
  }),
  deleteOrganization: Effect.fn("Organizations.deleteOrganization")(function*(id) {
    yield* Effect.annotateCurrentSpan("workos.organization_id", id)
    return yield* backend.deleteOrganization(yield* validateId(id))
  }),
  listOrganizationRoles: Effect.fn("Organizations.listOrganizationRoles")(function*(options) {
    const valid = yield* validateRoles(options)
    yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organizationId)
    return yield* backend.listOrganizationRoles(valid)
  }),
  listOrganizationFeatureFlags: (options) =>
    walk(
      "Organizations.listOrganizationFeatureFlags",
      validateFlags,
      backend.streamPages?.listOrganizationFeatureFlags ?? splitting(backend.listOrganizationFeatureFlagsPage),
      options
    ),
  listOrganizationFeatureFlagsPage: Effect.fn("Organizations.listOrganizationFeatureFlagsPage")(function*(options) {
    const valid = yield* validateFlags(options)
    yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organizationId)
    return yield* backend.listOrganizationFeatureFlagsPage(valid)
  }),
  listOrganizationApiKeys: (options) =>
    walk(
      "Organizations.listOrganizationApiKeys",
      validateApiKeys,
      backend.streamPages?.listOrganizationApiKeys ?? splitting(backend.listOrganizationApiKeysPage),
      options
    ),
  listOrganizationApiKeysPage: Effect.fn("Organizations.listOrganizationApiKeysPage")(function*(options) {
    const valid = yield* validateApiKeys(options)
    yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organizationId)
    return yield* backend.listOrganizationApiKeysPage(valid)
  }),
  createOrganizationApiKey: Effect.fn("Organizations.createOrganizationApiKey")(
    function*(options, requestOptions = {}) {
      const valid = yield* validateCreateApiKey(options)
      const request = yield* validateRequestOptions(requestOptions)
      yield* Effect.annotateCurrentSpan("workos.organization_id", valid.organizationId)
      return yield* backend.createOrganizationApiKey(valid, request)
    }
  )
})
