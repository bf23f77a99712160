/**
 * The baseline no client can beat by much: `fetch` and `JSON.parse`, with no decoding, validation, retries, rate
 * limiting or spans. Measured in the same run as the clients, it includes the emulator's own time per request, so
 * "ours ÷ raw" is what our client adds.
 */
import type { Emulator } from "./EmulatorProcess.js"

const headers = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` })

/** Walks `/organizations` with `limit` per page; returns how many organizations came back. */
export const listAll = async (emulator: Emulator, apiKey: string, limit = 100): Promise<number> => {
  let after: string | null = null
  let count = 0
  do {
    const query: string = `limit=${limit}&order=desc${after === null ? "" : `&after=${after}`}`
    const page = (await (await fetch(`${emulator.baseUrl}/organizations?${query}`, { headers: headers(apiKey) }))
      .json()) as { data: Array<unknown>; list_metadata: { after: string | null } }
    count += page.data.length
    after = page.list_metadata.after
  } while (after !== null)
  return count
}

/** `GET /organizations/{id}`, parsed. */
export const get = async (emulator: Emulator, apiKey: string, id: string): Promise<unknown> =>
  (await fetch(`${emulator.baseUrl}/organizations/${id}`, { headers: headers(apiKey) })).json()

/** Lists every organization, then each one's API keys, `concurrency` at a time; returns the number of keys. */
export const fanOut = async (emulator: Emulator, apiKey: string, concurrency: number): Promise<number> => {
  const ids: Array<string> = []
  let after: string | null = null
  do {
    const query: string = `limit=100&order=desc${after === null ? "" : `&after=${after}`}`
    const page = (await (await fetch(`${emulator.baseUrl}/organizations?${query}`, { headers: headers(apiKey) }))
      .json()) as { data: Array<{ id: string }>; list_metadata: { after: string | null } }
    ids.push(...page.data.map((o) => o.id))
    after = page.list_metadata.after
  } while (after !== null)
  let next = 0
  let keys = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < ids.length) {
      const id = ids[next++]!
      const page = (await (await fetch(`${emulator.baseUrl}/organizations/${id}/api_keys?limit=100&order=desc`, {
        headers: headers(apiKey)
      })).json()) as { data: Array<unknown> }
      keys += page.data.length
    }
  }))
  return keys
}
