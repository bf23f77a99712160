/**
 * The reference model's checks: the fields of every answer it can check, list pages and cursors, and the
 * invariants over a full listing of one side.
 *
 * @since 0.1.0
 */
import type * as ApiKeyModule from "@effect-workos/core/ApiKey"
import type { List } from "@effect-workos/core/List"
import type { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import * as Arr from "effect/Array"
import { EXPIRED } from "./ApiKeys.js"
import { catchUp, observe, statesOf } from "./Domains.js"
import { alive, type ApiKey, type DomainRecord, normalize, type Org, type State } from "./State.js"

/** Domains as a set: `domain:state`, sorted (a state the model cannot tell yet shows its alternatives). */
const sortedDomains = (ds: ReadonlyArray<{ readonly domain: string; readonly state: string }>) =>
  ds.map((d) => `${d.domain}:${d.state}`).sort()

/**
 * An organization's `domains` against the model: the same names, each in a state the model allows, with the
 * record's id on that side once the model knows it.
 */
const checkDomains = (
  at: string,
  org: Org,
  shown: ReadonlyArray<{ readonly id: string; readonly domain: string; readonly state: string }>,
  side: "a" | "b"
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const got = shown.map((d) => ({ ...d, domain: normalize(d.domain) }))
  const names = (ds: ReadonlyArray<{ readonly domain: string }>) => ds.map((d) => d.domain).sort().join(",")
  const matches = names(got) === names(org.domains) &&
    org.domains.every((d) => {
      const value = got.find((g) => g.domain === d.domain)
      return value !== undefined && statesOf(d).includes(value.state)
    })
  if (!matches) {
    const known = sortedDomains(org.domains.map((d) => ({ domain: d.domain, state: statesOf(d).join("|") })))
    problems.push(`${at}: domains are [${sortedDomains(got).join(", ")}], model says [${known.join(", ")}]`)
  }
  for (const d of org.domains) {
    const value = got.find((g) => g.domain === d.domain)
    if (value !== undefined && d.ids !== undefined && value.id !== d.ids[side]) {
      problems.push(`${at}: domain ${d.domain} has the id ${value.id}, model says ${d.ids[side]}`)
    }
  }
  return problems
}

/** A map as its entries sorted by key, in JSON. */
const sortedRecord = (r: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k]]))

/**
 * The fields of an organization answer that differ from the model.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkOrganization = (org: Org, value: Organization, side: "a" | "b" = "a"): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const at = `org #${org.index} (${side === "a" ? org.a : org.b})`
  if (value.id !== org[side]) problems.push(`${at}: id is ${value.id}`)
  if (value.name !== org.name) {
    problems.push(`${at}: name is ${JSON.stringify(value.name)}, model says ${JSON.stringify(org.name)}`)
  }
  if (value.externalId !== org.externalId) {
    problems.push(
      `${at}: externalId is ${JSON.stringify(value.externalId)}, model says ${JSON.stringify(org.externalId)}`
    )
  }
  if (sortedRecord(value.metadata) !== sortedRecord(org.metadata)) {
    problems.push(`${at}: metadata is ${sortedRecord(value.metadata)}, model says ${sortedRecord(org.metadata)}`)
  }
  problems.push(...checkDomains(at, org, value.domains, side))
  if ((value.stripeCustomerId ?? null) !== org.stripeCustomerId) {
    problems.push(
      `${at}: stripeCustomerId is ${JSON.stringify(value.stripeCustomerId)}, model says ${
        JSON.stringify(org.stripeCustomerId)
      }`
    )
  }
  if (value.updatedAt < value.createdAt) {
    problems.push(`${at}: updatedAt ${value.updatedAt} < createdAt ${value.createdAt}`)
  }
  for (const d of value.domains) {
    if (d.organizationId !== undefined && d.organizationId !== value.id) {
      problems.push(`${at}: domain ${d.domain} belongs to ${d.organizationId}`)
    }
  }
  return problems
}

/**
 * The fields of an API key answer that differ from the model.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkApiKey = (
  key: ApiKey,
  value: ApiKeyModule.ApiKey | ApiKeyModule.CreatedApiKey,
  side: "a" | "b" = "a"
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const at = `api key #${key.index} (${key[side]})`
  if (value.id !== key[side]) problems.push(`${at}: id is ${value.id}`)
  if (value.name !== key.name) {
    problems.push(`${at}: name is ${JSON.stringify(value.name)}, model says ${JSON.stringify(key.name)}`)
  }
  if ([...value.permissions].sort().join(",") !== [...key.permissions].sort().join(",")) {
    problems.push(
      `${at}: permissions are ${JSON.stringify(value.permissions)}, model says ${JSON.stringify(key.permissions)}`
    )
  }
  if (key.expiresAt === EXPIRED ? value.expiresAt === null : value.expiresAt !== key.expiresAt) {
    problems.push(`${at}: expiresAt is ${JSON.stringify(value.expiresAt)}, model says ${JSON.stringify(key.expiresAt)}`)
  }
  if ((value.lastUsedAt !== null) !== key.used) {
    problems.push(
      `${at}: lastUsedAt is ${JSON.stringify(value.lastUsedAt)}, model says ${key.used ? "used" : "never used"}`
    )
  }
  if (value.owner.type !== "organization" || value.owner.id !== key.org[side]) {
    problems.push(`${at}: owner is ${JSON.stringify(value.owner)}, model says organization ${key.org[side]}`)
  }
  return problems
}

/**
 * The fields of a standalone domain answer that differ from the model: its id and organization on that side, its
 * name, a state the model allows (A's answer settles one it could not tell), the token the side issued, a `dns`
 * strategy and a prefix on the domains created through `createOrganizationDomain`, and its timestamps.
 *
 * @since 0.3.0
 * @category checks
 */
