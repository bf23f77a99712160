/**
 * The handlers of the `/_emulator/` control group, acting on the caller's environment. Bodies are read with the
 * control API's own limit (seeds and snapshots of large environments are tens of megabytes) and decoded with the
 * configuration's decoders, whose errors name the field (WorkOS-shaped 400 `invalid_control_input`).
 */
import { WorkOSError } from "@effect-workos/core"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { type ConnectionDropped, CurrentEnvironment, EmulatorApi } from "./api.js"
import * as Body from "./body.js"
import type * as Config from "./config.js"
import type * as Env from "./environment.js"
import * as Responses from "./responses.js"

const ok = (body: unknown = {}): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.succeed(Responses.json(200, body))

const invalid = (detail: string): Effect.Effect<HttpServerResponse.HttpServerResponse> =>
  Effect.succeed(Responses.error(new WorkOSError.BadRequest({ status: 400, code: "invalid_control_input", detail })))

const withBody = (
  request: HttpServerRequest.HttpServerRequest,
  f: (body: object) => Effect.Effect<HttpServerResponse.HttpServerResponse>
): Effect.Effect<HttpServerResponse.HttpServerResponse, ConnectionDropped> =>
  Body.withObject(request, Body.MAX_CONTROL_BODY_BYTES, f)

const clearHttpFaults = (env: Env.Environment) => {
  env.faultPlan = {}
  env.httpFaults = []
  env.faultCounter.reset()
}

const withEnvironment = <E>(
  f: (env: Env.Environment) => Effect.Effect<HttpServerResponse.HttpServerResponse, E>
): Effect.Effect<HttpServerResponse.HttpServerResponse, E, CurrentEnvironment> => Effect.flatMap(CurrentEnvironment, f)

/** The environment's DNS, as the control API answers it. */
const dnsRecords = (env: Env.Environment) => Effect.map(env.backing.control.dnsRecords, (records) => ({ records }))

/** The environment's time (the server's clock plus what `/_emulator/clock/advance` added). */
const clockTime = (env: Env.Environment) =>
  Effect.map(env.backing.control.currentTimeMillis, (now) => ({ now: new Date(now).toISOString() }))

/** @internal */
export const handlers = (config: Config.Config) =>
  HttpApiBuilder.group(EmulatorApi, "control", (handlers) =>
    handlers
      .handle("reset", () =>
        withEnvironment((env) =>
          Effect.zipRight(
            env.backing.control.reset,
            Effect.suspend(() => {
              env.journal.clear()
              env.attempts.clear()
              clearHttpFaults(env)
              env.latency = config.latency
              return ok()
            })
          )
        ))
      .handleRaw("seed", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeFixtures(body), {
              onLeft: invalid,
              onRight: (fixtures) =>
                env.backing.control.seed(fixtures).pipe(
                  Effect.zipRight(ok()),
                  Effect.catchAll((error) => invalid(`${error.path}: ${error.detail}`))
                )
            }))
        ))
      // the answer is JSON: the snapshot's JSON document, objects in their wire encoding
      .handle("snapshot", () =>
        withEnvironment((env) => Effect.flatMap(env.backing.control.snapshot, ok)))
      .handleRaw("restore", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            env.backing.control.restore(body).pipe(
              Effect.zipRight(ok()),
              Effect.catchAll((error) =>
                invalid(`${error.path}: ${error.detail}`)
              )
            ))
        ))
      .handle("getFaults", () =>
        withEnvironment((env) => ok(env.faultPlan)))
      .handle("clearFaults", () =>
        withEnvironment((env) =>
          Effect.zipRight(
            env.backing.control.clearFaults,
            Effect.suspend(() => {
              clearHttpFaults(env)
              return ok()
            })
          )
        ))
      .handleRaw("setFaults", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeFaults(body), {
              onLeft: invalid,
              onRight: (plan) =>
                Effect.zipRight(
                  env.backing.control.setFaults(plan.fake),
                  Effect.suspend(() => {
                    env.faultPlan = body
                    env.httpFaults = plan.http
                    env.faultCounter.reset()
                    return ok(body)
                  })
                )
            }))
        ))
      .handle("journal", () =>
        withEnvironment((env) =>
          ok(config.encodeJournal(env.journal.read((entry, sequence) => ({ ...entry, sequence }))))
        ))
      .handle("clearJournal", () =>
        withEnvironment((env) =>
          Effect.suspend(() => {
            env.journal.clear()
            return ok()
          })
        ))
      .handle("getLatency", () =>
        withEnvironment((env) =>
          ok(env.latency)
        ))
      .handle("dns", () =>
        withEnvironment((env) =>
          Effect.flatMap(dnsRecords(env), ok)
        ))
      .handleRaw("setDnsRecord", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeDnsRecord(body), {
              onLeft: invalid,
              onRight: (record) =>
                Effect.zipRight(env.backing.control.setDnsRecord(record), Effect.flatMap(dnsRecords(env), ok))
            }))
        ))
      .handleRaw("removeDnsRecord", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeDnsRecordRemoval(body), {
              onLeft: invalid,
              onRight: (record) =>
                Effect.zipRight(env.backing.control.removeDnsRecord(record), Effect.flatMap(dnsRecords(env), ok))
            }))
        ))
      .handle("clock", () =>
        withEnvironment((env) =>
          Effect.flatMap(clockTime(env), ok)
        ))
      .handleRaw("advanceClock", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeClockAdvance(body), {
              onLeft: invalid,
              onRight: ({ milliseconds }) =>
                env.backing.control.advanceClock(Duration.millis(milliseconds)).pipe(
                  Effect.zipRight(Effect.flatMap(clockTime(env), ok)),
                  Effect.catchAll((error) =>
                    invalid(error.detail)
                  )
                )
            }))
        ))
      .handleRaw("setLatency", ({ request }) =>
        withEnvironment((env) =>
          withBody(request, (body) =>
            Either.match(config.decodeLatency(body), {
              onLeft: invalid,
              onRight: (plan) =>
                Effect.suspend(() => {
                  env.latency = plan
                  return ok(plan)
                })
            }))
        )))
