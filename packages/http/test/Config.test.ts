/**
 * Configuration from the environment: `WORKOS_API_KEY` is required (a `ConfigError` naming it at layer
 * construction), the other variables have defaults, and each one changes what the client does.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Config, ConfigError, ConfigProvider, Effect, Exit, Fiber, Layer, Redacted, TestClock } from "effect"
import * as OrganizationsHttp from "../src/OrganizationsHttp.js"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Scripted from "./utils/Scripted.js"
import * as Wire from "./utils/Wire.js"

const env = (vars: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(vars)))

/** Builds `WorkOSClient.layerFromEnv` over a scripted client with `vars` as the environment. */
const fromEnv = (vars: Record<string, string>, script: Scripted.Script) =>
  Effect.gen(function*() {
    const scripted = yield* Scripted.make(script)
    const layer = OrganizationsHttp.layer.pipe(
      Layer.provide(WorkOSClient.layerFromEnv),
      Layer.provide(scripted.layer)
    )
    return { scripted, layer }
  }).pipe(Effect.withConfigProvider(env(vars)))

const run = <A, E>(
  vars: Record<string, string>,
  script: Scripted.Script,
  f: (o: Organizations.Service) => Effect.Effect<A, E>
) =>
  Effect.gen(function*() {
    const { layer, scripted } = yield* fromEnv(vars, script)
    const fiber = yield* Effect.fork(
      Effect.flatMap(Organizations.Organizations, f).pipe(Effect.provide(layer), Effect.withConfigProvider(env(vars)))
    )
    for (let i = 0; i < 20 && fiber.unsafePoll() === null; i++) yield* TestClock.adjust("10 seconds")
    assert.isNotNull(fiber.unsafePoll(), "the call should be done by now")
    return { exit: yield* Fiber.await(fiber), requests: yield* scripted.requests }
  })

describe("layerFromEnv", () => {
  it.effect("without WORKOS_API_KEY: a ConfigError naming it, when the layer is built", () =>
    Effect.gen(function*() {
      const layers: ReadonlyArray<Layer.Layer<never, ConfigError.ConfigError>> = [
        OrganizationsHttp.layerFromEnv,
        WorkOSClient.layerFromEnvFetch
      ]
      for (const layer of layers) {
        const error = yield* Layer.build(layer).pipe(Effect.scoped, Effect.withConfigProvider(env({})), Effect.flip)
        assert.isTrue(ConfigError.isConfigError(error))
        assert.isTrue(ConfigError.isMissingData(error))
        assert.include(String(error), "WORKOS_API_KEY")
      }
    }))

  it.effect("with only WORKOS_API_KEY: api.workos.com, the key as Bearer, 1 + 3 attempts", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* run(
        { WORKOS_API_KEY: "sk_test_env" },
        () => Scripted.json(503, { message: "down" }),
        (o) => o.getOrganization("org_1")
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(requests.length, 4)
      assert.strictEqual(requests[0]!.origin, "https://api.workos.com")
      assert.strictEqual(requests[0]!.headers.authorization, "Bearer sk_test_env")
    }))

  it.effect("WORKOS_BASE_URL, WORKOS_MAX_RETRIES and WORKOS_TIMEOUT (milliseconds) are used", () =>
    Effect.gen(function*() {
      const { exit, requests } = yield* run(
        {
          WORKOS_API_KEY: "sk_test_env",
          WORKOS_BASE_URL: "http://127.0.0.1:4010",
          WORKOS_MAX_RETRIES: "1",
          WORKOS_TIMEOUT: "5000"
        },
        () => Scripted.hang,
        (o) => o.getOrganization("org_1")
      )
      assert.strictEqual(requests.length, 2)
      assert.strictEqual(requests[0]!.origin, "http://127.0.0.1:4010")
      // The second attempt starts once the first has timed out (plus the backoff).
      assert.isAtLeast(requests[1]!.at - requests[0]!.at, 5000)
      assert.isBelow(requests[1]!.at - requests[0]!.at, 5000 + 1.5 * 1125)
      assert.isTrue(Exit.isFailure(exit))
    }))

  it.effect("WORKOS_TIMEOUT also takes a duration", () =>
    Effect.gen(function*() {
      const { requests } = yield* run(
        { WORKOS_API_KEY: "sk_test_env", WORKOS_MAX_RETRIES: "0", WORKOS_TIMEOUT: "2 seconds" },
        (_, i) => i === 0 ? Scripted.hang : Scripted.json(200, Wire.organization("org_1")),
        (o) => Effect.flip(o.getOrganization("org_1"))
      )
      assert.strictEqual(requests.length, 1)
    }))

  it.effect("an invalid WORKOS_MAX_RETRIES or WORKOS_TIMEOUT is a ConfigError naming it", () =>
    Effect.gen(function*() {
      for (
        const [name, value] of [
          ["WORKOS_MAX_RETRIES", "-1"],
          ["WORKOS_MAX_RETRIES", "many"],
          ["WORKOS_TIMEOUT", "soon"]
        ] as const
      ) {
        const scripted = yield* Scripted.make(() => Scripted.json(200, {}))
        const error = yield* Layer.build(WorkOSClient.layerFromEnv).pipe(
          Effect.scoped,
          Effect.provide(scripted.layer),
          Effect.withConfigProvider(env({ WORKOS_API_KEY: "sk_test_env", [name]: value })),
          Effect.flip
        )
        assert.include(String(error), name, `${name}=${value}`)
      }
    }))
  it.effect("a blank key or a bad WORKOS_BASE_URL is a ConfigError naming the variable, the key never quoted", () =>
    Effect.gen(function*() {
      const build = (vars: Record<string, string>) =>
        Effect.gen(function*() {
          const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
          const error = yield* Layer.build(WorkOSClient.layerFromEnv).pipe(
            Effect.scoped,
            Effect.provide(scripted.layer),
            Effect.withConfigProvider(env(vars)),
            Effect.flip
          )
          assert.deepStrictEqual(yield* scripted.requests, [])
          return String(error)
        })
      const blank = yield* build({ WORKOS_API_KEY: "  " })
      assert.include(blank, "WORKOS_API_KEY")
      assert.include(blank, "is empty")
      const pasted = yield* build({ WORKOS_API_KEY: "sk_test_pasted", WORKOS_BASE_URL: "sk_test_pasted" })
      assert.include(pasted, "WORKOS_BASE_URL")
      assert.include(pasted, "must be an http(s) URL")
      assert.include(pasted, "<redacted>")
      assert.notInclude(pasted, "sk_test_pasted")
      // the same problem found through the Config itself, as a program reading `WorkOSClient.config` sees it
      const read = yield* Effect.flip(Config.unwrap(WorkOSClient.config)).pipe(
        Effect.withConfigProvider(env({ WORKOS_API_KEY: "sk_test_x", WORKOS_BASE_URL: "api.workos.com" }))
      )
      assert.include(String(read), "WORKOS_BASE_URL")
      assert.include(String(read), "must be an http(s) URL")
    }))
})

