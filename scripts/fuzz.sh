#!/usr/bin/env bash
# Bounded fuzzing of every cargo-fuzz target (fuzz/): `make fuzz`, which .ci/run calls after `make test`
# (4 targets x FUZZ_SECONDS: about 4 minutes by default, plus their builds).
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   space-separated subset (default: all of `cargo fuzz list`)
#   FUZZ_JOBS      libFuzzer -fork value (default: none, one process; the machine is shared)
# Installs cargo-fuzz when missing (idempotent). libFuzzer needs a nightly compiler: the
# nightly toolchain when rustup has one, otherwise the pinned stable one with
# RUSTC_BOOTSTRAP=1 (nothing is downloaded). Seeds come from tests/fixtures and examples/,
# regenerated under fuzz/target/seeds on every run; the growing corpus is fuzz/corpus/.
# No sanitizer: the crate forbids unsafe code, so ASan would only slow the search (~3x).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

# Seeds: every fixture under each profile (the first byte of an input picks the profile).
seeds=fuzz/target/seeds
rm -rf "$seeds"
mkdir -p "$seeds/validate" "$seeds/parse_sip_uri" "$seeds/simulate" "$seeds/simulate_structured"
n=0
for doc in tests/fixtures/rcml/*.xml examples/*.xml tests/fixtures/sim/*/*.xml; do
  [ -f "$doc" ] || continue
  for p in 0 1 2; do
    n=$((n + 1))
    { printf '%s' "$p"; cat "$doc"; } >"$seeds/validate/$n"
  done
done
# The simulator's golden scenarios: document, NUL, scenario JSON.
for dir in tests/fixtures/sim/*/; do
  [ -f "$dir/document.xml" ] && [ -f "$dir/scenario.json" ] || continue
  for p in 0 1 2; do
    n=$((n + 1))
    { printf '%s' "$p"; cat "$dir/document.xml"; printf '\0'; cat "$dir/scenario.json"; } >"$seeds/simulate/$n"
  done
done
for doc in examples/*.xml; do
  n=$((n + 1))
  { printf '0'; cat "$doc"; } >"$seeds/simulate/$n"
done
python3 - "$seeds/parse_sip_uri" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
cases = json.loads(pathlib.Path("tests/fixtures/sip_uri/cases.json").read_text())
for i, case in enumerate(cases):
    for p in "012":
        (out / f"{i}-{p}").write_text(p + case["input"])
PY

targets=${FUZZ_TARGETS:-$(cargo "${toolchain[@]}" fuzz list)}
mkdir -p fuzz/target/logs
passed=0 failed=0
for target in $targets; do
  corpus="fuzz/corpus/$target"
  log="fuzz/target/logs/$target.log"
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # -rss_limit_mb: a blow-up is a finding; -max_len: documents big enough for structure,
  # small enough for speed (the size limits have tests of their own in tests/adversarial.rs).
  if cargo "${toolchain[@]}" fuzz run -O --sanitizer none "$target" "$corpus" "$seeds/$target" -- \
    -dict=fuzz/rcml.dict -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 ${FUZZ_JOBS:+-fork="$FUZZ_JOBS"} >"$log" 2>&1; then
    passed=$((passed + 1))
    grep -E '^(Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))' "$log" |
      sed "s/^/fuzz: $target: /"
  else
    failed=$((failed + 1))
    echo "fuzz: $target FAILED; the end of its log:"
    tail -n 60 "$log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
