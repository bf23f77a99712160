// `NodeClient` is left out on purpose: it loads @effect/platform-node. Import `@effect-workos/http/NodeClient`.

/**
 * @since 0.1.0
 */
export * as OrganizationsHttp from "./OrganizationsHttp.js"

/**
 * @since 0.1.0
 */
export * as WorkOSClient from "./WorkOSClient.js"
