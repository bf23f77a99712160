/**
 * Our emulator beside WorkOS's own (`npx -y workos@0.14.0 emulate`), both seeded with the same organizations, both
 * in processes of their own, the same load against each: `GET /organizations/{id}` for organizations drawn by a
 * seeded PRNG, the first page of `GET /organizations?limit=100` again and again, and a walk of every page following
 * each server's own cursors; then the pages again at a larger collection. The servers alternate within every round
 * (ours first in odd rounds, theirs first in even ones); each ratio is ours ÷ theirs in the same round, and the table
 * gives the medians over the rounds.
 *
 * WorkOS's emulator allows 1,000 requests per API key per 60 s: it is seeded with enough keys that none serves more
 * than 900 requests in the whole run. Ours runs with `--no-rate-limits` (its limits, WorkOS's real 6,000 per 60 s,
 * would cap the run, and each of its keys is an environment of its own). Every answer must be 200, or the run stops.
 *
 * Run (from the repo root): `node --import tsx bench/src/peer.ts`; it rewrites the section "## Emulator beside
 * WorkOS's emulator" of BENCHMARKS.md and nothing else. Environment:
 * - `PEER_OURS_CMD`: the command that starts "ours" instead of this checkout's `packages/emulator/src/bin.ts` (run
 *   through `sh -c` in `PEER_OURS_CWD`, default the repo root, with `--port 0 --seed FILE --no-rate-limits` appended;
 *   it must print `… listening on http://HOST:PORT` on stdout). With it, the section is printed, not written, unless
 *   `PEER_WRITE=1` (and `PEER_WRITE=0` never writes).
 * - `PEER_ROUNDS` (default 6), `PEER_SEED` (the PRNG's seed, default 13).
 */
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Peer from "./internal/Peer.js"
import * as Report from "./internal/Report.js"

const THEIRS = Peer.THEIRS
const CONNECTIONS = 8
const KEY_BUDGET = 900
const OURS_KEY = "sk_test_bench_peer"
const COMMAND = "node --import tsx bench/src/peer.ts"
const SECTION = "Emulator beside WorkOS's emulator"
const ROUNDS = Number(process.env["PEER_ROUNDS"] ?? 6)
const SEED = Number(process.env["PEER_SEED"] ?? 13)
const OURS_CMD = process.env["PEER_OURS_CMD"]
const WRITE = process.env["PEER_WRITE"] === undefined ? OURS_CMD === undefined : process.env["PEER_WRITE"] === "1"

type Kind = "get" | "first" | "walk"

interface Scenario {
  readonly kind: Kind
  readonly requests: number
}

interface Size {
  readonly organizations: number
  readonly scenarios: ReadonlyArray<Scenario>
}

const SIZES: ReadonlyArray<Size> = [
  {
    organizations: 3_000,
    scenarios: [{ kind: "get", requests: 10_000 }, { kind: "first", requests: 1_000 }, { kind: "walk", requests: 900 }]
  },
  {
    organizations: 10_000,
    scenarios: [{ kind: "get", requests: 5_000 }, { kind: "first", requests: 300 }, { kind: "walk", requests: 300 }]
  }
]
const WARM_UP = 0.1

const label = (s: Scenario, contents: Peer.Contents): string => {
  switch (s.kind) {
    case "get":
      return "`GET /organizations/{id}`, random ids"
    case "first":
      return "`GET /organizations?limit=100`, the first page"
    case "walk":
      return `\`GET /organizations?limit=100\`, every page in turn (${contents.pages.length} pages, own cursors)`
  }
}

