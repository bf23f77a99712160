/**
 * The command line, as a user starts it: a separate process, its first stdout line, and SIGTERM.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as ChildProcess from "node:child_process"
import * as Fs from "node:fs"
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

  it.scopedLive("a seed file that is not valid fixtures stops it with a non-zero exit naming the field", () =>
    Effect.gen(function*() {
      const fixtures = Path.join(Fs.mkdtempSync(Path.join(Os.tmpdir(), "emulator-cli-")), "bad.json")
      Fs.writeFileSync(fixtures, JSON.stringify({ organizations: [{ nom: "x" }] }))
      const error = yield* Effect.flip(spawn(["--port", "0", "--seed", fixtures]))
      expect(error.message).toMatch(
        /^exit 1: effect-workos emulator: .*bad\.json is not a fixtures document: at 'organizations\[0\]\.nom'/
      )
    }))
})
