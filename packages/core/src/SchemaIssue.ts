/**
 * The one formatter of Schema failures for people: each issue as a path and a message, a wrong value for a union of
 * literals naming every allowed value, and every value it quotes bounded. Every package formats a `ParseError` with
 * it (the live client, the fake, the emulator, the examples), so they say the same thing the same way.
 *
 * Unlike `ParseResult.ArrayFormatter` it never recurses without a bound: a value nested 200,000 levels deep is
 * quoted as its first characters, not a `RangeError`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"

/**
 * One issue: where (`path`, from the root of the decoded value) and what (`message`, e.g. `is missing` or
 * `Expected "pending" | "verified", actual "approved"`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Issue {
  readonly _tag: ParseResult.ParseIssue["_tag"]
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** At most this many issues (default 20). */
  readonly maxIssues?: number | undefined
  /** A quoted value is cut after this many characters (default 80). */
  readonly maxValueLength?: number | undefined
  /** Applied to every string a message quotes before it is cut (e.g. to remove a secret). */
  readonly redact?: ((text: string) => string) | undefined
}

/**
 * `domainData[0].state`: keys joined with `.`, indexes in brackets; `""` for the root.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`
  }
  return out
}

const ELLIPSIS = "…"

/**
 * A value as messages quote it (strings in JSON quotes, objects and arrays as compact JSON, a value with its own
 * `toString` (such as `Redacted`) through it), cut after `maxLength` characters (default 80). It reads only as far as
 * it prints, so its cost and depth are bounded by `maxLength` whatever the value.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatValue = (
  value: unknown,
  options: { readonly maxLength?: number | undefined; readonly redact?: ((text: string) => string) | undefined } = {}
): string => {
  const max = options.maxLength ?? 80
  const redact = options.redact
  let out = ""
  let full = false
  const put = (text: string) => {
    if (full) return
    if (out.length + text.length > max) {
      out += text.slice(0, max - out.length)
      full = true
    } else {
      out += text
    }
  }
  const str = (s: string) => put(JSON.stringify(redact === undefined ? s : redact(s)))
  // Each level prints at least one character, so the depth never exceeds `max`.
  const go = (v: unknown): void => {
    if (full) return
    if (typeof v === "string") return str(v)
    if (typeof v === "bigint") return put(`${v}n`)
    if (typeof v === "function") return put(`[Function${v.name === "" ? "" : ` ${v.name}`}]`)
    if (typeof v !== "object" || v === null) return put(String(v))
    if (v instanceof Date) return put(Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString())
    if (Array.isArray(v)) {
      put("[")
      for (let i = 0; i < v.length && !full; i++) {
        if (i > 0) put(",")
        go(v[i])
      }
      return put("]")
    }
    const toString = (v as { readonly toString?: unknown }).toString
    if (typeof toString === "function" && toString !== Object.prototype.toString) {
      let text: string
      try {
        text = String(toString.call(v))
      } catch {
        text = "[toString threw]"
      }
      return put(redact === undefined ? text : redact(text))
    }
    put("{")
    let first = true
    for (const key in v) {
      if (full) break
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue
      if (!first) put(",")
      first = false
      str(key)
      put(":")
      go((v as Record<string, unknown>)[key])
    }
    put("}")
  }
  go(value)
  return full ? out + ELLIPSIS : out
}

// ---------------------------------------------------------------------------------------------------------------
// issues
// ---------------------------------------------------------------------------------------------------------------

// Issue trees follow the schema, not the value; this bounds a recursive schema's.
const MAX_DEPTH = 64

const syncMessage = (message: string | Effect.Effect<string>): string | undefined =>
  typeof message === "string" ? message : Option.getOrUndefined(
    Effect.runSyncExit(message).pipe(
      (exit) => exit._tag === "Success" ? Option.some(exit.value) : Option.none()
    )
  )

interface Annotated {
  readonly message: string
  readonly override: boolean
}

// The schema's own `message` annotation, as ParseResult's formatters read it.
const annotated = (issue: ParseResult.ParseIssue): Annotated | undefined => {
  if (!("ast" in issue)) return undefined
  const annotation = AST.getMessageAnnotation(issue.ast)
  if (Option.isNone(annotation)) return undefined
  const result = annotation.value(issue)
  if (typeof result === "string" || Effect.isEffect(result)) {
    const message = syncMessage(result)
    return message === undefined ? undefined : { message, override: false }
  }
  const message = syncMessage(result.message)
  return message === undefined ? undefined : { message, override: result.override }
}

// ParseResult's rule: an annotation on a wrapper (a union, a `from` refinement, a non-transformation step) yields to
// the inner issue's message unless it overrides.
const messageOf = (issue: ParseResult.ParseIssue): string | undefined => {
  const current = annotated(issue)
  if (current === undefined) return undefined
  const inner = !current.override && (
    issue._tag === "Composite" ||
    (issue._tag === "Refinement" && issue.kind === "From") ||
    (issue._tag === "Transformation" && issue.kind !== "Transformation")
  )
  if (!inner) return current.message
  return issue._tag === "Refinement" || issue._tag === "Transformation" ? messageOf(issue.issue) : undefined
}

const expected = (ast: AST.AST): string => String(ast)

/** A union's alternatives when every one of them failed on the value itself (none got inside it). */
const alternatives = (issue: ParseResult.Composite): Array<ParseResult.Type> | undefined => {
  if (!AST.isUnion(issue.ast)) return undefined
  const found: Array<ParseResult.Type> = []
  const collect = (i: ParseResult.ParseIssue, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false
    if (i._tag === "Type") {
      found.push(i)
      return true
    }
    if (i._tag === "Composite" && AST.isUnion(i.ast) && messageOf(i) === undefined) {
      const members = Array.isArray(i.issues) ? i.issues : [i.issues as ParseResult.ParseIssue]
      return members.every((member) => collect(member, depth + 1))
    }
    return false
  }
  return collect(issue, 0) && found.length > 1 ? found : undefined
}

