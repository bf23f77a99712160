/**
 * Platform failures as attempt outcomes: what a transport's failure code means (connection refused, DNS, TLS, a body
 * that does not decompress, …), its innermost message, and whether a retry can help.
 */
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Predicate from "effect/Predicate"
import type { Outcome } from "./retry.js"

// What a transport failure's code means, and whether a retry can change it: not for a body that does not
// decompress, a certificate the client rejects, or a name that does not resolve (EAI_AGAIN is a resolver that did not
// answer, and is retried).
const causes: ReadonlyArray<{ readonly code: RegExp; readonly kind: string; readonly retryable: boolean }> = [
  { code: /^ECONNREFUSED$/, kind: "connection refused", retryable: true },
  { code: /^(ENOTFOUND|EAI_NONAME|EAI_FAIL)$/, kind: "DNS lookup failed", retryable: false },
  { code: /^EAI_AGAIN$/, kind: "DNS lookup failed", retryable: true },
  { code: /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED)$/, kind: "connection lost", retryable: true },
  {
    code: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
    kind: "timed out",
    retryable: true
  },
  {
    code: /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/,
    kind: "TLS failure",
    retryable: false
  },
  { code: /^Z_/, kind: "the body could not be decompressed", retryable: false },
  { code: /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, kind: "host unreachable", retryable: true }
]

interface Cause {
  readonly code: string | undefined
  readonly text: string | undefined
}

// The innermost cause that says something (fetch wraps everything in `TypeError: fetch failed`), at most 8 deep.
const rootCause = (error: unknown): Cause => {
  let code: string | undefined
  let text: string | undefined
  let current: unknown = error
  for (let depth = 0; depth < 8 && Predicate.isObject(current); depth++) {
    const c = (current as { readonly code?: unknown }).code
    if (typeof c === "string" && c !== "") code = c
    const message = (current as { readonly message?: unknown }).message
    if (typeof message === "string" && message !== "" && message !== "fetch failed" && message !== "terminated") {
      text = message
    }
    current = (current as { readonly cause?: unknown }).cause
  }
  return { code, text }
}

/**
 * What a platform failure means for the attempt: a transport failure whose detail says what happened (connection
 * refused, DNS, TLS, a body that does not decompress, …, with the platform's own text and the request line), and
 * whether a retry can help: not for a failure that would happen again (an invalid URL, a body that cannot be
 * encoded, a body that does not decompress, a TLS certificate, a name that does not resolve).
 *
 * @internal
 */
export const fromHttpClientError = (
  error: HttpClientError.HttpClientError,
  scrub: (text: string) => string
): Outcome => {
  const cause = rootCause(error.cause)
  const known = cause.code === undefined ? undefined : causes.find((c) => c.code.test(cause.code!))
  const said = [known?.kind, cause.text].filter((s): s is string => s !== undefined && s !== "")
  const detail = said.length === 0
    ? error.message
    : `${said.join(": ")} (${error.request.method} ${error.request.url})`
  return {
    _tag: "Failed",
    reason: "Transport",
    detail: WorkOSError.excerpt(scrub(detail)),
    retryable: known?.retryable !== false && (error._tag === "ResponseError" || error.reason === "Transport")
  }
}
