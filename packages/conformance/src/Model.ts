/**
 * The reference model of the lockstep suite: a small, independent statement of what WorkOS does (WIRE.md, with its
 * recommended choices where the real API is unverified), written without the fake's code. It predicts which
 * outcomes each command may have, checks the fields of every answer it can, computes list pages on its own, and
 * checks invariants over a full listing after each step — so the two implementations cannot agree on a wrong
 * answer unnoticed.
 *
 * Its parts: the state and its updates (`model/State.ts`), the rules (`model/Rules.ts`), the pagination
 * (`model/Pagination.ts`), the checks of answers (`model/Checks.ts`) and the API key lifecycle
 * (`model/ApiKeys.ts`).
 *
 * @since 0.1.0
 */

/**
 * @since 0.2.0
 */
export * from "./model/ApiKeys.js"

/**
 * @since 0.1.0
 */
export * from "./model/Checks.js"

/**
 * @since 0.1.0
 */
export * from "./model/Pagination.js"

/**
 * @since 0.1.0
 */
export * from "./model/Rules.js"

/**
 * @since 0.1.0
 */
export * from "./model/State.js"

/**
 * @since 0.3.0
 */
export * from "./model/Domains.js"
