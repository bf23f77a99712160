/**
 * The server's configuration, resolved from the public `Emulator.Options`.
 */
import * as WorkOSRateLimits from "@effect-workos/core/RateLimits"
import * as SchemaIssue from "@effect-workos/core/SchemaIssue"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Env from "./environment.js"
import * as Schemas from "./schemas.js"

/** @internal */
export type Options = typeof Schemas.Options.Type

/** The default of `Options.maxEnvironments`. @internal */
export const DEFAULT_MAX_ENVIRONMENTS = 1_000

/**
 * The resolved server configuration.
 *
 * @internal
 */
export interface Config {
  /** When set, only these keys are accepted. */
  readonly apiKeys: ReadonlySet<string> | undefined
  readonly rateLimits:
    | { readonly requests: number; readonly deletes: number; readonly windowMillis: number }
    | undefined
  /** The latency every new environment starts with. */
  readonly latency: Env.LatencyPlan
  /** How many environments are kept, and for how long an unused one is. */
  readonly retention: Env.Retention
  /** A fresh fake for a new environment. */
  readonly createBacking: Effect.Effect<Env.Backing>
  /** Decodes `POST /_emulator/seed`; the error names the field. */
  readonly decodeFixtures: (input: unknown) => Either.Either<FakeWorkOS.Fixtures, string>
  /** Decodes `PUT /_emulator/faults` into the fake's plan and the HTTP rules; the error names the field. */
  readonly decodeFaults: (input: unknown) => Either.Either<{
    readonly fake: FakeWorkOS.FaultPlan
    readonly http: ReadonlyArray<Env.HttpFaultRule>
  }, string>
  /** Decodes `PUT /_emulator/latency`; the error names the field. */
  readonly decodeLatency: (input: unknown) => Either.Either<Env.LatencyPlan, string>
  /** Decode `POST /_emulator/dns`, `DELETE /_emulator/dns` and `POST /_emulator/clock/advance`. */
  readonly decodeDnsRecord: (input: unknown) => Either.Either<typeof Schemas.DnsRecord.Type, string>
  readonly decodeDnsRecordRemoval: (input: unknown) => Either.Either<typeof Schemas.DnsRecordRemoval.Type, string>
  readonly decodeClockAdvance: (input: unknown) => Either.Either<typeof Schemas.ClockAdvance.Type, string>
  /** Encodes the journal. */
  readonly encodeJournal: (entries: ReadonlyArray<Env.JournalEntry>) => unknown
}

const fieldError = (error: ParseResult.ParseError, prefix: string): string => {
  const issue = SchemaIssue.first(error)
  const path = SchemaIssue.formatPath(issue.path)
  return `${prefix}${path === "" ? "" : path.startsWith("[") ? path : `.${path}`}: ${issue.message}`
}

const decodeWith = <A, I>(schema: Schema.Schema<A, I>, prefix: string) => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })
  return (input: unknown): Either.Either<A, string> =>
    Either.mapLeft(decode(input), (error) => fieldError(error, prefix))
}

const decodeFaultPlan = decodeWith(Schemas.FaultPlan, "faults")
const decodeFixtures = decodeWith(FakeWorkOS.Fixtures, "fixtures")
const encodeJournal = Schema.encodeSync(Schemas.Journal)

/** @internal */
export const toBacking = ({ backend, control }: OrganizationsMemory.Memory): Env.Backing => ({ backend, control })

const isHttpFault = (fault: typeof Schemas.Fault.Type): fault is Env.HttpFault =>
  fault._tag === "ConnectionReset" || fault._tag === "MalformedBody" || fault._tag === "SlowBody"

/** @internal */
export const memoryOptions = (options: Options): OrganizationsMemory.MemoryOptions => ({
  // the emulator journals its requests (`environment.ts`), with the fake's `Journal`
  journal: false,
  ...(options.seed === undefined ? {} : { seed: options.seed }),
  ...(options.settings === undefined ? {} : { settings: options.settings }),
  ...(options.fixtures === undefined ? {} : { fixtures: options.fixtures })
})

/**
 * The server's configuration. `first`, when given, is a fake already built from `memory` (by `Emulator.serve`, which
 * checks the fixtures before listening): the first environment gets it instead of seeding again.
 */
/** @internal */
export const make = (
  options: Options,
  memory: OrganizationsMemory.MemoryOptions = memoryOptions(options),
  first?: Env.Backing
): Config => {
  let prebuilt = first
  return {
    apiKeys: options.apiKeys === undefined ? undefined : new Set(options.apiKeys),
    rateLimits: options.rateLimits === false
      ? undefined
      : {
        requests: options.rateLimits?.requests ?? WorkOSRateLimits.requests,
        deletes: options.rateLimits?.deletes ?? WorkOSRateLimits.deletes,
        windowMillis: options.rateLimits?.windowSeconds === undefined
          ? Duration.toMillis(WorkOSRateLimits.window)
          : options.rateLimits.windowSeconds * 1000
      },
    latency: options.latency ?? { _tag: "None" },
    retention: {
      maxEnvironments: options.maxEnvironments ?? DEFAULT_MAX_ENVIRONMENTS,
      idleTimeoutMillis: options.environmentIdleTimeout === undefined
        ? undefined
        : Duration.toMillis(options.environmentIdleTimeout)
    },
    createBacking: Effect.suspend(() => {
      if (prebuilt !== undefined) {
        const backing = prebuilt
        prebuilt = undefined
        return Effect.succeed(backing)
      }
      // bad fixtures are a defect here: serve checks them before it listens
      return Effect.map(Effect.orDie(OrganizationsMemory.makeMemory(memory)), toBacking)
    }),
    decodeFixtures,
    decodeFaults: (input) =>
      Either.map(decodeFaultPlan(input), (plan) => {
        const scripted = plan.scripted ?? []
        const fake: Array<FakeWorkOS.ScriptedFault> = []
        const http: Array<Env.HttpFaultRule> = []
        for (const entry of scripted) {
          const fault = entry.fault
          if (isHttpFault(fault)) {
            http.push({ ...entry, fault })
          } else {
            fake.push({ ...entry, fault })
          }
        }
        return {
          fake: { scripted: fake, ...(plan.random === undefined ? {} : { random: plan.random }) },
          http
        }
      }),
    decodeLatency: decodeWith(Schemas.Latency, "latency"),
    decodeDnsRecord: decodeWith(Schemas.DnsRecord, "dns"),
    decodeDnsRecordRemoval: decodeWith(Schemas.DnsRecordRemoval, "dns"),
    decodeClockAdvance: decodeWith(Schemas.ClockAdvance, "clock"),
    encodeJournal: (entries) =>
      encodeJournal({
        object: "list",
        data: entries.map((entry) => ({ ...entry, time: DateTime.formatIso(DateTime.unsafeMake(entry.time)) }))
      })
  }
}
