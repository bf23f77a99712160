// ESM, with plain node: the packages' `import` condition.
import { Organizations } from "@effect-workos/core"
import { OrganizationsMemory } from "@effect-workos/fake"
import { OrganizationsHttp } from "@effect-workos/http"
import { Chunk, Effect, Stream } from "effect"
import program from "./program.cjs"

if (typeof OrganizationsHttp.layer !== "object") throw new Error("@effect-workos/http did not load")
const result = await program.run({ Effect, Stream, Chunk, Organizations, OrganizationsMemory })
console.log(`esm: ${JSON.stringify(result)}`)
