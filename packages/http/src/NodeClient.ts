/**
 * The live layers for Node.js: {@link OrganizationsHttp} and {@link WorkOSClient} sending with
 * `@effect/platform-node`'s undici client instead of `fetch`. On Node it costs markedly less CPU per request than the
 * platform's fetch client (BENCHMARKS.md, "Client overhead"), so it is the one to use there; the fetch layers of the
 * other modules work on every runtime.
 *
 * Imported on its own (`@effect-workos/http/NodeClient`), not from the package index, so that other runtimes never
 * load `@effect/platform-node`.
 *
 * @since 0.1.0
 */
import type * as Organizations from "@effect-workos/core/Organizations"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import * as OrganizationsHttp from "./OrganizationsHttp.js"
import * as WorkOSClient from "./WorkOSClient.js"

/**
 * `Organizations` (and the {@link WorkOSClient} under it) with these options, over undici.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: WorkOSClient.Options
): Layer.Layer<Organizations.Organizations | WorkOSClient.WorkOSClient> =>
  OrganizationsHttp.layer.pipe(
    Layer.provideMerge(WorkOSClient.layer(options)),
    Layer.provide(NodeHttpClient.layerUndici)
  )

/**
 * The one-liner for Node apps: `Organizations` configured from the environment (`WORKOS_API_KEY` required; see
 * `WorkOSClient.config`), over undici. A missing or invalid variable fails layer construction with a `ConfigError`
 * naming it.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<Organizations.Organizations, ConfigError.ConfigError> = OrganizationsHttp
  .layer.pipe(
    Layer.provide(WorkOSClient.layerFromEnv),
    Layer.provide(NodeHttpClient.layerUndici)
  )
