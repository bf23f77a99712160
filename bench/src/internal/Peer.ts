/**
 * For `peer.ts`: an emulator (ours, or WorkOS's `workos emulate`) as a child process in a process group of its own,
 * the discovery of what it holds (ids and page cursors, from its own answers), and the load: a fixed number of GETs
 * over keep-alive connections, with the API key rotated so that no key exceeds a per-key request budget.
 */
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import * as readline from "node:readline"
import * as EmulatorProcess from "./EmulatorProcess.js"
import * as Load from "./Load.js"

export interface Server {
  readonly name: string
  readonly baseUrl: string
  /** User + system CPU time so far of every process in the server's process group, in milliseconds (Linux). */
  readonly cpuMillis: () => number
  readonly stop: () => Promise<void>
}

const TICKS_PER_SECOND = 100

/** The CPU time of every live process whose process group is `pgid` (from /proc/PID/stat). */
const groupCpuMillis = (pgid: number): number => {
  let ticks = 0
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
    } catch {
      continue // it exited meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12])
  }
  return (ticks * 1000) / TICKS_PER_SECOND
}

/** A port nobody listens on right now (the OS's pick for port 0). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

/**
 * Runs `command` through `sh -c` in a new process group and waits until `ready` finds the base URL in one of its
 * stdout lines (at most `timeoutMs`). `stop` sends SIGTERM to that group and waits for the shell to exit.
 */
export const spawn = (options: {
  readonly name: string
  readonly command: string
  readonly cwd: string
  readonly ready: (line: string) => string | undefined
  readonly timeoutMs: number
}): Promise<Server> =>
  new Promise((resolve, reject) => {
    const proc = child.spawn("sh", ["-c", `exec ${options.command}`], {
      cwd: options.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "inherit"]
    })
    const pgid = proc.pid!
    const stop = () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return done()
        proc.once("exit", () => done())
        try {
          process.kill(-pgid, "SIGTERM")
        } catch {
          done()
        }
      })
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`${options.name} did not say it was listening within ${options.timeoutMs} ms`))
    }, options.timeoutMs)
    const lines = readline.createInterface({ input: proc.stdout! })
    let started = false
    lines.on("line", (line) => {
      if (started) return
      const baseUrl = options.ready(line)
      if (baseUrl === undefined) return
      started = true
      clearTimeout(timer)
      proc.stdout!.resume()
      resolve({ name: options.name, baseUrl, cpuMillis: () => groupCpuMillis(pgid), stop })
    })
    proc.once("exit", (code, signal) => {
      clearTimeout(timer)
      if (!started) reject(new Error(`${options.name} exited with ${code ?? signal} before listening`))
    })
  })

/**
 * Hands out API keys, each for at most `budget` requests, then the next one; fails when none are left (so a run
 * that would need more keys than were seeded says so instead of meeting 429s).
 */
export class Keys {
  private index = 0
  private used = 0
  constructor(private readonly keys: ReadonlyArray<string>, private readonly budget: number) {}
  next(): string {
    if (this.used >= this.budget) {
      this.index += 1
      this.used = 0
    }
    const key = this.keys[this.index]
    if (key === undefined) throw new Error(`all ${this.keys.length} API keys have used their ${this.budget} requests`)
    this.used += 1
    return key
  }
  /** How many keys have been used so far. */
  get count(): number {
    return this.index + 1
  }
}

interface Page {
  readonly data: ReadonlyArray<{ readonly id: string; readonly external_id: string | null }>
  readonly list_metadata: { readonly after: string | null }
}

export interface Contents {
  /** Organization ids by the seed's index (read from `external_id`, `bench-<index>`). */
  readonly ids: ReadonlyArray<string>
  /** The path of every page of `GET /organizations?limit=100`, in the server's own (default) order and cursors. */
  readonly pages: ReadonlyArray<string>
}

