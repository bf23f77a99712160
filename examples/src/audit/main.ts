/**
 * `tsx examples/src/audit/main.ts [--days 90] [--concurrency 8]`
 *
 * Lists the API keys that were never used or were created more than `--days` days ago, across all organizations,
 * on WorkOS when `WORKOS_API_KEY` is set, else on the embedded fake (which starts empty).
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Main from "../Main.js"
import * as Target from "../Target.js"
import * as Audit from "./Audit.js"

const args = process.argv.slice(2)

Main.run(
  Effect.gen(function*() {
    const olderThanDays = yield* Main.positiveInt(args, "days", 90)
    const concurrency = yield* Main.positiveInt(args, "concurrency", 8)
    yield* Console.log(`Auditing API keys on ${yield* Target.description}`)
    const report = yield* Audit.run({ olderThanDays, concurrency })
    yield* Console.log(Audit.render(report))
  }).pipe(Effect.provide(Target.layer))
)
