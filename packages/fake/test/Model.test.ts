/**
 * Model-based test: random sequences of the ten operations, feature-flag switches and injected faults run against
 * the fake and against a small reference model written from WIRE.md (not from the fake's code); after every
 * command their answers must agree. fast-check prints the seed and the failing command sequence on failure.
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as fc from "effect/FastCheck"
import * as Fiber from "effect/Fiber"
import * as Runtime from "effect/Runtime"
import * as TestClock from "effect/TestClock"
import type * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"

const NUM_RUNS = 100
const MAX_COMMANDS = 40
const LATENCY = 50

// ---------------------------------------------------------------------------------------------------------------
// the reference model
// ---------------------------------------------------------------------------------------------------------------

type State = "pending" | "verified"
interface MOrg {
  readonly id: string
  readonly createdAt: string
  readonly name: string
  readonly externalId: string | null
  readonly domains: ReadonlyArray<readonly [string, State]>
  readonly apiKeys: ReadonlyArray<string>
  readonly flag: boolean
}
interface Model {
  readonly orgs: ReadonlyMap<string, MOrg>
  readonly gone: ReadonlyArray<string>
  readonly idempotency: ReadonlyMap<string, { readonly fingerprint: string; readonly id: string }>
  readonly fault: { readonly operation: FakeWorkOS.Operation; readonly kind: FakeWorkOS.FaultKind } | undefined
}
/** What a call answers: success (with what the model knows of it) or an error tag. */
type Answer =
  | { readonly ok: true; readonly id?: string; readonly org?: Omit<MOrg, "id" | "createdAt" | "apiKeys" | "flag"> }
  | { readonly ok: true; readonly ids: ReadonlyArray<string> }
  | { readonly ok: false; readonly error: string }

const NEVER = "org_01EHWNCE74X7JSDV0X3SZ3KJNY"
const fail = (error: string): Answer => ({ ok: false, error })
const byKey = (a: MOrg, b: MOrg) => (a.createdAt + a.id < b.createdAt + b.id ? -1 : 1)
const holdsVerified = (m: Model, domain: string, except?: string) =>
  [...m.orgs.values()].some((o) => o.id !== except && o.domains.some(([d, s]) => d === domain && s === "verified"))
const withOrg = (m: Model, org: MOrg): Model => ({ ...m, orgs: new Map(m.orgs).set(org.id, org) })
const target = (m: Model, i: number) => {
  const ids = [...m.orgs.keys(), ...m.gone, NEVER]
  return ids[i % ids.length]!
}

/** A create of an organization or an API key: idempotency first, then the rules. */
const create = (
  m: Model,
  key: string | undefined,
  fingerprint: string,
  rules: () => string | undefined
): { answer: Answer; commit: boolean } => {
  const stored = key === undefined ? undefined : m.idempotency.get(key)
  if (stored !== undefined) {
    return stored.fingerprint === fingerprint
      ? { answer: { ok: true, id: stored.id }, commit: false }
      : { answer: fail("IdempotencyKeyReused"), commit: false }
  }
  const error = rules()
  return error === undefined ? { answer: { ok: true }, commit: true } : { answer: fail(error), commit: false }
}

// ---------------------------------------------------------------------------------------------------------------
// commands
// ---------------------------------------------------------------------------------------------------------------

const name = fc.constantFrom("Acme", "Beta", "acme labs", " ")
const externalId = fc.constantFrom("e1", "e2", "e3")
const domain = fc.tuple(fc.constantFrom("a.com", "b.com", "c.com"), fc.constantFrom<State>("pending", "verified"))
const idempotencyKey = fc.option(fc.constantFrom("k1", "k2"), { nil: undefined })
const index = fc.nat(20)

