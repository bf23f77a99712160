/**
 * What one command of the lockstep suite is: its arbitrary, its description, and its plan — the call on each side,
 * and what to check against the reference model and apply to it once both sides answered. Each command module
 * under `commands/` is one {@link Command}; `Commands.ts` lists them.
 *
 * @since 0.1.0
 */
import type * as ApiKeys from "@effect-workos/core/ApiKeys"
import type { List } from "@effect-workos/core/List"
import type * as Options from "@effect-workos/core/Options"
import type * as OrganizationDomains from "@effect-workos/core/OrganizationDomains"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as fc from "effect/FastCheck"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import type { Expectation } from "../model/Rules.js"
import { type Cursor, type Org, resolveRef, type State } from "../model/State.js"
import * as Observation from "../Observation.js"
import {
  ancientId,
  type CursorSpec,
  type DomainFilter,
  type DomainSpec,
  type Limits,
  MALFORMED_CURSOR,
  MISSING_ID,
  type Namespace,
  type OrgRef
} from "./Specs.js"

/**
 * What a command needs of its run: how values are named and rendered, and who is told of B's new organizations.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly namespace: Namespace
  readonly limits: Limits
  /** Told B's id of every organization B reports created (a live run deletes them at the end). */
  readonly onCreated?: ((id: string) => void) | undefined
}

/**
 * What a test controls of one side's world, beyond its API: the DNS its domain checks read and its clock. The fake
 * is controlled through `FakeWorkOS`, the emulator through its `/_emulator` control routes.
 *
 * @since 0.3.0
 * @category models
 */
export interface Control {
  /** Publishes the TXT record `value` on the domain name (replacing its earlier one), or withdraws it (`null`). */
  readonly setTxtRecord: (domain: string, value: string | null) => Effect.Effect<void>
  /** Moves the side's clock forward (its DNS checks and verification periods run on it). */
  readonly advance: (millis: number) => Effect.Effect<void>
}

/**
 * What one side of a run serves: the `Organizations`, `ApiKeys` and `OrganizationDomains` services of one
 * implementation, as one object (the organization's API key list and create are the same functions in the first
 * two), and its {@link Control} when the run has one.
 *
 * @since 0.2.0
 * @category models
 */
export type Service = Organizations.Service & ApiKeys.Service & OrganizationDomains.Service & {
  readonly control?: Control | undefined
}

/**
 * One side's {@link Service} from its services.
 *
 * @since 0.2.0
 * @category constructors
 */
export const service = (
  organizations: Organizations.Service,
  apiKeys: ApiKeys.Service,
  domains: OrganizationDomains.Service,
  control?: Control | undefined
): Service => ({
  ...domains,
  // where both have a function (the organization's API keys), it is `organizations`' own
  ...apiKeys,
  ...organizations,
  ...(control === undefined ? {} : { control })
})

/**
 * What a command exercises: an operation (or `awaitVerification`, built on one), or a change of the sides' world
 * through their {@link Control}.
 *
 * @since 0.3.0
 * @category models
 */
export type Exercised = Organizations.Operation | "awaitVerification" | "setTxtRecord" | "advanceClock"

/**
 * One side of a lockstep run.
 *
 * @since 0.1.0
 * @category models
 */
export type Side = "a" | "b"

/**
 * An answer: the value, or the error, of one call.
 *
 * @since 0.1.0
 * @category models
 */
export type Answer = Either.Either<unknown, unknown>

/**
 * Both sides' answers to one command, and the model's verdict on them.
 *
 * @since 0.1.0
 * @category models
 */
export interface Answers {
  readonly a: Answer
  readonly b: Answer
  /** Checks A's answer against the model and applies the step to the model; returns the problems. */
  readonly apply: () => ReadonlyArray<string>
}

