/**
 * The `Organizations` service over HTTP: each of the ten operations as the WorkOS wire request, sent with
 * {@link WorkOSClient}. Built with core's `Organizations.make`, so inputs are validated (nothing is sent for bad
 * input), every call has its `Organizations.<operation>` span, and the Streams page lazily with a one-page prefetch.
 *
 * @since 0.1.0
 */
import * as ApiKey from "@effect-workos/core/ApiKey"
import * as FeatureFlag from "@effect-workos/core/FeatureFlag"
import * as List from "@effect-workos/core/List"
import * as Options from "@effect-workos/core/Options"
import * as Organization from "@effect-workos/core/Organization"
import * as Organizations from "@effect-workos/core/Organizations"
import * as Role from "@effect-workos/core/Role"
import type * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as WorkOSClient from "./WorkOSClient.js"

const OrganizationList = List.List(Organization.Organization)
const FeatureFlagList = List.List(FeatureFlag.FeatureFlag)
const ApiKeyList = List.List(ApiKey.ApiKey)

const encoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const encode = Schema.encode(schema)
  return (value: A): Effect.Effect<I, WorkOSError.InvalidRequest> =>
    Effect.mapError(encode(value), (error: ParseResult.ParseError) => Options.toInvalidRequest(error))
}

const encodeCreate = encoder(Options.CreateOrganizationOptions)
const encodeUpdate = encoder(Options.UpdateOrganizationOptions)
const encodeCreateApiKey = encoder(Options.CreateOrganizationApiKeyOptions)

const organization = (id: string) => ({ resource: "Organization", id })

// The three list requests, each sent by its `*Page` function and walked by its Stream.
const listOrganizations = (options: Options.ListOrganizationsOptions) => ({
  method: "GET" as const,
  path: ["organizations"],
  query: Options.toQuery(options),
  errors: Organizations.errorTags.listOrganizations
})

// A list under one organization: its feature flags or its API keys.
const underOrganization =
  <Tag extends WorkOSClient.ErrorTag>(segment: string, errors: ReadonlyArray<Tag>) =>
  (options: Options.ListOrganizationFeatureFlagsOptions | Options.ListOrganizationApiKeysOptions) => ({
    method: "GET" as const,
    path: ["organizations", options.organizationId, segment],
    query: Options.toQuery(options),
    subject: organization(options.organizationId),
    errors
  })

const listOrganizationFeatureFlags = underOrganization(
  "feature-flags",
  Organizations.errorTags.listOrganizationFeatureFlags
)

const listOrganizationApiKeys = underOrganization("api_keys", Organizations.errorTags.listOrganizationApiKeys)

/**
 * The service, sending with the {@link WorkOSClient} in context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Organizations.Service, never, WorkOSClient.WorkOSClient> = Effect.map(
  WorkOSClient.WorkOSClient,
  (client): Organizations.Service =>
    Organizations.make({
      listOrganizationsPage: (options) => client.executeJson(listOrganizations(options), OrganizationList),

      createOrganization: (options, requestOptions) =>
        Effect.flatMap(encodeCreate(options), (body) =>
          client.executeJson({
            method: "POST",
            path: ["organizations"],
            body,
            idempotencyKey: requestOptions.idempotencyKey,
            errors: Organizations.errorTags.createOrganization
          }, Organization.Organization)),

      getOrganization: (id) =>
        client.executeJson({
          method: "GET",
          path: ["organizations", id],
          subject: organization(id),
          errors: Organizations.errorTags.getOrganization
        }, Organization.Organization),

      getOrganizationByExternalId: (externalId) =>
        client.executeJson({
          method: "GET",
          path: ["organizations", "external_id", externalId],
          subject: organization(externalId),
          errors: Organizations.errorTags.getOrganizationByExternalId
        }, Organization.Organization),

      updateOrganization: (options) =>
        Effect.flatMap(encodeUpdate(options), ({ organization: id, ...body }) =>
          // The id is the path; the body holds only the keys the caller gave (`null` clears).
          client.executeJson({
            method: "PUT",
            path: ["organizations", id],
            body,
            subject: organization(id),
            errors: Organizations.errorTags.updateOrganization
          }, Organization.Organization)),

      deleteOrganization: (id) =>
        // WorkOS answers 202 text/plain `Accepted`; any 2xx is success and the body is ignored.
        Effect.asVoid(client.execute({
          method: "DELETE",
          path: ["organizations", id],
          subject: organization(id),
          errors: Organizations.errorTags.deleteOrganization
        })),

      listOrganizationRoles: ({ organizationId }) =>
        client.executeJson({
          method: "GET",
          path: ["authorization", "organizations", organizationId, "roles"],
          subject: organization(organizationId),
          errors: Organizations.errorTags.listOrganizationRoles
        }, Role.RoleList),

      listOrganizationFeatureFlagsPage: (options) =>
        client.executeJson(listOrganizationFeatureFlags(options), FeatureFlagList),

      listOrganizationApiKeysPage: (options) => client.executeJson(listOrganizationApiKeys(options), ApiKeyList),

      streamPages: {
        listOrganizations: (options) => client.executeList(listOrganizations(options), OrganizationList),
        listOrganizationFeatureFlags: (options) =>
          client.executeList(listOrganizationFeatureFlags(options), FeatureFlagList),
        listOrganizationApiKeys: (options) => client.executeList(listOrganizationApiKeys(options), ApiKeyList)
      },

      createOrganizationApiKey: (options, requestOptions) =>
        Effect.flatMap(encodeCreateApiKey(options), ({ organizationId: _, ...body }) =>
          client.executeJson({
            method: "POST",
            path: ["organizations", options.organizationId, "api_keys"],
            body,
            idempotencyKey: requestOptions.idempotencyKey,
            subject: organization(options.organizationId),
            errors: Organizations.errorTags.createOrganizationApiKey,
            // The full key is returned once; an excerpt of a malformed answer must not show it.
            secretFields: ["value"]
          }, ApiKey.CreatedApiKey))
    })
)

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
