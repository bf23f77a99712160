/**
 * One environment: its store, the backend (the ten operations as the "server" sees them, with the fault plan and
 * the journal around each call) and the control surface.
 *
 * @internal
 */
import type { ApiKey } from "@effect-workos/core/ApiKey"
import * as CoreOptions from "@effect-workos/core/Options"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import { RateLimited, RequestFailed, ServerError } from "@effect-workos/core/WorkOSError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as FakeWorkOS from "../FakeWorkOS.js"
import * as Faults from "./faults.js"
import { Prng } from "./prng.js"
import * as Seeding from "./seeding.js"
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

const withKey = (options: unknown, request: CoreOptions.RequestOptions): unknown =>
  request.idempotencyKey === undefined ? { options } : { options, idempotencyKey: request.idempotencyKey }

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { readonly code?: unknown }).code
  return typeof code === "string" ? code : undefined
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

interface PendingEntry {
  readonly sequence: number
  readonly operation: FakeWorkOS.Operation
  readonly args: unknown
  readonly outcome: FakeWorkOS.Outcome
  readonly faults: ReadonlyArray<FakeWorkOS.Fault>
  readonly now: number
}

/** @internal */
export class Environment {
  private journalEntries: Array<PendingEntry> = []
  private sequence = 0
  private plan: FakeWorkOS.FaultPlan | undefined = undefined
  private planPrng: Prng | undefined = undefined
  private readonly callCounts = new Map<FakeWorkOS.Operation, number>()
  private overallCalls = 0

  constructor(public store: Store.Store, private initial: FakeWorkOS.Snapshot) {}

  /** Makes the current state the one `reset` returns to. */
  rebase(initial: FakeWorkOS.Snapshot): void {
    this.initial = initial
  }

  // -------------------------------------------------------------------------------------------------------------
  // calls
  // -------------------------------------------------------------------------------------------------------------

  private decideFaults(operation: FakeWorkOS.Operation): Faults.Decision {
    if (this.plan === undefined) return Faults.none
    const nth = (this.callCounts.get(operation) ?? 0) + 1
    this.callCounts.set(operation, nth)
    this.overallCalls += 1
    return Faults.decide(this.plan, operation, nth, this.overallCalls, this.planPrng)
  }

  private record(
    operation: FakeWorkOS.Operation,
    args: unknown,
    outcome: FakeWorkOS.Outcome,
    faults: ReadonlyArray<FakeWorkOS.Fault>,
    now: number
  ): void {
    this.sequence += 1
    const capacity = this.store.settings.journalCapacity
    if (capacity === 0) return
    // the time is formatted when the journal is read, not on every call
    this.journalEntries.push({ sequence: this.sequence, operation, args, outcome, faults, now })
    // trimmed in batches, so that a full journal costs O(1) per call
    if (this.journalEntries.length >= 2 * capacity) {
      this.journalEntries.splice(0, this.journalEntries.length - capacity)
    }
  }

  /**
   * One call: faults decided, latency slept (on `Clock`), then one synchronous step on the store that also writes
   * the journal entry.
   */
  private call<A, E>(
    operation: FakeWorkOS.Operation,
    args: unknown,
    ids: (a: A) => ReadonlyArray<string>,
    run: (store: Store.Store, now: number) => Either.Either<A, E>
  ): Effect.Effect<A, E | RateLimited | ServerError | RequestFailed> {
    return Effect.clockWith((clock) =>
      Effect.suspend(() => {
        const decision = this.decideFaults(operation)
        return decision.latencyMillis > 0
          ? Effect.zipRight(
            Effect.sleep(decision.latencyMillis),
            Effect.suspend(() => this.step(operation, args, ids, run, decision, clock.unsafeCurrentTimeMillis()))
          )
          : this.step(operation, args, ids, run, decision, clock.unsafeCurrentTimeMillis())
      })
    )
  }

  private step<A, E>(
    operation: FakeWorkOS.Operation,
    args: unknown,
    ids: (a: A) => ReadonlyArray<string>,
    run: (store: Store.Store, now: number) => Either.Either<A, E>,
    decision: Faults.Decision,
    now: number
  ): Effect.Effect<A, E | RateLimited | ServerError | RequestFailed> {
    const failure = decision.failure
    if (failure !== undefined && failure._tag !== "ResponseLost") {
      const error = faultError(failure)
      this.record(operation, args, { _tag: "Failure", error: error._tag }, decision.faults, now)
      return Effect.fail(error)
    }
    const result = run(this.store, now)
    if (Either.isLeft(result)) {
      const code = errorCode(result.left)
      const error = (result.left as { readonly _tag: string })._tag
      this.record(
        operation,
        args,
        { _tag: "Failure", error, ...(code === undefined ? {} : { code }) },
        decision.faults,
        now
      )
      return Effect.fail(result.left)
    }
    this.record(operation, args, { _tag: "Success", ids: ids(result.right) }, decision.faults, now)
    return failure === undefined ? Effect.succeed(result.right) : Effect.fail(faultError(failure))
  }

