import * as path from "node:path"
import type { TestProjectConfiguration } from "vitest/config"

/**
 * The test projects, one per package that has tests. `vitest.config.ts` passes this list to `test.projects`.
 */
const packages = ["core", "http", "fake", "emulator", "conformance"]

export const projects: Array<TestProjectConfiguration> = [
  ...packages.map((name) => ({
    extends: true,
    test: {
      name,
      root: path.join(import.meta.dirname, "packages", name),
      include: ["test/**/*.test.ts"]
    }
  })),
  {
    extends: true,
    test: {
      name: "examples",
      root: path.join(import.meta.dirname, "examples"),
      include: ["test/**/*.test.ts"]
    }
  }
]

export default projects