const OPERATION_NAMES: Record<FakeWorkOS.Operation, FakeWorkOS.Operation> = {
  listOrganizations: "listOrganizations",
  createOrganization: "createOrganization",
  getOrganization: "getOrganization",
  getOrganizationByExternalId: "getOrganizationByExternalId",
  updateOrganization: "updateOrganization",
  deleteOrganization: "deleteOrganization",
  listOrganizationRoles: "listOrganizationRoles",
  listOrganizationFeatureFlags: "listOrganizationFeatureFlags",
  listOrganizationApiKeys: "listOrganizationApiKeys",
  createOrganizationApiKey: "createOrganizationApiKey",
  validateApiKey: "validateApiKey",
  deleteApiKey: "deleteApiKey",
  expireApiKey: "expireApiKey",
  createOrganizationDomain: "createOrganizationDomain",
  getOrganizationDomain: "getOrganizationDomain",
  verifyOrganizationDomain: "verifyOrganizationDomain",
  deleteOrganizationDomain: "deleteOrganizationDomain"
}

const OPERATION = {
  create: "createOrganization",
  get: "getOrganization",
  getByExternalId: "getOrganizationByExternalId",
  update: "updateOrganization",
  delete: "deleteOrganization",
  list: "listOrganizations",
  roles: "listOrganizationRoles",
  flags: "listOrganizationFeatureFlags",
  apiKeys: "listOrganizationApiKeys",
  createApiKey: "createOrganizationApiKey"
} as const satisfies Record<string, FakeWorkOS.Operation>

const Op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("create" as const),
      name,
      externalId: fc.option(externalId, { nil: undefined }),
      domains: fc.uniqueArray(domain, { maxLength: 2, selector: ([d]) => d }),
      key: idempotencyKey
    })
  },
  fc.record({ op: fc.constant("get" as const), target: index }),
  fc.record({ op: fc.constant("getByExternalId" as const), externalId }),
  fc.record({
    op: fc.constant("update" as const),
    target: index,
    name: fc.option(name, { nil: undefined }),
    externalId: fc.option(fc.option(externalId, { nil: null }), { nil: undefined }),
    domains: fc.option(fc.uniqueArray(domain, { maxLength: 2, selector: ([d]) => d }), { nil: undefined })
  }),
  fc.record({ op: fc.constant("delete" as const), target: index }),
  fc.record({
    op: fc.constant("list" as const),
    limit: fc.integer({ min: 1, max: 4 }),
    order: fc.constantFrom("asc" as const, "desc" as const),
    search: fc.option(fc.constantFrom("acme", "BETA"), { nil: undefined }),
    domain: fc.option(fc.constantFrom("a.com", "b.com"), { nil: undefined })
  }),
  fc.record({ op: fc.constant("roles" as const), target: index }),
  fc.record({ op: fc.constant("flags" as const), target: index }),
  fc.record({ op: fc.constant("apiKeys" as const), target: index }),
  fc.record({
    op: fc.constant("createApiKey" as const),
    target: index,
    name: fc.constantFrom("ci", ""),
    key: idempotencyKey
  }),
  fc.record({ op: fc.constant("enableFlag" as const), target: index }),
  fc.record({
    op: fc.constant("fault" as const),
    operation: fc.constantFrom<FakeWorkOS.Operation>(...Object.values(OPERATION_NAMES)),
    kind: fc.constantFrom<FakeWorkOS.FaultKind>(
      "RateLimited",
      "ServerError",
      "RequestFailed",
      "Latency",
      "ResponseLost"
    )
  })
)
type Op = typeof Op extends fc.Arbitrary<infer A> ? A : never

interface Real {
  readonly memory: OrganizationsMemory.Memory
  readonly run: <A, E>(effect: Effect.Effect<A, E>) => Promise<A>
}

/** What the fake said, in the model's terms. */
const observe = <A, E extends { readonly _tag: string }>(
  effect: Effect.Effect<A, E>,
  success: (a: A) => Answer
): Effect.Effect<Answer> =>
  Effect.map(Effect.either(effect), (r) => (Either.isRight(r) ? success(r.right) : fail(r.left._tag)))

const orgAnswer = (
  o: { id: string; name: string; externalId: string | null; domains: ReadonlyArray<{ domain: string; state: string }> }
): Answer => ({
  ok: true,
  id: o.id,
  org: { name: o.name, externalId: o.externalId, domains: o.domains.map((d) => [d.domain, d.state as State] as const) }
})

