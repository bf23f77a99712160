/**
 * The live WorkOS Organizations layer over `@effect/platform`'s `HttpClient`. On Node, prefer
 * `@effect-workos/http/NodeClient` (undici); it is not re-exported here so that other runtimes never load
 * `@effect/platform-node`.
 *
 * @example
 * ```ts
 * import { Organizations } from "@effect-workos/core"
 * import { OrganizationsHttp } from "@effect-workos/http"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(Organizations.Organizations, (organizations) =>
 *   organizations.getOrganizationByExternalId("acme-42"))
 *
 * // WORKOS_API_KEY (and optionally WORKOS_BASE_URL, WORKOS_MAX_RETRIES, WORKOS_TIMEOUT) from the environment
 * const live = program.pipe(Effect.provide(OrganizationsHttp.layerFromEnv))
 * ```
 *
 * @since 0.1.0
 */
// `NodeClient` is left out on purpose: it loads @effect/platform-node. Import `@effect-workos/http/NodeClient`.

/**
 * @since 0.2.0
 */
export * as ApiKeysHttp from "./ApiKeysHttp.js"

/**
 * @since 0.2.0
 */
export * as OrganizationDomainsHttp from "./OrganizationDomainsHttp.js"

/**
 * @since 0.1.0
 */
export * as OrganizationsHttp from "./OrganizationsHttp.js"

/**
 * @since 0.1.0
 */
export * as WorkOSClient from "./WorkOSClient.js"