const paths = (s: Scenario, contents: Peer.Contents, organizations: number): ReadonlyArray<string> => {
  switch (s.kind) {
    case "get": {
      const random = Peer.prng(SEED)
      return Array.from(
        { length: s.requests },
        () => `/organizations/${contents.ids[Math.floor(random() * organizations)]}`
      )
    }
    case "first":
      return contents.pages.slice(0, 1)
    case "walk":
      return contents.pages
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

const startOurs = (seed: string) =>
  Peer.spawn({
    name: "ours",
    command: `${OURS_CMD ?? `${process.execPath} --import tsx packages/emulator/src/bin.ts`} --port 0 --seed ${seed} ` +
      "--no-rate-limits",
    cwd: process.env["PEER_OURS_CWD"] ?? Report.root,
    ready: (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1],
    timeoutMs: 120_000
  })

interface Row {
  readonly kind: Kind
  readonly organizations: number
  readonly label: string
  readonly ours: ReadonlyArray<Peer.LoadResult>
  readonly theirs: ReadonlyArray<Peer.LoadResult>
  readonly ratios: ReadonlyArray<number>
  readonly cpuRatios: ReadonlyArray<number>
}

const check = (name: string, what: string, result: Peer.LoadResult) => {
  const bad = Object.keys(result.statuses).filter((status) => status !== "200")
  if (bad.length > 0) throw new Error(`${name}, ${what}: statuses ${JSON.stringify(result.statuses)}`)
}

const measureSize = async (dir: string, size: Size): Promise<{ rows: Array<Row>; theirKeysUsed: number }> => {
  const pagesEstimate = Math.ceil(size.organizations / 100) + 1
  const theirTotal = pagesEstimate +
    size.scenarios.reduce((n, s) => n + Math.ceil(s.requests * WARM_UP) + ROUNDS * s.requests, 0)
  const theirKeys = Array.from(
    { length: Math.ceil(theirTotal / KEY_BUDGET) + 2 },
    (_, i) => `sk_test_bench_peer_${String(i).padStart(4, "0")}`
  )
  const files = Peer.seedFiles(dir, size.organizations, theirKeys)
  const ours = await startOurs(files.ours)
  try {
    const theirs = await Peer.startTheirs(files.theirs)
    try {
      const servers = [
        { server: ours, keys: new Peer.Keys([OURS_KEY], Number.POSITIVE_INFINITY) },
        { server: theirs, keys: new Peer.Keys(theirKeys, KEY_BUDGET) }
      ] as const
      const contents = await Promise.all(servers.map((s) => Peer.discover(s.server, s.keys, size.organizations)))
      const run = (i: 0 | 1, s: Scenario, requests: number) =>
        Peer.load({
          server: servers[i].server,
          keys: servers[i].keys,
          paths: paths(s, contents[i]!, size.organizations),
          connections: CONNECTIONS,
          requests
        })
      for (const s of size.scenarios) {
        for (const i of [0, 1] as const) check(servers[i].server.name, s.kind, await run(i, s, s.requests * WARM_UP))
      }
      const rows = size.scenarios.map((s): Row => ({
        kind: s.kind,
        organizations: size.organizations,
        label: label(s, contents[0]!),
        ours: [],
        theirs: [],
        ratios: [],
        cpuRatios: []
      }))
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [k, s] of size.scenarios.entries()) {
          const order = round % 2 === 1 ? ([0, 1] as const) : ([1, 0] as const)
          const results: Array<Peer.LoadResult> = []
          for (const i of order) {
            const result = await run(i, s, s.requests)
            check(servers[i].server.name, s.kind, result)
            results[i] = result
            console.log(
              `${fmt(size.organizations)} orgs, round ${round}, ${s.kind}, ${servers[i].server.name}: ${
                fmt(result.rps)
              } requests/s, p50 ${fmt(result.p50, 1)} ms, server CPU ${fmt(result.cpu, 3)} ms per request`
            )
          }
          const row = rows[k]!
          const [o, t] = [results[0]!, results[1]!]
          rows[k] = {
            ...row,
            ours: [...row.ours, o],
            theirs: [...row.theirs, t],
            ratios: [...row.ratios, o.rps / t.rps],
            cpuRatios: [...row.cpuRatios, t.cpu / o.cpu]
          }
        }
      }
      return { rows, theirKeysUsed: servers[1].keys.count }
    } finally {
      await theirs.stop()
    }
  } finally {
    await ours.stop()
  }
}

/** The first lines of `lscpu` (the CPU the numbers were measured on), or nothing where there is no `lscpu`. */
const lscpu = (): ReadonlyArray<string> => {
  try {
    const lines = child.execFileSync("lscpu", { encoding: "utf8" }).split("\n").slice(0, 10)
    return ["", "```text", "$ lscpu | head", ...lines.map((l) => l.trimEnd()), "```"]
  } catch {
    return []
  }
}

const met = (value: number, target: number) => (value >= target ? "met" : "not met")

