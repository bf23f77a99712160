import { Organizations } from "@effect-workos/core"
import { Chunk, Effect, Stream } from "effect"

// A Stream walks every page lazily (100 per request, the next page prefetched) and stops when you stop.
export const firstVerifiedDomains = (count: number) =>
  Effect.flatMap(Organizations.Organizations, (organizations) =>
    organizations.listOrganizations({ order: "asc" }).pipe(
      Stream.flatMap((organization) => Stream.fromIterable(organization.domains)),
      Stream.filter((domain) => domain.state === "verified"),
      Stream.map((domain) => domain.domain),
      Stream.take(count),
      Stream.runCollect,
      Effect.map(Chunk.toReadonlyArray)
    ))

// One page at a time, for a UI with "next" and "previous": the cursors are in listMetadata.
export const pageAfter = (after: string | undefined) =>
  Effect.flatMap(
    Organizations.Organizations,
    (organizations) =>
      organizations.listOrganizationsPage({ limit: 10, order: "asc", ...(after === undefined ? {} : { after }) })
  )
