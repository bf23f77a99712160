/**
 * A throwaway `redis-server` for the shared rate-limit tests: on a free loopback port, without persistence, started
 * and stopped within bounded time. The tests skip nothing when it is missing: they fail, saying to install it.
 */
import { Duration, Effect } from "effect"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** Kills the server at once (SIGKILL), as a crash would. */
  readonly kill: Effect.Effect<void>
}

/** A port nobody listens on right now (the OS picks it; the probe closes before the server binds it). */
export const freePort: Effect.Effect<number> = Effect.async<number>((resume) => {
  const server = Net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

const exited = (child: ChildProcess.ChildProcess): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.once("exit", () => resume(Effect.void))
  })

/** Starts `redis-server` and waits (at most 10 s) until it accepts connections; stops it with the scope. */
export const start = Effect.gen(function*() {
  const port = yield* freePort
  const child = yield* Effect.acquireRelease(
    Effect.sync(() =>
      ChildProcess.spawn("redis-server", [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no"
      ], { stdio: ["ignore", "pipe", "pipe"] })
    ),
    (child) =>
      Effect.sync(() => child.kill("SIGTERM")).pipe(
        Effect.zipRight(exited(child).pipe(Effect.timeout(Duration.seconds(3)))),
        Effect.catchAll(() => Effect.sync(() => child.kill("SIGKILL"))),
        Effect.zipRight(exited(child).pipe(Effect.timeout(Duration.seconds(3)), Effect.ignore))
      )
  )
  yield* Effect.async<void, Error>((resume) => {
    let output = ""
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Ready to accept connections")) resume(Effect.void)
    }
    child.stdout?.on("data", onData)
    child.once(
      "error",
      (error) =>
        resume(Effect.fail(
          new Error(`redis-server could not start (install it: apt-get install -y redis-server)`, {
            cause: error
          })
        ))
    )
    child.once("exit", (code) => resume(Effect.fail(new Error(`redis-server exited with ${code}: ${output}`))))
  }).pipe(
    Effect.timeoutFail({ duration: Duration.seconds(10), onTimeout: () => new Error("redis-server not ready in 10 s") })
  )
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: Effect.zipRight(Effect.sync(() => child.kill("SIGKILL")), exited(child))
  } satisfies RedisServer
})
