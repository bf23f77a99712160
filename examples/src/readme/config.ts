import { OrganizationsHttp, WorkOSClient } from "@effect-workos/http"
import { FetchHttpClient } from "@effect/platform"
import { Config, Layer } from "effect"

// Configuration beyond the environment variables: a Config per option, read when the layer is built.
export const OrganizationsLive = OrganizationsHttp.layer.pipe(
  Layer.provide(
    WorkOSClient.layerConfig({
      apiKey: Config.redacted("WORKOS_API_KEY"),
      baseUrl: Config.string("WORKOS_BASE_URL").pipe(Config.withDefault("https://api.workos.com")),
      maxRetries: Config.succeed(5),
      timeout: Config.succeed("10 seconds"),
      rateLimit: Config.succeed({ requestsPerMinute: 3_000 })
    })
  ),
  Layer.provide(FetchHttpClient.layer)
)
