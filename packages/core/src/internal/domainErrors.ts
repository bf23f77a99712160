/**
 * The errors of the organization domain endpoints (WIRE-LIFECYCLE.md §3.1, §3.4, §7 #13): the domain is already on
 * the organization (or verified by another one), it is already verified, or it is a consumer domain WorkOS does not
 * allow.
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { ValidationIssue } from "./inputErrors.js"
import { DomainConflictMessage, DomainNotAllowedMessage } from "./messages.js"
import { coded, messageField, requestId, TypeId, type Wire, wire, withRequestId } from "./wire.js"

const DomainAlreadyExistsCode = "domain_already_exists"

/**
 * 409 `domain_already_exists`: `POST /organization_domains` for a domain the organization already has, or (the
 * fake's choice, WIRE-LIFECYCLE.md §7 #13) one another organization has verified.
 *
 * @since 0.2.0
 * @category errors
 */
export class DomainAlreadyExists extends Schema.TaggedError<DomainAlreadyExists>(
  "@effect-workos/core/WorkOSError/DomainAlreadyExists"
)("DomainAlreadyExists", {
  /** The domain, when WorkOS's message names it (its text for the organization's own domain does not). */
  domain: Schema.optional(Schema.String),
  /** WorkOS's own text. */
  detail: Schema.String,
  requestId
}) {
  /** @since 0.2.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.2.0 */
  readonly code = DomainAlreadyExistsCode
  /** @since 0.2.0 */
  override get message(): string {
    const domain = this.domain === undefined ? "the domain" : `'${this.domain}'`
    return withRequestId(
      `${this.code}: ${domain} is already held (by this organization, or verified by another). WorkOS said: ` +
        this.detail,
      this.requestId
    )
  }

  /**
   * 409 `{"code":"domain_already_exists","message":"Domain already exists for this organization."}`: told from the
   * organizations' 409 (`DomainConflict`, which has no `code`) by its code.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<DomainAlreadyExists> = wire(DomainAlreadyExists, {
    status: 409,
    body: { code: Schema.Literal(DomainAlreadyExistsCode), ...messageField },
    decode: ({ fields, message }) =>
      fields.code === DomainAlreadyExistsCode
        ? Either.right({
          ...Option.match(Schema.decodeUnknownOption(DomainConflictMessage)(message), {
            onNone: () => ({}),
            onSome: (domain) => ({ domain })
          }),
          detail: message
        })
        : Either.left(`a 409 whose code is not ${DomainAlreadyExistsCode}`),
    encode: (error) => ({ body: { code: DomainAlreadyExistsCode, message: error.detail } })
  })

  /**
   * The answer WorkOS documents when the organization already has the domain, in its words (S l.9343).
   *
   * @since 0.2.0
   */
  static inThisOrganization(): DomainAlreadyExists {
    return new DomainAlreadyExists({ detail: "Domain already exists for this organization." })
  }

  /**
   * The answer for a domain another organization has verified: the code of the endpoint's 409, the text of the
   * organizations' conflict (WIRE-LIFECYCLE.md §3.4, §7 #13), which names the domain.
   *
   * @since 0.2.0
   */
  static verifiedElsewhere(domain: string): DomainAlreadyExists {
    return new DomainAlreadyExists({ domain, detail: Schema.encodeSync(DomainConflictMessage)(domain) })
  }
}

const DomainAlreadyVerifiedCode = "domain_already_verified"

/**
 * 400 `domain_already_verified`: `POST /organization_domains/{id}/verify` on a domain that is already verified.
 *
 * @since 0.2.0
 * @category errors
 */
