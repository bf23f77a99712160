/**
 * Servers that misbehave, over real HTTP on both transports (fetch: `OrganizationsHttp.layerFromEnv`; undici:
 * `NodeClient.layerFromEnv`): redirects are refused the same way and the key never goes to the other origin; bodies
 * nested 200,000 levels deep end in a typed error; a body that cannot be decompressed is not retried; a refused
 * connection says so; and bad configuration fails when the layer is built, saying what to set.
 */
import * as Organizations from "@effect-workos/core/Organizations"
import * as WorkOSError from "@effect-workos/core/WorkOSError"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import { Cause, ConfigError, ConfigProvider, Effect, Exit, Layer, Redacted, Stream } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Zlib from "node:zlib"
import * as Errors from "../src/internal/errors.js"
import * as OrganizationsHttp from "../src/OrganizationsHttp.js"
import * as WorkOSClient from "../src/WorkOSClient.js"
import * as Loopback from "./utils/Loopback.js"
import * as Wire from "./utils/Wire.js"

const failure = <A, E>(exit: Exit.Exit<A, E>): E => {
  assert.isTrue(Exit.isFailure(exit), "the call should fail")
  const error = Cause.failureOption((exit as Exit.Failure<A, E>).cause)
  assert.isTrue(error._tag === "Some", `a typed failure, got ${Cause.pretty((exit as Exit.Failure<A, E>).cause)}`)
  return (error as { readonly value: E }).value
}

const unexpected = (error: unknown): WorkOSError.UnexpectedResponse => {
  assert.instanceOf(error, WorkOSError.UnexpectedResponse)
  return error as WorkOSError.UnexpectedResponse
}

