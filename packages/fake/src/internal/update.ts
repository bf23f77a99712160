/**
 * `updateOrganization` on a store: the longest operation, in its own module.
 *
 * @internal
 */
import type * as CoreOptions from "@effect-workos/core/Options"
import { Organization, OrganizationDomain } from "@effect-workos/core/Organization"
import type * as Organizations from "@effect-workos/core/Organizations"
import * as Either from "effect/Either"
import * as Invariants from "./invariants.js"
import { frozenDomains, frozenMetadata, newDomain, UNCHECKED } from "./objects.js"
import * as Rules from "./rules.js"
import type { Store } from "./store.js"

/** @internal */
export const updateOrganization = (
  store: Store,
  options: CoreOptions.UpdateOrganizationOptions,
  now: number
): Either.Either<Organization, Organizations.UpdateOrganizationError> =>
  Either.gen(function*() {
    const settings = store.settings
    const org = store.organization(options.organization)
    if (org === undefined) return yield* Either.left(Rules.organizationNotFound(options.organization))
    if (options.name !== undefined) yield* Invariants.organizationName(options.name)
    const externalId = options.externalId
    if (typeof externalId === "string") yield* Invariants.externalIdFormat(settings, externalId)
    const requested = options.domainData === undefined ? undefined : yield* Rules.checkDomainData(options.domainData)
    const stripeCustomerId = options.stripeCustomerId
    if (typeof stripeCustomerId === "string") {
      if (!settings.stripeCustomerIdEnabled) return yield* Either.left(Rules.stripeDisabled())
      yield* Rules.checkStripeCustomerId(stripeCustomerId)
    }
    if (options.metadata !== undefined && options.metadata !== null) {
      yield* Invariants.metadataLimits(settings, options.metadata)
    }
    if (typeof externalId === "string") yield* Invariants.externalIdAvailable(store, externalId, org.id)
    if (typeof stripeCustomerId === "string") {
      yield* Invariants.stripeCustomerIdAvailable(store, stripeCustomerId, org.id)
    }
    const plan = requested === undefined ? undefined : Rules.planDomains(org.domains, requested)
    if (plan !== undefined) {
      // domains the organization already holds were accepted before; only new or newly verified ones can conflict
      const changed = plan.filter((step) => step._tag !== "Keep").map((step) =>
        step._tag === "Add" ? step.request.domain : Rules.normalizeDomain(step.domain.domain)
      )
      yield* Invariants.domainsAvailable(settings, store, changed, org.id)
    }

    const at = Rules.iso(now)
    const updatedAt = at < org.createdAt ? org.createdAt : at
    const domains = plan === undefined
      ? org.domains
      : frozenDomains(plan.map((step) => {
        switch (step._tag) {
          case "Keep":
            return step.domain
          case "Verify":
            return new OrganizationDomain({
              id: step.domain.id,
              organizationId: org.id,
              domain: step.domain.domain,
              state: "verified",
              verificationStrategy: "manual",
              ...(step.domain.createdAt === undefined ? {} : { createdAt: step.domain.createdAt }),
              updatedAt
            }, UNCHECKED)
          case "Add":
            return newDomain(store, org.id, step.request, now, updatedAt)
        }
      }))
    const metadata = options.metadata === undefined ? org.metadata : frozenMetadata(options.metadata)
    const nextStripe = stripeCustomerId === undefined ? org.stripeCustomerId : stripeCustomerId ?? undefined
    const updated = new Organization({
      id: org.id,
      name: options.name ?? org.name,
      domains,
      metadata,
      externalId: externalId === undefined ? org.externalId : externalId,
      ...(nextStripe === undefined ? {} : { stripeCustomerId: nextStripe }),
      createdAt: org.createdAt,
      updatedAt,
      allowProfilesOutsideOrganization: org.allowProfilesOutsideOrganization
    }, UNCHECKED)
    store.replaceOrganization(org, updated)
    return updated
  })
