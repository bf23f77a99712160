/**
 * The load driver of `emulator-rps.ts`, run in its own process so that it shares neither the event loop nor the CPU
 * accounting with the emulator: `connections` keep-alive connections (node's HTTP client) send GETs for `paths`
 * (cycling) until `maxRequests` are done or `maxMillis` have passed, whichever is first. Prints one JSON line:
 * requests completed, elapsed time, requests per second, latency percentiles and the statuses seen.
 *
 * Run: `node --import tsx bench/src/emulator-load.ts '<json options>'` (the bench does it for you).
 */
import * as http from "node:http"
import { performance } from "node:perf_hooks"

export interface LoadOptions {
  readonly baseUrl: string
  readonly apiKey: string
  readonly paths: ReadonlyArray<string>
  readonly connections: number
  readonly maxRequests: number
  readonly maxMillis: number
}

export interface LoadResult {
  readonly requests: number
  readonly ms: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly statuses: Record<string, number>
  /** Bytes of response body, per request. */
  readonly bytes: number
}

const run = async (options: LoadOptions): Promise<LoadResult> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const headers = { authorization: `Bearer ${options.apiKey}` }
  const latencies: Array<number> = []
  const statuses: Record<string, number> = {}
  let bytes = 0
  let next = 0
  const start = performance.now()
  const deadline = start + options.maxMillis

  const one = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const sent = performance.now()
      const request = http.get(options.baseUrl + path, { agent, headers }, (response) => {
        response.on("data", (chunk: Buffer) => (bytes += chunk.length))
        response.on("end", () => {
          latencies.push(performance.now() - sent)
          const status = String(response.statusCode)
          statuses[status] = (statuses[status] ?? 0) + 1
          resolve()
        })
        response.on("error", reject)
      })
      request.on("error", reject)
    })

  const worker = async () => {
    while (next < options.maxRequests && performance.now() < deadline) {
      const path = options.paths[next % options.paths.length]!
      next += 1
      await one(path)
    }
  }
  await Promise.all(Array.from({ length: options.connections }, worker))
  const ms = performance.now() - start
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return {
    requests: latencies.length,
    ms,
    rps: (latencies.length * 1000) / ms,
    p50: at(0.5),
    p99: at(0.99),
    statuses,
    bytes: latencies.length === 0 ? 0 : bytes / latencies.length
  }
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
