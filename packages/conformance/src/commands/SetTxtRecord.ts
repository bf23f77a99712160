/**
 * Publishes a domain's TXT record on both sides (`verification_token=<token>` with the token each side issued for
 * it), a value that is no domain's token, or withdraws the name's record — through each side's control (the fake's
 * `FakeWorkOS`, the emulator's control route). Nothing verifies until the next DNS check, or a verify.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as fc from "effect/FastCheck"
import { publishedRecord } from "../model/Domains.js"
import type { Command } from "./Command.js"
import { plan } from "./Command.js"
import { type DomainRef, domainRef, domainRefText, resolveDomain } from "./DomainRefs.js"
import { DOMAINS } from "./Specs.js"

/**
 * @since 0.3.0
 * @category models
 */
export interface Fields {
  readonly domain: DomainRef
  readonly value: "token" | "other" | "remove"
}

/**
 * The TXT value that verifies a domain with this token (WIRE-LIFECYCLE.md §7 #14).
 *
 * @since 0.3.0
 * @category rendering
 */
export const txtValue = (token: string): string => `verification_token=${token}`

/**
 * @since 0.3.0
 * @category commands
 */
export const command: Command<Fields> = {
  operation: "setTxtRecord",
  weight: 4,
  arbitrary: fc.record({
    domain: domainRef,
    value: fc.constantFrom("token" as const, "token" as const, "token" as const, "other" as const, "remove" as const)
  }),
  ready: (state) => state.controlled,
  describe: (input) =>
    input.value === "remove"
      ? `removeTxtRecord(<name of ${domainRefText(input.domain)}>)`
      : `setTxtRecord(<name of ${domainRefText(input.domain)}>, ${
        input.value === "token" ? "verification_token=<its token>" : "<another value>"
      })`,
  plan: (state, input) => {
    const record = resolveDomain(state, input.domain)
    const name = record?.domain.domain ?? DOMAINS[0]!
    const tokens = record?.domain.tokens
    const carries = input.value === "token" && tokens?.a != null && tokens.b != null
    return plan(
      (s, side) => {
        if (s.control === undefined) return Effect.dieMessage("setTxtRecord needs the side's control")
        const value = input.value === "remove"
          ? null
          : carries
          ? txtValue(tokens![side]!)
          : txtValue("not-any-domains-token")
        return s.control.setTxtRecord(name, value)
      },
      () => {
        publishedRecord(
          state,
          name,
          input.value === "remove" ? { _tag: "Remove" } : { _tag: "Set", owner: carries ? record!.domain : undefined }
        )
        return []
      }
    )
  }
}
