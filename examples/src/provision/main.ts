/**
 * `tsx examples/src/provision/main.ts [customers.json] [--concurrency 8]`
 *
 * Upserts one organization per customer of the file, on WorkOS when `WORKOS_API_KEY` is set, else on the embedded
 * fake. Exits with 1 when the file is malformed (nothing is sent) or when any customer failed.
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as path from "node:path"
import * as Main from "../Main.js"
import * as Progress from "../Progress.js"
import * as Target from "../Target.js"
import * as Customers from "./Customers.js"
import * as Provision from "./Provision.js"

const args = process.argv.slice(2)
const file = Main.positional(args)[0] ?? path.join(import.meta.dirname, "..", "..", "data", "customers.json")

Main.run(
  Effect.gen(function*() {
    const concurrency = yield* Main.positiveInt(args, "concurrency", 8)
    yield* Console.log(`Provisioning ${file} on ${yield* Target.description}`)
    const customers = yield* Customers.load(file)
    const summary = yield* Provision.run(customers, { concurrency, onProgress: Progress.make("provisioning") })
    yield* Console.log(Provision.render(summary))
    if (summary.failed > 0) {
      yield* new Main.CommandError({ message: `${summary.failed} of ${customers.length} customers failed` })
    }
  }).pipe(Effect.provide(Target.layer))
)
