/**
 * The retry policy on `TestClock` (WIRE.md §9, §11): which answers are retried and how often, the backoff and its
 * jitter, `Retry-After` in both forms and its cap, Idempotency-Keys across attempts, per-attempt timeouts, and the
 * DELETE that answers 404 because an earlier attempt already deleted.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Exit, FastCheck as fc, Fiber, Random, TestClock } from "effect"
import type * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

const ORG = Wire.organization("org_1")

/**
 * Starts `call` on the live layer over `script`, and hands the running fiber and the scripted client to `drive`,
 * which moves the `TestClock`.
 */
const driven = <A, E, B, E2 = never>(
  script: Scripted.Script,
  call: (o: Organizations.Service) => Effect.Effect<A, E>,
  drive: (fiber: Fiber.RuntimeFiber<A, E>, scripted: Scripted.Scripted) => Effect.Effect<B, E2>,
  options: Partial<WorkOSClient.Options> = {}
): Effect.Effect<B, E2> =>
  Scripted.withLive(script, (o, scripted) =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(call(o))
      return yield* drive(fiber, scripted)
    }), options)

/** Runs `call` to its end, letting as much virtual time pass as it needs; returns its exit and the requests. */
const settle = <A, E>(
  script: Scripted.Script,
  call: (o: Organizations.Service) => Effect.Effect<A, E>,
  options: Partial<WorkOSClient.Options> = {}
) =>
  driven(script, call, (fiber, scripted) =>
    Effect.gen(function*() {
      yield* TestClock.adjust("30 minutes")
      const exit = yield* Fiber.await(fiber)
      return { exit, requests: yield* scripted.requests }
    }), options)

const gaps = (requests: ReadonlyArray<Scripted.Recorded>): Array<number> =>
  requests.slice(1).map((r, i) => r.at - requests[i]!.at)

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) return assert.fail("expected a failure")
  const error = exit.cause._tag === "Fail" ? exit.cause.error : undefined
  if (error === undefined) return assert.fail(`expected a typed failure, got ${String(exit.cause)}`)
  return error
}

/** The computed backoff before attempt `n`, without jitter. */
const base = (n: number) => Math.min(500 * 1.5 ** n, 8000)

describe("what is retried", () => {
  const retried: ReadonlyArray<readonly [string, Scripted.Answer, string]> = [
    ["408", Scripted.json(408, { message: "Request Timeout" }), "BadRequest"],
    ["429", Scripted.json(429, { message: "Too many requests" }), "RateLimited"],
    ["500", Scripted.json(500, { message: "Internal Server Error" }), "ServerError"],
    ["502 with an HTML body", Scripted.text(502, "<html>Bad Gateway</html>"), "ServerError"],
    ["503", Scripted.json(503, { message: "Service Unavailable" }), "ServerError"],
    ["504", Scripted.json(504, { message: "Gateway Timeout" }), "ServerError"],
    ["a network error", Scripted.transport, "RequestFailed"]
  ]

  for (const [name, answer, tag] of retried) {
    it.effect(`${name}: 1 + maxRetries attempts (default 3), then ${tag}`, () =>
      Effect.gen(function*() {
        const { exit, requests } = yield* settle(() => answer, (o) => o.getOrganization("org_1"))
        assert.strictEqual(requests.length, 4)
        assert.strictEqual(failure(exit)._tag, tag)
      }))
  }

  it.effect("maxRetries: 0 makes one attempt, maxRetries: 1 two", () =>
    Effect.gen(function*() {
      for (const maxRetries of [0, 1, 5]) {
        const { requests } = yield* settle(
          () => Scripted.json(503, { message: "down" }),
          (o) => o.getOrganization("org_1"),
          { maxRetries }
        )
        assert.strictEqual(requests.length, 1 + maxRetries)
      }
    }))

  it.effect("a retry that succeeds is the call's answer", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        Scripted.sequence(Scripted.json(503, { message: "down" }), Scripted.transport, Scripted.json(200, ORG)),
        (o) => o.getOrganization("org_1")
      )
      assert.strictEqual(requests.length, 3)
      assert.isTrue(Exit.isSuccess(exit))
    }))

  const notRetried: ReadonlyArray<readonly [number, unknown, string]> = [
    [400, { code: "invalid_metadata", message: "bad" }, "InvalidMetadata"],
    [401, { message: "Unauthorized" }, "Unauthorized"],
    [403, { message: "Forbidden" }, "Forbidden"],
    [404, { message: "Not Found" }, "NotFound"],
    [409, { message: "An Organization with the domain a.com already exists." }, "DomainConflict"],
    [422, { message: "Validation failed", errors: [] }, "ValidationFailed"],
    [501, { message: "Not Implemented" }, "ServerError"]
  ]

  for (const [status, body, tag] of notRetried) {
    it.effect(`${status} is not retried: one attempt, ${tag}`, () =>
      Effect.gen(function*() {
        const { exit, requests } = yield* settle(
          () => Scripted.json(status, body),
          (o) => o.updateOrganization({ organization: "org_1", name: "N" })
        )
        assert.strictEqual(requests.length, 1)
        assert.strictEqual(failure(exit)._tag, tag)
      }))
  }
})

