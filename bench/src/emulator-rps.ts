/**
 * Emulator throughput: requests per second for `GET /organizations/{id}` and for 100-item pages of
 * `GET /organizations`, shallow (the first page) and deep (90,000 items in), in an environment of 100,000
 * organizations. The emulator runs in its own process (the CLI, seeded with `--seed`), the load comes from a second
 * process (`emulator-load.ts`) over loopback with keep-alive connections. Deep pages must cost about what shallow
 * ones cost: the fake seeks to a cursor instead of scanning to it.
 *
 * Run (from the repo root): `node --import tsx bench/src/emulator-rps.ts`; it rewrites the section
 * "## Emulator throughput" of BENCHMARKS.md and nothing else.
 */
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import type { LoadOptions, LoadResult } from "./emulator-load.js"
import * as EmulatorProcess from "./internal/EmulatorProcess.js"
import * as Report from "./internal/Report.js"

const ORGANIZATIONS = 100_000
const KEY = "sk_test_bench_rps"
const CONNECTIONS = 8
const ROUNDS = 5
const COMMAND = "node --import tsx bench/src/emulator-rps.ts"
const SECTION = "Emulator throughput"

/** Runs the load driver in a second process. */
const load = (options: LoadOptions): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const proc = child.spawn(
      process.execPath,
      ["--import", "tsx", path.join(Report.root, "bench/src/emulator-load.ts"), JSON.stringify(options)],
      { cwd: Report.root, stdio: ["ignore", "pipe", "inherit"] }
    )
    let out = ""
    proc.stdout!.on("data", (chunk) => (out += String(chunk)))
    proc.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`the load driver exited with ${code}`)))
  })

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

interface Scenario {
  readonly name: string
  readonly paths: ReadonlyArray<string>
  readonly maxRequests: number
}

const page = (order: "asc" | "desc", after?: number) =>
  `/organizations?limit=100&order=${order}${
    after === undefined ? "" : `&after=${EmulatorProcess.organizationId(after)}`
  }`

