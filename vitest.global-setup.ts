/**
 * Once before the test command: makes `redis-server` available for the shared rate-limit tests
 * (`scripts/ensure-redis.sh`; installed from the system's packages when missing and root is available). When it
 * cannot be, the run goes on and those tests fail, saying to install it.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

export default function setup(): void {
  const script = fileURLToPath(new URL("./scripts/ensure-redis.sh", import.meta.url))
  spawnSync("bash", [script], { stdio: ["ignore", "inherit", "inherit"], timeout: 10 * 60_000 })
}