describe.each(Loopback.transports)("over %s", (transport) => {
  describe("redirects", () => {
    for (const status of [301, 302, 303, 307, 308]) {
      it.scopedLive(`a ${status} to another origin is refused, naming its host; that origin never sees a request`, () =>
        Effect.gen(function*() {
          const other = yield* Loopback.serve((_, response) =>
            Loopback.json(response, 200, JSON.stringify(Wire.organization("org_OTHER")))
          )
          const workos = yield* Loopback.serve((_, response) => {
            response.writeHead(status, { location: `${other.url}/organizations/org_1`, "x-request-id": "req_r" })
            response.end()
          })
          const exit = yield* Effect.exit(
            Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
          )
          const error = unexpected(failure(exit))
          assert.strictEqual(error.status, status)
          assert.strictEqual(error.requestId, "req_r")
          assert.include(error.message, `redirect (${status}) to ${other.host}; redirects are refused`)
          assert.strictEqual(other.received.length, 0)
          // not retried: a redirect is an answer, and the same answer again
          assert.strictEqual(workos.received.length, 1)
        }))
    }

    it.scopedLive("a relative redirect is refused too", () =>
      Effect.gen(function*() {
        const workos = yield* Loopback.serve((request, response) => {
          if (request.url?.startsWith("/elsewhere") === true) {
            return Loopback.json(response, 200, JSON.stringify(Wire.organization("org_OTHER")))
          }
          response.writeHead(302, { location: "/elsewhere" })
          response.end()
        })
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
        )
        assert.include(unexpected(failure(exit)).message, `the relative address "/elsewhere"; redirects are refused`)
        assert.deepStrictEqual(workos.received.map((r) => r.url), ["/organizations/org_1"])
      }))
  })

  describe("bodies nested 200,000 levels deep end in a typed error", () => {
    const DEPTH = 200_000
    const deep = "[".repeat(DEPTH) + "]".repeat(DEPTH)

    const serveBody = (status: number, body: string) =>
      Loopback.serve((_, response) => Loopback.json(response, status, body))

    it.scopedLive("a 200 whose field is nested that deep", () =>
      Effect.gen(function*() {
        const organization = JSON.stringify(Wire.organization("org_1")).replace(`"name":"Acme"`, `"name":${deep}`)
        const workos = yield* serveBody(200, organization)
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
        )
        const error = unexpected(failure(exit))
        assert.strictEqual(error.status, 200)
        assert.include(error.detail, "'name': Expected string, actual [[[[")
        assert.isAtMost(error.excerpt.length, 201)
        assert.isTrue(error.excerpt.startsWith(`{"object":"organization","id":"org_1","name":[[[`))
        assert.isBelow(error.message.length, 1000)
      }))

    it.scopedLive("a 4xx whose body is nested that deep", () =>
      Effect.gen(function*() {
        const workos = yield* serveBody(400, deep)
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
        )
        const error = unexpected(failure(exit))
        assert.strictEqual(error.status, 400)
        assert.include(error.detail, "not a JSON object")
        assert.strictEqual(error.excerpt, "[".repeat(200) + "…")
      }))

    it.scopedLive("a 4xx whose message is nested that deep", () =>
      Effect.gen(function*() {
        const workos = yield* serveBody(422, `{"message":${deep}}`)
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
        )
        assert.include(unexpected(failure(exit)).detail, "no message")
      }))

    it.scopedLive("a 5xx nested that deep (retries off)", () =>
      Effect.gen(function*() {
        const workos = yield* serveBody(500, `{"message":${deep}}`)
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(
            transport,
            { WORKOS_BASE_URL: workos.url, WORKOS_MAX_RETRIES: "0" },
            (o) => o.getOrganization("org_1")
          )
        )
        const error = failure(exit)
        assert.instanceOf(error, WorkOSError.ServerError)
        assert.isAtMost((error as WorkOSError.ServerError).detail.length, 201)
      }))

    it.scopedLive("a list page whose item is nested that deep, as a page and as a Stream", () =>
      Effect.gen(function*() {
        const workos = yield* serveBody(
          200,
          `{"object":"list","data":[${deep}],"list_metadata":{"before":null,"after":null}}`
        )
        const vars = { WORKOS_BASE_URL: workos.url }
        const page = unexpected(failure(
          yield* Effect.exit(Loopback.withOrganizations(transport, vars, (o) => o.listOrganizationsPage()))
        ))
        assert.include(page.detail, "'data[0]': Expected")
        const stream = unexpected(failure(
          yield* Effect.exit(Loopback.withOrganizations(transport, vars, (o) => Stream.runDrain(o.listOrganizations())))
        ))
        assert.include(stream.detail, "'data[0]': Expected")
      }))
  })

  describe("retries that cannot help", () => {
    it.scopedLive("a body that does not decompress is requested exactly once", () =>
      Effect.gen(function*() {
        const workos = yield* Loopback.serve((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          response.end("this is not gzip at all")
        })
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(
            transport,
            { WORKOS_BASE_URL: workos.url, WORKOS_MAX_RETRIES: "3" },
            (o) => o.getOrganization("org_1")
          )
        )
        const error = failure(exit) as WorkOSError.WorkOSError
        // fetch decompresses (and fails); undici hands over the bytes, which are not JSON
        assert.include(
          error.message,
          transport === "fetch" ? "the body could not be decompressed" : "the body is not JSON"
        )
        assert.strictEqual(workos.received.length, 1)
      }))

    it.scopedLive("a connection lost in the middle of the body is retried", () =>
      Effect.gen(function*() {
        let n = 0
        const body = JSON.stringify(Wire.organization("org_1"))
        const workos = yield* Loopback.serve((_, response) => {
          if (n++ === 0) {
            response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) })
            response.write(body.slice(0, 10))
            setTimeout(() => response.destroy(), 10)
          } else {
            Loopback.json(response, 200, body)
          }
        })
        const organization = yield* Loopback.withOrganizations(
          transport,
          { WORKOS_BASE_URL: workos.url },
          (o) => o.getOrganization("org_1")
        )
        assert.strictEqual(organization.id, "org_1")
        assert.strictEqual(workos.received.length, 2)
      }))

    it.scopedLive("a gzip body that does decompress is read", () =>
      Effect.gen(function*() {
        const workos = yield* Loopback.serve((_, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          response.end(Zlib.gzipSync(JSON.stringify(Wire.organization("org_1"))))
        })
        const exit = yield* Effect.exit(
          Loopback.withOrganizations(transport, { WORKOS_BASE_URL: workos.url }, (o) => o.getOrganization("org_1"))
        )
        // fetch decompresses it; undici does not (and the client does not ask for compression)
        if (transport === "fetch") assert.isTrue(Exit.isSuccess(exit))
        else assert.include(unexpected(failure(exit)).detail, "not JSON")
        assert.strictEqual(workos.received.length, 1)
      }))
  })

  it.scopedLive("a refused connection says so, with the request, in its detail and message", () =>
    Effect.gen(function*() {
      // a port that was just free
      const port = yield* Effect.async<number>((resume) => {
        const server = Http.createServer().listen(0, "127.0.0.1", () => {
          const free = (server.address() as AddressInfo).port
          server.close(() => resume(Effect.succeed(free)))
        })
      })
      const exit = yield* Effect.exit(
        Loopback.withOrganizations(
          transport,
          { WORKOS_BASE_URL: `http://127.0.0.1:${port}`, WORKOS_MAX_RETRIES: "0" },
          (o) => o.getOrganization("org_1")
        )
      )
      const error = failure(exit)
      assert.instanceOf(error, WorkOSError.RequestFailed)
      const failed = error as WorkOSError.RequestFailed
      assert.strictEqual(failed.reason, "Transport")
      assert.include(failed.detail, "connection refused")
      assert.include(failed.detail, "ECONNREFUSED")
      assert.include(failed.detail, `GET http://127.0.0.1:${port}/organizations/org_1`)
      assert.include(failed.message, "connection refused")
    }))

  describe("configuration is checked when the layer is built", () => {
    const build = (vars: Record<string, string>) =>
      Layer.build(Loopback.fromEnv(transport)).pipe(
        Effect.scoped,
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars)))),
        Effect.flip
      )

    it.effect("a missing WORKOS_API_KEY says what to set", () =>
      Effect.gen(function*() {
        const error = yield* build({})
        assert.isTrue(ConfigError.isMissingData(error))
        assert.include(String(error), "set WORKOS_API_KEY to your WorkOS secret API key")
        assert.notInclude(String(error), "<redacted>")
      }))

    for (const empty of ["", "   "]) {
      it.effect(`an empty WORKOS_API_KEY (${JSON.stringify(empty)}) is a ConfigError, nothing is sent`, () =>
        Effect.gen(function*() {
          const error = yield* build({ WORKOS_API_KEY: empty })
          assert.isTrue(ConfigError.isConfigError(error))
          assert.include(String(error), "WORKOS_API_KEY")
          assert.include(String(error), "is empty")
        }))
    }

    for (const url of ["api.workos.com", "127.0.0.1:8484", "localhost:8484", "ftp://api.workos.com", "//x"]) {
      it.effect(`WORKOS_BASE_URL=${url} is a ConfigError naming it`, () =>
        Effect.gen(function*() {
          const error = yield* build({ WORKOS_API_KEY: "sk_test_x", WORKOS_BASE_URL: url })
          assert.isTrue(ConfigError.isConfigError(error))
          assert.include(String(error), "WORKOS_BASE_URL")
          assert.include(String(error), "must be an http(s) URL")
          assert.include(String(error), JSON.stringify(url))
        }))
    }
  })
})

