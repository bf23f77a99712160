/**
 * `pnpm demo` (`tsx examples/src/demo/main.ts`): provision the shipped customers twice, then audit API keys, on the
 * embedded fake (seeded so that every outcome shows up) or, when `WORKOS_API_KEY` is set, on WorkOS (or the server
 * `WORKOS_BASE_URL` points at; its first line says which).
 *
 * @since 0.1.0
 */
import * as OrganizationsMemory from "@effect-workos/fake/OrganizationsMemory"
import * as NodeClient from "@effect-workos/http/NodeClient"
import * as Clock from "effect/Clock"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as path from "node:path"
import * as Main from "../Main.js"
import * as Progress from "../Progress.js"
import * as Customers from "../provision/Customers.js"
import * as Target from "../Target.js"
import * as Demo from "./Demo.js"

const file = path.join(import.meta.dirname, "..", "..", "data", "customers.json")

Main.run(
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    const target = yield* Target.target
    yield* Console.log(`effect-workos demo, on ${yield* Target.description}\n`)
    const customers = yield* Customers.load(file)
    const options: Demo.Options = {
      customers,
      source: path.relative(process.cwd(), file),
      onProgress: Progress.make("  provisioning")
    }
    yield* target === "live"
      ? Effect.provide(Demo.runLive(options), NodeClient.layerFromEnv)
      : Effect.provide(Demo.runMemory(options), OrganizationsMemory.layerMemory())
    const end = yield* Clock.currentTimeMillis
    yield* Console.log(`\nDone in ${((end - start) / 1000).toFixed(1)} s.`)
  })
)
