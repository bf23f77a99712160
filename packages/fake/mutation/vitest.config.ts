/**
 * The vitest configuration of the fake-only mutation run (`stryker.config.mjs` here): the fake's own tests, with the
 * workspace packages aliased to the sandbox's sources like `packages/conformance/vitest.mutation.config.ts`. Faster
 * than the full run (no conformance suite), so its survivors are an upper bound of the full run's.
 */
import * as path from "node:path"
import { defineConfig } from "vitest/config"

const root = path.resolve(import.meta.dirname, "../../..")

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@effect-workos\/(core|fake)$/, replacement: `${root}/packages/$1/src/index.ts` },
      { find: /^@effect-workos\/(core|fake)\/(.+)$/, replacement: `${root}/packages/$1/src/$2.ts` }
    ]
  },
  test: {
    root,
    include: ["packages/fake/test/**/*.test.ts"],
    setupFiles: [path.join(root, "vitest.setup.ts")],
    testTimeout: 180_000,
    hookTimeout: 60_000
  }
})
