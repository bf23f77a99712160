/**
 * ULIDs (https://github.com/ulid/spec): 10 Crockford base32 characters of millisecond time, then 16 of randomness.
 * WorkOS ids are a type prefix plus a ULID (`org_01EHWNCE74X7JSDV0X3SZ3KJNY`).
 *
 * @internal
 */
import type { Prng } from "./prng.js"

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const ULID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/
const TWO_40 = 2 ** 40
const MAX_TIME = 2 ** 48 - 1

/** @internal */
export const isUlid = (s: string): boolean => ULID_RE.test(s)

const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0))
const chars: Array<number> = new Array(26).fill(0)

/** Writes `length` base32 digits of `n` into `chars` ending before `end`. */
const digits = (n: number, end: number, length: number): void => {
  for (let i = end - 1; i >= end - length; i--) {
    chars[i] = CODES[n % 32]!
    n = Math.floor(n / 32)
  }
}

/** One ULID string from its time and its two 40-bit random halves, built without intermediate strings. */
const format = (time: number, hi: number, lo: number): string => {
  digits(time, 10, 10)
  digits(hi, 18, 8)
  digits(lo, 26, 8)
  return String.fromCharCode.apply(null, chars)
}

/** The millisecond time of a well-formed ULID. @internal */
export const decodeTime = (ulid: string): number => {
  let n = 0
  for (let i = 0; i < 10; i++) n = n * 32 + ALPHABET.indexOf(ulid[i]!)
  return n
}

/**
 * The monotonic generator state: the time of the last id and its 80 random bits as two 40-bit halves.
 *
 * @internal
 */
export interface GeneratorState {
  lastTime: number
  hi: number
  lo: number
}

const fresh40 = (prng: Prng): number => (prng.nextU32() & 0xff) * 0x1_0000_0000 + prng.nextU32()

/**
 * The next id: a later millisecond gets fresh randomness; the same (or an earlier) millisecond reuses the last
 * time and increments the randomness, so ids from one generator strictly increase.
 *
 * @internal
 */
export const next = (state: GeneratorState, now: number, prng: Prng): string => {
  const time = Math.min(Math.max(0, Math.floor(now)), MAX_TIME)
  if (time > state.lastTime) {
    state.lastTime = time
    state.hi = fresh40(prng)
    state.lo = fresh40(prng)
  } else {
    state.lo += 1
    if (state.lo === TWO_40) {
      state.lo = 0
      state.hi += 1
      if (state.hi === TWO_40) {
        state.lastTime += 1
        state.hi = fresh40(prng)
        state.lo = fresh40(prng)
      }
    }
  }
  return format(state.lastTime, state.hi, state.lo)
}

/**
 * A ULID for an explicit time that does not touch the generator's sequence (seeded fixtures with their own
 * `createdAt`).
 *
 * @internal
 */
export const at = (millis: number, prng: Prng): string =>
  format(Math.min(Math.max(0, Math.floor(millis)), MAX_TIME), fresh40(prng), fresh40(prng))

/**
 * The ULID of `id` when it is `prefix` followed by a well-formed ULID (letters in either case), upper-cased;
 * otherwise `undefined`.
 *
 * @internal
 */
export const parseId = (prefix: string, id: string): string | undefined => {
  if (!id.startsWith(prefix)) return undefined
  const ulid = id.slice(prefix.length).toUpperCase()
  return isUlid(ulid) ? ulid : undefined
}