export class DomainAlreadyVerified extends Schema.TaggedError<DomainAlreadyVerified>(
  "@effect-workos/core/WorkOSError/DomainAlreadyVerified"
)("DomainAlreadyVerified", {
  /** WorkOS's own text. */
  detail: Schema.String,
  requestId
}) {
  /** @since 0.2.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.2.0 */
  readonly code = DomainAlreadyVerifiedCode
  /** @since 0.2.0 */
  override get message(): string {
    return withRequestId(
      `${this.code}: the domain is already verified; there is nothing to verify. WorkOS said: ${this.detail}`,
      this.requestId
    )
  }

  /**
   * 400 `{"code":"domain_already_verified","message":"Domain is already verified."}` (S l.9507). The official SDK
   * surfaces it as a `GenericServerException` (the body has no `errors`).
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<DomainAlreadyVerified> = wire(DomainAlreadyVerified, coded(DomainAlreadyVerifiedCode))

  /**
   * The answer WorkOS gives, in its words.
   *
   * @since 0.2.0
   */
  static standard(): DomainAlreadyVerified {
    return new DomainAlreadyVerified({ detail: "Domain is already verified." })
  }
}

const DomainNotAllowedCode = "domain_not_allowed"

const isNotAllowed = (u: unknown): u is { readonly code: string; readonly message?: unknown } =>
  Predicate.isRecord(u) && u.code === DomainNotAllowedCode

/**
 * 422 with an `errors[]` entry coded `domain_not_allowed`: a consumer domain (such as `gmail.com`), which WorkOS
 * does not allow on an organization. The status and body are the fake's choice (WIRE-LIFECYCLE.md §7 #13: WorkOS
 * documents the rule, not the answer).
 *
 * @since 0.2.0
 * @category errors
 */
export class DomainNotAllowed extends Schema.TaggedError<DomainNotAllowed>(
  "@effect-workos/core/WorkOSError/DomainNotAllowed"
)("DomainNotAllowed", {
  /** The domain, when the issue's message names it. */
  domain: Schema.optional(Schema.String),
  /** WorkOS's top-level text (`Validation failed`). */
  detail: Schema.String,
  /** The `domain_not_allowed` issue's own text. */
  reason: Schema.String,
  requestId
}) {
  /** @since 0.2.0 */
  readonly [TypeId]: TypeId = TypeId
  /** @since 0.2.0 */
  readonly code = DomainNotAllowedCode
  /** @since 0.2.0 */
  override get message(): string {
    return withRequestId(`${this.code}: ${this.reason}`, this.requestId)
  }

  /**
   * 422 `{"code":"invalid_request_parameters","message":"Validation failed","errors":[{"code":"domain_not_allowed",
   * "message":"…"}]}`: a 422 with such an entry is this class, any other 422 a `ValidationFailed`.
   *
   * @since 0.2.0
   */
  static readonly wire: Wire<DomainNotAllowed> = wire(DomainNotAllowed, {
    status: 422,
    body: {
      ...messageField,
      code: Schema.optional(Schema.String),
      errors: Schema.Array(Schema.Struct(ValidationIssue.fields))
    },
    decode: ({ fields, message }) => {
      const issue = Array.isArray(fields.errors) ? fields.errors.find(isNotAllowed) : undefined
      if (issue === undefined) return Either.left(`a 422 without a ${DomainNotAllowedCode} issue`)
      const reason = typeof issue.message === "string" ? issue.message : message
      return Either.right({
        ...Option.match(Schema.decodeUnknownOption(DomainNotAllowedMessage)(reason), {
          onNone: () => ({}),
          onSome: (domain) => ({ domain })
        }),
        detail: message,
        reason
      })
    },
    encode: (error) => ({
      body: {
        code: "invalid_request_parameters",
        message: error.detail,
        errors: [{ code: DomainNotAllowedCode, message: error.reason }]
      }
    })
  })

  /**
   * The answer for a consumer domain.
   *
   * @since 0.2.0
   */
  static forDomain(domain: string): DomainNotAllowed {
    return new DomainNotAllowed({
      domain,
      detail: "Validation failed",
      reason: Schema.encodeSync(DomainNotAllowedMessage)(domain)
    })
  }
}
