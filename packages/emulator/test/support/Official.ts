/**
 * The official Node SDK in the three versions the emulator is verified with, behind one shape: the ten operations of
 * ours, each where that version has it (8.x keeps roles, feature flags and API keys on `organizations`, with roles on
 * the legacy path; 9+ moved them to `authorization`, `featureFlags` and `apiKeys`). Results are typed loosely enough
 * for every version (a timestamp is a `string` up to 11 and a `Date` from 12); the tests assert which.
 */
import * as Sdk11 from "@workos-inc/node"
import * as Sdk12 from "workos-node-12"
import * as Sdk8 from "workos-node-8"

export type Version = "8.13.0" | "11.0.0" | "12.3.0"

/** What a version hands back for a wire timestamp: the ISO string, or (12) a `Date` of it. */
export type Timestamp = string | Date

export interface Domain {
  readonly domain: string
  readonly state: string
  readonly verificationStrategy?: string | undefined
  readonly createdAt: Timestamp
}

export interface Organization {
  readonly object: "organization"
  readonly id: string
  readonly name: string
  readonly externalId: string | null
  readonly metadata: Record<string, string>
  readonly stripeCustomerId?: string | undefined
  readonly domains: ReadonlyArray<Domain>
  readonly createdAt: Timestamp
  readonly updatedAt: Timestamp
}

export interface Role {
  readonly slug: string
  readonly type: string
  readonly createdAt: Timestamp
}

export interface FeatureFlag {
  readonly slug: string
  readonly createdAt: Timestamp
}

export interface ApiKey {
  readonly object: "api_key"
  readonly id: string
  readonly name: string
  readonly permissions: ReadonlyArray<string>
  readonly obfuscatedValue: string
  readonly createdAt: Timestamp
  /** 12 only (a `Date` or `null`); 8 and 11 do not read `expires_at`. */
  readonly expiresAt?: Date | null
}

export interface CreatedApiKey extends ApiKey {
  readonly value: string
}

export interface Page<A> {
  readonly data: ReadonlyArray<A>
  readonly listMetadata: { readonly before?: string | null | undefined; readonly after?: string | null | undefined }
  autoPagination(): Promise<ReadonlyArray<A>>
}

export interface PageOptions {
  readonly limit?: number
  readonly before?: string
  readonly after?: string
  readonly order?: "asc" | "desc"
}

export interface DomainData {
  readonly domain: string
  readonly state: "verified" | "pending"
}

/** The ten operations, each as this version calls it. */
export interface Client {
  listOrganizations(options?: PageOptions & { readonly domains?: Array<string> }): Promise<Page<Organization>>
  createOrganization(
    options: {
      readonly name: string
      readonly domainData?: Array<DomainData>
      readonly externalId?: string
      readonly metadata?: Record<string, string>
    },
    requestOptions?: { readonly idempotencyKey?: string }
  ): Promise<Organization>
  getOrganization(id: string): Promise<Organization>
  getOrganizationByExternalId(externalId: string): Promise<Organization>
  updateOrganization(options: {
    readonly organization: string
    readonly name?: string
    readonly domainData?: Array<DomainData>
    readonly stripeCustomerId?: string | null
    readonly externalId?: string | null
    readonly metadata?: Record<string, string>
  }): Promise<Organization>
  deleteOrganization(id: string): Promise<void>
  listOrganizationRoles(organizationId: string): Promise<{ readonly data: ReadonlyArray<Role> }>
  listOrganizationFeatureFlags(options: PageOptions & { readonly organizationId: string }): Promise<Page<FeatureFlag>>
  listOrganizationApiKeys(options: PageOptions & { readonly organizationId: string }): Promise<Page<ApiKey>>
  createOrganizationApiKey(
    options: {
      readonly organizationId: string
      readonly name: string
      readonly permissions?: Array<string>
      /** Sent by 12 only; 8 and 11 serialize `name` and `permissions` and nothing else. */
      readonly expiresAt?: Date
    },
    requestOptions?: { readonly idempotencyKey?: string }
  ): Promise<CreatedApiKey>
}

