import { assert, describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import * as Emulator from "../src/Emulator.js"
import { call, dropped } from "./support/Client.js"

const control = (baseUrl: string, path: string, method: string, body?: unknown) =>
  call(baseUrl, `/_emulator/${path}`, { method, ...(body === undefined ? {} : { body }) })

const organizationNames = (baseUrl: string) =>
  Effect.map(
    call(baseUrl, "/organizations?limit=100&order=asc"),
    (answer) => answer.json.data.map((o: { name: string }) => o.name) as Array<string>
  )

const journal = (baseUrl: string) =>
  Effect.flatMap(control(baseUrl, "journal", "GET"), (answer) => Schema.decodeUnknown(Emulator.Journal)(answer.json))

describe("state control", () => {
  it.scopedLive("seed, snapshot, restore and reset act on the caller's environment only", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const seeded = yield* control(baseUrl, "seed", "POST", {
        organizations: [{ name: "Seeded", externalId: "s-1" }],
        featureFlags: [{ slug: "beta" }]
      })
      expect(seeded.status).toBe(200)
      expect(yield* organizationNames(baseUrl)).toEqual(["Seeded"])
      expect((yield* call(baseUrl, "/organizations", { key: "sk_test_bystander" })).json.data).toEqual([])
      const snapshot = yield* control(baseUrl, "snapshot", "GET")
      expect(snapshot.status).toBe(200)
      expect(snapshot.json.version).toBe(1)

      yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "Later" } })
      expect(yield* organizationNames(baseUrl)).toEqual(["Seeded", "Later"])
      expect((yield* control(baseUrl, "restore", "POST", snapshot.json)).status).toBe(200)
      expect(yield* organizationNames(baseUrl)).toEqual(["Seeded"])

      expect((yield* control(baseUrl, "reset", "POST")).status).toBe(200)
      expect(yield* organizationNames(baseUrl)).toEqual([])
      expect((yield* journal(baseUrl)).data).toHaveLength(1)
    }))

  it.scopedLive("seeds and snapshots larger than the API's 1 MiB body limit go through the control API", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const organizations = Array.from({ length: 9_000 }, (_, i) => ({
        name: `Large environment organization ${i}`,
        externalId: `large-${i}`,
        metadata: { plan: "enterprise", region: "eu-west-1" }
      }))
      expect(JSON.stringify({ organizations }).length).toBeGreaterThan(1024 * 1024)
      expect((yield* control(baseUrl, "seed", "POST", { organizations })).status).toBe(200)
      const snapshot = yield* control(baseUrl, "snapshot", "GET")
      expect(snapshot.text.length).toBeGreaterThan(1024 * 1024)
      yield* control(baseUrl, "reset", "POST")
      expect((yield* control(baseUrl, "restore", "POST", snapshot.json)).status).toBe(200)
      expect((yield* call(baseUrl, "/organizations/external_id/large-8999")).status).toBe(200)
    }))

  it.scopedLive("fixtures given at start are in every environment and come back on reset", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ fixtures: { organizations: [{ name: "Fixture" }] } })
      yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "Mine" } })
      yield* control(baseUrl, "reset", "POST")
      expect(yield* organizationNames(baseUrl)).toEqual(["Fixture"])
      expect(yield* Effect.map(call(baseUrl, "/organizations", { key: "sk_test_second" }), (a) => a.json.data.length))
        .toBe(1)
    }))

  it.scopedLive("fixtures that break the environment's settings stop the start, before it listens", () =>
    Effect.gen(function*() {
      const metadata = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]))
      const error = yield* Effect.flip(
        Emulator.start({ fixtures: { organizations: [{ name: "A", metadata }] }, settings: { metadataMaxKeys: 10 } })
      )
      expect(error._tag).toBe("InvalidFixtures")
      // the same fixtures are fine under the default settings
      const { baseUrl } = yield* Emulator.start({ fixtures: { organizations: [{ name: "A", metadata }] } })
      expect(yield* organizationNames(baseUrl)).toEqual(["A"])
    }))

  it.scopedLive("invalid control input is a 400 naming the field, and changes nothing", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const cases: Array<[string, string, unknown, string]> = [
        ["seed", "POST", { organizations: [{ name: 1 }] }, "organizations[0].name"],
        ["seed", "POST", { organisations: [] }, "organisations"],
        ["restore", "POST", { version: 2 }, "version"],
        [
          "faults",
          "PUT",
          { scripted: [{ operation: "getOrganization", nth: 0, fault: { _tag: "ConnectionReset" } }] },
          "scripted[0].nth"
        ],
        [
          "faults",
          "PUT",
          { scripted: [{ operation: "x", nth: 1, fault: { _tag: "ServerError", status: 500 } }] },
          "scripted[0].operation"
        ],
        ["faults", "PUT", { scripted: [{ operation: "*", nth: 1, fault: { _tag: "Boom" } }] }, "scripted[0].fault"],
        ["latency", "PUT", { _tag: "Uniform", min: 10, max: 5 }, "max"],
        ["latency", "PUT", { _tag: "Fixed", millis: -1 }, "millis"]
      ]
      for (const [path, method, body, field] of cases) {
        const answer = yield* control(baseUrl, path, method, body)
        expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400)
        expect(answer.json.code).toBe("invalid_control_input")
        expect(answer.json.message).toContain(field)
      }
      const malformed = yield* call(baseUrl, "/_emulator/seed", { method: "POST", body: "{" })
      expect(malformed.status).toBe(400)
      expect(yield* organizationNames(baseUrl)).toEqual([])
      expect((yield* control(baseUrl, "faults", "GET")).json).toEqual({})
      expect((yield* control(baseUrl, "latency", "GET")).json).toEqual({ _tag: "None" })
    }))

  it.scopedLive("the control API needs the same bearer key", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const answer = yield* call(baseUrl, "/_emulator/reset", { method: "POST", key: null })
      expect(answer.status).toBe(401)
    }))
})

