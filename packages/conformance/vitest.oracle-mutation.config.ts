/**
 * The vitest configuration of the oracle's own mutation run (`stryker.oracle.config.mjs`): that of the full run,
 * with the oracle's self-tests only. They feed each comparison and each check of the reference model both the
 * right answer and subtly wrong ones, so a mutant of the oracle is judged in milliseconds instead of by whole
 * lockstep runs.
 */
import base from "./vitest.mutation.config.js"

export default {
  ...base,
  test: {
    ...base.test,
    include: [
      "packages/conformance/test/observation.test.ts",
      "packages/conformance/test/oracle-observation.test.ts",
      "packages/conformance/test/oracle-model.test.ts",
      "packages/conformance/test/oracle-rules.test.ts",
      "packages/conformance/test/oracle-domains.test.ts"
    ]
  }
}