export const checkDomain = (
  state: State,
  record: DomainRecord,
  value: OrganizationDomain,
  side: "a" | "b" = "a"
): ReadonlyArray<string> => {
  const { domain, org } = record
  const problems: Array<string> = []
  const at = `domain ${domain.domain} (${domain.ids?.[side] ?? "?"})`
  if (domain.ids !== undefined && value.id !== domain.ids[side]) problems.push(`${at}: id is ${value.id}`)
  if (value.organizationId !== org[side]) {
    problems.push(`${at}: organizationId is ${value.organizationId}, model says ${org[side]}`)
  }
  if (value.domain !== domain.domain) problems.push(`${at}: domain is ${JSON.stringify(value.domain)}`)
  if (side === "a") problems.push(...observe(state, org, domain, value.state).map((p) => `${at}: ${p}`))
  else if (!statesOf(domain).includes(value.state)) {
    problems.push(`${at}: state is ${value.state}, model says ${statesOf(domain).join(" | ")}`)
  }
  const token = domain.tokens?.[side]
  if (token != null && value.verificationToken !== token) {
    problems.push(`${at}: verificationToken is ${JSON.stringify(value.verificationToken)}, it was ${token}`)
  }
  if (domain.strategy !== undefined) {
    if (value.verificationStrategy !== domain.strategy) {
      problems.push(`${at}: verificationStrategy is ${value.verificationStrategy}, model says ${domain.strategy}`)
    }
    if (typeof value.verificationToken !== "string" || value.verificationToken === "") {
      problems.push(`${at}: no verificationToken`)
    }
    if (typeof value.verificationPrefix !== "string" || value.verificationPrefix === "") {
      problems.push(`${at}: no verificationPrefix`)
    }
  }
  if (value.createdAt === undefined || value.updatedAt === undefined) problems.push(`${at}: a timestamp is missing`)
  else if (value.updatedAt < value.createdAt) {
    problems.push(`${at}: updatedAt ${value.updatedAt} < createdAt ${value.createdAt}`)
  }
  return problems
}

