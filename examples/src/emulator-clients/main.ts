/**
 * `tsx examples/src/emulator-clients/main.ts [http://127.0.0.1:8484]`
 *
 * Runs the official Node SDK against an emulator: the one at the given URL (start it with
 * `pnpm emulator -- --port 8484`), or, without an argument, one started in this process.
 *
 * @since 0.1.0
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Main from "../Main.js"
import * as OfficialNode from "./OfficialNode.js"

const given = process.argv[2]

Main.run(
  Effect.gen(function*() {
    const baseUrl = given ?? (yield* Emulator.start()).baseUrl
    yield* Console.log(`@workos-inc/node against the emulator at ${baseUrl}`)
    const tour = yield* Effect.promise(() => OfficialNode.tour(OfficialNode.client(baseUrl)))
    yield* Console.log(JSON.stringify(tour, null, 2))
  }).pipe(Effect.scoped)
)
