/**
 * @since 0.1.0
 */
export * as Commands from "./Commands.js"

/**
 * @since 0.1.0
 */
export * as Concurrency from "./Concurrency.js"

/**
 * @since 0.1.0
 */
export * as Divergences from "./Divergences.js"

/**
 * @since 0.1.0
 */
export * as Linearizability from "./Linearizability.js"

/**
 * @since 0.1.0
 */
export * as LiveTier from "./LiveTier.js"

/**
 * @since 0.1.0
 */
export * as Lockstep from "./Lockstep.js"

/**
 * @since 0.1.0
 */
export * as Model from "./Model.js"

/**
 * @since 0.1.0
 */
export * as Observation from "./Observation.js"
