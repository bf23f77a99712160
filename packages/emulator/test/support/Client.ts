/**
 * A tiny HTTP client for the tests: node's `fetch`, a bearer key, the answer as status, headers, text and JSON.
 */
import * as Effect from "effect/Effect"

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The parsed body, or `undefined` when it is not JSON. */
  readonly json: any
}

export interface Request {
  readonly method?: string
  readonly key?: string | null
  readonly headers?: Record<string, string>
  /** A value to send as JSON, or a string sent as is. */
  readonly body?: unknown
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export const KEY = "sk_test_emulator_suite"

export const send = (baseUrl: string, path: string, request: Request = {}): Promise<Answer> => {
  const headers: Record<string, string> = { ...request.headers }
  const key = request.key === undefined ? KEY : request.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  let body: string | undefined
  if (request.body !== undefined) {
    body = typeof request.body === "string" ? request.body : JSON.stringify(request.body)
    headers["content-type"] ??= "application/json"
  }
  return fetch(baseUrl + path, { method: request.method ?? "GET", headers, ...(body === undefined ? {} : { body }) })
    .then(async (response) => {
      const text = await response.text()
      return { status: response.status, headers: response.headers, text, json: parse(text) }
    })
}

/** {@link send} as an Effect; a transport failure is a defect. */
export const call = (baseUrl: string, path: string, request: Request = {}): Effect.Effect<Answer> =>
  Effect.promise(() => send(baseUrl, path, request))

/** Whether a request ends in a transport error (a dropped connection) rather than an answer. */
export const dropped = (baseUrl: string, path: string, request: Request = {}): Effect.Effect<boolean> =>
  Effect.promise(() => send(baseUrl, path, request).then(() => false, () => true))
