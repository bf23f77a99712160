import { Organizations } from "@effect-workos/core"
import { Effect, Option } from "effect"

// Every method fails with a union of tagged errors; catch the ones you can handle by tag.
export const findByExternalId = (externalId: string) =>
  Effect.flatMap(
    Organizations.Organizations,
    (organizations) =>
      organizations.getOrganizationByExternalId(externalId).pipe(
        Effect.map(Option.some),
        Effect.catchTag("NotFound", () => Effect.succeedNone)
      )
  )

export const createOrReuse = (name: string, externalId: string) =>
  Effect.flatMap(
    Organizations.Organizations,
    (organizations) =>
      organizations.createOrganization({ name, externalId }).pipe(
        Effect.catchTags({
          // 400 external_id_already_used: someone created it first
          ExternalIdAlreadyUsed: () => organizations.getOrganizationByExternalId(externalId),
          // 409: another organization holds one of the domains
          DomainConflict: (error) => Effect.dieMessage(`domain taken: ${error.domain ?? error.detail}`)
        })
      )
  )
