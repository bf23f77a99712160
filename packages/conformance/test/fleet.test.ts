/**
 * The fleet-wide budget (issue 15), with processes, not fibers: four `fleetWorker.ts` processes with one API key,
 * each wanting 3,000 calls in a tight loop, against the emulator with WorkOS's limits scaled down to 100 requests
 * per 2 s. Sharing the budget through Redis, the emulator answers no 429 and its journal holds no 2 s window over
 * 100; with each process's in-memory limiter (four budgets), it answers 429s. Redis killed mid-run: the processes
 * that fail open go on (with a warning), those that fail closed get `RequestFailed`, none hangs and none dies.
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Path from "node:path"
import * as RedisServer from "../../http/test/utils/RedisServer.js"
import { busiest } from "../../http/test/utils/Windows.js"
import * as Control from "./support/control.js"

const ROOT = Path.join(import.meta.dirname, "../../..")
const LIMIT = 100
// the in-memory round's budget: four processes each keeping to it send up to four times the server's
const SMALL_LIMIT = 20
const WINDOW = 2_000
// Five processes share two CPUs with the emulator (and whatever else runs): a request may reach the emulator up to
// 1 s after its token (half the window) without the budget being exceeded
const SLACK = 0.5

interface Report {
  readonly outcomes: Readonly<Record<string, number>>
  readonly warnings: number
}

interface Worker {
  /** Runs one round with these settings (over the defaults) and answers its report. */
  readonly round: (settings: Record<string, unknown> & { readonly seconds: number }) => Effect.Effect<Report, Error>
}

/** Starts a worker process and waits until it is ready (at most 60 s: tsx compiles it first); kills it with the scope. */
const startWorker = Effect.gen(function*() {
  const child = yield* Effect.acquireRelease(
    Effect.sync(() =>
      ChildProcess.spawn(
        Path.join(ROOT, "node_modules/.bin/tsx"),
        ["packages/conformance/test/support/fleetWorker.ts"],
        {
          cwd: ROOT,
          stdio: ["pipe", "pipe", "pipe"]
        }
      )
    ),
    (child) => Effect.sync(() => child.kill("SIGKILL"))
  )
  let buffer = ""
  let stderr = ""
  const waiting: Array<(line: string) => void> = []
  const lines: Array<string> = []
  child.stderr.on("data", (chunk) => (stderr = (stderr + String(chunk)).slice(-2_000)))
  child.stdout.on("data", (chunk) => {
    buffer += String(chunk)
    let newline: number
    while ((newline = buffer.indexOf("\n")) !== -1) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      const next = waiting.shift()
      if (next === undefined) lines.push(line)
      else next(line)
    }
  })
  const nextLine = (timeout: Duration.Duration) =>
    Effect.async<string, Error>((resume) => {
      const line = lines.shift()
      if (line !== undefined) return resume(Effect.succeed(line))
      waiting.push((line) => resume(Effect.succeed(line)))
      child.once("exit", (code) => resume(Effect.fail(new Error(`worker exited with ${code}: ${stderr}`))))
    }).pipe(Effect.timeoutFail({ duration: timeout, onTimeout: () => new Error(`a worker hung: ${stderr}`) }))
  const ready = yield* nextLine(Duration.seconds(60))
  if (ready !== "ready") return yield* Effect.fail(new Error(`worker said ${ready}`))
  return {
    round: (settings) =>
      Effect.zipRight(
        Effect.sync(() =>
          child.stdin.write(
            JSON.stringify({ limit: LIMIT, windowMillis: WINDOW, slack: SLACK, wants: 3_000, ...settings }) + "\n"
          )
        ),
        Effect.map(nextLine(Duration.seconds(settings.seconds + 30)), (line) => JSON.parse(line) as Report)
      )
  } satisfies Worker
})

/** One round on every worker at once, worker `i` with `settings(i)`. */
const fleet = (
  workers: ReadonlyArray<Worker>,
  settings: (i: number) => Record<string, unknown> & { readonly seconds: number }
) => Effect.forEach(workers, (worker, i) => worker.round(settings(i)), { concurrency: "unbounded" })