  /** The ten operations as the server sees them (options already decoded). */
  readonly backend: Organizations.Backend = {
    listOrganizationsPage: (options) =>
      this.call(
        "listOrganizations",
        { options },
        (page) => page.data.map((o) => o.id),
        (store) => store.listOrganizations(options)
      ),
    createOrganization: (options, request) =>
      this.call(
        "createOrganization",
        withKey(options, request),
        (org) => [org.id],
        (store, now) => store.createOrganization(options, request, now)
      ),
    getOrganization: (id) =>
      this.call("getOrganization", { id }, (org) => [org.id], (store) => store.getOrganization(id)),
    getOrganizationByExternalId: (externalId) =>
      this.call(
        "getOrganizationByExternalId",
        { externalId },
        (org) => [org.id],
        (store) => store.getOrganizationByExternalId(externalId)
      ),
    updateOrganization: (options) =>
      this.call(
        "updateOrganization",
        { options },
        (org) => [org.id],
        (store, now) => store.updateOrganization(options, now)
      ),
    deleteOrganization: (id) =>
      this.call("deleteOrganization", { id }, () => [id], (store) => store.deleteOrganization(id)),
    listOrganizationRoles: (options) =>
      this.call(
        "listOrganizationRoles",
        { options },
        (roles) => roles.data.map((r) => r.id),
        (store) => store.listOrganizationRoles(options)
      ),
    listOrganizationFeatureFlagsPage: (options) =>
      this.call(
        "listOrganizationFeatureFlags",
        { options },
        (page) => page.data.map((f) => f.id),
        (store) => store.listOrganizationFeatureFlags(options)
      ),
    listOrganizationApiKeysPage: (options) =>
      this.call(
        "listOrganizationApiKeys",
        { options },
        (page) => page.data.map((k) => k.id),
        (store) => store.listOrganizationApiKeys(options)
      ),
    createOrganizationApiKey: (options, request) =>
      this.call(
        "createOrganizationApiKey",
        withKey(options, request),
        (key) => [key.id],
        (store, now) => store.createOrganizationApiKey(options, request, now)
      )
  }

  // -------------------------------------------------------------------------------------------------------------
  // control
  // -------------------------------------------------------------------------------------------------------------

  private resetCalls(): void {
    this.callCounts.clear()
    this.overallCalls = 0
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
              const saved = { ...store.gen, prng: store.prng.state }
              const loaded = Either.flatMap(
                Seeding.fromFixtures(store, fixtures, clock.unsafeCurrentTimeMillis()),
                (batch) => Seeding.load(store, batch)
              )
              if (Either.isRight(loaded)) return Effect.void
              store.gen.lastTime = saved.lastTime
              store.gen.hi = saved.hi
              store.gen.lo = saved.lo
              store.prng.state = saved.prng
              return Effect.fail(new FakeWorkOS.InvalidFixtures(loaded.left))
            })
          )
      ),
    snapshot: Effect.clockWith((clock) =>
      Effect.sync(() => withJson(Seeding.toSnapshot(this.store, clock.unsafeCurrentTimeMillis())))
    ),
    restore: (document) =>
      Effect.flatMap(
        Effect.mapError(
          isDomainSnapshot(document) ? validateSnapshot(document) : decodeSnapshot(document),
          (error) => new FakeWorkOS.InvalidSnapshot(firstIssue(error))
        ),
        (snapshot) =>
          Effect.suspend(() => {
            const restored = Seeding.fromSnapshot(snapshot)
            if (Either.isLeft(restored)) return Effect.fail(new FakeWorkOS.InvalidSnapshot(restored.left))
            this.store = restored.right
            return Effect.void
          })
      ),
    reset: Effect.sync(() => {
      this.store = Either.getOrThrow(Seeding.fromSnapshot(this.initial))
      this.journalEntries = []
      this.sequence = 0
      this.plan = undefined
      this.planPrng = undefined
      this.resetCalls()
    }),
    journal: Effect.sync(() =>
      (this.store.settings.journalCapacity === 0 ? [] : this.journalEntries.slice(-this.store.settings.journalCapacity))
        .map((entry): FakeWorkOS.JournalEntry => ({
          sequence: entry.sequence,
          operation: entry.operation,
          arguments: entry.args,
          outcome: entry.outcome,
          faults: entry.faults,
          at: new Date(entry.now).toISOString()
        }))
    ),
    clearJournal: Effect.sync(() => {
      this.journalEntries = []
    }),
    setFaults: (plan) =>
      Effect.sync(() => {
        this.plan = plan
        this.planPrng = plan.random === undefined ? undefined : new Prng(plan.random.seed)
        this.resetCalls()
      }),
    clearFaults: Effect.sync(() => {
      this.plan = undefined
      this.planPrng = undefined
      this.resetCalls()
    }),
    settings: Effect.sync(() => this.store.settings),
    updateSettings: (patch) =>
      Effect.sync(() => {
        this.store.settings = { ...this.store.settings, ...patch }
      }),
    setFeatureFlag: ({ enabled, flag, organizationId }) =>
      Effect.suspend(() =>
        Either.match(this.store.setFeatureFlag(organizationId, flag, enabled), {
          onLeft: Effect.fail,
          onRight: () => Effect.void
        })
      ),
    findApiKey: (value) =>
      Effect.sync((): Option.Option<ApiKey> => Option.fromNullable(this.store.findApiKey(Redacted.value(value))))
  }
}
