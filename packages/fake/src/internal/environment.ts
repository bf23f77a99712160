/**
 * One environment: its store, the backend (the operations as the "server" sees them, with the fault plan and the
 * journal around each call) and the control surface. Its time is `Clock`'s plus what `advanceClock` added, and its
 * domains are settled to that time (`domains.ts`) before and after each call and before each control step.
 *
 * @internal
 */
import type { ApiKey } from "@effect-workos/core/ApiKey"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import { operations } from "@effect-workos/core/WorkOSApi"
import type { Operation } from "@effect-workos/core/WorkOSApi"
import { RateLimited, RequestFailed, ServerError } from "@effect-workos/core/WorkOSError"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as FakeWorkOS from "../FakeWorkOS.js"
import * as Journal from "../Journal.js"
import * as Domains from "./domains.js"
import * as Faults from "./faults.js"
import * as Fixtures from "./fixtures.js"
import { type Backend, type FaultError, type Handler, handlers, type Method, type Success } from "./handlers.js"
import type { Failure } from "./handlers.js"
import * as Operations from "./operations.js"
import { Prng } from "./prng.js"
import * as Seeding from "./seeding.js"
import * as Snapshot from "./snapshot.js"
import type * as Store from "./store.js"

const decodeFixtures = Schema.decodeUnknown(FakeWorkOS.Fixtures, { onExcessProperty: "error" })
const decodeSnapshot = Schema.decodeUnknown(FakeWorkOS.Snapshot)
const validateSnapshot = Schema.validate(FakeWorkOS.Snapshot)
const encodeSnapshot = Schema.encodeSync(FakeWorkOS.Snapshot)

/**
 * A snapshot in the domain form, as {@link Environment.control}'s `snapshot` gives it (its settings hold a
 * `Duration`), rather than its JSON document (where the TTL is a number of milliseconds).
 */
const isDomainSnapshot = (u: unknown): boolean =>
  Predicate.isRecord(u) && Predicate.isRecord(u.settings) && Duration.isDuration(u.settings.idempotencyTtl)

/** The snapshot, with a `toJSON` (not enumerable) that writes its JSON document: the wire form only as JSON. */
const withJson = (snapshot: FakeWorkOS.Snapshot): FakeWorkOS.Snapshot =>
  Object.defineProperty(snapshot, "toJSON", { value: () => encodeSnapshot(snapshot) })

const firstIssue = (error: ParseResult.ParseError): { path: string; detail: string } => {
  const issue = SchemaIssue.first(error)
  return { path: SchemaIssue.formatPath(issue.path), detail: issue.message }
}

/** A failed call as the journal shows it: the error's tag, and its code when it has one. */
const failureOf = (error: unknown): FakeWorkOS.Outcome => {
  const tag = Predicate.hasProperty(error, "_tag") ? String(error._tag) : "Unknown"
  const code = Predicate.hasProperty(error, "code") && typeof error.code === "string" ? error.code : undefined
  return { _tag: "Failure", error: tag, ...(code === undefined ? {} : { code }) }
}

const faultError = (fault: NonNullable<Faults.Decision["failure"]>): RateLimited | ServerError | RequestFailed => {
  switch (fault._tag) {
    case "RateLimited":
      return new RateLimited({ retryAfter: Duration.seconds(fault.retryAfterSeconds), detail: "Too many requests" })
    case "ServerError":
      return new ServerError({ status: fault.status, detail: "Internal Server Error" })
    case "RequestFailed":
      return new RequestFailed({ reason: "Transport", detail: "the request was lost before it reached the server" })
    case "ResponseLost":
      return new RequestFailed({
        reason: "Transport",
        detail: "the connection was lost after the server had applied the request"
      })
  }
}

/** What the journal holds of a call: its public entry, with the time as `Clock` millis (formatted when read). */
type Recorded = Omit<FakeWorkOS.JournalEntry, "sequence" | "at"> & { readonly now: number }

