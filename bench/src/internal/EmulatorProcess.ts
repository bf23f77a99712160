/**
 * The emulator in its own process (`packages/emulator/src/bin.ts`), so that the clients measured here share neither
 * the event loop nor the CPU accounting of this process with the server. Plus the few control-API calls the
 * benches need.
 */
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as readline from "node:readline"
import { root } from "./Report.js"

export interface Emulator {
  readonly baseUrl: string
  readonly host: string
  readonly port: number
  /** Calls the control API (`/_emulator/<route>`) of `apiKey`'s environment. */
  readonly control: (apiKey: string, route: string, method: string, body?: unknown) => Promise<unknown>
  /** The HTTP journal of `apiKey`'s environment (up to 10,000 most recent API requests). */
  readonly journal: (apiKey: string) => Promise<ReadonlyArray<JournalEntry>>
  /** The emulator process's user + system CPU time so far, in milliseconds (Linux only: /proc/PID/stat). */
  readonly cpuMillis: () => number
  readonly stop: () => Promise<void>
  /** Its process id. */
  readonly pid: number
}

export interface JournalEntry {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly operation: string
  readonly status: number | null
}

const TICKS_PER_SECOND = 100

/** Starts `bin.ts --port 0 …args` and waits for its "listening on" line. */
export const start = async (args: ReadonlyArray<string> = []): Promise<Emulator> => {
  const proc = child.spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "packages", "emulator", "src", "bin.ts"), "--port", "0", ...args],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] }
  )
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: proc.stdout! })
    lines.once("line", (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line)
      if (match === null) reject(new Error(`unexpected first line from the emulator: ${line}`))
      else resolve(match[1]!)
    })
    proc.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)))
  })
  const url = new URL(baseUrl)
  const control = async (apiKey: string, route: string, method: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/_emulator/${route}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /_emulator/${route} answered ${response.status}: ${text}`)
    return text === "" ? undefined : JSON.parse(text)
  }
  return {
    baseUrl,
    host: url.hostname,
    port: Number(url.port),
    control,
    journal: async (apiKey) => ((await control(apiKey, "journal", "GET")) as { data: Array<JournalEntry> }).data,
    cpuMillis: () => {
      const stat = fs.readFileSync(`/proc/${proc.pid}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
    },
    pid: proc.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve()
        proc.once("exit", () => resolve())
        proc.kill("SIGTERM")
      })
  }
}

/** `org_` plus a valid ULID: a fixed time part and `i` as the random part, so ids sort by `i`. */
export const organizationId = (i: number): string => `org_01J${String(i).padStart(23, "0")}`

/** Organizations shaped like real ones (two domains, a few metadata keys), with the ids of {@link organizationId}. */
export const organizations = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: organizationId(i),
    name: `Bench Customer ${i} Inc.`,
    externalId: `bench-${i}`,
    domains: [
      { domain: `customer-${i}.example`, state: "verified" },
      { domain: `customer-${i}-eu.example`, state: "pending" }
    ],
    metadata: { plan: ["team", "business", "enterprise"][i % 3]!, region: "eu-west", seats: String(10 + (i % 500)) }
  }))
