/**
 * A loopback HTTP server speaking the WorkOS Organizations wire format over the in-memory fake. The CLI is the
 * `effect-workos-emulator` bin.
 *
 * @example
 * ```ts
 * import { Emulator } from "@effect-workos/emulator"
 * import { Console, Effect } from "effect"
 *
 * // serves on a free port for as long as the scope is open
 * const program = Effect.scoped(
 *   Effect.flatMap(Emulator.start(), (address) => Console.log(`emulator at ${address.baseUrl}`))
 * )
 * ```
 *
 * @since 0.1.0
 */
/**
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"