/** @internal */
export class Environment {
  private readonly journalEntries = Journal.make<Recorded>(() => this.store.settings.journalCapacity)
  private readonly counter = Journal.makeFaultCounter()
  private plan: FakeWorkOS.FaultPlan | undefined = undefined
  /** What `advanceClock` added to `Clock`'s time, in milliseconds. */
  private offset = 0
  private planPrng: Prng | undefined = undefined

  /** `journaling`: whether calls are recorded (a server with a journal of its own, the emulator, turns it off). */
  constructor(
    public store: Store.Store,
    private initial: FakeWorkOS.Snapshot,
    private readonly journaling: boolean = true
  ) {}

  /** The environment's time: `Clock`'s, plus what `advanceClock` added. */
  private now(clock: Clock.Clock): number {
    return clock.unsafeCurrentTimeMillis() + this.offset
  }

  /** The store, its domains settled to the environment's time. */
  private settled<A>(f: (store: Store.Store, now: number) => A): Effect.Effect<A> {
    return Effect.clockWith((clock) =>
      Effect.sync(() => {
        const now = this.now(clock)
        Domains.settle(this.store, now)
        return f(this.store, now)
      })
    )
  }

  /** Makes the current state the one `reset` returns to. */
  rebase(initial: FakeWorkOS.Snapshot): void {
    this.initial = initial
  }

  // -------------------------------------------------------------------------------------------------------------
  // calls
  // -------------------------------------------------------------------------------------------------------------

  private decideFaults(operation: Operation): Faults.Decision {
    if (this.plan === undefined) return Faults.none
    return Faults.decide(this.plan, operation, this.counter.next(operation), this.planPrng)
  }

  /**
   * One call: faults decided, latency slept (on `Clock`), then one synchronous step on the store that also writes
   * the journal entry.
   */
  private call<O extends Operation>(
    operation: O,
    args: Parameters<Method<O>>
  ): Effect.Effect<Success<O>, Failure<O> | FaultError> {
    return Effect.clockWith((clock) =>
      Effect.suspend(() => {
        const decision = this.decideFaults(operation)
        return decision.latencyMillis > 0
          ? Effect.zipRight(
            Effect.sleep(decision.latencyMillis),
            Effect.suspend(() => this.step(operation, args, decision, this.now(clock)))
          )
          : this.step(operation, args, decision, this.now(clock))
      })
    )
  }

  private step<O extends Operation>(
    operation: O,
    args: Parameters<Method<O>>,
    decision: Faults.Decision,
    now: number
  ): Effect.Effect<Success<O>, Failure<O> | FaultError> {
    const handler: Handler<O> = handlers[operation]
    // without a journal, `record?.(…)` does not even build the entry
    const record = !this.journaling ? undefined : (outcome: FakeWorkOS.Outcome) =>
      this.journalEntries.record({
        operation,
        arguments: handler.args === undefined ? { options: args[0] } : handler.args(...args),
        outcome,
        faults: decision.faults,
        now
      })
    const failure = decision.failure
    if (failure !== undefined && failure._tag !== "ResponseLost") {
      const error = faultError(failure)
      record?.({ _tag: "Failure", error: error._tag })
      return Effect.fail(error)
    }
    Domains.settle(this.store, now)
    const result = handler.run(this.store, now, ...args)
    // what the call changed settles at once (a domain verified through domain_data fails other organizations' copies)
    Domains.settle(this.store, now)
    if (Either.isLeft(result)) {
      record?.(failureOf(result.left))
      return Effect.fail(result.left)
    }
    record?.({ _tag: "Success", ids: handler.ids(result.right, ...args) })
    return failure === undefined ? Effect.succeed(result.right) : Effect.fail(faultError(failure))
  }

  /** The operations as the server sees them (options already decoded), built from the table. */
  readonly backend: Backend = Object.fromEntries(
    operations.map((operation) => [
      handlers[operation].method,
      (...args: Parameters<Method<typeof operation>>) => this.call(operation, args)
    ])
    // the table's type pins each entry's method name and signature, and `faultsAllowed` its errors
  ) as unknown as Backend

  // -------------------------------------------------------------------------------------------------------------
  // control
  // -------------------------------------------------------------------------------------------------------------

