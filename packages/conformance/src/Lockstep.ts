/**
 * The lockstep runner: each generated command runs against two `Organizations` implementations at once (A and B),
 * their answers are compared through an {@link Observation.Observer}, A's answers are checked against the
 * reference {@link Model}, and after each step the invariants are checked over a full listing of each side.
 *
 * It is built on `fc.commands` and `fc.asyncModelRun`, so a failure is shrunk to a short command list, and
 * fast-check's report carries the seed, the path and the replay path. `FC_SEED`, `FC_PATH` and `FC_REPLAY` (read
 * through `Config`) replay a reported failure.
 *
 * @since 0.1.0
 */
import type { Organization } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as Commands from "./Commands.js"
import {
  type Answer,
  collect,
  type Context,
  type Exercised,
  messageOf,
  outcomeOf,
  type Service
} from "./commands/Command.js"
import * as Model from "./Model.js"
import * as Observation from "./Observation.js"

/**
 * How one run compares and checks.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings extends Context {
  /** Check the invariants over a full listing of B too after every step (costs B one list walk per step). */
  readonly invariantsOnB: boolean
  /**
   * A difference that is a known divergence returns its id and is tolerated (counted in the stats); anything else
   * fails the run. Default: nothing is tolerated.
   */
  readonly tolerate?: ((operation: string, difference: Observation.Difference) => string | undefined) | undefined
  /**
   * Which organizations of a full listing belong to the run (a shared environment holds others); all by default.
   */
  readonly scope?: ((organization: Organization) => boolean) | undefined
}

/**
 * What a run counted.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stats {
  runs: number
  commands: number
  readonly operations: Map<string, number>
  readonly outcomes: Map<string, number>
  readonly tolerated: Map<string, number>
  /** Runs cut short by a tolerated divergence that left the sides in different states, with the reason. */
  readonly halted: Array<string>
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const makeStats = (): Stats => ({
  runs: 0,
  commands: 0,
  operations: new Map(),
  outcomes: new Map(),
  tolerated: new Map(),
  halted: []
})

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

/**
 * The system under test of one run: both sides, and how to run their effects.
 *
 * @since 0.1.0
 * @category models
 */
export interface Real {
  readonly a: Service
  readonly b: Service
  readonly runPromise: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>
  readonly observer: Observation.Observer
  readonly settings: Settings
  /** The steps run so far, with their outcomes (shown when a step fails). */
  readonly trace: Array<string>
  readonly stats: Stats
}

/**
 * The full listing of one side (a Stream walk with the given page size) checked against the model.
 */
const invariants = (state: Model.State, real: Real, step: number) =>
  Effect.gen(function*() {
    const search = real.settings.namespace.search(undefined)
    const walk = (s: Organizations.Service, limit: number) =>
      Effect.either(collect(s.listOrganizations({ limit, ...(search === undefined ? {} : { search }) })))
    const problems: Array<string> = []
    const sizes = [3, 7, 100]
    const scope = real.settings.scope ?? (() => true)
    const listingA = yield* walk(real.a, sizes[step % sizes.length]!)
    if (Either.isLeft(listingA)) problems.push(`A: the full listing failed: ${Observation.render(listingA.left)}`)
    else problems.push(...Model.checkListing(state, listingA.right.filter(scope), "a"))
    if (real.settings.invariantsOnB) {
      const listingB = yield* walk(real.b, 100)
      if (Either.isLeft(listingB)) problems.push(`B: the full listing failed: ${Observation.render(listingB.left)}`)
      else problems.push(...Model.checkListing(state, listingB.right.filter(scope), "b"))
    }
    return problems
  })

const answerLine = (answer: Answer): string =>
  Either.isRight(answer)
    ? `ok ${Observation.render(answer.right, 160)}`
    : `${outcomeOf(answer)} ${Observation.render(messageOf(answer.left), 160)}`

/**
 * A lockstep command: one {@link Commands.Input}, run on both sides.
 *
 * @since 0.1.0
 * @category commands
 */
export class Step implements fc.AsyncCommand<Model.State, Real> {
  readonly command: Commands.Bound
  constructor(readonly input: Commands.Input) {
    this.command = Commands.commandOf(input)
  }

  check(state: Readonly<Model.State>): boolean {
    return state.halted === undefined && this.command.ready(state)
  }

