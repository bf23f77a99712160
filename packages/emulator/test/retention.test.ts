/**
 * The emulator's memory per API key is bounded: at most `maxEnvironments` environments are kept (the least recently
 * used one not serving a request is evicted for a new key; a 503 when every one is serving), and with
 * `environmentIdleTimeout` an environment unused that long on `Clock` is dropped. All on the TestClock.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as Emulator from "../src/Emulator.js"
import * as Env from "../src/internal/environment.js"
import { call } from "./support/Client.js"

const key = (n: number | string) => `sk_test_retention_${n}`

const create = (baseUrl: string, k: string, name: string) =>
  Effect.map(call(baseUrl, "/organizations", { method: "POST", key: k, body: { name } }), (a) => a.status)

/** The names of the organizations the key's environment holds (a request: it counts as a use). */
const names = (baseUrl: string, k: string) =>
  Effect.map(call(baseUrl, "/organizations?order=asc", { key: k }), (a) => a.json.data.map((o: any) => o.name))

/** Waits (in real time) until a request sleeps on the TestClock. */
const parked = Effect.gen(function*() {
  while (Chunk.isEmpty(yield* TestClock.sleeps())) {
    yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
  }
})

describe("environment retention over HTTP", () => {
  it.scoped("an idle key's state is gone after the idle time; a key in use within it keeps its state", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ environmentIdleTimeout: Duration.minutes(10) })
      expect(yield* create(baseUrl, key("idle"), "Idle")).toBe(201)
      expect(yield* create(baseUrl, key("busy"), "Busy")).toBe(201)
      yield* TestClock.adjust("6 minutes")
      expect(yield* names(baseUrl, key("busy"))).toEqual(["Busy"])
      yield* TestClock.adjust("6 minutes")
      // idle for 12 minutes: a fresh environment; busy was used 6 minutes ago: kept
      expect(yield* names(baseUrl, key("idle"))).toEqual([])
      expect(yield* names(baseUrl, key("busy"))).toEqual(["Busy"])
      // just under the idle time is not idle
      yield* TestClock.adjust(Duration.millis(10 * 60_000 - 1))
      expect(yield* names(baseUrl, key("busy"))).toEqual(["Busy"])
    }))

  it.scoped("without an idle timeout, a day of virtual time loses nothing", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* create(baseUrl, key("day"), "Kept")
      yield* TestClock.adjust("25 hours")
      expect(yield* names(baseUrl, key("day"))).toEqual(["Kept"])
    }))

  it.scoped("the cap evicts the least recently used environment for a new key", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ maxEnvironments: 3 })
      for (const n of [0, 1, 2]) expect(yield* create(baseUrl, key(n), `Org ${n}`)).toBe(201)
      // key 0 is used again, so key 1 is now the least recently used
      expect(yield* names(baseUrl, key(0))).toEqual(["Org 0"])
      expect(yield* create(baseUrl, key(3), "Org 3")).toBe(201)
      for (const n of [3, 2, 0]) expect(yield* names(baseUrl, key(n))).toEqual([`Org ${n}`])
      expect(yield* names(baseUrl, key(1))).toEqual([])
    }))

  it.scoped("the cap holds under many keys: only the most recent keep their state", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ maxEnvironments: 10, rateLimits: false })
      for (let n = 0; n < 60; n++) yield* create(baseUrl, key(`many-${n}`), `Org ${n}`)
      // the ten most recent, newest first, so that no check evicts another
      for (let n = 59; n >= 50; n--) expect(yield* names(baseUrl, key(`many-${n}`))).toEqual([`Org ${n}`])
      expect(yield* names(baseUrl, key("many-49"))).toEqual([])
    }))

  it.scoped("a new key is answered 503 when every kept environment is serving a request", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ maxEnvironments: 1 })
      yield* call(baseUrl, "/_emulator/latency", {
        method: "PUT",
        key: key("slow"),
        body: { _tag: "Fixed", millis: 60_000 }
      })
      const slow = yield* Effect.fork(create(baseUrl, key("slow"), "Slow"))
      yield* parked
      const refused = yield* call(baseUrl, "/organizations", { key: key("other") })
      expect(refused.status).toBe(503)
      expect(refused.json.message).toContain("at most 1 environments")
      expect(refused.headers.get("x-request-id")).not.toBeNull()
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(slow)).toBe(201)
      // now nothing is in flight: the new key evicts the slow one
      expect(yield* names(baseUrl, key("other"))).toEqual([])
    }))
})

describe("the environment store", () => {
  const environment = {} as Env.Environment
  const store = (retention: Env.Retention) => Env.makeStore(Effect.succeed(environment), retention)

  it.effect("never holds more environments than the cap, whatever the number of keys", () =>
    Effect.gen(function*() {
      const s = store({ maxEnvironments: 50, idleTimeoutMillis: undefined })
      let most = 0
      for (let n = 0; n < 5_000; n++) {
        yield* s.use(key(n), () => Effect.void)
        most = Math.max(most, yield* s.size)
      }
      assert.strictEqual(most, 50)
      assert.strictEqual(yield* s.size, 50)
    }))

  it.effect("idle environments are dropped, so the count falls back once keys stop being used", () =>
    Effect.gen(function*() {
      const s = store({ maxEnvironments: 1_000, idleTimeoutMillis: 1_000 })
      for (let n = 0; n < 100; n++) yield* s.use(key(n), () => Effect.void)
      assert.strictEqual(yield* s.size, 100)
      yield* TestClock.adjust(1_000)
      yield* s.use(key("next"), () => Effect.void)
      assert.strictEqual(yield* s.size, 1)
    }))

  it.effect("an environment serving a request is neither evicted nor dropped as idle", () =>
    Effect.gen(function*() {
      const s = store({ maxEnvironments: 1, idleTimeoutMillis: 10 })
      const gate = yield* Deferred.make<void>()
      const busy = yield* Effect.fork(s.use(key("busy"), () => Deferred.await(gate)))
      yield* Effect.yieldNow()
      yield* TestClock.adjust(100)
      const refused = yield* Effect.either(s.use(key("new"), () => Effect.void))
      assert.isTrue(Either.isLeft(refused) && refused.left._tag === "Full")
      assert.strictEqual(yield* s.size, 1)
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(busy)
      // its request ended just now: not idle, but no longer in use, so the cap evicts it
      yield* s.use(key("new"), () => Effect.void)
      assert.strictEqual(yield* s.size, 1)
    }))

  it.effect("racing first requests of one key share one environment", () =>
    Effect.gen(function*() {
      let created = 0
      const s = Env.makeStore(Effect.sync(() => (created += 1, environment)), {
        maxEnvironments: 10,
        idleTimeoutMillis: undefined
      })
      const seen = yield* Effect.all(Array.from({ length: 20 }, () => s.use(key("race"), Effect.succeed)), {
        concurrency: "unbounded"
      })
      assert.strictEqual(created, 1)
      assert.isTrue(seen.every((e) => e === environment))
    }))
})