describe("the DNS and the clock of an environment", () => {
  it.scopedLive("TXT records are set, listed and removed per environment; the clock moves per environment", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      expect((yield* control(baseUrl, "dns", "GET")).json).toEqual({ records: [] })
      yield* control(baseUrl, "dns", "POST", { domain: "A.com.", value: "verification_token=t1" })
      yield* control(baseUrl, "dns", "POST", { domain: "a.com", value: "other" })
      expect((yield* control(baseUrl, "dns", "GET")).json).toEqual({
        records: [{ domain: "a.com", values: ["other", "verification_token=t1"] }]
      })
      // another key's environment has its own DNS and clock
      expect((yield* call(baseUrl, "/_emulator/dns", { key: "sk_test_bystander" })).json).toEqual({ records: [] })
      const removed = yield* control(baseUrl, "dns", "DELETE", { domain: "a.com", value: "other" })
      expect(removed.json).toEqual({ records: [{ domain: "a.com", values: ["verification_token=t1"] }] })
      expect((yield* control(baseUrl, "dns", "DELETE", { domain: "a.com" })).json).toEqual({ records: [] })
      for (const body of [{}, { domain: "" }, { domain: "a.com", value: 1 }]) {
        expect((yield* control(baseUrl, "dns", "POST", body)).status).toBe(400)
      }

      const start = Date.parse((yield* control(baseUrl, "clock", "GET")).json.now)
      const bystander = Date.parse((yield* call(baseUrl, "/_emulator/clock", { key: "sk_test_bystander" })).json.now)
      yield* control(baseUrl, "clock/advance", "POST", { milliseconds: 86_400_000 })
      const moved = Date.parse((yield* control(baseUrl, "clock", "GET")).json.now)
      expect(moved - start).toBeGreaterThanOrEqual(86_400_000)
      const other = Date.parse((yield* call(baseUrl, "/_emulator/clock", { key: "sk_test_bystander" })).json.now)
      expect(other - bystander).toBeLessThan(86_400_000)
      // objects made afterwards carry the moved time
      const created = yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "Later" } })
      expect(Date.parse(created.json.created_at)).toBeGreaterThanOrEqual(start + 86_400_000)
      for (const body of [{}, { milliseconds: 1.5 }, { milliseconds: "1" }]) {
        expect((yield* control(baseUrl, "clock/advance", "POST", body)).status).toBe(400)
      }
    }))
})

