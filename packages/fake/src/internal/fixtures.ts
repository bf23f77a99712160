/**
 * Fixtures turned into a batch of objects for `seeding.load`: ids and timestamps filled in, secrets hashed,
 * defaults applied.
 *
 * @internal
 */
import { ApiKey, OrganizationOwner } from "@effect-workos/core/ApiKey"
import { FeatureFlag, FeatureFlagOwner } from "@effect-workos/core/FeatureFlag"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import { Role } from "@effect-workos/core/Role"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type { Fixtures } from "../FakeWorkOS.js"
import { ALPHANUMERIC, LOWER_ALPHANUMERIC } from "./prng.js"
import * as Rules from "./rules.js"
import type { Batch, LoadError } from "./seeding.js"
import { fail, indexed, section } from "./seeding.js"
import * as Store from "./store.js"
import * as Ulid from "./ulid.js"

type RoleFixture = NonNullable<Fixtures["environmentRoles"]>[number]

/** The environment roles of a new environment. @internal */
export const defaultEnvironmentRoles: ReadonlyArray<RoleFixture> = [
  {
    slug: "admin",
    name: "Admin",
    description: "Full access to every resource of the organization.",
    permissions: []
  },
  {
    slug: "member",
    name: "Member",
    description: "The default role for new members of the organization.",
    permissions: []
  }
]

const canonical = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : Rules.canonicalTimestamp(value)

/**
 * Turns fixtures into objects: ids and timestamps filled in (ids from the time of `createdAt` when it is given,
 * else from the generator at `now`), secrets hashed, defaults applied. The generator is drawn from in a fixed
 * order (organizations and their domains, feature flags, API keys, then roles), so equal fixtures give equal ids.
 *
 * @internal
 */
