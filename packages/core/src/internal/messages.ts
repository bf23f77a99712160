/**
 * The texts WorkOS puts structure into (WIRE.md §8.2): how the entity, the conflicting domain and the reused key are
 * carried. A server makes its message by encoding, a client reads the field back by decoding.
 */
import * as Schema from "effect/Schema"

/** `<resource> not found: '<id>'.` */
export const NotFoundMessage = Schema.transform(
  Schema.TemplateLiteralParser(Schema.String, " not found: '", Schema.String, "'", Schema.Literal(".", "")),
  Schema.Struct({ resource: Schema.String, id: Schema.String }),
  {
    strict: true,
    decode: ([resource, , id]) => ({ resource, id }),
    encode: ({ id, resource }) => [resource, " not found: '", id, "'", "."] as const
  }
)

/** `An Organization with the domain <domain> already exists.` */
export const DomainConflictMessage = Schema.transform(
  Schema.TemplateLiteralParser(
    "An Organization with the domain ",
    Schema.String,
    " already exists",
    Schema.Literal(".", "")
  ),
  Schema.String,
  {
    strict: true,
    decode: ([, domain]) => domain,
    encode: (domain) => ["An Organization with the domain ", domain, " already exists", "."] as const
  }
)

/** `Another idempotency key (<key>) with different request parameters was found. …` */
export const IdempotencyMismatchMessage = Schema.transform(
  Schema.TemplateLiteralParser(
    "Another idempotency key (",
    Schema.String,
    ") with different request parameters was found",
    Schema.String
  ),
  Schema.String,
  {
    strict: true,
    decode: ([, key]) => key,
    encode: (key) =>
      [
        "Another idempotency key (",
        key,
        ") with different request parameters was found",
        ". Please use a different idempotency key."
      ] as const
  }
)
