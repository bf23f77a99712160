/**
 * The vitest configuration StrykerJS runs in its sandbox (a copy of the repository): the fake's own tests, the
 * conformance tests that judge the fake's semantics, and the oracle's own tests (its comparisons and checks, each
 * fed a subtly wrong answer). The workspace packages are aliased to the sandbox's sources,
 * because pnpm's links in node_modules would otherwise resolve to the original (unmutated) files.
 */
import * as path from "node:path"
import { defineConfig } from "vitest/config"

const root = path.resolve(import.meta.dirname, "../..")

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@effect-workos\/(core|fake|http|emulator)$/, replacement: `${root}/packages/$1/src/index.ts` },
      { find: /^@effect-workos\/(core|fake|http|emulator)\/(.+)$/, replacement: `${root}/packages/$1/src/$2.ts` }
    ]
  },
  test: {
    root,
    include: [
      "packages/fake/test/**/*.test.ts",
      "packages/conformance/test/model.test.ts",
      "packages/conformance/test/concurrency.test.ts",
      "packages/conformance/test/exactly-once.test.ts",
      "packages/conformance/test/mutants.test.ts",
      "packages/conformance/test/observation.test.ts",
      "packages/conformance/test/oracle-observation.test.ts",
      "packages/conformance/test/oracle-model.test.ts",
      "packages/conformance/test/oracle-rules.test.ts"
    ],
    setupFiles: [path.join(root, "vitest.setup.ts")],
    testTimeout: 180_000,
    hookTimeout: 60_000
  }
})
