/**
 * Fan-out: 1,000 organizations, each one's API keys listed, 16 at a time, through our client with its rate limiter
 * on (WorkOS's documented 6,000 requests per minute) against the emulator enforcing the same limit per key, with
 * 20 ms of latency per request. Wall time, requests per second, and the number of 429 answers (from the emulator's
 * journal).
 *
 * Run (from the repo root): `node --import tsx bench/src/fanout.ts`; `pnpm bench` runs it with the others and
 * writes the section "Fan-out" of BENCHMARKS.md.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Clients from "./internal/Clients.js"
import * as EmulatorProcess from "./internal/EmulatorProcess.js"
import * as Raw from "./internal/Raw.js"
import * as Report from "./internal/Report.js"

const ORGANIZATIONS = 1_000
const CONCURRENCY = 16
const LATENCY = 20
const ROUNDS = 3

/** 1 to 3 keys per organization. */
const apiKeys = () =>
  Array.from({ length: ORGANIZATIONS }, (_, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, k) => ({
      organizationId: EmulatorProcess.organizationId(i),
      name: `key-${k}`
    }))).flat()

const main = async () => {
  const at = new Date(await Effect.runPromise(Clock.currentTimeMillis))
  const emulator = await EmulatorProcess.start()
  try {
    const results: Array<{ ms: number; requests: number; rateLimited: number; keys: number }> = []
    const raw: Array<number> = []
    /** A fresh environment (and so a full rate-limit budget). */
    const environment = async (key: string) => {
      await emulator.control(key, "seed", "POST", {
        organizations: EmulatorProcess.organizations(ORGANIZATIONS),
        apiKeys: apiKeys()
      })
      await emulator.control(key, "latency", "PUT", { _tag: "Fixed", millis: LATENCY })
    }
    for (let round = 1; round <= ROUNDS; round++) {
      const rawKey = `sk_test_bench_fanout_raw_${round}`
      await environment(rawKey)
      const bare = await Report.time(() => Raw.fanOut(emulator, rawKey, CONCURRENCY))
      raw.push(bare.ms)
      const key = `sk_test_bench_fanout_${round}`
      await environment(key)
      const runtime = Clients.ours(emulator, key)
      const { ms, value: keys } = await Report.time(() =>
        runtime.runPromise(
          Effect.flatMap(Clients.Organizations, (organizations) =>
            organizations.listOrganizations().pipe(
              Stream.mapEffect(
                (organization) =>
                  Stream.runCount(organizations.listOrganizationApiKeys({ organizationId: organization.id })),
                { concurrency: CONCURRENCY }
              ),
              Stream.runSum
            ))
        )
      )
      await runtime.dispose()
      const journal = await emulator.journal(key)
      results.push({ ms, keys, requests: journal.length, rateLimited: journal.filter((e) => e.status === 429).length })
      console.log(
        `round ${round}: ours ${Report.ms(ms)}, ${journal.length} requests, ${results.at(-1)!.rateLimited} ` +
          `answered 429, ${keys} keys; bare fetch pool ${Report.ms(bare.ms)}`
      )
    }
    const expectedKeys = apiKeys().length
    if (results.some((r) => r.keys !== expectedKeys)) throw new Error(`expected ${expectedKeys} keys in every round`)
    const ms = Report.median(results.map((r) => r.ms))
    const rawMs = Report.median(raw)
    const requests = results[0]!.requests
    const rateLimited = results.reduce((n, r) => n + r.rateLimited, 0)
    const pages = Math.ceil(ORGANIZATIONS / 100)
    const floor = Math.ceil(ORGANIZATIONS / CONCURRENCY) * LATENCY
    const body = [
      Report.provenance("node --import tsx bench/src/fanout.ts", at),
      "",
      `${ORGANIZATIONS.toLocaleString("en-US")} organizations (${expectedKeys.toLocaleString("en-US")} API keys), ` +
      `\`listOrganizations()\` → \`Stream.mapEffect(listOrganizationApiKeys, { concurrency: ${CONCURRENCY} })\`, ` +
      `our client with its defaults (rate limiter at 6,000 requests per 60 s, retries on), the emulator in its own ` +
      `process with ${LATENCY} ms latency per request and WorkOS's rate limit (6,000 per 60 s per key, a token ` +
      `bucket). A fresh environment per round; median of ${ROUNDS} rounds.`,
      "",
      Report.table(["measure", "value"], [
        ["requests per run", `${requests.toLocaleString("en-US")} (${pages} organization pages + 1 key list each)`],
        ["wall time (median)", Report.ms(ms)],
        ["requests per second", Math.round(requests / (ms / 1000)).toLocaleString("en-US")],
        ["429 answers, all rounds", String(rateLimited)],
        [`floor: ⌈${ORGANIZATIONS} / ${CONCURRENCY}⌉ × ${LATENCY} ms`, Report.ms(floor)],
        [`baseline: a bare \`fetch\` pool of ${CONCURRENCY}, same requests (median)`, Report.ms(rawMs)],
        ["ours ÷ baseline", Report.ratio(ms / rawMs)]
      ]),
      "",
      `- ${rateLimited === 0 ? "**Zero 429s**" : `**${rateLimited} answers were 429**`}: every request stayed ` +
      `within the per-key budget. One run (${requests.toLocaleString("en-US")} requests) fits in a single 60-second ` +
      `window of 6,000, so the client-side limiter never had to delay a request here; it bounds a longer or wider ` +
      `fan-out to the budget instead of letting the server answer 429.`,
      `- The requests per second are a burst: WorkOS's budget is 6,000 per minute (100 per second sustained), which ` +
      `this run spends ${(requests / 60).toFixed(0)} per second of — about ${Math.round((requests / 6000) * 100)}% ` +
      `of one minute's budget in ${(ms / 1000).toFixed(1)} s.`
    ].join("\n")
    console.log(`\n${body}`)
    Report.writeSection("Fan-out", body)
  } finally {
    await emulator.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
