/**
 * The error family as one union, and its subsets: the errors an answer carries and the ones a server produces.
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { DomainAlreadyExists, DomainAlreadyVerified, DomainNotAllowed } from "./domainErrors.js"
import { BadRequest, InvalidRequest, ValidationFailed } from "./inputErrors.js"
import {
  ApiKeyAlreadyExpired,
  DomainConflict,
  ExternalIdAlreadyUsed,
  IdempotencyKeyReused,
  InvalidMetadata,
  NotFound,
  StripeCustomerIdAlreadyUsed
} from "./resourceErrors.js"
import {
  Forbidden,
  RateLimited,
  RequestFailed,
  ServerError,
  Unauthorized,
  UnexpectedResponse
} from "./serviceErrors.js"
import { TypeId } from "./wire.js"

/**
 * @since 0.1.0
 * @category guards
 */
export const isWorkOSError = (u: unknown): u is WorkOSError => Predicate.hasProperty(u, TypeId)

/**
 * @since 0.1.0
 * @category models
 */
export type WorkOSError = typeof WorkOSError.Type

/**
 * The errors an HTTP response can carry (everything but the local and transport ones).
 *
 * @since 0.1.0
 * @category models
 */
export type ResponseError = ServerSideError | UnexpectedResponse

/**
 * The errors a server (the real API, the fake, the emulator) produces itself; {@link toResponse} encodes them.
 *
 * @since 0.1.0
 * @category models
 */
export type ServerSideError = typeof ServerSideError.Type

/**
 * The classes a server answers with, each with its {@link Wire}.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ServerSideError = Schema.Union(
  NotFound,
  ExternalIdAlreadyUsed,
  InvalidMetadata,
  StripeCustomerIdAlreadyUsed,
  // before DomainConflict, which takes any 409 body with a message: these only take their code
  ApiKeyAlreadyExpired,
  DomainAlreadyExists,
  DomainConflict,
  DomainAlreadyVerified,
  IdempotencyKeyReused,
  // before ValidationFailed, which takes any 422: this one only takes a 422 with a domain_not_allowed issue
  DomainNotAllowed,
  ValidationFailed,
  BadRequest,
  Unauthorized,
  Forbidden,
  RateLimited,
  ServerError
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const WorkOSError = Schema.Union(...ServerSideError.members, RequestFailed, UnexpectedResponse, InvalidRequest)
