/**
 * The two clients under test, pointed at an emulator: ours (the live layer over the platform's fetch, as
 * `OrganizationsHttp.layerFromEnv` builds it) and the official `@workos-inc/node` 11.
 */
import { Organizations } from "@effect-workos/core/Organizations"
import * as OrganizationsHttp from "@effect-workos/http/OrganizationsHttp"
import * as WorkOSClient from "@effect-workos/http/WorkOSClient"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { WorkOS } from "@workos-inc/node"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import type { Emulator } from "./EmulatorProcess.js"

/** A runtime holding our `Organizations` service for `apiKey`'s environment of the emulator. */
export const ours = (
  emulator: Emulator,
  apiKey: string,
  options: Partial<WorkOSClient.Options> = {}
): ManagedRuntime.ManagedRuntime<Organizations, never> =>
  ManagedRuntime.make(
    OrganizationsHttp.layer.pipe(
      Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(apiKey), baseUrl: emulator.baseUrl, ...options })),
      Layer.provide(FetchHttpClient.layer)
    )
  )

/** The official SDK for `apiKey`'s environment of the emulator, with its defaults otherwise. */
export const official = (emulator: Emulator, apiKey: string): WorkOS =>
  new WorkOS(apiKey, { apiHostname: emulator.host, port: emulator.port, https: false })

export { Organizations }
