#!/usr/bin/env bash
# Format, lints on both targets, and the Rust test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features wasm --locked -- -D warnings
# The package's three .wasm builds exactly as scripts/build-pkg.sh configures them (no default
# features): validator/, web/, node/. Feature-gated code is linted where it is compiled.
for features in wasm wasm-sim wasm-cli; do
  cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features "$features" --locked -- -D warnings
done
cargo test --locked
