/**
 * The example server's implementation: the app's middleware over `ApiKeyAuth` (WorkOS's answers mapped into the
 * app's errors), the handlers, and an in-memory project store keyed by organization.
 *
 * @since 0.2.0
 */
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import { Authentication, CustomerApi, Forbidden, Project, Unauthorized, Unavailable, WhoAmI } from "./Api.js"

/**
 * The app's middleware: `ApiKeyAuth` does the work; only the answers are the app's.
 *
 * @since 0.2.0
 * @category layers
 */
export const AuthenticationLive: Layer.Layer<Authentication, never, ApiKeyAuth.ApiKeyAuth> = Layer.effect(
  Authentication,
  Effect.map(ApiKeyAuth.ApiKeyAuth, (auth) =>
    Authentication.of({
      bearer: () =>
        ApiKeyAuth.authenticateRequest.pipe(
          Effect.provideService(ApiKeyAuth.ApiKeyAuth, auth),
          Effect.mapError((error) =>
            error._tag === "Unauthenticated"
              ? new Unauthorized({ message: error.message })
              : new Unavailable({ message: error.message })
          )
        )
    }))
)

/** `ApiKeyAuth.requirePermission`, answered in the app's format. */
const require = (permission: string) =>
  ApiKeyAuth.requirePermission(permission).pipe(
    Effect.mapError((error) => new Forbidden({ message: error.message, requiredPermission: error.permission }))
  )

/** The handlers over a store of projects per organization. */
const ProjectsLive = HttpApiBuilder.group(CustomerApi, "projects", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Ref.make(HashMap.empty<string, ReadonlyArray<Project>>())
    const counter = yield* Ref.make(0)
    const projectsOf = (organizationId: string) =>
      Effect.map(Ref.get(store), (projects) => Option.getOrElse(HashMap.get(projects, organizationId), () => []))
    return handlers
      .handle("whoami", () =>
        Effect.map(ApiKeyAuth.AuthenticatedOrganization, (caller) =>
          new WhoAmI({
            organizationId: caller.organizationId,
            apiKeyId: caller.apiKeyId,
            permissions: caller.permissions
          })))
      .handle("list", () => Effect.flatMap(require("projects:read"), (caller) => projectsOf(caller.organizationId)))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          const caller = yield* require("projects:write")
          const n = yield* Ref.updateAndGet(counter, (c) => c + 1)
          const project = new Project({ id: `project_${n}`, organizationId: caller.organizationId, name: payload.name })
          yield* Ref.update(store, (projects) =>
            HashMap.set(projects, caller.organizationId, [
              ...Option.getOrElse(HashMap.get(projects, caller.organizationId), () => []),
              project
            ]))
          return project
        }))
  }))

/**
 * The API, over `ApiKeyAuth` (give it `ApiKeyAuth.layer(options)` over any `ApiKeys`: live, fake or emulator).
 *
 * @since 0.2.0
 * @category layers
 */
export const layer = HttpApiBuilder.api(CustomerApi).pipe(
  Layer.provide(ProjectsLive),
  Layer.provide(AuthenticationLive)
)
