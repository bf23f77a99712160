/**
 * Client overhead: 2,000 sequential `getOrganization` calls against the emulator with no added latency, ours vs
 * `@workos-inc/node` 11 (and a bare `fetch` loop as the baseline), and the CPU time this process spends per decoded
 * organization (the emulator runs in its own process, so its CPU is not counted).
 *
 * Run (from the repo root): `node --import tsx bench/src/overhead.ts`; `pnpm bench` runs it with the others and
 * writes the section "Client overhead" of BENCHMARKS.md.
 */
import { Organization } from "@effect-workos/core/Organization"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { performance } from "node:perf_hooks"
import * as Clients from "./internal/Clients.js"
import * as EmulatorProcess from "./internal/EmulatorProcess.js"
import * as Raw from "./internal/Raw.js"
import * as Report from "./internal/Report.js"

const CALLS = 2_000
const WARMUP = 300
const ROUNDS = 5
const KEY = "sk_test_bench_overhead"

interface Sample {
  readonly ms: number
  /** CPU time of this process (user + system), milliseconds. */
  readonly cpu: number
}

const sample = async (run: () => Promise<void>): Promise<Sample> => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { ms, cpu: (used.user + used.system) / 1000 }
}

const main = async () => {
  const at = new Date(await Effect.runPromise(Clock.currentTimeMillis))
  const emulator = await EmulatorProcess.start(["--no-rate-limits"])
  try {
    await emulator.control(KEY, "seed", "POST", { organizations: EmulatorProcess.organizations(CALLS) })
    const ids = Array.from({ length: CALLS }, (_, i) => EmulatorProcess.organizationId(i))
    // a fresh client (and so a fresh rate limiter budget of 6,000 per minute) for every run of ours
    const oursClient = () => Clients.ours(emulator, KEY)
    const unlimitedClient = () => Clients.ours(emulator, KEY, { rateLimit: false })
    const fetchClient = () => Clients.ours(emulator, KEY, {}, "fetch")
    const workos = Clients.official(emulator, KEY)

    /** A run of ours on a fresh client: warm-up calls, then `n` measured calls. */
    const effectLoop = (client: () => ReturnType<typeof Clients.ours>, n: number) => async (): Promise<Sample> => {
      const runtime = client()
      const calls = (count: number) =>
        runtime.runPromise(
          Effect.flatMap(Clients.Organizations, (o) =>
            Effect.forEach(ids.slice(0, count), (id) => o.getOrganization(id), { discard: true }))
        )
      await calls(WARMUP)
      const result = await sample(() => calls(n))
      await runtime.dispose()
      return result
    }
    const officialLoop = (n: number) => async () => {
      for (const id of ids.slice(0, n)) await workos.organizations.getOrganization(id)
    }
    const rawLoop = (n: number) => async () => {
      for (const id of ids.slice(0, n)) await Raw.get(emulator, KEY, id)
    }

    await officialLoop(WARMUP)()
    await rawLoop(WARMUP)()

    const rows = {
      ours: [] as Array<Sample>,
      unlimited: [] as Array<Sample>,
      fetch: [] as Array<Sample>,
      official: [] as Array<Sample>,
      raw: [] as Array<Sample>
    }
    for (let round = 1; round <= ROUNDS; round++) {
      rows.ours.push(await effectLoop(oursClient, CALLS)())
      rows.official.push(await sample(officialLoop(CALLS)))
      rows.unlimited.push(await effectLoop(unlimitedClient, CALLS)())
      rows.raw.push(await sample(rawLoop(CALLS)))
      rows.fetch.push(await effectLoop(fetchClient, CALLS)())
      console.log(
        `round ${round}: ours ${Report.ms(rows.ours.at(-1)!.ms)}, official ${Report.ms(rows.official.at(-1)!.ms)}, ` +
          `ours without rate limiter ${Report.ms(rows.unlimited.at(-1)!.ms)}, raw fetch ${
            Report.ms(rows.raw.at(-1)!.ms)
          }, ours over fetch ${Report.ms(rows.fetch.at(-1)!.ms)}`
      )
    }
    const journal = await emulator.journal(KEY)
    const failed = journal.filter((e) => e.status !== 200).length
    if (failed > 0) throw new Error(`${failed} calls did not answer 200`)

    // decoding alone: the same 2,000 bodies through the Organization schema, in this process
    const bodies = await Promise.all(ids.map((id) => Raw.get(emulator, KEY, id)))
    const decode = Schema.decodeUnknownSync(Organization)
    for (const body of bodies) decode(body)
    const decoding = await sample(async () => {
      for (let k = 0; k < 5; k++) for (const body of bodies) decode(body)
    })

    const med = (xs: ReadonlyArray<Sample>, key: keyof Sample) => Report.median(xs.map((x) => x[key]))
    const oursMs = med(rows.ours, "ms")
    const officialMs = med(rows.official, "ms")
    const ratio = oursMs / officialMs
    const us = (ms: number) => `${Math.round((ms * 1000) / CALLS)} µs`
    const row = (label: string, xs: ReadonlyArray<Sample>) => [
      label,
      Report.ms(med(xs, "ms")),
      us(med(xs, "ms")),
      us(med(xs, "cpu")),
      Report.ratio(med(xs, "ms") / officialMs)
    ]
    const body = [
      Report.provenance("node --import tsx bench/src/overhead.ts", at),
      "",
      `${CALLS.toLocaleString("en-US")} sequential \`getOrganization\` calls, each for a different organization ` +
      `(two domains, three metadata keys); the emulator in its own process, with no added latency and no rate ` +
      `limits (this many calls exceed WorkOS's 6,000 per minute). Median of ${ROUNDS} rounds, the clients ` +
      `alternating, each run after ${WARMUP} warm-up calls (ours: a fresh client per run, so its rate limiter starts ` +
      `each run with a full budget of 6,000 per minute). CPU is this process's user + system time ` +
      `(\`process.cpuUsage\`), so it is the client's alone.`,
      "",
      Report.table(["client", "wall time", "per call", "client CPU per call", "vs official"], [
        row("`@workos-inc/node` 11 `organizations.getOrganization`", rows.official),
        row("ours: `getOrganization` over undici (`NodeClient`; defaults: rate limiter on, retries on)", rows.ours),
        row("ours over undici with `rateLimit: false`", rows.unlimited),
        row("ours over the platform's fetch client (`OrganizationsHttp` + `FetchHttpClient`)", rows.fetch),
        row("baseline: bare `fetch` + `JSON.parse`", rows.raw)
      ]),
      "",
      `- Ours vs the official SDK: **${Report.ratio(ratio)}** its time (target ≤ 1.5×: ` +
      `${ratio <= 1.5 ? "met" : "**missed**"}). Over the platform's fetch client instead of undici: ` +
      `${Report.ratio(med(rows.fetch, "ms") / officialMs)} (the fetch client costs ` +
      `${
        us(med(rows.fetch, "cpu") - med(rows.ours, "cpu"))
      } more CPU per call); on Node, \`NodeClient\` is the one to use.`,
      `- Decoding alone (the \`Organization\` schema over the same JSON, no I/O): ` +
      `**${((decoding.cpu * 1000) / (5 * CALLS)).toFixed(1)} µs CPU per organization**.`,
      `- Every call answered 200 (checked in the emulator's journal).`
    ].join("\n")
    console.log(`\n${body}`)
    Report.writeSection("Client overhead", body)
  } finally {
    await emulator.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
