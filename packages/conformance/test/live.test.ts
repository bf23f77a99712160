/**
 * The live tier: lockstep against real WorkOS, opt-in. It cannot run without a key and network; what can run here
 * does — its gating, its budget and its cleanup, driven against the emulator standing in for WorkOS.
 */
import { Organization } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as Emulator from "@effect-workos/emulator/Emulator"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as fs from "node:fs"
import type { Service } from "../src/commands/Command.js"
import * as Divergences from "../src/Divergences.js"
import * as LiveTier from "../src/LiveTier.js"
import type * as Lockstep from "../src/Lockstep.js"
import * as Sides from "./support/sides.js"

const status = Effect.runSync(LiveTier.status)

describe("live tier (opt-in)", () => {
  it.live.skipIf(status._tag !== "Enabled")(
    status._tag === "Enabled"
      ? `lockstep against real WorkOS (${status.baseUrl})`
      : `lockstep against real WorkOS — skipped: ${status.reason}`,
    () =>
      Effect.scoped(Effect.gen(function*() {
        if (status._tag !== "Enabled") return
        const live = yield* LiveTier.liveService(status)
        const summary = yield* LiveTier.run({ live, budget: status.budget })
        assert.deepStrictEqual(summary.ledger.leftovers, [])
      })),
    { timeout: 30 * 60_000 }
  )
})

const statusWith = (env: Record<string, string>) =>
  LiveTier.status.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))

describe("live tier gating", () => {
  it.effect("is disabled, with the reason, unless both WORKOS_API_KEY and EFFECT_WORKOS_LIVE=1 are set", () =>
    Effect.gen(function*() {
      const none = yield* statusWith({})
      assert.strictEqual(none._tag, "Disabled")
      if (none._tag === "Disabled") {
        assert.include(none.reason, "WORKOS_API_KEY is not set")
        assert.include(none.reason, "EFFECT_WORKOS_LIVE is not 1")
      }
      const keyOnly = yield* statusWith({ WORKOS_API_KEY: "sk_test_CANARY_123" })
      assert.strictEqual(keyOnly._tag, "Disabled")
      if (keyOnly._tag === "Disabled") {
        assert.notInclude(keyOnly.reason, "WORKOS_API_KEY is not set")
        assert.notInclude(keyOnly.reason, "CANARY")
      }
      const flagOnly = yield* statusWith({ EFFECT_WORKOS_LIVE: "1" })
      assert.strictEqual(flagOnly._tag, "Disabled")
    }))

  it.effect("is enabled by both, with the default budget, the key kept Redacted", () =>
    Effect.gen(function*() {
      const enabled = yield* statusWith({ WORKOS_API_KEY: "sk_test_CANARY_123", EFFECT_WORKOS_LIVE: "1" })
      assert.strictEqual(enabled._tag, "Enabled")
      if (enabled._tag !== "Enabled") return
      assert.deepStrictEqual(enabled.budget, LiveTier.defaultBudget)
      assert.strictEqual(enabled.baseUrl, "https://api.workos.com")
      assert.strictEqual(Redacted.value(enabled.apiKey), "sk_test_CANARY_123")
      assert.notInclude(String(enabled.apiKey), "CANARY")
    }))

  it.effect("refuses a budget of more than 50 deletes per minute", () =>
    Effect.gen(function*() {
      const tooMany = yield* statusWith({
        WORKOS_API_KEY: "sk_test_x",
        EFFECT_WORKOS_LIVE: "1",
        EFFECT_WORKOS_LIVE_DELETES_PER_MINUTE: "51"
      })
      assert.strictEqual(tooMany._tag, "Disabled")
      const custom = yield* statusWith({
        WORKOS_API_KEY: "sk_test_x",
        EFFECT_WORKOS_LIVE: "1",
        EFFECT_WORKOS_LIVE_RUNS: "1",
        EFFECT_WORKOS_LIVE_COMMANDS: "5",
        EFFECT_WORKOS_LIVE_DELETES_PER_MINUTE: "10"
      })
      assert.deepStrictEqual(custom._tag === "Enabled" ? custom.budget : undefined, {
        numRuns: 1,
        maxCommands: 5,
        deletesPerMinute: 10
      })
    }))

  it.effect("the limiter lets at most 50 deletes start in any 60 seconds", () =>
    Effect.gen(function*() {
      const limit = yield* LiveTier.makeLimiter(50)
      let done = 0
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 120 }), () => limit(Effect.sync(() => done++)), { discard: true })
      )
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual(done, 50)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(done, 100)
      yield* TestClock.adjust("60 seconds")
      yield* Fiber.join(fiber)
      assert.strictEqual(done, 120)
    }))
})

const fixed: Lockstep.Replay = { seed: Option.some(7), path: Option.none(), replayPath: Option.none() }

/** A `report` for {@link LiveTier.run} that keeps the summaries instead of printing them. */
const recorder = () => {
  const reports: Array<string> = []
  return { reports, report: (summary: string) => Effect.sync(() => void reports.push(summary)) }
}

const everything = (service: Organizations.Service) =>
  Effect.map(Stream.runCollect(service.listOrganizations({ limit: 100 })), Chunk.toReadonlyArray)

