/**
 * Linearizability of an `Organizations` implementation under concurrent callers: many fibers create (with
 * colliding external ids and domains), update, delete, look up and list at once; the history of their calls is
 * recorded and checked with {@link Linearizability.check} against a small sequential specification of the
 * uniqueness rules. {@link racyDouble} is a deliberately broken implementation (external id uniqueness as
 * check-then-act) that such a check must catch.
 *
 * @since 0.1.0
 */
import type { Organization } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import { ExternalIdAlreadyUsed, NotFound } from "@effect-workos/core/WorkOSError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Ref from "effect/Ref"
import * as Linearizability from "./Linearizability.js"

/**
 * The calls of a history: `target` names an update's or a delete's organization in field `R`, `V` is how an external
 * id or a domain is given.
 *
 * @since 0.1.0
 * @category models
 */
export type Call<R extends string, T, V> =
  | { readonly _tag: "Create"; readonly externalId?: V | undefined; readonly domain?: V | undefined }
  | (
    & { readonly _tag: "Update"; readonly externalId?: V | null | undefined; readonly domain?: V | undefined }
    & { readonly [K in R]: T }
  )
  | ({ readonly _tag: "Delete" } & { readonly [K in R]: T })
  | { readonly _tag: "GetByExternalId"; readonly externalId: V }
  | { readonly _tag: "List" }

/**
 * One call, with the concrete ids it was made with.
 *
 * @since 0.1.0
 * @category models
 */
export type Input = Call<"id", string, string>

/**
 * What a call came back with: the id it created or found, the ids it listed, or the error tag.
 *
 * @since 0.1.0
 * @category models
 */
export type Output =
  | { readonly _tag: "Ok"; readonly id?: string | undefined; readonly ids?: ReadonlyArray<string> | undefined }
  | { readonly _tag: "Error"; readonly error: string }

interface OrgState {
  readonly externalId: string | null
  /** Verified domains (every domain in these histories is requested `verified`). */
  readonly domains: ReadonlyArray<string>
}

/**
 * The sequential state: the organizations by id, and every id ever handed out (ids are never reused).
 *
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly orgs: ReadonlyMap<string, OrgState>
  readonly used: ReadonlySet<string>
}

const heldBy = (state: State, test: (org: OrgState) => boolean, except?: string): boolean => {
  for (const [id, org] of state.orgs) if (id !== except && test(org)) return true
  return false
}

/**
 * The sequential specification: external ids unique, verified domains unique, deleted organizations gone, lists
 * showing exactly the organizations there are. Where two errors apply, either is accepted.
 *
 * @since 0.1.0
 * @category models
 */
