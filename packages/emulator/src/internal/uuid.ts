/**
 * The request ids: core's `Uuid.make` (version-4 UUIDs from the `Random` service, seedable).
 *
 * @internal
 */
export { make } from "@effect-workos/core/Uuid"
