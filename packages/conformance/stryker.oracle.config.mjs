// StrykerJS over the oracle alone: the comparison of two answers and the reference model's rules, pagination and
// checks, judged by the oracle's self-tests (`vitest.oracle-mutation.config.ts`). The full run
// (`stryker.config.mjs`) mutates these modules too, against every test of the semantics.
import { fileURLToPath } from "node:url"
import base from "./stryker.config.mjs"

const here = (p) => fileURLToPath(new URL(p, import.meta.url))

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  plugins: [here("./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js")],
  vitest: { configFile: "packages/conformance/vitest.oracle-mutation.config.ts", related: false },
  mutate: base.mutate.filter((file) => file.startsWith("packages/conformance/")),
  jsonReporter: { fileName: "reports/mutation/oracle.json" },
  htmlReporter: { fileName: "reports/mutation/oracle.html" }
}
