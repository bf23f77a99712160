/**
 * The operations of an environment, keyed by the names the API declaration gives them: for each, the backend
 * function it is served as, how the store answers it, and what the journal keeps of a call.
 *
 * @internal
 */
import type * as ApiKeys from "@effect-workos/core/ApiKeys"
import type * as CoreOptions from "@effect-workos/core/Options"
import type * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import type * as Organizations from "@effect-workos/core/Organizations"
import type { Operation } from "@effect-workos/core/WorkOSApi"
import type { RateLimited, RequestFailed, ServerError } from "@effect-workos/core/WorkOSError"
import type * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as ApiKeyOperations from "./apiKeys.js"
import * as Domains from "./domains.js"
import * as Operations from "./operations.js"
import type * as Store from "./store.js"

/** The errors the fault plan injects. @internal */
export type FaultError = RateLimited | ServerError | RequestFailed

/**
 * What the environment serves: every operation of the declaration, as the `Organizations`, `ApiKeys` and
 * `OrganizationDomains` backends.
 *
 * @internal
 */
export type Backend = Organizations.Backend & ApiKeys.Backend & OrganizationDomains.Backend

type Methods = Omit<Backend, "streamPages">
/** @internal */
/** The backend's function for an operation: `<name>Page` for the paged lists, else the operation's own name. */
export type MethodOf<O extends Operation> = Extract<keyof Methods, O | `${O}Page`>
/** @internal */
export type Method<O extends Operation> = Methods[MethodOf<O>]
/** @internal */
export type Success<O extends Operation> = ReturnType<Method<O>> extends Effect.Effect<infer A, infer _E> ? A : never
/** @internal */
export type Failure<O extends Operation> = ReturnType<Method<O>> extends Effect.Effect<infer _A, infer E> ? E : never

/** How the store answers one operation, and what the journal keeps of a call. @internal */
export interface Handler<O extends Operation> {
  readonly method: MethodOf<O>
  readonly run: (
    store: Store.Store,
    now: number,
    ...args: Parameters<Method<O>>
  ) => Either.Either<Success<O>, Failure<O>>
  /** The ids the call returned (or, for a delete, the one it removed). */
  readonly ids: (result: Success<O>, ...args: Parameters<Method<O>>) => ReadonlyArray<string>
  /** The call's arguments as the journal shows them; default `{ options }`, its first argument. */
  readonly args?: (...args: Parameters<Method<O>>) => unknown
}

/**
 * Every operation can fail with the injected faults: a compile-time check (it does not compile otherwise), so the
 * backend built from the table below promises no error a call cannot have.
 *
 * @internal
 */
export const faultsAllowed: { [O in Operation]: FaultError extends Failure<O> ? true : never }[Operation] = true

const withKey = (options: unknown, request: CoreOptions.RequestOptions): unknown =>
  request.idempotencyKey === undefined ? { options } : { options, idempotencyKey: request.idempotencyKey }
const pageIds = (page: { readonly data: ReadonlyArray<{ readonly id: string }> }) => page.data.map((item) => item.id)
const ownId = (item: { readonly id: string }) => [item.id]

/** The operations, keyed by the names the API declaration gives them. @internal */
export const handlers: { readonly [O in Operation]: Handler<O> } = {
  listOrganizations: {
    method: "listOrganizationsPage",
    run: (store, _, o) => Operations.listOrganizations(store, o),
    ids: pageIds
  },
  createOrganization: {
    method: "createOrganization",
    run: (store, now, o, request) => Operations.createOrganization(store, o, request, now),
    ids: ownId,
    args: withKey
  },
  getOrganization: {
    method: "getOrganization",
    run: (store, _, id) => Operations.getOrganization(store, id),
    ids: ownId,
    args: (id) => ({ id })
  },
  getOrganizationByExternalId: {
    method: "getOrganizationByExternalId",
    run: (store, _, externalId) => Operations.getOrganizationByExternalId(store, externalId),
    ids: ownId,
    args: (externalId) => ({ externalId })
  },
  updateOrganization: {
    method: "updateOrganization",
    run: (store, now, o) => Operations.updateOrganization(store, o, now),
    ids: ownId
  },
  deleteOrganization: {
    method: "deleteOrganization",
    run: (store, _, id) => Operations.deleteOrganization(store, id),
    ids: (_, id) => [id],
    args: (id) => ({ id })
  },
  listOrganizationRoles: {
    method: "listOrganizationRoles",
    run: (store, _, o) => Operations.listOrganizationRoles(store, o),
    ids: pageIds
  },
  listOrganizationFeatureFlags: {
    method: "listOrganizationFeatureFlagsPage",
    run: (store, _, o) => Operations.listOrganizationFeatureFlags(store, o),
    ids: pageIds
  },
  listOrganizationApiKeys: {
    method: "listOrganizationApiKeysPage",
    run: (store, _, o) => Operations.listOrganizationApiKeys(store, o),
    ids: pageIds
  },
  createOrganizationApiKey: {
    method: "createOrganizationApiKey",
    run: (store, now, o, request) => Operations.createOrganizationApiKey(store, o, request, now),
    ids: ownId,
    args: withKey
  },
  validateApiKey: {
    method: "validateApiKey",
    run: (store, now, o) => ApiKeyOperations.validateApiKey(store, o, now),
    ids: ({ apiKey }) => apiKey === null ? [] : [apiKey.id],
    // the value never reaches the journal: only whether one was sent
    args: () => ({ options: { value: "<redacted>" } })
  },
  deleteApiKey: {
    method: "deleteApiKey",
    run: (store, _, id) => ApiKeyOperations.deleteApiKey(store, id),
    ids: (_, id) => [id],
    args: (id) => ({ id })
  },
  expireApiKey: {
    method: "expireApiKey",
    run: (store, now, o) => ApiKeyOperations.expireApiKey(store, o, now),
    ids: ownId
  },
  createOrganizationDomain: {
    method: "createOrganizationDomain",
    run: (store, now, o, request) => Domains.createOrganizationDomain(store, o, request, now),
    ids: ownId,
    args: withKey
  },
  getOrganizationDomain: {
    method: "getOrganizationDomain",
    run: (store, _, id) => Domains.getOrganizationDomain(store, id),
    ids: ownId,
    args: (id) => ({ id })
  },
  verifyOrganizationDomain: {
    method: "verifyOrganizationDomain",
    run: (store, now, id) => Domains.verifyOrganizationDomain(store, id, now),
    ids: ownId,
    args: (id) => ({ id })
  },
  deleteOrganizationDomain: {
    method: "deleteOrganizationDomain",
    run: (store, _, id) => Domains.deleteOrganizationDomain(store, id),
    ids: (_, id) => [id],
    args: (id) => ({ id })
  }
}
