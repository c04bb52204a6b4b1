// The Node half of `make bench`: the wasm package's `validate` against fast-xml-parser's
// `XMLValidator.validate` (well-formedness only: what people reach for today) on the same
// inputs the native half generated (target/bench/inputs) and the documentation examples.
// Both are measured in alternation, sample by sample, so that the noise of a shared machine
// hits both; figures are medians. Writes target/bench/wasm.json.
//
//   node bench.mjs [--pkg DIR] [--out DIR] [--quick]
//
// The package is found at ../../pkg (or --pkg, or RCML_SIP_PKG); without it the run writes
// `{ "skipped": "…" }` and exits 0, so that `make bench` still prints the native figures.

import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const pkgDir = resolve(arg('--pkg') ?? process.env.RCML_SIP_PKG ?? join(root, 'pkg'));
const outDir = resolve(arg('--out') ?? join(root, 'target', 'bench'));
mkdirSync(outDir, { recursive: true });

const write = (figures) => {
  writeFileSync(join(outDir, 'wasm.json'), JSON.stringify(figures, null, 2) + '\n');
  console.log(JSON.stringify(figures, null, 2));
};

/** The Node entry of the package: exports["."] (node / import / require / default) or main;
 * a directory without package.json: the one .js file wasm-bindgen --target nodejs wrote. */
function entryOf(dir) {
  if (!existsSync(join(dir, 'package.json'))) {
    const js = readdirSync(dir).filter((n) => n.endsWith('.js'));
    return join(dir, js[0] ?? 'index.js');
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pick = (e) => {
    if (typeof e === 'string') return e;
    if (!e || typeof e !== 'object') return undefined;
    for (const k of ['node', 'import', 'require', 'default']) {
      const found = pick(e[k]);
      if (found) return found;
    }
    return undefined;
  };
  const exp = manifest.exports;
  const dot = exp && typeof exp === 'object' && '.' in exp ? exp['.'] : exp;
  return join(dir, pick(dot) ?? manifest.main ?? 'index.js');
}

function wasmFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) wasmFiles(p, out);
    else if (name.endsWith('.wasm')) out.push(p);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
let sink = 0;

/** Nanoseconds per call of `f` over `iters` calls. */
function sample(f, iters) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) sink ^= f() ? 1 : 0;
  return Number(process.hrtime.bigint() - t0) / iters;
}

/** Calls per sample of about `ns`, after a few warm-up calls (the JIT, the wasm tiers). */
function calibrate(f, ns) {
  for (let i = 0; i < 3; i++) sample(f, 1);
  const once = Math.max(sample(f, 1), 1);
  const probe = Math.min(Math.max(Math.floor(2e6 / once), 1), 100000);
  const per = Math.max(sample(f, probe), 1);
  return Math.min(Math.max(Math.floor(ns / per), 1), 1e7);
}

/** a and b in alternation; medians of each and of the per-pair ratios a/b. */
function paired(a, b, pairs, ns) {
  const ia = calibrate(a, ns);
  const ib = calibrate(b, ns);
  const ta = [], tb = [], r = [];
  for (let i = 0; i < pairs; i++) {
    let x, y;
    if (i % 2 === 0) { x = sample(a, ia); y = sample(b, ib); } else { y = sample(b, ib); x = sample(a, ia); }
    ta.push(x); tb.push(y); r.push(x / y);
  }
  return { a: median(ta), b: median(tb), ratio: median(r) };
}

if (!existsSync(pkgDir) || !readdirSync(pkgDir).some((n) => n === 'package.json' || n.endsWith('.js'))) {
  write({ skipped: `no package at ${relative(root, pkgDir) || '.'}: run \`make pkg\` first` });
  process.exit(0);
}
const entry = entryOf(pkgDir);
const pkg = await import(pathToFileURL(entry).href);
const api = pkg.validate ? pkg : pkg.default;
if (typeof api?.validate !== 'function') {
  write({ skipped: `${relative(root, entry)} exports no validate()` });
  process.exit(0);
}
const validate = (s) => api.validate(s).length >= 0;
const fxp = (s) => XMLValidator.validate(s) === true;

