/**
 * The `OrganizationDomains` service over HTTP: `HttpApiClient` over the `organizationDomains` group of core's
 * declaration (`WorkOSApi`), sending with the {@link WorkOSClient}'s configured `HttpClient`, as `OrganizationsHttp`
 * does for its group. Built with core's `OrganizationDomains.make`, so inputs are validated (nothing is sent for bad
 * input), every call has its `OrganizationDomains.<operation>` span, and `awaitVerification` polls this layer's
 * `getOrganizationDomain`.
 *
 * The verify is a `POST` with the body `{}`, as the official SDK sends it (WIRE-LIFECYCLE.md §3.6); the create
 * carries an `Idempotency-Key` like the other creates.
 *
 * @since 0.2.0
 */
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as Organizations from "@effect-workos/core/Organizations"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Answers from "./internal/answers.js"
import * as WorkOSClient from "./WorkOSClient.js"

const endpoints = WorkOSApi.OrganizationDomainsGroup.endpoints

/** What the declaration and core say about an operation: its tags, its success and the status it is read as. */
const operation = <Name extends keyof typeof endpoints & WorkOSApi.Operation>(name: Name) => ({
  errors: Organizations.errorTags[name],
  success: endpoints[name].successSchema,
  successStatus: WorkOSApi.endpoints[name].successStatuses[0]!
})

const operations = {
  createOrganizationDomain: operation("createOrganizationDomain"),
  getOrganizationDomain: operation("getOrganizationDomain"),
  verifyOrganizationDomain: operation("verifyOrganizationDomain"),
  // WorkOS answers 204 with no body; any 2xx is success and the body is ignored
  deleteOrganizationDomain: { ...operation("deleteOrganizationDomain"), anySuccess: { value: undefined } }
}

/** The operation, for a call addressing an entity (what a 404 that names nothing refers to). */
const addressing = <O extends object>(operation: O, resource: string, id: string) => ({
  ...operation,
  subject: { resource, id }
})

/** The resource a 404 of the domain's own endpoints names (the fake's choice; WorkOS's text is not documented). */
const DOMAIN = "Organization Domain"

const idempotency = (idempotencyKey: string | undefined) => idempotencyKey === undefined ? {} : { idempotencyKey }

/**
 * The {@link OrganizationDomains.Backend} over HTTP, sending with the {@link WorkOSClient} in context.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeBackend: Effect.Effect<OrganizationDomains.Backend, never, WorkOSClient.WorkOSClient> = Effect.gen(
  function*() {
    const client = yield* WorkOSClient.WorkOSClient
    const api = yield* HttpApiClient.group(WorkOSApi.WorkOSApi, {
      group: "organizationDomains",
      httpClient: client.httpClient
    })
    const call = Answers.caller(client.redact)
    return {
      createOrganizationDomain: (options, requestOptions) =>
        call(
          // a bare 404 here is about the organization the body names
          addressing(operations.createOrganizationDomain, "Organization", options.organizationId),
          api.createOrganizationDomain({ payload: options, headers: idempotency(requestOptions.idempotencyKey) })
        ),
      getOrganizationDomain: (id) =>
        call(addressing(operations.getOrganizationDomain, DOMAIN, id), api.getOrganizationDomain({ path: { id } })),
      verifyOrganizationDomain: (id) =>
        call(
          addressing(operations.verifyOrganizationDomain, DOMAIN, id),
          api.verifyOrganizationDomain({ path: { id }, payload: {} })
        ),
      deleteOrganizationDomain: (id) =>
        call(
          addressing(operations.deleteOrganizationDomain, DOMAIN, id),
          Effect.asVoid(api.deleteOrganizationDomain({ path: { id } }))
        )
    }
  }
)

/**
 * The service, sending with the {@link WorkOSClient} in context.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<OrganizationDomains.Service, never, WorkOSClient.WorkOSClient> = Effect.map(
  makeBackend,
  OrganizationDomains.make
)

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<OrganizationDomains.OrganizationDomains, never, WorkOSClient.WorkOSClient> = Layer
  .effect(OrganizationDomains.OrganizationDomains, make)

/**
 * The one-liner for apps: `OrganizationDomains` over a {@link WorkOSClient} configured from the environment
 * (`WORKOS_API_KEY` required; see `WorkOSClient.config`), sending with the platform's fetch client. A missing or
 * invalid variable fails layer construction with a `ConfigError` naming it.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<OrganizationDomains.OrganizationDomains, ConfigError.ConfigError> = layer.pipe(
  Layer.provide(WorkOSClient.layerFromEnvFetch)
)
