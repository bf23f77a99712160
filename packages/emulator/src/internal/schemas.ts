/**
 * The schemas of the emulator's own wire (the `/_emulator` control API and the journal). `Emulator.ts` exports
 * them with their documentation; the declaration (`api.ts`) and the environments use them from here, so that no
 * module below `Emulator.ts` imports it back.
 */
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as Schema from "effect/Schema"

const Count = Schema.Int.pipe(Schema.nonNegative())
const Positive = Schema.Int.pipe(Schema.positive())

/** @internal */
export const Latency = Schema.Union(
  Schema.TaggedStruct("None", {}),
  Schema.TaggedStruct("Fixed", { millis: Count }),
  Schema.TaggedStruct("Uniform", { min: Count, max: Count }).pipe(
    Schema.filter((u) => u.min <= u.max || { path: ["max"], message: "must be at least min" })
  )
)

/** @internal */
export const RateLimits = Schema.Struct({
  requests: Schema.optional(Positive),
  deletes: Schema.optional(Positive),
  windowSeconds: Schema.optional(Schema.Number.pipe(Schema.positive()))
})

/** @internal */
export const HttpFault = Schema.Union(
  Schema.TaggedStruct("ConnectionReset", {}),
  Schema.TaggedStruct("MalformedBody", {}),
  Schema.TaggedStruct("SlowBody", { chunkDelayMillis: Count, chunks: Schema.optional(Positive) })
)

/** @internal */
export const Fault = Schema.Union(FakeWorkOS.Fault, HttpFault)

/** @internal */
export const ScriptedFault = Schema.Struct({
  ...FakeWorkOS.ScriptedFault.fields,
  fault: Fault
})

/** @internal */
export const FaultPlan = Schema.Struct({
  scripted: Schema.optional(Schema.Array(ScriptedFault)),
  random: Schema.optional(FakeWorkOS.RandomFaults)
})

/** @internal */
export const JournalEntry = Schema.Struct({
  /** 1, 2, 3… in arrival order. */
  sequence: Positive,
  /** Virtual (`Clock`) time of arrival, ISO-8601. */
  time: Schema.String,
  method: Schema.String,
  /** The raw path, as sent (percent-encoded). */
  path: Schema.String,
  /** The raw query string, without `?`. */
  query: Schema.String,
  /** The operation the route names (the official SDK's name). */
  operation: Schema.String,
  /** The status answered; `null` when the connection was dropped (a fault). */
  status: Schema.NullOr(Schema.Int),
  idempotencyKey: Schema.NullOr(Schema.String),
  /** 1 for the first request carrying this Idempotency-Key in the environment, 2 for its first retry, … */
  attempt: Schema.NullOr(Positive),
  /** The `X-Request-ID` answered. */
  requestId: Schema.String
})

/** @internal */
export const Journal = Schema.Struct({
  object: Schema.Literal("list"),
  data: Schema.Array(JournalEntry)
})

/** @internal */
export const Options = Schema.Struct({
  /** The interface to bind. Default `127.0.0.1`. */
  host: Schema.optional(Schema.String),
  /** The port; `0` picks a free one. Default 8484 (`Emulator.start`: 0). */
  port: Schema.optional(Schema.Int.pipe(Schema.between(0, 65535))),
  /** Accept only these API keys. Default: every well-formed `sk_test_…` key, each its own environment. */
  apiKeys: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  /** Seeded into every new environment (and restored by `POST /_emulator/reset`). */
  fixtures: Schema.optional(FakeWorkOS.Fixtures),
  /** The fake's random seed (ids, generated secrets). */
  seed: Schema.optional(Schema.Int),
  /** The fake's settings (WIRE.md §13 choices). */
  settings: Schema.optional(Schema.partialWith(FakeWorkOS.Settings, { exact: true })),
  /** The latency every environment starts with. Default none. */
  latency: Schema.optional(Latency),
  /** Per-key rate limits, or `false` for none. Default WorkOS's. */
  rateLimits: Schema.optional(Schema.Union(RateLimits, Schema.Literal(false))),
  /**
   * The most environments (one per API key, each its own state) kept at once. Default
   * `Emulator.DEFAULT_MAX_ENVIRONMENTS` (1,000; an environment with a few organizations takes about 16 KiB). A request
   * with a new key when this many are kept evicts the least recently used environment that is not serving a request
   * (that key's next request starts from a fresh environment, with the `fixtures`); when every one is serving a
   * request, the new key is answered 503 and may retry.
   */
  maxEnvironments: Schema.optional(Positive),
  /**
   * An environment not used for this long (on `Clock`, measured from the end of its last request, control requests
   * included) is dropped at the next request, so its key starts again from a fresh environment. Default: never (the
   * `maxEnvironments` cap bounds the memory). Keep it longer than the virtual time your tests skip with `TestClock`
   * between two requests of one key.
   */
  environmentIdleTimeout: Schema.optional(Schema.DurationFromMillis)
})

/** `POST /_emulator/dns`: a TXT record to publish on a domain. @internal */
export const DnsRecord = Schema.Struct({
  domain: Schema.NonEmptyString,
  /** e.g. `verification_token=<the domain's verification_token>` */
  value: Schema.String
})

/** `DELETE /_emulator/dns`: one TXT record of a domain, or (without `value`) all of them. @internal */
export const DnsRecordRemoval = Schema.Struct({
  domain: Schema.NonEmptyString,
  value: Schema.optional(Schema.String)
})

/** The environment's DNS TXT records. @internal */
export const DnsRecords = Schema.Struct({
  records: Schema.Array(Schema.Struct({ domain: Schema.String, values: Schema.Array(Schema.String) }))
})

/** `POST /_emulator/clock/advance`: how far to move the environment's clock. @internal */
export const ClockAdvance = Schema.Struct({
  milliseconds: Schema.Int.pipe(Schema.between(0, 10 * 365 * 24 * 60 * 60 * 1000))
})

/** The environment's time. @internal */
export const ClockTime = Schema.Struct({ now: Schema.String })
