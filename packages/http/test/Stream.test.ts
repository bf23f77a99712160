/**
 * The Streams over HTTP: the next page is requested while the consumer is still working on the current one, and a
 * consumer that stops early stops the requests.
 */
import * as List from "@effect-workos/core/List"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Clock, Effect, Fiber, Schema, Stream, TestClock } from "effect"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

/** A list of `pages` pages of `perPage` organizations, served by the `after` cursor in the query. */
const pagedList = (pages: number, perPage: number) => (request: Scripted.Recorded): Scripted.Answer => {
  const after = new URLSearchParams(request.query).get("after")
  const page = after === null ? 0 : Number(after.replace("org_p", "").split("_")[0]) + 1
  const data = Array.from({ length: perPage }, (_, i) => Wire.organization(`org_p${page}_${i}`))
  const last = data[data.length - 1]!.id
  return Scripted.json(200, Wire.list(data, page === pages - 1 ? null : last))
}

describe("Streams over HTTP", () => {
  it.effect("the next page is requested before the slow consumer has finished the current one", () =>
    Scripted.withLive(pagedList(3, 2), (o, scripted) =>
      Effect.gen(function*() {
        const finished: Array<number> = []
        const fiber = yield* Effect.fork(
          o.listOrganizations().pipe(
            // A slow consumer: 10 s per organization.
            Stream.tap(() =>
              Effect.zipRight(
                Effect.sleep("10 seconds"),
                Effect.flatMap(Clock.currentTimeMillis, (t) => Effect.sync(() => finished.push(t)))
              )
            ),
            Stream.runCollect
          )
        )
        for (let i = 0; i < 30 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("5 seconds")
        assert.isNotNull(fiber.unsafePoll(), "the fiber should be done by now")
        const items = yield* Fiber.join(fiber)
        const requests = yield* scripted.requests
        assert.strictEqual(Chunk.size(items), 6)
        assert.strictEqual(requests.length, 3)
        // Page 1 is fully consumed at finished[1]; page 2 was requested before that, without waiting.
        assert.isBelow(requests[1]!.at, finished[1]!)
        assert.isBelow(requests[2]!.at, finished[3]!)
        // Overlap means the whole walk takes the consumer's time only: 6 × 10 s.
        assert.strictEqual(finished[5], 60_000)
      })))

  it.effect("Stream.take(3) on a 10-page list: a bounded number of requests, none after the take completes", () =>
    Scripted.withLive(pagedList(10, 1), (o, scripted) =>
      Effect.gen(function*() {
        const items = yield* Stream.runCollect(Stream.take(o.listOrganizations(), 3))
        assert.deepStrictEqual(Chunk.toArray(items).map((org) => org.id), ["org_p0_0", "org_p1_0", "org_p2_0"])
        const atTake = (yield* scripted.requests).length
        // Three pages consumed, plus at most the prefetch: one page buffered and one in flight.
        assert.isAtLeast(atTake, 3)
        assert.isAtMost(atTake, 5)
        // Time passes, fibers get to run: nothing more is fetched.
        for (let i = 0; i < 5; i++) {
          yield* TestClock.adjust("1 minute")
          yield* Effect.yieldNow()
        }
        assert.strictEqual((yield* scripted.requests).length, atTake)
      })))

  it.effect("Stream.take(3) with a slow page server: requests stop at the prefetch depth", () =>
    Scripted.withLive(
      (request) => Effect.as(Effect.sleep("1 second"), pagedList(10, 1)(request)),
      (o, scripted) =>
        Effect.gen(function*() {
          const fiber = yield* Effect.fork(Stream.runCollect(Stream.take(o.listOrganizations(), 3)))
          for (let i = 0; i < 20 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("500 millis")
          assert.isNotNull(fiber.unsafePoll(), "the fiber should be done by now")
          const items = yield* Fiber.join(fiber)
          assert.strictEqual(Chunk.size(items), 3)
          const atTake = (yield* scripted.requests).length
          assert.isAtMost(atTake, 5)
          yield* TestClock.adjust("1 minute")
          assert.strictEqual((yield* scripted.requests).length, atTake)
        })
    ))

  it.effect("nothing is requested until the Stream runs", () =>
    Scripted.withLive(pagedList(2, 1), (o, scripted) =>
      Effect.gen(function*() {
        const stream = o.listOrganizations()
        yield* TestClock.adjust("1 minute")
        assert.strictEqual((yield* scripted.requests).length, 0)
        assert.strictEqual(Chunk.size(yield* Stream.runCollect(stream)), 2)
        assert.strictEqual((yield* scripted.requests).length, 2)
      })))

  it.effect.each(
    [
      ["an item that is not an organization", Scripted.json(200, Wire.list([{ id: 7 }])), "'data[0]"],
      ["a cursor that is not a string", Scripted.json(200, { ...Wire.list([]), list_metadata: { after: 5 } }), "after"],
      ["a body without list_metadata", Scripted.json(200, { object: "list", data: [] }), "list_metadata"],
      ["a body that is not JSON", Scripted.text(200, "<html>"), "not JSON"]
    ] as const
  )(
    "a page with %s fails the Stream with UnexpectedResponse after the pages before it",
    ([, answer, names]) =>
      Scripted.withLive(
        (request) =>
          new URLSearchParams(request.query).get("after") === null
            ? Scripted.json(200, Wire.list([Wire.organization("org_first")], "org_first"))
            : answer,
        (o, scripted) =>
          Effect.gen(function*() {
            const seen: Array<string> = []
            const error = yield* Effect.flip(
              Stream.runForEach(o.listOrganizations(), (org) => Effect.sync(() => seen.push(org.id)))
            )
            assert.deepStrictEqual(seen, ["org_first"])
            assert.strictEqual(error._tag, "UnexpectedResponse")
            if (error._tag === "UnexpectedResponse") assert.include(error.detail, names)
            // a malformed page ends the walk: nothing is requested after it
            assert.strictEqual((yield* scripted.requests).length, 2)
          })
      )
  )

  it.effect("executeList answers with the cursor before decoding; the items decode when run", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() =>
        Scripted.json(200, Wire.list([Wire.organization("org_a"), Wire.organization("org_b")], "org_b"))
      )
      let decoded = 0
      const Counted = Schema.transform(Schema.Struct({ id: Schema.String }), Schema.String, {
        strict: true,
        decode: (o) => {
          decoded++
          return o.id
        },
        encode: (id) => ({ id })
      })
      const client = yield* Effect.provide(WorkOSClient.WorkOSClient, Scripted.clientLayer(scripted))
      const split = yield* client.executeList({ method: "GET", path: ["organizations"] }, List.List(Counted))
      assert.strictEqual(split.after, "org_b")
      assert.strictEqual(decoded, 0)
      assert.deepStrictEqual(yield* split.items, ["org_a", "org_b"])
      assert.strictEqual(decoded, 2)
    }))
})