export interface Official {
  readonly version: Version
  /** A client for the emulator on 127.0.0.1:`port`, over plain HTTP, with the SDK's own retries off where it has any. */
  readonly client: (port: number, key: string) => Client
  /** The SDK's exception classes for the answers WIRE.md §8.5 predicts (8.x does not export `ConflictException`). */
  readonly exceptions: {
    /** `undefined` in 8.x, which throws a `ConflictException` on 409 but does not export the class. */
    readonly Conflict: (new(...args: Array<any>) => Error) | undefined
    readonly NotFound: new(...args: Array<any>) => Error
    readonly Generic: new(...args: Array<any>) => Error
    readonly Unprocessable: new(...args: Array<any>) => Error
    readonly Unauthorized: new(...args: Array<any>) => Error
    readonly RateLimited: new(...args: Array<any>) => Error
  }
}

type OrganizationOperations = Pick<
  Client,
  | "listOrganizations"
  | "createOrganization"
  | "getOrganization"
  | "getOrganizationByExternalId"
  | "updateOrganization"
  | "deleteOrganization"
>

/**
 * The organization operations, which every version keeps on `organizations` under the same names. Each version
 * types a domain's `state` as its own `DomainDataState` enum, whose values are these strings at runtime: the cast
 * forgets only which enum.
 */
const organizations = (api: object): OrganizationOperations => {
  const operations = api as OrganizationOperations
  return {
    listOrganizations: (options) => operations.listOrganizations(options),
    createOrganization: (options, requestOptions) => operations.createOrganization(options, requestOptions),
    getOrganization: (id) => operations.getOrganization(id),
    getOrganizationByExternalId: (externalId) => operations.getOrganizationByExternalId(externalId),
    updateOrganization: (options) => operations.updateOrganization(options),
    deleteOrganization: (id) => operations.deleteOrganization(id)
  }
}

const exceptions = (
  sdk: typeof Sdk8 | typeof Sdk11 | typeof Sdk12,
  Conflict: Official["exceptions"]["Conflict"]
): Official["exceptions"] => ({
  Conflict,
  NotFound: sdk.NotFoundException,
  Generic: sdk.GenericServerException,
  Unprocessable: sdk.UnprocessableEntityException,
  Unauthorized: sdk.UnauthorizedException,
  RateLimited: sdk.RateLimitExceededException
})

/** 9+ (here 11 and 12): the sub-resources on their own modules, roles on the current path. */
const modular = (workos: Sdk11.WorkOS | Sdk12.WorkOS): Client => ({
  ...organizations(workos.organizations),
  listOrganizationRoles: (organizationId) => workos.authorization.listOrganizationRoles(organizationId),
  listOrganizationFeatureFlags: (options) => workos.featureFlags.listOrganizationFeatureFlags(options),
  listOrganizationApiKeys: (options) => workos.apiKeys.listOrganizationApiKeys(options),
  createOrganizationApiKey: (options, requestOptions) =>
    workos.apiKeys.createOrganizationApiKey(options, requestOptions)
})

const host = { apiHostname: "127.0.0.1", https: false } as const

export const versions: ReadonlyArray<Official> = [
  {
    version: "11.0.0",
    client: (port, key) => modular(new Sdk11.WorkOS(key, { ...host, port, maxRetries: 0 })),
    exceptions: exceptions(Sdk11, Sdk11.ConflictException)
  },
  {
    version: "12.3.0",
    client: (port, key) => modular(new Sdk12.WorkOS(key, { ...host, port, maxRetries: 0 })),
    exceptions: exceptions(Sdk12, Sdk12.ConflictException)
  },
  {
    version: "8.13.0",
    // 8.x has no retry setting: it retries only fga, vault and audit-log paths
    client: (port, key) => {
      const workos = new Sdk8.WorkOS(key, { ...host, port })
      return {
        ...organizations(workos.organizations),
        listOrganizationRoles: (organizationId) => workos.organizations.listOrganizationRoles({ organizationId }),
        listOrganizationFeatureFlags: (options) => workos.organizations.listOrganizationFeatureFlags(options),
        listOrganizationApiKeys: (options) => workos.organizations.listOrganizationApiKeys(options),
        createOrganizationApiKey: (options, requestOptions) =>
          workos.organizations.createOrganizationApiKey(options, requestOptions)
      }
    },
    exceptions: exceptions(Sdk8, undefined)
  }
]