class Command implements fc.AsyncCommand<{ value: Model }, Real> {
  constructor(readonly op: Op) {}
  check = () => true
  toString = () => JSON.stringify(this.op)

  async run(model: { value: Model }, real: Real): Promise<void> {
    const m = model.value
    const { control, organizations } = real.memory
    const op = this.op
    if (op.op === "fault") {
      await real.run(control.setFaults({ scripted: [{ operation: op.operation, nth: 1, fault: faultOf(op.kind) }] }))
      model.value = { ...m, fault: { operation: op.operation, kind: op.kind } }
      return
    }
    if (op.op === "enableFlag") {
      const id = target(m, op.target)
      const org = m.orgs.get(id)
      const actual = await real.run(
        observe(control.setFeatureFlag({ organizationId: id, flag: "beta", enabled: true }), () => ({ ok: true }))
      )
      assert.deepStrictEqual(actual, org === undefined ? fail("NotFound") : { ok: true })
      if (org !== undefined) model.value = withOrg(m, { ...org, flag: true })
      return
    }
    // the fault, if any, hits this call
    const operation = OPERATION[op.op]
    const fault = m.fault?.operation === operation ? m.fault.kind : undefined
    const base: Model = fault === undefined ? m : { ...m, fault: undefined }
    const { answer, next } = predict(base, op)
    const effect = call(organizations, base, op)
    const timed = fault === "Latency"
      ? Effect.flatMap(Effect.fork(effect), (fiber) => Effect.zipRight(TestClock.adjust(LATENCY), Fiber.join(fiber)))
      : effect
    const actual = await real.run(timed)
    const lost = fault === "ResponseLost" && answer.ok
    const refused = fault === "RateLimited" || fault === "ServerError" || fault === "RequestFailed"
    const expected = refused ? fail(fault) : lost ? fail("RequestFailed") : answer
    compare(actual, expected)
    if (refused) {
      model.value = base
      return
    }
    // the new object's id and time: from the answer, or from the journal when the answer was lost
    const journal = await real.run(control.journal)
    const last = journal[journal.length - 1]!
    const learned = last.outcome._tag === "Success" ? { id: last.outcome.ids[0]!, createdAt: last.at } : undefined
    model.value = next(learned)
  }
}

const faultOf = (kind: FakeWorkOS.FaultKind): FakeWorkOS.Fault => {
  switch (kind) {
    case "RateLimited":
      return { _tag: "RateLimited", retryAfterSeconds: 1 }
    case "ServerError":
      return { _tag: "ServerError", status: 503 }
    case "Latency":
      return { _tag: "Latency", millis: LATENCY }
    default:
      return { _tag: kind }
  }
}

const compare = (actual: Answer, expected: Answer) => {
  if (!expected.ok || !actual.ok) return assert.deepStrictEqual(actual, expected)
  if ("ids" in expected) return assert.deepStrictEqual(actual, expected)
  if (expected.id !== undefined) assert.strictEqual("id" in actual ? actual.id : undefined, expected.id)
  if (expected.org !== undefined) assert.deepStrictEqual("org" in actual ? actual.org : undefined, expected.org)
}

