/**
 * Shared by the bench programs: the machine description, timing helpers and the writer of one section of
 * BENCHMARKS.md (each program owns its sections and rewrites only those).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"

/** The repository root. */
export const root = path.join(import.meta.dirname, "..", "..", "..")

/** BENCHMARKS.md at the repository root. */
export const file = path.join(root, "BENCHMARKS.md")

const HEADER = `# Benchmarks

Measured by \`pnpm bench\` (the programs in \`bench/src/\`). Every ratio compares two things measured in the same run on
the same machine; absolute times vary from machine to machine, the ratios much less. Each section says the machine,
the date and the command that produced it.
`

/** `nproc`, the CPU model from /proc/cpuinfo and the Node version. */
export const machine = (): string => {
  let model = os.cpus()[0]?.model ?? "unknown CPU"
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"))
    if (line !== undefined) model = line.slice(line.indexOf(":") + 1).trim()
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  return `${os.availableParallelism()} CPUs (nproc), ${model}, Node ${process.version}, ${os.platform()} ${os.arch()}`
}

/** Milliseconds elapsed while `f` runs. */
export const time = async <A>(f: () => Promise<A>): Promise<{ readonly ms: number; readonly value: A }> => {
  const start = performance.now()
  const value = await f()
  return { ms: performance.now() - start, value }
}

/** The median of some numbers. */
export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** `1234.5` → `"1,235 ms"`. */
export const ms = (n: number): string => `${Math.round(n).toLocaleString("en-US")} ms`

/** A ratio with two decimals. */
export const ratio = (n: number): string => `${n.toFixed(2)}×`

/** A Markdown table. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`)
  ].join("\n")

/**
 * The provenance line every section starts with; `load` is the 1-minute load average to report (by default, the
 * current one; pass the one read when the run started).
 */
export const provenance = (command: string, at: Date, load: number = os.loadavg()[0]!): string =>
  `Measured ${at.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()}, load average ` +
  `${load.toFixed(1)} at the start, with \`${command}\`.`

/**
 * Replaces the section `## <title>` of BENCHMARKS.md (up to the next `## ` heading) with `body`, or appends it;
 * creates the file with a short header when it does not exist. Other sections are left as they are.
 */
export const writeSection = (title: string, body: string): void => {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER
  const lines = text.split("\n")
  const heading = `## ${title}`
  const start = lines.findIndex((l) => l.trim() === heading)
  const section = [heading, "", body.trim(), ""]
  if (start === -1) {
    const out = text.endsWith("\n") ? text : `${text}\n`
    fs.writeFileSync(file, `${out}\n${section.join("\n")}`)
    return
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "))
  if (end === -1) end = lines.length
  const next = [...lines.slice(0, start), ...section, ...lines.slice(end)]
  fs.writeFileSync(file, next.join("\n").replace(/\n{3,}/g, "\n\n").replace(/\n*$/, "\n"))
}