describe("faults", () => {
  it.scopedLive("the fake's faults: 429 with Retry-After, 5xx, and a lost response that still applied", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const set = yield* control(baseUrl, "faults", "PUT", {
        scripted: [
          { operation: "createOrganization", nth: 1, fault: { _tag: "RateLimited", retryAfterSeconds: 7 } },
          { operation: "createOrganization", nth: 2, fault: { _tag: "ServerError", status: 503 } },
          { operation: "createOrganization", nth: 3, fault: { _tag: "ResponseLost" } },
          { operation: "createOrganization", nth: 4, fault: { _tag: "RequestFailed" } }
        ]
      })
      expect(set.status).toBe(200)
      const body = { name: "Flaky" }
      const limited = yield* call(baseUrl, "/organizations", { method: "POST", body })
      expect(limited.status).toBe(429)
      expect(limited.headers.get("retry-after")).toBe("7")
      expect(limited.json.message).toBe("Too many requests")
      const failed = yield* call(baseUrl, "/organizations", { method: "POST", body })
      expect(failed.status).toBe(503)
      assert.isString(failed.json.message)
      assert.isTrue(yield* dropped(baseUrl, "/organizations", { method: "POST", body }))
      assert.isTrue(yield* dropped(baseUrl, "/organizations", { method: "POST", body }))
      expect((yield* call(baseUrl, "/organizations", { method: "POST", body })).status).toBe(201)
      expect(yield* organizationNames(baseUrl)).toEqual(["Flaky", "Flaky"])
      const statuses = (yield* journal(baseUrl)).data.map((e) => e.status)
      expect(statuses).toEqual([429, 503, null, null, 201, 200])
    }))

  it.scopedLive("HTTP faults: a reset connection changes nothing; malformed and slow bodies follow a real change", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* control(baseUrl, "faults", "PUT", {
        scripted: [
          { operation: "createOrganization", nth: 1, fault: { _tag: "ConnectionReset" } },
          { operation: "createOrganization", nth: 2, fault: { _tag: "MalformedBody" } },
          { operation: "createOrganization", nth: 3, fault: { _tag: "SlowBody", chunkDelayMillis: 5, chunks: 4 } }
        ]
      })
      assert.isTrue(yield* dropped(baseUrl, "/organizations", { method: "POST", body: { name: "Reset" } }))
      const malformed = yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "Malformed" } })
      expect(malformed.status).toBe(201)
      expect(malformed.headers.get("content-type")).toBe("application/json; charset=utf-8")
      expect(malformed.json).toBeUndefined()
      const slow = yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "Slow" } })
      expect(slow.status).toBe(201)
      expect(slow.json.name).toBe("Slow")
      expect(yield* organizationNames(baseUrl)).toEqual(["Malformed", "Slow"])
      expect((yield* control(baseUrl, "faults", "GET")).json.scripted).toHaveLength(3)
      expect((yield* control(baseUrl, "faults", "DELETE")).status).toBe(200)
      expect((yield* control(baseUrl, "faults", "GET")).json).toEqual({})
    }))

  it.scopedLive("'*' counts every operation's requests together", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* control(baseUrl, "faults", "PUT", {
        scripted: [{ operation: "*", nth: 2, count: 2, fault: { _tag: "ConnectionReset" } }]
      })
      expect((yield* call(baseUrl, "/organizations")).status).toBe(200)
      assert.isTrue(yield* dropped(baseUrl, "/organizations/org_1"))
      assert.isTrue(yield* dropped(baseUrl, "/organizations"))
      expect((yield* call(baseUrl, "/organizations/org_1")).status).toBe(404)
    }))
})

