/**
 * WorkOS's rate limits per API key (WIRE.md §10): the defaults of the live client's limiter and of the emulator's.
 *
 * @since 0.2.0
 */
import * as Duration from "effect/Duration"

/**
 * Requests per {@link window}, any method.
 *
 * @since 0.2.0
 * @category constants
 */
export const requests = 6_000

/**
 * `DELETE /organizations/{id}` per {@link window}, on top of {@link requests}.
 *
 * @since 0.2.0
 * @category constants
 */
export const deletes = 50

/**
 * The window both limits count in.
 *
 * @since 0.2.0
 * @category constants
 */
export const window: Duration.Duration = Duration.seconds(60)
