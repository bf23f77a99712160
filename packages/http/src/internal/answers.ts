/**
 * What `HttpApiClient` sends with, and how its results become each operation's error union. The client's stack
 * (`client.ts`) fails every attempt that is not a 2xx with its `Outcome`; here the final error answer becomes a
 * response again, with its body as read, so that `HttpApiClient` decodes it with the declaration's wire errors for
 * its status. What the declaration cannot say comes from the answer itself, in {@link caller}: the `X-Request-Id`,
 * the `Retry-After` and the id a bare 404 refers to (the error class's own wire schema, given the whole answer), and
 * any answer outside the declaration (a 5xx other than 500, a 404 that names nothing, a 4xx without its own class)
 * as core's wire table reads it, narrowed to the operation's tags (else `UnexpectedResponse`).
 */
import type * as List from "@effect-workos/core/List"
import * as Options from "@effect-workos/core/Options"
import type * as Pagination from "@effect-workos/core/Pagination"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import type * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import { identity } from "effect/Function"
import * as Inspectable from "effect/Inspectable"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import type * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Attempt from "./attempt.js"
import * as Client from "./client.js"
import * as Errors from "./errors.js"
import * as Build from "./request.js"
import type * as Retry from "./retry.js"

const encoder = new TextEncoder()

/** An answer whose body has been read, handed over again with that body, read as `status`. */
class Replayed extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  constructor(
    readonly original: HttpClientResponse.HttpClientResponse,
    readonly status: number,
    readonly body: string
  ) {
    super()
  }
  get request() {
    return this.original.request
  }
  get headers() {
    return Errors.headersOf(this.original)
  }
  get cookies() {
    return this.original.cookies
  }
  get remoteAddress() {
    return this.original.remoteAddress
  }
  get formData() {
    return this.original.formData
  }
  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.succeed(this.body)
  }
  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.try({
      try: (): unknown => this.body === "" ? null : JSON.parse(this.body),
      catch: (cause) => this.decodeError(cause)
    })
  }
  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.try({
      try: () => UrlParams.fromInput(new URLSearchParams(this.body)),
      catch: (cause) => this.decodeError(cause)
    })
  }
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.sync((): ArrayBuffer => {
      const bytes = encoder.encode(this.body)
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? bytes.buffer
        : bytes.slice().buffer
    })
  }
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.succeed(encoder.encode(this.body))
  }
  toJSON(): unknown {
    // no body: an error body has been scrubbed, a 2xx body is the caller's data
    return { _id: "HttpClientResponse", status: this.status, headers: Inspectable.redact(this.headers) }
  }
  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }
}

/** The final answer of a call, as `HttpApiClient` got it: a success of the stack (2xx), or an error answer. */
interface Answered {
  readonly outcome: Extract<Retry.Outcome, { readonly _tag: "Answer" }>
  readonly success: boolean
}

/**
 * Told the body of a call's 2xx before `HttpApiClient` decodes it; what it returns runs first.
 *
 * @internal
 */
export type Listener = (text: string) => Effect.Effect<void>

/** One call in flight in a fiber: the status its success is read as (the declared one), and its final answer. */
interface Call {
  readonly successStatus: number | undefined
  readonly listener: Listener | undefined
  answered: Answered | undefined
}

// A fiber runs one call at a time, and the call's steps before and after `HttpApiClient` run in its fiber.
const calls = new WeakMap<object, Call>()

/**
 * The `HttpClient` `HttpApiClient` sends with: the base URL and the fixed headers set, the path checked (an empty,
 * `.` or `..` segment fails with `InvalidRequest` and nothing is sent), then the stack. A final answer of the stack
 * (a 2xx, or the error answer it failed with) is handed over with its body as read; a 2xx is read as the status the
 * operation declares, since any 2xx is its success. A call that got no answer, or a redirect, fails with
 * `RequestFailed` or `UnexpectedResponse`.
 *
 * @internal
 */
export const httpClient = (
  stack: HttpClient.HttpClient.With<Retry.Outcome>,
  settings: {
    readonly baseUrl: string
    readonly headers: Headers.Headers
    readonly scrub: (text: string) => string
  }
): HttpClient.HttpClient.With<
  WorkOSError.InvalidRequest | WorkOSError.RequestFailed | WorkOSError.UnexpectedResponse
