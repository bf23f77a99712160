/**
 * Validates HTTP responses against the official WorkOS OpenAPI document (npm `@workos/openapi-spec`,
 * `open-api-spec.yaml`, OpenAPI 3.1.1) with Ajv's JSON Schema 2020-12 validator, plus the one endpoint it lacks
 * from the spec's newer Git copy (`../fixtures/spec-7fd8359-api-keys-expire.yaml`).
 */
import addFormatsModule from "ajv-formats"
import Ajv2020Module from "ajv/dist/2020.js"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as YAML from "yaml"

// both packages are CommonJS modules whose `default` export is the constructor / plugin
const Ajv2020 = Ajv2020Module.default
const addFormats = addFormatsModule.default

const require = createRequire(import.meta.url)
const specPath = require.resolve("@workos/openapi-spec/spec")
const SPEC_ID = "https://workos.com/openapi-spec.json"

interface Spec {
  readonly paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >
}

const npmSpec = YAML.parse(fs.readFileSync(specPath, "utf8")) as Spec
/** What the npm spec lacks and the Git repository's newer spec has (see the file's header). */
const supplement = YAML.parse(
  fs.readFileSync(new URL("../fixtures/spec-7fd8359-api-keys-expire.yaml", import.meta.url), "utf8")
) as Pick<Spec, "paths">
for (const path of Object.keys(supplement.paths)) {
  if (npmSpec.paths[path] !== undefined) throw new Error(`the npm spec now has ${path}: drop it from the supplement`)
}
const spec: Spec = { ...npmSpec, paths: { ...npmSpec.paths, ...supplement.paths } }

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true })
addFormats(ajv)
ajv.addSchema({ ...spec, $id: SPEC_ID })

const pointer = (...parts: ReadonlyArray<string>) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")

const cache = new Map<string, ReturnType<typeof ajv.compile> | undefined>()

/**
 * The spec's path template for an operation, e.g. `/organizations/{id}`.
 */
export type PathTemplate = keyof Spec["paths"] & string

/**
 * Whether the spec documents `status` for `method path` at all.
 */
export const documents = (method: string, path: string, status: number): boolean =>
  spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)] !== undefined

/**
 * Validates `body` against the JSON schema the spec gives for `method path status` (`application/json`).
 * Returns the list of errors: empty when valid. A status the spec does not document is one error; a documented
 * status without a JSON schema (e.g. DELETE's 202) validates any body.
 */
export const validate = (method: string, path: string, status: number, body: unknown): ReadonlyArray<string> => {
  const response = spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)]
  if (response === undefined) return [`the spec does not document ${status} for ${method} ${path}`]
  const key = `${method} ${path} ${status}`
  if (!cache.has(key)) {
    const schema = response.content?.["application/json"]?.schema
    cache.set(
      key,
      schema === undefined
        ? undefined
        : ajv.compile({
          $ref: `${SPEC_ID}#/${
            pointer(
              "paths",
              path,
              method.toLowerCase(),
              "responses",
              String(status),
              "content",
              "application/json",
              "schema"
            )
          }`
        })
    )
  }
  const check = cache.get(key)
  if (check === undefined) return []
  return check(body)
    ? []
    : (check.errors ?? []).map((e: { instancePath: string; message?: string | undefined }) =>
      `${e.instancePath || "/"} ${e.message ?? "is invalid"}`
    )
}
