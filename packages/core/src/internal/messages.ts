/**
 * The texts WorkOS puts structure into (WIRE.md §8.2): how the entity, the conflicting domain and the reused key are
 * carried. A server makes its message by encoding, a client reads the field back by decoding.
 */
import * as Schema from "effect/Schema"

const notFound = " not found: '"

/** `<resource> not found: '<id>'.` */
export const NotFoundMessage = Schema.transform(
  Schema.TemplateLiteralParser(Schema.String, notFound, Schema.String, "'", Schema.Literal(".", "")),
  Schema.Struct({ resource: Schema.String, id: Schema.String }),
  {
    strict: true,
    decode: ([resource, , id]) => ({ resource, id }),
    encode: ({ id, resource }) => [resource, notFound, id, "'", "."] as const
  }
)

const domainHeld = "An Organization with the domain "
const alreadyExists = " already exists"

/** `An Organization with the domain <domain> already exists.` */
export const DomainConflictMessage = Schema.transform(
  Schema.TemplateLiteralParser(domainHeld, Schema.String, alreadyExists, Schema.Literal(".", "")),
  Schema.String,
  {
    strict: true,
    decode: ([, domain]) => domain,
    encode: (domain) => [domainHeld, domain, alreadyExists, "."] as const
  }
)

const anotherKey = "Another idempotency key ("
const differentParameters = ") with different request parameters was found"

/** `Another idempotency key (<key>) with different request parameters was found. …` */
export const IdempotencyMismatchMessage = Schema.transform(
  Schema.TemplateLiteralParser(anotherKey, Schema.String, differentParameters, Schema.String),
  Schema.String,
  {
    strict: true,
    decode: ([, key]) => key,
    encode: (key) => [anotherKey, key, differentParameters, ". Please use a different idempotency key."] as const
  }
)

const consumerDomain = " is a consumer domain and cannot be added to an organization"

/** `<domain> is a consumer domain and cannot be added to an organization.` (the fake's text, WIRE-LIFECYCLE.md §7 #13) */
export const DomainNotAllowedMessage = Schema.transform(
  Schema.TemplateLiteralParser(Schema.String, consumerDomain, Schema.Literal(".", "")),
  Schema.String,
  {
    strict: true,
    decode: ([domain]) => domain,
    encode: (domain) => [domain, consumerDomain, "."] as const
  }
)
