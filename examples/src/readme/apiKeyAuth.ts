import { ApiKeyAuth } from "@effect-workos/core"
import { ApiKeysHttp } from "@effect-workos/http"
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
import { Effect, Layer, Schema } from "effect"

// Every endpoint of the group needs `Authorization: Bearer <an organization API key issued through WorkOS>`.
class Reports extends HttpApiGroup.make("reports")
  .add(
    HttpApiEndpoint.get("list", "/reports").addSuccess(Schema.Array(Schema.String)).addError(
      ApiKeyAuth.PermissionDenied
    )
  )
  .middleware(ApiKeyAuth.Authentication)
{}
export class Api extends HttpApi.make("api").add(Reports) {}

const ReportsLive = HttpApiBuilder.group(
  Api,
  "reports",
  (handlers) =>
    handlers.handle("list", () =>
      Effect.gen(function*() {
        const caller = yield* ApiKeyAuth.requirePermission("reports:read") // 403 PermissionDenied without it
        return [`the reports of ${caller.organizationId}`]
      }))
)

// The API over any `ApiKeys`: a verdict is cached for `timeToLive`, so a deleted key works that long at most.
export const ApiLive = HttpApiBuilder.api(Api).pipe(
  Layer.provide(ReportsLive),
  Layer.provide(ApiKeyAuth.layerMiddleware),
  Layer.provide(ApiKeyAuth.layer({ timeToLive: "30 seconds" }))
)

// Production: keys checked by WorkOS (WORKOS_API_KEY from the environment); serve it with HttpApiBuilder.serve().
export const ApiProduction = ApiLive.pipe(Layer.provide(ApiKeysHttp.layerFromEnv))