describe("how long it waits", () => {
  it.effect("jitter at its lower bound: exactly half the base delay before attempts 2, 3, 4", () =>
    Effect.gen(function*() {
      const { requests } = yield* settle(
        () => Scripted.json(503, { message: "down" }),
        (o) => o.getOrganization("org_1")
      ).pipe(Effect.withRandom(Random.fixed([0])))
      assert.deepStrictEqual(gaps(requests), [base(2) * 0.5, base(3) * 0.5, base(4) * 0.5])
    }))

  it.effect("the base delay is capped at 8 s", () =>
    Effect.gen(function*() {
      const { requests } = yield* settle(
        () => Scripted.json(503, { message: "down" }),
        (o) => o.getOrganization("org_1"),
        { maxRetries: 9 }
      ).pipe(Effect.withRandom(Random.fixed([0.5])))
      const observed = gaps(requests)
      assert.deepStrictEqual(observed, [2, 3, 4, 5, 6, 7, 8, 9, 10].map(base))
      assert.deepStrictEqual(observed.slice(5), [8000, 8000, 8000, 8000])
    }))

  it.effect.prop(
    "every delay lies in [0.5, 1.5) × min(500 ms × 1.5^n, 8 s)",
    [fc.integer()],
    ([seed]) =>
      Effect.gen(function*() {
        const { requests } = yield* settle(
          () => Scripted.transport,
          (o) => o.getOrganization("org_1"),
          { maxRetries: 8 }
        ).pipe(Effect.withRandom(Random.make(seed)))
        gaps(requests).forEach((gap, i) => {
          const n = i + 2
          assert.isAtLeast(gap, 0.5 * base(n), `before attempt ${n}`)
          assert.isBelow(gap, 1.5 * base(n), `before attempt ${n}`)
        })
      }),
    { fastCheck: { numRuns: 10 } }
  )

  it.effect("Retry-After: 7 waits 7 s: not retried at 6 s, retried at 7 s", () =>
    driven(
      Scripted.sequence(
        Scripted.json(429, { message: "Too many requests" }, { "retry-after": "7" }),
        Scripted.json(200, ORG)
      ),
      (o) => o.getOrganization("org_1"),
      (fiber, scripted) =>
        Effect.gen(function*() {
          yield* TestClock.adjust("6 seconds")
          assert.strictEqual((yield* scripted.requests).length, 1)
          yield* TestClock.adjust("999 millis")
          assert.strictEqual((yield* scripted.requests).length, 1)
          yield* TestClock.adjust("1 millis")
          assert.strictEqual((yield* scripted.requests).length, 2)
          assert.strictEqual((yield* Fiber.join(fiber)).id, "org_1")
        })
    ))

  it.effect("Retry-After as an HTTP date is read against the Clock", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2025-01-01T00:00:00.000Z"))
      yield* driven(
        Scripted.sequence(
          Scripted.json(503, { message: "down" }, { "retry-after": "Wed, 01 Jan 2025 00:00:12 GMT" }),
          Scripted.json(200, ORG)
        ),
        (o) => o.getOrganization("org_1"),
        (fiber, scripted) =>
          Effect.gen(function*() {
            yield* TestClock.adjust("11 seconds")
            assert.strictEqual((yield* scripted.requests).length, 1)
            yield* TestClock.adjust("1 second")
            assert.strictEqual((yield* scripted.requests).length, 2)
            yield* Fiber.join(fiber)
          })
      )
    }))

  it.effect("Retry-After is capped at 60 s", () =>
    driven(
      Scripted.sequence(
        Scripted.json(429, { message: "slow down" }, { "retry-after": "3600" }),
        Scripted.json(200, ORG)
      ),
      (o) => o.getOrganization("org_1"),
      (fiber, scripted) =>
        Effect.gen(function*() {
          yield* TestClock.adjust("59 seconds")
          assert.strictEqual((yield* scripted.requests).length, 1)
          yield* TestClock.adjust("1 second")
          assert.strictEqual((yield* scripted.requests).length, 2)
          yield* Fiber.join(fiber)
        })
    ))

  it.effect("an unreadable Retry-After falls back to the computed backoff", () =>
    Effect.gen(function*() {
      const { requests } = yield* settle(
        Scripted.sequence(Scripted.json(503, { message: "down" }, { "retry-after": "soon" }), Scripted.json(200, ORG)),
        (o) => o.getOrganization("org_1")
      ).pipe(Effect.withRandom(Random.fixed([0])))
      assert.deepStrictEqual(gaps(requests), [base(2) * 0.5])
    }))

  it.effect("429 after the last retry: RateLimited with the server's Retry-After", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        () => Scripted.json(429, { message: "Too many requests" }, { "retry-after": "2" }),
        (o) => o.getOrganization("org_1")
      )
      assert.deepStrictEqual(gaps(requests), [2000, 2000, 2000])
      const error = failure(exit)
      assert.strictEqual(error._tag, "RateLimited")
      if (error._tag === "RateLimited") {
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(2))
        assert.strictEqual(error.requestId, "req_test")
      }
    }))
})

