/**
 * The vendored real-wire vectors (`fixtures/real-wire/` at the repo root), served through the scripted client.
 */
import { readdirSync, readFileSync } from "node:fs"
import type * as Scripted from "./Scripted.js"

const DIR = new URL("../../../../fixtures/real-wire/", import.meta.url)

export interface Fixture {
  readonly name: string
  readonly source_kind: string
  readonly request: {
    readonly method: string
    readonly path: string
    readonly query: Readonly<Record<string, string>>
    readonly headers: Readonly<Record<string, string>>
    readonly body: unknown
  }
  readonly response: {
    readonly status: number
    readonly headers: Readonly<Record<string, string | null>>
    readonly body: unknown
  }
}

export const names: ReadonlyArray<string> = readdirSync(DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""))
  .sort()

export const load = (name: string): Fixture => ({
  name,
  ...JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8"))
})

/**
 * The fixture's answer. A JSON body is sent as JSON, a text body (`Accepted`) as is. A fixture without a request
 * id (`null`: the source gives none) gets `fallbackRequestId`; an empty one is sent empty, as WorkOS did in 2021.
 */
export const answer = (fixture: Fixture, fallbackRequestId = `req_${fixture.name}`): Scripted.Answer => {
  const headers: Record<string, string> = {}
  for (const [key, value] of Object.entries(fixture.response.headers)) {
    if (value !== null) headers[key] = value
  }
  if (fixture.response.headers["x-request-id"] === null) headers["x-request-id"] = fallbackRequestId
  const body = fixture.response.body
  return {
    _tag: "Http",
    status: fixture.response.status,
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body)
  }
}
