/**
 * What one request's middlewares learn about it, for the `HttpApp` middlewares that act on its answer
 * (`server.ts`): the route middlewares (`middlewares.ts`) run inside the router, ahead of the handler, and record
 * here the environment, the journal's view of the request, when the answer is due and the HTTP fault that applies.
 */
import type { Operation } from "@effect-workos/fake/Faults"
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Env from "./environment.js"

/**
 * The journal's view of an API request, taken as it arrives (before the rate limit).
 *
 * @internal
 */
export type Arrival = Omit<Env.JournalEntry, "sequence" | "status">

/** @internal */
export interface Exchange {
  readonly requestId: string
  /** `Clock` milliseconds (with their fraction) when the request reached the server. */
  readonly arrival: number
  /** The raw path and query string, as sent. */
  readonly rawPath: string
  readonly search: string
  environment: Env.Environment | undefined
  /** Ends the environment's use; called once the answer is sent. */
  release: Effect.Effect<void> | undefined
  /** Set for an API request (control requests are not journaled). */
  journal: Arrival | undefined
  /** The operation the route names (for the rate limits and the fault plan); `undefined` for a control request. */
  operation: Operation | undefined
  /** When the answer leaves (`Clock` milliseconds); `undefined`: at once. */
  answerAt: number | undefined
  fault: Env.HttpFault | undefined
  /** The connection was dropped without an answer. */
  dropped: boolean
}

/** @internal */
export const make = (requestId: string, arrival: number, rawPath: string, search: string): Exchange => ({
  requestId,
  arrival,
  rawPath,
  search,
  environment: undefined,
  release: undefined,
  journal: undefined,
  operation: undefined,
  answerAt: undefined,
  fault: undefined,
  dropped: false
})

/**
 * The current request's exchange. Outside the emulator's `HttpApp` (never, in practice) a detached one that
 * nothing reads.
 *
 * @internal
 */
export class CurrentExchange extends Context.Reference<CurrentExchange>()(
  "@effect-workos/emulator/CurrentExchange",
  { defaultValue: () => make("", 0, "", "") }
) {}
