/**
 * The one helper that turns a page function into a lazy Stream. The live layer and the in-memory fake both use it,
 * so they cannot disagree on how a list is walked.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { List } from "./List.js"
import { UnexpectedResponse } from "./WorkOSError.js"

/**
 * Walks a list forward: fetches the first page (or the page after `start`), then follows `list_metadata.after`
 * until it is `null`. Each page is one chunk, and the next page is fetched while the consumer works on the current
 * one: a one-page prefetch. Nothing is fetched until the Stream is run, and nothing more after the consumer stops.
 *
 * A server that hands out a cursor it already handed out would make the walk loop forever; the Stream fails with
 * `UnexpectedResponse` instead.
 *
 * @since 0.1.0
 * @category constructors
 */
export const stream = <A, E, R>(
  fetchPage: (after: string | undefined) => Effect.Effect<List<A>, E, R>,
  start?: string
): Stream.Stream<A, E | UnexpectedResponse, R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    // The next page is requested (in a fiber of the Stream's scope) as the current one is handed to the consumer.
    // `Stream.bufferChunks({ capacity: 1 })` would read two pages ahead: one in its queue, one fetched and waiting
    // to be offered.
    const scope = yield* Effect.scope
    const prefetch = (after: string | undefined) => Effect.forkIn(fetchPage(after), scope)
    const seen = new Set<string>(start === undefined ? [] : [start])
    type Next = Option.Option<Fiber.RuntimeFiber<List<A>, E>>
    return Stream.unfoldChunkEffect(
      Option.some(yield* prefetch(start)) as Next,
      (next): Effect.Effect<Option.Option<readonly [Chunk.Chunk<A>, Next]>, E | UnexpectedResponse, R> =>
        Option.match(next, {
          onNone: () => Effect.succeed(Option.none()),
          onSome: (fiber) =>
            Effect.flatMap(Fiber.join(fiber), (page) => {
              const items = Chunk.unsafeFromArray(page.data.slice())
              const after = page.listMetadata.after
              if (after === null) return Effect.succeed(Option.some([items, Option.none()] as const))
              if (seen.has(after)) {
                return Effect.fail(
                  new UnexpectedResponse({
                    status: 200,
                    excerpt: after,
                    detail: `the server repeated the cursor '${after}', so the list would never end`
                  })
                )
              }
              seen.add(after)
              return Effect.map(prefetch(after), (fiber) => Option.some([items, Option.some(fiber)] as const))
            })
        })
    )
  }))
