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
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
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
 * Where the live layer sends, as the origin of `WORKOS_BASE_URL` (read with the layer's own `Config`, which has
 * checked it is an http(s) URL): no path, no credentials, so never a key.
 */
const destination = (baseUrl: string): string =>
  baseUrl === WorkOSClient.DEFAULT_BASE_URL
    ? "WorkOS (WORKOS_API_KEY is set: this changes your WorkOS environment)"
    : `${new URL(baseUrl).origin} (WORKOS_BASE_URL; WORKOS_API_KEY is set: this changes the environment there)`

/**
 * A line saying where the program runs: the embedded fake, WorkOS, or the server `WORKOS_BASE_URL` points at (a
 * local emulator, say).
 *
 * @since 0.1.0
 * @category config
 */
export const description: Effect.Effect<string, ConfigError.ConfigError> = Effect.flatMap(
  target,
  (t) =>
    t === "live"
      ? Effect.map(Config.unwrap(WorkOSClient.config), (options) =>
        destination(options.baseUrl ?? WorkOSClient.DEFAULT_BASE_URL))
      : Effect.succeed("the embedded in-memory fake (set WORKOS_API_KEY to run against WorkOS)")
)

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
