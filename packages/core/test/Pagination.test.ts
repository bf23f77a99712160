/**
 * `Pagination.stream`: the one helper that walks a list for the live layer and the fake alike.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Either, Exit, FastCheck as fc, Fiber, Ref, Stream, TestClock } from "effect"
import * as List from "../src/List.js"
import * as Pagination from "../src/Pagination.js"
import * as WorkOSError from "../src/WorkOSError.js"

const NUM_RUNS = 100
const params = { fastCheck: { numRuns: NUM_RUNS } }

/** Page `i` is addressed by the cursor `p<i>`; the first page by no cursor. */
const pageIndex = (after: string | undefined): number => (after === undefined ? 0 : Number(after.slice(1)))

/**
 * A server holding `pages` (or an endless list of pages of size `k` when `pages` is a number), recording the
 * cursor of every request.
 */
const makeServer = (pages: ReadonlyArray<ReadonlyArray<number>> | { readonly endless: number }) =>
  Effect.gen(function*() {
    const requests = yield* Ref.make<ReadonlyArray<string | undefined>>([])
    const fetchPage = (after: string | undefined) =>
      Effect.gen(function*() {
        yield* Ref.update(requests, (r) => [...r, after])
        const i = pageIndex(after)
        if ("endless" in pages) {
          const k = pages.endless
          return List.make(Array.from({ length: k }, (_, j) => i * k + j), { before: null, after: `p${i + 1}` })
        }
        return List.make(pages[i] ?? [], { before: null, after: i + 1 < pages.length ? `p${i + 1}` : null })
      })
    return { requests, fetchPage }
  })

const pagesArb = fc.array(fc.array(fc.integer(), { maxLength: 6 }), { minLength: 1, maxLength: 10 })

describe("Pagination.stream", () => {
  it.effect.prop(
    "yields the concatenation of the pages in order, one fetch per page, and stops at after: null",
    [pagesArb],
    ([pages]) =>
      Effect.gen(function*() {
        const server = yield* makeServer(pages)
        const items = yield* Stream.runCollect(Pagination.stream(server.fetchPage))
        expect(Chunk.toReadonlyArray(items)).toEqual(pages.flat())
        expect(yield* Ref.get(server.requests)).toEqual([undefined, ...pages.slice(1).map((_, i) => `p${i + 1}`)])
      }),
    params
  )

  it.effect.prop(
    "starts after the `start` cursor",
    [pagesArb.chain((pages) => fc.tuple(fc.constant(pages), fc.nat(pages.length - 1)))],
    ([[pages, start]]) =>
      Effect.gen(function*() {
        const server = yield* makeServer(pages)
        const items = yield* Stream.runCollect(Pagination.stream(server.fetchPage, `p${start}`))
        expect(Chunk.toReadonlyArray(items)).toEqual(pages.slice(start).flat())
        const requests = yield* Ref.get(server.requests)
        expect(requests[0]).toBe(`p${start}`)
        expect(requests.length).toBe(pages.length - start)
      }),
    params
  )

  it.effect("fetches nothing until the Stream runs", () =>
    Effect.gen(function*() {
      const server = yield* makeServer([[1], [2]])
      const stream = Pagination.stream(server.fetchPage)
      yield* TestClock.adjust("1 minute")
      expect(yield* Ref.get(server.requests)).toEqual([])
      expect(Chunk.toReadonlyArray(yield* Stream.runCollect(stream))).toEqual([1, 2])
    }))

  it.effect("a page's failure is the Stream's failure, after the pages before it", () =>
    Effect.gen(function*() {
      const boom = new WorkOSError.ServerError({ status: 503, detail: "unavailable" })
      const fetchPage = (after: string | undefined) =>
        after === "p2" ? Effect.fail(boom) : Effect.succeed(List.make([pageIndex(after)], {
          before: null,
          after: `p${pageIndex(after) + 1}`
        }))
      const result = yield* Stream.runCollect(Stream.either(Pagination.stream(fetchPage)))
      expect(Chunk.toReadonlyArray(result)).toEqual([Either.right(0), Either.right(1), Either.left(boom)])
    }))

  // A server that hands out a cursor twice would make the walk loop forever.
  it.effect.prop(
    "a repeated cursor fails with UnexpectedResponse instead of looping",
    [
      fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { minLength: 1, maxLength: 12 }),
      fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined })
    ],
    ([cursors, start]) =>
      Effect.gen(function*() {
        // the i-th request gets page [i] and the cursor cursors[i] (null after the last one), whatever it asked for
        const count = yield* Ref.make(0)
        const fetchPage = (_after: string | undefined) =>
          Ref.getAndUpdate(count, (n) => n + 1).pipe(
            Effect.map((i) => List.make([i], { before: null, after: cursors[i] ?? null }))
          )
        // the model: the first cursor already seen (the start counts as seen)
        const seen = new Set(start === undefined ? [] : [start])
        const repeatAt = cursors.findIndex((c) => seen.has(c) || (seen.add(c), false))
        const result = yield* Stream.runCollect(Stream.either(Pagination.stream(fetchPage, start)))
        const elements = Chunk.toReadonlyArray(result)
        if (repeatAt === -1) {
          expect(elements).toEqual(cursors.concat("end").map((_, i) => Either.right(i)))
          expect(yield* Ref.get(count)).toBe(cursors.length + 1)
        } else {
          expect(yield* Ref.get(count)).toBe(repeatAt + 1)
          expect(elements.slice(0, -1)).toEqual(cursors.slice(0, repeatAt).map((_, i) => Either.right(i)))
          const last = elements[elements.length - 1]!
          assert.isTrue(Either.isLeft(last))
          const error = (last as Either.Left<WorkOSError.UnexpectedResponse, number>).left
          assert.instanceOf(error, WorkOSError.UnexpectedResponse)
          assert.include(error.message, `'${cursors[repeatAt]}'`)
        }
      }),
    params
  )

  it.effect.prop(
    "Stream.take(n) stops fetching: at most ceil(n/k) pages plus the one prefetched, none after it completes",
    [fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 })],
    ([k, n]) =>
      Effect.gen(function*() {
        const server = yield* makeServer({ endless: k })
        const items = yield* Stream.runCollect(Stream.take(Pagination.stream(server.fetchPage), n))
        expect(Chunk.toReadonlyArray(items)).toEqual(Array.from({ length: n }, (_, i) => i))
        const atCompletion = (yield* Ref.get(server.requests)).length
        expect(atCompletion).toBeGreaterThanOrEqual(Math.ceil(n / k))
        expect(atCompletion).toBeLessThanOrEqual(Math.ceil(n / k) + 1)
        // give any leftover fiber every chance to fetch more
        yield* Effect.yieldNow()
        yield* TestClock.adjust("1 hour")
        for (let i = 0; i < 20; i++) yield* Effect.yieldNow()
        expect((yield* Ref.get(server.requests)).length).toBe(atCompletion)
      }),
    params
  )

  it.effect("interrupting the consumer stops fetching", () =>
    Effect.gen(function*() {
      const server = yield* makeServer({ endless: 2 })
      const fiber = yield* Pagination.stream(server.fetchPage).pipe(
        Stream.tap(() => Effect.sleep("1 second")),
        Stream.runDrain,
        Effect.fork
      )
      yield* TestClock.adjust("5 seconds")
      yield* Fiber.interrupt(fiber)
      const atInterrupt = (yield* Ref.get(server.requests)).length
      yield* TestClock.adjust("1 hour")
      expect((yield* Ref.get(server.requests)).length).toBe(atInterrupt)
      // 5 items consumed of pages of 2: the 3rd page is being consumed, the 4th may be prefetched
      expect(atInterrupt).toBeLessThanOrEqual(4)
    }))

  it.effect("prefetch: page n+1 is requested while page n is still being consumed", () =>
    Effect.gen(function*() {
      const secondRequested = yield* Deferred.make<void>()
      const fetchPage = (after: string | undefined) =>
        Effect.gen(function*() {
          const i = pageIndex(after)
          if (i === 1) yield* Deferred.succeed(secondRequested, void 0)
          return List.make([`${i}a`, `${i}b`], { before: null, after: i < 2 ? `p${i + 1}` : null })
        })
      const consumed: Array<string> = []
      const fiber = yield* Pagination.stream(fetchPage).pipe(
        Stream.mapEffect((item) =>
          Effect.gen(function*() {
            // the consumer is slow on the first item of page 0: it waits until page 1 has been requested (the
            // prefetch), and gives up after a minute of (test) time if it never is
            if (item === "0a") {
              yield* Deferred.await(secondRequested).pipe(
                Effect.timeoutFail({
                  duration: "1 minute",
                  onTimeout: () => "page 1 was not requested while page 0 was being consumed"
                })
              )
            }
            consumed.push(item)
          })
        ),
        Stream.runDrain,
        Effect.fork
      )
      yield* TestClock.adjust("1 minute")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isSuccess(exit), `the walk failed: ${JSON.stringify(exit)}`)
      expect(consumed).toEqual(["0a", "0b", "1a", "1b", "2a", "2b"])
    }))
})

