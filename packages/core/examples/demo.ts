/**
 * Interim demo for the core package: decodes the recorded WorkOS responses shipped in fixtures/real-wire with the
 * SDK's schemas, then streams them through the shared pagination helper from an in-memory page store, printing
 * each page request as it happens.
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as path from "node:path"
import * as List from "../src/List.js"
import { Organization } from "../src/Organization.js"
import * as Pagination from "../src/Pagination.js"

const dir = path.join(import.meta.dirname, "..", "..", "..", "fixtures", "real-wire")

const program = Effect.gen(function*() {
  const bodies = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).flatMap((file) => {
    const body = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).response.body
    return body?.object === "organization" ? [body] : body?.object === "list" ? body.data : []
  }).filter((item: { object?: string }) => item.object === "organization")
  const organizations = yield* Schema.decodeUnknown(Schema.Array(Organization))(bodies)
  yield* Console.log(`decoded ${organizations.length} recorded organizations (2021–2026 wire shapes)`)

  const pageSize = 4
  const fetchPage = (after: string | undefined) =>
    Effect.gen(function*() {
      const start = after === undefined ? 0 : Number(after)
      const end = Math.min(start + pageSize, organizations.length)
      yield* Console.log(`  fetch page [${start}, ${end})`)
      return List.make(organizations.slice(start, end), {
        before: start === 0 ? null : String(start),
        after: end < organizations.length ? String(end) : null
      })
    })

  const names = yield* Pagination.stream(fetchPage).pipe(
    Stream.map((org) =>
      `${org.id}  ${org.name}  domains=${org.domains.map((d) => `${d.domain}(${d.state})`).join(",")}`
    ),
    Stream.tap(Console.log),
    Stream.runCount
  )
  yield* Console.log(`streamed ${names} organizations in pages of ${pageSize}`)
})

Effect.runPromise(program).catch((error) => {
  console.error(error)
  process.exit(1)
})
