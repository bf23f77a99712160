import { defineConfig } from "vitest/config"
import { projects } from "./vitest.workspace.js"

export default defineConfig({
  test: {
    projects,
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    globalSetup: [new URL("./vitest.global-setup.ts", import.meta.url).pathname],
    passWithNoTests: false,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
