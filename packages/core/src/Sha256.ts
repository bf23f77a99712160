/**
 * SHA-256 (FIPS 180-4), synchronous and in plain JavaScript: the digest `ApiKeyAuth` caches a key under and the one
 * the fake stores an API key's value as. Web Crypto's `subtle.digest` is asynchronous (on Node, a thread-pool round
 * trip per call), which would dominate a request whose verdict is already cached and split the fake's synchronous
 * operations; `node:crypto` would tie core and the fake to Node.
 *
 * @since 0.2.0
 */

/** The first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K = new Uint32Array(64)
/** The first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0 = new Uint32Array(8)

const fractionBits = (x: number): number => Math.floor((x - Math.floor(x)) * 2 ** 32) >>> 0

{
  const primes: Array<number> = []
  for (let n = 2; primes.length < 64; n++) {
    if (primes.every((p) => n % p !== 0)) primes.push(n)
  }
  primes.forEach((p, i) => {
    K[i] = fractionBits(Math.cbrt(p))
    if (i < 8) H0[i] = fractionBits(Math.sqrt(p))
  })
}

const encoder = new TextEncoder()
const W = new Uint32Array(64)

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))

/**
 * The lower-case hex SHA-256 of `text`'s UTF-8 bytes.
 *
 * @example
 * import { sha256Hex } from "@effect-workos/core/Sha256"
 *
 * console.log(sha256Hex("abc")) // "ba7816bf…f20015ad"
 *
 * @since 0.2.0
 * @category digests
 */
export const sha256Hex = (text: string): string => {
  const bytes = encoder.encode(text)
  const length = bytes.length
  // message, 0x80, zeros, 64-bit big-endian bit length: a multiple of 64 bytes
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64)
  padded.set(bytes)
  padded[length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(length / 2 ** 29))
  view.setUint32(padded.length - 4, (length * 8) >>> 0)

  const h = Uint32Array.from(H0)
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let t = 0; t < 16; t++) W[t] = view.getUint32(offset + t * 4)
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15]!
      const w2 = W[t - 2]!
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) >>> 0
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!
    for (let t = 0; t < 64; t++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) >>> 0
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0
      k = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    h[0] = (h[0]! + a) >>> 0
    h[1] = (h[1]! + b) >>> 0
    h[2] = (h[2]! + c) >>> 0
    h[3] = (h[3]! + d) >>> 0
    h[4] = (h[4]! + e) >>> 0
    h[5] = (h[5]! + f) >>> 0
    h[6] = (h[6]! + g) >>> 0
    h[7] = (h[7]! + k) >>> 0
  }
  let hex = ""
  for (const word of h) hex += word.toString(16).padStart(8, "0")
  return hex
}
