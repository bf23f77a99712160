/**
 * The reference model's rules: which outcomes each command may have in a given state (WIRE.md, with its
 * recommended choices where the real API is unverified). Where WIRE.md leaves the outcome open (which of two
 * applicable errors wins, whether a pending domain conflicts with a verified one), each of them is allowed.
 *
 * @since 0.1.0
 */
import type * as Options from "@effect-workos/core/Options"
import { EXPIRES_AT, type Limits } from "../commands/Specs.js"
import { fingerprint, normalize, type Org, type State, storedFor } from "./State.js"

const isAscii = (s: string): boolean => /^[\x00-\x7F]*$/.test(s)
const isBlank = (s: string): boolean => s.trim() === ""

/**
 * A host name: 1–253 characters, at least two dot-separated labels of 1–63 letters, digits and inner hyphens.
 *
 * @since 0.1.0
 * @category rules
 */
export const isHostName = (domain: string): boolean => {
  // an empty string is one empty label
  if (domain.length > 253) return false
  const labels = domain.split(".")
  return labels.length >= 2 && labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))
}

/** Why a `domain_data` list is invalid: a domain that is not a host name, or one listed twice. */
const domainDataProblem = (data: ReadonlyArray<Options.DomainData>): boolean => {
  const seen = new Set<string>()
  for (const d of data) {
    const domain = normalize(d.domain)
    if (!isHostName(domain) || seen.has(domain)) return true
    seen.add(domain)
  }
  return false
}

/**
 * Why metadata breaks the limits, if it does.
 *
 * @since 0.1.0
 * @category rules
 */
export const metadataProblem = (metadata: Readonly<Record<string, string>>, limits: Limits): string | undefined => {
  const entries = Object.entries(metadata)
  if (entries.length > limits.metadataMaxKeys) return "too many keys"
  for (const [k, v] of entries) {
    if (k === "") return "empty key"
    if (k.length > limits.metadataKeyMaxLength) return "key too long"
    if (v.length > limits.metadataValueMaxLength) return "value too long"
    if (limits.metadataAsciiOnly && (!isAscii(k) || !isAscii(v))) return "not ASCII"
  }
  return undefined
}

const externalIdValid = (externalId: string, limits: Limits): boolean =>
  externalId.length > 0 && externalId.length <= limits.externalIdMaxLength &&
  (!limits.externalIdAsciiOnly || isAscii(externalId))

const holdsVerified = (org: Org, domain: string): boolean =>
  org.domains.some((d) => d.domain === domain && (d.state === "verified" || d.state === "legacy_verified"))

/**
 * Whether requested domains conflict with another alive organization: `certain` when a `verified` request meets
 * another organization's verified domain (WIRE.md §13 #9), `possible` when a `pending` request does (unverified).
 */
const domainConflict = (
  state: State,
  requested: ReadonlyArray<Options.DomainData>,
  self: Org | undefined
): { readonly certain: boolean; readonly possible: boolean } => {
  let certain = false
  let possible = false
  for (const r of requested) {
    const domain = normalize(r.domain)
    const held = state.orgs.some((o) => o.alive && o !== self && holdsVerified(o, domain))
    if (held && r.state === "verified") certain = true
    else if (held) possible = true
  }
  return { certain, possible }
}

/**
 * The outcomes a command may have: `"ok"` or error tags. `replay` is the A id an `ok` answer must carry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Expectation {
  readonly allowed: ReadonlyArray<string>
  readonly replay?: string | undefined
}

const expectation = (
  validation: ReadonlyArray<string>,
  business: ReadonlyArray<string>,
  possible: ReadonlyArray<string> = []
): Expectation => {
  if (validation.length > 0) return { allowed: validation }
  if (business.length > 0) return { allowed: business }
  return { allowed: ["ok", ...possible] }
}

/**
 * @since 0.1.0
 * @category rules
 */