/**
 * The issues of a parse error (or issue), in the order ParseResult's `ArrayFormatter` gives them, with the same
 * messages (the schema's own `message` annotations, filter messages, `is missing`), but a union whose every
 * alternative failed on the value is one issue naming them all (`Expected "a" | "b" | "c", actual "x"`; `undefined`
 * left out when there are others: an optional key), and quoted values are bounded.
 *
 * @since 0.1.0
 * @category formatting
 */
export const issues = (
  error: ParseResult.ParseError | ParseResult.ParseIssue,
  options: Options = {}
): Array<Issue> => {
  const maxIssues = options.maxIssues ?? 20
  const value = (u: unknown) => formatValue(u, { maxLength: options.maxValueLength, redact: options.redact })
  const typeMessage = (issue: ParseResult.Type): string =>
    messageOf(issue) ?? issue.message ?? `Expected ${expected(issue.ast)}, actual ${value(issue.actual)}`
  const out: Array<Issue> = []
  const add = (_tag: Issue["_tag"], path: ReadonlyArray<PropertyKey>, message: string) => {
    if (out.length < maxIssues) out.push({ _tag, path, message })
  }
  const go = (
    issue: ParseResult.ParseIssue,
    parentTag: Issue["_tag"] | undefined,
    path: ReadonlyArray<PropertyKey>,
    depth: number
  ): void => {
    if (out.length >= maxIssues) return
    if (depth > MAX_DEPTH) return add(issue._tag, path, "is invalid")
    switch (issue._tag) {
      case "Type":
        return add(parentTag ?? "Type", path, typeMessage(issue))
      case "Forbidden":
        return add("Forbidden", path, issue.message ?? "is forbidden")
      case "Unexpected":
        return add("Unexpected", path, issue.message ?? "is unexpected")
      case "Missing": {
        const missing = AST.getMissingMessageAnnotation(issue.ast)
        const message = Option.isSome(missing) ? syncMessage(missing.value()) : undefined
        return add("Missing", path, message ?? issue.message ?? "is missing")
      }
      case "Pointer":
        return go(issue.issue, undefined, path.concat(issue.path), depth + 1)
      case "Composite": {
        const message = messageOf(issue)
        if (message !== undefined) return add("Composite", path, message)
        const all = alternatives(issue)
        if (all !== undefined) {
          const names: Array<string> = []
          for (const alternative of all) {
            const name = expected(alternative.ast)
            if (!names.includes(name)) names.push(name)
          }
          const shown = names.length > 1 ? names.filter((name) => name !== "undefined") : names
          return add("Type", path, `Expected ${shown.join(" | ")}, actual ${value(issue.actual)}`)
        }
        const members = Array.isArray(issue.issues) ? issue.issues : [issue.issues as ParseResult.ParseIssue]
        for (const member of members) go(member, undefined, path, depth + 1)
        return
      }
      case "Refinement": {
        const message = messageOf(issue)
        if (message !== undefined) return add("Refinement", path, message)
        return go(issue.issue, issue.kind === "Predicate" ? "Refinement" : undefined, path, depth + 1)
      }
      case "Transformation": {
        const message = messageOf(issue)
        if (message !== undefined) return add("Transformation", path, message)
        return go(issue.issue, issue.kind === "Transformation" ? "Transformation" : undefined, path, depth + 1)
      }
    }
  }
  go(ParseResult.isParseError(error) ? error.issue : error, undefined, [], 0)
  return out
}

/**
 * The first of {@link issues}; `is invalid` at the root when there is none.
 *
 * @since 0.1.0
 * @category formatting
 */
export const first = (error: ParseResult.ParseError | ParseResult.ParseIssue, options: Options = {}): Issue =>
  issues(error, { ...options, maxIssues: 1 })[0] ?? { _tag: "Type", path: [], message: "is invalid" }

/**
 * An issue as one line: `path: message`, or the message alone at the root.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (issue: Issue): string => {
  const path = formatPath(issue.path)
  return path === "" ? issue.message : `${path}: ${issue.message}`
}
