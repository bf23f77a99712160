/**
 * The control surface of the in-memory WorkOS environment: seed it, snapshot and restore it, read the journal of
 * every call, script faults, and change its settings. Provided next to `Organizations` by
 * `OrganizationsMemory.layerMemory`; your application code never needs it, your tests do.
 *
 * @since 0.1.0
 */
import { ApiKey } from "@effect-workos/core/ApiKey"
import { FeatureFlag } from "@effect-workos/core/FeatureFlag"
import { DomainState, Organization } from "@effect-workos/core/Organization"
import { Role } from "@effect-workos/core/Role"
import type { NotFound } from "@effect-workos/core/WorkOSError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { defaultConsumerDomains, DomainVerificationState } from "./DomainVerification.js"
import type { DomainFailureReason } from "./DomainVerification.js"
import { Fault, type FaultPlan, Operation } from "./Faults.js"
import type { Fixtures, FixturesInput } from "./Fixtures.js"

// ---------------------------------------------------------------------------------------------------------------
// settings
// ---------------------------------------------------------------------------------------------------------------

const Count = Schema.Int.pipe(Schema.nonNegative())
const Positive = Schema.Int.pipe(Schema.positive())

/**
 * The environment's rules where WorkOS's documentation is silent or contradicts itself (WIRE.md §13). The defaults
 * follow the OpenAPI spec; change them to test your code against the stricter documented values.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Settings = Schema.Struct({
  /** Most metadata keys per organization (spec: 50; docs: 10). */
  metadataMaxKeys: Count,
  /** Longest metadata key (40). */
  metadataKeyMaxLength: Positive,
  /** Longest metadata value (600). */
  metadataValueMaxLength: Positive,
  /** Reject non-ASCII metadata keys and values (docs; default on). */
  metadataAsciiOnly: Schema.Boolean,
  /** Longest `external_id` (spec: 128; docs: 64). */
  externalIdMaxLength: Positive,
  /** Reject non-ASCII external ids (spec; default on). */
  externalIdAsciiOnly: Schema.Boolean,
  /** Whether the environment has the Stripe integration; when off, setting `stripe_customer_id` is a 422. */
  stripeCustomerIdEnabled: Schema.Boolean,
  /** How long an Idempotency-Key is remembered, on `Clock` (24 hours). */
  idempotencyTtl: Schema.DurationFromMillis,
  /** A domain another organization holds in one of these states conflicts (409); others may be shared. */
  domainConflictStates: Schema.Array(DomainState),
  /** `ascii` → `sk_...3456` (the spec's form), `ellipsis` → `sk_…3456` (the official SDK's fixtures). */
  obfuscatedValueStyle: Schema.Literal("ascii", "ellipsis"),
  /** The start of generated API key values. */
  apiKeyValuePrefix: Schema.String,
  /** How many journal entries are kept; older ones are dropped first (their sequence numbers are not reused). */
  journalCapacity: Count,
  /**
   * Domains `POST /organization_domains` refuses (422 `domain_not_allowed`), compared lower-cased: "WorkOS does not
   * allow addition of common consumer domains" (the list is the fake's).
   */
  consumerDomains: Schema.Array(Schema.String),
  /** How often the DNS of a pending domain is checked, on `Clock`, after its attempt starts (5 minutes). */
  domainDnsCheckInterval: Schema.DurationFromMillis,
  /** How long a pending domain waits for its TXT record before it fails (30 days). */
  domainVerificationPeriod: Schema.DurationFromMillis
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Settings extends Schema.Schema.Type<typeof Settings> {}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultSettings: Settings = {
  metadataMaxKeys: 50,
  metadataKeyMaxLength: 40,
  metadataValueMaxLength: 600,
  metadataAsciiOnly: true,
  externalIdMaxLength: 128,
  externalIdAsciiOnly: true,
  stripeCustomerIdEnabled: true,
  idempotencyTtl: Duration.hours(24),
  domainConflictStates: ["verified", "legacy_verified"],
  obfuscatedValueStyle: "ascii",
  apiKeyValuePrefix: "sk_test_",
  journalCapacity: 10_000,
  consumerDomains: defaultConsumerDomains,
  domainDnsCheckInterval: Duration.minutes(5),
  domainVerificationPeriod: Duration.days(30)
}

/**
 * The organization-domain schemas (`DomainFailureReason`, `DomainVerificationState`) and `defaultConsumerDomains`,
 * declared in the `DomainVerification` module.
 *
 * @since 0.2.0
 * @category schemas
 */
export * from "./DomainVerification.js"

/**
 * The fixture schemas (`Fixtures`, `OrganizationFixture`, `RoleFixture`, …), declared in the `Fixtures` module.
 *
 * @since 0.1.0
 * @category schemas
 */
export * from "./Fixtures.js"

/**
 * The fault plan schemas (`FaultPlan`, `Fault`, `ScriptedFault`, `RandomFaults`, `Operation`, …), declared in the
 * `Faults` module.
 *
 * @since 0.1.0
 * @category schemas
 */
