import type * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Stream from "effect/Stream"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

/**
 * The laws of WIRE.md §5.3/§5.4 as properties: any collection (with ties in `created_at`), any filter, any page
 * size.
 */

const NAMES = ["Acme", "Acme Corp", "Beta", "gamma ACME", "Delta"]
const DOMAINS = ["a.com", "b.com", "c.com"]

const Scenario = fc.record({
  orgs: fc.array(
    fc.record({
      name: fc.constantFrom(...NAMES),
      // pending domains may be shared by several organizations
      domains: fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 2 }),
      // created through the API (at Clock time 0), or seeded with an explicit created_at: many ties
      seededAt: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined })
    }),
    { maxLength: 35 }
  ),
  limit: fc.integer({ min: 1, max: 12 }),
  search: fc.option(fc.constantFrom("acme", "ACME", "corp", "zzz"), { nil: undefined }),
  domains: fc.option(fc.subarray(["A.com", "b.com", "d.com"], { minLength: 1 }), { nil: undefined })
})
type Scenario = typeof Scenario extends fc.Arbitrary<infer A> ? A : never

const PROPERTY = { fastCheck: { numRuns: 100 } }

const setup = (scenario: Scenario) =>
  Effect.gen(function*() {
    const memory = yield* OrganizationsMemory.makeMemory({ seed: 7 })
    for (const org of scenario.orgs) {
      if (org.seededAt === undefined) {
        yield* memory.organizations.createOrganization({
          name: org.name,
          domainData: org.domains.map((domain) => ({ domain, state: "pending" as const }))
        })
      } else {
        yield* memory.control.seed({
          organizations: [{
            name: org.name,
            createdAt: new Date(org.seededAt).toISOString(),
            domains: org.domains.map((domain) => ({ domain, state: "pending" as const }))
          }]
        })
      }
    }
    const created = yield* Stream.runCollect(memory.organizations.listOrganizations())
    assert.strictEqual(created.length, scenario.orgs.length)
    // the expected list, computed independently: filter, then sort by (created_at, id)
    const search = scenario.search?.toLowerCase()
    const domains = scenario.domains?.map((d) => d.toLowerCase())
    const expected = Chunk.toArray(created)
      .filter((o) => search === undefined || o.name.toLowerCase().includes(search))
      .filter((o) => domains === undefined || o.domains.some((d) => domains.includes(d.domain)))
      .sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
      )
      .map((o) => o.id)
    return { memory, expected }
  })

const filters = (scenario: Scenario) => ({
  ...(scenario.search === undefined ? {} : { search: scenario.search }),
  ...(scenario.domains === undefined ? {} : { domains: scenario.domains })
})

type Page = { readonly ids: ReadonlyArray<string>; readonly before: string | null; readonly after: string | null }

const page = (service: Organizations.Service, options: Parameters<Organizations.Service["listOrganizationsPage"]>[0]) =>
  Effect.map(service.listOrganizationsPage(options), (p): Page => ({
    ids: p.data.map((o) => o.id),
    before: p.listMetadata.before,
    after: p.listMetadata.after
  }))

/** Pages of a walk with `after` from the start. */
const walk = (service: Organizations.Service, scenario: Scenario, order: "asc" | "desc") =>
  Effect.gen(function*() {
    const pages: Array<Page> = []
    let after: string | undefined = undefined
    for (let guard = 0; guard < 100; guard++) {
      const current: Page = yield* page(service, {
        ...filters(scenario),
        limit: scenario.limit,
        order,
        ...(after === undefined ? {} : { after })
      })
      pages.push(current)
      if (current.after === null) return pages
      after = current.after
    }
    return assert.fail("the walk did not end")
  })

