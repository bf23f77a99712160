/**
 * Typed access to `OpenApi.ts` (the response validator over `@workos/openapi-spec`).
 */
import * as Validator from "./OpenApi.js"

export interface OpenApi {
  /** Whether the spec documents `status` for `method path` at all. */
  readonly documents: (method: string, path: string, status: number) => boolean
  /** The schema errors of `body` for `method path status`; empty when valid. */
  readonly validate: (method: string, path: string, status: number, body: unknown) => ReadonlyArray<string>
}

export const OpenApi: OpenApi = Validator