describe("the live-tier driver, against the emulator standing in for WorkOS", () => {
  it.live("runs within its budget, names everything with its prefix, deletes it all and reports", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ rateLimits: false })
      const live = yield* Sides.overHttp({ address, apiKey: "sk_test_live_driver" })
      const budget = { numRuns: 4, maxCommands: 15, deletesPerMinute: 50 }
      const { report, reports } = recorder()
      const summary = yield* LiveTier.run({ live, budget, prefix: "ewtest-ok", replay: fixed, report })
      assert.isTrue(summary.passed)
      assert.deepStrictEqual(reports, [LiveTier.format(summary)])
      assert.match(reports[0]!, /^live tier passed \(prefix ewtest-ok, /)
      assert.strictEqual(summary.stats.runs, 4)
      assert.isAtMost(summary.stats.commands, 4 * 15)
      assert.isAbove(summary.ledger.created.size, 0)
      assert.deepStrictEqual(summary.ledger.leftovers, [])
      for (const id of summary.ledger.created) assert.isTrue(summary.ledger.gone.has(id))
      assert.deepStrictEqual(yield* everything(live), [])
    })))

  it.live("cleans up and reports when the run fails on an unlisted divergence, without shrinking", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ rateLimits: false })
      const honest = yield* Sides.overHttp({ address, apiKey: "sk_test_live_driver_fail" })
      // production (played by the emulator) drops metadata on create: not a listed divergence
      const live: Service = {
        ...honest,
        createOrganization: (options, request) =>
          Effect.map(honest.createOrganization(options, request), (org) => new Organization({ ...org, metadata: {} }))
      }
      const budget = { numRuns: 20, maxCommands: 15, deletesPerMinute: 50 }
      const { report, reports } = recorder()
      const failed = yield* Effect.flip(LiveTier.run({ live, budget, prefix: "ewtest-fail", replay: fixed, report }))
      assert.strictEqual(failed._tag, "LiveTierFailed")
      // the failure's summary goes to the report (here: kept), not to the test run's output
      assert.deepStrictEqual(reports, [LiveTier.format(failed.summary)])
      assert.match(reports[0]!, /^live tier FAILED \(prefix ewtest-fail, /)
      assert.isFalse(failed.summary.passed)
      assert.include(failed.message, "A and B answered differently")
      assert.include(failed.message, "metadata")
      assert.include(failed.message, "Shrunk 0 time(s)")
      assert.include(failed.message, "live tier FAILED")
      assert.isAbove(failed.summary.ledger.created.size, 0)
      assert.deepStrictEqual(failed.summary.ledger.leftovers, [])
      assert.deepStrictEqual(yield* everything(honest), [])
    })))

  it.live("tolerates a listed divergence and counts it; an unlisted one in the same place fails", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ rateLimits: false })
      const honest = yield* Sides.overHttp({ address, apiKey: "sk_test_live_driver_listed" })
      // production (played by the emulator) answers creates with the deprecated flag set
      const live: Service = {
        ...honest,
        createOrganization: (options, request) =>
          Effect.map(
            honest.createOrganization(options, request),
            (org) => new Organization({ ...org, allowProfilesOutsideOrganization: true })
          )
      }
      const listed: Divergences.Divergence = {
        id: "DX",
        operation: "createOrganization",
        path: /^allowProfilesOutsideOrganization$/,
        fake: "false",
        production: "true",
        reproduce: "create an organization"
      }
      const budget = { numRuns: 4, maxCommands: 15, deletesPerMinute: 50 }
      const { report, reports } = recorder()
      const summary = yield* LiveTier.run({
        live,
        budget,
        prefix: "ewtest-listed",
        replay: fixed,
        divergences: [...Divergences.known, listed],
        report
      })
      assert.isAbove(summary.stats.tolerated.get("DX") ?? 0, 0)
      assert.deepStrictEqual(yield* everything(honest), [])
      const failed = yield* Effect.flip(
        LiveTier.run({ live, budget, prefix: "ewtest-unlisted", replay: fixed, report })
      )
      assert.include(failed.message, "allowProfilesOutsideOrganization")
      assert.deepStrictEqual(reports, [LiveTier.format(summary), LiveTier.format(failed.summary)])
      assert.include(reports[0]!, "tolerated divergences: DX=")
      assert.match(reports[1]!, /^live tier FAILED \(prefix ewtest-unlisted, /)
      assert.deepStrictEqual(yield* everything(honest), [])
    })))

  it.live("the cleanup also finds organizations whose create answer never arrived (by prefix)", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ rateLimits: false })
      const live = yield* Sides.overHttp({ address, apiKey: "sk_test_live_driver_sweep" })
      yield* live.createOrganization({ name: "ewtest-sweep-r0 Acme" })
      yield* live.createOrganization({ name: "someone else's" })
      const ledger = LiveTier.makeLedger()
      const limit = yield* LiveTier.makeLimiter(50)
      yield* LiveTier.cleanup(live, "ewtest-sweep", ledger, limit)
      assert.strictEqual(ledger.cleaned, 1)
      assert.deepStrictEqual((yield* everything(live)).map((o) => o.name), ["someone else's"])
    })))
})

describe("DIVERGENCES.md", () => {
  const text = fs.readFileSync(new URL("../../../DIVERGENCES.md", import.meta.url), "utf8")

  it("documents exactly the divergences the live tier tolerates", () => {
    const documented = [...text.matchAll(/^\| (D\d+) \| `([^`]+)` \|/gm)].map((m) => [m[1], m[2]])
    assert.deepStrictEqual(documented, Divergences.known.map((d) => [d.id, d.operation]))
  })

  it("tolerates a listed path and nothing else", () => {
    const tolerate = Divergences.tolerate()
    const at = (path: string) => ({ path, a: 1, b: 2, detail: "" })
    assert.strictEqual(tolerate("listOrganizationRoles", at("data[0].slug")), "D1")
    assert.strictEqual(tolerate("listOrganizationRoles", at("")), undefined)
    assert.strictEqual(tolerate("getOrganization", at("data[0].slug")), undefined)
    assert.strictEqual(tolerate("createOrganization", at("domains[1].verificationPrefix")), "D3")
    assert.strictEqual(tolerate("createOrganization", at("domains[1].verificationToken")), undefined)
  })
})
