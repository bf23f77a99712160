// The fake-only mutation run: the project's StrykerJS configuration with the fake's own tests as the judges.
// Run from the repository root: `pnpm mutation:fake` (the fake's modules of the project's list), or name some with
// `--mutate 'packages/fake/src/internal/a.ts,…'`.
import base from "../../conformance/stryker.config.mjs"

export default {
  ...base,
  mutate: base.mutate.filter((file) => file.startsWith("packages/fake/")),
  vitest: { configFile: "packages/fake/mutation/vitest.config.ts", related: false }
}
