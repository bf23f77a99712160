/**
 * The command line, as a user starts it: a separate process, its first stdout line, and SIGTERM.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
import * as Net from "node:net"
import * as Os from "node:os"
import * as Path from "node:path"
import { call } from "./support/Client.js"

const ROOT = Path.resolve(import.meta.dirname, "../../..")

class CliExited extends Data.TaggedError("CliExited")<{ readonly message: string }> {}

interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly firstLine: string
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Spawns the CLI with tsx, as the root `emulator` script does, and reads its first stdout line. (It runs the tsx
 * that `npx tsx` finds, without npx in between: npx does not pass on the child's exit status after a signal.)
 */
const spawn = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.async<Running, CliExited>((resume) => {
      const child = ChildProcess.spawn(Path.join(ROOT, "node_modules/.bin/tsx"), [
        "packages/emulator/src/bin.ts",
        ...args
      ], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"]
      })
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("exit", (code, signal) => resolve({ code, signal }))
      )
      let out = ""
      let err = ""
      child.stderr!.on("data", (chunk) => (err += String(chunk)))
      child.stdout!.on("data", (chunk) => {
        out += String(chunk)
        const newline = out.indexOf("\n")
        if (newline !== -1) resume(Effect.succeed({ child, firstLine: out.slice(0, newline), exit }))
      })
      void exit.then(({ code }) => resume(Effect.fail(new CliExited({ message: `exit ${code}: ${err}` }))))
    }),
    // SIGTERM, which tsx relays to the emulator (SIGKILL would orphan it), then SIGKILL if it lingers
    ({ child, exit }) =>
      child.exitCode !== null || child.signalCode !== null ? Effect.void : Effect.promise(() => {
        child.kill("SIGTERM")
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000)
        return exit.finally(() => clearTimeout(timer))
      })
  )

interface Exited {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the CLI to its exit, as {@link spawn} starts it, and collects what it printed. `terminal` makes its stdout
 * claim to be a TTY (node's `--import` sets `isTTY` before the CLI runs), which a piped test cannot be otherwise.
 */
const runToExit = (
  args: ReadonlyArray<string>,
  options: { readonly env?: Record<string, string>; readonly terminal?: boolean } = {}
) =>
  Effect.promise(() =>
    new Promise<Exited>((resolve) => {
      const child = ChildProcess.spawn(Path.join(ROOT, "node_modules/.bin/tsx"), [
        ...(options.terminal ? ["--import", "data:text/javascript,process.stdout.isTTY=true"] : []),
        "packages/emulator/src/bin.ts",
        ...args
      ], {
        cwd: ROOT,
        // the test runner's own NO_COLOR or FORCE_COLOR must not decide the answer
        env: { ...withoutColorSettings(process.env), ...options.env },
        stdio: ["ignore", "pipe", "pipe"]
      })
      let stdout = ""
      let stderr = ""
      child.stdout.on("data", (chunk) => (stdout += String(chunk)))
      child.stderr.on("data", (chunk) => (stderr += String(chunk)))
      // a CLI that starts serving instead of exiting is stopped, and the test sees its output
      const timer = setTimeout(() => child.kill("SIGTERM"), 20_000)
      child.on("exit", (code) => {
        clearTimeout(timer)
        resolve({ code, stdout, stderr })
      })
    })
  )

const withoutColorSettings = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...rest } = env
  return rest
}

/** An ANSI escape, as @effect/cli writes its colors. */
const ANSI = "\u001b["

