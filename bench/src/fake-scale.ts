/**
 * The in-memory fake at scale: seeding 1,000,000 organizations, the time of a 100-item page at the start of the
 * list vs at its end vs `before` near the end, heap per organization, and creates per second through the
 * `Organizations` service.
 *
 * Run (from the repo root): `node --expose-gc --import tsx bench/src/fake-scale.ts [organizations]`
 * (without `--expose-gc` the heap figure is not measured).
 *
 * @since 0.1.0
 */
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as Effect from "effect/Effect"
import * as os from "node:os"
import { performance } from "node:perf_hooks"

const COUNT = Number(process.argv[2] ?? 1_000_000)
const PAGE_REPEATS = 2_000
const CREATES = 50_000

const gc = (globalThis as { gc?: () => void }).gc
const heapUsed = (): number | undefined => {
  if (gc === undefined) return undefined
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/** Median of `repeats` timings of `run`, in microseconds. */
const timeMedian = (repeats: number, run: () => Promise<unknown>) =>
  Effect.promise(async () => {
    for (let i = 0; i < 50; i++) await run()
    const samples: Array<number> = []
    for (let i = 0; i < repeats; i++) {
      const start = performance.now()
      await run()
      samples.push((performance.now() - start) * 1000)
    }
    samples.sort((a, b) => a - b)
    return samples[Math.floor(samples.length / 2)]!
  })

const program = Effect.gen(function*() {
  const base = heapUsed()
  const memory = yield* OrganizationsMemory.makeMemory({ seed: 42 })
  const empty = heapUsed()

  // fixtures like a real environment: one org per second over the last ~11.6 days, a third with an external id,
  // a fifth with a domain, a tenth with metadata
  const start = Date.parse("2025-01-01T00:00:00.000Z")
  const fixtures = Array.from({ length: COUNT }, (_, i) => ({
    name: `Organization ${i}`,
    createdAt: new Date(start + i * 1000).toISOString(),
    ...(i % 3 === 0 ? { externalId: `customer-${i}` } : {}),
    ...(i % 5 === 0 ? { domains: [{ domain: `org${i}.example.com`, state: "verified" as const }] } : {}),
    ...(i % 10 === 0 ? { metadata: { plan: "pro", region: "eu" } } : {})
  }))
  const seedStart = performance.now()
  yield* memory.control.seed({ organizations: fixtures })
  const seedMillis = performance.now() - seedStart
  fixtures.length = 0
  const seeded = heapUsed()

  const organizations = memory.organizations
  const run = <A, E>(effect: Effect.Effect<A, E>) => () => Effect.runPromise(Effect.orDie(effect))
  const first = yield* Effect.orDie(organizations.listOrganizationsPage({ limit: 100, order: "desc" }))
  // a cursor 100 items from the end of the desc walk, and the last item
  const nearEnd = yield* Effect.orDie(organizations.listOrganizationsPage({ limit: 100, order: "asc" }))
  const lastItem = nearEnd.data[0]!.id
  const cursorNearEnd = nearEnd.data[nearEnd.data.length - 1]!.id
  const startMicros = yield* timeMedian(PAGE_REPEATS, run(organizations.listOrganizationsPage({ limit: 100 })))
  const afterStartMicros = yield* timeMedian(
    PAGE_REPEATS,
    run(organizations.listOrganizationsPage({ limit: 100, after: first.data[99]!.id }))
  )
  const endMicros = yield* timeMedian(
    PAGE_REPEATS,
    run(organizations.listOrganizationsPage({ limit: 100, after: cursorNearEnd }))
  )
  const beforeEndMicros = yield* timeMedian(
    PAGE_REPEATS,
    run(organizations.listOrganizationsPage({ limit: 100, before: lastItem }))
  )
  const domainMicros = yield* timeMedian(
    PAGE_REPEATS,
    run(
      organizations.listOrganizationsPage({ limit: 100, domains: [`org${COUNT - 5}.example.com`, "org0.example.com"] })
    )
  )
  const searchMicros = yield* timeMedian(
    200,
    run(organizations.listOrganizationsPage({ limit: 100, search: "organization 99" }))
  )

  // creates through the service (validation, spans, journal), one at a time
  const createStart = performance.now()
  for (let i = 0; i < CREATES; i++) {
    yield* Effect.orDie(organizations.createOrganization({ name: `New ${i}`, externalId: `new-${i}` }))
  }
  const createSeconds = (performance.now() - createStart) / 1000

  const fmt = (n: number, digits = 1) => n.toFixed(digits)
  const lines = [
    `machine: ${os.cpus()[0]?.model ?? "unknown cpu"}, nproc ${os.availableParallelism()}, node ${process.version}`,
    `date: ${new Date().toISOString().slice(0, 10)}`,
    `organizations seeded: ${COUNT.toLocaleString("en-US")} in ${fmt(seedMillis / 1000, 2)} s ` +
    `(${fmt(COUNT / (seedMillis / 1000), 0)} orgs/s, Schema-validated fixtures)`,
    seeded !== undefined && empty !== undefined
      ? `heap per organization: ${fmt((seeded - empty) / COUNT, 0)} bytes ` +
        `(heap ${fmt((seeded - (base ?? 0)) / 1e6, 0)} MB after seeding)`
      : "heap per organization: not measured (run node with --expose-gc)",
    `100-item page, first (desc): ${fmt(startMicros)} µs`,
    `100-item page, after the first page: ${fmt(afterStartMicros)} µs`,
    `100-item page, after a cursor 100 items from the end: ${fmt(endMicros)} µs ` +
    `(${fmt(endMicros / startMicros, 2)}× the first page)`,
    `100-item page, before the last item: ${fmt(beforeEndMicros)} µs (${fmt(beforeEndMicros / startMicros, 2)}×)`,
    `domains filter (2 domains): ${fmt(domainMicros)} µs`,
    `search filter ("organization 99", 100 matches spread over the list): ${fmt(searchMicros / 1000, 2)} ms`,
    `creates through the service: ${CREATES.toLocaleString("en-US")} in ${fmt(createSeconds, 2)} s ` +
    `= ${fmt(CREATES / createSeconds, 0)} creates/s`
  ]
  for (const line of lines) console.log(line)
})

Effect.runPromise(program)
