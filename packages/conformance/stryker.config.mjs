// StrykerJS over the fake's semantics (its rules, its store with the ten operations, its pagination) and over the
// oracle that judges them: the comparison of two answers and the reference model's rules, pagination and checks.
// Run from the repository root: `pnpm mutation` (see VERIFICATION.md for the last score).
import { fileURLToPath } from "node:url"

const here = (p) => fileURLToPath(new URL(p, import.meta.url))

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: [here("./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js")],
  // the conformance tests reach the fake through package aliases, which `vitest related` does not follow
  vitest: { configFile: "packages/conformance/vitest.mutation.config.ts", related: false },
  mutate: [
    "packages/fake/src/internal/rules.ts",
    "packages/fake/src/internal/invariants.ts",
    "packages/fake/src/internal/store.ts",
    "packages/fake/src/internal/operations.ts",
    "packages/fake/src/internal/apiKeys.ts",
    "packages/fake/src/internal/domains.ts",
    "packages/fake/src/internal/domainIndex.ts",
    "packages/fake/src/internal/update.ts",
    "packages/fake/src/internal/objects.ts",
    "packages/fake/src/internal/seeding.ts",
    "packages/fake/src/internal/fixtures.ts",
    "packages/fake/src/internal/snapshot.ts",
    "packages/fake/src/internal/pagination.ts",
    "packages/fake/src/internal/order.ts",
    "packages/conformance/src/Observation.ts",
    "packages/conformance/src/model/Checks.ts",
    "packages/conformance/src/model/Domains.ts",
    "packages/conformance/src/model/Pagination.ts",
    "packages/conformance/src/model/Rules.ts"
  ],
  ignorePatterns: ["reports", ".ci", "**/build"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 2,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null }
}
