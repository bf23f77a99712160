/**
 * Version-4 UUIDs drawn from the `Random` service (seedable, unlike `crypto.randomUUID`): the live client's
 * Idempotency-Keys and the emulator's request ids.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

/**
 * A random (version 4, variant 1) UUID, lower-case hex.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<string> = Effect.gen(function*() {
  const bytes: Array<number> = []
  for (let i = 0; i < 16; i++) bytes.push(yield* Random.nextIntBetween(0, 256))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
})