export const expectCreateOrganization = (
  state: State,
  options: Options.CreateOrganizationOptions,
  key: string | undefined
): Expectation => {
  const validation: Array<string> = []
  if (isBlank(options.name)) validation.push("ValidationFailed")
  if (options.externalId !== undefined && !externalIdValid(options.externalId, state.limits)) {
    validation.push("ValidationFailed")
  }
  if (options.domainData !== undefined && domainDataProblem(options.domainData)) validation.push("ValidationFailed")
  if (options.metadata !== undefined && metadataProblem(options.metadata, state.limits) !== undefined) {
    validation.push("InvalidMetadata")
  }
  if (key !== undefined) {
    const stored = storedFor(state, key)
    if (stored !== undefined) {
      return stored.fingerprint === fingerprint(["org", options])
        ? { allowed: ["ok"], replay: stored.a }
        : { allowed: ["IdempotencyKeyReused", ...validation] }
    }
  }
  const business: Array<string> = []
  // an absent external id is never one an organization holds (theirs are a string or null)
  if (state.orgs.some((o) => o.alive && o.externalId === options.externalId)) {
    business.push("ExternalIdAlreadyUsed")
  }
  const conflict = domainConflict(state, options.domainData ?? [], undefined)
  if (conflict.certain) business.push("DomainConflict")
  return expectation(validation, business, conflict.possible ? ["DomainConflict"] : [])
}

/**
 * @since 0.1.0
 * @category rules
 */
export const expectUpdateOrganization = (
  state: State,
  target: Org | undefined,
  options: Omit<Options.UpdateOrganizationOptions, "organization">
): Expectation => {
  const validation: Array<string> = []
  if (options.name !== undefined && isBlank(options.name)) validation.push("ValidationFailed")
  if (typeof options.externalId === "string" && !externalIdValid(options.externalId, state.limits)) {
    validation.push("ValidationFailed")
  }
  if (options.domainData !== undefined && domainDataProblem(options.domainData)) validation.push("ValidationFailed")
  if (options.metadata != null && metadataProblem(options.metadata, state.limits) !== undefined) {
    validation.push("InvalidMetadata")
  }
  const possible: Array<string> = []
  if (options.stripeCustomerId === "") validation.push("ValidationFailed")
  else if (options.stripeCustomerId !== undefined && !state.limits.stripeCustomerIdEnabled) {
    if (options.stripeCustomerId === null) possible.push("ValidationFailed")
    else validation.push("ValidationFailed")
  }
  if (target === undefined || !target.alive) {
    // whether input validation or the lookup comes first is not documented
    return { allowed: ["NotFound", ...validation] }
  }
  const business: Array<string> = []
  if (
    typeof options.externalId === "string" &&
    state.orgs.some((o) => o.alive && o !== target && o.externalId === options.externalId)
  ) {
    business.push("ExternalIdAlreadyUsed")
  }
  if (
    typeof options.stripeCustomerId === "string" && state.limits.stripeCustomerIdEnabled &&
    state.orgs.some((o) => o.alive && o !== target && o.stripeCustomerId === options.stripeCustomerId)
  ) {
    business.push("StripeCustomerIdAlreadyUsed")
  }
  const conflict = domainConflict(state, options.domainData ?? [], target)
  if (conflict.certain) business.push("DomainConflict")
  if (conflict.possible) possible.push("DomainConflict")
  return expectation(validation, business, possible)
}

/**
 * get, delete, roles, feature flags, api key lists: the organization must be alive.
 *
 * @since 0.1.0
 * @category rules
 */
export const expectExisting = (target: Org | undefined, validation: ReadonlyArray<string> = []): Expectation =>
  target !== undefined && target.alive
    ? expectation(validation, [])
    : { allowed: ["NotFound", ...validation] }

/**
 * @since 0.1.0
 * @category rules
 */
export const expectCreateApiKey = (
  state: State,
  target: Org | undefined,
  options: Omit<Options.CreateOrganizationApiKeyOptions, "organizationId">,
  key: string | undefined
): Expectation => {
  const validation: Array<string> = []
  // WorkOS requires a name (WIRE.md §3.10); a blank one counts as missing, as for organizations (§13 #24)
  if (isBlank(options.name)) validation.push("ValidationFailed")
  if (options.expiresAt === EXPIRES_AT.past) validation.push("ValidationFailed")
  if (key !== undefined) {
    const stored = storedFor(state, key)
    if (stored !== undefined) {
      return stored.fingerprint === fingerprint(["key", target?.a, options])
        ? { allowed: ["ok"], replay: stored.a }
        : { allowed: ["IdempotencyKeyReused", "NotFound", ...validation] }
    }
  }
  if (target === undefined || !target.alive) return { allowed: ["NotFound", ...validation] }
  return expectation(validation, [])
}
