import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as FakeWorkOS from "../src/FakeWorkOS.js"
import * as OrganizationsMemory from "../src/OrganizationsMemory.js"
const COUNT = Number(process.argv[2] ?? 100000)
const start = Date.parse("2025-01-01T00:00:00.000Z")
const fixtures = Array.from({ length: COUNT }, (_, i) => ({
  name: `Organization ${i}`,
  createdAt: new Date(start + i * 1000).toISOString(),
  ...(i % 3 === 0 ? { externalId: `customer-${i}` } : {}),
  ...(i % 5 === 0 ? { domains: [{ domain: `org${i}.example.com`, state: "verified" as const }] } : {}),
  ...(i % 10 === 0 ? { metadata: { plan: "pro", region: "eu" } } : {})
}))
let t = performance.now()
Schema.decodeUnknownSync(FakeWorkOS.Fixtures)({ organizations: fixtures })
console.log("decode", performance.now() - t)
const m = Effect.runSync(OrganizationsMemory.makeMemory({ seed: 1 }))
t = performance.now()
const c0 = process.cpuUsage()
Effect.runSync(m.control.seed({ organizations: fixtures }))
const c1 = process.cpuUsage(c0)
console.log("seed wall", performance.now() - t, "cpu", (c1.user + c1.system) / 1000)
t = performance.now()
if (process.env.CREATES) {
  for (let i = 0; i < 20000; i++) {
    Effect.runSync(m.organizations.createOrganization({ name: `x ${i}`, externalId: `n${i}` }))
  }
}
console.log("creates/s", 20000 / ((performance.now() - t) / 1000))
t = performance.now()
if (process.env.CREATES) {
  for (let i = 0; i < 20000; i++) {
    Effect.runSync(m.backend.createOrganization({ name: `y ${i}`, externalId: `m${i}` }, {}))
  }
}
console.log("backend creates/s", 20000 / ((performance.now() - t) / 1000))
