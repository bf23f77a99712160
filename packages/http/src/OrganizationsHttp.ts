/**
 * The `Organizations` service over HTTP: `HttpApiClient` over core's declaration (`WorkOSApi`), sending with the
 * {@link WorkOSClient}'s configured `HttpClient`. Paths, methods, query, payloads, the `Idempotency-Key` header and
 * the decoding of answers all come from the declaration. Built with core's `Organizations.make`, so inputs are
 * validated (nothing is sent for bad input), every call has its `Organizations.<operation>` span, and the Streams
 * page lazily with a one-page prefetch.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import * as Organizations from "@effect-workos/core/Organizations"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Answers from "./internal/answers.js"
import * as WorkOSClient from "./WorkOSClient.js"

const endpoints = WorkOSApi.OrganizationsGroup.endpoints

/** What the declaration and core say about an operation: its tags, its success and the status it is read as. */
const operation = <Name extends WorkOSApi.Operation & keyof typeof Organizations.errorTags>(name: Name) => ({
  errors: Organizations.errorTags[name],
  success: endpoints[name]!.successSchema,
  successStatus: WorkOSApi.endpoints[name].successStatuses[0]!
})

const operations = {
  listOrganizations: operation("listOrganizations"),
  createOrganization: operation("createOrganization"),
  getOrganization: operation("getOrganization"),
  getOrganizationByExternalId: operation("getOrganizationByExternalId"),
  updateOrganization: operation("updateOrganization"),
  deleteOrganization: { ...operation("deleteOrganization"), anySuccess: { value: undefined } },
  listOrganizationRoles: operation("listOrganizationRoles"),
  listOrganizationFeatureFlags: operation("listOrganizationFeatureFlags"),
  listOrganizationApiKeys: operation("listOrganizationApiKeys"),
  // The full key is returned once; an excerpt of a malformed answer must not show it.
  createOrganizationApiKey: { ...operation("createOrganizationApiKey"), secretFields: ["value"] }
}

/** The operation, for a call addressing an organization (what a 404 that names nothing refers to). */
const addressing = <O extends object>(operation: O, id: string) => ({
  ...operation,
  subject: { resource: "Organization", id }
})

const idempotency = (idempotencyKey: string | undefined) => idempotencyKey === undefined ? {} : { idempotencyKey }

/**
 * The service, sending with the {@link WorkOSClient} in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Organizations.Service, never, WorkOSClient.WorkOSClient> = Effect.gen(function*() {
  const client = yield* WorkOSClient.WorkOSClient
  const api = yield* HttpApiClient.group(WorkOSApi.WorkOSApi, { group: "organizations", httpClient: client.httpClient })
  const call = Answers.caller(client.redact)
  const splitting = Answers.splitting(client.redact)
  // the three lists, each sent by its `*Page` function and walked by its Stream (with a listener for the cursor)
  const listOrganizations = (options: Options.ListOrganizationsOptions, listener?: Answers.Listener) =>
    call({ ...operations.listOrganizations, listener }, api.listOrganizations({ urlParams: options }))
  const listOrganizationFeatureFlags = (
    { organizationId, ...urlParams }: Options.ListOrganizationFeatureFlagsOptions,
    listener?: Answers.Listener
  ) =>
    call(
      { ...addressing(operations.listOrganizationFeatureFlags, organizationId), listener },
      api.listOrganizationFeatureFlags({ path: { organizationId }, urlParams })
    )
  const listOrganizationApiKeys = (
    { organizationId, ...urlParams }: Options.ListOrganizationApiKeysOptions,
    listener?: Answers.Listener
  ) =>
    call(
      { ...addressing(operations.listOrganizationApiKeys, organizationId), listener },
      api.listOrganizationApiKeys({ path: { organizationId }, urlParams })
    )
  const backend: Organizations.Backend = {
    listOrganizationsPage: (options) => listOrganizations(options),

    createOrganization: (options, requestOptions) =>
      call(
        operations.createOrganization,
        api.createOrganization({ payload: options, headers: idempotency(requestOptions.idempotencyKey) })
      ),

    getOrganization: (id) => call(addressing(operations.getOrganization, id), api.getOrganization({ path: { id } })),

    getOrganizationByExternalId: (externalId) =>
      call(
        addressing(operations.getOrganizationByExternalId, externalId),
        api.getOrganizationByExternalId({ path: { external_id: externalId } })
      ),

    updateOrganization: ({ organization: id, ...payload }) =>
      // the id is the path; the body holds only the keys the caller gave (`null` clears)
      call(addressing(operations.updateOrganization, id), api.updateOrganization({ path: { id }, payload })),

    deleteOrganization: (id) =>
      // WorkOS answers 202 text/plain `Accepted`; any 2xx is success and the body is ignored
      call(addressing(operations.deleteOrganization, id), Effect.asVoid(api.deleteOrganization({ path: { id } }))),

    listOrganizationRoles: ({ organizationId }) =>
      call(
        addressing(operations.listOrganizationRoles, organizationId),
        api.listOrganizationRoles({ path: { organizationId } })
      ),

    listOrganizationFeatureFlagsPage: (options) => listOrganizationFeatureFlags(options),

    listOrganizationApiKeysPage: (options) => listOrganizationApiKeys(options),

    createOrganizationApiKey: ({ organizationId, ...payload }, requestOptions) =>
      call(
        addressing(operations.createOrganizationApiKey, organizationId),
        api.createOrganizationApiKey({
          path: { organizationId },
          payload,
          headers: idempotency(requestOptions.idempotencyKey)
        })
      )
  }
  return Organizations.make({
    ...backend,
    streamPages: {
      listOrganizations: (options) => splitting((listener) => listOrganizations(options, listener)),
      listOrganizationFeatureFlags: (options) =>
        splitting((listener) => listOrganizationFeatureFlags(options, listener)),
      listOrganizationApiKeys: (options) => splitting((listener) => listOrganizationApiKeys(options, listener))
    }
  })
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Organizations.Organizations, never, WorkOSClient.WorkOSClient> = Layer.effect(
  Organizations.Organizations,
  make
)

/**
 * The one-liner for apps: `Organizations` over a {@link WorkOSClient} configured from the environment
 * (`WORKOS_API_KEY` required; see `WorkOSClient.config`), sending with the platform's fetch client. A missing or
 * invalid variable fails layer construction with a `ConfigError` naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<Organizations.Organizations, ConfigError.ConfigError> = layer.pipe(
  Layer.provide(WorkOSClient.layerFromEnvFetch)
)
