/**
 * Where a point read's time goes in our emulator: `GET /organizations/{id}` on the floors it stands on (see
 * `internal/floor-server.ts`: `node:http` alone, `@effect/platform`'s router, an `HttpApiBuilder` endpoint, the same
 * behind five `HttpApiMiddleware`s), on our emulator and on WorkOS's (`npx -y workos@0.14.0 emulate`), all seeded
 * with the same 3,000 organizations, each in its own process, the same load (random ids from a seeded PRNG, 8
 * keep-alive connections). Every round runs every server once, in a rotating order; the figures are the servers'
 * CPU time per request (their process group, /proc), medians over the rounds, and each one's ratio to WorkOS's
 * emulator in the same round (median). CPU per request moves less with a shared machine's load than requests/s.
 *
 * Run (from the repo root): `node --import tsx bench/src/emulator-floor.ts`; it rewrites the section "## Emulator
 * point reads: where the time goes" of BENCHMARKS.md. `FLOOR_ROUNDS` (default 6), `FLOOR_REQUESTS` (default 10000),
 * `FLOOR_WRITE=0` prints instead.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as EmulatorProcess from "./internal/EmulatorProcess.js"
import * as Floor from "./internal/floor-server.js"
import * as Peer from "./internal/Peer.js"
import * as Report from "./internal/Report.js"

const ORGANIZATIONS = 3_000
const ROUNDS = Number(process.env["FLOOR_ROUNDS"] ?? 6)
const REQUESTS = Number(process.env["FLOOR_REQUESTS"] ?? 10_000)
const WRITE = process.env["FLOOR_WRITE"] !== "0"
const COMMAND = "node --import tsx bench/src/emulator-floor.ts"
const SECTION = "Emulator point reads: where the time goes"
const KEY_BUDGET = 900

const labels: Record<Floor.Mode | "ours" | "theirs", string> = {
  node: "`node:http` alone, the text from a `Map`",
  router: "+ `@effect/platform` `NodeHttpServer` and an `HttpRouter` route",
  api: "+ an `HttpApi` endpoint served by `HttpApiBuilder` (path schema)",
  middlewares: "+ five `HttpApiMiddleware`s, the first a bearer security providing a service",
  ours: "our emulator (`packages/emulator/src/bin.ts --no-rate-limits`)",
  theirs: "WorkOS's emulator (`workos@0.14.0 emulate`)"
}

/** What the table says about the target (our point reads at ≥ 1.0× WorkOS's emulator), from its own figures. */
const conclusions = (
  floor: ReadonlyArray<number>,
  ours: ReadonlyArray<number>,
  theirs: ReadonlyArray<number>
): Array<string> => {
  const median = Report.median
  const own = median(ours.map((c, i) => c - floor[i]!))
  return [
    `- The stack our emulator is declared on (\`HttpApiBuilder\` with its five route middlewares, answering from a ` +
    `\`Map\`) costs ${Report.ratio(median(floor.map((c, i) => c / theirs[i]!)))} of WorkOS's emulator's whole ` +
    `request; our emulator's own work on top of it (its \`HttpApp\` steps: request id, exchange, journal, ` +
    `environment, latency and fault checks; the fake's call; encoding) adds ${own.toFixed(3)} ms per request, ` +
    `${Math.round((100 * own) / median(ours))} % of its CPU.`,
    `- So point reads at ≥ 1.00× theirs would leave our own work at most ` +
    `${Math.max(0, median(theirs.map((c, i) => c - floor[i]!))).toFixed(3)} ms per request on this stack.`
  ]
}

