/**
 * Token buckets on `Clock` time (WIRE.md §10): `limit` tokens, refilled continuously at `limit` per `window`.
 */

/** @internal */
export interface Bucket {
  readonly limit: number
  readonly windowMillis: number
  tokens: number
  at: number
}

/** @internal */
export const make = (limit: number, windowMillis: number, now: number): Bucket => ({
  limit,
  windowMillis,
  tokens: limit,
  at: now
})

const refill = (bucket: Bucket, now: number): void => {
  if (now > bucket.at) {
    bucket.tokens = Math.min(bucket.limit, bucket.tokens + ((now - bucket.at) * bucket.limit) / bucket.windowMillis)
  }
  bucket.at = Math.max(bucket.at, now)
}

/**
 * Whether `bucket` has a whole token at `now`; the milliseconds until it will have one when not.
 *
 * @internal
 */
export const check = (bucket: Bucket, now: number): number => {
  refill(bucket, now)
  if (bucket.tokens >= 1) return 0
  return Math.ceil(((1 - bucket.tokens) * bucket.windowMillis) / bucket.limit)
}

/**
 * Takes one token. Call only after {@link check} answered 0 for every bucket the request needs, so that a
 * rejected request costs nothing.
 *
 * @internal
 */
export const take = (bucket: Bucket): void => {
  bucket.tokens -= 1
}
