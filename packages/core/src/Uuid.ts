/**
 * Version-4 UUIDs drawn from the `Random` service (seedable, unlike `crypto.randomUUID`): the live client's
 * Idempotency-Keys and the emulator's request ids.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"

/** 13 hex digits (52 bits) of a draw in [0, 1) (`Random.next` carries 53 bits). */
const hex13 = (n: number): string => Math.floor(n * 0x10000000000000).toString(16).padStart(13, "0")

const format = (a: number, b: number, c: number): string => {
  const hex = hex13(a) + hex13(b) + hex13(c)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${
    hex.slice(20, 32)
  }`
}

/**
 * A random (version 4, variant 1) UUID, lower-case hex: three draws of `Random` (the emulator draws one for every
 * request, so this stays cheap: three effects, not sixteen).
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<string> = Effect.randomWith((random) =>
  Effect.flatMap(
    random.next,
    (a) => Effect.flatMap(random.next, (b) => Effect.map(random.next, (c) => format(a, b, c)))
  )
)
