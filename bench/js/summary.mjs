// Merges the halves of `make bench` (target/bench/{native,wasm,callgrind}.json) into
// target/bench/summary.json and prints the table of figures against their targets.
// Exits 0 even when a target is missed: the table says so; budgets are for people to read,
// wall-clock times on a shared machine are not a pass/fail signal.
//
//   node summary.mjs [--out DIR] [--readme]
//
// --readme also writes the table into README.md between `<!-- perf:start -->` and
// `<!-- perf:end -->`, with the date and the missed targets, so the README shows the run.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const i = process.argv.indexOf('--out');
const outDir = resolve(i > 0 ? process.argv[i + 1] : join(root, 'target', 'bench'));
const read = (name) => {
  const p = join(outDir, `${name}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : {};
};
const native = read('native');
const wasm = read('wasm');
const callgrind = read('callgrind');

// [key, label, unit, target (upper bound) or null, value]
const rows = [
  ['validate_native_ns_per_byte', 'validate, native, 1 MB document', 'ns/byte', null, native.validate_native_ns_per_byte],
  ['floor_native_ns_per_byte', 'floor (bare quick-xml loop), same bytes', 'ns/byte', null, native.floor_native_ns_per_byte],
  ['validate_vs_floor', 'validate / floor (time)', 'ratio', 2.0, native.validate_vs_floor],
  ['validate_vs_floor_instructions', 'validate / floor (instructions)', 'ratio', 2.0, callgrind.validate_vs_floor_instructions],
  ['validate_native_small_us', 'validate, native, documentation examples', 'µs/call', null, native.validate_native_small_us],
  ['wasm_validate_small_us', 'validate, wasm in Node, documentation examples', 'µs/call', 15, wasm.wasm_validate_small_us],
  ['fast_xml_parser_small_us', 'fast-xml-parser XMLValidator, same examples', 'µs/call', null, wasm.fast_xml_parser_small_us],
  ['wasm_validate_1mb_ms', 'validate, wasm in Node, 1 MB document', 'ms', null, wasm.wasm_validate_1mb_ms],
  ['fast_xml_parser_1mb_ms', 'fast-xml-parser XMLValidator, 1 MB document', 'ms', null, wasm.fast_xml_parser_1mb_ms],
  ['wasm_validate_vs_fast_xml_parser', 'wasm validate / fast-xml-parser (1 MB)', 'ratio', 0.25, wasm.wasm_validate_vs_fast_xml_parser],
  ['wasm_web_validate_small_us', 'validate, browsers\' size build in Node, examples', 'µs/call', null, wasm.web_build?.validate_small_us],
  ['wasm_web_validate_vs_fast_xml_parser', 'browsers\' size build / fast-xml-parser (1 MB)', 'ratio', null, wasm.web_build?.vs_fast_xml_parser],
  ['scaling_10mb_vs_10kb', 'validate ns/byte, 10 MB / 10 KB (time)', 'ratio', 1.5, native.scaling_10mb_vs_10kb],
  ['scaling_10mb_vs_10kb_instructions', 'validate instr/byte, 10 MB / 10 KB', 'ratio', 1.5, callgrind.scaling_10mb_vs_10kb_instructions],
  ['sip_uri_parse_ns', 'parse_sip_uri, typical URIs', 'ns/URI', null, native.sip_uri_parse_ns],
  ['simulate_fork10_us', 'simulate, 10-branch parallel fork', 'µs', null, native.simulate_fork10_us],
  ['wasm_gzip_bytes', 'wasm binary, gzip -9', 'bytes', 150000, wasm.wasm_gzip_bytes],
];

const summary = {};
for (const [key, , , , value] of rows) summary[key] = value ?? null;
summary.targets = Object.fromEntries(rows.filter((r) => r[3] !== null).map((r) => [r[0], r[3]]));
summary.missed = rows.filter((r) => r[3] !== null && r[4] != null && r[4] > r[3]).map((r) => r[0]);
summary.simulate_fork10_events = native.simulate_fork10_events ?? null;
if (wasm.skipped) summary.wasm_skipped = wasm.skipped;
summary.scaling = native.scaling ?? null;
summary.instructions = callgrind.instructions ?? null;
summary.native = native;
summary.wasm = wasm;
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');

const fmt = (v) => (v == null ? '—' : typeof v === 'number' ? String(v) : String(v));
const table = rows.map(([key, label, unit, target, value]) => {
  const verdict = target === null || value == null ? '' : value <= target ? 'ok' : 'MISSED';
  return [label, fmt(value), unit, target === null ? '' : `≤ ${target}`, verdict];
});
const head = ['figure', 'value', 'unit', 'target', ''];
const widths = head.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
const line = (r) => '| ' + r.map((x, c) => (c === 1 ? x.padStart(widths[c]) : x.padEnd(widths[c]))).join(' | ') + ' |';
console.log(line(head));
console.log('|' + widths.map((w, c) => (c === 1 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|');
for (const r of table) console.log(line(r));
if (summary.simulate_fork10_events === 0) console.log('\nsimulate_fork10_us: the simulator produced no event (still the stub?)');
if (wasm.skipped) console.log(`\nwasm: ${wasm.skipped}`);
console.log(`\n${join(outDir, 'summary.json')}`);

if (process.argv.includes('--readme')) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- perf:start -->\n';
  const end = '<!-- perf:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    console.error('summary: README.md has no perf:start/perf:end block');
    process.exit(1);
  }
  const held = table.filter((r) => r[4] === 'ok').length;
  const judged = table.filter((r) => r[4] !== '').length;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const missed = summary.missed.length ? ` Missed: ${summary.missed.map((k) => `\`${k}\``).join(', ')}.` : '';
  const block = [
    `Latest \`make bench\` (${when} UTC, 2 shared cores): ${held} of ${judged} targets hold.${missed}`,
    '',
    line(head),
    '|' + widths.map((w, c) => (c === 1 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|',
    ...table.map(line),
    '',
  ].join('\n');
  writeFileSync(readmePath, readme.slice(0, a + start.length) + block + readme.slice(b));
  console.log(`README.md: performance table updated`);
}
