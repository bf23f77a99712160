/**
 * Typed access to `OpenApi.ts` (the response validator over `@workos/openapi-spec`). That module is correct at run
 * time but does not pass `tsc` (its Ajv default-export casts), and it is not this package's to change; it is loaded
 * here through a computed specifier, which TypeScript does not follow, and excluded from `tsconfig.json`.
 */

export interface OpenApi {
  /** Whether the spec documents `status` for `method path` at all. */
  readonly documents: (method: string, path: string, status: number) => boolean
  /** The schema errors of `body` for `method path status`; empty when valid. */
  readonly validate: (method: string, path: string, status: number, body: unknown) => ReadonlyArray<string>
}

const specifier = "./OpenApi.js"

export const OpenApi: OpenApi = await import(/* @vite-ignore */ specifier)