/**
 * One command planned against the model: how to run it on both sides.
 *
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  readonly run: (a: Service, b: Service) => Effect.Effect<Answers>
}

/**
 * A kind of command: `F` is its input's fields.
 *
 * @since 0.1.0
 * @category models
 */
export interface Command<F> {
  /** The operation it exercises. */
  readonly operation: Exercised
  /** Its weight in the mix of generated commands. */
  readonly weight: number
  readonly arbitrary: fc.Arbitrary<F>
  /** A readable one-line rendering, as shown in a failure's command list. */
  readonly describe: (input: F) => string
  /** Whether it can run in this state (a retry needs an earlier keyed create); always by default. */
  readonly ready?: ((state: State) => boolean) | undefined
  /** Plans the command; a keyed create records what it sends here, before it runs. */
  readonly plan: (state: State, input: F, context: Context) => Plan
}

/**
 * A plan that calls `call` on each side and hands both typed answers to `apply`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const plan = <A>(
  call: (service: Service, side: Side) => Effect.Effect<A, unknown>,
  apply: (a: Either.Either<A, unknown>, b: Either.Either<A, unknown>) => ReadonlyArray<string>
): Plan => ({
  run: (a, b) =>
    Effect.map(
      Effect.all([Effect.either(call(a, "a")), Effect.either(call(b, "b"))]),
      ([ra, rb]) => ({ a: ra, b: rb, apply: () => apply(ra, rb) })
    )
})

/**
 * `ok`, the error's `_tag`, or `defect` for an error without one.
 *
 * @since 0.1.0
 * @category checks
 */
export const outcomeOf = (answer: Answer): string =>
  Either.isRight(answer)
    ? "ok"
    : Predicate.hasProperty(answer.left, "_tag") && typeof answer.left._tag === "string"
    ? answer.left._tag
    : "defect"

/**
 * An error's message, or the error itself.
 *
 * @since 0.1.0
 * @category formatting
 */
export const messageOf = (error: unknown): unknown => Predicate.hasProperty(error, "message") ? error.message : error

/**
 * The problem when A's outcome is not one the model allows.
 *
 * @since 0.1.0
 * @category checks
 */
export const expectOutcome = (expectation: Expectation, answer: Answer): ReadonlyArray<string> => {
  const outcome = outcomeOf(answer)
  return expectation.allowed.includes(outcome)
    ? []
    : [
      `the model allows ${expectation.allowed.join(" | ")}, A answered ${outcome}${
        Either.isLeft(answer) ? ` (${Observation.render(messageOf(answer.left), 300)})` : ""
      }`
    ]
}

/**
 * A stream's items, collected.
 *
 * @since 0.1.0
 * @category combinators
 */
export const collect = <A, E>(stream: Stream.Stream<A, E>): Effect.Effect<ReadonlyArray<A>, E> =>
  Effect.map(Stream.runCollect(stream), (chunk) => Chunk.toReadonlyArray(chunk))

/**
 * An organization reference resolved against the model, with the id to send on each side.
 *
 * @since 0.1.0
 * @category models
 */
export interface Target {
  readonly org: Org | undefined
  readonly a: string
  readonly b: string
}

/**
 * @since 0.1.0
 * @category combinators
 */
export const targetOf = (org: Org | undefined): Target => ({
  org,
  a: org?.a ?? MISSING_ID,
  b: org?.b ?? MISSING_ID
})

/**
 * @since 0.1.0
 * @category combinators
 */
export const resolve = (state: State, ref: OrgRef): Target => targetOf(resolveRef(state, ref))

/**
 * A cursor resolved against a pool of earlier answers' cursors, with the id to send on each side.
 *
 * @since 0.1.0
 * @category models
 */
export interface PickedCursor {
  readonly side: "before" | "after"
  readonly a: string
  readonly b: string
  readonly malformed: boolean
  readonly ancient: boolean
}

/**
 * @since 0.1.0
 * @category combinators
 */
