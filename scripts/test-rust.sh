#!/usr/bin/env bash
# Format, lints on both targets, and the Rust test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features wasm --locked -- -D warnings
cargo test --locked
