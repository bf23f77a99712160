/**
 * @since 0.1.0
 */
export * as FakeWorkOS from "./FakeWorkOS.js"

/**
 * @since 0.1.0
 */
export * as OrganizationsMemory from "./OrganizationsMemory.js"
