/**
 * An in-memory WorkOS environment that behaves like the real Organizations API: unique external ids, domain
 * conflicts, metadata limits, Idempotency-Keys, cursor pagination with WorkOS's exact semantics, deletes that
 * cascade. Swap it in for the live layer in your tests:
 *
 * ```ts
 * program.pipe(Effect.provide(OrganizationsMemory.layerMemory()))
 * ```
 *
 * Each build is a fresh, isolated environment. Time comes from `Clock` (so `TestClock` controls timestamps, id
 * times, idempotency expiry and injected latency) and randomness from `Random` (pass `seed` for reproducible ids).
 *
 * Every operation is one atomic step: it runs synchronously from its first check to its last write, so no other
 * fiber can interleave (100 concurrent creates with one external id give one success and 99
 * `ExternalIdAlreadyUsed`), and a failed operation changes nothing.
 *
 * Lists are ordered by `(created_at, id)`. A cursor is the position of the id it names: the object's own key while
 * it exists, its remembered `created_at` after it was deleted (so a Stream whose last item was deleted meanwhile
 * goes on where it was), and for an id never seen here, the time in its ULID. Ids made here carry their creation
 * time, so for them id order and list order agree; seeded objects may have any id and `created_at` and are still
 * listed by `created_at` first.
 *
 * @since 0.1.0
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import * as Organizations from "@effect-workos/core/Organizations"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import * as FakeWorkOS from "./FakeWorkOS.js"
import { Environment } from "./internal/environment.js"
import * as Fixtures from "./internal/fixtures.js"
import * as Seeding from "./internal/seeding.js"
import * as Snapshot from "./internal/snapshot.js"
import * as Store from "./internal/store.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface MemoryOptions {
  /**
   * Seeds the environment's own `Random` (`Random.make(seed)`), making ids, domain tokens and API key values
   * reproducible whatever `Random` the caller runs with. Without it they are drawn from the caller's `Random`.
   */
  readonly seed?: number | undefined
  /** Overrides of {@link FakeWorkOS.defaultSettings}. */
  readonly settings?: Partial<FakeWorkOS.Settings> | undefined
  /** Objects present from the start (and again after `reset`), in the domain form or as plain JSON. */
  readonly fixtures?: FakeWorkOS.Fixtures | FakeWorkOS.FixturesInput | undefined
  /**
   * Whether the environment records its calls in `FakeWorkOS.journal` (default `true`). `false` is for a server
   * that keeps a journal of its requests itself, as the emulator does with the same `Journal`: the fake's would
   * be a second copy nobody reads, and `FakeWorkOS.journal` answers `[]`.
   */
  readonly journal?: boolean | undefined
}

/**
 * One environment, four views of it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Memory {
  /** The service your program uses. */
  readonly organizations: Organizations.Service
  /** The API key lifecycle over the same environment (its list and create are `organizations`' own). */
  readonly apiKeys: ApiKeys.Service
  /** The organizations' domains over the same environment: one store behind them and `Organization.domains`. */
  readonly organizationDomains: OrganizationDomains.Service
  /** Seeding, snapshots, the journal, fault plans, settings. */
  readonly control: FakeWorkOS.Service
  /**
   * The same operations as the server sees them, for hosting the environment behind HTTP: they take decoded wire
   * options and re-check every rule themselves (failing with the errors WorkOS answers, never `InvalidRequest`).
   */
  readonly backend: Organizations.Backend & ApiKeys.Backend & OrganizationDomains.Backend
}

/**
 * Builds a fresh environment: the default environment roles (`admin`, `member`), then `fixtures`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory = (options: MemoryOptions = {}): Effect.Effect<Memory, FakeWorkOS.InvalidFixtures> =>
  Effect.gen(function*() {
    const random = options.seed === undefined ? yield* Effect.random : Random.make(options.seed)
    const prngState = (yield* random.nextInt) >>> 0
    const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
    const store = Store.empty({ ...FakeWorkOS.defaultSettings, ...options.settings }, prngState)
    const roles = Either.flatMap(
      Fixtures.fromFixtures(store, { environmentRoles: Fixtures.defaultEnvironmentRoles }, now),
      (batch) => Seeding.load(store, batch)
    )
    if (Either.isLeft(roles)) return yield* Effect.die(roles.left)
    const environment = new Environment(store, Snapshot.toSnapshot(store, now), options.journal ?? true)
    if (options.fixtures !== undefined) {
      yield* environment.control.seed(options.fixtures)
      environment.rebase(Snapshot.toSnapshot(environment.store, now))
    }
    const organizations = Organizations.make(environment.backend)
    return {
      organizations,
      apiKeys: ApiKeys.make(environment.backend, organizations),
      organizationDomains: OrganizationDomains.make(environment.backend),
      control: environment.control,
      backend: environment.backend
    }
  })

/**
 * Provides `Organizations`, `ApiKeys`, `OrganizationDomains` and their control surface `FakeWorkOS` from one fresh
 * environment per build: a key created through either service validates through `ApiKeys`, and deleting its
 * organization revokes it; a domain added through `OrganizationDomains` is in its organization's `domains`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (
  options: MemoryOptions = {}
): Layer.Layer<
  Organizations.Organizations | ApiKeys.ApiKeys | OrganizationDomains.OrganizationDomains | FakeWorkOS.FakeWorkOS,
  FakeWorkOS.InvalidFixtures
> =>
  Layer.effectContext(
    Effect.map(
      makeMemory(options),
      (memory) =>
        Context.make(Organizations.Organizations, memory.organizations).pipe(
          Context.add(ApiKeys.ApiKeys, memory.apiKeys),
          Context.add(OrganizationDomains.OrganizationDomains, memory.organizationDomains),
          Context.add(FakeWorkOS.FakeWorkOS, memory.control)
        )
    )
  )
