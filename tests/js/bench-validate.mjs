// Per-call cost of `validate` in Node on the documentation's examples (examples/seed-*.xml),
// through the built package (pkg/, `make pkg` first). Not a test: figures vary by machine.
//
//   node tests/js/bench-validate.mjs [--profile P] [--ms 300]
//
// Each document: warm up, then batches of calls for about --ms milliseconds; the median batch
// gives the per-call time (the result objects are built and dropped, as a caller would).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { values } = parseArgs({ options: { profile: { type: "string" }, ms: { type: "string", default: "300" } } });
const api = createRequire(import.meta.url)(path.join(root, "pkg/node/index.cjs"));
const options = values.profile ? { profile: values.profile } : undefined;
const budgetMs = Number(values.ms);

const rows = [];
for (const name of fs.readdirSync(path.join(root, "examples")).filter((f) => /^seed-.*\.xml$/.test(f)).sort()) {
  const source = fs.readFileSync(path.join(root, "examples", name), "utf8");
  for (let i = 0; i < 200; i++) api.validate(source, options); // warm-up (JIT, allocator)
  const perCall = [];
  let calls = 0;
  const until = performance.now() + budgetMs;
  while (performance.now() < until) {
    const batch = 50;
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) api.validate(source, options);
    perCall.push(((performance.now() - t0) * 1000) / batch);
    calls += batch;
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(perCall.length / 2)];
  rows.push({
    document: name,
    bytes: Buffer.byteLength(source),
    diagnostics: api.validate(source, options).length,
    "µs/call (median)": Number(median.toFixed(1)),
    "µs/call (best batch)": Number(perCall[0].toFixed(1)),
    calls,
  });
}
console.log(`rcml-sip ${api.version()} validate() in Node ${process.version}, profile ${values.profile ?? "restcomm"}`);
console.table(rows);