> => {
  const { scrub } = settings
  const failWith = (outcome: Retry.Outcome) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.zipRight(
        outcome._tag === "Failed" ? Effect.void : annotate(outcome.headers),
        Effect.fail(Errors.fromOutcome(outcome, { errors: noTags }, now))
      ))
  const handOver = (answered: Answered, call: Call | undefined) => {
    const { outcome } = answered
    if (call !== undefined) call.answered = answered
    const status = answered.success ? call?.successStatus ?? outcome.status : outcome.status
    const replayed = Effect.as(annotate(outcome.headers), new Replayed(outcome.response, status, outcome.text))
    const listener = answered.success ? call?.listener : undefined
    return listener === undefined ? replayed : Effect.zipRight(listener(outcome.text), replayed)
  }
  const succeeded = (response: HttpClientResponse.HttpClientResponse, text: string, call: Call | undefined) => {
    const outcome = Errors.answer(response, text, scrub)
    return outcome._tag === "Answer" ? handOver({ outcome, success: true }, call) : failWith(outcome)
  }
  type E = WorkOSError.InvalidRequest | WorkOSError.RequestFailed | WorkOSError.UnexpectedResponse
  return HttpClient.makeWith<never, never, E, never>(
    (effect) =>
      Effect.flatMap(effect, (request): Effect.Effect<HttpClientResponse.HttpClientResponse, E> => {
        const path = Build.checkPath(request.url.slice(settings.baseUrl.length))
        if (Either.isLeft(path)) return Effect.fail(path.left)
        return Effect.withFiberRuntime((fiber) => {
          const call = calls.get(fiber)
          return Effect.matchEffect(stack.execute(request), {
            onFailure: (outcome) =>
              outcome._tag === "Answer" ? handOver({ outcome, success: false }, call) : failWith(outcome),
            onSuccess: (response) => {
              // the attempt step has read the body (within the timeout); a response from elsewhere is read here
              const text = Attempt.bodyOf(response)
              return text === undefined
                ? Effect.matchEffect(response.text, {
                  onFailure: (error) => failWith(Errors.fromHttpClientError(error, scrub)),
                  onSuccess: (text) => succeeded(response, text, call)
                })
                : succeeded(response, text, call)
            }
          })
        })
      }),
    (request) =>
      Effect.succeed(
        HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, settings.baseUrl), settings.headers)
      )
  )
}

// a call without an answer fails with one of the client's own errors
const noTags: ReadonlyArray<never> = []

const annotate = (headers: Readonly<Record<string, string>>) => {
  const requestId = Errors.requestIdOf(headers, identity)
  return requestId === undefined ? Effect.void : Client.annotateCallerSpan("workos.request_id", requestId)
}

const wires: ReadonlyMap<
  string,
  (answer: WorkOSError.Answer) => Either.Either<WorkOSError.ServerSideError, ParseResult.ParseError>
> = new Map(
  WorkOSError.ServerSideError.members.map((member) =>
    [member._tag, (answer: WorkOSError.Answer) => member.wire.decode(answer)] as const
  )
)

/**
 * What a call of one operation needs to make its errors: its tags, what it addresses, its secret response fields,
 * its declared success (to say why a 2xx did not decode).
 *
 * @internal
 */
export interface Operation<Tag extends Errors.ErrorTag, A> {
  readonly errors: ReadonlyArray<Tag>
  readonly success: Schema.Schema.AnyNoContext
  readonly successStatus: number
  readonly subject?: { readonly resource: string; readonly id: string } | undefined
  readonly secretFields?: ReadonlyArray<string> | undefined
  /** Any success of the stack is the call's success, whatever its body (a delete's `Accepted`). */
  readonly anySuccess?: { readonly value: A } | undefined
  readonly listener?: Listener | undefined
}

/**
 * Runs one `HttpApiClient` call of an operation and folds whatever it fails with into the operation's errors.
 *
 * @internal
 */
export const caller = (scrub: (text: string) => string) =>
<Tag extends Errors.ErrorTag, A>(
  operation: Operation<Tag, A>,
  effect: Effect.Effect<A, unknown>
): Effect.Effect<A, Errors.Failure<Tag>> =>
  Effect.withFiberRuntime((fiber) => {
    const call: Call = {
      successStatus: operation.successStatus,
      listener: operation.listener,
      answered: undefined
    }
    calls.set(fiber, call)
    // the fiber's next call may be sent another way (`WorkOSClient.httpClient` directly)
    const done = () => calls.delete(fiber)
    return Effect.matchEffect(effect, {
      onSuccess: (value) => {
        done()
        return Effect.succeed(value)
      },
      onFailure: (error) => {
        done()
        const answered = call.answered
        if (answered === undefined) return Effect.fail(beforeAnswer(error, operation.errors))
        if (answered.success) {
          return operation.anySuccess !== undefined
            ? Effect.succeed(operation.anySuccess.value)
            : undecoded(answered.outcome, operation, scrub)
        }
        return Effect.flatMap(
          Clock.currentTimeMillis,
          (now) => Effect.fail(fromAnswer(error, answered.outcome, operation, now))
        )
      }
    })
  })

