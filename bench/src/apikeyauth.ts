/**
 * `ApiKeyAuth` throughput: authenticated requests per second through its `HttpApi` middleware with a warm cache (the
 * same key again and again) vs a cold one (a key never seen before on every request), beside the same endpoint
 * without authentication; the WorkOS validations each run made, counted by a wrapper around `ApiKeys`. `ApiKeys` is
 * the in-memory fake in this process, so a cold request's WorkOS call costs microseconds here instead of a network
 * round trip: the cold/warm ratio is a lower bound of what the cache saves in production.
 *
 * Run (from the repo root): `node --import tsx bench/src/apikeyauth.ts`; `pnpm bench apikeyauth` runs it alone and
 * writes the section "API-key authentication (ApiKeyAuth)" of BENCHMARKS.md.
 *
 * @since 0.2.0
 */
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import { ApiKeys } from "@effect-workos/core/ApiKeys"
import { Organizations } from "@effect-workos/core/Organizations"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { performance } from "node:perf_hooks"
import * as Report from "./internal/Report.js"

const WARM = 20_000
const COLD = 2_000
const ROUNDS = 5

const Caller = Schema.Struct({ organizationId: Schema.String })

class Open extends HttpApiGroup.make("open").add(
  HttpApiEndpoint.get("me", "/open").addSuccess(Caller)
) {}
class Secured extends HttpApiGroup.make("secured").add(
  HttpApiEndpoint.get("me", "/secured").addSuccess(Caller)
).middleware(ApiKeyAuth.Authentication) {}
class BenchApi extends HttpApi.make("bench").add(Open).add(Secured) {}

const handlers = Layer.mergeAll(
  HttpApiBuilder.group(BenchApi, "open", (h) => h.handle("me", () => Effect.succeed({ organizationId: "none" }))),
  HttpApiBuilder.group(
    BenchApi,
    "secured",
    (h) =>
      h.handle(
        "me",
        () => Effect.map(ApiKeyAuth.AuthenticatedOrganization, (caller) => ({ organizationId: caller.organizationId }))
      )
  )
)

type App = HttpApp.Default

/** `n` requests in sequence, each with the header `authorization(i)`; fails on any answer but 200. */
const run = (app: App, path: string, n: number, authorization: (i: number) => string | undefined) =>
  Effect.gen(function*() {
    for (let i = 0; i < n; i++) {
      const header = authorization(i)
      const request = new Request(
        `http://localhost${path}`,
        header === undefined ? {} : { headers: { authorization: header } }
      )
      const response = yield* app.pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(request))
      )
      if (response.status !== 200) {
        const body = yield* Effect.promise(() => HttpServerResponse.toWeb(response).text())
        return yield* Effect.die(new Error(`${path} answered ${response.status}: ${body}`))
      }
    }
  })

/** A fresh fake with `keys` organization keys, the app over it, and the count of `validateApiKey` calls. */
const setup = (keys: number) =>
  Effect.gen(function*() {
    const organizations = yield* Organizations
    const organization = yield* organizations.createOrganization({ name: "Bench" })
    const values: Array<string> = []
    for (let i = 0; i < keys; i++) {
      const key = yield* organizations.createOrganizationApiKey({ organizationId: organization.id, name: `k${i}` })
      values.push(Redacted.value(key.value))
    }
    const apiKeys = yield* ApiKeys
    let calls = 0
    const counted = Layer.succeed(ApiKeys, {
      ...apiKeys,
      validateApiKey: (options) => Effect.suspend(() => (calls++, apiKeys.validateApiKey(options)))
    })
    const context = yield* Layer.build(
      Layer.mergeAll(
        HttpApiBuilder.api(BenchApi).pipe(
          Layer.provide(handlers),
          Layer.provide(ApiKeyAuth.layerMiddleware),
          Layer.provide(ApiKeyAuth.layer({ capacity: keys + 1 })),
          Layer.provide(counted),
          Layer.orDie
        ),
        HttpApiBuilder.Router.Live,
        HttpApiBuilder.Middleware.layer,
        HttpServer.layerContext
      )
    )
    const app = yield* HttpApiBuilder.httpApp.pipe(Effect.provide(context))
    return {
      values,
      app: Effect.provide(app, context) satisfies App,
      calls: () => calls,
      resetCalls: () => {
        calls = 0
      }
    }
  }).pipe(Effect.provide(OrganizationsMemory.layerMemory({ seed: 16 })))