/** A port something else already listens on, for the Scope. */
const occupiedPort = Effect.acquireRelease(
  Effect.async<Net.Server>((resume) => {
    const server = Net.createServer()
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
).pipe(Effect.map((server) => (server.address() as Net.AddressInfo).port))

describe("pnpm emulator", () => {
  it.scopedLive("prints its address first, serves it, and exits cleanly on SIGTERM", () =>
    Effect.gen(function*() {
      const fixtures = Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-cli-")), "fixtures.json")
      Fs.writeFileSync(fixtures, JSON.stringify({ organizations: [{ name: "From the seed file" }] }))
      // pnpm hands the script a literal `--` before the options
      const { child, exit, firstLine } = yield* spawn([
        "--",
        "--port",
        "0",
        "--api-key",
        "sk_test_cli",
        "--seed",
        fixtures,
        "--latency",
        "1"
      ])
      const match = /^effect-workos emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(firstLine)
      expect(match, firstLine).not.toBeNull()
      const baseUrl = match![1]!
      expect(Number(match![2])).toBeGreaterThan(0)

      const listed = yield* call(baseUrl, "/organizations", { key: "sk_test_cli" })
      expect(listed.json.data.map((o: { name: string }) => o.name)).toEqual(["From the seed file"])
      expect((yield* call(baseUrl, "/organizations", { key: "sk_test_other" })).status).toBe(401)
      expect((yield* call(baseUrl, "/_emulator/latency", { key: "sk_test_cli" })).json).toEqual({
        _tag: "Fixed",
        millis: 1
      })

      child.kill("SIGTERM")
      // tsx relays the signal to the emulator and exits with its status
      const { code, signal } = yield* Effect.promise(() => exit)
      expect({ code, signal }).toEqual({ code: 0, signal: null })
    }))

  it.scopedLive("--max-environments 1 keeps one key's state: another key's first request drops the idle one", () =>
    Effect.gen(function*() {
      const { firstLine } = yield* spawn([
        "--port",
        "0",
        "--max-environments",
        "1",
        "--environment-idle-timeout",
        "600"
      ])
      const baseUrl = firstLine.replace("effect-workos emulator listening on ", "")
      const names = (key: string) =>
        Effect.map(
          call(baseUrl, "/organizations", { key }),
          (answer) => answer.json.data.map((o: { name: string }) => o.name)
        )
      const created = yield* call(baseUrl, "/organizations", {
        key: "sk_test_first",
        method: "POST",
        body: { name: "Kept while alone" }
      })
      expect(created.status).toBe(201)
      expect(yield* names("sk_test_first")).toEqual(["Kept while alone"])
      expect(yield* names("sk_test_second")).toEqual([])
      // the first key's environment made room for the second's: it starts again, empty
      expect(yield* names("sk_test_first")).toEqual([])
    }))

  it.scopedLive("a seed file that is not valid fixtures stops it with a non-zero exit naming the field", () =>
    Effect.gen(function*() {
      const fixtures = Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-cli-")), "bad.json")
      Fs.writeFileSync(fixtures, JSON.stringify({ organizations: [{ nom: "x" }] }))
      const error = yield* Effect.flip(spawn(["--port", "0", "--seed", fixtures]))
      expect(error.message).toMatch(
        /^exit 1: effect-workos emulator: .*bad\.json is not a fixtures document: at 'organizations\[0\]\.nom'/
      )
    }))

  it.scopedLive("a port in use stops it with one line naming the port and what to do, and exit status 1", () =>
    Effect.gen(function*() {
      const port = yield* occupiedPort
      const { code, stderr, stdout } = yield* runToExit(["--port", String(port)])
      expect({ code, stdout, stderr }).toEqual({
        code: 1,
        stdout: "",
        stderr: `effect-workos emulator: port ${port} on 127.0.0.1 is already in use (another emulator or another ` +
          `server is listening there): stop it, or choose another with --port <port> (--port 0 picks a free one)\n`
      })
    }))

  it.live("a negative, fractional or non-numeric latency and an impossible port are refused before it serves", () =>
    Effect.gen(function*() {
      const cases = [
        [["--port", "0", "--latency", "-5"], "--latency must be a whole number from 0 to 3,600,000, got '-5'"],
        [["--port", "0", "--latency", "1.5"], "--latency must be a whole number from 0 to 3,600,000, got '1.5'"],
        [["--port", "70000"], "--port must be a whole number from 0 to 65,535, got '70000'"],
        [["--port", "abc"], "--port must be a whole number from 0 to 65,535, got 'abc'"],
        [
          ["--port", "0", "--max-environments", "0"],
          "--max-environments must be a whole number from 1 to 1,000,000, got '0'"
        ]
      ] as const
      const exits = yield* Effect.forEach(cases, ([args]) => runToExit(args), {
        concurrency: 2
      })
      expect(exits.map(({ code, stderr, stdout }) => ({ code, stdout, stderr: stderr.trim() }))).toEqual(
        cases.map(([, message]) => ({ code: 1, stdout: "", stderr: message }))
      )
    }))

  it.live("--help gives every option's default, in plain text when piped", () =>
    Effect.gen(function*() {
      const { code, stdout } = yield* runToExit(["--help"])
      expect(code).toBe(0)
      expect(stdout).not.toContain(ANSI)
      for (
        const line of [
          "The interface to bind (default: 127.0.0.1)",
          "The port to listen on, a whole number from 0 to 65,535; 0 picks a free one (default: 8484)",
          "Accept only this API key (repeatable) (default: any sk_test_... key)",
          "seeded into every environment (default: none)",
          "Milliseconds every API request takes at least, a whole number from 0 to 3,600,000 (default: none",
          "(6,000 requests and 50 deletes per 60 s) (default: limits on)",
          "the least recently used idle one is dropped (default: 1000)",
          "(default: kept until --max-environments needs room)"
        ]
      ) expect(stdout).toContain(line)
    }))

  it.live("--help on a terminal is in color, and plain with NO_COLOR set", () =>
    Effect.gen(function*() {
      const [piped, colored, noColor, emptyNoColor] = yield* Effect.all([
        runToExit(["--help"]),
        runToExit(["--help"], { terminal: true }),
        runToExit(["--help"], { terminal: true, env: { NO_COLOR: "1" } }),
        // no-color.org: an empty NO_COLOR does not count
        runToExit(["--help"], { terminal: true, env: { NO_COLOR: "" } })
      ], { concurrency: 2 })
      expect(colored.stdout).toContain(ANSI)
      expect(emptyNoColor.stdout).toBe(colored.stdout)
      expect(noColor.stdout).toBe(piped.stdout)
      expect(noColor.stdout).not.toContain(ANSI)
      expect([piped, colored, noColor, emptyNoColor].map((exit) => exit.code)).toEqual([0, 0, 0, 0])
    }))
})
