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
import type * as ApiKeyModule from "@effect-workos/core/ApiKey"
import type { List } from "@effect-workos/core/List"
import type * as Options from "@effect-workos/core/Options"
import type { Organization } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import type { RoleList } from "@effect-workos/core/Role"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Commands from "./Commands.js"
import * as Model from "./Model.js"
import * as Observation from "./Observation.js"

/**
 * How one run compares and checks.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly namespace: Commands.Namespace
  readonly limits: Commands.Limits
  /** Check the invariants over a full listing of B too after every step (costs B one list walk per step). */
  readonly invariantsOnB: boolean
  /**
   * A difference that is a known divergence returns its id and is tolerated (counted in the stats); anything else
   * fails the run. Default: nothing is tolerated.
   */
  readonly tolerate?: ((operation: string, difference: Observation.Difference) => string | undefined) | undefined
  /** Told B's id of every organization B reports created (a live run deletes them at the end). */
  readonly onCreated?: ((id: string) => void) | undefined
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
  readonly a: Organizations.Service
  readonly b: Organizations.Service
  readonly runPromise: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>
  readonly observer: Observation.Observer
  readonly settings: Settings
  /** The steps run so far, with their outcomes (shown when a step fails). */
  readonly trace: Array<string>
  readonly stats: Stats
}

type Answer = Either.Either<unknown, unknown>

interface Plan {
  readonly operation: string
  readonly a: Effect.Effect<unknown, unknown>
  readonly b: Effect.Effect<unknown, unknown>
  /** Checks A's answer against the model and applies the step to the model; returns the problems. */
  readonly apply: (a: Answer, b: Answer) => ReadonlyArray<string>
}

const outcomeOf = (answer: Answer): string =>
  Either.isRight(answer)
    ? "ok"
    : typeof (answer.left as { _tag?: unknown })?._tag === "string"
    ? (answer.left as { _tag: string })._tag
    : "defect"

const collect = <A, E>(stream: Stream.Stream<A, E>) =>
  Effect.map(Stream.runCollect(stream), (chunk) => Chunk.toReadonlyArray(chunk))

const expectOutcome = (expectation: Model.Expectation, answer: Answer): ReadonlyArray<string> => {
  const outcome = outcomeOf(answer)
  return expectation.allowed.includes(outcome)
    ? []
    : [
      `the model allows ${expectation.allowed.join(" | ")}, A answered ${outcome}${
        Either.isLeft(answer) ? ` (${Observation.render((answer.left as Error)?.message ?? answer.left, 300)})` : ""
      }`
    ]
}

const idOf = (answer: Answer): string => (answer as Either.Right<unknown, { readonly id: string }>).right.id

const renderDomains = (ns: Commands.Namespace, ds: ReadonlyArray<Commands.DomainSpec>): Array<Options.DomainData> =>
  ds.map((d) => ({ domain: ns.domain(d), state: d.state }))

const renderCreate = (
  input: Extract<Commands.Input, { readonly _tag: "CreateOrganization" }>,
  settings: Settings
): Options.CreateOrganizationOptions => {
  const ns = settings.namespace
  return {
    name: ns.name(input.name),
    ...(input.externalId === undefined ? {} : { externalId: ns.externalId(input.externalId, settings.limits) }),
    ...(input.domainData === undefined ? {} : { domainData: renderDomains(ns, input.domainData) }),
    ...(input.metadata === undefined ? {} : { metadata: Commands.renderMetadata(input.metadata, settings.limits) })
  }
}

/** The same payload with its metadata keys in the opposite order. */
const reorderMetadata = (options: Options.CreateOrganizationOptions): Options.CreateOrganizationOptions =>
  options.metadata === undefined
    ? options
    : { ...options, metadata: Object.fromEntries(Object.entries(options.metadata).reverse()) }

const resolve = (state: Model.State, ref: Commands.OrgRef) => {
  const org = Model.resolveRef(state, ref)
  return { org, a: org?.a ?? Commands.MISSING_ID, b: org?.b ?? Commands.MISSING_ID }
}

const filterOf = (
  input: { readonly domains?: ReadonlyArray<Commands.DomainFilter>; readonly search?: string },
  ns: Commands.Namespace
) => {
  const domains = input.domains?.map((d) => (d.base < 0 ? "" : ns.domain(d)))
  const search = ns.search(input.search)
  return {
    ...(domains === undefined ? {} : { domains }),
    ...(search === undefined ? {} : { search })
  }
}

