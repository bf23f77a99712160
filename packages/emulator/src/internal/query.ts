/**
 * List query strings (WIRE.md §6), read with core's `Options.fromQuery` (the inverse of the live client's
 * `toQuery`). Unknown keys are rejected as the real API does (NestJS whitelist: 400 with `message` an array),
 * repeated single-valued keys and type errors are 422s.
 */
import { Options, WorkOSError } from "@effect-workos/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Validation from "./validation.js"

/** @internal */
export const PAGINATION_KEYS = ["before", "after", "limit", "order"] as const

/** @internal */
export const LIST_ORGANIZATIONS_KEYS = [...PAGINATION_KEYS, "domains", "search"] as const

const clip = (key: string): string => key.length > 100 ? `${key.slice(0, 100)}…` : key

/**
 * Reads `search` (the raw query string without `?`) with the given keys, adds `extra` (path parameters) and
 * decodes the result with `schema`.
 *
 * @internal
 */
export const decode = <A, I>(
  schema: Schema.Schema<A, I>,
  keys: ReadonlyArray<string>,
  search: string,
  extra: Record<string, unknown> = {}
): Either.Either<A, WorkOSError.BadRequest | WorkOSError.ValidationFailed> => {
  const { input, repeatedKeys, unknownKeys } = Options.fromQuery(search, keys)
  if (unknownKeys.length > 0) {
    return Either.left(
      new WorkOSError.BadRequest({
        status: 400,
        detail: "Bad Request",
        messages: unknownKeys.slice(0, 20).map((k) => `property ${clip(k)} should not exist`)
      })
    )
  }
  if (repeatedKeys.length > 0) {
    return Either.left(
      Validation.failed(repeatedKeys.map((k) => Validation.issue(k, `${k}_invalid`, `${k} must be given once`)))
    )
  }
  return Either.mapLeft(
    Schema.decodeUnknownEither(schema, { errors: "all" })({ ...input, ...extra }),
    Validation.fromParseError
  )
}