const main = async () => {
  const at = new Date()
  const load0 = os.loadavg()[0]!
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-rps-"))
  const seedFile = path.join(dir, "fixtures.json")
  fs.writeFileSync(seedFile, JSON.stringify({ organizations: EmulatorProcess.organizations(ORGANIZATIONS) }))
  const seedBytes = fs.statSync(seedFile).size

  const { ms: startupMs, value: server } = await Report.time(() =>
    EmulatorProcess.start(["--seed", seedFile, "--no-rate-limits"])
  )
  try {
    // the first key gets the environment built (and seeded) at startup
    const first = await (async () => {
      const t = performance.now()
      const response = await fetch(`${server.baseUrl}/organizations?limit=1`, {
        headers: { authorization: `Bearer ${KEY}` }
      })
      await response.text()
      return performance.now() - t
    })()

    const ids = Array.from({ length: 1000 }, (_, i) => EmulatorProcess.organizationId((i * 7919) % ORGANIZATIONS))
    const scenarios: ReadonlyArray<Scenario> = [
      { name: "`GET /organizations/{id}`", paths: ids.map((id) => `/organizations/${id}`), maxRequests: 10_000 },
      { name: "page of 100, shallow (`order=asc`, first page)", paths: [page("asc")], maxRequests: 2_000 },
      { name: "page of 100, deep (`order=asc&after=` item 90,000)", paths: [page("asc", 90_000)], maxRequests: 2_000 },
      { name: "page of 100, shallow (`order=desc`, first page)", paths: [page("desc")], maxRequests: 2_000 },
      {
        name: "page of 100, deep (`order=desc&after=` item 10,000)",
        paths: [page("desc", 10_000)],
        maxRequests: 2_000
      },
      {
        name: "page of 100, every page once (`order=asc`, all 100,000)",
        paths: Array.from(
          { length: ORGANIZATIONS / 100 },
          (_, k) => (k === 0 ? page("asc") : page("asc", k * 100 - 1))
        ),
        maxRequests: ORGANIZATIONS / 100
      }
    ]
    const options = (s: Scenario, maxRequests: number, maxMillis: number): LoadOptions => ({
      baseUrl: server.baseUrl,
      apiKey: KEY,
      paths: s.paths,
      connections: CONNECTIONS,
      maxRequests,
      maxMillis
    })
    const [get, shallowAsc, deepAsc, shallowDesc, deepDesc, walk] = scenarios as [
      Scenario,
      Scenario,
      Scenario,
      Scenario,
      Scenario,
      Scenario
    ]
    // warm-up: JIT and connections, every scenario once
    for (const s of scenarios) await load(options(s, 500, 5_000))

    interface Run extends LoadResult {
      /** The emulator's CPU time per request, in milliseconds. */
      readonly cpu: number
    }
    const results = new Map<string, Array<Run>>()
    const measure = async (s: Scenario): Promise<Run> => {
      const before = server.cpuMillis()
      const result = await load(options(s, s.maxRequests, 15_000))
      const cpu = (server.cpuMillis() - before) / result.requests
      const bad = Object.keys(result.statuses).filter((status) => status !== "200")
      if (bad.length > 0) throw new Error(`${s.name}: statuses ${JSON.stringify(result.statuses)}`)
      results.set(s.name, [...(results.get(s.name) ?? []), { ...result, cpu }])
      console.log(`${s.name}: ${fmt(result.rps)} requests/s, p50 ${fmt(result.p50, 1)} ms, CPU ${fmt(cpu, 2)} ms`)
      return { ...result, cpu }
    }
    // deep and shallow pages back to back, in alternating order, so that both see the same machine
    const pairs: Array<{ readonly asc: number; readonly desc: number }> = []
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`round ${round}`)
      await measure(get)
      const ordered = round % 2 === 1
        ? [shallowAsc, deepAsc, shallowDesc, deepDesc]
        : [deepAsc, shallowAsc, deepDesc, shallowDesc]
      const runs = new Map<Scenario, Run>()
      for (const s of ordered) runs.set(s, await measure(s))
      await measure(walk)
      pairs.push({
        asc: runs.get(deepAsc)!.cpu / runs.get(shallowAsc)!.cpu,
        desc: runs.get(deepDesc)!.cpu / runs.get(shallowDesc)!.cpu
      })
    }

    const rps = (s: Scenario) => Report.median(results.get(s.name)!.map((r) => r.rps))
    const p50 = (s: Scenario) => Report.median(results.get(s.name)!.map((r) => r.p50))
    const p99 = (s: Scenario) => Report.median(results.get(s.name)!.map((r) => r.p99))
    const cpu = (s: Scenario) => Report.median(results.get(s.name)!.map((r) => r.cpu))
    const bytes = (s: Scenario) => Report.median(results.get(s.name)!.map((r) => r.bytes))
    const ratioAsc = Report.median(pairs.map((p) => p.asc))
    const ratioDesc = Report.median(pairs.map((p) => p.desc))
    const body = [
      Report.provenance(COMMAND, at, load0),
      "",
      `${fmt(ORGANIZATIONS)} organizations (two domains and three metadata keys each; a ${
        fmt(seedBytes / 1024 / 1024, 1)
      } MB fixtures file) seeded with \`pnpm emulator -- --seed FILE --no-rate-limits\`; the emulator in its own ` +
      `process, the load from a second process (\`bench/src/emulator-load.ts\`: node's HTTP client, ${CONNECTIONS} ` +
      `keep-alive connections, GETs only, each run bounded to 15 s). Median of ${ROUNDS} rounds after a warm-up ` +
      `round. Startup with the seed file (reading, checking and seeding it before listening): ${
        fmt(startupMs / 1000, 1)
      } s; the first request: ${fmt(first, 0)} ms.`,
      "",
      "| request | requests/s | p50 | p99 | emulator CPU per request | body |",
      "|---|---:|---:|---:|---:|---:|",
      ...scenarios.map((s) =>
        `| ${s.name} | ${fmt(rps(s))} | ${fmt(p50(s), 1)} ms | ${fmt(p99(s), 1)} ms | ${fmt(cpu(s), 2)} ms | ${
          fmt(bytes(s) / 1024, 1)
        } KiB |`
      ),
      "",
      `- Deep vs shallow page, emulator CPU per page (median of the ${ROUNDS} rounds' ratios, deep and shallow run ` +
      `back to back): \`asc\` **${ratioAsc.toFixed(2)}×**, \`desc\` **${ratioDesc.toFixed(2)}×** (1.00× = a deep ` +
      "page costs what the first page costs). A page is found by seeking to the cursor's position in the fake's " +
      "ordered index, not by scanning the items before it. Requests/s and latencies also move with the machine's " +
      "other load; CPU per request much less.",
      `- A page costs about ${fmt(cpu(shallowAsc) / cpu(get), 0)} single-organization GETs of emulator CPU: the work ` +
      `is encoding and sending 100 organizations (${fmt(bytes(shallowAsc) / 1024, 0)} KiB of JSON); recently sent ` +
      "organizations' encodings are remembered (up to 20,000), so a repeated page is cheaper than a first one: " +
      `walking every page once costs ${fmt(cpu(walk), 2)} ms of CPU per page.`,
      "- WorkOS's own emulator, side by side with this one on the same organizations: the section \"Emulator " +
      "beside WorkOS's emulator\" (`bench/src/peer.ts`, which runs `npx -y workos@0.14.0 emulate`)."
    ].join("\n")
    Report.writeSection(SECTION, body)
    console.log(`\n## ${SECTION}\n\n${body}`)
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
