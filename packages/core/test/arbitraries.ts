/**
 * Arbitraries shared by the property tests.
 */
import { Arbitrary, type FastCheck as fc, Predicate } from "effect"
import type { Schema } from "effect"

const hasProtoKey = (u: unknown): boolean => {
  if (Array.isArray(u)) return u.some(hasProtoKey)
  if (!Predicate.isRecord(u)) return false
  return Object.hasOwn(u, "__proto__") || Object.values(u).some(hasProtoKey)
}

/**
 * `Arbitrary.make(schema)` without values holding an own `__proto__` key. Such a key (fast-check generates it for
 * records such as `metadata`) is dropped by `Schema.Record` when it decodes (effect 3.22.4 builds the output by
 * assignment), so it cannot round-trip; it is a known limitation, not what these properties are about.
 */
export const arbitrary = <A, I, R>(schema: Schema.Schema<A, I, R>): fc.Arbitrary<A> =>
  Arbitrary.make(schema).filter((a) => !hasProtoKey(a))
