/**
 * The official Node SDK, `@workos-inc/node`, pointed at the emulator: it has no base-URL setting, but takes the host,
 * the port and whether to use HTTPS. Everything else (paths, bodies, errors, `autoPagination()`) works unchanged.
 *
 * @since 0.1.0
 */
import { DomainDataState, NotFoundException, WorkOS } from "@workos-inc/node"

/**
 * A client for the emulator at `baseUrl` (e.g. `http://127.0.0.1:8484`). Any `sk_test_…` key works, and each key
 * gets its own isolated environment.
 *
 * @since 0.1.0
 * @category constructors
 */
export const client = (baseUrl: string, apiKey = "sk_test_emulator"): WorkOS => {
  const url = new URL(baseUrl)
  const https = url.protocol === "https:"
  return new WorkOS(apiKey, {
    apiHostname: url.hostname,
    https,
    port: url.port === "" ? (https ? 443 : 80) : Number(url.port)
  })
}

/**
 * What {@link tour} did.
 *
 * @since 0.1.0
 * @category models
 */
export interface Tour {
  readonly created: string
  readonly fetchedByExternalId: string
  readonly listed: number
  readonly apiKeyValueShown: boolean
  readonly apiKeysListed: number
  /** The official SDK's exception for a 404, with WorkOS's error code. */
  readonly notFound: { readonly exception: string; readonly code: string | undefined }
}

/**
 * A few calls with the official client: create, get by external id, list all with `autoPagination()`, create and
 * list an API key, and a 404 as the official SDK reports it.
 *
 * @since 0.1.0
 * @category programs
 */
export const tour = async (workos: WorkOS): Promise<Tour> => {
  const organization = await workos.organizations.createOrganization({
    name: "Emulated Inc.",
    externalId: "emulated-1",
    domainData: [{ domain: "emulated.example", state: DomainDataState.Verified }],
    metadata: { plan: "enterprise" }
  })
  const fetched = await workos.organizations.getOrganizationByExternalId("emulated-1")
  const all = await (await workos.organizations.listOrganizations()).autoPagination()
  const created = await workos.apiKeys.createOrganizationApiKey({ organizationId: organization.id, name: "backend" })
  const keys = await (await workos.apiKeys.listOrganizationApiKeys({ organizationId: organization.id }))
    .autoPagination()
  const notFound = await workos.organizations.getOrganization("org_01HZZZZZZZZZZZZZZZZZZZZZZZ").then(
    () => ({ exception: "none", code: undefined }),
    (error: unknown) =>
      error instanceof NotFoundException
        ? { exception: "NotFoundException", code: error.code }
        : { exception: String(error), code: undefined }
  )
  return {
    created: organization.id,
    fetchedByExternalId: fetched.id,
    listed: all.length,
    apiKeyValueShown: created.value.length > 0,
    apiKeysListed: keys.length,
    notFound
  }
}