const total = (reports: ReadonlyArray<Report>, outcome: string) =>
  reports.reduce((sum, report) => sum + (report.outcomes[outcome] ?? 0), 0)

const outcomesOf = (reports: ReadonlyArray<Report>) =>
  new Set(reports.flatMap((report) => Object.keys(report.outcomes)))

describe("four processes, one key, one budget", () => {
  it.scopedLive(
    "through Redis: no 429, no window over the budget; in memory: 429s; Redis killed: each policy holds",
    () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.start({ rateLimits: { requests: LIMIT, windowSeconds: WINDOW / 1000 } })
        const redis = yield* RedisServer.start
        const workers = yield* Effect.all(Array.from({ length: 4 }, () => startWorker), { concurrency: "unbounded" })

        const sharedKey = "sk_test_fleet_shared"
        const shared = yield* fleet(workers, () => ({
          baseUrl: emulator.baseUrl,
          apiKey: sharedKey,
          redisUrl: redis.url,
          seconds: 5
        }))
        const journal = yield* Control.control(emulator, sharedKey).journal
        const times = journal.map((entry) => Date.parse(entry.time))
        console.log(
          `fleet via Redis: ${journal.length} calls, busiest ${WINDOW} ms window ${busiest(times, WINDOW)}, outcomes`,
          shared.map((report) => report.outcomes)
        )
        assert.deepStrictEqual([...outcomesOf(shared)], ["ok"])
        // no process fell back to its own limiter
        assert.deepStrictEqual(shared.map((report) => report.warnings), [0, 0, 0, 0])
        assert.strictEqual(total(shared, "ok"), journal.length)
        // more than one budget: the run spans windows
        assert.isAbove(journal.length, LIMIT)
        assert.isFalse(journal.some((entry) => entry.status === 429))
        assert.isAtMost(busiest(times, WINDOW), LIMIT)

        // Four in-memory budgets against one: with a budget this small (each process alone keeps to it), the four
        // overrun the server's even when the machine is loaded enough to slow every process down
        const small = yield* Emulator.start({ rateLimits: { requests: SMALL_LIMIT, windowSeconds: WINDOW / 1000 } })
        const memoryKey = "sk_test_fleet_memory"
        const alone = yield* fleet(
          workers,
          () => ({ baseUrl: small.baseUrl, apiKey: memoryKey, limit: SMALL_LIMIT, seconds: 3 })
        )
        const memoryJournal = yield* Control.control(small, memoryKey).journal
        const rejected = memoryJournal.filter((entry) => entry.status === 429).length
        console.log(`fleet in memory: ${memoryJournal.length} calls, ${rejected} answered 429`)
        assert.isAbove(rejected, 0)
        assert.strictEqual(total(alone, "RateLimited"), rejected)

        // Redis killed once the fleet is under way: two workers fail open, two fail closed
        const killedKey = "sk_test_fleet_killed"
        const control = Control.control(emulator, killedKey)
        const running = yield* Effect.fork(fleet(workers, (i) => ({
          baseUrl: emulator.baseUrl,
          apiKey: killedKey,
          redisUrl: redis.url,
          onStoreDown: i < 2 ? "open" : "closed",
          seconds: 4
        })))
        for (let i = 0; i < 300 && (yield* control.journal).length < 50; i++) yield* Effect.sleep(Duration.millis(50))
        yield* redis.kill
        const reports = yield* running
        console.log("Redis killed mid-run:", reports)
        for (const report of reports.slice(0, 2)) {
          assert.isAtLeast(report.warnings, 1)
          assert.isAbove(report.outcomes.ok ?? 0, 0)
          assert.isTrue(Object.keys(report.outcomes).every((o) => o === "ok" || o === "RateLimited"))
        }
        for (const report of reports.slice(2)) {
          assert.isAbove(report.outcomes.RequestFailed ?? 0, 0)
          assert.isTrue(
            Object.keys(report.outcomes).every((o) => o === "ok" || o === "RequestFailed" || o === "RateLimited")
          )
        }
      }),
    120_000
  )
})