export * from "./Faults.js"

// ---------------------------------------------------------------------------------------------------------------
// journal
// ---------------------------------------------------------------------------------------------------------------

/**
 * What a call came to: the ids it returned (the created or fetched objects, the page's items), or the error's tag
 * and code.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Outcome = Schema.Union(
  Schema.TaggedStruct("Success", { ids: Schema.Array(Schema.String) }),
  Schema.TaggedStruct("Failure", { error: Schema.String, code: Schema.optional(Schema.String) })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Outcome = typeof Outcome.Type

/**
 * One call, as the server saw it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const JournalEntry = Schema.Struct({
  /** 1, 2, 3… in the order the calls reached the state. */
  sequence: Positive,
  operation: Operation,
  /**
   * The call's arguments as the operation received them, in the SDK's vocabulary (the decoded, camelCase options:
   * `{ options }`, or `{ id }` / `{ externalId }`), plus `idempotencyKey` when given.
   */
  arguments: Schema.Unknown,
  outcome: Outcome,
  /** The faults applied to this call. */
  faults: Schema.Array(Fault),
  /** Virtual (`Clock`) time the call reached the state. */
  at: Schema.String
})

/**
 * @since 0.1.0
 * @category models
 */
export interface JournalEntry extends Schema.Schema.Type<typeof JournalEntry> {}

// ---------------------------------------------------------------------------------------------------------------
// snapshot
// ---------------------------------------------------------------------------------------------------------------

/** The settings as a snapshot reads them: those added since version 1 was fixed take their defaults when absent. */
const SnapshotSettings = Schema.Struct({
  ...Settings.fields,
  consumerDomains: Schema.optionalWith(Settings.fields.consumerDomains, { default: () => defaultConsumerDomains }),
  domainDnsCheckInterval: Schema.optionalWith(Settings.fields.domainDnsCheckInterval, {
    default: () => Duration.minutes(5)
  }),
  domainVerificationPeriod: Schema.optionalWith(Settings.fields.domainVerificationPeriod, {
    default: () => Duration.days(30)
  })
})

/**
 * The state of an environment: its objects as the domain types (`Organization`, `ApiKey`, … as the SDK returns
 * them), API keys as hashes (never their values), the live Idempotency-Keys of organization creates, and the id generator's state, so a
 * restored environment continues exactly where the snapshot was taken. API-key creates' idempotency entries are
 * not included, because replaying them needs the one-time secret, which a snapshot never holds.
 *
 * Its encoded side ({@link SnapshotJson}) is the versioned JSON document, objects in their wire encoding: what
 * `JSON.stringify` makes of a snapshot, what the emulator's `GET /_emulator/snapshot` sends, and what
 * {@link Service.restore} reads besides the domain form.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Snapshot = Schema.Struct({
  version: Schema.Literal(1),
  settings: SnapshotSettings,
  generator: Schema.Struct({
    lastTime: Schema.Number,
    hi: Schema.Number,
    lo: Schema.Number,
    prng: Schema.Number
  }),
  organizations: Schema.Array(Organization),
  /** Deleted organizations: their cursor positions stay valid, and their ids are never used again. */
  deleted: Schema.Array(Schema.Struct({ id: Schema.String, createdAt: Schema.String })),
  environmentRoles: Schema.Array(Role),
  organizationRoles: Schema.Array(Schema.Struct({ organizationId: Schema.String, roles: Schema.Array(Role) })),
  featureFlags: Schema.Array(FeatureFlag),
  enabledFeatureFlags: Schema.Array(
    Schema.Struct({ organizationId: Schema.String, flagIds: Schema.Array(Schema.String) })
  ),
  apiKeys: Schema.Array(Schema.Struct({ apiKey: ApiKey, valueHash: Schema.String })),
  idempotency: Schema.Array(Schema.Struct({
    key: Schema.String,
    fingerprint: Schema.String,
    /** Epoch milliseconds. */
    expiresAt: Schema.Number,
    organization: Organization
  })),
  /**
   * The domains' verification state that is not on the objects (absent in older snapshots: none): when each pending
   * domain's attempt started, why each failed one failed, the environment's DNS TXT records, and the time the DNS
   * checks were applied up to (epoch milliseconds, `null` for never).
   */
  domainVerification: Schema.optionalWith(DomainVerificationState, {
    default: () => ({ checkedAt: null, verifications: [], dnsRecords: [] })
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Snapshot extends Schema.Schema.Type<typeof Snapshot> {}

/**
 * The snapshot document as JSON (`Schema.encode(Snapshot)`, or `JSON.stringify` of a snapshot).
 *
 * @since 0.1.0
 * @category models
 */
export type SnapshotJson = typeof Snapshot.Encoded

// ---------------------------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------------------------

/**
 * Fixtures that cannot be seeded; nothing was added.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidFixtures
  extends Schema.TaggedError<InvalidFixtures>("@effect-workos/fake/FakeWorkOS/InvalidFixtures")(
    "InvalidFixtures",
    {
      /** Where, e.g. `organizations[3].externalId`. */
      path: Schema.String,
      detail: Schema.String
    }
  )
{
  /** @since 0.1.0 */
  override get message(): string {
    return `Invalid fixtures at '${this.path}': ${this.detail}`
  }
}