const main = async () => {
  const at = new Date()
  const load0 = os.loadavg()[0]!
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-floor-"))
  const orgs = EmulatorProcess.organizations(ORGANIZATIONS)
  const theirKeys = Array.from(
    { length: Math.ceil(((ROUNDS + 1) * REQUESTS + ORGANIZATIONS) / KEY_BUDGET) + 2 },
    (_, i) => `sk_test_bench_floor_${String(i).padStart(4, "0")}`
  )
  const { ours: seed, theirs: theirSeed } = Peer.seedFiles(dir, ORGANIZATIONS, theirKeys)
  const ready = (line: string) => /listening on (http:\/\/\S+)/.exec(line)?.[1]
  const node = process.execPath
  const floors = await Promise.all(Floor.modes.map((mode) =>
    Peer.spawn({
      name: mode,
      command: `${node} --import tsx bench/src/internal/floor-server.ts ${mode} ${seed}`,
      cwd: Report.root,
      ready,
      timeoutMs: 120_000
    })
  ))
  const ours = await Peer.spawn({
    name: "ours",
    command: `${node} --import tsx packages/emulator/src/bin.ts --port 0 --seed ${seed} --no-rate-limits`,
    cwd: Report.root,
    ready,
    timeoutMs: 120_000
  })
  const theirs = await Peer.startTheirs(theirSeed)
  const servers = [...floors, ours, theirs]
  try {
    const seedIds = orgs.map((o) => o.id)
    const oursKeys = new Peer.Keys(["sk_test_bench_floor"], Number.POSITIVE_INFINITY)
    const theirKeyRing = new Peer.Keys(theirKeys, KEY_BUDGET)
    const keysOf = (s: Peer.Server) => s === theirs ? theirKeyRing : oursKeys
    const ids = new Map<Peer.Server, ReadonlyArray<string>>(floors.map((f) => [f, seedIds]))
    ids.set(ours, (await Peer.discover(ours, oursKeys, ORGANIZATIONS)).ids)
    ids.set(theirs, (await Peer.discover(theirs, theirKeyRing, ORGANIZATIONS)).ids)
    const random = Peer.prng(13)
    const picks = Array.from({ length: REQUESTS }, () => Math.floor(random() * ORGANIZATIONS))
    const cpu = new Map<Peer.Server, Array<number>>(servers.map((s) => [s, []]))
    for (let round = 0; round <= ROUNDS; round++) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!)
      for (const server of order) {
        const serverIds = ids.get(server)!
        const result = await Peer.load({
          server,
          keys: keysOf(server),
          paths: picks.map((i) => `/organizations/${serverIds[i]}`),
          connections: 8,
          requests: round === 0 ? REQUESTS / 10 : REQUESTS
        })
        const bad = Object.keys(result.statuses).filter((status) => status !== "200")
        if (bad.length > 0) throw new Error(`${server.name}: statuses ${JSON.stringify(result.statuses)}`)
        if (round > 0) cpu.get(server)!.push(result.cpu)
      }
    }
    const theirCpu = cpu.get(theirs)!
    const rows = servers.map((s) => {
      const own = cpu.get(s)!
      return [
        labels[s.name as keyof typeof labels],
        `${Report.median(own).toFixed(3)} ms`,
        Report.ratio(Report.median(own.map((c, i) => c / theirCpu[i]!)))
      ]
    })
    const body = [
      Report.provenance(COMMAND, at, load0),
      "",
      `${ORGANIZATIONS.toLocaleString("en-US")} organizations, \`GET /organizations/{id}\` for ids drawn by a seeded ` +
      `PRNG, ${REQUESTS.toLocaleString("en-US")} requests per server per round over 8 keep-alive connections, ` +
      `${ROUNDS} rounds after a warm-up (every server once per round, in a rotating order). Server CPU time per ` +
      "request (its process group), median over the rounds; the ratio is to WorkOS's emulator in the same round " +
      "(median), so below 1.00× costs less than theirs.",
      "",
      Report.table(["server", "CPU per request", "÷ WorkOS's emulator"], rows),
      "",
      ...conclusions(cpu.get(floors[floors.length - 1]!)!, cpu.get(ours)!, theirCpu)
    ].join("\n")
    if (WRITE) Report.writeSection(SECTION, body)
    console.log(body)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
