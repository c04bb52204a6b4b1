#!/usr/bin/env bash
# The JavaScript bindings (src/wasm) under wasm-bindgen-test: tests/wasm.rs in Node, then the
# same tests in headless Chromium through chromedriver (both from apt, see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120
wasm_test() { cargo test --locked --target wasm32-unknown-unknown --no-default-features --features wasm-cli --test wasm --test sim_wasm_golden --test determinism; }

cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --features wasm-cli --test wasm --test sim_wasm_golden --test determinism -- -D warnings

echo "wasm-bindgen-test in Node"
wasm_test

echo "wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_USE_BROWSER=1 \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
  wasm_test
