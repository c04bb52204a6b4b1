#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already present, so that a
# second run costs a few seconds. Used by `make setup`, and first by `make test` and `make
# playground`. Everything comes from the registries this project may reach: crates.io, npm,
# Debian's apt.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.129   # must equal the `=` pin of wasm-bindgen in Cargo.toml
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# 1. The wasm32 target of the pinned toolchain (rust-toolchain.toml).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The standard library's source, for the npm package's size build (`-Zbuild-std` in
#     scripts/build-pkg.sh rebuilds std for opt-level z with the immediate-abort panic strategy).
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

# 2. wasm-bindgen-cli, exactly the version of the wasm-bindgen crate (0.2.130's lockfile needs
#    a crate the registry here lacks, hence --locked on the pinned version).
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi

# 3. Chromium and its driver for the browser tests (Debian packages; test tools that download
#    their own browser cannot work here).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver from apt"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || {
    $SUDO apt-get update -q >/dev/null
    $SUDO apt-get install -y -q chromium chromium-driver >/dev/null
  }
fi

# 4. npm dependencies of each JavaScript project, installed from its lockfile; skipped while
#    the installed tree matches the lockfile.
for dir in tools www bench/js; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
done

say "ready"