describe("layerConfig", () => {
  it.effect("reads the options from any Config", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      const layer = OrganizationsHttp.layer.pipe(
        Layer.provide(WorkOSClient.layerConfig({
          apiKey: Config.redacted("MY_KEY"),
          baseUrl: Config.succeed("http://localhost:1234")
        })),
        Layer.provide(scripted.layer)
      )
      yield* Effect.flatMap(Organizations.Organizations, (o) => o.getOrganization("org_1")).pipe(
        Effect.provide(layer),
        Effect.withConfigProvider(env({ MY_KEY: "sk_test_mine" }))
      )
      const [request] = yield* scripted.requests
      assert.strictEqual(request!.origin, "http://localhost:1234")
      assert.strictEqual(request!.headers.authorization, "Bearer sk_test_mine")
    }))

  it.effect("an empty key or a base URL without a scheme is a ConfigError naming the option; nothing is sent", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      const build = (options: Config.Config.Wrap<WorkOSClient.Options>) =>
        Layer.build(WorkOSClient.layerConfig(options)).pipe(
          Effect.scoped,
          Effect.provide(scripted.layer),
          Effect.flip
        )
      const empty = yield* build({ apiKey: Config.succeed(Redacted.make("")) })
      assert.isTrue(ConfigError.isConfigError(empty))
      assert.include(String(empty), "apiKey")
      assert.include(String(empty), "is empty")
      const schemeless = yield* build({
        apiKey: Config.succeed(Redacted.make("sk_test_x")),
        baseUrl: Config.succeed("api.workos.com")
      })
      assert.include(String(schemeless), "baseUrl")
      assert.include(String(schemeless), "must be an http(s) URL")
      // the value is never quoted: a mistyped variable may hold the key, a URL may carry credentials
      const pasted = yield* build({
        apiKey: Config.succeed(Redacted.make("sk_test_pasted")),
        baseUrl: Config.succeed("sk_test_pasted")
      })
      assert.include(String(pasted), "<redacted>")
      assert.notInclude(String(pasted), "sk_test_pasted")
      const withCredentials = yield* build({
        apiKey: Config.succeed(Redacted.make("sk_test_x")),
        baseUrl: Config.succeed("ftp://me:sk_test_cred@host.example")
      })
      assert.include(String(withCredentials), "its scheme is \"ftp:\"")
      assert.notInclude(String(withCredentials), "sk_test_cred")
      assert.deepStrictEqual(yield* scripted.requests, [])
    }))

  it.effect("WorkOSClient.layer with an empty key is a defect at build time, saying so", () =>
    Effect.gen(function*() {
      const scripted = yield* Scripted.make(() => Scripted.json(200, Wire.organization("org_1")))
      const exit = yield* Layer.build(WorkOSClient.layer({ apiKey: Redacted.make("") })).pipe(
        Effect.scoped,
        Effect.provide(scripted.layer),
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
      assert.include(Cause.pretty((exit as Exit.Failure<unknown, unknown>).cause), "apiKey is empty")
    }))
})
