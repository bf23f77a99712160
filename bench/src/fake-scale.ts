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

/** CPU time (user + system) of this process since `start`, in milliseconds. */
const cpuMillis = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/**
 * Median time of each run, in microseconds, measured in interleaved rounds (every variant once per round) so that
 * JIT warm-up and background load affect them alike.
 */
const timeMedians = (rounds: number, runs: ReadonlyArray<() => Promise<unknown>>) =>
  Effect.promise(async () => {
    for (let i = 0; i < 50; i++) for (const run of runs) await run()
    const samples = runs.map((): Array<number> => [])
    for (let r = 0; r < rounds; r++) {
      for (let v = 0; v < runs.length; v++) {
        const start = performance.now()
        await runs[v]!()
        samples[v]!.push((performance.now() - start) * 1000)
      }
    }
    return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)]!)
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
  const seedCpu = process.cpuUsage()
  yield* memory.control.seed({ organizations: fixtures })
  const seedMillis = performance.now() - seedStart
  const seedCpuMillis = cpuMillis(seedCpu)
  fixtures.length = 0
  const seeded = heapUsed()

  const organizations = memory.organizations
  const run = <A, E>(effect: Effect.Effect<A, E>) => () => Effect.runPromise(Effect.orDie(effect))
  const first = yield* Effect.orDie(organizations.listOrganizationsPage({ limit: 100, order: "desc" }))
  // a cursor 100 items from the end of the desc walk, and the last item
  const nearEnd = yield* Effect.orDie(organizations.listOrganizationsPage({ limit: 100, order: "asc" }))
  const lastItem = nearEnd.data[0]!.id
  const cursorNearEnd = nearEnd.data[nearEnd.data.length - 1]!.id
  const [startMicros, afterStartMicros, endMicros, beforeEndMicros, domainMicros] = yield* timeMedians(
    PAGE_REPEATS,
    [
      run(organizations.listOrganizationsPage({ limit: 100 })),
      run(organizations.listOrganizationsPage({ limit: 100, after: first.data[99]!.id })),
      run(organizations.listOrganizationsPage({ limit: 100, after: cursorNearEnd })),
      run(organizations.listOrganizationsPage({ limit: 100, before: lastItem })),
      run(organizations.listOrganizationsPage({
        limit: 100,
        domains: [`org${COUNT - 5}.example.com`, "org0.example.com"]
      }))
    ]
  )
  // `search` has no index: it scans from the cursor until the page is full
  const [denseSearchMicros, sparseSearchMicros] = yield* timeMedians(20, [
    run(organizations.listOrganizationsPage({ limit: 100, search: "organization 99" })),
    run(organizations.listOrganizationsPage({ limit: 10, search: "organization 12345" }))
  ])

  // creates through the service (validation, spans, journal), one at a time
  const createStart = performance.now()
  const createCpu = process.cpuUsage()
  for (let i = 0; i < CREATES; i++) {
    yield* Effect.orDie(organizations.createOrganization({ name: `New ${i}`, externalId: `new-${i}` }))
  }
  const createSeconds = (performance.now() - createStart) / 1000
  const createCpuSeconds = cpuMillis(createCpu) / 1000
  // the same on the backend alone (what the emulator calls): the fake's own cost, without validation and spans
  const backendStart = performance.now()
  for (let i = 0; i < CREATES; i++) {
    yield* Effect.orDie(memory.backend.createOrganization({ name: `Raw ${i}`, externalId: `raw-${i}` }, {}))
  }
  const backendSeconds = (performance.now() - backendStart) / 1000

  const fmt = (n: number, digits = 1) => n.toFixed(digits)
  const lines = [
    `machine: ${os.cpus()[0]?.model ?? "unknown cpu"}, nproc ${os.availableParallelism()}, node ${process.version}`,
    `date: ${new Date().toISOString().slice(0, 10)}, load average at the end: ${
      os.loadavg().map((l) => l.toFixed(1)).join(" ")
    }`,
    `organizations seeded: ${COUNT.toLocaleString("en-US")} in ${fmt(seedMillis / 1000, 2)} s ` +
    `(${fmt(COUNT / (seedMillis / 1000), 0)} orgs/s; CPU ${fmt(seedCpuMillis / 1000, 2)} s; Schema-validated fixtures)`,
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
    `search filter, 100 matches among the newest ("organization 99"): ${fmt(denseSearchMicros / 1000, 2)} ms`,
    `search filter, a rare name ("organization 12345": the scan crosses most of the list): ${
      fmt(sparseSearchMicros / 1000, 2)
    } ms`,
    `creates through the service: ${CREATES.toLocaleString("en-US")} in ${fmt(createSeconds, 2)} s ` +
    `= ${fmt(CREATES / createSeconds, 0)} creates/s (${fmt(CREATES / createCpuSeconds, 0)} per CPU-second)`,
    `creates through the backend alone: ${fmt(CREATES / backendSeconds, 0)} creates/s`
  ]
  for (const line of lines) console.log(line)
})

Effect.runPromise(program)
