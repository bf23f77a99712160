/**
 * Tracing: each operation has its `Organizations.<operation>` span with the ids involved and the request id, and
 * each HTTP attempt a child span with method, path, status and attempt number.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import * as Scripted from "./utils/Scripted.js"
import * as Tracing from "./utils/Tracing.js"
import * as Wire from "./utils/Wire.js"

describe("spans", () => {
  it.effect("the operation span carries the organization id and the request id; attempts are its children", () =>
    Effect.gen(function*() {
      const { layer, spans } = yield* Tracing.recordSpans
      const fiber = yield* Effect.fork(
        Scripted.withLive(
          Scripted.sequence(
            Scripted.json(503, { message: "down" }, { "x-request-id": "req_1" }),
            Scripted.json(200, Wire.organization("org_1"), { "x-request-id": "req_2" })
          ),
          (o) => o.getOrganization("org_1")
        ).pipe(Effect.provide(layer))
      )
      yield* TestClock.adjust("1 minute")
      yield* fiber

      const operation = spans.find((s) => s.name === "Organizations.getOrganization")
      assert.isDefined(operation)
      assert.strictEqual(operation!.attributes.get("workos.organization_id"), "org_1")
      assert.strictEqual(operation!.attributes.get("workos.request_id"), "req_2")

      const attempts = spans.filter((s) => s.name === "WorkOSClient.attempt")
      assert.deepStrictEqual(attempts.map((s) => s.attributes.get("workos.attempt")), [1, 2])
      assert.deepStrictEqual(attempts.map((s) => s.attributes.get("http.response.status_code")), [503, 200])
      assert.deepStrictEqual(attempts.map((s) => s.attributes.get("workos.request_id")), ["req_1", "req_2"])
      for (const attempt of attempts) {
        assert.strictEqual(attempt.kind, "client")
        assert.strictEqual(attempt.attributes.get("http.request.method"), "GET")
        assert.strictEqual(attempt.attributes.get("url.path"), "/organizations/org_1")
        assert.strictEqual(attempt.parent._tag === "Some" ? attempt.parent.value.spanId : "", operation!.spanId)
      }
      // The platform's own client span is replaced by the attempt spans.
      assert.isFalse(spans.some((s) => s.name.startsWith("http.client")))
    }))
})