const timed = <E>(effect: Effect.Effect<void, E>) =>
  Effect.gen(function*() {
    const start = performance.now()
    yield* effect
    return performance.now() - start
  })

const main = Effect.scoped(Effect.gen(function*() {
  const at = new Date(yield* Clock.currentTimeMillis)
  const samples = { open: [] as Array<number>, warm: [] as Array<number>, cold: [] as Array<number> }
  const calls = { warm: 0, cold: 0 }
  // warm-up of every path
  {
    const { app, values } = yield* setup(200)
    yield* run(app, "/open", 2_000, () => undefined)
    yield* run(app, "/secured", 2_000, () => `Bearer ${values[0]}`)
    yield* run(app, "/secured", 200, (i) => `Bearer ${values[i]}`)
  }
  for (let round = 1; round <= ROUNDS; round++) {
    const { app, calls: count, resetCalls, values } = yield* setup(COLD + 1)
    samples.open.push(yield* timed(run(app, "/open", WARM, () => undefined)))
    // the key of the warm runs is validated once, before the run: the run itself must cost no WorkOS call
    yield* run(app, "/secured", 1, () => `Bearer ${values[COLD]}`)
    resetCalls()
    samples.warm.push(yield* timed(run(app, "/secured", WARM, () => `Bearer ${values[COLD]}`)))
    calls.warm += count()
    resetCalls()
    samples.cold.push(yield* timed(run(app, "/secured", COLD, (i) => `Bearer ${values[i]}`)))
    calls.cold += count()
    console.log(
      `round ${round}: open ${Report.ms(samples.open.at(-1)!)}, warm ${Report.ms(samples.warm.at(-1)!)} ` +
        `(${WARM} requests), cold ${Report.ms(samples.cold.at(-1)!)} (${COLD} requests)`
    )
  }
  if (calls.warm !== 0) return yield* Effect.die(new Error(`warm runs made ${calls.warm} WorkOS calls`))
  if (calls.cold !== COLD * ROUNDS) {
    return yield* Effect.die(new Error(`cold runs made ${calls.cold} WorkOS calls, not ${COLD * ROUNDS}`))
  }

  const perSecond = (ms: number, n: number) => (n * 1000) / ms
  const rate = {
    open: perSecond(Report.median(samples.open), WARM),
    warm: perSecond(Report.median(samples.warm), WARM),
    cold: perSecond(Report.median(samples.cold), COLD)
  }
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US")
  const body = [
    Report.provenance("node --import tsx bench/src/apikeyauth.ts", at),
    "",
    `Sequential in-process requests (\`HttpApiBuilder.httpApp\`, no socket) to one \`HttpApi\` endpoint behind ` +
    `\`ApiKeyAuth.Authentication\`, beside the same endpoint without it. Warm: ${fmt(WARM)} requests with one key ` +
    `already validated; cold: ${fmt(COLD)} requests, each with a key never seen before (a cache miss and one ` +
    `\`validateApiKey\` on the in-memory fake, in this process). Median of ${ROUNDS} rounds; WorkOS calls counted by ` +
    `a wrapper around \`ApiKeys\` over all rounds.`,
    "",
    Report.table(["requests", "per second", "vs no authentication", "WorkOS calls per request"], [
      ["no authentication", fmt(rate.open), Report.ratio(1), "—"],
      ["`ApiKeyAuth`, warm cache", fmt(rate.warm), Report.ratio(rate.warm / rate.open), "0"],
      ["`ApiKeyAuth`, cold cache", fmt(rate.cold), Report.ratio(rate.cold / rate.open), "1"]
    ]),
    "",
    `- Warm is **${Report.ratio(rate.warm / rate.cold)}** the rate of cold, and made 0 WorkOS calls in ` +
    `${fmt(WARM * ROUNDS)} requests (also asserted in \`packages/core/test/ApiKeyAuth.test.ts\` and ` +
    `\`examples/test/CustomerApi.test.ts\`). Cold's call is to the in-process fake: against WorkOS each miss adds a ` +
    `network round trip, so the gap there is far wider.`,
    `- A warm request still reads the header, computes the key's SHA-256 (in plain JavaScript, synchronously: Web ` +
    `Crypto's digest is asynchronous, a thread-pool round trip on Node) and looks the digest up in the cache.`
  ].join("\n")
  console.log(`\n${body}`)
  Report.writeSection("API-key authentication (ApiKeyAuth)", body)
}))

Effect.runPromise(main).catch((error) => {
  console.error(error)
  process.exit(1)
})