  async run(state: Model.State, real: Real): Promise<void> {
    const step = real.trace.length + 1
    const operation = this.command.operation
    const { a, apply, b } = await real.runPromise(this.command.plan(state, real.settings).run(real.a, real.b))
    real.stats.commands++
    bump(real.stats.operations, operation)
    bump(real.stats.outcomes, `${operation}:${outcomeOf(a)}`)
    const report = (title: string, lines: string) =>
      new Error(
        `${title} at step ${step}: ${this.toString()}\n` +
          `  A: ${answerLine(a)}\n  B: ${answerLine(b)}\n${lines}\n` +
          `Steps before it:\n${real.trace.map((t, i) => `  ${i + 1}. ${t}`).join("\n") || "  (none)"}`
      )
    const differences = real.observer.compare(a, b)
    const unlisted: Array<Observation.Difference> = []
    for (const d of differences) {
      const id = real.settings.tolerate?.(operation, d)
      if (id === undefined) unlisted.push(d)
      else bump(real.stats.tolerated, id)
    }
    if (unlisted.length > 0) throw report("A and B answered differently", Observation.format(unlisted))
    if (Either.isLeft(a) !== Either.isLeft(b)) {
      // a tolerated divergence in the outcome: the sides no longer hold the same state, so the run stops here
      const created = createdId(b)
      if (created !== undefined && operation === "createOrganization") real.settings.onCreated?.(created)
      state.halted = `step ${step}: ${this.toString()} (A ${outcomeOf(a)}, B ${outcomeOf(b)})`
      real.stats.halted.push(state.halted)
      real.trace.push(`${this.toString()} → A ${outcomeOf(a)}, B ${outcomeOf(b)} (tolerated; run halted)`)
      return
    }
    const problems = apply()
    if (problems.length > 0) throw report("The reference model disagrees", problems.map((s) => `  ${s}`).join("\n"))
    real.trace.push(`${this.toString()} → ${outcomeOf(a)}`)
    const broken = await real.runPromise(invariants(state, real, step))
    if (broken.length > 0) throw report("An invariant is broken after the step", broken.map((s) => `  ${s}`).join("\n"))
  }

  toString(): string {
    return this.command.description
  }
}

/** The id of a successful answer that carries one. */
const createdId = (answer: Answer): string | undefined =>
  Either.isRight(answer) && Predicate.hasProperty(answer.right, "id") && typeof answer.right.id === "string"
    ? answer.right.id
    : undefined

/**
 * The command list arbitrary: up to `maxCommands` commands of every kind, by weight.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const commands = (options: {
  readonly maxCommands: number
  readonly replayPath?: string | undefined
  /** Which kinds of command to generate, by what they exercise (default: all). */
  readonly only?: ((operation: Exercised) => boolean) | undefined
}) =>
  fc.commands([
    (options.only === undefined ? Commands.input : Commands.inputOf(options.only)).map((input) => new Step(input))
  ], {
    maxCommands: options.maxCommands,
    // lengths up to maxCommands (fast-check's default size would keep most lists a few commands long)
    size: "max",
    ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath })
  })

/**
 * Replay parameters: `FC_SEED`, `FC_PATH` (from a failure report's `{ seed, path }`) and `FC_REPLAY` (its
 * `replayPath`).
 *
 * @since 0.1.0
 * @category configuration
 */
export interface Replay {
  readonly seed: Option.Option<number>
  readonly path: Option.Option<string>
  readonly replayPath: Option.Option<string>
}

/**
 * @since 0.1.0
 * @category configuration
 */
export const replayConfig: Config.Config<Replay> = Config.all({
  seed: Config.option(Config.integer("FC_SEED")),
  path: Config.option(Config.string("FC_PATH")),
  replayPath: Config.option(Config.string("FC_REPLAY"))
})

/**
 * One run's two sides, built fresh (an isolated environment for each).
 *
 * @since 0.1.0
 * @category models
 */
