#!/usr/bin/env bash
# `make playground` (contracts.md §7): builds the npm package and the playground, then serves
# it on http://127.0.0.1:8080 (PORT= to change) with the seed example and a default scenario.
# `make` has already run scripts/setup.sh (installs, `npm ci` in www/).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"

make --no-print-directory pkg
if [ ! -d www/node_modules ]; then
  (cd www && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd www && npm run --silent build -- --logLevel warn)
echo "Open the URL below; Ctrl+C stops the server."
exec node www/serve.mjs --port "$PORT" --host 127.0.0.1
