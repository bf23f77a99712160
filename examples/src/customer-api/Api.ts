/**
 * The example's own API, declared once as an `HttpApi`: what its customers call with their WorkOS organization API
 * keys, and the answers they get, in this app's error format (`{"_tag":"Unauthorized","message":"…"}`), not
 * `ApiKeyAuth`'s.
 *
 * @since 0.2.0
 */
import * as ApiKeyAuth from "@effect-workos/core/ApiKeyAuth"
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as Schema from "effect/Schema"

/**
 * 401 in this app's format.
 *
 * @since 0.2.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  message: Schema.String
}, HttpApiSchema.annotations({ status: 401 })) {}

/**
 * 403 in this app's format.
 *
 * @since 0.2.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String,
  requiredPermission: Schema.String
}, HttpApiSchema.annotations({ status: 403 })) {}

/**
 * 503 in this app's format: API keys cannot be checked right now.
 *
 * @since 0.2.0
 * @category errors
 */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", {
  message: Schema.String
}, HttpApiSchema.annotations({ status: 503 })) {}

/**
 * The app's authentication middleware: `Authorization: Bearer <organization API key>`, answered in the app's format;
 * its implementation (`Server.ts`) is `ApiKeyAuth.authenticateRequest` with the errors mapped.
 *
 * @since 0.2.0
 * @category middleware
 */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("CustomerApi/Authentication", {
  failure: Schema.Union(Unauthorized, Unavailable),
  provides: ApiKeyAuth.AuthenticatedOrganization,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/**
 * @since 0.2.0
 * @category schemas
 */
export class Project extends Schema.Class<Project>("Project")({
  id: Schema.String,
  organizationId: Schema.String,
  name: Schema.String
}) {}

/**
 * @since 0.2.0
 * @category schemas
 */
export class WhoAmI extends Schema.Class<WhoAmI>("WhoAmI")({
  organizationId: Schema.String,
  apiKeyId: Schema.String,
  permissions: Schema.Array(Schema.String)
}) {}

/**
 * `GET /whoami` (any valid key), `GET /projects` (`projects:read`), `POST /projects` (`projects:write`): each
 * organization sees only its own projects.
 *
 * @since 0.2.0
 * @category api
 */
export class ProjectsGroup extends HttpApiGroup.make("projects")
  .add(HttpApiEndpoint.get("whoami", "/whoami").addSuccess(WhoAmI))
  .add(HttpApiEndpoint.get("list", "/projects").addSuccess(Schema.Array(Project)).addError(Forbidden))
  .add(
    HttpApiEndpoint.post("create", "/projects")
      .setPayload(Schema.Struct({ name: Schema.Trim.pipe(Schema.nonEmptyString(), Schema.maxLength(100)) }))
      .addSuccess(Project, { status: 201 })
      .addError(Forbidden)
  )
  .middleware(Authentication)
{}

/**
 * @since 0.2.0
 * @category api
 */
export class CustomerApi extends HttpApi.make("customer-api").add(ProjectsGroup) {}
