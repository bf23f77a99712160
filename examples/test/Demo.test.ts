/**
 * The demo, end to end: in process (every number checked) and as the command `pnpm demo` runs; and the provision
 * command's answer to a malformed customers file.
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import * as FakeWorkOS from "@effect-workos/fake/FakeWorkOS"
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as child from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Demo from "../src/demo/Demo.js"
import * as Customers from "../src/provision/Customers.js"
import * as Target from "../src/Target.js"
import * as Capture from "./support/Capture.js"

const root = path.join(import.meta.dirname, "..", "..")
const customersFile = path.join(root, "examples", "data", "customers.json")
const tsx = path.join(root, "node_modules", ".bin", "tsx")

/** Runs a program of examples/src with tsx, without WORKOS_API_KEY, and returns its exit code and output. */
const command = (script: string, args: ReadonlyArray<string> = []) => {
  const { WORKOS_API_KEY: _, ...env } = process.env
  const result = child.spawnSync(tsx, [path.join(root, "examples", "src", script), ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 60_000
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe("demo", () => {
  it.effect("provisions, re-provisions without changes, and audits the seeded keys", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(Date.parse("2026-06-01T00:00:00.000Z"))
      const customers = yield* Customers.decode(fs.readFileSync(customersFile, "utf8"))
      const output = Capture.make()
      const result = yield* Demo.runMemory({ customers, source: "customers.json" }).pipe(
        Effect.withConsole(output.console)
      )
      const counts = (s: typeof result.first) => [s.created, s.updated, s.unchanged, s.failed]
      expect(counts(result.first)).toEqual([238, 7, 4, 1])
      expect(counts(result.second)).toEqual([0, 0, 249, 1])
      expect([result.report.organizations, result.report.keys, result.report.findings.length]).toEqual([250, 45, 20])
      const text = output.text()
      expect(text).toContain("Step 1: provision 250 customers from customers.json")
      expect(text).toContain("DomainConflict")
      expect(text).toContain("20 need attention")
      const journal = yield* Effect.flatMap(FakeWorkOS.FakeWorkOS, (fake) => fake.journal)
      // 238 made, and the contested customer's create tried once per run
      expect(journal.filter((e) => e.operation === "createOrganization").length).toBe(240)
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory())))

  it("`pnpm demo` runs to the end on the embedded fake and exits 0", () => {
    const { status, stderr, stdout } = command("demo/main.ts")
    expect(stderr).toBe("")
    expect(status).toBe(0)
    expect(stdout).toContain("on the embedded in-memory fake")
    expect(stdout).toMatch(/│ created\s+│\s+238 │/)
    expect(stdout).toMatch(/│ unchanged\s+│\s+249 │/)
    expect(stdout).toContain("20 need attention")
    expect(stdout).toMatch(/Done in \d+\.\d s\./)
  })

  it("a malformed customers file: the record and field are named, the exit code is 1, nothing is sent", () => {
    const customers = JSON.parse(fs.readFileSync(customersFile, "utf8")) as Array<Record<string, unknown>>
    customers[42] = { ...customers[42], metadata: { seats: 40 } }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provision-"))
    const file = path.join(dir, "customers.json")
    fs.writeFileSync(file, JSON.stringify(customers))
    const { status, stderr, stdout } = command("provision/main.ts", [file])
    expect(status).toBe(1)
    expect(stderr).toContain(
      `record 42 (externalId '${
        String(customers[42]!.externalId)
      }'), field 'metadata.seats': Expected string, actual 40`
    )
    expect(stderr).toContain("Nothing was sent to WorkOS.")
    // the progress bar never started: no call was made
    expect(stdout).not.toContain("provisioning [")
    fs.rmSync(dir, { recursive: true })
  })

  it("the provision command alone creates every customer on the embedded fake", () => {
    const { status, stdout } = command("provision/main.ts", ["--concurrency", "16"])
    expect(status).toBe(0)
    expect(stdout).toMatch(/│ created\s+│\s+250 │/)
  })

  const describedWith = (env: Record<string, string>) =>
    Target.description.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))

  it.effect("the first line says where it sends: the fake, WorkOS, or WORKOS_BASE_URL's origin and never the key", () =>
    Effect.gen(function*() {
      expect(yield* describedWith({})).toBe("the embedded in-memory fake (set WORKOS_API_KEY to run against WorkOS)")
      expect(yield* describedWith({ WORKOS_API_KEY: "sk_test_secret_1" })).toBe(
        "WorkOS (WORKOS_API_KEY is set: this changes your WorkOS environment)"
      )
      const emulator = yield* describedWith({
        WORKOS_API_KEY: "sk_test_secret_1",
        WORKOS_BASE_URL: "http://127.0.0.1:8484"
      })
      expect(emulator).toBe(
        "http://127.0.0.1:8484 (WORKOS_BASE_URL; WORKOS_API_KEY is set: this changes the environment there)"
      )
      // credentials and a path in the URL are not printed
      const proxy = yield* describedWith({
        WORKOS_API_KEY: "sk_test_secret_1",
        WORKOS_BASE_URL: "https://me:sk_test_secret_1@proxy.example:8443/workos"
      })
      expect(proxy).toBe(
        "https://proxy.example:8443 (WORKOS_BASE_URL; WORKOS_API_KEY is set: this changes the environment there)"
      )
      // not a URL (here the key pasted into the wrong variable): a ConfigError naming the variable, never the value
      const notUrl = yield* Effect.flip(
        describedWith({ WORKOS_API_KEY: "sk_test_secret_1", WORKOS_BASE_URL: "sk_test_secret_1" })
      )
      expect(String(notUrl)).toContain("WORKOS_BASE_URL")
      expect(String(notUrl)).toContain("must be an http(s) URL")
      expect(String(notUrl)).not.toContain("sk_test_secret_1")
    }))

  it.scopedLive("`pnpm demo` with WORKOS_BASE_URL at a local emulator says it sends there, not to WorkOS", () =>
    Effect.gen(function*() {
      const { baseUrl } = yield* Emulator.start()
      // stopped when the test ends: the first line is all it needs
      const demo = yield* Effect.acquireRelease(
        Effect.sync(() =>
          child.spawn(tsx, [path.join(root, "examples", "src", "demo", "main.ts")], {
            cwd: root,
            env: { ...process.env, WORKOS_API_KEY: "sk_test_demo_target", WORKOS_BASE_URL: baseUrl },
            stdio: ["ignore", "pipe", "ignore"]
          })
        ),
        (demo) => Effect.sync(() => demo.kill("SIGTERM"))
      )
      const firstLine = yield* Effect.async<string>((resume) => {
        let out = ""
        demo.stdout.on("data", (chunk) => {
          out += String(chunk)
          if (out.includes("\n")) resume(Effect.succeed(out.slice(0, out.indexOf("\n"))))
        })
        demo.on("exit", () => resume(Effect.succeed(out)))
      }).pipe(Effect.timeout("30 seconds"), Effect.orDie)
      expect(firstLine).toBe(
        `effect-workos demo, on ${baseUrl} (WORKOS_BASE_URL; WORKOS_API_KEY is set: this changes the environment there)`
      )
    }))
})
