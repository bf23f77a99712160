/**
 * A minimal in-memory `Organizations` for tests that need a double with no dependency on the fake package:
 * organizations by id and external id, idempotent creates, whole-map updates, and API keys.
 */
import { ApiKey, OrganizationOwner } from "@effect-workos/core/ApiKey"
import * as List from "@effect-workos/core/List"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import * as Organizations from "@effect-workos/core/Organizations"
import { ExternalIdAlreadyUsed, NotFound } from "@effect-workos/core/WorkOSError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export interface Stub {
  readonly organizations: Map<string, Organization>
  readonly keys: Map<string, Array<ApiKey>>
  readonly calls: Array<string>
}

const stamp = "2026-01-01T00:00:00.000Z"

export const make = (): { readonly stub: Stub; readonly layer: Layer.Layer<Organizations.Organizations> } => {
  const stub: Stub = { organizations: new Map(), keys: new Map(), calls: [] }
  const idempotency = new Map<string, Organization>()
  let next = 0
  const id = (prefix: string) => `${prefix}_${String(++next).padStart(26, "0")}`
  const find = (orgId: string) =>
    Effect.suspend(() => {
      const org = stub.organizations.get(orgId)
      return org === undefined
        ? Effect.fail(new NotFound({ resource: "Organization", id: orgId }))
        : Effect.succeed(org)
    })
  const domains = (orgId: string, data: ReadonlyArray<{ domain: string; state: "pending" | "verified" }>) =>
    data.map((d) =>
      new OrganizationDomain({ object: "organization_domain", id: id("org_domain"), organizationId: orgId, ...d })
    )
  const page = <A extends { id: string }>(items: ReadonlyArray<A>, limit = 10, after?: string) => {
    const start = after === undefined ? 0 : items.findIndex((i) => i.id === after) + 1
    const data = items.slice(start, start + limit)
    return List.make(data, { before: null, after: start + limit < items.length ? data[data.length - 1]!.id : null })
  }
  const backend: Organizations.Backend = {
    listOrganizationsPage: (o) =>
      Effect.sync(() => {
        stub.calls.push("listOrganizations")
        return page([...stub.organizations.values()], o.limit, o.after)
      }),
    createOrganization: (o, r) =>
      Effect.suspend(() => {
        stub.calls.push("createOrganization")
        const replay = r.idempotencyKey === undefined ? undefined : idempotency.get(r.idempotencyKey)
        if (replay !== undefined) return Effect.succeed(replay)
        if (o.externalId !== undefined && [...stub.organizations.values()].some((x) => x.externalId === o.externalId)) {
          return Effect.fail(new ExternalIdAlreadyUsed({ detail: "taken" }))
        }
        const orgId = id("org")
        const org = new Organization({
          object: "organization",
          id: orgId,
          name: o.name,
          domains: domains(orgId, o.domainData ?? []),
          metadata: o.metadata ?? {},
          externalId: o.externalId ?? null,
          createdAt: stamp,
          updatedAt: stamp,
          allowProfilesOutsideOrganization: false
        })
        stub.organizations.set(orgId, org)
        if (r.idempotencyKey !== undefined) idempotency.set(r.idempotencyKey, org)
        return Effect.succeed(org)
      }),
    getOrganization: (orgId) => Effect.zipRight(Effect.sync(() => stub.calls.push("getOrganization")), find(orgId)),
    getOrganizationByExternalId: (externalId) =>
      Effect.suspend(() => {
        stub.calls.push("getOrganizationByExternalId")
        const org = [...stub.organizations.values()].find((o) => o.externalId === externalId)
        return org === undefined
          ? Effect.fail(new NotFound({ resource: "Organization", id: externalId }))
          : Effect.succeed(org)
      }),
    updateOrganization: (o) =>
      Effect.map(find(o.organization), (org) => {
        stub.calls.push("updateOrganization")
        const updated = new Organization({
          ...org,
          ...(o.name === undefined ? {} : { name: o.name }),
          ...(o.domainData === undefined ? {} : { domains: domains(org.id, o.domainData) }),
          ...(o.metadata === undefined ? {} : { metadata: o.metadata ?? {} })
        })
        stub.organizations.set(org.id, updated)
        return updated
      }),
    deleteOrganization: (orgId) => Effect.asVoid(Effect.map(find(orgId), () => stub.organizations.delete(orgId))),
    listOrganizationRoles: () => Effect.die("not in the stub"),
    listOrganizationFeatureFlagsPage: () => Effect.die("not in the stub"),
    listOrganizationApiKeysPage: (o) =>
      Effect.map(find(o.organizationId), () => page(stub.keys.get(o.organizationId) ?? [], o.limit, o.after)),
    createOrganizationApiKey: () => Effect.die("not in the stub")
  }
  return { stub, layer: Layer.succeed(Organizations.Organizations, Organizations.make(backend)) }
}

export const apiKey = (
  organizationId: string,
  fields: { readonly id: string; readonly name: string; readonly createdAt: string; readonly lastUsedAt: string | null }
) =>
  new ApiKey({
    object: "api_key",
    owner: new OrganizationOwner({ type: "organization", id: organizationId }),
    obfuscatedValue: "sk_...abcd",
    expiresAt: null,
    permissions: [],
    updatedAt: fields.createdAt,
    ...fields
  })
