/**
 * The invariants of an environment's state, checked against what it already holds: unique external ids and Stripe
 * customer ids, no domain held twice in a conflicting state, references to organizations that exist. The
 * operations (`operations.ts`) and seeding (`seeding.ts`) both check through these functions, so a seeded state and
 * a created one obey the same rules and fail with the same errors (core's, with WorkOS's texts); seeding only adds
 * the path of the fixture.
 *
 * @internal
 */
import type * as Organization from "@effect-workos/core/Organization"
import type {
  DomainConflict,
  ExternalIdAlreadyUsed,
  InvalidMetadata,
  NotFound,
  StripeCustomerIdAlreadyUsed,
  ValidationFailed
} from "@effect-workos/core/WorkOSError"
import * as Either from "effect/Either"
import type { Settings } from "../FakeWorkOS.js"
import * as Rules from "./rules.js"

/** Who holds a unique value already: the store, or the store plus a batch being seeded. @internal */
export interface Holders {
  readonly hasOrganization: (id: string) => boolean
  readonly externalIdHolder: (externalId: string) => string | undefined
  readonly stripeCustomerIdHolder: (stripeCustomerId: string) => string | undefined
  readonly domainHolders: (
    domain: string
  ) => Iterable<{ readonly organizationId: string; readonly state: Organization.AnyDomainState }>
}

const unit = Either.void

/** The one check combinator: `error` unless `ok`. @internal */
export const check = <E>(ok: boolean, error: () => E): Either.Either<void, E> => ok ? unit : Either.left(error())

/** The organization exists (404 `NotFound` otherwise). @internal */
export const organizationExists = (holders: Holders, id: string): Either.Either<void, NotFound> =>
  check(holders.hasOrganization(id), () => Rules.organizationNotFound(id))

/** A unique value held by no organization but `self`. */
const unique = <E>(holder: string | undefined, self: string | undefined, error: () => E): Either.Either<void, E> =>
  check(holder === undefined || holder === self, error)

/** No organization but `self` has the external id. @internal */
export const externalIdAvailable = (
  holders: Holders,
  externalId: string,
  self: string | undefined
): Either.Either<void, ExternalIdAlreadyUsed> =>
  unique(holders.externalIdHolder(externalId), self, () => Rules.externalIdAlreadyUsed(externalId))

/** No organization but `self` has the Stripe customer id. @internal */
export const stripeCustomerIdAvailable = (
  holders: Holders,
  stripeCustomerId: string,
  self: string | undefined
): Either.Either<void, StripeCustomerIdAlreadyUsed> =>
  unique(
    holders.stripeCustomerIdHolder(stripeCustomerId),
    self,
    () => Rules.stripeCustomerIdAlreadyUsed(stripeCustomerId)
  )

/**
 * No organization but `self` holds one of the (lower-cased) domains in a conflicting state (WIRE.md §13 #9).
 *
 * @internal
 */
export const domainsAvailable = (
  settings: Settings,
  holders: Holders,
  domains: ReadonlyArray<string>,
  self: string | undefined
): Either.Either<void, DomainConflict> => {
  const conflict = Rules.findDomainConflict(settings, domains, (domain) => holders.domainHolders(domain), self)
  return conflict === undefined ? unit : Either.left(Rules.domainConflict(conflict))
}

/** `name` is not blank (`Options.OrganizationName`). @internal */
export const organizationName: (name: string) => Either.Either<string, ValidationFailed> = Rules.checkName

/** `external_id`'s format under the settings. @internal */
export const externalIdFormat: (settings: Settings, externalId: string) => Either.Either<string, ValidationFailed> =
  Rules.checkExternalId

/** `metadata`'s limits under the settings. @internal */
export const metadataLimits: (
  settings: Settings,
  metadata: Readonly<Record<string, string>>
) => Either.Either<Readonly<Record<string, string>>, InvalidMetadata> = Rules.checkMetadata

/** An API key's `name` is not blank. @internal */
export const apiKeyName: (name: string) => Either.Either<string, ValidationFailed> = Rules.checkApiKeyName

/**
 * What a failed invariant says, without the status or the request: a 422's first issue (its message, else its
 * field and code), a 404's message, else the error's detail.
 *
 * @internal
 */
export const describe = (
  error:
    | ValidationFailed
    | InvalidMetadata
    | ExternalIdAlreadyUsed
    | StripeCustomerIdAlreadyUsed
    | DomainConflict
    | NotFound
): string => {
  switch (error._tag) {
    case "ValidationFailed": {
      // every 422 an invariant gives names one issue
      const issue = error.errors[0]!
      return issue.message ?? `${issue.field} is ${issue.code}`
    }
    case "NotFound":
      return error.message
    default:
      return error.detail
  }
}
