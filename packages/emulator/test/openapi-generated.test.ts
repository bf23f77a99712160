/**
 * The OpenAPI document generated from core's declaration (`OpenApi.fromApi(WorkOSApi)`) against the official one
 * (`@workos/openapi-spec`): every path, method, status, parameter and body field of ours must exist in the
 * official spec with a compatible schema (the same JSON types, in the direction that matters: what we send must be
 * accepted, what the spec lets WorkOS answer must decode; and the same required-ness where it changes that). Each
 * difference is listed as data in `openapi-generated.divergences.ts` (and in DIVERGENCES.md's "Generated OpenAPI
 * document" section); an unlisted difference fails, and so does a listed one that no longer occurs.
 */
import * as WorkOSApi from "@effect-workos/core/WorkOSApi"
import * as OpenApi from "@effect/platform/OpenApi"
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as YAML from "yaml"
import { divergences } from "./openapi-generated.divergences.js"

type Json = { readonly [key: string]: any }

const require = createRequire(import.meta.url)
const official: Json = YAML.parse(fs.readFileSync(require.resolve("@workos/openapi-spec/spec"), "utf8"))
const generated: Json = OpenApi.fromApi(WorkOSApi.WorkOSApi)

const METHODS = ["get", "post", "put", "delete", "patch"]

