/**
 * Wire-input validation failures as core's `ValidationFailed` (the newer 422 form,
 * `{"code":"invalid_request_parameters","message":"Validation failed","errors":[{code, message, field}]}`), built
 * from Schema parse errors on the *encoded* (snake_case) side, so fields carry their wire names.
 */
import { WorkOSError } from "@effect-workos/core"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import type * as ParseResult from "effect/ParseResult"

const MAX_ISSUES = 20
const MAX_MESSAGE = 200

const truncate = (s: string): string => s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE)}…` : s

/** @internal */
export const issue = (field: string, code: string, message: string): WorkOSError.ValidationIssue =>
  new WorkOSError.ValidationIssue({ code, field, message: truncate(message) })

/** @internal */
export const failed = (issues: ReadonlyArray<WorkOSError.ValidationIssue>): WorkOSError.ValidationFailed =>
  new WorkOSError.ValidationFailed({
    code: "invalid_request_parameters",
    detail: "Validation failed",
    errors: issues
  })

/**
 * One issue per offending field. Optional keys are unions with `undefined`, whose member reports ("Expected
 * undefined, …") say nothing; they are dropped, and the first message for each field wins.
 *
 * @internal
 */
export const fromParseError = (error: ParseResult.ParseError): WorkOSError.ValidationFailed => {
  const all = SchemaIssue.issues(error)
  const informative = all.filter((i) => !i.message.startsWith("Expected undefined"))
  const byField = new Map<string, WorkOSError.ValidationIssue>()
  for (const i of informative.length > 0 ? informative : all) {
    const field = SchemaIssue.formatPath(i.path)
    if (byField.has(field)) continue
    const top = typeof i.path[0] === "string" ? i.path[0] : "body"
    byField.set(
      field,
      i._tag === "Missing"
        ? issue(field, `${top}_required`, `${field} is required`)
        : issue(field, `${top}_invalid`, `${field === "" ? "body" : field}: ${i.message}`)
    )
    if (byField.size >= MAX_ISSUES) break
  }
  return failed([...byField.values()])
}
