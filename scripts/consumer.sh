#!/usr/bin/env bash
# The consumer check (`pnpm consumer`, run by .ci/run): the public packages as a user gets them. Builds the tarballs,
# installs them with npm into a fresh project under /tmp (outside the workspace, no links) next to the lowest Effect
# versions the peer ranges allow (not the workspace's), and checks:
#   1. an ESM program runs with plain node      2. the same through require (CJS)
#   3. tsc --noEmit under nodenext and bundler, strict and strictest, skipLibCheck false
#   4. exactly one copy of effect is installed  5. the installed bin starts the emulator, which answers over the wire
#   6. publint and @arethetypeswrong/cli pass on every tarball
# Any failure exits non-zero naming the step. The temp dir and the emulator are removed on every exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# the lowest versions whose own peer ranges agree (@effect/cli 0.77.0 needs effect ^3.22.1 and platform ^0.97.1)
CONSUMER_DEPS=(
  effect@3.22.1 @effect/platform@0.97.1 @effect/platform-node@0.108.0
  @effect/cli@0.77.0 @effect/printer@0.51.0 @effect/printer-ansi@0.51.0 @types/node@20
)

work=$(mktemp -d /tmp/effect-workos-consumer.XXXXXX)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill -TERM -- "-$emulator_pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
step=""
trap 'echo "consumer check FAILED at: $step" >&2' ERR

step="tarballs"
bash scripts/tarballs.sh "$work/tarballs" > "$work/tarballs.log" 2>&1 || { cat "$work/tarballs.log"; false; }
mapfile -t tarballs < <(ls "$work"/tarballs/*.tgz)
echo "consumer: ${#tarballs[@]} tarballs"

step="npm install (tarballs + ${CONSUMER_DEPS[*]})"
app="$work/app"
mkdir -p "$app"
cp scripts/consumer/* "$app/"
cd "$app"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
timeout 300 npm install --no-audit --no-fund --loglevel=error "${tarballs[@]}" "${CONSUMER_DEPS[@]}"
echo "consumer: installed $(npm ls --all --parseable 2> /dev/null | tail -n +2 | wc -l) packages"

step="1. ESM with plain node"
node app.mjs 2> stderr.txt
step="2. CJS through require"
node app.cjs 2>> stderr.txt
if grep -q "Executing an Effect versioned" stderr.txt; then
  step="one Effect runtime (version mismatch warnings)"
  head -3 stderr.txt
  false
fi

step="3. tsc --noEmit (nodenext, bundler) x (strict, strictest), skipLibCheck false"
for config in tsconfig.*.json; do
  "$ROOT/node_modules/.bin/tsc" -p "$config"
  echo "consumer: tsc -p $config ok"
done

step="4. exactly one copy of effect (npm ls effect)"
copies=$(npm ls effect --all --parseable | sort -u | grep -c '/node_modules/effect$')
npm ls effect --all
[ "$copies" -eq 1 ] || { echo "consumer: $copies copies of effect"; false; }

step="5. the installed bin starts the emulator and it answers"
setsid npx --no-install effect-workos-emulator --port 0 > emulator.out 2> emulator.err &
emulator_pid=$!
for _ in $(seq 1 300); do
  grep -q "listening on" emulator.out && break
  kill -0 "$emulator_pid" 2> /dev/null || break
  sleep 0.1
done
first=$(head -n 1 emulator.out)
[[ "$first" =~ ^effect-workos\ emulator\ listening\ on\ (http://[^ ]+)$ ]] || {
  echo "consumer: the emulator's first line is '$first'"
  cat emulator.err
  false
}
base_url=${BASH_REMATCH[1]}
timeout 60 node live.mjs "$base_url"
kill -TERM -- "-$emulator_pid"
wait "$emulator_pid" || true
emulator_pid=""

step="6. publint and attw on every tarball"
for tarball in "${tarballs[@]}"; do
  timeout 120 "$ROOT/node_modules/.bin/publint" --strict "$tarball" > publint.txt 2>&1 || { cat publint.txt; false; }
  timeout 120 "$ROOT/node_modules/.bin/attw" --format table-flipped "$tarball" > attw.txt 2>&1 || { cat attw.txt; false; }
  echo "consumer: publint and attw ok for $(basename "$tarball")"
done
echo "consumer: all six checks passed"
