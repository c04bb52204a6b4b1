#!/usr/bin/env bash
# callgrind-count.sh BIN CASE [OUTDIR]: instructions of one `--once CASE` call of the native
# bench harness (only the function `bench_once_*` is counted), and the input's bytes:
# prints "INSTRUCTIONS BYTES". Used by scripts/bench.sh and scripts/test-bench.sh.
set -euo pipefail
bin=$1 case=$2 dir=${3:-target/bench}
mkdir -p "$dir"
log="$dir/callgrind.$case.log"
valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.$case.out" --collect-atstart=no \
  --toggle-collect="*bench_once_${case%%-*}*" "$bin" --once "$case" >"$log" 2>&1
ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$log" | tail -1)
bytes=$(sed -n "s/^$case: \([0-9]*\) bytes.*/\1/p" "$log")
[ -n "$ir" ] && [ -n "$bytes" ] || { echo "callgrind-count: no count for $case (see $log)" >&2; exit 1; }
# Zero: the function never ran under its name (folded into an identical one, or inlined).
[ "$ir" != 0 ] || { echo "callgrind-count: nothing counted in bench_once_${case%%-*} (see $log)" >&2; exit 1; }
echo "$ir $bytes"
