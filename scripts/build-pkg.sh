#!/usr/bin/env bash
# `make pkg`: builds the npm package into pkg/ from pkg.json and npm/.
#
#   web/        wasm-bindgen --target web (ESM, explicit init()/initSync()) for browsers and
#               bundlers: the whole API (feature wasm-sim).
#   validator/  the same without `simulate` (feature wasm), for pages that only check
#               documents (`rcml-sip/validator`).
#   shared/     engine.js: the one API shim over the web and validator builds' modules.
#   rules/      the rule catalogue with its long-form docs as data (`rcml-sip/rules`, no .wasm):
#               the browsers' builds leave the docs out (no feature rule-docs), the Node build
#               prints them (scripts/build-pkg-rules.cjs).
#   node/       wasm-bindgen --target nodejs (CommonJS, compiled synchronously on require) with
#               the command line too (`runCli`, feature wasm-cli) for the package's bin; the ESM
#               entry re-exports the same instance, so mixed import/require loads it once.
#
# Two builds of the same code, each for what its users pay:
# - browsers (web/, validator/) download the .wasm on every page view: the size build. Cargo's
#   `wasm-release` profile (opt-level z, LTO), with the standard library rebuilt from source
#   for it (`-Zbuild-std`, through RUSTC_BOOTSTRAP=1 on the pinned toolchain: no second
#   toolchain to install, only its rust-src component, which `make setup` adds) with the
#   `immediate-abort` panic strategy and no panic locations: a panic was already a trap here
#   (panic = "abort"); now it carries no message-formatting code or file names either
#   (-16.4 KB gzipped on the web build). std's `optimize_for_size` feature picks its smaller
#   variants (sorts, integer formatting; same results): -5.9 KB gzipped, validate no slower.
#   Without rust-src the build falls back to the prebuilt std (and the size budget of
#   scripts/test-pkg.sh fails).
# - Node (node/, what `make bench` measures) reads it from disk once: the speed build, cargo's
#   `release` profile (opt-level 3, LTO), about twice as fast as opt-level z on validate, with
#   wasm SIMD (Node >= 16.4; memchr's searches then take 16 bytes at a time).
# Then wasm-opt (npm binaryen; SIZE_OPT below for the size build, -O3 for the speed build)
# with two facts of wasm-bindgen's output: its memory is the module's own (so zero-filled at start) and
# nothing lives in its first 1 KB (the stack grows down from 1 MB, data is above it); they
# save ~1.1 KB gzipped. The producers and target-features sections go too.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=pkg
TARGET_DIR=${CARGO_TARGET_DIR:-target}
WASM_OPT=tools/node_modules/.bin/wasm-opt
say() { printf '\033[1mpkg:\033[0m %s\n' "$*"; }

