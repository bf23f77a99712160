/**
 * `WorkOSClient.execute` and its two decoding variants: one call through the stack (`client.ts`), its final 2xx
 * answer, or the error of its final outcome (`errors.ts`), narrowed to the tags the caller expects.
 */
import type * as List from "@effect-workos/core/List"
import type * as Pagination from "@effect-workos/core/Pagination"
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import type * as Schema from "effect/Schema"
import * as Attempt from "./attempt.js"
import * as Client from "./client.js"
import * as Errors from "./errors.js"
import * as Build from "./request.js"
import type * as Retry from "./retry.js"

/**
 * One call as the executor reads it. Not marked internal: the public `WorkOSClient.Request` extends it, so its
 * declaration must stay in the emitted types.
 */
export interface Call<Tag extends Errors.ErrorTag> extends Errors.ErrorContext<Tag> {
  readonly method: Build.Method
  readonly path: ReadonlyArray<string>
  readonly query?: Readonly<Record<string, string>> | undefined
  readonly body?: unknown
  readonly idempotencyKey?: string | undefined
}

/**
 * The final 2xx answer of a call. A DELETE whose retry answered 404 after an attempt that may have been applied
 * also ends here, with status 404. Not marked internal: the public `WorkOSClient.Response` extends it.
 */
export interface Response {
  readonly status: number
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>
  /** `X-Request-ID`, when the server sent a non-empty one. */
  readonly requestId: string | undefined
  /** The body as text. */
  readonly text: string
}

/**
 * @internal
 */
export const make = (settings: {
  readonly stack: HttpClient.HttpClient.With<Retry.Outcome>
  readonly baseUrl: string
  readonly headers: Headers.Headers
  readonly scrub: (text: string) => string
}) => {
  const { baseUrl, headers, scrub, stack } = settings
  const annotate = (requestId: string | undefined) =>
    requestId === undefined ? Effect.void : Client.annotateCallerSpan("workos.request_id", requestId)
  const failWith = <Tag extends Errors.ErrorTag>(outcome: Retry.Outcome, request: Call<Tag>) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const error = Errors.fromOutcome(outcome, request, now)
      return Effect.zipRight(
        outcome._tag === "Failed" ? Effect.void : annotate(Errors.requestIdOf(outcome.headers, identity)),
        Effect.fail(error)
      )
    })
  const answered = <Tag extends Errors.ErrorTag>(
    response: HttpClientResponse.HttpClientResponse,
    text: string,
    request: Call<Tag>
  ): Effect.Effect<Response, Errors.Failure<Tag>> => {
    const outcome = Errors.answer(response, text, scrub)
    if (outcome._tag !== "Answer") return failWith(outcome, request)
    const requestId = Errors.requestIdOf(outcome.headers, identity)
    return Effect.as(annotate(requestId), {
      status: outcome.status,
      headers: outcome.headers,
      requestId,
      text: outcome.text
    })
  }
  // The attempt step has read the body (within the timeout); a response from elsewhere is read here.
  const respond = <Tag extends Errors.ErrorTag>(
    response: HttpClientResponse.HttpClientResponse,
    request: Call<Tag>
  ): Effect.Effect<Response, Errors.Failure<Tag>> => {
    const text = Attempt.bodyOf(response)
    return text === undefined
      ? Effect.matchEffect(response.text, {
        onFailure: (error) => failWith(Errors.fromHttpClientError(error, scrub), request),
        onSuccess: (text) => answered(response, text, request)
      })
      : answered(response, text, request)
  }

  const execute = <Tag extends Errors.ErrorTag = Errors.ErrorTag>(
    request: Call<Tag>
  ): Effect.Effect<Response, Errors.Failure<Tag>> => {
    const path = Build.encodePath(request.path)
    if (Either.isLeft(path)) return Effect.fail(path.left)
    const built = Build.build({
      method: request.method,
      url: baseUrl + path.right,
      headers,
      query: request.query,
      body: request.body,
      idempotencyKey: request.idempotencyKey
    })
    if (Either.isLeft(built)) return Effect.fail(built.left)
    return Effect.matchEffect(stack.execute(built.right), {
      onFailure: (outcome) => failWith(outcome, request),
      onSuccess: (response) => respond(response, request)
    })
  }

  return {
    execute,
    executeJson: <A, I, Tag extends Errors.ErrorTag = Errors.ErrorTag>(
      request: Call<Tag>,
      schema: Schema.Schema<A, I>
    ): Effect.Effect<A, Errors.Failure<Tag>> =>
      Effect.flatMap(execute(request), (response) => Errors.decodeBody(schema, response, request, scrub)),
    executeList: <A, I, Tag extends Errors.ErrorTag = Errors.ErrorTag>(
      request: Call<Tag>,
      list: Schema.Schema<List.List<A>, I>
    ): Effect.Effect<Pagination.Split<A, Errors.Failure<Tag>>, Errors.Failure<Tag>> =>
      Effect.flatMap(execute(request), (response) => Client.split(response, list, request, scrub))
  }
}