const pickCursor = (
  pool: ReadonlyArray<Model.Cursor>,
  spec: Commands.CursorSpec | undefined,
  prefix: "org_" | "api_key_"
) => {
  if (spec === undefined) return undefined
  if (spec._tag === "Malformed") {
    return {
      side: spec.side,
      a: Commands.MALFORMED_CURSOR,
      b: Commands.MALFORMED_CURSOR,
      malformed: true,
      ancient: false
    }
  }
  if (spec._tag === "Ancient") {
    const id = Commands.ancientId(prefix)
    return { side: spec.side, a: id, b: id, malformed: false, ancient: true }
  }
  if (pool.length === 0) return undefined
  const c = pool[spec.pick % pool.length]!
  return { side: spec.side, a: c.a, b: c.b, malformed: false, ancient: false }
}

const pushCursors = (pool: Array<Model.Cursor>, a: Answer, b: Answer) => {
  if (Either.isLeft(a) || Either.isLeft(b)) return
  const la = (a.right as List<unknown>).listMetadata
  const lb = (b.right as List<unknown>).listMetadata
  for (const key of ["before", "after"] as const) {
    const ca = la[key]
    const cb = lb[key]
    if (ca !== null && cb !== null && !pool.some((c) => c.a === ca)) pool.push({ a: ca, b: cb })
  }
}

/**
 * Plans one command against the model: the call on each side, and what to check and apply afterwards.
 */
