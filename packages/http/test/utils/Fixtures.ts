/**
 * The vendored real-wire vectors (`fixtures/real-wire/` at the repo root), served through the scripted client.
 */
import { fixtures, type WireFixture } from "../../../core/test/fixtures.js"
import type * as Scripted from "./Scripted.js"

/** A recorded interaction, named by its file name without `.json`. */
export interface Fixture extends Omit<WireFixture, "file"> {
  readonly name: string
}

export const names: ReadonlyArray<string> = fixtures.map((f) => f.file.replace(/\.json$/, "")).sort()

export const load = (name: string): Fixture => {
  const found = fixtures.find((f) => f.file === `${name}.json`)
  if (found === undefined) throw new Error(`no fixture ${name}.json in fixtures/real-wire`)
  const { file: _, ...fixture } = found
  return { name, ...fixture }
}

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
