// The consumer's program, written once and run twice: app.mjs passes it the modules it `import`ed, app.cjs the ones
// it `require`d. It creates organizations on the in-memory fake, reads them back through a Stream pipeline and turns
// a typed error (NotFound) into a value.
"use strict"

exports.run = ({ Effect, Stream, Chunk, Organizations, OrganizationsMemory }) =>
  Effect.runPromise(
    Effect.gen(function*() {
      const organizations = yield* Organizations.Organizations
      for (const n of [1, 2, 3]) {
        yield* organizations.createOrganization({ name: `Consumer ${n}`, externalId: `consumer-${n}` })
      }
      const names = yield* organizations.listOrganizations({ limit: 2 }).pipe(
        Stream.map((organization) => organization.name),
        Stream.filter((name) => name !== "Consumer 2"),
        Stream.runCollect
      )
      const missing = yield* organizations.getOrganizationByExternalId("nobody").pipe(
        Effect.as("found"),
        Effect.catchTag("NotFound", (error) => Effect.succeed(error._tag))
      )
      return { names: Chunk.toArray(names).sort(), missing }
    }).pipe(Effect.provide(OrganizationsMemory.layerMemory()))
  ).then((result) => {
    const expected = JSON.stringify({ names: ["Consumer 1", "Consumer 3"], missing: "NotFound" })
    if (JSON.stringify(result) !== expected) {
      throw new Error(`expected ${expected}, got ${JSON.stringify(result)}`)
    }
    return result
  })
