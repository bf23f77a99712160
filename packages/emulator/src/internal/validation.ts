/**
 * Wire-input validation failures as core's `ValidationFailed` (the newer 422 form,
 * `{"code":"invalid_request_parameters","message":"Validation failed","errors":[{code, message, field}]}`), built
 * by core from Schema parse errors on the *encoded* (snake_case) side, so fields carry their wire names and the
 * fake says the same for the same rule.
 */
import { WorkOSError } from "@effect-workos/core"
import type * as ParseResult from "effect/ParseResult"

/** @internal */
export const issue = (field: string, code: string, message: string) => ({ field, code, message })

/** @internal */
export const failed = (issues: ReadonlyArray<ReturnType<typeof issue>>): WorkOSError.ValidationFailed =>
  WorkOSError.ValidationFailed.fromIssues(issues)

/** @internal */
export const fromParseError = (error: ParseResult.ParseError): WorkOSError.ValidationFailed =>
  WorkOSError.ValidationFailed.fromParseError(error)