describe("redirects over a fetch client that follows them itself", () => {
  it.scopedLive("the answer is refused, naming where it ended; fetch sent the key nowhere else", () =>
    Effect.gen(function*() {
      const other = yield* Loopback.serve((_, response) =>
        Loopback.json(response, 200, JSON.stringify(Wire.organization("org_OTHER")))
      )
      const workos = yield* Loopback.serve((_, response) => {
        response.writeHead(302, { location: `${other.url}/organizations/org_1` })
        response.end()
      })
      const layer = OrganizationsHttp.layer.pipe(
        Layer.provide(WorkOSClient.layer({ apiKey: Redacted.make(Loopback.API_KEY), baseUrl: workos.url })),
        Layer.provide(FetchHttpClient.layer)
      )
      const exit = yield* Effect.exit(
        Effect.flatMap(Organizations.Organizations, (o) => o.getOrganization("org_1")).pipe(Effect.provide(layer))
      )
      assert.include(unexpected(failure(exit)).message, `redirect to ${other.host}; redirects are refused`)
      assert.deepStrictEqual(other.received.map((r) => r.auth), [""])
    }))
})

describe("what a transport failure means", () => {
  const request = HttpClientRequest.get("https://api.workos.com/organizations")
  const failed = (code: string, message: string, reason: "Transport" | "Decode" = "Transport") => {
    const cause = new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) })
    const error = reason === "Transport"
      ? new HttpClientError.RequestError({ request, reason, cause })
      : new HttpClientError.ResponseError({
        request,
        response: {} as never,
        reason,
        cause
      })
    const outcome = Errors.fromHttpClientError(error, (text) => text)
    assert.strictEqual(outcome._tag, "Failed")
    return outcome as Extract<typeof outcome, { _tag: "Failed" }>
  }

  it("names the kind and keeps the transport's words and the request line", () => {
    const outcome = failed("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:443")
    assert.strictEqual(
      outcome.detail,
      "connection refused: connect ECONNREFUSED 10.0.0.1:443 (GET https://api.workos.com/organizations)"
    )
    assert.isTrue(outcome.retryable)
  })

  for (
    const [code, kind, retryable] of [
      ["ECONNRESET", "connection lost", true],
      ["UND_ERR_SOCKET", "connection lost", true],
      ["EAI_AGAIN", "DNS lookup failed", true],
      ["ETIMEDOUT", "timed out", true],
      ["ENOTFOUND", "DNS lookup failed", false],
      ["CERT_HAS_EXPIRED", "TLS failure", false],
      ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS failure", false],
      ["DEPTH_ZERO_SELF_SIGNED_CERT", "TLS failure", false],
      ["Z_DATA_ERROR", "the body could not be decompressed", false]
    ] as const
  ) {
    it(`${code}: ${kind}, ${retryable ? "" : "not "}retried`, () => {
      const outcome = failed(code, `${code} happened`, code.startsWith("Z_") ? "Decode" : "Transport")
      assert.isTrue(outcome.detail.startsWith(`${kind}: ${code} happened`), outcome.detail)
      assert.strictEqual(outcome.retryable, retryable)
    })
  }
})
