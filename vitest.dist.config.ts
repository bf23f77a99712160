import * as Fs from "node:fs"
import * as Path from "node:path"
import { defineConfig, type Plugin } from "vitest/config"
import { projects } from "./vitest.workspace.js"

/**
 * TEST_DIST: the tests of these packages, run against what is published (`packages/<name>/dist`, written by
 * `pnpm build`) instead of the sources. Every module that resolves into a workspace package's `src/` (a test's
 * `../src/X.js`, a package import such as `@effect-workos/core/Organizations`, the built modules' own imports) is
 * replaced by the ESM build of that module, so a test never mixes a source and a built copy of the same module.
 */
const tested = ["core", "fake", "http"]

const root = import.meta.dirname
const inSource = /\/packages\/([^/]+)\/src\/(.+)\.ts$/

const builtOutput = (): Plugin => ({
  name: "effect-workos:test-dist",
  enforce: "pre",
  async resolveId(id, importer, options) {
    const resolved = await this.resolve(id, importer, { ...options, skipSelf: true })
    const match = resolved === null ? null : inSource.exec(resolved.id)
    if (match === null || !resolved!.id.startsWith(root)) return resolved
    const built = Path.join(root, "packages", match[1], "dist", "dist", "esm", `${match[2]}.js`)
    if (!Fs.existsSync(built)) {
      throw new Error(`TEST_DIST: ${built} is missing; run \`npx -y pnpm@10.34.9 build\` first`)
    }
    return built
  }
})

export default defineConfig({
  test: {
    // a project does not inherit the root's plugins: each gets the resolver
    projects: projects
      .filter((project) => typeof project === "object" && tested.includes(project.test?.name as string))
      .map((project) => ({ ...(project as object), plugins: [builtOutput()] })),
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    passWithNoTests: false,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
