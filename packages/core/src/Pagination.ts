/**
 * The one helper that turns a page function into a lazy Stream. The live layer and the in-memory fake both use it,
 * so they cannot disagree on how a list is walked.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { List } from "./List.js"
import { UnexpectedResponse } from "./WorkOSError.js"

/**
 * Walks a list forward: fetches the first page (or the page after `start`), then follows `list_metadata.after`
 * until it is `null`. Each page is one chunk, and the next page is fetched while the consumer works on the current
 * one (a one-page prefetch, `Stream.bufferChunks({ capacity: 1 })`). Nothing is fetched until the Stream is run,
 * and nothing more after the consumer stops.
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
  Stream.suspend(() => {
    const seen = new Set<string>(start === undefined ? [] : [start])
    return Stream.paginateChunkEffect(
      start,
      (after): Effect.Effect<readonly [Chunk.Chunk<A>, Option.Option<string | undefined>], E | UnexpectedResponse, R> =>
        Effect.flatMap(fetchPage(after), (page) => {
          const items = Chunk.unsafeFromArray(page.data.slice())
          const next = page.listMetadata.after
          if (next === null) return Effect.succeed([items, Option.none()] as const)
          if (seen.has(next)) {
            return Effect.fail(
              new UnexpectedResponse({
                status: 200,
                excerpt: next,
                detail: `the server repeated the cursor '${next}', so the list would never end`
              })
            )
          }
          seen.add(next)
          return Effect.succeed([items, Option.some(next)] as const)
        })
    )
  }).pipe(Stream.bufferChunks({ capacity: 1 }))
