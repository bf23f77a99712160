/**
 * The load driver of `emulator-rps.ts`, run in its own process so that it shares neither the event loop nor the CPU
 * accounting with the emulator: `connections` keep-alive connections (node's HTTP client) send GETs for `paths`
 * (cycling) until `maxRequests` are done or `maxMillis` have passed, whichever is first. Prints one JSON line:
 * requests completed, elapsed time, requests per second, latency percentiles and the statuses seen.
 *
 * Run: `node --import tsx bench/src/emulator-load.ts '<json options>'` (the bench does it for you).
 */
import { performance } from "node:perf_hooks"
import * as Load from "./internal/Load.js"

export interface LoadOptions {
  readonly baseUrl: string
  readonly apiKey: string
  readonly paths: ReadonlyArray<string>
  readonly connections: number
  readonly maxRequests: number
  readonly maxMillis: number
}

export type LoadResult = Load.Measured

const run = (options: LoadOptions): Promise<LoadResult> => {
  const deadline = performance.now() + options.maxMillis
  return Load.drive({
    baseUrl: options.baseUrl,
    paths: options.paths,
    connections: options.connections,
    more: (sent) => sent < options.maxRequests && performance.now() < deadline,
    apiKey: () => options.apiKey
  })
}

const input = process.argv[2]
if (input !== undefined) {
  run(JSON.parse(input) as LoadOptions).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`load driver failed: ${String(error)}\n`)
      process.exit(1)
    }
  )
}
