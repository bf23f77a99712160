// The fake-only mutation run: the project's StrykerJS configuration with the fake's own tests as the judges.
// Run from the repository root, naming the modules: packages/conformance/node_modules/.bin/stryker run
// packages/fake/mutation/stryker.config.mjs --mutate 'packages/fake/src/internal/a.ts,…'
import base from "../../conformance/stryker.config.mjs"

export default {
  ...base,
  vitest: { configFile: "packages/fake/mutation/vitest.config.ts", related: false }
}