/** What the table says, against issue 13's targets (point reads ≥ 1.0×; pages ≥ 3× at 3,000, growing with size). */
const meaning = (rows: ReadonlyArray<Row>, load0: number): ReadonlyArray<string> => {
  const find = (kind: Kind, organizations: number) =>
    rows.find((r) => r.kind === kind && r.organizations === organizations)
  const ratio = (r: Row) => Report.median(r.ratios)
  const cpu = (xs: ReadonlyArray<Peer.LoadResult>) => Report.median(xs.map((x) => x.cpu))
  const [small, large] = [SIZES[0]!.organizations, SIZES[SIZES.length - 1]!.organizations]
  const out: Array<string> = []
  const get = find("get", small)
  if (get !== undefined) {
    out.push(
      `- Point reads at ${fmt(small)}: ours answers at **${Report.ratio(ratio(get))}** theirs' requests/s ` +
        `(target ≥ 1.00×: ${met(ratio(get), 1)}), and spends ${fmt(cpu(get.ours), 3)} ms of CPU per request ` +
        `against theirs' ${fmt(cpu(get.theirs), 3)} ms. A lookup by id is a map lookup in both; the difference is ` +
        "what each spends around it per request (HTTP stack, routing, authentication, encoding)."
    )
  }
  for (const kind of ["first", "walk"] as const) {
    const [a, b] = [find(kind, small), find(kind, large)]
    if (a === undefined || b === undefined) continue
    out.push(
      `- Pages (${kind === "first" ? "the first page" : "every page in turn"}): **${Report.ratio(ratio(a))}** at ${
        fmt(small)
      } (target ≥ 3.00×: ${met(ratio(a), 3)}), **${Report.ratio(ratio(b))}** at ${fmt(large)} ` +
        `(${ratio(b) > ratio(a) ? "growing" : "not growing"} with the collection). Per page, theirs' CPU goes from ${
          fmt(cpu(a.theirs), 1)
        } to ${fmt(cpu(b.theirs), 1)} ms (${Report.ratio(cpu(b.theirs) / cpu(a.theirs))} for ${
          Report.ratio(large / small)
        } the organizations), ours from ${fmt(cpu(a.ours), 2)} to ${fmt(cpu(b.ours), 2)} ms.`
    )
  }
  out.push(
    "- Why pages scale so differently: for every list request theirs copies and sorts the whole collection " +
      "(by creation time, then id), groups every organization's domains, and finds the `after` cursor by a linear " +
      "search, so a page costs O(n log n) in the collection's size n; ours seeks to the cursor in an ordered " +
      "index and encodes only the page (see \"Emulator throughput\"), so a page costs about the same at any size.",
    `- Noise: the machine is shared (load average ${load0.toFixed(1)} at the start), and this process, the ` +
      "client, competes with the servers for its CPUs, which bounds the requests/s of the cheapest requests (point " +
      "reads) more than the servers do. The per-round ratios above show the spread; the servers' CPU per request " +
      "moves less with the load than requests/s, and its ratio tells the same story."
  )
  return out
}

const main = async () => {
  const at = new Date()
  const cpu = lscpu()
  const load0 = os.loadavg()[0]!
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-peer-"))
  try {
    const rows: Array<Row> = []
    let keysUsed = 0
    for (const size of SIZES) {
      const measured = await measureSize(dir, size)
      rows.push(...measured.rows)
      keysUsed += measured.theirKeysUsed
    }
    const med = (xs: ReadonlyArray<Peer.LoadResult>, f: (r: Peer.LoadResult) => number) => Report.median(xs.map(f))
    const body = [
      Report.provenance(COMMAND, at, load0),
      ...cpu,
      "",
      `Both emulators seeded with the same organizations (two domains and three metadata keys each; ours with ` +
      `\`--seed\` (the fake's fixtures, \`--no-rate-limits\`), theirs, \`npx -y ${THEIRS} emulate --seed\`, with ` +
      `its seed file), each in its own process; the load from this process: node's HTTP client, ${CONNECTIONS} ` +
      `keep-alive connections, a fixed number of GETs per run (the column "requests"). ${ROUNDS} round${
        ROUNDS === 1 ? "" : "s"
      }, the two ` +
      "servers alternating in each (ours first in odd rounds), after a warm-up run of a tenth as many requests; " +
      "requests/s and server CPU per request (the server's process group, /proc) are medians over the rounds, the " +
      `ratios medians of each round's ratio. Random ids: a seeded PRNG (mulberry32, seed ${SEED}), the same ` +
      "organizations in the same order for both. Every answer was 200: theirs allows 1,000 requests per API key per " +
      `60 s, so it was seeded with enough keys for at most ${KEY_BUDGET} requests each (${keysUsed} keys used).` +
      (OURS_CMD === undefined ? "" : ` Ours: \`${OURS_CMD}\`.`),
      "",
      Report.table(
        [
          "organizations",
          "request",
          "requests",
          "ours: requests/s",
          `theirs (${THEIRS}): requests/s`,
          "ours ÷ theirs, requests/s",
          "server CPU per request, ours / theirs",
          "theirs ÷ ours, CPU"
        ],
        rows.map((r) => [
          fmt(r.organizations),
          r.label,
          fmt(r.ours[0]!.requests),
          fmt(med(r.ours, (x) => x.rps)),
          fmt(med(r.theirs, (x) => x.rps)),
          `**${Report.ratio(Report.median(r.ratios))}**`,
          `${fmt(med(r.ours, (x) => x.cpu), 3)} / ${fmt(med(r.theirs, (x) => x.cpu), 3)} ms`,
          Report.ratio(Report.median(r.cpuRatios))
        ])
      ),
      "",
      ...rows.map((r) =>
        `- ${fmt(r.organizations)} organizations, ${r.label}: ours÷theirs per round ${
          r.ratios.map((x) => x.toFixed(2)).join(", ")
        }; p50 ${fmt(med(r.ours, (x) => x.p50), 1)} ms against ${fmt(med(r.theirs, (x) => x.p50), 1)} ms; body ${
          fmt(med(r.ours, (x) => x.bytes) / 1024, 1)
        } KiB against ${fmt(med(r.theirs, (x) => x.bytes) / 1024, 1)} KiB.`
      ),
      ...meaning(rows, load0)
    ].join("\n")
    if (WRITE) Report.writeSection(SECTION, body)
    console.log(`\n## ${SECTION}\n\n${body}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
