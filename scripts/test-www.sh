#!/usr/bin/env bash
# The playground's checks: type check and build (www/dist), then the browser tests in headless
# Debian Chromium (www/tests/), which write screenshots and metrics to target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

# The playground imports the built package; build it when this run has not yet (the pkg
# stage of `make test` normally has).
if [ ! -f pkg/package.json ]; then
  make --no-print-directory pkg
fi
if [ ! -d www/node_modules ]; then
  (cd www && npm ci --no-audit --no-fund --loglevel=error)
fi

cd www
npm run --silent build -- --logLevel warn
node --test --test-reporter=spec tests/
if [ -f ../target/screenshots/metrics.json ]; then
  echo "playground metrics (target/screenshots/metrics.json):"
  cat ../target/screenshots/metrics.json
fi
