/**
 * The error schemas of the API declaration, derived from the classes' own wire forms: the encoded side is the JSON
 * body the class's wire form names, at the class's status; decoding and encoding go through the class's wire schema,
 * and an answer is a member only when the status table gives it to that class.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { decodeAnswer } from "./errorTable.js"
import type { ServerSideError } from "./family.js"
import { type JsonObject, primaryStatus, type Wire } from "./wire.js"

/**
 * The annotation carrying the `_tag` of the error class a declared error schema decodes to.
 *
 * @since 0.1.0
 * @category annotations
 */
export const ErrorTagAnnotation: unique symbol = Symbol.for("@effect-workos/core/WorkOSApi/ErrorTag")

/**
 * A class's error schema for the declaration. A member only decodes the answers the status table gives its class
 * (the first class at the status whose wire schema decodes the body), so several members can share a status and
 * the order a decoder tries them in does not matter: at 400, `BadRequest` does not take a body another class at 400
 * decodes, even when that class is not declared on the endpoint.
 *
 * Status and body only: `HttpApiClient` decodes errors without the headers, so `X-Request-Id` and `Retry-After`
 * (and, for a bare `{"message":"Not Found"}`, the id the request addressed) need one response transform.
 */
export const declaredError = <E extends ServerSideError, I>(
  errorClass: Schema.Schema<E, I> & { readonly _tag: E["_tag"]; readonly wire: Wire<E> }
): Schema.Schema<E, JsonObject> => {
  const status = primaryStatus(errorClass.wire.status)
  const body = errorClass.wire.body
  const own = Schema.typeSchema(errorClass)
  const isOwn = Schema.is(own)
  return Schema.transformOrFail(body, own, {
    strict: true,
    decode: (fields, _, ast) =>
      Either.match(decodeAnswer({ status, body: fields }), {
        onLeft: (detail) => ParseResult.fail(new ParseResult.Type(ast, fields, detail)),
        onRight: (error) =>
          isOwn(error)
            ? ParseResult.succeed(error)
            : ParseResult.fail(new ParseResult.Type(ast, fields, `a ${status} answer that is not a ${errorClass._tag}`))
      }),
    encode: (error) =>
      ParseResult.flatMap(
        ParseResult.encode(errorClass.wire.schema)(error),
        (answer) => ParseResult.validate(body)(answer.body)
      )
  }).annotations({ [ErrorTagAnnotation]: errorClass._tag, ...HttpApiSchema.annotations({ status }) })
}