/** Walks the whole collection once, 100 per page, following the server's `list_metadata.after`. */
export const discover = async (server: Server, keys: Keys, count: number): Promise<Contents> => {
  const ids: Array<string> = new Array<string>(count)
  const pages: Array<string> = []
  let after: string | null = null
  let seen = 0
  do {
    const path: string = `/organizations?limit=100${after === null ? "" : `&after=${after}`}`
    pages.push(path)
    const response = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${keys.next()}` } })
    if (response.status !== 200) throw new Error(`${server.name}: GET ${path} answered ${response.status}`)
    const page = (await response.json()) as Page
    for (const org of page.data) {
      const index = Number(/^bench-(\d+)$/.exec(org.external_id ?? "")?.[1] ?? Number.NaN)
      if (!(index >= 0 && index < count)) throw new Error(`${server.name}: unexpected organization ${org.id}`)
      ids[index] = org.id
      seen += 1
    }
    after = page.list_metadata.after
  } while (after !== null)
  if (seen !== count || ids.some((id) => id === undefined)) {
    throw new Error(`${server.name}: listed ${seen} organizations, seeded ${count}`)
  }
  return { ids, pages }
}

export interface LoadResult {
  readonly requests: number
  readonly ms: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  /** The server's CPU time per request, in milliseconds. */
  readonly cpu: number
  readonly statuses: Readonly<Record<string, number>>
  /** Bytes of response body, per request. */
  readonly bytes: number
}

/**
 * Sends `requests` GETs for `paths` (cycling) over `connections` keep-alive connections, each connection sending its
 * next request as soon as its previous answer has been read.
 */
export const load = async (options: {
  readonly server: Server
  readonly keys: Keys
  readonly paths: ReadonlyArray<string>
  readonly connections: number
  readonly requests: number
}): Promise<LoadResult> => {
  const cpu0 = options.server.cpuMillis()
  const measured = await Load.drive({
    baseUrl: options.server.baseUrl,
    paths: options.paths,
    connections: options.connections,
    more: (sent) => sent < options.requests,
    apiKey: () => options.keys.next()
  })
  const cpu = options.server.cpuMillis() - cpu0
  return { ...measured, cpu: measured.requests === 0 ? 0 : cpu / measured.requests }
}

/** A seeded PRNG (mulberry32): the same seed gives both servers the same sequence of organizations. */
export const prng = (seed: number): () => number => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** WorkOS's own emulator, the peer: the npm package and version that ship it. */
export const THEIRS = "workos@0.14.0"

/** The same organizations in each emulator's seed format: ours (the fake's Fixtures) and theirs. */
export const seedFiles = (dir: string, organizations: number, theirKeys: ReadonlyArray<string>) => {
  const orgs = EmulatorProcess.organizations(organizations)
  const ours = path.join(dir, `ours-${organizations}.json`)
  const theirs = path.join(dir, `theirs-${organizations}.json`)
  fs.writeFileSync(ours, JSON.stringify({ organizations: orgs }))
  fs.writeFileSync(
    theirs,
    JSON.stringify({
      apiKeys: Object.fromEntries(theirKeys.map((key) => [key, { environment: "test" }])),
      organizations: orgs.map((o) => ({
        name: o.name,
        external_id: o.externalId,
        metadata: o.metadata,
        domains: o.domains.map((d) => ({ domain: d.domain, state: d.state }))
      }))
    })
  )
  return { ours, theirs }
}

/** WorkOS's emulator on a free port, seeded from `seed` (its own format, see {@link seedFiles}). */
export const startTheirs = async (seed: string) => {
  const port = await freePort()
  return spawn({
    name: "theirs",
    command: `npx -y ${THEIRS} emulate --port ${port} --json --seed ${seed}`,
    cwd: os.tmpdir(),
    ready: (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: unknown }
        return typeof parsed.url === "string" ? `http://127.0.0.1:${port}` : undefined
      } catch {
        return undefined
      }
    },
    timeoutMs: 300_000
  })
}
