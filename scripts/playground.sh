#!/usr/bin/env bash
# Until the browser playground exists, `make playground` shows what it will show: the bundled
# examples checked and a default call simulated, with the native command line.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "the browser playground is not built yet: running the command line on examples/ instead"
cargo build --release --quiet
for f in examples/*.xml; do
  ./target/release/rcml-sip check "$f" || true
done
