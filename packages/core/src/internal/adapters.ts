/**
 * Where one of core's schemas does not fit `HttpApi` (platform 0.97) as it is, a small adapter says why: path
 * parameters percent-encoded as one segment, the list options as the query WorkOS reads, the `Idempotency-Key`
 * header, and the 202 `text/plain` answer of a delete.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Options from "../Options.js"

/**
 * A path parameter: the type side is the id (`Options.PathId`), the encoded side is the id percent-encoded as one
 * URL path segment. `HttpApiClient` (platform 0.97) interpolates the *encoded* path parameters into the URL as they
 * are, so the encoding has to happen here: an external id with `/`, `%`, `?` or a space stays one segment.
 *
 * A server built with `HttpRouter` gets the parameter from find-my-way already percent-decoded, `%2F` kept inside
 * the segment (observed in `packages/core/test/WorkOSApi.test.ts`), so `HttpApiBuilder` would decode it a second
 * time with this schema. A server either declares its path with {@link PathParameterDecoded} (the type side), or
 * keeps this declaration and escapes each `%` of the raw path once more before routing, as the emulator does
 * (`packages/emulator/src/internal/server.ts`), so that the router's decoding gives back the encoded segment.
 * The same tests show the router's other limits the emulator must absorb: `maxParamLength` 100 (raise it with
 * `HttpRouter.withRouterConfig`, an encoded 128-character external id is longer), a malformed escape answered as a
 * not-found route (WorkOS answers 400), and literal segments matched case-insensitively.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PathSegment: Schema.Schema<string> = Schema.transformOrFail(Schema.String, Options.PathId, {
  strict: true,
  decode: (segment, _, ast) =>
    ParseResult.try({
      try: () => decodeURIComponent(segment),
      catch: () => new ParseResult.Type(ast, segment, "a malformed percent-escape in a path segment")
    }),
  encode: (id) => ParseResult.succeed(encodeURIComponent(id))
}).annotations({ identifier: "PathSegment" })

/**
 * The type side of {@link PathSegment}, for servers whose router has already percent-decoded the segment.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PathParameterDecoded: Schema.Schema<string> = Options.PathId

/**
 * The URL parameters of a list request. `HttpApiEndpoint.setUrlParams` needs a schema whose encoded side is a
 * record of strings, but the options schemas encode `limit` as a number and `domains` as an array: this adapter's
 * encoded side is the query WorkOS reads, built by `Options.toQuery` (`domains` comma-joined, `order` always sent)
 * and read back by `Options.fromQuery`, so the rule stays in `Options.ts`.
 */
const urlParams = <A extends Options.PaginationOptions, I>(
  options: Schema.Schema<A, I> & { readonly fields: Schema.Struct.Fields }
) => {
  // the query parameters are the options' own keys, each one string on the wire
  const keys = Object.keys(options.fields)
  const wire = Schema.Struct(Object.fromEntries(keys.map((key) => [key, Schema.optional(Schema.String)])))
  return Schema.transformOrFail(wire, Schema.typeSchema(options), {
    strict: true,
    decode: (query) => {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query)) if (typeof value === "string") params.append(key, value)
      return ParseResult.decodeUnknown(options)(Options.fromQuery(params, keys).input)
    },
    encode: (value) => ParseResult.succeed(Options.toQuery(value))
  })
}

/**
 * `GET /organizations`'s URL parameters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListOrganizationsUrlParams = urlParams(Options.ListOrganizationsOptions)

/**
 * The URL parameters of the paginated organization sub-lists (feature flags, API keys).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PaginationUrlParams = urlParams(Options.PaginationOptions)

/**
 * The `Idempotency-Key` header of the two creates (`Options.RequestOptions`, under its wire name; HTTP header names
 * reach `HttpApi` lower-cased).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IdempotencyHeaders = Schema.Struct({
  idempotencyKey: Options.RequestOptions.fields.idempotencyKey.pipe(Schema.fromKey("idempotency-key"))
})

/**
 * A successful delete: WorkOS answers 202 `text/plain` `Accepted` (WIRE.md §1.4).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Accepted = HttpApiSchema.withEncoding(Schema.Literal("Accepted"), {
  kind: "Text",
  contentType: "text/plain"
}).annotations(HttpApiSchema.annotations({ status: 202 }))