const seeds = readdirSync(join(root, 'examples'))
  .filter((n) => n.startsWith('seed-') && n.endsWith('.xml'))
  .sort()
  .map((n) => [n, readFileSync(join(root, 'examples', n), 'utf8')]);
const inputs = join(outDir, 'inputs');
const largePath = join(inputs, 'large-1mb.xml');
if (!existsSync(largePath)) {
  console.error(`bench.mjs: ${relative(root, largePath)} is missing: run the native half first (make bench)`);
  process.exit(1);
}
const large = readFileSync(largePath, 'utf8');

// A broken package must not give a fast figure: every input must run and give an array.
for (const [, text] of [...seeds, ['large', large]]) {
  if (!Array.isArray(api.validate(text))) throw new Error('validate() did not return an array');
}
const largeDiagnostics = api.validate(large).length;
const seedPairs = quick ? 1 : 11;
const largePairs = quick ? 1 : 11;
const sampleNs = quick ? 1e5 : 4e7;

const perSeed = {};
const ours = [], theirs = [];
for (const [name, text] of seeds) {
  const p = paired(() => validate(text), () => fxp(text), seedPairs, quick ? 1e5 : 5e6);
  perSeed[name] = { wasm_us: round(p.a / 1e3, 3), fast_xml_parser_us: round(p.b / 1e3, 3) };
  ours.push(p.a / 1e3);
  theirs.push(p.b / 1e3);
}
const big = paired(() => validate(large), () => fxp(large), largePairs, sampleNs);

// For the record, not a target: the browsers' build (web/, built for size at opt-level z, see
// scripts/build-pkg.sh) run in Node the same way; the figures above are the Node build's.
let webBuild = null;
const webDir = join(dirname(entry), '..', 'web');
if (existsSync(join(webDir, 'index.js')) && existsSync(join(webDir, 'rcml_sip_bg.wasm'))) {
  const web = await import(pathToFileURL(join(webDir, 'index.js')).href);
  web.initSync(readFileSync(join(webDir, 'rcml_sip_bg.wasm')));
  const webValidate = (s) => web.validate(s).length >= 0;
  const small = seeds.map(([, text]) => paired(() => webValidate(text), () => fxp(text), seedPairs, quick ? 1e5 : 5e6).a / 1e3);
  const webBig = paired(() => webValidate(large), () => fxp(large), largePairs, sampleNs);
  webBuild = {
    validate_small_us: round(median(small), 3),
    validate_1mb_ms: round(webBig.a / 1e6, 3),
    vs_fast_xml_parser: round(webBig.ratio, 3),
  };
}

const wasm = wasmFiles(pkgDir).map((p) => ({
  file: relative(root, p),
  bytes: statSync(p).size,
  gzip_bytes: gzipSync(readFileSync(p), { level: 9 }).length,
}));

// What a page downloads: the web build's .wasm when the package has one, else the largest.
const counted = wasm.find((w) => /(^|\/)web\//.test(w.file)) ?? [...wasm].sort((a, b) => b.gzip_bytes - a.gzip_bytes)[0];

write({
  node: process.version,
  package: relative(root, entry),
  wasm_validate_small_us: round(median(ours), 3),
  fast_xml_parser_small_us: round(median(theirs), 3),
  wasm_validate_seed_us: perSeed,
  large_bytes: Buffer.byteLength(large),
  large_diagnostics: largeDiagnostics,
  wasm_validate_1mb_ms: round(big.a / 1e6, 3),
  fast_xml_parser_1mb_ms: round(big.b / 1e6, 3),
  wasm_validate_ns_per_byte: round(big.a / Buffer.byteLength(large), 3),
  wasm_validate_vs_fast_xml_parser: round(big.ratio, 3),
  wasm_gzip_bytes: counted?.gzip_bytes ?? null,
  wasm_gzip_file: counted?.file ?? null,
  wasm_files: wasm,
  web_build: webBuild,
});
