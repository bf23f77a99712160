import * as Effect from "effect/Effect"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"
const m = Effect.runSync(OrganizationsMemory.makeMemory({ seed: 1 }))
const N = 30000
let t = performance.now()
Effect.runSync(Effect.gen(function*() {
  for (let i = 0; i < N; i++) yield* m.organizations.createOrganization({ name: `x ${i}`, externalId: `n${i}` })
}))
let dt = performance.now() - t
console.log("service creates/s", N / (dt / 1000), process.cpuUsage())
t = performance.now()
if (process.env.SKIP) process.exit(0)
Effect.runSync(Effect.gen(function*() {
  for (let i = 0; i < N; i++) yield* m.backend.createOrganization({ name: `y ${i}`, externalId: `m${i}` }, {})
}))
dt = performance.now() - t
console.log("backend creates/s", N / (dt / 1000))
