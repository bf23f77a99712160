/**
 * The two clients under test, pointed at an emulator: ours (the live layer over undici, as `NodeClient.layerFromEnv`
 * builds it, or over the platform's fetch, as `OrganizationsHttp.layerFromEnv` builds it) and the official
 * `@workos-inc/node` 11.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { WorkOS } from "@workos-inc/node"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type { Emulator } from "./EmulatorProcess.js"

/**
 * A runtime holding our `Organizations` service for `apiKey`'s environment of the emulator: `NodeClient.layer`
 * (undici, what we recommend on Node) by default, or the platform's fetch client.
 */
export const ours = (
  emulator: Emulator,
  apiKey: string,
  options: Partial<WorkOSClient.Options> = {},
  transport: "undici" | "fetch" = "undici"
): ManagedRuntime.ManagedRuntime<Organizations, never> => {
  const clientOptions = { apiKey: Redacted.make(apiKey), baseUrl: emulator.baseUrl, ...options }
  return ManagedRuntime.make(
    transport === "undici"
      ? NodeClient.layer(clientOptions)
      : OrganizationsHttp.layer.pipe(
        Layer.provide(WorkOSClient.layer(clientOptions)),
        Layer.provide(FetchHttpClient.layer)
      )
  )
}

/** The official SDK for `apiKey`'s environment of the emulator, with its defaults otherwise. */
export const official = (emulator: Emulator, apiKey: string): WorkOS =>
  new WorkOS(apiKey, { apiHostname: emulator.host, port: emulator.port, https: false })

export { Organizations }