/** The model's answer, and its next state given what the fake assigned (id, time) to a new object. */
const predict = (
  m: Model,
  op: Exclude<Op, { op: "fault" | "enableFlag" }>
): { answer: Answer; next: (learned?: { id: string; createdAt: string }) => Model } => {
  const same = () => m
  switch (op.op) {
    case "create": {
      const fingerprint = JSON.stringify(["org", op.name, op.externalId, op.domains])
      const { answer, commit } = create(m, op.key, fingerprint, () =>
        op.name.trim() === "" ?
          "ValidationFailed"
          : [...m.orgs.values()].some((o) => o.externalId !== null && o.externalId === op.externalId) ?
          "ExternalIdAlreadyUsed"
          : op.domains.some(([d]) => holdsVerified(m, d)) ?
          "DomainConflict"
          : undefined)
      const org = { name: op.name, externalId: op.externalId ?? null, domains: op.domains }
      return {
        answer: commit ? { ok: true, org } : answer,
        next: (learned) => {
          if (!commit || learned === undefined) return m
          const created = withOrg(m, { ...org, ...learned, apiKeys: [], flag: false })
          const idempotency = op.key === undefined
            ? m.idempotency
            : new Map(m.idempotency).set(op.key, { fingerprint, id: learned.id })
          return { ...created, idempotency }
        }
      }
    }
    case "get": {
      const org = m.orgs.get(target(m, op.target))
      return {
        answer: org === undefined
          ? fail("NotFound")
          : orgAnswer({ ...org, domains: org.domains.map(([d, s]) => ({ domain: d, state: s })) }),
        next: same
      }
    }
    case "getByExternalId": {
      const org = [...m.orgs.values()].find((o) => o.externalId === op.externalId)
      return { answer: org === undefined ? fail("NotFound") : { ok: true, id: org.id }, next: same }
    }
    case "update": {
      const org = m.orgs.get(target(m, op.target))
      if (org === undefined) return { answer: fail("NotFound"), next: same }
      const domains = op.domains?.map((
        [d, s]
      ): readonly [string, State] => [d, s === "verified" ? s : org.domains.find(([x]) => x === d)?.[1] ?? s])
      const error = op.name !== undefined && op.name.trim() === "" ?
        "ValidationFailed"
        : typeof op.externalId === "string" &&
            [...m.orgs.values()].some((o) => o.id !== org.id && o.externalId === op.externalId) ?
        "ExternalIdAlreadyUsed"
        : domains?.some(([d, s]) => !org.domains.some(([x, t]) => x === d && t === s) && holdsVerified(m, d, org.id)) ?
        "DomainConflict"
        : undefined
      if (error !== undefined) return { answer: fail(error), next: same }
      const updated = {
        ...org,
        name: op.name ?? org.name,
        externalId: op.externalId === undefined ? org.externalId : op.externalId,
        domains: domains ?? org.domains
      }
      return {
        answer: {
          ok: true,
          id: org.id,
          org: { name: updated.name, externalId: updated.externalId, domains: updated.domains }
        },
        next: () => withOrg(m, updated)
      }
    }
    case "delete": {
      const id = target(m, op.target)
      if (!m.orgs.has(id)) return { answer: fail("NotFound"), next: same }
      const orgs = new Map(m.orgs)
      orgs.delete(id)
      return { answer: { ok: true }, next: () => ({ ...m, orgs, gone: [...m.gone, id] }) }
    }
    case "list": {
      const all = [...m.orgs.values()]
        .filter((o) => op.search === undefined || o.name.toLowerCase().includes(op.search.toLowerCase()))
        .filter((o) => op.domain === undefined || o.domains.some(([d]) => d === op.domain))
        .sort(byKey)
      const ordered = op.order === "asc" ? all : all.reverse()
      return { answer: { ok: true, ids: ordered.slice(0, op.limit).map((o) => o.id) }, next: same }
    }
    case "roles":
    case "flags":
    case "apiKeys": {
      const org = m.orgs.get(target(m, op.target))
      if (org === undefined) return { answer: fail("NotFound"), next: same }
      const ids = op.op === "roles"
        ? ["admin", "member"]
        : op.op === "flags"
        ? (org.flag ? ["beta"] : [])
        : org.apiKeys.slice().reverse().slice(0, 10)
      return { answer: { ok: true, ids }, next: same }
    }
    case "createApiKey": {
      const id = target(m, op.target)
      const org = m.orgs.get(id)
      const { answer, commit } = create(
        m,
        op.key,
        JSON.stringify(["key", id, op.name]),
        () => org === undefined ? "NotFound" : op.name.trim() === "" ? "ValidationFailed" : undefined
      )
      return {
        answer,
        next: (learned) => {
          if (!commit || learned === undefined || org === undefined) return m
          const idempotency = op.key === undefined
            ? m.idempotency
            : new Map(m.idempotency).set(op.key, { fingerprint: JSON.stringify(["key", id, op.name]), id: learned.id })
          return { ...withOrg(m, { ...org, apiKeys: [...org.apiKeys, learned.id] }), idempotency }
        }
      }
    }
  }
}