describe("journal", () => {
  it.scopedLive("records method, path, status, Idempotency-Key and the attempt number for that key", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const headers = { "idempotency-key": "retry-1" }
      yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "A" }, headers })
      yield* call(baseUrl, "/organizations", { method: "POST", body: { name: "A" }, headers })
      yield* call(baseUrl, "/organizations?limit=5", {})
      yield* call(baseUrl, "/nowhere")
      const entries = (yield* journal(baseUrl)).data
      expect(entries.map((e) => [e.method, e.path, e.query, e.status, e.idempotencyKey, e.attempt, e.operation]))
        .toEqual([
          ["POST", "/organizations", "", 201, "retry-1", 1, "createOrganization"],
          ["POST", "/organizations", "", 201, "retry-1", 2, "createOrganization"],
          ["GET", "/organizations", "limit=5", 200, null, null, "listOrganizations"]
        ])
      expect(entries.map((e) => e.sequence)).toEqual([1, 2, 3])
      entries.forEach((e) => assert.isFalse(Number.isNaN(Date.parse(e.time))))
      yield* control(baseUrl, "journal", "DELETE")
      expect((yield* journal(baseUrl)).data).toEqual([])
    }))
})

/** Lets the event loop turn until a request sleeps on the `TestClock`; the wake-up times scheduled then. */
const parked = Effect.gen(function*() {
  let sleeps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
  while (sleeps.length === 0) {
    yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
    sleeps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
  }
  return sleeps
})

describe("latency", () => {
  it.scoped("a request waits its latency on Clock", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      const set = yield* control(baseUrl, "latency", "PUT", { _tag: "Fixed", millis: 3_600_000 })
      expect(set.json).toEqual({ _tag: "Fixed", millis: 3_600_000 })
      const pending = yield* Effect.fork(call(baseUrl, "/organizations"))
      // the request is parked on the clock: exactly one sleep of an hour is scheduled
      // (the clock starts at 0, so the wake-up time is the latency)
      expect(yield* parked).toEqual([3_600_000])
      yield* TestClock.adjust("1 hour")
      expect((yield* Fiber.join(pending)).status).toBe(200)
    }))

  it.scoped("the latency is the time to the answer: a create takes effect on arrival, its answer waits the rest", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* control(baseUrl, "latency", "PUT", { _tag: "Fixed", millis: 60_000 })
      const pending = yield* Effect.fork(
        call(baseUrl, "/organizations", { method: "POST", body: { name: "Early" } })
      )
      yield* parked
      // the organization exists while its answer is still on the way (control requests have no latency)
      const snapshot = yield* control(baseUrl, "snapshot", "GET")
      expect(JSON.stringify(snapshot.json)).toContain("Early")
      assert.isTrue(Option.isNone(yield* Fiber.poll(pending)))
      yield* TestClock.adjust("59 seconds")
      assert.isTrue(Option.isNone(yield* Fiber.poll(pending)))
      yield* TestClock.adjust("1 second")
      expect((yield* Fiber.join(pending)).status).toBe(201)
    }))

  it.scopedLive("on the real clock every answer takes at least its latency", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      yield* control(baseUrl, "latency", "PUT", { _tag: "Fixed", millis: 7 })
      for (let i = 0; i < 30; i++) {
        // from before the request leaves to the whole answer read: never less than the server's own wait
        const started = performance.now()
        expect((yield* call(baseUrl, "/organizations")).status).toBe(200)
        expect(performance.now() - started).toBeGreaterThanOrEqual(7)
      }
    }))

  it.scopedLive("start options set the initial latency; PUT changes it per environment", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start({ latency: { _tag: "Uniform", min: 0, max: 2 } })
      expect((yield* control(baseUrl, "latency", "GET")).json).toEqual({ _tag: "Uniform", min: 0, max: 2 })
      yield* control(baseUrl, "latency", "PUT", { _tag: "None" })
      expect((yield* control(baseUrl, "latency", "GET")).json).toEqual({ _tag: "None" })
      expect((yield* call(baseUrl, "/_emulator/latency", { key: "sk_test_b" })).json._tag).toBe("Uniform")
    }))
})
