/**
 * The keep-alive GET loop both load drivers use (`emulator-load.ts` for `emulator-rps.ts`, `Peer.ts` for `peer.ts`):
 * `connections` keep-alive connections (node's HTTP client), each sending its next request as soon as its previous
 * answer has been read, cycling through `paths` while `more(sent)` holds; latency percentiles, statuses and body bytes.
 */
import * as http from "node:http"
import { performance } from "node:perf_hooks"

export interface Loop {
  readonly baseUrl: string
  readonly paths: ReadonlyArray<string>
  readonly connections: number
  /** Whether to send another request, given how many were sent. */
  readonly more: (sent: number) => boolean
  /** The API key of the next request. */
  readonly apiKey: () => string
}

export interface Measured {
  readonly requests: number
  readonly ms: number
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly statuses: Record<string, number>
  /** Bytes of response body, per request. */
  readonly bytes: number
}

export const drive = async (options: Loop): Promise<Measured> => {
  const url = new URL(options.baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const latencies: Array<number> = []
  const statuses: Record<string, number> = {}
  let bytes = 0
  let next = 0
  const one = (path: string, apiKey: string) =>
    new Promise<void>((resolve, reject) => {
      const sent = performance.now()
      const request = http.get({
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname.replace(/\/$/, "") + path,
        headers: { authorization: `Bearer ${apiKey}` }
      }, (response) => {
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
    while (options.more(next)) {
      const path = options.paths[next % options.paths.length]!
      next += 1
      await one(path, options.apiKey())
    }
  }
  const start = performance.now()
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