const plan = (state: Model.State, input: Commands.Input, real: Real): Plan => {
  const settings = real.settings
  const ns = settings.namespace
  const operation = Commands.operationOf(input)
  const make = (
    call: (s: Organizations.Service, side: "a" | "b") => Effect.Effect<unknown, unknown>,
    apply: Plan["apply"]
  ): Plan => ({ operation, a: call(real.a, "a"), b: call(real.b, "b"), apply })

  switch (input._tag) {
    case "CreateOrganization":
    case "RetryCreateOrganization": {
      let options: Options.CreateOrganizationOptions
      let key: string | undefined
      if (input._tag === "CreateOrganization") {
        options = renderCreate(input, settings)
        key = input.idempotencyKey === undefined ? undefined : Commands.idempotencyKey(ns, "org", input.idempotencyKey)
      } else {
        const sent = state.sent.filter((s) => s.kind === "org")
        const pick = sent[input.pick % sent.length]! as Extract<Model.Sent, { readonly kind: "org" }>
        key = pick.key
        options = input.samePayload === "reordered"
          ? reorderMetadata(pick.options)
          : input.samePayload
          ? pick.options
          : { ...pick.options, name: `${pick.options.name} (changed)` }
      }
      const expectation = Model.expectCreateOrganization(state, options, key)
      if (key !== undefined) state.sent.push({ kind: "org", key, options })
      const request = key === undefined ? undefined : { idempotencyKey: key }
      return make((s) => s.createOrganization(options, request), (a, b) => {
        const problems = expectOutcome(expectation, a)
        if (problems.length > 0 || Either.isLeft(a)) return problems
        const value = a.right as Organization
        if (expectation.replay !== undefined) {
          return value.id === expectation.replay
            ? []
            : [`a replay answered ${value.id}, the original was ${expectation.replay}`]
        }
        if (state.orgByA.has(value.id)) return [`a new organization reuses the id ${value.id}`]
        const org = Model.createdOrganization(state, options, key, value.id, idOf(b))
        settings.onCreated?.(idOf(b))
        return Model.checkOrganization(org, value)
      })
    }
    case "ListOrganizationsPage": {
      const cursor = pickCursor(state.orgCursors, input.cursor, "org_")
      const filter = filterOf(input, ns)
      const base = {
        ...(input.limit === undefined ? {} : { limit: input.limit }),
        ...(input.order === undefined ? {} : { order: input.order }),
        ...filter
      }
      const withCursor = (side: "a" | "b"): Options.ListOrganizationsOptions =>
        cursor === undefined ? base : { ...base, [cursor.side]: cursor[side] }
      return make((s, side) => s.listOrganizationsPage(withCursor(side)), (a, b) => {
        if (cursor?.malformed === true) return expectOutcome({ allowed: ["ValidationFailed"] }, a)
        const problems = expectOutcome({ allowed: ["ok"] }, a)
        if (problems.length > 0) return problems
        pushCursors(state.orgCursors, a, b)
        const rank = cursor === undefined ? undefined : cursor.ancient ? -1 : state.orgByA.get(cursor.a)?.index
        if (cursor !== undefined && rank === undefined) {
          return [`the cursor ${cursor.a} is not an organization the model knows`]
        }
        const expected = Model.page(
          state.orgs.filter((o) => o.alive && Model.matches(o, filter)),
          (o) => o.index,
          {
            order: input.order ?? "desc",
            limit: input.limit ?? 10,
            before: cursor?.side === "before" ? rank : undefined,
            after: cursor?.side === "after" ? rank : undefined
          }
        )
        return Model.checkPage("listOrganizationsPage", (a as Either.Right<unknown, List<Organization>>).right, {
          data: expected.data.map((o) => o.a),
          before: expected.before?.a ?? null,
          after: expected.after?.a ?? null
        })
      })
    }
    case "ListOrganizations": {
      const filter = filterOf(input, ns)
      const options = {
        ...(input.limit === undefined ? {} : { limit: input.limit }),
        ...(input.order === undefined ? {} : { order: input.order }),
        ...filter
      }
      return make((s) => collect(s.listOrganizations(options)), (a) => {
        const problems = expectOutcome({ allowed: ["ok"] }, a)
        if (problems.length > 0) return problems
        const expected = state.orgs.filter((o) => o.alive && Model.matches(o, filter)).map((o) => o.a)
        if (input.order !== "asc") expected.reverse()
        const got = (a as Either.Right<unknown, ReadonlyArray<Organization>>).right.map((o) => o.id)
        return got.join(",") === expected.join(",")
          ? []
          : [`the walk yields [${got.join(", ")}], the model [${expected.join(", ")}]`]
      })
    }
    case "GetOrganization": {
      const target = resolve(state, input.target)
      return make((s, side) => s.getOrganization(target[side]), (a) => {
        const problems = expectOutcome(Model.expectExisting(target.org), a)
        if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
        return Model.checkOrganization(target.org, a.right as Organization)
      })
    }
    case "GetOrganizationByExternalId": {
      const spec = input.externalId
      const externalId = spec._tag === "OfOrg"
        ? Model.pickOrg(state, spec.pick)?.externalId ?? ns.externalId({ _tag: "Pool", n: 0 }, settings.limits)
        : ns.externalId(spec, settings.limits)
      const holder = state.orgs.find((o) => o.alive && o.externalId === externalId)
      return make((s) => s.getOrganizationByExternalId(externalId), (a) => {
        // an id that cannot stand in a URL path is refused before anything is sent
        if (externalId === "") return expectOutcome({ allowed: ["InvalidRequest"] }, a)
        const problems = expectOutcome(Model.expectExisting(holder), a)
        if (problems.length > 0 || Either.isLeft(a) || holder === undefined) return problems
        return Model.checkOrganization(holder, a.right as Organization)
      })
    }
    case "UpdateOrganization": {
      const target = resolve(state, input.target)
      const fields: Omit<Options.UpdateOrganizationOptions, "organization"> = {
        ...(input.name === undefined ? {} : { name: ns.name(input.name) }),
        ...(input.externalId === undefined
          ? {}
          : { externalId: input.externalId === null ? null : ns.externalId(input.externalId, settings.limits) }),
        ...(input.domainData === undefined ? {} : { domainData: renderDomains(ns, input.domainData) }),
        ...(input.metadata === undefined
          ? {}
          : { metadata: input.metadata === null ? null : Commands.renderMetadata(input.metadata, settings.limits) }),
        ...(input.stripeCustomerId === undefined
          ? {}
          : {
            stripeCustomerId: input.stripeCustomerId === null ? null : ns.stripeCustomerId(input.stripeCustomerId)
          })
      }
      const expectation = Model.expectUpdateOrganization(state, target.org, fields)
      return make((s, side) => s.updateOrganization({ organization: target[side], ...fields }), (a) => {
        const problems = expectOutcome(expectation, a)
        if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
        Model.updatedOrganization(target.org, fields)
        return Model.checkOrganization(target.org, a.right as Organization)
      })
    }
    case "DeleteOrganization": {
      const target = resolve(state, input.target)
      return make((s, side) => s.deleteOrganization(target[side]), (a) => {
        const problems = expectOutcome(Model.expectExisting(target.org), a)
        if (problems.length === 0 && Either.isRight(a) && target.org !== undefined) target.org.alive = false
        return problems
      })
    }
    case "ListOrganizationRoles": {
      const target = resolve(state, input.target)
      return make((s, side) => s.listOrganizationRoles({ organizationId: target[side] }), (a) => {
        const problems = expectOutcome(Model.expectExisting(target.org), a)
        if (problems.length > 0 || Either.isLeft(a)) return problems
        const types = (a.right as RoleList).data.map((r) => r.type)
        const firstOrgRole = types.indexOf("OrganizationRole")
        return firstOrgRole >= 0 && types.slice(firstOrgRole).includes("EnvironmentRole")
          ? [`roles are not environment roles first: ${types.join(", ")}`]
          : []
      })
    }
    case "ListOrganizationFeatureFlagsPage": {
      const target = resolve(state, input.target)
      const options = {
        ...(input.limit === undefined ? {} : { limit: input.limit }),
        ...(input.order === undefined ? {} : { order: input.order })
      }
      return make(
        (s, side) => s.listOrganizationFeatureFlagsPage({ organizationId: target[side], ...options }),
        (a) => {
          const problems = expectOutcome(Model.expectExisting(target.org), a)
          if (problems.length > 0 || Either.isLeft(a)) return problems
          const n = (a.right as List<unknown>).data.length
          return n > (input.limit ?? 10) ? [`a feature flag page of ${n} items exceeds the limit`] : []
        }
      )
    }
    case "ListOrganizationApiKeysPage": {
      const target = resolve(state, input.target)
      const own = target.org?.apiKeys.map((k) => ({ a: k.a, b: k.b })) ?? []
      const cursor = pickCursor(own, input.cursor, "api_key_")
      const base = {
        ...(input.limit === undefined ? {} : { limit: input.limit }),
        ...(input.order === undefined ? {} : { order: input.order })
      }
      return make(
        (s, side) =>
          s.listOrganizationApiKeysPage({
            organizationId: target[side],
            ...base,
            ...(cursor === undefined ? {} : { [cursor.side]: cursor[side] })
          }),
        (a) => {
          const malformed = cursor?.malformed === true
          const problems = expectOutcome(
            malformed
              ? { allowed: target.org?.alive === true ? ["ValidationFailed"] : ["NotFound", "ValidationFailed"] }
              : Model.expectExisting(target.org),
            a
          )
          if (malformed) return problems
          if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
          const rank = cursor === undefined ? undefined : cursor.ancient ? -1 : state.keyByA.get(cursor.a)?.index
          const expected = Model.page(target.org.apiKeys, (k) => k.index, {
            order: input.order ?? "desc",
            limit: input.limit ?? 10,
            before: cursor?.side === "before" ? rank : undefined,
            after: cursor?.side === "after" ? rank : undefined
          })
          const answer = a.right as List<ApiKeyModule.ApiKey>
          return [
            ...Model.checkPage("listOrganizationApiKeysPage", answer, {
              data: expected.data.map((k) => k.a),
              before: expected.before?.a ?? null,
              after: expected.after?.a ?? null
            }),
            ...answer.data.flatMap((k) => {
              const known = state.keyByA.get(k.id)
              return known === undefined ? [`unknown api key ${k.id}`] : Model.checkApiKey(known, k)
            })
          ]
        }
      )
    }
    case "ListOrganizationApiKeys": {
      const target = resolve(state, input.target)
      const options = input.limit === undefined ? {} : { limit: input.limit }
      return make(
        (s, side) => collect(s.listOrganizationApiKeys({ organizationId: target[side], ...options })),
        (a) => {
          const problems = expectOutcome(Model.expectExisting(target.org), a)
          if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
          const got = (a.right as ReadonlyArray<ApiKeyModule.ApiKey>).map((k) => k.id)
          const expected = target.org.apiKeys.map((k) => k.a).reverse()
          return got.join(",") === expected.join(",")
            ? []
            : [`the api key walk yields [${got.join(", ")}], the model [${expected.join(", ")}]`]
        }
      )
    }
    case "CreateOrganizationApiKey":
    case "RetryCreateOrganizationApiKey": {
      let target: { readonly org: Model.Org | undefined; readonly a: string; readonly b: string }
      let options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">
      let key: string | undefined
      if (input._tag === "CreateOrganizationApiKey") {
        target = resolve(state, input.target)
        options = {
          name: input.name === "" ? "" : ns.name(input.name),
          ...(input.permissions === undefined ? {} : { permissions: input.permissions }),
          ...(input.expiresAt === undefined ? {} : { expiresAt: Commands.EXPIRES_AT[input.expiresAt] })
        }
        key = input.idempotencyKey === undefined ? undefined : Commands.idempotencyKey(ns, "key", input.idempotencyKey)
      } else {
        const sent = state.sent.filter((s) => s.kind === "key")
        const pick = sent[input.pick % sent.length]! as Extract<Model.Sent, { readonly kind: "key" }>
        target = {
          org: pick.target,
          a: pick.target?.a ?? Commands.MISSING_ID,
          b: pick.target?.b ?? Commands.MISSING_ID
        }
        key = pick.key
        options = input.samePayload ? pick.options : { ...pick.options, name: `${pick.options.name} (changed)` }
      }
      const expectation = Model.expectCreateApiKey(state, target.org, options, key)
      if (key !== undefined) state.sent.push({ kind: "key", key, target: target.org, options })
      const request = key === undefined ? undefined : { idempotencyKey: key }
      return make(
        (s, side) => s.createOrganizationApiKey({ organizationId: target[side], ...options }, request),
        (a, b) => {
          const problems = expectOutcome(expectation, a)
          if (problems.length > 0 || Either.isLeft(a) || target.org === undefined) return problems
          const value = a.right as ApiKeyModule.CreatedApiKey
          if (expectation.replay !== undefined) {
            return value.id === expectation.replay
              ? []
              : [`a replay answered ${value.id}, the original was ${expectation.replay}`]
          }
          if (state.keyByA.has(value.id)) return [`a new api key reuses the id ${value.id}`]
          const apiKey = Model.createdApiKey(state, target.org, options, key, value.id, idOf(b))
          return Model.checkApiKey(apiKey, value)
        }
      )
    }
  }
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
    : `${outcomeOf(answer)} ${Observation.render((answer.left as Error)?.message ?? answer.left, 160)}`

/**
 * A lockstep command: one {@link Commands.Input}, run on both sides.
 *
 * @since 0.1.0
 * @category commands
 */
export class Step implements fc.AsyncCommand<Model.State, Real> {
  constructor(readonly input: Commands.Input) {}

  check(state: Readonly<Model.State>): boolean {
    if (state.halted !== undefined) return false
    if (this.input._tag === "RetryCreateOrganization") return state.sent.some((s) => s.kind === "org")
    if (this.input._tag === "RetryCreateOrganizationApiKey") return state.sent.some((s) => s.kind === "key")
    return true
  }

  async run(state: Model.State, real: Real): Promise<void> {
    const step = real.trace.length + 1
    const p = plan(state, this.input, real)
    const [a, b] = await real.runPromise(Effect.all([Effect.either(p.a), Effect.either(p.b)]))
    real.stats.commands++
    bump(real.stats.operations, p.operation)
    bump(real.stats.outcomes, `${p.operation}:${outcomeOf(a)}`)
    const report = (title: string, lines: string) =>
      new Error(
        `${title} at step ${step}: ${this.toString()}\n` +
          `  A: ${answerLine(a)}\n  B: ${answerLine(b)}\n${lines}\n` +
          `Steps before it:\n${real.trace.map((t, i) => `  ${i + 1}. ${t}`).join("\n") || "  (none)"}`
      )
    const differences = real.observer.compare(a, b)
    const unlisted: Array<Observation.Difference> = []
    for (const d of differences) {
      const id = real.settings.tolerate?.(p.operation, d)
      if (id === undefined) unlisted.push(d)
      else bump(real.stats.tolerated, id)
    }
    if (unlisted.length > 0) throw report("A and B answered differently", Observation.format(unlisted))
    if (Either.isLeft(a) !== Either.isLeft(b)) {
      // a tolerated divergence in the outcome: the sides no longer hold the same state, so the run stops here
      if (Either.isRight(b) && p.operation === "createOrganization") real.settings.onCreated?.(idOf(b))
      state.halted = `step ${step}: ${this.toString()} (A ${outcomeOf(a)}, B ${outcomeOf(b)})`
      real.stats.halted.push(state.halted)
      real.trace.push(`${this.toString()} → A ${outcomeOf(a)}, B ${outcomeOf(b)} (tolerated; run halted)`)
      return
    }
    const problems = p.apply(a, b)
    if (problems.length > 0) throw report("The reference model disagrees", problems.map((s) => `  ${s}`).join("\n"))
    real.trace.push(`${this.toString()} → ${outcomeOf(a)}`)
    const broken = await real.runPromise(invariants(state, real, step))
    if (broken.length > 0) throw report("An invariant is broken after the step", broken.map((s) => `  ${s}`).join("\n"))
  }

  toString(): string {
    return Commands.describe(this.input)
  }
}

/**
 * The command list arbitrary: up to `maxCommands` commands of every kind, by weight.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const commands = (options: { readonly maxCommands: number; readonly replayPath?: string | undefined }) =>
  fc.commands([Commands.input.map((input) => new Step(input))], {
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
  readonly a: Organizations.Service
  readonly b: Organizations.Service
  /** Organizations present on both sides before the first command, with the same id on both. */
  readonly seeded?: ReadonlyArray<Model.Seeded> | undefined
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
      commands({ maxCommands: options.maxCommands, replayPath: Option.getOrUndefined(replay.replayPath) }),
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
          const state = Model.make(real.settings.limits, sides.seeded ?? [])
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