export const fromFixtures = (store: Store.Store, fixtures: Fixtures, now: number): Either.Either<Batch, LoadError> =>
  Either.gen(function*() {
    const nowIso = Rules.iso(now)
    const newId = (prefix: string, createdAt: string | undefined) =>
      createdAt === undefined ? store.nextId(prefix, now) : store.idAt(prefix, Date.parse(createdAt))
    const givenId = (
      prefix: string,
      id: string | undefined,
      path: () => string
    ): Either.Either<string | undefined, LoadError> => {
      if (id === undefined) return Either.right(undefined)
      const ulid = Ulid.parseId(prefix, id)
      return ulid === undefined
        ? fail(path(), `'${id}' is not an id of the form ${prefix}<ULID>`)
        : Either.right(prefix + ulid)
    }
    const role = (f: RoleFixture, type: Role["type"], path: () => string): Either.Either<Role, LoadError> =>
      Either.map(givenId("role_", f.id, () => `${path()}.id`), (given) => {
        const createdAt = canonical(f.createdAt)
        const at = createdAt ?? nowIso
        return new Role({
          id: given ?? newId("role_", createdAt),
          name: f.name,
          slug: f.slug,
          description: f.description ?? null,
          type,
          resourceTypeSlug: f.resourceTypeSlug ?? "organization",
          permissions: f.permissions ?? [],
          createdAt: at,
          updatedAt: canonical(f.updatedAt) ?? at
        }, true)
      })

    const organizations: Array<Organization> = []
    for (const [i, f] of (fixtures.organizations ?? []).entries()) {
      const path = `organizations[${i}]`
      const given = yield* givenId("org_", f.id, () => `${path}.id`)
      const createdAt = canonical(f.createdAt) ??
        (given === undefined ? nowIso : Rules.iso(Ulid.decodeTime(given.slice(4))))
      const id = given ?? newId("org_", f.createdAt === undefined ? undefined : createdAt)
      const domains: Array<OrganizationDomain> = []
      for (const [j, d] of (f.domains ?? []).entries()) {
        const state = d.state ?? "verified"
        const strategy = d.verificationStrategy ??
          (state === "verified" ? "manual" : state === "legacy_verified" ? undefined : "dns")
        const token = d.verificationToken ??
          (strategy === "dns" ? store.prng.nextString(ALPHANUMERIC, 25) : undefined)
        const prefix = d.verificationPrefix ??
          (strategy === "dns"
            ? `workos-domain-verification-${store.prng.nextString(LOWER_ALPHANUMERIC, 6)}`
            : undefined)
        const domainCreatedAt = canonical(d.createdAt) ?? createdAt
        const domainId = (yield* givenId("org_domain_", d.id, () => `${path}.domains[${j}].id`)) ??
          store.nextId("org_domain_", now)
        domains.push(
          new OrganizationDomain({
            id: domainId,
            organizationId: id,
            domain: Rules.normalizeDomain(d.domain),
            state,
            ...(strategy === undefined ? {} : { verificationStrategy: strategy }),
            ...(token === undefined ? {} : { verificationToken: token }),
            ...(prefix === undefined ? {} : { verificationPrefix: prefix }),
            createdAt: domainCreatedAt,
            updatedAt: canonical(d.updatedAt) ?? domainCreatedAt
          }, true)
        )
      }
      organizations.push(
        new Organization({
          id,
          name: f.name,
          domains: domains.length === 0 ? Store.EMPTY_DOMAINS : Object.freeze(domains),
          metadata: f.metadata === undefined || Object.keys(f.metadata).length === 0
            ? Store.EMPTY_METADATA
            : Object.freeze({ ...f.metadata }),
          externalId: f.externalId ?? null,
          ...(f.stripeCustomerId === undefined ? {} : { stripeCustomerId: f.stripeCustomerId }),
          createdAt,
          updatedAt: canonical(f.updatedAt) ?? createdAt,
          allowProfilesOutsideOrganization: false
        }, true)
      )
    }

    const featureFlags: Array<FeatureFlag> = []
    const enablements: Array<{ organizationId: string; flagId: string }> = []
    const enablementPaths: Array<string> = []
    for (const [i, f] of (fixtures.featureFlags ?? []).entries()) {
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const flag = new FeatureFlag({
        id: (yield* givenId("flag_", f.id, () => `featureFlags[${i}].id`)) ?? newId("flag_", createdAt),
        slug: f.slug,
        name: f.name ?? f.slug,
        description: f.description ?? null,
        owner: f.owner == null ? null : new FeatureFlagOwner(f.owner, true),
        tags: f.tags ?? [],
        enabled: true,
        defaultValue: f.defaultValue ?? false,
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
      featureFlags.push(flag)
      for (const [k, organizationId] of (f.enabledFor ?? []).entries()) {
        enablements.push({ organizationId, flagId: flag.id })
        enablementPaths.push(`featureFlags[${i}].enabledFor[${k}]`)
      }
    }

    const apiKeys: Array<Store.StoredApiKey> = []
    for (const [i, f] of (fixtures.apiKeys ?? []).entries()) {
      const value = f.value === undefined
        ? store.settings.apiKeyValuePrefix + store.prng.nextString(ALPHANUMERIC, 40)
        : Redacted.value(f.value)
      const createdAt = canonical(f.createdAt)
      const at = createdAt ?? nowIso
      const apiKey = new ApiKey({
        id: (yield* givenId("api_key_", f.id, () => `apiKeys[${i}].id`)) ?? newId("api_key_", createdAt),
        owner: new OrganizationOwner({ type: "organization", id: f.organizationId }, true),
        name: f.name,
        obfuscatedValue: Rules.obfuscate(value, store.settings.obfuscatedValueStyle),
        lastUsedAt: f.lastUsedAt == null ? null : canonical(f.lastUsedAt)!,
        expiresAt: f.expiresAt == null ? null : canonical(f.expiresAt)!,
        permissions: f.permissions ?? [],
        createdAt: at,
        updatedAt: canonical(f.updatedAt) ?? at
      }, true)
      apiKeys.push({ apiKey, organizationId: f.organizationId, valueHash: Rules.hashSecret(value) })
    }

    const environmentRoles: Array<Role> = []
    for (const [i, f] of (fixtures.environmentRoles ?? []).entries()) {
      environmentRoles.push(yield* role(f, "EnvironmentRole", () => `environmentRoles[${i}]`))
    }
    const organizationRoles: Array<{ organizationId: string; role: Role }> = []
    for (const [i, f] of (fixtures.organizationRoles ?? []).entries()) {
      organizationRoles.push({
        organizationId: f.organizationId,
        role: yield* role(f, "OrganizationRole", () => `organizationRoles[${i}]`)
      })
    }

    return {
      trusted: true,
      environmentRoles: fixtures.environmentRoles === undefined
        ? undefined
        : section(environmentRoles, indexed("environmentRoles")),
      organizations: section(organizations, indexed("organizations")),
      organizationRoles: section(organizationRoles, indexed("organizationRoles")),
      featureFlags: section(featureFlags, indexed("featureFlags")),
      enablements: section(enablements, (i) => enablementPaths[i]!),
      apiKeys: section(apiKeys, indexed("apiKeys"))
    }
  })
