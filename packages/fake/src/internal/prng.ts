/**
 * A tiny seedable generator (splitmix32). Its whole state is one 32-bit number, so it can be written into a
 * snapshot and restored exactly; the environment draws its initial state from Effect's `Random` (seeded with the
 * environment's `seed` option), so all the fake's randomness still comes from `Random`.
 *
 * @internal
 */

/** @internal */
export class Prng {
  constructor(public state: number) {
    this.state = state >>> 0
  }

  /** The next unsigned 32-bit value. */
  nextU32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0
    let z = this.state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextU32() / 0x1_0000_0000
  }

  /** An integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n)
  }

  /** `length` characters drawn from `alphabet`. */
  nextString(alphabet: string, length: number): string {
    let out = ""
    for (let i = 0; i < length; i++) out += alphabet[this.nextInt(alphabet.length)]
    return out
  }
}

/** @internal */
export const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** @internal */
export const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789"
