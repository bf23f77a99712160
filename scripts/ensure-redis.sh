#!/usr/bin/env bash
# Makes `redis-server` available for the shared rate-limit tests (packages/http/test/RateLimitRedis.test.ts,
# packages/conformance/test/fleet.test.ts): nothing to do when it is on the PATH, otherwise it is installed from the
# system's packages (Debian's redis-server) when root or passwordless sudo is available. Used by .ci/run and by the
# test command's global setup (vitest.global-setup.ts), so `pnpm test` works on a fresh machine.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
else
  echo "redis-server is missing and cannot be installed here (no root, no sudo): install it (apt-get install -y redis-server); its tests will fail" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing and this system has no apt-get: install Redis; its tests will fail" >&2
  exit 1
fi
echo "installing redis-server from the system's packages (apt-get)" >&2
"${run[@]}" apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq redis-server >&2
