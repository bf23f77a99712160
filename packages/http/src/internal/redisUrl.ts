/**
 * Reading a Redis URL without loading ioredis: the `Config` of `WorkOSClient` checks `WORKOS_RATE_LIMIT_REDIS_URL`
 * with it, and `RateLimitRedis` turns it into ioredis options.
 */
import * as Either from "effect/Either"

/**
 * The environment variable the `layerFromEnv` layers read.
 *
 * @internal
 */
export const URL_VARIABLE = "WORKOS_RATE_LIMIT_REDIS_URL"

/**
 * The environment variable for the policy when the shared store is down (`open` or `closed`).
 *
 * @internal
 */
export const ON_STORE_DOWN_VARIABLE = "WORKOS_RATE_LIMIT_ON_STORE_DOWN"

/**
 * Where a Redis URL points (the part of `RateLimitRedis.ConnectionOptions` it gives). Not marked internal: a public
 * interface extends it, so its declaration must stay in the emitted types.
 */
export interface Address {
  readonly host: string
  readonly port: number
  readonly username?: string
  readonly password?: string
  readonly db?: number
  readonly tls?: {}
}

const scheme = "must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379"

/**
 * The address, credentials and database of `redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS), or
 * what is wrong with it. The problem never quotes the URL, which may hold a password.
 *
 * @internal
 */
export const parse = (raw: string): Either.Either<Address, string> => {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return Either.left(scheme)
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") return Either.left(scheme)
  if (url.hostname === "") return Either.left(`${scheme}; it has no host`)
  const db = url.pathname.replace(/^\//, "")
  if (db !== "" && !/^\d+$/.test(db)) return Either.left("its path must be a database number, such as /0")
  return Either.right({
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port === "" ? 6379 : Number(url.port),
    ...(url.username === "" ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === "" ? {} : { password: decodeURIComponent(url.password) }),
    ...(db === "" ? {} : { db: Number(db) }),
    ...(url.protocol === "rediss:" ? { tls: {} } : {})
  })
}