/** The same call on the fake. */
const call = (
  organizations: Organizations.Service,
  m: Model,
  op: Exclude<Op, { op: "fault" | "enableFlag" }>
): Effect.Effect<Answer> => {
  switch (op.op) {
    case "create":
      return observe(
        organizations.createOrganization(
          {
            name: op.name,
            ...(op.externalId === undefined ? {} : { externalId: op.externalId }),
            ...(op.domains.length === 0 ? {} : { domainData: op.domains.map(([d, state]) => ({ domain: d, state })) })
          },
          op.key === undefined ? {} : { idempotencyKey: op.key }
        ),
        orgAnswer
      )
    case "get":
      return observe(organizations.getOrganization(target(m, op.target)), orgAnswer)
    case "getByExternalId":
      return observe(organizations.getOrganizationByExternalId(op.externalId), (o) => ({ ok: true, id: o.id }))
    case "update":
      return observe(
        organizations.updateOrganization({
          organization: target(m, op.target),
          ...(op.name === undefined ? {} : { name: op.name }),
          ...(op.externalId === undefined ? {} : { externalId: op.externalId }),
          ...(op.domains === undefined ? {} : { domainData: op.domains.map(([d, state]) => ({ domain: d, state })) })
        }),
        orgAnswer
      )
    case "delete":
      return observe(organizations.deleteOrganization(target(m, op.target)), () => ({ ok: true }))
    case "list":
      return observe(
        organizations.listOrganizationsPage({
          limit: op.limit,
          order: op.order,
          ...(op.search === undefined ? {} : { search: op.search }),
          ...(op.domain === undefined ? {} : { domains: [op.domain] })
        }),
        (page) => ({ ok: true, ids: page.data.map((o) => o.id) })
      )
    case "roles":
      return observe(
        organizations.listOrganizationRoles({ organizationId: target(m, op.target) }),
        (roles) => ({ ok: true, ids: roles.data.map((r) => r.slug) })
      )
    case "flags":
      return observe(
        organizations.listOrganizationFeatureFlagsPage({ organizationId: target(m, op.target) }),
        (page) => ({ ok: true, ids: page.data.map((f) => f.slug) })
      )
    case "apiKeys":
      return observe(
        organizations.listOrganizationApiKeysPage({ organizationId: target(m, op.target) }),
        (page) => ({ ok: true, ids: page.data.map((k) => k.id) })
      )
    case "createApiKey":
      return observe(
        organizations.createOrganizationApiKey(
          { organizationId: target(m, op.target), name: op.name },
          op.key === undefined ? {} : { idempotencyKey: op.key }
        ),
        (key) => ({ ok: true, id: key.id })
      )
  }
}

describe("the fake against a reference model", () => {
  it.effect(`agrees on every answer (${NUM_RUNS} runs × up to ${MAX_COMMANDS} commands)`, () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<never>()
      const run = <A, E>(effect: Effect.Effect<A, E>) => Runtime.runPromise(runtime)(effect)
      const commands = fc.commands([Op.map((op) => new Command(op))], { maxCommands: MAX_COMMANDS, size: "max" })
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(commands, async (cmds) => {
            const memory = await run(
              OrganizationsMemory.makeMemory({ seed: 5, fixtures: { featureFlags: [{ slug: "beta" }] } })
            )
            const initial: Model = { orgs: new Map(), gone: [], idempotency: new Map(), fault: undefined }
            await fc.asyncModelRun(() => ({ model: { value: initial }, real: { memory, run } }), cmds)
          }),
          { numRuns: NUM_RUNS }
        )
      )
    }), 120_000)
})
