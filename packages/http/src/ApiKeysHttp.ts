/**
 * The `ApiKeys` service over HTTP: `HttpApiClient` over the `apiKeys` group of core's declaration (`WorkOSApi`),
 * sending with the {@link WorkOSClient}'s configured `HttpClient`, as `OrganizationsHttp` does for its group. Built
 * with core's `ApiKeys.make`, so inputs are validated (nothing is sent for bad input) and every call has its
 * `ApiKeys.<operation>` span; the organization's list and create are `OrganizationsHttp`'s own.
 *
 * The value being validated travels only in the body of `POST /api_keys/validations`: it is `Redacted` up to the
 * encoding of that body, and scrubbed from anything an error could quote of the answer.
 *
 * @since 0.2.0
 */
import * as ApiKeys from "@effect-workos/core/ApiKeys"
import * as Organizations from "@effect-workos/core/Organizations"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Answers from "./internal/answers.js"
import * as OrganizationsHttp from "./OrganizationsHttp.js"
import * as WorkOSClient from "./WorkOSClient.js"

const endpoints = WorkOSApi.ApiKeysGroup.endpoints

/** What the declaration and core say about an operation: its tags, its success and the status it is read as. */
const operation = <Name extends keyof typeof endpoints & WorkOSApi.Operation>(name: Name) => ({
  errors: Organizations.errorTags[name],
  success: endpoints[name].successSchema,
  successStatus: WorkOSApi.endpoints[name].successStatuses[0]!
})

const operations = {
  validateApiKey: operation("validateApiKey"),
  // WorkOS answers 204 with no body; any 2xx is success and the body is ignored
  deleteApiKey: { ...operation("deleteApiKey"), anySuccess: { value: undefined } },
  expireApiKey: operation("expireApiKey")
}

/** The operation, for a call addressing a key (what a 404 that names nothing refers to). */
const addressing = <O extends object>(operation: O, id: string) => ({
  ...operation,
  subject: { resource: "API Key", id }
})

/** The error with `scrub` applied to every text it carries (its fields are strings, arrays of them, or neither). */
const scrubbed = <E extends object>(error: E, scrub: (text: string) => string): E => {
  const fields: Record<string, unknown> = {}
  let changed = false
  for (const [key, field] of Object.entries(error)) {
    const clean = typeof field === "string"
      ? scrub(field)
      : Array.isArray(field)
      ? field.map((item) => typeof item === "string" ? scrub(item) : item)
      : field
    changed ||= typeof field === "string" ? clean !== field : JSON.stringify(clean) !== JSON.stringify(field)
    fields[key] = clean
  }
  return changed ? Object.assign(Object.create(Object.getPrototypeOf(error)), error, fields) : error
}

/**
 * The {@link ApiKeys.Backend} over HTTP, sending with the {@link WorkOSClient} in context.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeBackend: Effect.Effect<ApiKeys.Backend, never, WorkOSClient.WorkOSClient> = Effect.gen(function*() {
  const client = yield* WorkOSClient.WorkOSClient
  const api = yield* HttpApiClient.group(WorkOSApi.WorkOSApi, { group: "apiKeys", httpClient: client.httpClient })
  const call = Answers.caller(client.redact)
  return {
    validateApiKey: (options) => {
      const value = Redacted.value(options.value)
      const scrub = (text: string) => value === "" ? text : text.replaceAll(value, "<redacted>")
      // an answer that quotes the value must not carry it into an error
      return Effect.mapError(
        Answers.caller((text) => scrub(client.redact(text)))(
          operations.validateApiKey,
          api.validateApiKey({ payload: options })
        ),
        (error) => scrubbed(error, scrub)
      )
    },
    deleteApiKey: (id) =>
      call(addressing(operations.deleteApiKey, id), Effect.asVoid(api.deleteApiKey({ path: { id } }))),
    expireApiKey: ({ id, ...payload }) =>
      call(addressing(operations.expireApiKey, id), api.expireApiKey({ path: { id }, payload }))
  }
})

/**
 * The service, sending with the {@link WorkOSClient} in context; its list and create are those of
 * `OrganizationsHttp.make`.
 *
 * @since 0.2.0
 * @category constructors
 */
export const make: Effect.Effect<ApiKeys.Service, never, WorkOSClient.WorkOSClient> = Effect.gen(function*() {
  return ApiKeys.make(yield* makeBackend, yield* OrganizationsHttp.make)
})

/**
 * @since 0.2.0
 * @category layers
 */
export const layer: Layer.Layer<ApiKeys.ApiKeys, never, WorkOSClient.WorkOSClient> = Layer.effect(ApiKeys.ApiKeys, make)

/**
 * The one-liner for apps: `ApiKeys` over a {@link WorkOSClient} configured from the environment (`WORKOS_API_KEY`
 * required; see `WorkOSClient.config`), sending with the platform's fetch client. A missing or invalid variable fails
 * layer construction with a `ConfigError` naming it.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerFromEnv: Layer.Layer<ApiKeys.ApiKeys, ConfigError.ConfigError> = layer.pipe(
  Layer.provide(WorkOSClient.layerFromEnvFetch)
)
