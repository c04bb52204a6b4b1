#!/usr/bin/env bash
# The npm package: build pkg/ (`make pkg`), the size budget of the browser's .wasm, publint,
# then tests/js (pack, install, ESM/CJS/codemirror imports, types, bin vs native, Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-pkg.sh

# Size budget: the gzipped .wasm a browser downloads. 150 KB = 150 KiB = 153600 bytes.
BUDGET=153600
wasm=pkg/web/rcml_sip_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9c "$wasm" | wc -c)
echo "size: $wasm $raw bytes raw, $gz bytes gzipped (budget $BUDGET)"
if [ "$gz" -gt "$BUDGET" ]; then
  echo "size: over budget by $((gz - BUDGET)) bytes" >&2
  exit 1
fi

tools/node_modules/.bin/publint run pkg --strict

cargo build --locked --bin rcml-sip
RCML_SIP_NATIVE="$PWD/target/debug/rcml-sip" node --test tests/js/