/**
 * `advanceClock` was given something that is not a finite duration; the clock did not move.
 *
 * @since 0.2.0
 * @category errors
 */
export class InvalidDuration
  extends Schema.TaggedError<InvalidDuration>("@effect-workos/fake/FakeWorkOS/InvalidDuration")(
    "InvalidDuration",
    { detail: Schema.String }
  )
{
  /** @since 0.2.0 */
  override get message(): string {
    return `Invalid duration: ${this.detail}`
  }
}

/**
 * A document that is not a snapshot this version can restore; the environment is unchanged.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidSnapshot
  extends Schema.TaggedError<InvalidSnapshot>("@effect-workos/fake/FakeWorkOS/InvalidSnapshot")(
    "InvalidSnapshot",
    {
      path: Schema.String,
      detail: Schema.String
    }
  )
{
  /** @since 0.1.0 */
  override get message(): string {
    return `Invalid snapshot at '${this.path}': ${this.detail}`
  }
}

// ---------------------------------------------------------------------------------------------------------------
// service
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Adds organizations, roles, feature flags and API keys (see {@link Fixtures}), given in the domain form or as
   * plain JSON (see {@link FixturesInput}).
   */
  readonly seed: (fixtures: Fixtures | FixturesInput) => Effect.Effect<void, InvalidFixtures>
  /**
   * The current state, as the domain types (see {@link Snapshot}). `JSON.stringify` of it gives the versioned JSON
   * document ({@link SnapshotJson}, objects in their wire encoding), never an API key value.
   */
  readonly snapshot: Effect.Effect<Snapshot>
  /**
   * Replaces the whole state (and settings) with a snapshot's: a {@link Snapshot} as `snapshot` returns it, or its
   * JSON document ({@link SnapshotJson}). The journal and the fault plan stay.
   */
  readonly restore: (snapshot: Snapshot | SnapshotJson | unknown) => Effect.Effect<void, InvalidSnapshot>
  /**
   * Back to the state (and settings) right after the environment was built, the id generator included; clears the
   * journal and the fault plan.
   */
  readonly reset: Effect.Effect<void>
  /** Every call so far (up to `journalCapacity`), oldest first. */
  readonly journal: Effect.Effect<ReadonlyArray<JournalEntry>>
  readonly clearJournal: Effect.Effect<void>
  /** Replaces the fault plan and restarts its call counters. */
  readonly setFaults: (plan: FaultPlan) => Effect.Effect<void>
  readonly clearFaults: Effect.Effect<void>
  readonly settings: Effect.Effect<Settings>
  readonly updateSettings: (patch: Partial<Settings>) => Effect.Effect<void>
  /** Enables or disables a feature flag (by slug or id) for an organization. */
  readonly setFeatureFlag: (options: {
    readonly organizationId: string
    readonly flag: string
    readonly enabled: boolean
  }) => Effect.Effect<void, NotFound>
  /** The API key whose secret is `value`, checked against the stored hashes. */
  readonly findApiKey: (value: Redacted.Redacted<string>) => Effect.Effect<Option.Option<ApiKey>>
  /**
   * Publishes a DNS TXT record on `domain` (compared lower-cased, without a trailing dot) in this environment's DNS.
   * The record that verifies a pending domain is `verification_token=<its verificationToken>`; it is found at the
   * domain's next check (every `domainDnsCheckInterval` after its attempt started) or at a verify call.
   */
  readonly setDnsRecord: (options: { readonly domain: string; readonly value: string }) => Effect.Effect<void>
  /** The environment's DNS TXT records, by domain. */
  readonly dnsRecords: Effect.Effect<
    ReadonlyArray<{ readonly domain: string; readonly values: ReadonlyArray<string> }>
  >
  /** Removes one TXT record of `domain`, or all of them when `value` is left out. */
  readonly removeDnsRecord: (options: {
    readonly domain: string
    readonly value?: string | undefined
  }) => Effect.Effect<void>
  /**
   * Moves this environment's clock forward (added to `Clock`'s time from now on), applying the DNS checks and
   * expiries that fall due: for a server on a real clock. Under `TestClock`, `TestClock.adjust` does the same and
   * also wakes the program's own waits. `reset` sets it back to `Clock`'s time.
   */
  readonly advanceClock: (duration: Duration.DurationInput) => Effect.Effect<void, InvalidDuration>
  /** The environment's time in epoch milliseconds: `Clock`'s, plus what `advanceClock` added. */
  readonly currentTimeMillis: Effect.Effect<number>
  /** Why a `failed` domain failed (`None` for a domain that is not failed, or unknown). */
  readonly domainFailureReason: (domainId: string) => Effect.Effect<Option.Option<DomainFailureReason>>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class FakeWorkOS extends Context.Tag("@effect-workos/fake/FakeWorkOS")<FakeWorkOS, Service>() {}
