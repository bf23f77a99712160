/**
 * @since 0.1.0
 */
export * as OrganizationsHttp from "./OrganizationsHttp.js"

/**
 * @since 0.1.0
 */
export * as WorkOSClient from "./WorkOSClient.js"
