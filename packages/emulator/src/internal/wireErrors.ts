/**
 * A request the declaration's schemas do not decode, answered as WorkOS does. The handlers read bodies and queries
 * with WorkOS's rules themselves; what can still fail the declaration's own decoding is a list query (a repeated
 * or malformed parameter) and a path parameter WorkOS refuses (`.`, `..`): the query is read again with WorkOS's
 * rules for its exact 400 or 422, anything else is a 422 naming the fields.
 */
import { Options, type WorkOSError } from "@effect-workos/core"
import type { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import * as Either from "effect/Either"
import type * as Exchange from "./exchange.js"
import * as Query from "./query.js"
import * as Validation from "./validation.js"

const readQuery = (
  operation: string | undefined,
  search: string
): Either.Either<unknown, WorkOSError.BadRequest | WorkOSError.ValidationFailed> | undefined => {
  switch (operation) {
    case "listOrganizations":
      return Query.decode(Options.ListOrganizationsOptions, Query.LIST_ORGANIZATIONS_KEYS, search)
    case "listOrganizationFeatureFlags":
    case "listOrganizationApiKeys":
      return Query.decode(Options.PaginationOptions, Query.PAGINATION_KEYS, search)
    default:
      return undefined
  }
}

/** @internal */
export const decodeFailure = (
  error: HttpApiDecodeError,
  exchange: Exchange.Exchange
): WorkOSError.BadRequest | WorkOSError.ValidationFailed => {
  const query = readQuery(exchange.operation, exchange.search)
  if (query !== undefined && Either.isLeft(query)) return query.left
  return Validation.failed(error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "request"
    return Validation.issue(field, `${field.split(".")[0]}_invalid`, issue.message)
  }))
}
