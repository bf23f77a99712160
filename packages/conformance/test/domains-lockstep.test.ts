/**
 * The organization domain commands as one fixed script, in lockstep: the fake (A) against the live layer over the
 * emulator (B), both controlled (DNS and clock), each step compared and checked against the reference model like a
 * generated run. The script walks every transition the generated runs reach only by chance: verify before and after
 * the TXT record, a DNS check, the 30-day expiry, a restart, a verified domain's 400, a delete then a get, and the
 * other-organization rule.
 */
import * as Emulator from "@effect-workos/emulator/Emulator"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import * as Runtime from "effect/Runtime"
import * as Commands from "../src/Commands.js"
import * as Lockstep from "../src/Lockstep.js"
import * as Model from "../src/Model.js"
import * as Observation from "../src/Observation.js"
import * as Sides from "./support/sides.js"

const { Input } = Commands
const PERIOD = Model.VERIFICATION_PERIOD / Model.DNS_CHECK_INTERVAL

/** The script; each line's expected outcome on both sides is in the trace assertion below. */
const script: ReadonlyArray<Commands.Input> = [
  Input.CreateOrganization({ name: "Acme" }),
  Input.CreateOrganization({ name: "Globex" }),
  // Acme adds initech.test: pending; verify before the record stays pending
  Input.CreateOrganizationDomain({ target: { _tag: "Org", pick: 2 }, domain: { _tag: "Pool", base: 2, upper: true } }),
  Input.VerifyOrganizationDomain({ domain: { _tag: "Pending", pick: 1 } }),
  // Globex adds it too (pending elsewhere is allowed)
  Input.CreateOrganizationDomain({ target: { _tag: "Org", pick: 3 }, domain: { _tag: "Pool", base: 2, upper: false } }),
  // Acme's record is published: nothing changes until the next check, which verifies it and fails Globex's copy
  Input.SetTxtRecord({ domain: { _tag: "Pending", pick: 1 }, value: "token" }),
  Input.GetOrganizationDomain({ domain: { _tag: "Pending", pick: 1 } }),
  Input.AdvanceClock({ intervals: 1 }),
  Input.AwaitVerification({ domain: { _tag: "Verified", pick: 1 } }),
  Input.VerifyOrganizationDomain({ domain: { _tag: "Verified", pick: 1 } }),
  Input.AwaitVerification({ domain: { _tag: "Failed", pick: 0 } }),
  // Globex adds umbrella.test and never publishes: 30 days later it is failed; a restart, then verify finds it
  Input.CreateOrganizationDomain({ target: { _tag: "Org", pick: 3 }, domain: { _tag: "Pool", base: 3, upper: false } }),
  Input.AdvanceClock({ intervals: PERIOD - 1 }),
  Input.GetOrganizationDomain({ domain: { _tag: "Pending", pick: 0 } }),
  Input.AdvanceClock({ intervals: 1 }),
  // (the failed ones: the seeded globex.test, whose 30 days are over too, Globex's initech.test, umbrella.test)
  Input.GetOrganizationDomain({ domain: { _tag: "Failed", pick: 2 } }),
  Input.VerifyOrganizationDomain({ domain: { _tag: "Failed", pick: 2 } }),
  Input.SetTxtRecord({ domain: { _tag: "Pending", pick: 0 }, value: "token" }),
  Input.VerifyOrganizationDomain({ domain: { _tag: "Pending", pick: 0 } }),
  // deleting it: the get afterwards is NotFound, and so are a second delete and a verify
  Input.DeleteOrganizationDomain({ domain: { _tag: "Verified", pick: 2 } }),
  Input.DeleteOrganizationDomain({ domain: { _tag: "Deleted", pick: 0 } }),
  Input.VerifyOrganizationDomain({ domain: { _tag: "Deleted", pick: 0 } })
]

describe("lockstep: the organization domain script, the fake (A) against the emulator (B)", () => {
  it.live("every step agrees on both sides and with the reference model", () =>
    Effect.scoped(Effect.gen(function*() {
      const address = yield* Emulator.start({ fixtures: Sides.fixtures as never })
      const a = yield* Sides.memory({ fixtures: Sides.fixtures })
      const b = yield* Sides.overHttp({ address, apiKey: "sk_test_domain_script", controlled: true })
      const observer = Observation.make()
      for (const s of Sides.seeded) observer.bind(s.id, s.id)
      for (const s of Sides.seeded) for (const d of s.domains) if (d.ids !== undefined) observer.bind(d.ids.a, d.ids.b)
      const runtime = yield* Effect.runtime<never>()
      const real: Lockstep.Real = {
        a,
        b,
        runPromise: (effect) => Runtime.runPromise(runtime)(effect),
        observer,
        settings: { namespace: Commands.namespace(""), limits: Commands.defaultLimits, invariantsOnB: true },
        trace: [],
        stats: Lockstep.makeStats()
      }
      const state = Model.make(Commands.defaultLimits, Sides.seeded, Sides.flags, { controlled: true })
      yield* Effect.promise(() =>
        fc.asyncModelRun(() => ({ model: state, real }), script.map((input) => new Lockstep.Step(input)))
      )
      const outcomes = real.trace.map((line) => line.slice(line.lastIndexOf("→ ") + 2))
      assert.deepStrictEqual(outcomes, [
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "DomainAlreadyVerified",
        "DomainVerificationFailed",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "NotFound",
        "NotFound"
      ], real.trace.join("\n"))
      // the model's view at the end: Acme's initech.test verified, Globex's copy failed, umbrella.test deleted
      const [acme, globex] = state.orgs.slice(2)
      assert.deepStrictEqual(acme!.domains.map((d) => `${d.domain}:${d.state}`), ["initech.test:verified"])
      assert.deepStrictEqual(globex!.domains.map((d) => `${d.domain}:${d.state}`), ["initech.test:failed"])
    })))
})
