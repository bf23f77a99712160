import * as Effect from "effect/Effect"
import * as Random from "effect/Random"

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0")

/**
 * A version-4 UUID from the `Random` service (seedable, unlike `crypto.randomUUID`).
 *
 * @internal
 */
export const make: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 8 }, () => Random.nextIntBetween(0, 0x10000))),
  ([a, b, c, d, e, f, g, h]) =>
    `${hex(a!, 4)}${hex(b!, 4)}-${hex(c!, 4)}-${hex((d! & 0x0fff) | 0x4000, 4)}-${hex((e! & 0x3fff) | 0x8000, 4)}-` +
    `${hex(f!, 4)}${hex(g!, 4)}${hex(h!, 4)}`
)
