/**
 * Which WorkOS the example programs talk to: the real API when `WORKOS_API_KEY` is set (the live layer reads it and
 * `WORKOS_BASE_URL`, `WORKOS_MAX_RETRIES`, `WORKOS_TIMEOUT`), otherwise the in-memory fake embedded in the process.
 * The programs themselves only ask for the `Organizations` service.
 *
 * @since 0.1.0
 */
import type { Organizations } from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * @since 0.1.0
 * @category models
 */
export type Target = "live" | "memory"

/**
 * `live` when `WORKOS_API_KEY` is set to a non-empty value, else `memory`.
 *
 * @since 0.1.0
 * @category config
 */
export const target: Effect.Effect<Target, ConfigError.ConfigError> = Effect.map(
  Config.option(Config.redacted("WORKOS_API_KEY")),
  (key) => Option.exists(key, (k) => Redacted.value(k).trim() !== "") ? "live" : "memory"
)

/**
 * A line saying where the program runs.
 *
 * @since 0.1.0
 * @category config
 */
export const describe = (t: Target): string =>
  t === "live"
    ? "WorkOS (WORKOS_API_KEY is set: this changes your WorkOS environment)"
    : "the embedded in-memory fake (set WORKOS_API_KEY to run against WorkOS)"

/**
 * The live layer or the fake, as {@link target} says.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Organizations, ConfigError.ConfigError> = Layer.unwrapEffect(
  Effect.map(
    target,
    (t): Layer.Layer<Organizations, ConfigError.ConfigError> =>
      t === "live" ? NodeClient.layerFromEnv : Layer.orDie(OrganizationsMemory.layerMemory())
  )
)
