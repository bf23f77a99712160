/**
 * Building the objects an operation creates: frozen lists and metadata (empty ones shared), new domains.
 *
 * @internal
 */
import { OrganizationDomain } from "@effect-workos/core/Organization"
import { ALPHANUMERIC, LOWER_ALPHANUMERIC } from "./prng.js"
import type * as Rules from "./rules.js"
import type { Store } from "./store.js"
import { EMPTY_DOMAINS, EMPTY_METADATA } from "./store.js"

/** Construct without re-validating: every value was checked by the rules before it gets here. @internal */
export const UNCHECKED = { disableValidation: true } as const

/** A new organization's domains, frozen; all empty lists are one shared value. @internal */
export const frozenDomains = (domains: Array<OrganizationDomain>): ReadonlyArray<OrganizationDomain> =>
  domains.length === 0 ? EMPTY_DOMAINS : Object.freeze(domains)

/** Metadata as given, frozen; no metadata (absent, `null` or `{}`) is one shared empty value. @internal */
export const frozenMetadata = (
  metadata: Readonly<Record<string, string>> | null | undefined
): Readonly<Record<string, string>> =>
  Object.keys(metadata ?? EMPTY_METADATA).length === 0 ? EMPTY_METADATA : Object.freeze({ ...metadata })

/** A domain an operation adds: `verified` ones by `manual` verification, `pending` ones with a DNS token. @internal */
export const newDomain = (
  store: Store,
  organizationId: string,
  request: Rules.RequestedDomain,
  now: number,
  at: string
): OrganizationDomain => {
  const id = store.nextId("org_domain_", now)
  return request.state === "verified"
    ? new OrganizationDomain({
      id,
      organizationId,
      domain: request.domain,
      state: "verified",
      verificationStrategy: "manual",
      createdAt: at,
      updatedAt: at
    }, UNCHECKED)
    : new OrganizationDomain({
      id,
      organizationId,
      domain: request.domain,
      state: "pending",
      verificationStrategy: "dns",
      verificationToken: store.prng.nextString(ALPHANUMERIC, 25),
      verificationPrefix: `workos-domain-verification-${store.prng.nextString(LOWER_ALPHANUMERIC, 6)}`,
      createdAt: at,
      updatedAt: at
    }, UNCHECKED)
}
