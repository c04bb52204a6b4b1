// Compares `validate()` across builds of the browsers' .wasm (pkg/web), for choosing the size
// build's flags and wasm-opt passes (scripts/build-pkg.sh). Not a test: figures vary by machine.
//
//   node bench/js/compare-wasm.mjs GLUE.js:A.wasm GLUE.js:B.wasm ...
//
// GLUE.js is the wasm-bindgen `--target web` module of that build (pkg/web/rcml_sip.js when
// only wasm-opt differs: its imports are the same). Every build must give the same diagnostics
// on every input, else it stops. Then the builds take turns (so a busy machine slows them
// alike) on the documentation's examples (all seven per call) and the 1 MB document of
// `make bench` (target/bench/inputs/large-1mb.xml); the best of ROUNDS (env, default 15) turns
// counts, and ratios are to the first build.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builds = [];
for (const [i, arg] of process.argv.slice(2).entries()) {
  const [glue, wasm] = arg.split(':');
  if (!glue || !wasm) throw new Error(`expected GLUE.js:FILE.wasm, got ${arg}`);
  // A query per build: each import is a module instance of its own, with its own memory.
  const m = await import(`${pathToFileURL(resolve(glue)).href}?build=${i}`);
  m.initSync({ module: readFileSync(wasm) });
  builds.push({ name: wasm, validate: m.validate });
}
if (builds.length === 0) {
  console.error('usage: node bench/js/compare-wasm.mjs GLUE.js:A.wasm [GLUE.js:B.wasm ...]');
  process.exit(2);
}
const seeds = readdirSync(join(root, 'examples'))
  .filter((n) => n.startsWith('seed-') && n.endsWith('.xml'))
  .sort()
  .map((n) => readFileSync(join(root, 'examples', n), 'utf8'));
const largePath = join(root, 'target/bench/inputs/large-1mb.xml');
if (!existsSync(largePath)) {
  console.error(`${largePath} is missing: run \`make bench\` (its native half writes it) first`);
  process.exit(1);
}
const large = readFileSync(largePath, 'utf8');
const inputs = [...seeds, large];
const reference = JSON.stringify(inputs.map((s) => builds[0].validate(s)));
for (const b of builds.slice(1)) {
  if (JSON.stringify(inputs.map((s) => b.validate(s))) !== reference) {
    throw new Error(`${b.name}: diagnostics differ from ${builds[0].name}`);
  }
}

const nsPerCall = (f, n) => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f();
  return Number(process.hrtime.bigint() - t0) / n;
};
const allSeeds = (b) => () => seeds.forEach((s) => b.validate(s));
for (const b of builds) {
  nsPerCall(allSeeds(b), 300); // warm-up: JIT tiers, allocator
  nsPerCall(() => b.validate(large), 3);
}
const best = builds.map(() => ({ seeds: Infinity, large: Infinity }));
const rounds = Number(process.env.ROUNDS || 15);
for (let r = 0; r < rounds; r++) {
  builds.forEach((b, i) => {
    best[i].seeds = Math.min(best[i].seeds, nsPerCall(allSeeds(b), 200));
    best[i].large = Math.min(best[i].large, nsPerCall(() => b.validate(large), 3));
  });
}
const rows = builds.map((b, i) => ({
  build: b.name,
  'seeds µs (7 docs)': Number((best[i].seeds / 1e3).toFixed(1)),
  'seeds ratio': Number((best[i].seeds / best[0].seeds).toFixed(3)),
  '1 MB ms': Number((best[i].large / 1e6).toFixed(2)),
  '1 MB ratio': Number((best[i].large / best[0].large).toFixed(3)),
}));
console.log(`validate() in Node ${process.version}, best of ${rounds} turns each`);
console.table(rows);
