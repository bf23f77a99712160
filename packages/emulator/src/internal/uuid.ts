/**
 * The request ids: core's seedable UUIDs, the same builder as the live client's Idempotency-Keys.
 *
 * @internal
 */
export { make } from "@effect-workos/core/Uuid"