export const pickCursor = (
  pool: ReadonlyArray<Cursor>,
  spec: CursorSpec | undefined,
  prefix: "org_" | "api_key_"
): PickedCursor | undefined => {
  if (spec === undefined) return undefined
  if (spec._tag === "Malformed") {
    return { side: spec.side, a: MALFORMED_CURSOR, b: MALFORMED_CURSOR, malformed: true, ancient: false }
  }
  if (spec._tag === "Ancient") {
    const id = ancientId(prefix)
    return { side: spec.side, a: id, b: id, malformed: false, ancient: true }
  }
  const c = pool[spec.pick % pool.length]
  return c === undefined ? undefined : { side: spec.side, a: c.a, b: c.b, malformed: false, ancient: false }
}

/**
 * The cursor option of a page request on one side (none when there is no cursor).
 *
 * @since 0.1.0
 * @category rendering
 */
export const cursorOption = (cursor: PickedCursor | undefined, side: Side): { before?: string; after?: string } =>
  cursor === undefined ? {} : cursor.side === "before" ? { before: cursor[side] } : { after: cursor[side] }

/**
 * Adds the cursors of two pages to the pool (pairs of A's and B's), once each.
 *
 * @since 0.1.0
 * @category updates
 */
export const pushCursors = (
  pool: Array<Cursor>,
  a: Either.Either<List<unknown>, unknown>,
  b: Either.Either<List<unknown>, unknown>
): void => {
  if (Either.isLeft(a) || Either.isLeft(b)) return
  for (const key of ["before", "after"] as const) {
    const ca = a.right.listMetadata[key]
    const cb = b.right.listMetadata[key]
    if (ca !== null && cb !== null && !pool.some((c) => c.a === ca)) pool.push({ a: ca, b: cb })
  }
}

/**
 * The `limit` and `order` of a page request, where given.
 *
 * @since 0.1.0
 * @category rendering
 */
export const pageOptions = <O extends string>(
  input: { readonly limit?: number | undefined; readonly order?: O | undefined }
): { limit?: number; order?: O } => ({
  ...(input.limit === undefined ? {} : { limit: input.limit }),
  ...(input.order === undefined ? {} : { order: input.order })
})

/**
 * The `domains` and `search` filter of an organization list, rendered.
 *
 * @since 0.1.0
 * @category rendering
 */
export const filterOf = (
  input: { readonly domains?: ReadonlyArray<DomainFilter> | undefined; readonly search?: string | undefined },
  ns: Namespace
): { domains?: Array<string>; search?: string } => {
  const domains = input.domains?.map((d) => (d.base < 0 ? "" : ns.domain(d)))
  const search = ns.search(input.search)
  return {
    ...(domains === undefined ? {} : { domains }),
    ...(search === undefined ? {} : { search })
  }
}

/**
 * A `domain_data` list, rendered.
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderDomains = (ns: Namespace, ds: ReadonlyArray<DomainSpec>): Array<Options.DomainData> =>
  ds.map((d) => ({ domain: ns.domain(d), state: d.state }))

/**
 * The problems of a create's successful answer: a replay must carry the original's id, a new object a new id.
 * `record` adds the new object to the model and checks the answer's fields.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkCreated = (
  expectation: Expectation,
  id: string,
  what: "organization" | "api key",
  known: (id: string) => boolean,
  record: () => ReadonlyArray<string>
): ReadonlyArray<string> => {
  if (expectation.replay !== undefined) {
    return id === expectation.replay ? [] : [`a replay answered ${id}, the original was ${expectation.replay}`]
  }
  return known(id) ? [`a new ${what} reuses the id ${id}`] : record()
}

/**
 * B's answer's id, when B succeeded.
 *
 * @since 0.1.0
 * @category combinators
 */
export const idOf = <A extends { readonly id: string }>(answer: Either.Either<A, unknown>): string | undefined =>
  Either.isRight(answer) ? answer.right.id : undefined