// The request could not be built (a payload JSON cannot hold) or got no answer (transport, redirect).
const beforeAnswer = <Tag extends Errors.ErrorTag>(error: unknown, tags: ReadonlyArray<Tag>): Errors.Failure<Tag> => {
  if (WorkOSError.isWorkOSError(error) && Errors.isExpected(error, tags)) return error
  if (ParseResult.isParseError(error)) return Options.toInvalidRequest(error)
  return new WorkOSError.InvalidRequest({ field: "", detail: `the request could not be sent: ${String(error)}` })
}

// A 2xx whose body is not the declared success: the detail names the offending field, as `decodeBody` says it.
const undecoded = <Tag extends Errors.ErrorTag, A>(
  outcome: Answered["outcome"],
  operation: Operation<Tag, A>,
  scrub: (text: string) => string
): Effect.Effect<never, WorkOSError.UnexpectedResponse> => {
  const response = {
    status: outcome.status,
    text: outcome.text,
    requestId: Errors.requestIdOf(outcome.headers, identity)
  }
  return Effect.flatMap(
    Errors.decodeBody(operation.success, response, operation, scrub),
    () =>
      Effect.fail(
        new WorkOSError.UnexpectedResponse({
          status: outcome.status,
          excerpt: WorkOSError.excerpt(Errors.parseBody(scrub(outcome.text), operation.secretFields)),
          detail: `status ${outcome.status} is not the declared ${operation.successStatus}`,
          ...(response.requestId === undefined ? {} : { requestId: response.requestId })
        })
      )
  )
}

// An error answer: the class the declaration decoded it as, read again from the whole answer (headers, the addressed
// entity); else core's wire table, which also reads the answers the declaration has no member for.
const fromAnswer = <Tag extends Errors.ErrorTag, A>(
  error: unknown,
  outcome: Answered["outcome"],
  operation: Operation<Tag, A>,
  nowMillis: number
): Errors.Failure<Tag> => {
  const decode = WorkOSError.isWorkOSError(error) ? wires.get(error._tag) : undefined
  if (decode !== undefined) {
    const requestId = Errors.requestIdOf(outcome.headers, identity)
    const retryAfter = WorkOSError.parseRetryAfter(outcome.headers["retry-after"], nowMillis)
    const decoded = decode({
      status: outcome.status,
      body: Errors.parseBody(outcome.text, operation.secretFields),
      ...(requestId === undefined ? {} : { requestId }),
      ...(Option.isSome(retryAfter) ? { retryAfter: retryAfter.value } : {}),
      ...(operation.subject === undefined ? {} : { subject: operation.subject })
    })
    if (Either.isRight(decoded) && Errors.isExpected(decoded.right, operation.errors)) return decoded.right
  }
  return Errors.fromOutcome(outcome, operation, nowMillis)
}

/**
 * A list page as `Pagination.streamSplit` walks it, answered as soon as the body's next cursor is known: the call
 * runs in a fiber of its own, whose listener reads the cursor from the 2xx body and, when there is a next page, gives
 * its request two turns of the event loop to leave before this page is decoded (`Client.letRequestsLeave`). The
 * items are that fiber's result. A call that fails before its answer fails the page. The fiber has its answer by the
 * time the page is handed over, so only the decoding can outlive the Stream.
 *
 * @internal
 */
export const splitting = (redact: (text: string) => string) =>
<A, E>(
  page: (listener: Listener) => Effect.Effect<List.List<A>, E>
): Effect.Effect<Pagination.Split<A, E>, E> =>
  Effect.flatMap(Deferred.make<string | null>(), (cursor) => {
    const listener: Listener = (text) => {
      const after = cursorOfText(text)
      return Effect.zipRight(Deferred.succeed(cursor, after), after === null ? Effect.void : Client.letRequestsLeave)
    }
    return Effect.flatMap(Effect.forkDaemon(page(listener)), (fiber) =>
      Effect.raceFirst(
        Deferred.await(cursor),
        Effect.map(Fiber.join(fiber), (list) => list.listMetadata.after)
      ).pipe(
        Effect.onInterrupt(() => Fiber.interrupt(fiber)),
        Effect.map((after): Pagination.Split<A, E> => ({
          after,
          items: Effect.map(Fiber.join(fiber), (list) => list.data),
          redact
        }))
      ))
  })

const cursorOfText = (text: string): string | null => {
  try {
    return Client.cursorOf(JSON.parse(text))
  } catch {
    return null
  }
}
