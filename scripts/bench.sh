#!/usr/bin/env bash
# `make bench`: the native harness (benches/native), instruction counts under callgrind
# (stable ratios on a shared machine), the wasm package in Node against fast-xml-parser
# (bench/js), then target/bench/summary.json and a table. A few minutes on 2 cores.
#   BENCH_CALLGRIND=0  skip the callgrind step;  BENCH_PKG=0  measure pkg/ as it is (by
#   default `make pkg` runs unless pkg/ is newer than its sources).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
say() { printf '\033[1mbench:\033[0m %s\n' "$*"; }
started=$(date +%s)

# --no-default-features: without `cli` the release binary is not built beside the bench
# (the harness does not need it; one build of the library instead of two).
cargo_bench() { cargo bench --locked --no-default-features --bench native "$@"; }
say "native harness (cargo bench --bench native)"
cargo_bench -- --out "$out" >"$out/native.log"
bin=$(cargo_bench --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)

rm -f "$out/callgrind.json"
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null && [ -x "$bin" ]; then
  say "instruction counts (valgrind --tool=callgrind)"
  count() { bash scripts/callgrind-count.sh "$bin" "$1" "$out"; }
  read -r v1 b1 <<<"$(count validate-1mb)"
  read -r f1 _ <<<"$(count floor-1mb)"
  read -r vs bs <<<"$(count validate-10kb)"
  read -r vl bl <<<"$(count validate-10mb)"
  awk -v v1="$v1" -v b1="$b1" -v f1="$f1" -v vs="$vs" -v bs="$bs" -v vl="$vl" -v bl="$bl" 'BEGIN {
    printf "{\n  \"validate_vs_floor_instructions\": %.3f,\n", v1 / f1
    printf "  \"scaling_10mb_vs_10kb_instructions\": %.3f,\n", (vl / bl) / (vs / bs)
    printf "  \"instructions\": {\n"
    printf "    \"validate_1mb\": %.0f, \"floor_1mb\": %.0f, \"validate_10kb\": %.0f, \"validate_10mb\": %.0f,\n", v1, f1, vs, vl
    printf "    \"validate_per_byte\": %.2f, \"floor_per_byte\": %.2f\n  }\n}\n", v1 / b1, f1 / b1
  }' >"$out/callgrind.json"
else
  say "callgrind step skipped"
fi

stamp=pkg/web/rcml_sip_bg.wasm
if [ "${BENCH_PKG:-1}" = 0 ]; then
  say "measuring pkg/ as it is (BENCH_PKG=0)"
elif [ -f "$stamp" ] && [ -z "$(find src npm Cargo.toml Cargo.lock scripts/build-pkg.sh -newer "$stamp" 2>/dev/null | head -1)" ]; then
  say "pkg/ is newer than its sources: not rebuilt"
else
  say "npm package (make pkg)"
  make --no-print-directory pkg >"$out/pkg.log" 2>&1 || { tail -20 "$out/pkg.log"; exit 1; }
fi
say "wasm in Node vs fast-xml-parser (bench/js)"
node bench/js/bench.mjs --out "$out" >"$out/wasm.log"

echo
node bench/js/summary.mjs --out "$out" ${BENCH_README:+--readme}
say "done in $(( $(date +%s) - started ))s"
