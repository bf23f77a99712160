#!/usr/bin/env bash
# `pnpm tarballs DIR`: builds every public package (tsc to ESM, pure-call annotation, CJS, .d.ts, then the publish
# directory dist/) and writes one installable .tgz per public package into DIR. `pnpm pack` packs each package's
# `publishConfig.directory`, the directory `pnpm publish` (and `changeset publish`) uploads.
set -euo pipefail
out=${1:?usage: pnpm tarballs DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.9)

"${PNPM[@]}" build
for dir in $(node scripts/public-packages.mjs); do
  (cd "$dir" && "${PNPM[@]}" pack --pack-destination "$out" > /dev/null)
done
ls "$out"/*.tgz
