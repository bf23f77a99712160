/**
 * Success answers, encoded with the schemas the declaration's endpoints answer with (`WorkOSApi`: core's
 * `Organization`, `List`, `RoleList`, `FeatureFlag`, `ApiKey`, `CreatedApiKey`, `ApiKeyValidation`,
 * `OrganizationDomain`) and sent as JSON
 * text. Encoding organizations is most of the cost of an answer, and the fake's organizations are immutable
 * values (an update makes a new one), so an app keeps the JSON text of the organizations it sent most recently, by
 * identity: a page is the encoded envelope with the cached texts spliced in.
 */
import { FeatureFlag, List, Organization, Role } from "@effect-workos/core"
import * as ApiKey from "@effect-workos/core/ApiKey"
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Responses from "./responses.js"

/** How many encoded organizations an app keeps. */
const cacheSize = 20_000

type Encode<A> = (a: A) => Either.Either<string, ParseResult.ParseError>

/** @internal */
export interface Encoders {
  readonly organization: Encode<Organization.Organization>
  readonly organizations: Encode<List.List<Organization.Organization>>
  readonly roles: Encode<Role.RoleList>
  readonly flags: Encode<List.List<FeatureFlag.FeatureFlag>>
  readonly apiKeys: Encode<List.List<ApiKey.ApiKey>>
  readonly createdApiKey: Encode<ApiKey.CreatedApiKey>
  readonly apiKey: Encode<ApiKey.ApiKey>
  readonly apiKeyValidation: Encode<ApiKey.ApiKeyValidation>
  readonly organizationDomain: Encode<Organization.OrganizationDomain>
}

const json = <A, I>(schema: Schema.Schema<A, I>): Encode<A> => {
  const encode = Schema.encodeEither(schema)
  return (a) => Either.map(encode(a), (encoded) => JSON.stringify(encoded))
}

const encodeEnvelope = Schema.encodeEither(List.List(Schema.Unknown))
const emptyData = `"data":[]`

/** @internal */
export const make = (): Encoders => {
  const encodeOrganization = json(Organization.Organization)
  const cache = new Map<Organization.Organization, string>()
  const organization: Encode<Organization.Organization> = (o) => {
    const hit = cache.get(o)
    if (hit !== undefined) return Either.right(hit)
    return Either.map(encodeOrganization(o), (text) => {
      cache.set(o, text)
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!)
      return text
    })
  }
  return {
    organization,
    organizations: (page) => {
      const items: Array<string> = []
      for (const o of page.data) {
        const item = organization(o)
        if (Either.isLeft(item)) return item
        items.push(item.right)
      }
      // the envelope's own fields are ids and literals: its only unescaped `"data":[]` is the key
      return Either.map(encodeEnvelope({ ...page, data: [] }), (envelope) => {
        const text = JSON.stringify(envelope)
        const at = text.indexOf(emptyData)
        return `${text.slice(0, at)}"data":[${items.join(",")}]${text.slice(at + emptyData.length)}`
      })
    },
    roles: json(Role.RoleList),
    flags: json(List.List(FeatureFlag.FeatureFlag)),
    apiKeys: json(List.List(ApiKey.ApiKey)),
    createdApiKey: json(ApiKey.CreatedApiKey),
    apiKey: json(ApiKey.ApiKey),
    apiKeyValidation: json(ApiKey.ApiKeyValidation),
    organizationDomain: json(Organization.OrganizationDomain)
  }
}

/** A JSON answer from its text. @internal */
export const jsonText = (status: number, text: string): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(text, { status, contentType: Responses.JSON_CONTENT_TYPE })

/** The declared success status of each operation. @internal */
export const status = (operation: WorkOSApi.Operation): number => WorkOSApi.endpoints[operation].successStatuses[0]!
