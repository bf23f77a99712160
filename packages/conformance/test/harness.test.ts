/**
 * The lockstep runner must fail — with a shrunk command list, the seed and the path — whenever the two sides
 * differ, and whenever both sides agree on an answer the reference model rejects. Each test here breaks one side
 * (or both) on purpose and checks that the runner says so.
 */
import { Organization } from "@effect-workos/core/Organization"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Lockstep from "../src/Lockstep.js"
import { assertReport, fakeVsFake, fixed, mapOrganizations, type Mutation } from "./support/broken.js"

const mirror = (iso: string) => new Date(Date.UTC(2100, 0, 1) - Date.parse(iso)).toISOString()

describe("the lockstep runner", () => {
  it.live("fails when B drops the metadata of created organizations", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake({
        b: (backend) => ({
          ...backend,
          createOrganization: (options, request) =>
            Effect.map(
              backend.createOrganization(options, request),
              (org) => new Organization({ ...org, metadata: {} })
            )
        })
      })
      assertReport(error, "A and B answered differently", "createOrganization", "metadata")
    }))

  it.live("fails when B's clock runs backwards (timestamps are compared by order only)", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake({
        b: mapOrganizations((org) =>
          new Organization({ ...org, createdAt: mirror(org.createdAt), updatedAt: mirror(org.updatedAt) })
        )
      })
      assertReport(error, "A and B answered differently", "timestamp order differs")
    }))

  it.live("does not mind B's clock being hours ahead (only the order counts)", () =>
    Effect.gen(function*() {
      const later = (iso: string) => new Date(Date.parse(iso) + 5 * 3_600_000).toISOString()
      // every timestamp of the server's clock in every answer, as a server whose clock is 5 hours ahead would send
      // them: an API key's expiresAt is the server's only when an expire set it to now (a requested one is absolute)
      const ownTime = (k: string, v: string) =>
        k === "createdAt" || k === "updatedAt" || k === "lastUsedAt" ||
        (k === "expiresAt" && Math.abs(Date.parse(v) - Date.now()) < 86_400_000)
      const shift = (u: unknown): unknown => {
        if (Array.isArray(u)) return u.map(shift)
        if (Option.isOption(u)) return Option.map(u, shift)
        if (Redacted.isRedacted(u) || u === null || typeof u !== "object") return u
        return Object.fromEntries(
          Object.entries(u).map(([k, v]) => [k, typeof v === "string" && ownTime(k, v) ? later(v) : shift(v)])
        )
      }
      const stats = yield* Effect.flip(fakeVsFake(
        {
          b: (backend) =>
            Object.fromEntries(
              Object.entries(backend).map(([name, f]) => [
                name,
                (...args: Array<unknown>) =>
                  Effect.map((f as (...a: Array<unknown>) => Effect.Effect<unknown>)(...args), shift)
              ])
            ) as never
        },
        fixed,
        40
      ))
      assert.isAbove(stats.commands, 300)
    }))

  it.live("fails when B answers a lookup with another organization (the id bijection)", () =>
    Effect.gen(function*() {
      const error = yield* fakeVsFake({
        b: (backend) => ({
          ...backend,
          getOrganization: (id) =>
            Effect.flatMap(Effect.orDie(backend.listOrganizationsPage({ limit: 1 })), (page) =>
              page.data.length > 0 && page.data[0]!.id !== id
                ? Effect.succeed(page.data[0]!)
                : backend.getOrganization(id))
        })
      })
      assertReport(error, "A and B answered differently", "is paired with")
    }))

  it.live("fails when both sides still return a deleted organization (the reference model)", () =>
    Effect.gen(function*() {
      const zombie: Mutation = (backend) => {
        const seen = new Map<string, Organization>()
        return {
          ...backend,
          createOrganization: (options, request) =>
            Effect.tap(backend.createOrganization(options, request), (org) => Effect.sync(() => seen.set(org.id, org))),
          getOrganization: (id) =>
            Effect.catchTag(backend.getOrganization(id), "NotFound", (e) => {
              const org = seen.get(id)
              return org === undefined ? Effect.fail(e) : Effect.succeed(org)
            })
        }
      }
      const error = yield* fakeVsFake({ a: zombie, b: zombie })
      assertReport(error, "The reference model disagrees", "the model allows NotFound, A answered ok")
    }))

  it.live("fails when both sides lose the last item of each page that has a next one (the full listings)", () =>
    Effect.gen(function*() {
      const lossy: Mutation = (backend) => ({
        ...backend,
        listOrganizationsPage: (options) =>
          Effect.map(
            backend.listOrganizationsPage(options),
            (page) =>
              page.listMetadata.after !== null && page.data.length > 1
                ? { ...page, data: page.data.slice(0, -1) }
                : page
          )
      })
      const error = yield* fakeVsFake({ a: lossy, b: lossy })
      assertReport(error, "model")
    }))

  it.live("a reported seed and path replay the same counterexample", () =>
    Effect.gen(function*() {
      const b: Mutation = (backend) => ({
        ...backend,
        createOrganization: (options, request) =>
          Effect.map(backend.createOrganization(options, request), (org) => new Organization({ ...org, metadata: {} }))
      })
      const first = yield* fakeVsFake({ b })
      const counterexample = /Counterexample: (.*)/.exec(first.message)![1]!
      // the report ends with the variables to set
      const reproduce = /Reproduce: FC_SEED=(-?\d+) FC_PATH=([\d:]+) FC_REPLAY='([^']*)'/.exec(first.message)!
      const replay = yield* Lockstep.replayConfig.pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([["FC_SEED", reproduce[1]!], ["FC_PATH", reproduce[2]!], ["FC_REPLAY", reproduce[3]!]])
          )
        )
      )
      const again = yield* fakeVsFake({ b }, replay)
      assert.strictEqual(/Counterexample: (.*)/.exec(again.message)![1], counterexample)
      assert.include(again.message, "Shrunk 0 time(s)")
    }))

  it.effect("reads FC_SEED, FC_PATH and FC_REPLAY", () =>
    Effect.gen(function*() {
      const replay = yield* Lockstep.replayConfig.pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(new Map([["FC_SEED", "-42"], ["FC_PATH", "3:1:0"], ["FC_REPLAY", "CDA"]]))
        )
      )
      assert.deepStrictEqual(replay, {
        seed: Option.some(-42),
        path: Option.some("3:1:0"),
        replayPath: Option.some("CDA")
      })
      const none = yield* Effect.either(
        Lockstep.replayConfig.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map())))
      )
      assert.isTrue(Either.isRight(none) && Option.isNone(none.right.seed))
    }))
})
