/**
 * The opt-in live tier: the lockstep suite with side B the live layer against real WorkOS (a staging
 * environment). It runs only when `WORKOS_API_KEY` is set **and** `EFFECT_WORKOS_LIVE=1`; otherwise
 * {@link status} says why it is skipped.
 *
 * A live run is budgeted (runs × commands, at most 50 deletes per rolling minute), names everything it creates
 * with a prefix unique to the run, deletes everything it created at the end of each run — also when the run fails
 * — and prints a summary. Differences listed in {@link Divergences.known} are tolerated and counted; any other
 * difference fails the run, without shrinking (shrinking would replay command lists against production).
 *
 * @since 0.1.0
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as Organizations from "@effect-workos/core/Organizations"
import type * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as Memory from "@effect-workos/fake/OrganizationsMemory"
import * as ApiKeysHttp from "@effect-workos/http/ApiKeysHttp"
import * as OrganizationDomainsHttp from "@effect-workos/http/OrganizationDomainsHttp"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Commands from "./Commands.js"
import { type Service, service } from "./commands/Command.js"
import * as Divergences from "./Divergences.js"
import * as Lockstep from "./Lockstep.js"

/**
 * How much a live run may do.
 *
 * @since 0.1.0
 * @category models
 */
export interface Budget {
  /** Command lists run (each against fresh organizations). */
  readonly numRuns: number
  /** Commands per list, at most. */
  readonly maxCommands: number
  /** Deletes per rolling 60 seconds, commands and cleanup together; at most 50 (WorkOS's limit per key). */
  readonly deletesPerMinute: number
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultBudget: Budget = { numRuns: 3, maxCommands: 15, deletesPerMinute: 50 }

/**
 * Whether the live tier runs, and with what.
 *
 * @since 0.1.0
 * @category models
 */
export type Status =
  | {
    readonly _tag: "Enabled"
    readonly apiKey: Redacted.Redacted
    readonly baseUrl: string
    readonly budget: Budget
  }
  | { readonly _tag: "Disabled"; readonly reason: string }

const positive = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  Config.integer(name).pipe(
    Config.validate({ message: `must be an integer from 1 to ${max}`, validation: (n) => n >= 1 && n <= max }),
    Config.withDefault(fallback)
  )

/**
 * The live tier's settings, from the environment: `WORKOS_API_KEY` (Redacted) and `EFFECT_WORKOS_LIVE=1` enable
 * it; `WORKOS_BASE_URL`, `EFFECT_WORKOS_LIVE_RUNS`, `EFFECT_WORKOS_LIVE_COMMANDS` and
 * `EFFECT_WORKOS_LIVE_DELETES_PER_MINUTE` (≤ 50) tune it. Never fails: a missing or bad variable is the reason
 * the tier is disabled.
 *
 * @since 0.1.0
 * @category configuration
 */
export const status: Effect.Effect<Status> = Effect.gen(function*() {
  const apiKey = yield* Effect.orDie(Config.option(Config.redacted("WORKOS_API_KEY")))
  const flag = yield* Effect.orDie(Config.option(Config.string("EFFECT_WORKOS_LIVE")))
  const missing = [
    ...(Option.isNone(apiKey) ? ["WORKOS_API_KEY is not set"] : []),
    ...(Option.getOrUndefined(flag) === "1" ? [] : ["EFFECT_WORKOS_LIVE is not 1"])
  ]
  if (Option.isNone(apiKey) || missing.length > 0) {
    return {
      _tag: "Disabled",
      reason: `opt-in: set WORKOS_API_KEY (a staging key) and EFFECT_WORKOS_LIVE=1 to run it (${missing.join(", ")})`
    } as const
  }
  const settings = yield* Effect.either(Config.all({
    baseUrl: Config.withDefault(Config.string("WORKOS_BASE_URL"), WorkOSClient.DEFAULT_BASE_URL),
    numRuns: positive("EFFECT_WORKOS_LIVE_RUNS", defaultBudget.numRuns),
    maxCommands: positive("EFFECT_WORKOS_LIVE_COMMANDS", defaultBudget.maxCommands),
    deletesPerMinute: positive("EFFECT_WORKOS_LIVE_DELETES_PER_MINUTE", defaultBudget.deletesPerMinute, 50)
  }))
  if (Either.isLeft(settings)) {
    return { _tag: "Disabled", reason: `the live tier's settings are invalid: ${settings.left.toString()}` } as const
  }
  const { baseUrl, ...budget } = settings.right
  return { _tag: "Enabled", apiKey: apiKey.value, baseUrl, budget } as const
})

// ---------------------------------------------------------------------------------------------------------------
// budget and cleanup
// ---------------------------------------------------------------------------------------------------------------

/**
 * Lets at most `perMinute` effects start in any rolling 60 seconds (on `Clock`); the others wait their turn.
 *
 * @since 0.1.0
 * @category budget
 */
export const makeLimiter = (perMinute: number) =>
  Effect.gen(function*() {
    const starts = yield* Ref.make<ReadonlyArray<number>>([])
    const lock = yield* Effect.makeSemaphore(1)
    const acquire: Effect.Effect<void> = Effect.gen(function*() {
      while (true) {
        const now = yield* Clock.currentTimeMillis
        const recent = (yield* Ref.get(starts)).filter((t) => t > now - 60_000)
        if (recent.length < perMinute) {
          yield* Ref.set(starts, [...recent, now])
          return
        }
        yield* Effect.sleep(Duration.millis(recent[0]! + 60_000 - now))
      }
    })
    return <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.zipRight(lock.withPermits(1)(acquire), effect)
  })

/**
 * What a live run did to the environment.
 *
 * @since 0.1.0
 * @category models
 */
export interface Ledger {
  /** B ids of the organizations the run created. */
  readonly created: Set<string>
  /** B ids of the organizations known to be deleted (by a command or by the cleanup). */
  readonly gone: Set<string>
  deletes: number
  /** Organizations deleted by the cleanup. */
  cleaned: number
  /** Organizations the cleanup could not delete, with the error. */
  readonly leftovers: Array<string>
}

/**
 * @since 0.1.0
 * @category budget
 */
export const makeLedger = (): Ledger => ({ created: new Set(), gone: new Set(), deletes: 0, cleaned: 0, leftovers: [] })

/**
 * Side B as the run sees it: every delete (organization or domain) passes the limiter and is counted, every created
 * organization is recorded for the cleanup (its domains go with it).
 *
 * @since 0.1.0
 * @category budget
 */
export const guard = <S extends Organizations.Service & Pick<OrganizationDomains.Service, "deleteOrganizationDomain">>(
  service: S,
  ledger: Ledger,
  limit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): S => ({
  ...service,
  deleteOrganizationDomain: (id) =>
    limit(Effect.suspend(() => {
      ledger.deletes++
      return service.deleteOrganizationDomain(id)
    })),
  createOrganization: (options, request) =>
    Effect.tap(service.createOrganization(options, request), (org) => Effect.sync(() => ledger.created.add(org.id))),
  deleteOrganization: (id) =>
    limit(Effect.suspend(() => {
      ledger.deletes++
      return Effect.tap(service.deleteOrganization(id), () => Effect.sync(() => ledger.gone.add(id)))
    }))
})

/**
 * Deletes every organization the run created and every organization whose name starts with `prefix` (in case an
 * answer was lost), through the limiter. A delete answering `NotFound` is already done.
 *
 * @since 0.1.0
 * @category budget
 */
export const cleanup = (
  service: Organizations.Service,
  prefix: string,
  ledger: Ledger,
  limit: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): Effect.Effect<void> =>
  Effect.gen(function*() {
    const found = yield* Effect.either(
      Stream.runCollect(service.listOrganizations({ search: prefix, limit: 100 }))
    )
    const named = Either.isRight(found)
      ? Chunk.toReadonlyArray(found.right).filter((o) => o.name.startsWith(prefix)).map((o) => o.id)
      : []
    if (Either.isLeft(found)) ledger.leftovers.push(`listing ${prefix}: ${found.left.message}`)
    const ids = [...new Set([...ledger.created, ...named])].filter((id) => !ledger.gone.has(id))
    for (const id of ids) {
      const deleted = yield* Effect.either(limit(Effect.suspend(() => {
        ledger.deletes++
        return service.deleteOrganization(id)
      })))
      if (Either.isRight(deleted)) ledger.cleaned++
      if (Either.isRight(deleted) || deleted.left._tag === "NotFound") ledger.gone.add(id)
      else ledger.leftovers.push(`${id}: ${deleted.left._tag}`)
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// running
// ---------------------------------------------------------------------------------------------------------------

/**
 * What a live run reports.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly prefix: string
  readonly budget: Budget
  readonly passed: boolean
  readonly stats: Lockstep.Stats
  readonly ledger: Ledger
  readonly elapsed: Duration.Duration
  readonly failure: string | undefined
}

/**
 * The run found an unlisted divergence (or broke the model); the summary says what was cleaned up.
 *
 * @since 0.1.0
 * @category errors
 */
export class LiveTierFailed extends Data.TaggedError("LiveTierFailed")<{
  readonly summary: Summary
  readonly cause: Error
}> {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.cause.message}\n\n${format(this.summary)}`
  }
}

/**
 * The summary as printed.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (summary: Summary): string =>
  [
    `live tier ${summary.passed ? "passed" : "FAILED"} (prefix ${summary.prefix}, ${
      Duration.format(summary.elapsed)
    }; budget: ${summary.budget.numRuns} runs × ≤ ${summary.budget.maxCommands} commands, ≤ ${summary.budget.deletesPerMinute} deletes/minute)`,
    Lockstep.summary(summary.stats),
    `organizations created: ${summary.ledger.created.size}, deleted by the cleanup: ${summary.ledger.cleaned}, deletes sent: ${summary.ledger.deletes}, left behind: ${
      summary.ledger.leftovers.length === 0 ? "none" : summary.ledger.leftovers.join(", ")
    }`
  ].join("\n")

/**
 * A run prefix: `ewlive-<time base 36>-<4 random characters>`, from `Clock` and `Random`.
 *
 * @since 0.1.0
 * @category running
 */
export const makePrefix: Effect.Effect<string> = Effect.gen(function*() {
  const now = yield* Clock.currentTimeMillis
  const random = yield* Effect.forEach(
    Array.from({ length: 4 }),
    () => Effect.map(Random.nextIntBetween(0, 36), (n) => n.toString(36))
  )
  return `ewlive-${now.toString(36)}-${random.join("")}`
})

/**
 * @since 0.1.0
 * @category models
 */
export interface RunOptions {
  /** Side B: the live layer against real WorkOS (or, in tests of this driver, anything standing in for it). */
  readonly live: Service
  readonly budget: Budget
  /** Default {@link makePrefix}. */
  readonly prefix?: string | undefined
  /** Side A's options (a fresh environment per command list). */
  readonly memory?: OrganizationsMemory.MemoryOptions | undefined
  /** Default {@link Divergences.known}. */
  readonly divergences?: ReadonlyArray<Divergences.Divergence> | undefined
  /** Default: from `FC_SEED` / `FC_PATH` / `FC_REPLAY`. */
  readonly replay?: Lockstep.Replay | undefined
  /** Where the summary ({@link format}) goes, passed or failed. Default `Console.log`. */
  readonly report?: ((summary: string) => Effect.Effect<void>) | undefined
}

/**
 * Runs the live tier against `options.live` and reports its summary (`options.report`, default the console). Fails with {@link LiveTierFailed} on an
 * unlisted divergence, after cleaning up.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: RunOptions): Effect.Effect<Summary, LiveTierFailed> =>
  Effect.gen(function*() {
    const started = yield* Clock.currentTimeMillis
    const prefix = options.prefix ?? (yield* makePrefix)
    const budget = options.budget
    const limit = yield* makeLimiter(Math.min(budget.deletesPerMinute, 50))
    const ledger = makeLedger()
    const live = guard(options.live, ledger, limit)
    const stats = Lockstep.makeStats()
    const result = yield* Effect.either(
      Lockstep.run<never, never>({
        stats,
        numRuns: budget.numRuns,
        maxCommands: budget.maxCommands,
        endOnFailure: true,
        ...(options.replay === undefined ? {} : { replay: options.replay }),
        setup: (n) =>
          Effect.gen(function*() {
            const runPrefix = `${prefix}-r${n}`
            yield* Effect.addFinalizer(() => cleanup(live, runPrefix, ledger, limit))
            const memory = yield* Effect.orDie(Memory.makeMemory(options.memory ?? {}))
            // WorkOS's DNS and clock are not the test's: no control, so no DNS or clock commands
            return { a: service(memory.organizations, memory.apiKeys, memory.organizationDomains), b: live }
          }),
        settings: (n) => {
          const runPrefix = `${prefix}-r${n}`
          return {
            namespace: Commands.namespace(runPrefix),
            limits: Commands.defaultLimits,
            invariantsOnB: true,
            tolerate: Divergences.tolerate(options.divergences ?? Divergences.known),
            onCreated: (id) => ledger.created.add(id),
            scope: (org) => org.name.startsWith(`${runPrefix} `)
          }
        }
      }).pipe(Effect.ensuring(cleanup(live, prefix, ledger, limit)))
    )
    const elapsed = Duration.millis((yield* Clock.currentTimeMillis) - started)
    const summary: Summary = {
      prefix,
      budget,
      passed: Either.isRight(result),
      stats,
      ledger,
      elapsed,
      failure: Either.isLeft(result) ? result.left.message : undefined
    }
    yield* (options.report ?? Console.log)(format(summary))
    if (Either.isLeft(result)) return yield* Effect.fail(new LiveTierFailed({ summary, cause: result.left }))
    return summary
  })

/**
 * Side B for an enabled live tier: the live layer (fetch client, default retries and rate limits) with the
 * configured key and base URL.
 *
 * @since 0.1.0
 * @category running
 */
export const liveService = (
  enabled: Extract<Status, { readonly _tag: "Enabled" }>
): Effect.Effect<Service, never, Scope.Scope> =>
  Effect.map(
    Layer.build(
      Layer.mergeAll(OrganizationsHttp.layer, ApiKeysHttp.layer, OrganizationDomainsHttp.layer).pipe(
        Layer.provide(WorkOSClient.layer({ apiKey: enabled.apiKey, baseUrl: enabled.baseUrl })),
        Layer.provide(FetchHttpClient.layer)
      )
    ),
    (context) =>
      service(
        Context.get(context, Organizations.Organizations),
        Context.get(context, ApiKeys.ApiKeys),
        Context.get(context, OrganizationDomains.OrganizationDomains)
      )
  )
