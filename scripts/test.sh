#!/usr/bin/env bash
# Every check, in the order that fails fastest: what `make test` and CI run. Each stage is a
# script of its own, so a failure names its stage and any stage can be run alone.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGES=(
  rust        # fmt, clippy (host and wasm32), the Rust tests
  bench       # instruction counts under callgrind: validation linear, bounded against the floor
  wasm        # tests/wasm.rs: the bindings under wasm-bindgen-test in Node and headless Chromium
  pkg         # make pkg, size budget, publint, tests/js (pack/install, ESM/CJS, types, bin, Chromium)
  www         # the playground: type check, build, browser tests in headless Chromium
)

for stage in "${STAGES[@]}"; do
  started=$(date +%s)
  printf '\n\033[1m== %s ==\033[0m\n' "$stage"
  bash "scripts/test-$stage.sh"
  printf '\033[1m== %s: ok (%ss) ==\033[0m\n' "$stage" "$(( $(date +%s) - started ))"
done
printf '\nall checks passed\n'