describe("Idempotency-Key across attempts", () => {
  it.effect("a POST is retried with the same generated key on every attempt", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        Scripted.sequence(Scripted.transport, Scripted.json(500, { message: "oops" }), Scripted.json(201, ORG)),
        (o) => o.createOrganization({ name: "Acme" })
      )
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(requests.length, 3)
      const keys = new Set(requests.map((r) => r.headers["idempotency-key"]))
      assert.strictEqual(keys.size, 1)
      assert.isDefined([...keys][0])
    }))

  it.effect("the caller's key wins, on every attempt", () =>
    Effect.gen(function*() {
      const { requests } = yield* settle(
        Scripted.sequence(
          Scripted.json(503, { message: "down" }),
          Scripted.json(201, Wire.createdApiKey("k", "o", "v"))
        ),
        (o) => o.createOrganizationApiKey({ organizationId: "org_1", name: "k" }, { idempotencyKey: "caller-key" })
      )
      assert.deepStrictEqual(requests.map((r) => r.headers["idempotency-key"]), ["caller-key", "caller-key"])
    }))
})

describe("timeouts", () => {
  it.effect("an attempt that does not answer in time is retried, then RequestFailed(Timeout)", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        () => Scripted.hang,
        (o) => o.getOrganization("org_1"),
        { timeout: "2 seconds", maxRetries: 2 }
      ).pipe(Effect.withRandom(Random.fixed([0])))
      assert.strictEqual(requests.length, 3)
      assert.deepStrictEqual(gaps(requests), [2000 + base(2) * 0.5, 2000 + base(3) * 0.5])
      const error = failure(exit)
      assert.strictEqual(error._tag, "RequestFailed")
      if (error._tag === "RequestFailed") assert.strictEqual(error.reason, "Timeout")
    }))

  it.effect("the default timeout is 60 s per attempt", () =>
    driven(
      Scripted.sequence(Scripted.hang, Scripted.json(200, ORG)),
      (o) => o.getOrganization("org_1"),
      (fiber, scripted) =>
        Effect.gen(function*() {
          yield* TestClock.adjust("59 seconds")
          assert.strictEqual((yield* scripted.requests).length, 1)
          yield* TestClock.adjust("1 minute")
          assert.strictEqual((yield* scripted.requests).length, 2)
          yield* Fiber.join(fiber)
        })
    ))

  it.effect("a slow answer within the timeout is not cut off", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        () => Effect.as(Effect.sleep("1500 millis"), Scripted.json(200, ORG)),
        (o) => o.getOrganization("org_1"),
        { timeout: "2 seconds" }
      )
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(requests.length, 1)
    }))
})

describe("DELETE retried after an attempt that may have been applied", () => {
  it.effect("404 after a network error is success: the first attempt deleted it", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* settle(
        Scripted.sequence(Scripted.transport, Scripted.json(404, { message: "Not Found" })),
        (o) => o.deleteOrganization("org_1")
      )
      assert.strictEqual(requests.length, 2)
      assert.isTrue(Exit.isSuccess(exit))
    }))

  it.effect("404 after a timeout or a 5xx is success too", () =>
    Effect.gen(function*() {
      for (const first of [Scripted.hang, Scripted.json(502, { message: "bad gateway" })]) {
        const { exit } = yield* settle(
          Scripted.sequence(first, Scripted.json(404, { message: "Not Found" })),
          (o) => o.deleteOrganization("org_1"),
          { timeout: "1 second" }
        )
        assert.isTrue(Exit.isSuccess(exit))
      }
    }))

  it.effect("404 on the first attempt, or after a 429 (not applied), is NotFound", () =>
    Effect.gen(function*() {
      for (
        const script of [
          Scripted.sequence(Scripted.json(404, { message: "Not Found" })),
          Scripted.sequence(Scripted.json(429, { message: "slow" }), Scripted.json(404, { message: "Not Found" }))
        ]
      ) {
        const { exit } = yield* settle(script, (o) => o.deleteOrganization("org_1"))
        const error = failure(exit)
        assert.strictEqual(error._tag, "NotFound")
        if (error._tag === "NotFound") assert.strictEqual(error.id, "org_1")
      }
    }))

  it.effect("a GET that answers 404 after a network error is still NotFound", () =>
    Effect.gen(function*() {
      const { exit } = yield* settle(
        Scripted.sequence(Scripted.transport, Scripted.json(404, { message: "Not Found" })),
        (o) => o.getOrganization("org_1")
      )
      assert.strictEqual(failure(exit)._tag, "NotFound")
    }))
})
