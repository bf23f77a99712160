/**
 * Reads the recorded wire vectors in `fixtures/real-wire/` (at the repository root). Every test iterates the whole
 * directory, so a new file is covered (or fails until a row is added for it).
 */
import * as fs from "node:fs"
import * as path from "node:path"

/**
 * One recorded interaction (see `fixtures/real-wire/README.md`).
 */
export interface WireFixture {
  readonly file: string
  readonly source_kind: string
  readonly request: {
    readonly method: string
    readonly path: string
    readonly query: Readonly<Record<string, unknown>>
    readonly headers: Readonly<Record<string, string>>
    readonly body: unknown
  }
  readonly response: {
    readonly status: number
    readonly headers: Readonly<Record<string, string | null>>
    readonly body: unknown
  }
}

/** `fixtures/real-wire`, relative to the repository root. */
export const FIXTURES_DIR = path.join(import.meta.dirname, "..", "..", "..", "fixtures", "real-wire")

/** Every vector, sorted by file name. */
export const fixtures: ReadonlyArray<WireFixture> = fs
  .readdirSync(FIXTURES_DIR)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), "utf8")) }))

/** The response headers as `fromResponse` takes them: a `null` (the source gave none) is an absent header. */
export const responseHeaders = (fixture: WireFixture): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(fixture.response.headers).map(([key, value]) => [key, value === null ? undefined : value])
  )
