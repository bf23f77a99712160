/**
 * The request ids: random (version 4, variant 1) UUIDs, lower-case hex, from the `Random` service (seedable), as
 * core's `Uuid.make` builds them for the live client's Idempotency-Keys. An id is drawn on every request, so this
 * takes three 52-bit draws where core's takes sixteen bytes one by one (each draw is an effect of its own).
 *
 * @internal
 */
import * as Effect from "effect/Effect"

/** 13 hex digits (52 bits) from a draw in [0, 1). */
const hex13 = (n: number): string => Math.floor(n * 0x10000000000000).toString(16).padStart(13, "0")

const format = (a: number, b: number, c: number): string => {
  const hex = hex13(a) + hex13(b) + hex13(c)
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${
    hex.slice(20, 32)
  }`
}

/** @internal */
export const make: Effect.Effect<string> = Effect.randomWith((random) =>
  Effect.flatMap(
    random.next,
    (a) => Effect.flatMap(random.next, (b) => Effect.map(random.next, (c) => format(a, b, c)))
  )
)
