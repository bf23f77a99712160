/**
 * One rule, one message: `limit`, `order` and the organization name are core's schemas (`Options.Limit`,
 * `Options.Order`, `Options.OrganizationName`). The client's `InvalidRequest` (checked before sending) and the
 * fake's 422 (checked again by the server side) name the same field and say the same thing about it; the
 * emulator's 422 is pinned to the same text in `packages/emulator/test/rules.test.ts`.
 */
import * as Options from "@effect-workos/core/Options"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"

const memory = Effect.orDie(OrganizationsMemory.makeMemory())

const failure = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) => Effect.flip(effect)

const onlyIssue = (error: { readonly _tag: string }): WorkOSError.ValidationIssue => {
  assert.strictEqual(error._tag, "ValidationFailed")
  const { errors } = error as WorkOSError.ValidationFailed
  assert.strictEqual(errors.length, 1)
  return errors[0]!
}

describe("the client and the fake state a list rule once", () => {
  const violations = [
    { field: "limit", options: { limit: 0 }, says: "must be an integer from 1 to 100" },
    { field: "limit", options: { limit: 2.5 }, says: "must be an integer from 1 to 100" },
    { field: "limit", options: { limit: 101 }, says: "must be an integer from 1 to 100" },
    { field: "order", options: { order: "up" as never }, says: `Expected "asc" | "desc" | "normal", actual "up"` }
  ] as const

  for (const { field, options, says } of violations) {
    it.effect(`${field} ${JSON.stringify(options)}: InvalidRequest and the 422 give the same message`, () =>
      Effect.gen(function*() {
        const { backend, organizations } = yield* memory
        const local = yield* failure(organizations.listOrganizationsPage(options))
        assert.strictEqual(local._tag, "InvalidRequest")
        const { detail, field: localField } = local as WorkOSError.InvalidRequest
        assert.strictEqual(localField, field)
        assert.strictEqual(detail, says)

        const issue = onlyIssue(yield* failure(backend.listOrganizationsPage(options)))
        assert.strictEqual(issue.field, field)
        assert.strictEqual(issue.code, `${field}_invalid`)
        assert.strictEqual(issue.message, `${field}: ${detail}`)
      }))
  }
})

describe("the organization name is the schema's rule", () => {
  it.effect("a blank name is answered as a missing one, through the client and by the backend", () =>
    Effect.gen(function*() {
      const { backend, organizations } = yield* memory
      // what the emulator answers for a body without `name`: core's formatter over the same schema
      const decoded = Schema.decodeUnknownEither(Schema.Struct({ name: Options.OrganizationName }))({})
      if (Either.isRight(decoded)) return assert.fail("a body without a name decoded")
      const missing = onlyIssue(WorkOSError.ValidationFailed.fromParseError(decoded.left))
      assert.deepStrictEqual({ ...missing }, { code: "name_required", field: "name", message: "name is required" })
      for (const name of ["", "  ", "\t\n"]) {
        const viaClient = onlyIssue(yield* failure(organizations.createOrganization({ name })))
        const viaBackend = onlyIssue(yield* failure(backend.createOrganization({ name }, {})))
        assert.deepStrictEqual(viaClient, missing)
        assert.deepStrictEqual(viaBackend, missing)
      }
      // a name that is not blank passes
      assert.strictEqual((yield* organizations.createOrganization({ name: " Acme " })).name, " Acme ")
    }))
})
