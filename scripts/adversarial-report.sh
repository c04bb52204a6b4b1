#!/usr/bin/env bash
# Time and peak memory of each case of tests/adversarial.rs, one process per case (release
# build), as a Markdown table. Measures only: the tests assert outcomes, never times.
#   bash scripts/adversarial-report.sh [TEST_FILE]     (default: adversarial)
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:-adversarial}
bin=$(cargo test --release --test "$suite" --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["kind"] == ["test"]:
        print(m["executable"])' | tail -n 1)
echo "| case | result | wall (s) | peak RSS (MB) |"
echo "|---|---|---:|---:|"
for name in $("$bin" --list 2>/dev/null | sed -n 's/: test$//p'); do
  log=$(mktemp)
  if /usr/bin/time -f '%e %M' -o "$log.time" "$bin" --exact "$name" --test-threads=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
  fi
  read -r wall kb <"$log.time"
  printf '| %s | %s | %s | %s |\n' "$name" "$result" "$wall" "$((kb / 1024))"
  rm -f "$log" "$log.time"
done
