/**
 * The emulator's control API (`/_emulator/…`) for one API key's environment, and a Clock under which a client's
 * retry waits pass at once.
 */
import type * as Emulator from "@effect-workos/emulator/Emulator"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

export const control = (address: { readonly baseUrl: string }, apiKey: string) => {
  const send = (request: HttpClientRequest.HttpClientRequest) =>
    Effect.gen(function*() {
      const client = yield* HttpClient.HttpClient
      const response = yield* client.execute(
        request.pipe(HttpClientRequest.prependUrl(address.baseUrl), HttpClientRequest.bearerToken(apiKey))
      )
      const text = yield* response.text
      if (response.status >= 300) return yield* Effect.dieMessage(`control answered ${response.status}: ${text}`)
      return text === "" ? undefined : JSON.parse(text) as unknown
    }).pipe(Effect.provide(FetchHttpClient.layer), Effect.orDie)
  return {
    setFaults: (plan: Emulator.FaultPlan | Record<string, unknown>) =>
      send(HttpClientRequest.put("/_emulator/faults").pipe(HttpClientRequest.bodyUnsafeJson(plan))),
    clearFaults: send(HttpClientRequest.del("/_emulator/faults")),
    setDnsRecord: (record: { readonly domain: string; readonly value: string }) =>
      send(HttpClientRequest.post("/_emulator/dns").pipe(HttpClientRequest.bodyUnsafeJson(record))),
    removeDnsRecord: (record: { readonly domain: string; readonly value?: string }) =>
      send(HttpClientRequest.del("/_emulator/dns").pipe(HttpClientRequest.bodyUnsafeJson(record))),
    advanceClock: (milliseconds: number) =>
      send(HttpClientRequest.post("/_emulator/clock/advance").pipe(HttpClientRequest.bodyUnsafeJson({ milliseconds }))),
    journal: Effect.map(
      send(HttpClientRequest.get("/_emulator/journal")),
      (body) => (body as { readonly data: ReadonlyArray<Emulator.JournalEntry> }).data
    )
  }
}

/**
 * The live clock, except that waits of up to 61 seconds (the client's backoff and capped `Retry-After`) end at
 * once. Longer ones — the per-attempt timeout, when set above a minute — still take their time, so they never
 * fire during a test.
 */
export const instantRetries: Clock.Clock = (() => {
  const live = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => live.unsafeCurrentTimeMillis(),
    currentTimeMillis: live.currentTimeMillis,
    unsafeCurrentTimeNanos: () => live.unsafeCurrentTimeNanos(),
    currentTimeNanos: live.currentTimeNanos,
    sleep: (duration) => Duration.lessThanOrEqualTo(duration, Duration.seconds(61)) ? Effect.void : live.sleep(duration)
  }
})()
