/**
 * `pnpm bench`: runs every bench program of this folder, one after the other (never two at once, so they do not
 * compete for the CPU), each in its own Node process with `--expose-gc`. Ours first (streaming, client overhead,
 * fan-out), then the others in alphabetical order. Each writes its own sections of BENCHMARKS.md.
 *
 * `pnpm bench stream fanout` runs only those.
 */
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const here = import.meta.dirname
const first = ["stream.ts", "overhead.ts", "fanout.ts"]
/** Not programs of their own: `emulator-load.ts` is the load driver `emulator-rps.ts` spawns. */
const helpers = ["all.ts", "emulator-load.ts"]
const programs = [
  ...first,
  ...fs.readdirSync(here).filter((f) => f.endsWith(".ts") && !helpers.includes(f) && !first.includes(f)).sort()
]
const only = process.argv.slice(2).map((name) => (name.endsWith(".ts") ? name : `${name}.ts`))
const selected = only.length === 0 ? programs : programs.filter((p) => only.includes(p))

let failed = 0
for (const program of selected) {
  console.log(`\n=== bench/src/${program} ===`)
  const result = child.spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", path.join(here, program)],
    { stdio: "inherit", cwd: path.join(here, "..", "..") }
  )
  if (result.status !== 0) {
    failed++
    console.error(`bench/src/${program} exited with ${result.status ?? result.signal}`)
  }
}
if (failed > 0) process.exit(1)