export const model: Linearizability.Model<State, Input, Output> = {
  init: { orgs: new Map(), used: new Set() },
  step: (state, input, output) => {
    switch (input._tag) {
      case "Create": {
        const extTaken = input.externalId !== undefined &&
          heldBy(state, (o) => o.externalId === input.externalId)
        const domainTaken = input.domain !== undefined && heldBy(state, (o) => o.domains.includes(input.domain!))
        if (output._tag === "Error") {
          return (output.error === "ExternalIdAlreadyUsed" && extTaken) ||
              (output.error === "DomainConflict" && domainTaken)
            ? state
            : undefined
        }
        if (extTaken || domainTaken || output.id === undefined || state.used.has(output.id)) return undefined
        const orgs = new Map(state.orgs)
        orgs.set(output.id, {
          externalId: input.externalId ?? null,
          domains: input.domain === undefined ? [] : [input.domain]
        })
        return { orgs, used: new Set([...state.used, output.id]) }
      }
      case "Update": {
        const org = state.orgs.get(input.id)
        if (org === undefined) return output._tag === "Error" && output.error === "NotFound" ? state : undefined
        const extTaken = typeof input.externalId === "string" &&
          heldBy(state, (o) => o.externalId === input.externalId, input.id)
        const domainTaken = input.domain !== undefined &&
          heldBy(state, (o) => o.domains.includes(input.domain!), input.id)
        if (output._tag === "Error") {
          return (output.error === "ExternalIdAlreadyUsed" && extTaken) ||
              (output.error === "DomainConflict" && domainTaken)
            ? state
            : undefined
        }
        if (extTaken || domainTaken || output.id !== input.id) return undefined
        const orgs = new Map(state.orgs)
        orgs.set(input.id, {
          externalId: input.externalId === undefined ? org.externalId : input.externalId,
          domains: input.domain === undefined ? org.domains : [input.domain]
        })
        return { orgs, used: state.used }
      }
      case "Delete": {
        if (!state.orgs.has(input.id)) {
          return output._tag === "Error" && output.error === "NotFound" ? state : undefined
        }
        if (output._tag === "Error") return undefined
        const orgs = new Map(state.orgs)
        orgs.delete(input.id)
        return { orgs, used: state.used }
      }
      case "GetByExternalId": {
        let holder: string | undefined
        for (const [id, org] of state.orgs) if (org.externalId === input.externalId) holder = id
        if (holder === undefined) return output._tag === "Error" && output.error === "NotFound" ? state : undefined
        return output._tag === "Ok" && output.id === holder ? state : undefined
      }
      case "List": {
        if (output._tag === "Error" || output.ids === undefined) return undefined
        const ids = [...state.orgs.keys()].sort()
        return ids.length === output.ids.length && ids.every((id, i) => id === output.ids![i]) ? state : undefined
      }
    }
  },
  key: (state) => JSON.stringify([...state.orgs.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) + `|${state.used.size}`
}

/**
 * What an answer is, for the history.
 *
 * @since 0.1.0
 * @category recording
 */
export const observe = (input: Input, result: Either.Either<unknown, unknown>): Output => {
  if (Either.isLeft(result)) {
    const error = result.left as { readonly _tag?: unknown }
    return { _tag: "Error", error: typeof error?._tag === "string" ? error._tag : "defect" }
  }
  if (input._tag === "List") {
    return { _tag: "Ok", ids: (result.right as ReadonlyArray<Organization>).map((o) => o.id).sort() }
  }
  if (input._tag === "Delete") return { _tag: "Ok" }
  return { _tag: "Ok", id: (result.right as Organization).id }
}

/**
 * One planned call; the target of an update or delete is picked when the call is made, among the ids created so
 * far.
 *
 * @since 0.1.0
 * @category models
 */
export type Planned = Call<"pick", number, number>

/**
 * A client's calls, each with how many times the client yields before and after it (so that calls overlap).
 *
 * @since 0.1.0
 * @category models
 */
export type Plan = ReadonlyArray<ReadonlyArray<{ readonly call: Planned; readonly yields: number }>>

const small = fc.nat(2)

/**
 * Plans for `clients` fibers of up to `calls` calls each, over three external ids and three domains.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const plan = (options: { readonly clients: number; readonly calls: number }): fc.Arbitrary<Plan> => {
  const call: fc.Arbitrary<Planned> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        externalId: fc.option(small, { nil: undefined }),
        domain: fc.option(small, { nil: undefined })
      })
        .map((r) => ({ _tag: "Create", ...r }) as const)
    },
    {
      weight: 2,
      arbitrary: fc.record({
        pick: fc.nat(100),
        externalId: fc.option(fc.option(small, { nil: null }), { nil: undefined }),
        domain: fc.option(small, { nil: undefined })
      }).map((r) => ({ _tag: "Update", ...r }) as const)
    },
    { weight: 1, arbitrary: fc.nat(100).map((pick) => ({ _tag: "Delete", pick }) as const) },
    { weight: 1, arbitrary: small.map((externalId) => ({ _tag: "GetByExternalId", externalId }) as const) },
    { weight: 1, arbitrary: fc.constant({ _tag: "List" } as const) }
  )
  return fc.array(
    fc.array(fc.record({ call, yields: fc.nat(3) }), { minLength: 1, maxLength: options.calls }),
    { minLength: options.clients, maxLength: options.clients }
  )
}

const EXTERNAL_IDS = ["ext-0", "ext-1", "ext-2"]
const DOMAINS = ["a.test", "b.test", "c.test"]

const yields = (n: number) => Effect.repeatN(Effect.yieldNow(), Math.max(0, n - 1))

/**
 * Runs a plan against a service, every client in its own fiber, and returns the recorded history.
 *
 * @since 0.1.0
 * @category recording
 */
export const record = (service: Organizations.Service, plan: Plan) =>
  Effect.gen(function*() {
    const recorder = yield* Linearizability.makeRecorder<Input, Output>()
    const created = yield* Ref.make<ReadonlyArray<string>>([])
    const pick = (n: number) =>
      Effect.map(Ref.get(created), (ids) => (ids.length === 0 ? undefined : ids[n % ids.length]))
    const perform = (client: number, planned: Planned, spin: number) =>
      Effect.gen(function*() {
        let input: Input
        let effect: Effect.Effect<unknown, unknown>
        switch (planned._tag) {
          case "Create": {
            const externalId = planned.externalId === undefined ? undefined : EXTERNAL_IDS[planned.externalId]!
            const domain = planned.domain === undefined ? undefined : DOMAINS[planned.domain]!
            input = { _tag: "Create", externalId, domain }
            effect = Effect.tap(
              service.createOrganization({
                name: `client ${client}`,
                ...(externalId === undefined ? {} : { externalId }),
                ...(domain === undefined ? {} : { domainData: [{ domain, state: "verified" }] })
              }),
              (org) => Ref.update(created, (ids) => [...ids, org.id])
            )
            break
          }
          case "Update": {
            const id = yield* pick(planned.pick)
            if (id === undefined) return
            const externalId = planned.externalId === undefined
              ? undefined
              : planned.externalId === null
              ? null
              : EXTERNAL_IDS[planned.externalId]!
            const domain = planned.domain === undefined ? undefined : DOMAINS[planned.domain]!
            input = { _tag: "Update", id, externalId, domain }
            effect = service.updateOrganization({
              organization: id,
              ...(externalId === undefined ? {} : { externalId }),
              ...(domain === undefined ? {} : { domainData: [{ domain, state: "verified" }] })
            })
            break
          }
          case "Delete": {
            const id = yield* pick(planned.pick)
            if (id === undefined) return
            input = { _tag: "Delete", id }
            effect = service.deleteOrganization(id)
            break
          }
          case "GetByExternalId": {
            const externalId = EXTERNAL_IDS[planned.externalId]!
            input = { _tag: "GetByExternalId", externalId }
            effect = service.getOrganizationByExternalId(externalId)
            break
          }
          case "List": {
            input = { _tag: "List" }
            // one page holds everything: a single call, so a single atomic read
            effect = Effect.map(service.listOrganizationsPage({ limit: 100 }), (page) => page.data)
            break
          }
        }
        const observed = input
        yield* recorder.record(
          client,
          observed,
          Effect.zipRight(yields(spin), Effect.zipLeft(effect, yields(spin))),
          (result) => observe(observed, result)
        )
      })
    yield* Effect.forEach(
      plan,
      (calls, client) =>
        Effect.forEach(calls, ({ call, yields: spin }) => perform(client, call, spin), { discard: true }),
      { concurrency: "unbounded", discard: true }
    )
    return yield* recorder.history
  })

/**
 * A deliberately racy double of an `Organizations` service: it keeps external ids itself and enforces their
 * uniqueness by check-then-act — look the external id up, yield, then create — so two concurrent creates of one
 * external id can both succeed. Everything else is delegated.
 *
 * @since 0.1.0
 * @category doubles
 */
export const racyDouble = (service: Organizations.Service): Effect.Effect<Organizations.Service> =>
  Effect.map(Ref.make<ReadonlyMap<string, string>>(new Map()), (externalIds) => {
    const holderOf = (externalId: string) =>
      Effect.map(Ref.get(externalIds), (map) => {
        for (const [id, ext] of map) if (ext === externalId) return id
        return undefined
      })
    const withExternalId = (org: Organization) =>
      Effect.map(Ref.get(externalIds), (map) => ({ ...org, externalId: map.get(org.id) ?? null }) as Organization)
    const taken = () =>
      new ExternalIdAlreadyUsed({ detail: "An organization with this external_id already exists (racy double)." })
    const double: Organizations.Service = {
      ...service,
      createOrganization: (options, request) =>
        Effect.gen(function*() {
          const { externalId, ...rest } = options
          if (externalId !== undefined) {
            const holder = yield* holderOf(externalId)
            yield* Effect.yieldNow()
            if (holder !== undefined) return yield* Effect.fail(taken())
          }
          const org = yield* service.createOrganization(rest, request)
          if (externalId !== undefined) yield* Ref.update(externalIds, (map) => new Map(map).set(org.id, externalId))
          return yield* withExternalId(org)
        }),
      updateOrganization: (options) =>
        Effect.gen(function*() {
          const { externalId, ...rest } = options
          if (typeof externalId === "string") {
            const holder = yield* holderOf(externalId)
            yield* Effect.yieldNow()
            if (holder !== undefined && holder !== options.organization) return yield* Effect.fail(taken())
          }
          const org = yield* service.updateOrganization(rest)
          if (externalId !== undefined) {
            yield* Ref.update(externalIds, (map) => {
              const next = new Map(map)
              if (externalId === null) next.delete(org.id)
              else next.set(org.id, externalId)
              return next
            })
          }
          return yield* withExternalId(org)
        }),
      deleteOrganization: (id) =>
        Effect.tap(service.deleteOrganization(id), () =>
          Ref.update(externalIds, (map) => {
            const next = new Map(map)
            next.delete(id)
            return next
          })),
      getOrganizationByExternalId: (externalId) =>
        Effect.flatMap(holderOf(externalId), (id) =>
          id === undefined
            ? Effect.fail(new NotFound({ resource: "Organization", id: externalId }))
            : Effect.flatMap(service.getOrganization(id), withExternalId)),
      listOrganizationsPage: (options) =>
        Effect.flatMap(
          service.listOrganizationsPage(options),
          (page) => Effect.map(Effect.forEach(page.data, withExternalId), (data) => ({ ...page, data }))
        )
    }
    return double
  })
