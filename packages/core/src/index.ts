/**
 * The model of the WorkOS Organizations API: schemas, the typed error family, the `Organizations` service tag and
 * `Stream` pagination. Provide the service with `@effect-workos/http` or `@effect-workos/fake`.
 *
 * @example
 * ```ts
 * import { Organizations } from "@effect-workos/core"
 * import { Effect, Option, Stream } from "effect"
 *
 * const names = Effect.flatMap(Organizations.Organizations, (organizations) =>
 *   organizations.listOrganizations({ search: "acme" }).pipe(Stream.map((o) => o.name), Stream.runCollect))
 *
 * const byExternalId = (externalId: string) =>
 *   Effect.flatMap(Organizations.Organizations, (organizations) => organizations.getOrganizationByExternalId(externalId))
 *     .pipe(Effect.map(Option.some), Effect.catchTag("NotFound", () => Effect.succeedNone))
 * ```
 *
 * @since 0.1.0
 */
/**
 * @since 0.1.0
 */
export * as ApiKey from "./ApiKey.js"

/**
 * API-key authentication for your own server: an `HttpApi` middleware and a plain `HttpMiddleware` that check your
 * customers' organization API keys through `ApiKeys`, behind a TTL cache.
 *
 * @since 0.2.0
 */
export * as ApiKeyAuth from "./ApiKeyAuth.js"

/**
 * @since 0.2.0
 */
export * as ApiKeys from "./ApiKeys.js"

/**
 * @since 0.1.0
 */
export * as FeatureFlag from "./FeatureFlag.js"

/**
 * @since 0.1.0
 */
export * as List from "./List.js"

/**
 * @since 0.1.0
 */
export * as Options from "./Options.js"

/**
 * @since 0.1.0
 */
export * as Organization from "./Organization.js"

/**
 * Organization domains: add, read, verify and remove an organization's domains, and wait for their DNS verification.
 *
 * @since 0.2.0
 */
export * as OrganizationDomains from "./OrganizationDomains.js"

/**
 * @since 0.1.0
 */
export * as Organizations from "./Organizations.js"

/**
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * @since 0.2.0
 */
export * as RateLimits from "./RateLimits.js"

/**
 * @since 0.1.0
 */
export * as Role from "./Role.js"

/**
 * The one formatter of Schema failures for people: each issue as a path and a message, a wrong value for a union of
 * literals naming every allowed value, and every value it quotes bounded.
 *
 * @since 0.1.0
 */
export * as SchemaIssue from "./SchemaIssue.js"

/**
 * @since 0.1.0
 */
export * as WorkOSError from "./WorkOSError.js"

/**
 * @since 0.2.0
 */
export * as Uuid from "./Uuid.js"

/**
 * @since 0.2.0
 */
export * as Sha256 from "./Sha256.js"
