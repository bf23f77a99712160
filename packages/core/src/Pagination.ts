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
import { excerpt, UnexpectedResponse } from "./WorkOSError.js"

/**
 * One page as {@link streamSplit} walks it: the cursor of the next page, known before the items are decoded, and the
 * items, decoded when this Effect runs.
 *
 * @since 0.1.0
 * @category models
 */
export interface Split<A, E> {
  readonly after: string | null
  readonly items: Effect.Effect<ReadonlyArray<A>, E>
  /**
   * Applied to any text of this page that an error quotes (the cursor of a list that repeats itself). The live
   * client's removes its API key, which a hostile server may have put in the cursor.
   */
  readonly redact?: ((text: string) => string) | undefined
}

/**
 * A decoded page as a {@link Split}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromList = <A>(list: List<A>): Split<A, never> => ({
  after: list.listMetadata.after,
  items: Effect.succeed(list.data)
})

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
): Stream.Stream<A, E | UnexpectedResponse, R> => streamSplit((after) => Effect.map(fetchPage(after), fromList), start)

/**
 * {@link stream} over pages whose cursor is known before their items are decoded: the next page is requested as soon
 * as the cursor is known, so decoding a page overlaps the request for the next one.
 *
 * @since 0.1.0
 * @category constructors
 */
export const streamSplit = <A, E, E2, R>(
  fetchPage: (after: string | undefined) => Effect.Effect<Split<A, E2>, E, R>,
  start?: string
): Stream.Stream<A, E | E2 | UnexpectedResponse, R> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    // The next page is requested (in a fiber of the Stream's scope) as the current one is handed to the consumer.
    // `Stream.bufferChunks({ capacity: 1 })` would read two pages ahead: one in its queue, one fetched and waiting
    // to be offered.
    const scope = yield* Effect.scope
    const prefetch = (after: string | undefined) => Effect.forkIn(fetchPage(after), scope)
    const seen = new Set<string>(start === undefined ? [] : [start])
    type Next = Option.Option<Fiber.RuntimeFiber<Split<A, E2>, E>>
    const emit = (page: Split<A, E2>, next: Next): Effect.Effect<Option.Option<readonly [Chunk.Chunk<A>, Next]>, E2> =>
      Effect.map(page.items, (items) => Option.some([Chunk.unsafeFromArray(items.slice()), next] as const))
    return Stream.unfoldChunkEffect(
      Option.some(yield* prefetch(start)) as Next,
      (next): Effect.Effect<Option.Option<readonly [Chunk.Chunk<A>, Next]>, E | E2 | UnexpectedResponse, R> =>
        Option.match(next, {
          onNone: () => Effect.succeed(Option.none()),
          onSome: (fiber) =>
            Effect.flatMap(Fiber.join(fiber), (page): Effect.Effect<
              Option.Option<readonly [Chunk.Chunk<A>, Next]>,
              E | E2 | UnexpectedResponse,
              R
            > => {
              const after = page.after
              if (after === null) return emit(page, Option.none())
              if (seen.has(after)) {
                const quoted = excerpt(page.redact === undefined ? after : page.redact(after))
                return Effect.fail(
                  new UnexpectedResponse({
                    status: 200,
                    excerpt: quoted,
                    detail: `the server repeated the cursor '${quoted}', so the list would never end`
                  })
                )
              }
              seen.add(after)
              return Effect.flatMap(prefetch(after), (fiber) => emit(page, Option.some(fiber)))
            })
        })
    )
  }))
