/**
 * Completes the publish directory that `build-utils pack-v3` wrote into `dist/` (run from a package directory,
 * after pack-v3):
 *
 * - `workspace:` ranges become the real versions of the workspace packages, so the tarball installs anywhere;
 * - the metadata pack-v3 does not carry over (`keywords`, `engines`, `homepage`, `bugs`) is copied from the source
 *   `package.json`, and `files` lists exactly what is shipped (no tests, no tsconfig);
 * - a `bin` that points at `./src/<name>.ts` points at the compiled ESM module instead, which gets a shebang and
 *   the executable bit;
 * - each export gets declarations of its own module format: pack-v3's single `types` (under `dist/dts`, read as
 *   CommonJS) stays for `require`, and a copy next to the ESM build (whose `package.json` says `"type": "module"`)
 *   serves `import`, so TypeScript under `node16`/`nodenext` does not see CommonJS types for an ES module.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"

const root = Path.resolve(import.meta.dirname, "..")
const readJson = (file) => JSON.parse(Fs.readFileSync(file, "utf8"))

const source = readJson("package.json")
const dist = readJson("dist/package.json")

const workspaceVersions = new Map(
  Fs.readdirSync(Path.join(root, "packages"))
    .map((dir) => Path.join(root, "packages", dir, "package.json"))
    .filter((file) => Fs.existsSync(file))
    .map(readJson)
    .map((pkg) => [pkg.name, pkg.version])
)

const resolveWorkspace = (name, range) => {
  if (!range.startsWith("workspace:")) return range
  const version = workspaceVersions.get(name)
  if (version === undefined) throw new Error(`${source.name}: ${name} is not a workspace package`)
  const spec = range.slice("workspace:".length)
  if (spec === "^" || spec === "~") return `${spec}${version}`
  if (spec === "*") return version
  return spec
}

for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
  if (dist[field] === undefined) continue
  dist[field] = Object.fromEntries(
    Object.entries(dist[field]).map(([name, range]) => [name, resolveWorkspace(name, range)])
  )
}

for (const field of ["keywords", "engines", "homepage", "bugs"]) {
  if (source[field] !== undefined) dist[field] = source[field]
}

if (source.bin !== undefined) {
  const toBuilt = (file) => {
    const match = /^\.\/src\/(.+)\.ts$/.exec(file)
    if (match === null) throw new Error(`${source.name}: bin ${file} is not a ./src/*.ts module`)
    const built = `./dist/esm/${match[1]}.js`
    const onDisk = Path.join("dist", built)
    const code = Fs.readFileSync(onDisk, "utf8")
    if (!code.startsWith("#!")) Fs.writeFileSync(onDisk, `#!/usr/bin/env node\n${code}`)
    Fs.chmodSync(onDisk, 0o755)
    return built
  }
  dist.bin = typeof source.bin === "string"
    ? toBuilt(source.bin)
    : Object.fromEntries(Object.entries(source.bin).map(([name, file]) => [name, toBuilt(file)]))
}

Fs.cpSync("dist/dist/dts", "dist/dist/esm", { recursive: true })
dist.type = "commonjs"
dist.exports = Object.fromEntries(
  Object.entries(dist.exports).map(([entry, target]) => {
    if (typeof target === "string") return [entry, target]
    const esmTypes = target.import.replace(/\.js$/, ".d.ts")
    return [entry, {
      import: { types: esmTypes, default: target.import },
      default: { types: target.types, default: target.default }
    }]
  })
)

// the compiled modules, their sources (for the source maps) and pack-v3's per-module proxy directories
const proxies = Fs.readdirSync("dist", { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && Fs.existsSync(Path.join("dist", entry.name, "package.json")))
  .map((entry) => `/${entry.name}`)
dist.files = ["/dist", "/src", ...proxies].sort()
dist.publishConfig = { ...dist.publishConfig, access: "public" }

Fs.writeFileSync("dist/package.json", JSON.stringify(dist, null, 2) + "\n")