describe("pagination laws", () => {
  it.effect.prop(
    "walking after from the start yields the filtered, ordered set exactly once",
    [Scenario],
    ([s]) =>
      Effect.gen(function*() {
        const { expected, memory } = yield* setup(s)
        for (const order of ["asc", "desc"] as const) {
          const pages = yield* walk(memory.organizations, s, order)
          const ids = pages.flatMap((p) => p.ids)
          assert.deepStrictEqual(ids, order === "asc" ? expected : expected.slice().reverse())
          // every page but the last is full; the first has no `before`, the last no `after`
          pages.slice(0, -1).forEach((p) => assert.strictEqual(p.ids.length, s.limit))
          assert.strictEqual(pages[0]!.before, null)
          pages.slice(1).forEach((p) => assert.strictEqual(p.before, p.ids.length === 0 ? null : p.ids[0]))
        }
      }),
    PROPERTY
  )

  it.effect.prop("before from any page returns the previous page", [Scenario], ([s]) =>
    Effect.gen(function*() {
      const { memory } = yield* setup(s)
      for (const order of ["asc", "desc"] as const) {
        const pages = yield* walk(memory.organizations, s, order)
        for (let k = 1; k < pages.length; k++) {
          if (pages[k]!.before === null) continue
          const previous = yield* page(memory.organizations, {
            ...filters(s),
            limit: s.limit,
            order,
            before: pages[k]!.before!
          })
          assert.deepStrictEqual(previous.ids, pages[k - 1]!.ids)
          assert.strictEqual(previous.before, k === 1 ? null : pages[k - 1]!.ids[0])
          assert.strictEqual(previous.after, pages[k - 1]!.ids.at(-1))
        }
      }
    }), PROPERTY)

  it.effect.prop(
    "asc is the reverse of desc, and the Stream walks the same list",
    [Scenario],
    ([s]) =>
      Effect.gen(function*() {
        const { memory } = yield* setup(s)
        const asc = (yield* walk(memory.organizations, s, "asc")).flatMap((p) => p.ids)
        const desc = (yield* walk(memory.organizations, s, "desc")).flatMap((p) => p.ids)
        assert.deepStrictEqual(asc, desc.slice().reverse())
        const streamed = yield* Stream.runCollect(
          memory.organizations.listOrganizations({ ...filters(s), limit: s.limit })
        )
        assert.deepStrictEqual(Chunk.toReadonlyArray(streamed).map((o) => o.id), desc)
      }),
    PROPERTY
  )

  it.effect.prop("a deleted cursor still marks its position", [Scenario], ([s]) =>
    Effect.gen(function*() {
      const { memory } = yield* setup(s)
      const pages = yield* walk(memory.organizations, s, "desc")
      if (pages.length < 2) return
      // delete the last item of the first page (the cursor), then ask for the page after it
      const cursor = pages[0]!.after!
      yield* memory.organizations.deleteOrganization(cursor)
      const next = yield* page(memory.organizations, { ...filters(s), limit: s.limit, after: cursor })
      assert.deepStrictEqual(next.ids, pages[1]!.ids)
      // and before it: the first page without the deleted item
      const back = yield* page(memory.organizations, { ...filters(s), limit: s.limit, before: pages[1]!.ids[0]! })
      assert.deepStrictEqual(back.ids, pages[0]!.ids.slice(0, -1))
    }), PROPERTY)

  it.effect.prop("normal is the mirror image of desc", [Scenario], ([s]) =>
    Effect.gen(function*() {
      const { memory } = yield* setup(s)
      const first = yield* page(memory.organizations, { ...filters(s), limit: s.limit, order: "normal" })
      const desc = yield* page(memory.organizations, { ...filters(s), limit: s.limit, order: "desc" })
      assert.deepStrictEqual(first.ids, desc.ids)
      // the legacy cursors: `before` points to older items, `after` to newer ones
      assert.strictEqual(first.before, desc.after)
      assert.strictEqual(first.after, null)
      if (first.before === null) return
      const older = yield* page(memory.organizations, {
        ...filters(s),
        limit: s.limit,
        order: "normal",
        before: first.before
      })
      const descNext = yield* page(memory.organizations, {
        ...filters(s),
        limit: s.limit,
        order: "desc",
        after: first.before
      })
      assert.deepStrictEqual(older.ids, descNext.ids)
      assert.strictEqual(older.after, older.ids[0])
      const newer = yield* page(memory.organizations, {
        ...filters(s),
        limit: s.limit,
        order: "normal",
        after: older.ids[0]!
      })
      assert.deepStrictEqual(newer.ids, first.ids)
    }), PROPERTY)
})