/** Follows `$ref`s into the document's components. */
const deref = (doc: Json, schema: Json | undefined): Json => {
  let current: Json = schema ?? {}
  for (let i = 0; i < 20 && typeof current.$ref === "string"; i++) {
    const path = (current.$ref as string).replace(/^#\//, "").split("/")
    current = path.reduce((node: Json, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc) ?? {}
  }
  return current
}

const members = (doc: Json, schema: Json): ReadonlyArray<Json> => {
  const s = deref(doc, schema)
  const alternatives = s.anyOf ?? s.oneOf
  return Array.isArray(alternatives) ? alternatives.flatMap((m: Json) => members(doc, m)) : [s]
}

const typeOfValue = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : typeof value

/** The JSON types a schema admits (`integer` counts as `number`); `undefined` when it says nothing. */
const jsonTypes = (doc: Json, schema: Json): Set<string> | undefined => {
  const out = new Set<string>()
  for (const member of members(doc, schema)) {
    const allOf: ReadonlyArray<Json> = Array.isArray(member.allOf) ? member.allOf : []
    const own = member.type ?? ("const" in member ? typeOfValue(member.const) : undefined)
      ?? (Array.isArray(member.enum) ? member.enum.map(typeOfValue) : undefined)
    const found = own ?? allOf.map((m) => jsonTypes(doc, m)).find((t) => t !== undefined)
    if (found === undefined) return undefined
    for (const t of found instanceof Set ? found : [found].flat()) out.add(t === "integer" ? "number" : t)
  }
  return out
}

interface Shape {
  readonly properties: Record<string, Json>
  readonly required: ReadonlySet<string>
}

/** An object schema's properties, merged over `allOf` (all) and `anyOf`/`oneOf` (required by every member). */
const shape = (doc: Json, schema: Json): Shape => {
  const alternatives = members(doc, schema).filter((m) => m.type === "object" || m.properties || m.allOf)
  const shapes = alternatives.map((m): Shape => {
    const parts = [m, ...(Array.isArray(m.allOf) ? m.allOf.map((p: Json) => deref(doc, p)) : [])]
    return {
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: new Set(parts.flatMap((p) => p.required ?? []))
    }
  })
  return {
    properties: Object.assign({}, ...shapes.map((s) => s.properties)),
    required: new Set(
      shapes.length === 0 ? [] : [...shapes[0]!.required].filter((key) => shapes.every((s) => s.required.has(key)))
    )
  }
}

const itemsOf = (doc: Json, schema: Json): Json | undefined =>
  members(doc, schema).find((m) => m.type === "array" && m.items !== undefined)?.items

const show = (types: Set<string>) => [...types].sort().join("|")

/**
 * The differences between a schema of ours and the spec's at `where`. `sent`: we send it (the spec must accept all
 * we send); otherwise we decode it (we must accept all the spec allows).
 */
const compareSchemas = (where: string, ours: Json, spec: Json, sent: boolean, out: Array<string>): void => {
  const oursTypes = jsonTypes(generated, ours)
  const specTypes = jsonTypes(official, spec)
  if (oursTypes !== undefined && specTypes !== undefined) {
    const [narrow, wide] = sent ? [oursTypes, specTypes] : [specTypes, oursTypes]
    if ([...narrow].some((t) => !wide.has(t))) {
      out.push(`${where}: type ${show(oursTypes)}, the spec's ${show(specTypes)}`)
    }
  }
  if (oursTypes?.has("object") && specTypes?.has("object")) {
    const o = shape(generated, ours)
    const s = shape(official, spec)
    for (const [key, schema] of Object.entries(o.properties)) {
      if (!(key in s.properties)) {
        out.push(`${where}.${key}: not in the spec`)
        continue
      }
      if (sent && s.required.has(key) && !o.required.has(key)) out.push(`${where}.${key}: required by the spec`)
      if (!sent && o.required.has(key) && !s.required.has(key)) out.push(`${where}.${key}: optional in the spec`)
      compareSchemas(`${where}.${key}`, schema, s.properties[key], sent, out)
    }
    if (sent) {
      for (const key of s.required) if (!(key in o.properties)) out.push(`${where}.${key}: required by the spec`)
    }
  }
  const oursItems = itemsOf(generated, ours)
  const specItems = itemsOf(official, spec)
  if (oursItems !== undefined && specItems !== undefined) {
    compareSchemas(`${where}[]`, oursItems, specItems, sent, out)
  }
}

/**
 * Our URL parameters are the query's text (`WorkOSApi`'s adapter encodes numbers and joins `domains` with commas):
 * compatible with a spec parameter whose value is a scalar, or an array serialized as one comma-joined value
 * (`style: form`, `explode: false`).
 */
const textOnTheWire = (parameter: Json): boolean => {
  const types = jsonTypes(official, parameter.schema ?? {})
  if (types === undefined) return true
  return [...types].every((t) =>
    ["string", "number", "boolean"].includes(t) || (t === "array" && parameter.explode === false)
  )
}

const differences = (): Array<string> => {
  const out: Array<string> = []
  for (const [path, operations] of Object.entries<Json>(generated.paths)) {
    for (const method of METHODS.filter((m) => m in operations)) {
      const operation: Json = operations[method]
      const at = `${method.toUpperCase()} ${path}`
      const specOperation: Json | undefined = official.paths[path]?.[method]
      if (specOperation === undefined) {
        out.push(`${at}: not in the spec`)
        continue
      }
      const specParameters: ReadonlyArray<Json> = [
        ...(official.paths[path].parameters ?? []),
        ...(specOperation.parameters ?? [])
      ].map((p) => deref(official, p))
      for (const parameter of operation.parameters ?? []) {
        const where = `${at} ${parameter.in} ${parameter.name}`
        const match = specParameters.find((p) =>
          p.in === parameter.in &&
          (p.in === "header" ? p.name.toLowerCase() === parameter.name : p.name === parameter.name)
        )
        if (match === undefined) {
          out.push(`${where}: not in the spec`)
          continue
        }
        if (parameter.required === true && match.required !== true) out.push(`${where}: optional in the spec`)
        if (parameter.in === "query") {
          if (!textOnTheWire(match)) out.push(`${where}: the spec's value is not text`)
        } else {
          compareSchemas(where, parameter.schema ?? {}, match.schema ?? {}, true, out)
        }
      }
      const body = operation.requestBody?.content?.["application/json"]?.schema
      if (body !== undefined) {
        const specBody = specOperation.requestBody?.content?.["application/json"]?.schema
        if (specBody === undefined) out.push(`${at} request body: not in the spec`)
        else compareSchemas(`${at} request body`, body, specBody, true, out)
      }
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        const where = `${at} ${status}`
        const specResponse: Json | undefined = specOperation.responses?.[status]
        if (specResponse === undefined) {
          out.push(`${where}: status not in the spec`)
          continue
        }
        for (const [contentType, content] of Object.entries<Json>(response.content ?? {})) {
          const specContent = specResponse.content?.[contentType]
          if (specContent === undefined) {
            out.push(`${where} ${contentType}: content type not in the spec`)
            continue
          }
          compareSchemas(`${where} body`, content.schema ?? {}, specContent.schema ?? {}, false, out)
        }
      }
    }
  }
  return out
}

describe("the OpenAPI document generated from WorkOSApi", () => {
  const found = differences()

  it("has the operations under the spec's paths (the expire endpoint postdates npm 0.1.0)", () => {
    const operations = Object.entries<Json>(generated.paths).flatMap(([path, ops]) =>
      METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`)
    )
    assert.strictEqual(operations.length, WorkOSApi.operations.length)
    for (const operation of operations) {
      if (operation !== "POST /api_keys/{id}/expire") assert.notInclude(found, `${operation}: not in the spec`)
    }
  })

  it("differs from the official spec only where the divergences list says so", () => {
    const unlisted = found.filter((difference) => !divergences.some((d) => d.pattern.test(difference)))
    assert.deepStrictEqual(unlisted, [])
  })

  it("every listed divergence still occurs", () => {
    const stale = divergences.filter((d) => !found.some((difference) => d.pattern.test(difference))).map((d) => d.id)
    assert.deepStrictEqual(stale, [])
  })

  it("the list and DIVERGENCES.md's generated-OpenAPI section name the same entries", () => {
    const text = fs.readFileSync(new URL("../../../DIVERGENCES.md", import.meta.url), "utf8")
    const documented = [...text.matchAll(/^\| (G\d+) \|/gm)].map((m) => m[1])
    assert.deepStrictEqual(documented, divergences.map((d) => d.id))
  })
})
