#!/usr/bin/env bash
# What installing @effect-workos/core + @effect-workos/http adds to an app that already has effect (EFFECT_VERSION,
# default 3.22.3: one patch behind the workspace's pin): `bash scripts/footprint.sh DIR` with the two packages'
# tarballs in DIR (e.g. from `pnpm tarballs DIR`). Prints the packages and the megabytes npm adds under node_modules;
# the "Install footprint" numbers in BENCHMARKS.md come from it.
set -euo pipefail
tarballs=$(cd "${1:?usage: scripts/footprint.sh DIR}" && pwd)
effect=${EFFECT_VERSION:-3.22.3}
work=$(mktemp -d /tmp/effect-workos-footprint.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
printf '{ "name": "footprint", "private": true }\n' > package.json
installed() { npm ls --all --parseable 2> /dev/null | tail -n +2 | sed "s#^$work/##" | sort -u; }
kilobytes() { du -sk node_modules | cut -f1; }

timeout 300 npm install --no-audit --no-fund --loglevel=error --save-exact "effect@$effect"
before=$(installed)
kb_before=$(kilobytes)
timeout 300 npm install --no-audit --no-fund --loglevel=error "$tarballs"/effect-workos-core-*.tgz \
  "$tarballs"/effect-workos-http-*.tgz
added=$(comm -13 <(echo "$before") <(installed))
mb=$(awk "BEGIN { printf \"%.1f\", ($(kilobytes) - $kb_before) / 1024 }")
echo "with effect@$effect installed, core + http add $(echo "$added" | wc -l) packages, $mb MB:"
echo "$added" | sed 's#^node_modules/##' | tr '\n' ' '
echo