[ -x "$WASM_OPT" ] || { echo "pkg: $WASM_OPT is missing: run \`make setup\`" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each build's own target directory: their flags differ from every other build's, which
# would otherwise rebuild each other's dependencies in turn.
SIZE_DIR="$TARGET_DIR/pkg-size"
SPEED_DIR="$TARGET_DIR/pkg-speed"
size_flags=()
if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  size_flags=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
  size_rustflags="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
else
  echo "pkg: rust-src is not installed (\`make setup\` adds it): the size build uses the prebuilt std" >&2
  size_rustflags=""
fi
# LLVM inlines only calls that cost nothing (its opt-level z threshold is 5; measured web gz
# at 10: +0, 0: -1.1 KB, -5: +0.6 KB, -20: +5.6 KB): see SIZE_OPT for the figures.
size_rustflags+=" -Cllvm-args=-inline-threshold=0"
# wasm-opt for the size build: flatten and re-loop the control flow, then -Os twice, and
# functions with one caller are inlined only when small (at most 200 of binaryen's units;
# unlimited by default): fewer, larger functions compress worse. Measured (gzip -9, 2026-12-05):
# web build -Oz alone 168 828, this pipeline 166 412, with LLVM's threshold 0 too 165 423; on
# a later main, web 149 822 -> 146 658 and validator 106 661 -> 104 912 with both. validate()
# in Node (bench/js/compare-wasm.mjs): the seed documents 4-5 % slower, 1 MB 1 % slower.
# Rejected, measured the same way: -Oz twice or --converge (-30 B), -Os (-110 B), --gufa,
# --merge-similar-functions, --duplicate-function-elimination, --generate-global-effects (no
# gain), --reorder-functions (+1.7 KB), -O3 -s2, LLVM opt-level s (+25 KB), -Ctarget-cpu=mvp
# (+0.5 KB), -Zmir-opt-level=1 (+0.5 KB), -Zmir-opt-level=3 or -Zinline-mir=yes (+2.9 KB),
# -Zmerge-functions=disabled (+0.1 KB), GVN hoist/sink (+0.5 KB), -Zinline-mir=no,
# -Zshare-generics, -Zcross-crate-inline-threshold=never (no change), --ignore-implicit-traps
# (+20 B); -tnh (-0.8 KB with this pipeline, but it lets wasm-opt drop the traps that stand for a
# panic: not the same program); the XML and SIP URI fast paths left out of this build (-1.7 and
# -1.5 KB, but validate of 1 MB 3.1x and 1.95x slower).
SIZE_OPT=(--flatten --rereloop -Os -Os --one-caller-inline-max-function-size=200)

# build KIND FEATURES DIR NAME TARGET: one cargo build of the library as a cdylib (Cargo.toml
# declares an rlib only; see there), its .wasm copied aside before the next overwrites it,
# wasm-bindgen (NAME.js, NAME_bg.wasm), wasm-opt. KIND is size or speed.
build() {
  local wasm_dir
  local -a opt
  if [ "$1" = size ]; then
    say "$3: size build (opt-level z, std from source), features $2, wasm-bindgen --target $5"
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="$size_rustflags" \
      cargo rustc --locked --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm-release \
      --no-default-features --features "$2" --target-dir "$SIZE_DIR" ${size_flags[@]+"${size_flags[@]}"}
    wasm_dir="$SIZE_DIR/wasm32-unknown-unknown/wasm-release"
    opt=("${SIZE_OPT[@]}")
  else
    say "$3: speed build (opt-level 3, simd128), features $2, wasm-bindgen --target $5"
    RUSTFLAGS="-Ctarget-feature=+simd128" \
      cargo rustc --locked --lib --crate-type cdylib --target wasm32-unknown-unknown --profile release \
      --no-default-features --features "$2" --target-dir "$SPEED_DIR"
    wasm_dir="$SPEED_DIR/wasm32-unknown-unknown/release"
    opt=(-O3)
  fi
  mkdir -p "$work/$3.in"
  cp "$wasm_dir/rcml_sip.wasm" "$work/$3.in/$4.wasm"
  wasm-bindgen --target "$5" --no-typescript --out-dir "$work/$3" "$work/$3.in/$4.wasm"
  "$WASM_OPT" "${opt[@]}" --zero-filled-memory --low-memory-unused --strip-producers --strip-target-features \
    "$work/$3/$4_bg.wasm" -o "$work/$3/opt.wasm"
  mv "$work/$3/opt.wasm" "$work/$3/$4_bg.wasm"
}
build size wasm validator rcml_sip_validator web
build size wasm-sim web rcml_sip web
build speed wasm-cli node rcml_sip nodejs

say "assembling $OUT/"
rm -rf "$OUT"
mkdir -p "$OUT"/{web,validator,shared,node,codemirror,bin}
cp "$work/web/rcml_sip.js" "$work/web/rcml_sip_bg.wasm" npm/web/index.js "$OUT/web/"
cp "$work/validator/rcml_sip_validator.js" "$work/validator/rcml_sip_validator_bg.wasm" \
  npm/validator/index.js npm/validator/index.d.ts "$OUT/validator/"
cp npm/shared/engine.js "$OUT/shared/"
cp "$work/node/rcml_sip.js" "$OUT/node/rcml_sip.cjs"
cp "$work/node/rcml_sip_bg.wasm" npm/node/index.cjs npm/node/index.mjs "$OUT/node/"
cp npm/bin/rcml-sip.cjs "$OUT/bin/"
chmod +x "$OUT/bin/rcml-sip.cjs"
cp LICENSE "$OUT/"

# rcml-sip/codemirror: the ESM source for browsers (on the validator build), with the schema
# of each profile filled in from the Node build, and two derived Node variants (on node/).
cm="$work/codemirror.js"
node -e '
  const fs = require("fs");
  const { profiles, xmlElements } = require("./'"$OUT"'/node/rcml_sip.cjs");
  const src = fs.readFileSync("npm/codemirror/index.js", "utf8");
  const line = "const ELEMENTS = null; // ELEMENTS: replaced by the generated schema of each profile";
  if (!src.includes(line)) throw new Error("npm/codemirror/index.js: the ELEMENTS placeholder is missing");
  const elements = Object.fromEntries(profiles().map((p) => [p, xmlElements({ profile: p })]));
  fs.writeFileSync(process.argv[1], src.replace(line, () => "const ELEMENTS = " + JSON.stringify(elements) + ";"));
' "$cm"
cp "$cm" "$OUT/codemirror/index.js"
sed 's#^import { init, validate } from "../validator/index.js";#import { init, validate } from "../node/index.mjs";#' \
  "$cm" >"$OUT/codemirror/node.mjs"
grep -q '"../node/index.mjs"' "$OUT/codemirror/node.mjs" || { echo "pkg: node.mjs: the validator import was not converted" >&2; exit 1; }
{
  echo '"use strict";'
  sed -e 's#^import { \(.*\) } from "\(.*\)";#const { \1 } = require("\2");#' \
      -e 's#"../validator/index.js"#"../node/index.cjs"#' \
      -e 's#^export function #function #' "$cm"
  printf 'module.exports = { %s };\n' \
    "$(sed -n 's/^export function \([A-Za-z]*\).*/\1/p' "$cm" | paste -sd, - | sed 's/,/, /g')"
} >"$OUT/codemirror/node.cjs"
grep -q '^import' "$OUT/codemirror/node.cjs" && { echo "pkg: an import of $cm was not converted" >&2; exit 1; }
cp npm/codemirror/index.d.ts "$OUT/codemirror/index.d.ts"
sed 's#"../index.js"#"../index.cjs"#' npm/codemirror/index.d.ts >"$OUT/codemirror/index.d.cts"

node scripts/build-pkg-rules.cjs "$OUT"

# Types: the hand-written declarations, with `Code` as the union of every code of the catalogue.
codes=$(node -e '
  const { rules } = require("./'"$OUT"'/node/rcml_sip.cjs");
  process.stdout.write(rules().map((r) => `  | ${JSON.stringify(r.code)}`).join("\n"));')
CODES="$codes" node -e '
  const fs = require("fs");
  const src = fs.readFileSync("npm/index.d.ts", "utf8");
  const line = "export type Code = string; // CODES: replaced by the generated union of every code";
  if (!src.includes(line)) throw new Error("npm/index.d.ts: the Code placeholder is missing");
  const out = src.replace(line, "export type Code =\n" + process.env.CODES + ";");
  fs.writeFileSync(process.argv[1] + "/index.d.ts", out);
  // CommonJS has no default export (publint: a default in .d.cts is ambiguous under interop).
  const cts = out.replace(/^export default function init\(.*\n/m, "");
  if (cts === out) throw new Error("npm/index.d.ts: the default init declaration was not found");
  fs.writeFileSync(process.argv[1] + "/index.d.cts", cts);
' "$OUT"

# package.json (version from Cargo.toml) and README (with the sizes just measured).
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
raw=$(wc -c <"$OUT/web/rcml_sip_bg.wasm")
gz=$(gzip -9c "$OUT/web/rcml_sip_bg.wasm" | wc -c)
vraw=$(wc -c <"$OUT/validator/rcml_sip_validator_bg.wasm")
vgz=$(gzip -9c "$OUT/validator/rcml_sip_validator_bg.wasm" | wc -c)
node -e '
  const fs = require("fs");
  const [out, version, raw, gz, vraw, vgz] = process.argv.slice(1);
  const manifest = JSON.parse(fs.readFileSync("pkg.json", "utf8"));
  manifest.version = version;
  fs.writeFileSync(out + "/package.json", JSON.stringify(manifest, null, 2) + "\n");
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  const readme = fs.readFileSync("npm/README.md", "utf8")
    .replaceAll("@@VERSION@@", version)
    .replaceAll("@@WASM_RAW@@", kb(+raw))
    .replaceAll("@@WASM_GZIP@@", kb(+gz))
    .replaceAll("@@VALIDATOR_RAW@@", kb(+vraw))
    .replaceAll("@@VALIDATOR_GZIP@@", kb(+vgz));
  fs.writeFileSync(out + "/README.md", readme);
' "$OUT" "$version" "$raw" "$gz" "$vraw" "$vgz"

say "$OUT/ rcml-sip@$version (sizes in bytes, gzip -9):"
say "  web/rcml_sip_bg.wasm                 $raw raw, $gz gzipped"
say "  validator/rcml_sip_validator_bg.wasm $vraw raw, $vgz gzipped"
say "  node/rcml_sip_bg.wasm                $(wc -c <"$OUT/node/rcml_sip_bg.wasm") raw"