/**
 * Compares a list page with the model's: the items (by A id) and both cursors.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkPage = <A extends { readonly id: string }>(
  label: string,
  answer: List<A>,
  expected: { readonly data: ReadonlyArray<string>; readonly before: string | null; readonly after: string | null }
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const got = answer.data.map((x) => x.id)
  if (got.join(",") !== expected.data.join(",")) {
    problems.push(`${label}: page holds [${got.join(", ")}], model says [${expected.data.join(", ")}]`)
  }
  if (answer.listMetadata.before !== expected.before) {
    problems.push(`${label}: list_metadata.before is ${answer.listMetadata.before}, model says ${expected.before}`)
  }
  if (answer.listMetadata.after !== expected.after) {
    problems.push(`${label}: list_metadata.after is ${answer.listMetadata.after}, model says ${expected.after}`)
  }
  return problems
}

/**
 * The invariants over a full listing of one side (newest first): every alive organization exactly once and
 * nothing else (the count and pagination completeness), in creation order, external ids and verified domains
 * unique, and each organization's fields as the model has them (its domains brought up to the model's time first;
 * A's listing settles a domain state the model could not tell).
 *
 * @since 0.1.0
 * @category checks
 */
export const checkListing = (
  state: State,
  listing: ReadonlyArray<Organization>,
  side: "a" | "b"
): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const label = side === "a" ? "A" : "B"
  catchUp(state)
  const byId = new Map(state.orgs.map((o) => [o[side], o]))
  const seen = new Set<string>()
  let previous = Infinity
  const externalIds = new Map<string, string>()
  const verified = new Map<string, string>()
  for (const value of listing) {
    if (seen.has(value.id)) problems.push(`${label}: the full listing holds ${value.id} twice`)
    seen.add(value.id)
    const org = byId.get(value.id)
    if (org === undefined) {
      problems.push(`${label}: the full listing holds ${value.id}, which the model does not know`)
      continue
    }
    if (!org.alive) problems.push(`${label}: the full listing holds deleted org #${org.index} (${value.id})`)
    if (org.index >= previous) problems.push(`${label}: the full listing is not newest first at ${value.id}`)
    previous = org.index
    if (value.externalId !== null) {
      const other = externalIds.get(value.externalId)
      if (other !== undefined) problems.push(`${label}: external id ${value.externalId} on ${other} and ${value.id}`)
      externalIds.set(value.externalId, value.id)
    }
    for (const d of value.domains) {
      if (d.state !== "verified" && d.state !== "legacy_verified") continue
      const domain = normalize(d.domain)
      const other = verified.get(domain)
      if (other !== undefined && other !== value.id) {
        problems.push(`${label}: verified domain ${domain} on ${other} and ${value.id}`)
      }
      verified.set(domain, value.id)
    }
    if (side === "a") {
      // A's listing settles the domain states the model could not tell (B's must then agree)
      for (const d of org.domains) {
        const shown = value.domains.find((x) => normalize(x.domain) === d.domain)
        if (shown !== undefined && d.possible !== undefined) problems.push(...observe(state, org, d, shown.state))
      }
    }
    problems.push(...checkOrganization(org, value, side))
  }
  const expected = alive(state)
  if (listing.length !== expected.length || expected.some((o) => !seen.has(o[side]))) {
    const missing = expected.filter((o) => !seen.has(o[side])).map((o) => `#${o.index} (${o[side]})`)
    problems.push(
      `${label}: the full listing has ${listing.length} organizations, the model ${expected.length}` +
        (missing.length === 0 ? "" : `; missing ${missing.join(", ")}`)
    )
  }
  return problems
}

/**
 * Compares a walk (a Stream collected) with the model's items in order: the ids first, then each item's fields.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkSequence = <V extends { readonly id: string }, M>(
  label: string,
  got: ReadonlyArray<V>,
  expected: ReadonlyArray<M>,
  idOf: (m: M) => string,
  check: (m: M, value: V) => ReadonlyArray<string>
): ReadonlyArray<string> => {
  const ids = got.map((v) => v.id)
  const want = expected.map(idOf)
  if (ids.join(",") !== want.join(",")) return [`${label} yields [${ids.join(", ")}], the model [${want.join(", ")}]`]
  return Arr.flatten(Arr.zipWith(expected, got, check))
}

/**
 * The environment's roles come before the organization's own.
 *
 * @since 0.1.0
 * @category checks
 */
export const checkRoleOrder = (types: ReadonlyArray<string>): ReadonlyArray<string> => {
  const firstOrgRole = types.indexOf("OrganizationRole")
  return firstOrgRole >= 0 && types.slice(firstOrgRole).includes("EnvironmentRole")
    ? [`roles are not environment roles first: ${types.join(", ")}`]
    : []
}