  private setPlan(plan: FakeWorkOS.FaultPlan | undefined): void {
    this.plan = plan
    this.planPrng = plan?.random === undefined ? undefined : new Prng(plan.random.seed)
    this.counter.reset()
  }

  readonly control: FakeWorkOS.Service = {
    seed: (input) =>
      Effect.flatMap(
        Effect.mapError(
          decodeFixtures(input),
          (error) => new FakeWorkOS.InvalidFixtures(firstIssue(error))
        ),
        (fixtures) =>
          Effect.clockWith((clock) =>
            Effect.suspend(() => {
              const store = this.store
              const saved = store.generator
              const now = this.now(clock)
              Domains.settle(store, now)
              const loaded = Either.flatMap(
                Fixtures.fromFixtures(store, fixtures, now),
                (batch) => Seeding.load(store, batch)
              )
              if (Either.isRight(loaded)) {
                // the seeded pending domains' attempts start now
                Domains.settle(store, now)
                return Effect.void
              }
              store.restoreGenerator(saved)
              return Effect.fail(new FakeWorkOS.InvalidFixtures(loaded.left))
            })
          )
      ),
    snapshot: this.settled((store, now) => withJson(Snapshot.toSnapshot(store, now))),
    restore: (document) =>
      Effect.flatMap(
        Effect.mapError(
          isDomainSnapshot(document) ? validateSnapshot(document) : decodeSnapshot(document),
          (error) => new FakeWorkOS.InvalidSnapshot(firstIssue(error))
        ),
        (snapshot) =>
          Effect.suspend(() =>
            Either.match(Snapshot.fromSnapshot(snapshot), {
              onLeft: (error) => Effect.fail(new FakeWorkOS.InvalidSnapshot(error)),
              onRight: (store) =>
                Effect.sync(() => {
                  this.store = store
                })
            })
          )
      ),
    reset: Effect.sync(() => {
      this.store = Either.getOrThrow(Snapshot.fromSnapshot(this.initial))
      this.journalEntries.reset()
      this.setPlan(undefined)
      this.offset = 0
    }),
    journal: Effect.sync(() =>
      this.journalEntries.read(({ now, ...entry }, sequence): FakeWorkOS.JournalEntry => ({
        sequence,
        ...entry,
        at: new Date(now).toISOString()
      }))
    ),
    clearJournal: Effect.sync(() => this.journalEntries.clear()),
    setFaults: (plan) => Effect.sync(() => this.setPlan(plan)),
    clearFaults: Effect.sync(() => this.setPlan(undefined)),
    settings: Effect.sync(() => this.store.settings),
    updateSettings: (patch) =>
      Effect.sync(() => {
        this.store.settings = { ...this.store.settings, ...patch }
      }),
    setFeatureFlag: ({ enabled, flag, organizationId }) =>
      Effect.suspend(() =>
        Either.match(Operations.setFeatureFlag(this.store, organizationId, flag, enabled), {
          onLeft: Effect.fail,
          onRight: () => Effect.void
        })
      ),
    findApiKey: (value) =>
      Effect.sync((): Option.Option<ApiKey> =>
        Option.fromNullable(Operations.findApiKey(this.store, Redacted.value(value)))
      ),
    setDnsRecord: ({ domain, value }) => this.settled((store) => Domains.setDnsRecord(store, domain, value)),
    dnsRecords: Effect.sync(() => this.store.domains.records()),
    removeDnsRecord: ({ domain, value }) => this.settled((store) => Domains.removeDnsRecord(store, domain, value)),
    advanceClock: (duration) =>
      Effect.suspend(() => {
        const millis = Option.match(Duration.decodeUnknown(duration), {
          onNone: () => Number.NaN,
          onSome: Duration.toMillis
        })
        if (!Number.isFinite(millis)) {
          return Effect.fail(new FakeWorkOS.InvalidDuration({ detail: `not a finite duration: ${String(duration)}` }))
        }
        this.offset += Math.floor(millis)
        return this.settled(() => undefined)
      }),
    currentTimeMillis: Effect.clockWith((clock) => Effect.sync(() => this.now(clock))),
    domainFailureReason: (id) => this.settled((store) => Option.fromNullable(store.domains.failure(id)))
  }
}