describe("Pagination.streamSplit", () => {
  it.effect("the next page is requested as soon as the cursor is known, while this page's items still decode", () =>
    Effect.gen(function*() {
      const requested: Array<string | undefined> = []
      const decoded = yield* Deferred.make<void>()
      const fetchPage = (after: string | undefined) =>
        Effect.sync((): Pagination.Split<number, never> => {
          requested.push(after)
          return after === undefined
            // page 1's items are ready only once page 2 has been requested
            ? { after: "p1", items: Effect.as(Deferred.await(decoded), [1, 2]) }
            : { after: null, items: Effect.succeed([3]) }
        })
      const fiber = yield* Effect.fork(Stream.runCollect(Pagination.streamSplit(fetchPage)))
      while (requested.length < 2) yield* Effect.yieldNow()
      assert.deepStrictEqual(requested, [undefined, "p1"])
      yield* Deferred.succeed(decoded, void 0)
      assert.deepStrictEqual(Chunk.toReadonlyArray(yield* Fiber.join(fiber)), [1, 2, 3])
    }))

  it.effect("items that fail to decode fail the Stream after the pages before them, and stop the walk", () =>
    Effect.gen(function*() {
      const requested: Array<string | undefined> = []
      const bad = new WorkOSError.UnexpectedResponse({ status: 200, excerpt: "{}", detail: "not a list" })
      const fetchPage = (after: string | undefined) =>
        Effect.sync((): Pagination.Split<number, WorkOSError.UnexpectedResponse> => {
          requested.push(after)
          return after === undefined
            ? { after: "p1", items: Effect.succeed([1]) }
            : after === "p1"
            ? { after: null, items: Effect.fail(bad) }
            : { after: null, items: Effect.succeed([99]) }
        })
      const seen: Array<number> = []
      const exit = yield* Effect.exit(
        Stream.runForEach(Pagination.streamSplit(fetchPage), (n) => Effect.sync(() => seen.push(n)))
      )
      assert.deepStrictEqual(seen, [1])
      assert.deepStrictEqual(exit, Exit.fail(bad))
      assert.deepStrictEqual(requested, [undefined, "p1"])
    }))
})