export interface Sides {
  readonly a: Service
  readonly b: Service
  /** Organizations present on both sides before the first command, with the same id on both. */
  readonly seeded?: ReadonlyArray<Model.Seeded> | undefined
  /** Feature flags present on both sides before the first command, with the same id on both. */
  readonly flags?: ReadonlyArray<Model.SeededFlag> | undefined
  /** Ids sent literally to both sides (never-existing ids are always included). */
  readonly literalIds?: ReadonlyArray<string> | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RunOptions<E, R> {
  readonly numRuns: number
  readonly maxCommands: number
  /** Builds the two sides of run number `run`; the scope closes when the run ends. */
  readonly setup: (run: number) => Effect.Effect<Sides, E, R | Scope.Scope>
  readonly settings: (run: number) => Settings
  /** Default: from {@link replayConfig}. */
  readonly replay?: Replay | undefined
  /** Default: fast-check's `interruptAfterTimeLimit` unset. */
  readonly interruptAfterTimeLimit?: number | undefined
  /**
   * Report the first failing command list as it is, without shrinking (each shrinking attempt is a run of its own:
   * against a real environment that costs requests and objects). Default `false`.
   */
  readonly endOnFailure?: boolean | undefined
  /** Counters to fill (so that a caller still has them when the run fails). Default: fresh ones. */
  readonly stats?: Stats | undefined
  /** Which kinds of command to generate, by what they exercise. Default: all. */
  readonly only?: ((operation: Exercised) => boolean) | undefined
}

/**
 * Runs the lockstep property: `numRuns` command lists of up to `maxCommands` commands, each against fresh sides.
 * Fails with fast-check's report (the shrunk command list, the seed, the path and the replay path) when any step
 * differs, breaks the model or an invariant.
 *
 * @since 0.1.0
 * @category running
 */
export const run = <E, R>(options: RunOptions<E, R>): Effect.Effect<Stats, LockstepFailed, R> =>
  Effect.gen(function*() {
    const replay = options.replay ?? (yield* Effect.orDie(replayConfig))
    const runtime = yield* Effect.runtime<R>()
    const stats = options.stats ?? makeStats()
    let runs = 0
    const property = fc.asyncProperty(
      commands({
        maxCommands: options.maxCommands,
        replayPath: Option.getOrUndefined(replay.replayPath),
        only: options.only
      }),
      async (cmds) => {
        const n = runs++
        const program = Effect.scoped(Effect.gen(function*() {
          const sides = yield* options.setup(n)
          const observer = Observation.make()
          const literals = [Commands.MISSING_ID, Commands.ancientId("org_"), Commands.ancientId("api_key_")]
          for (const id of [...literals, ...(sides.literalIds ?? [])]) observer.bind(id, id)
          for (const s of sides.seeded ?? []) observer.bind(s.id, s.id)
          const inner = yield* Effect.runtime<never>()
          const real: Real = {
            a: sides.a,
            b: sides.b,
            runPromise: (effect) => Runtime.runPromise(inner)(effect),
            observer,
            settings: options.settings(n),
            trace: [],
            stats
          }
          const state = Model.make(real.settings.limits, sides.seeded ?? [], sides.flags ?? [], {
            // the DNS and clock commands run only when both sides can be controlled
            controlled: sides.a.control !== undefined && sides.b.control !== undefined
          })
          stats.runs++
          yield* Effect.tryPromise({
            try: () => fc.asyncModelRun(() => ({ model: state, real }), cmds),
            catch: (error) => error
          })
        }))
        const exit = await Runtime.runPromiseExit(runtime)(program)
        if (Exit.isFailure(exit)) throw Cause.squash(exit.cause)
      }
    )
    yield* Effect.tryPromise({
      try: () =>
        fc.assert(property, {
          numRuns: options.numRuns,
          ...Option.match(replay.seed, { onNone: () => ({}), onSome: (seed) => ({ seed }) }),
          ...Option.match(replay.path, { onNone: () => ({}), onSome: (path) => ({ path, endOnFailure: true }) }),
          ...(options.interruptAfterTimeLimit === undefined
            ? {}
            : { interruptAfterTimeLimit: options.interruptAfterTimeLimit }),
          ...(options.endOnFailure === true ? { endOnFailure: true } : {})
        }),
      catch: (error) => withReproduction(error instanceof Error ? error : new Error(String(error)))
    })
    return stats
  })

/**
 * A lockstep property failed: the message is fast-check's report (the shrunk command list, the seed, the path and
 * the replay path, and the failing step's answers and differences), followed by the variables that replay it.
 *
 * @since 0.1.0
 * @category errors
 */
export class LockstepFailed extends Data.TaggedError("LockstepFailed")<{
  readonly report: string
  readonly cause: unknown
}> {
  /** @since 0.1.0 */
  override get message(): string {
    return this.report
  }
}

/**
 * Appends the environment variables that replay a fast-check failure report.
 */
const withReproduction = (error: Error): LockstepFailed => {
  const reported = /seed: (-?\d+), path: "([\d:]+)"/.exec(error.message)
  if (reported === null) return new LockstepFailed({ report: error.message, cause: error })
  const replayPath = /replayPath="([^"]*)"/.exec(error.message)?.[1]
  const line = `Reproduce: FC_SEED=${reported[1]} FC_PATH=${reported[2]}` +
    (replayPath === undefined ? "" : ` FC_REPLAY='${replayPath}'`) + " (then run the same test)"
  return new LockstepFailed({ report: `${error.message}\n${line}`, cause: error })
}

/**
 * A one-paragraph summary of what a run exercised.
 *
 * @since 0.1.0
 * @category formatting
 */
export const summary = (stats: Stats): string => {
  const list = (m: Map<string, number>) =>
    [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(", ")
  return [
    `runs: ${stats.runs}, commands: ${stats.commands}`,
    `operations: ${list(stats.operations)}`,
    `outcomes: ${list(stats.outcomes)}`,
    `tolerated divergences: ${stats.tolerated.size === 0 ? "none" : list(stats.tolerated)}`,
    ...(stats.halted.length === 0 ? [] : [`runs halted by a tolerated divergence: ${stats.halted.join("; ")}`])
  ].join("\n")
}
