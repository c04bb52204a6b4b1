// The npm package as a user gets it: `npm pack` pkg/, install the tarball (offline) into a
// temporary project, then import it as ESM and CommonJS (the codemirror entry too), type-check
// tests/js/usage.ts against it, compare the bin with the native command line, and load the
// web build from a static page in headless Chromium.
//
// Run by scripts/test-pkg.sh after `make pkg`; RCML_SIP_NATIVE names the native binary.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { CHROMIUM, packAndInstall, serveStatic } from "./pack.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const tools = path.join(root, "tools");
const pkgDir = path.join(root, "pkg");
const toolsRequire = createRequire(path.join(tools, "package.json"));

/** A document with emoji and CJK before its problems (UTF-16 offsets differ from bytes). */
const WIDE = "<Response>\n  <Say>é😀 中文</Say>\n  <Dial><Sip>sip:alice@example.com:99999?a=1&b=2</Sip></Dial>\n</Response>\n";

let project;
let packed;

before(() => {
  // Inside tools/node_modules, so that the project also resolves the @codemirror peers and
  // their types installed there, the way an application that uses the entry has them.
  ({ project, packed } = packAndInstall(pkgDir, path.join(tools, "node_modules", ".cache"), "rcml-sip-package-"));
});

after(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

/** Runs a script file in the project (as a user's program would resolve "rcml-sip"). */
function runIn(name, source, { input } = {}) {
  fs.writeFileSync(path.join(project, name), source);
  const r = spawnSync(process.execPath, [name], { cwd: project, encoding: "utf8", input });
  assert.equal(r.status, 0, `${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

test("the tarball holds exactly the package files", () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE",
    "README.md",
    "bin/rcml-sip.cjs",
    "codemirror/index.d.cts",
    "codemirror/index.d.ts",
    "codemirror/index.js",
    "codemirror/node.cjs",
    "codemirror/node.mjs",
    "index.d.cts",
    "index.d.ts",
    "node/index.cjs",
    "node/index.mjs",
    "node/rcml_sip.cjs",
    "node/rcml_sip_bg.wasm",
    "package.json",
    "rules/index.cjs",
    "rules/index.d.cts",
    "rules/index.d.ts",
    "rules/index.js",
    "shared/engine.js",
    "validator/index.d.ts",
    "validator/index.js",
    "validator/rcml_sip_validator.js",
    "validator/rcml_sip_validator_bg.wasm",
    "web/index.js",
    "web/rcml_sip.js",
    "web/rcml_sip_bg.wasm",
  ]);
  const readme = fs.readFileSync(path.join(project, "node_modules/rcml-sip/README.md"), "utf8");
  assert.doesNotMatch(readme, /@@[A-Z_]+@@/, "every README placeholder is filled");
  assert.match(readme, /\| `rcml-sip\/validator` \(no `simulate`\) \| [\d.]+ KB \| [\d.]+ KB \|/);
});

/** The same checks from ESM and CommonJS: the API surface and its behaviour. */
const API_CHECKS = `
  const out = {};
  await api.init();
  out.keys = Object.keys(api).filter((k) => k !== "default" && k !== "__esModule").sort();
  out.version = api.version();
  out.profiles = api.profiles();
  const wide = ${JSON.stringify(WIDE)};
  out.diagnostics = api.validate(wide, { profile: "twilio" });
  out.slices = out.diagnostics.map((d) => [d.code, wide.slice(d.range.start.offset, d.range.end.offset)]);
  out.uri = api.parseSipUri("sip:alice:secret@example.com;transport=tls?X-Room=12");
  out.simulation = api.simulate("<Response><Hangup/></Response>", { seed: 1 }, { profile: "twilio" });
  out.rules = api.rules().length;
  out.ruleKeys = [...new Set(api.rules().flatMap((r) => Object.keys(r)))];
  out.errors = [];
  for (const bad of [() => api.validate(42), () => api.validate("", { profile: "asterisk" }),
                     () => api.simulate("<Response/>", { bogus: true }), () => api.parseSipUri("sip:a@b", "twilio")]) {
    try { bad(); out.errors.push(null); } catch (e) { out.errors.push(e instanceof Error ? e.message : "not an Error"); }
  }
  process.stdout.write(JSON.stringify(out));
`;

/** The fields of `rules()` in every build (npm/index.d.ts Rule); the docs are `rcml-sip/rules`. */
const RULE_KEYS = ["code", "summary", "severity", "row", "docsAnchor"];

function checkApi(out) {
  assert.deepEqual(out.keys, ["init", "initSync", "parseSipUri", "profiles", "rules", "simulate", "validate", "version"]);
  assert.equal(out.version, JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version);
  assert.deepEqual(out.profiles, ["restcomm", "restcomm-connect", "twilio"]);
  assert.ok(out.diagnostics.length >= 2);
  assert.deepEqual(
    out.slices.find(([code]) => code === "sip-uri/invalid-port"),
    ["sip-uri/invalid-port", "99999"],
    "UTF-16 offsets slice the JS string exactly",
  );
  const port = out.diagnostics.find((d) => d.code === "sip-uri/invalid-port");
  assert.equal(port.range.start.line, 3);
  assert.equal(port.range.start.column, "  <Dial><Sip>sip:alice@example.com:".length + 1);
  assert.ok(out.diagnostics.every((d) => d.help === null || typeof d.help === "string"));
  assert.equal(out.uri.valid, true);
  assert.equal(out.uri.uri.password, "***");
  assert.deepEqual(out.uri.uri.headers, [["X-Room", "12"]]);
  assert.doesNotMatch(JSON.stringify(out.uri), /secret/);
  assert.equal(out.simulation.profile, "twilio");
  assert.ok(Array.isArray(out.simulation.diagnostics));
  assert.ok(out.rules > 10);
  assert.deepEqual(out.ruleKeys, RULE_KEYS, "rules(): contracts.md §6's fields, no long-form docs");
  assert.match(out.errors[0], /^validate: `source` must be a string$/);
  assert.match(out.errors[1], /^validate: unknown profile `asterisk`/);
  assert.match(out.errors[2], /^simulate: invalid scenario at `bogus`/);
  assert.match(out.errors[3], /^parseSipUri: `options` must be an object/);
}

test("ESM import", () => {
  checkApi(runIn("esm.mjs", `import * as api from "rcml-sip";\n${API_CHECKS}`));
});

test("CommonJS require", () => {
  checkApi(runIn("cjs.cjs", `const api = require("rcml-sip");\n(async () => {\n${API_CHECKS}\n})();`));
});

test("import and require share one instance; the .wasm is a subpath", () => {
  const out = runIn(
    "mixed.mjs",
    `import { createRequire } from "node:module";
     import * as esm from "rcml-sip";
     const cjs = createRequire(import.meta.url)("rcml-sip");
     const wasm = import.meta.resolve("rcml-sip/rcml_sip_bg.wasm");
     process.stdout.write(JSON.stringify({ same: esm.validate === cjs.validate, wasm }));`,
  );
  assert.equal(out.same, true);
  assert.match(out.wasm, /node_modules\/rcml-sip\/web\/rcml_sip_bg\.wasm$/);
});

test("the web build initialises synchronously from bytes (initSync)", () => {
  const out = runIn(
    "websync.mjs",
    `import fs from "node:fs";
     const web = await import("./node_modules/rcml-sip/web/index.js");
     let before;
     try { web.validate("<Response/>"); before = "no error"; } catch (e) { before = "error"; }
     web.initSync(fs.readFileSync("node_modules/rcml-sip/web/rcml_sip_bg.wasm"));
     await web.init(); // idempotent
     process.stdout.write(JSON.stringify({ before, after: web.validate("<Response>").map((d) => d.code) }));`,
  );
  assert.equal(out.before, "error", "the web build needs init first");
  assert.ok(out.after.length > 0);
});

/** Makes every way to compile or instantiate WebAssembly throw (what a wasm-free entry must not need). */
const NO_WASM = `
  for (const k of ["Module", "Instance", "compile", "instantiate", "compileStreaming", "instantiateStreaming"]) {
    WebAssembly[k] = function () { throw new Error("WebAssembly." + k + " used"); };
  }
`;

test("rcml-sip/rules: the catalogue with its docs as `rcml-sip rules --format json` prints it, without wasm", () => {
  const native = process.env.RCML_SIP_NATIVE;
  assert.ok(native && fs.existsSync(native), "RCML_SIP_NATIVE must name the native rcml-sip binary");
  const printed = spawnSync(native, ["rules", "--format", "json"], { encoding: "utf8" });
  assert.equal(printed.status, 0);
  const want = JSON.parse(printed.stdout);
  const esm = runIn(
    "rules.mjs",
    `${NO_WASM}
     const { catalogue } = await import("rcml-sip/rules");
     const keys = Object.keys(await import("rcml-sip/rules")).sort();
     process.stdout.write(JSON.stringify({ catalogue, keys }));`,
  );
  assert.deepEqual(esm.catalogue, want, "ESM: the native command line's catalogue");
  assert.deepEqual(esm.keys, ["catalogue"]);
  const cjs = runIn(
    "rules.cjs",
    `${NO_WASM}
     const { catalogue } = require("rcml-sip/rules");
     let main = null;
     try { require("rcml-sip"); } catch (e) { main = e.message; }
     process.stdout.write(JSON.stringify({ catalogue, keys: Object.keys(require("rcml-sip/rules")), main }));`,
  );
  assert.deepEqual(cjs.catalogue, want, "CommonJS: the same catalogue");
  assert.deepEqual(cjs.keys, ["catalogue"]);
  assert.match(cjs.main ?? "", /^WebAssembly\.\w+ used$/, "the probe catches the main entry's wasm (control)");
  assert.ok(want.length > 10 && want.every((r) => r.explanation.length > 20), "every rule is explained");
  // rules() of the main entry is the same catalogue without the long-form docs.
  const summaries = runIn("summaries.mjs", `import { rules } from "rcml-sip"; process.stdout.write(JSON.stringify(rules()));`);
  const strip = ({ explanation, wrong, right, ...rest }) => rest;
  assert.deepEqual(summaries, want.map(strip));
});

test("simulation objects have exactly the fields npm/index.d.ts declares", () => {
  // Keep in step with SipEvent, WebhookEvent, VerbEvent, NoteEvent, DialOutcome, Simulation.
  const declared = {
    simulation: ["diagnostics", "events", "outcome", "profile"],
    outcome: ["callStatus", "dials", "endedAtMs"],
    dial: ["answeredBy", "dialCallDuration", "dialCallSid", "dialCallStatus", "dialRingDuration", "dialSipResponseCode"],
    sip: ["atMs", "direction", "firstLine", "kind", "leg", "message", "seq"],
    webhook: ["atMs", "kind", "leg", "method", "params", "purpose", "seq", "url"],
    verb: ["atMs", "document", "kind", "range", "seq", "verb"],
    note: ["atMs", "kind", "profileNote", "seq", "text"],
  };
  const out = runIn(
    "shapes.mjs",
    `import fs from "node:fs";
     import { simulate } from "rcml-sip";
     const doc = fs.readFileSync(${JSON.stringify(path.join(root, "examples/seed-dial-multiple.xml"))}, "utf8");
     const seen = {};
     const keys = (name, o) => { (seen[name] ??= new Set()); Object.keys(o).forEach((k) => seen[name].add(k)); };
     for (const profile of ["restcomm", "restcomm-connect", "twilio"]) {
       const s = simulate(doc, { endpoints: { "*": { ringAtMs: 100, answerAtMs: 900, hangupAtMs: 3000 } } }, { profile });
       keys("simulation", s);
       keys("outcome", s.outcome);
       s.outcome.dials.forEach((d) => keys("dial", d));
       s.events.forEach((e) => keys(e.kind, e));
     }
     process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v].sort()]))));`,
  );
  for (const [name, fields] of Object.entries(declared)) {
    assert.deepEqual(out[name], fields, `${name}: fields differ from the declarations`);
  }
  assert.deepEqual(Object.keys(out).sort(), Object.keys(declared).sort(), "every event kind occurs");
});

const CODEMIRROR_CHECKS = `
  const { EditorState } = cm_state;
  const out = {};
  const doc = "<Response><Dial><Sip>sip:a@example.com?x=1&y=2</Sip></Dial></Response>";
  let state = EditorState.create({ doc, extensions: cm.rcml({ profile: "restcomm" }) });
  const view = { get state() { return state; }, dispatch(spec) { state = state.update(spec).state; } };
  const lint = cm.rcmlLintSource();
  const found = lint(view);
  out.lint = found.map((d) => ({ from: d.from, to: d.to, severity: d.severity, source: d.source, actions: d.actions.map((a) => a.name) }));
  const amp = found.find((d) => d.source === "xml/bare-ampersand");
  amp.actions[0].apply(view, amp.from, amp.to);
  out.fixed = state.doc.toString();
  out.after = lint(view).map((d) => d.source);
  out.elements = cm.rcmlElements({ profile: "twilio" }).map((e) => e.name);
  out.sipChildren = cm.rcmlElements().find((e) => e.name === "Sip").children;
  out.fresh = cm.rcmlElements() !== cm.rcmlElements();
  // Every field name and type under every profile (RcmlElementSpec, RcmlAttrSpec declare them).
  const kind = (v) => (Array.isArray(v) ? "array" : typeof v);
  const fields = { element: new Set(), attribute: new Set(), elementCompletion: new Set(), attributeCompletion: new Set() };
  for (const profile of ["restcomm", "restcomm-connect", "twilio"]) {
    for (const e of cm.rcmlElements({ profile })) {
      for (const [k, v] of Object.entries(e)) fields.element.add(k + ":" + kind(v));
      for (const [k, v] of Object.entries(e.completion)) fields.elementCompletion.add(k + ":" + (k === "type" ? v : kind(v)));
      for (const a of e.attributes) {
        for (const [k, v] of Object.entries(a)) fields.attribute.add(k + ":" + kind(v));
        for (const [k, v] of Object.entries(a.completion)) fields.attributeCompletion.add(k + ":" + (k === "type" ? v : kind(v)));
      }
    }
  }
  out.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [...v].sort()]));
  try { cm.rcmlElements({ profile: "asterisk" }); } catch (e) { out.badProfile = e.message; }
  const asked = [];
  const engine = { validate: (text, options) => { asked.push([text.length, options]); return []; } };
  out.injected = { found: cm.rcmlLintSource({ engine, profile: "twilio" })(view), asked };
`;

test("codemirror entry from ESM: lint with fix actions, completion from the schema", async () => {
  const out = runIn(
    "cm.mjs",
    `import * as cm from "rcml-sip/codemirror";
     import * as cm_state from "@codemirror/state";
     import { CompletionContext } from "@codemirror/autocomplete";
     ${CODEMIRROR_CHECKS}
     const partial = "<Response><Dial><";
     const s = cm_state.EditorState.create({ doc: partial, extensions: cm.rcml() });
     const sources = s.languageDataAt("autocomplete", partial.length);
     const results = await Promise.all(sources.map((f) => f(new CompletionContext(s, partial.length, true))));
     out.completions = results.filter(Boolean).flatMap((r) => r.options.map((o) => o.label));
     process.stdout.write(JSON.stringify(out));`,
  );
  checkCodemirror(out);
  assert.ok(out.completions.includes("Sip"), `completion offers <Sip>: ${out.completions}`);
  assert.ok(out.completions.includes("Number"));
  assert.ok(!out.completions.includes("Say"), "only what <Dial> allows");
});

test("codemirror entry from CommonJS", () => {
  const out = runIn(
    "cm.cjs",
    `const cm = require("rcml-sip/codemirror");
     const cm_state = require("@codemirror/state");
     ${CODEMIRROR_CHECKS}
     process.stdout.write(JSON.stringify(out));`,
  );
  checkCodemirror(out);
});

function checkCodemirror(out) {
  const amp = out.lint.find((d) => d.source === "xml/bare-ampersand");
  assert.ok(amp, JSON.stringify(out.lint));
  assert.equal(amp.severity, "error");
  assert.ok(amp.actions.length >= 1);
  assert.match(out.fixed, /x=1&amp;y=2/);
  assert.ok(!out.after.includes("xml/bare-ampersand"));
  assert.ok(out.elements.includes("Sip") && !out.elements.includes("Email"), "the profile selects the schema");
  assert.ok(out.sipChildren.includes("Video"));
  assert.equal(out.fresh, true, "each call gives its own copy");
  assert.deepEqual(out.fields, {
    element: ["attributes:array", "children:array", "completion:object", "name:string", "textContent:array", "top:boolean"],
    attribute: ["completion:object", "name:string", "values:array"],
    elementCompletion: ["info:string", "type:type"],
    attributeCompletion: ["detail:string", "info:string", "type:property"],
  }, "the fields npm/codemirror/index.d.ts declares (RcmlElementSpec, RcmlAttrSpec)");
  assert.match(out.badProfile, /^rcmlElements: unknown profile `asterisk`: expected one of `restcomm`/);
  assert.deepEqual(out.injected, { found: [], asked: [[out.fixed.length, { profile: "twilio" }]] }, "an injected engine validates");
}

test("types: tsc --noEmit on tests/js/usage.ts (ESM) and usage-cjs.cts (CommonJS)", () => {
  for (const f of ["usage.ts", "usage-cjs.cts"]) fs.copyFileSync(path.join(root, "tests/js", f), path.join(project, f));
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        skipLibCheck: false,
        noUnusedLocals: false,
      },
      files: ["usage.ts", "usage-cjs.cts"],
    }),
  );
  const tsc = path.join(tools, "node_modules/.bin/tsc");
  const r = spawnSync(tsc, ["-p", project], { encoding: "utf8" });
  assert.equal(r.status, 0, `tsc:\n${r.stdout}${r.stderr}`);
  const dts = fs.readFileSync(path.join(project, "node_modules/rcml-sip/index.d.ts"), "utf8");
  for (const f of ["index.d.ts", "index.d.cts", "codemirror/index.d.ts", "codemirror/index.d.cts", "validator/index.d.ts", "rules/index.d.ts", "rules/index.d.cts"]) {
    const text = fs.readFileSync(path.join(project, "node_modules/rcml-sip", f), "utf8");
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""); // comments may say "any"
    assert.doesNotMatch(code, /\bany\b/, `no \`any\` in ${f}`);
  }
  assert.match(dts, /\| "sip-uri\/invalid-port"/, "Code is the union of the catalogue's codes");
});

test("bin: `npx rcml-sip` prints the native command line's bytes", () => {
  const native = process.env.RCML_SIP_NATIVE;
  assert.ok(native && fs.existsSync(native), "RCML_SIP_NATIVE must name the native rcml-sip binary");
  const bin = path.join(project, "node_modules/.bin/rcml-sip");
  const examples = fs.readdirSync(path.join(root, "examples")).filter((f) => f.endsWith(".xml")).sort();
  const scenario = path.join(project, "scenario.json");
  fs.writeFileSync(scenario, JSON.stringify({ seed: 7, endpoints: { "*": { ringAtMs: 500, answerAtMs: 1500, hangupAtMs: 4000 } } }));
  const bad = path.join(project, "bad-scenario.json");
  fs.writeFileSync(bad, JSON.stringify({ endpoints: { "*": { answerAtMS: 1 } } }));
  const cases = [
    ["check", ...examples.map((f) => `examples/${f}`)],
    ["check", "--format", "json", "--offsets", "utf16", "--profile", "twilio", ...examples.map((f) => `examples/${f}`)],
    ["check", "--profile", "restcomm-connect", "examples/seed-video-name.xml", "examples/missing.xml"],
    ["check", "-"],
    ["uri", "sip:alice:secret@[2001:db8::1]:5061;transport=tls?X-Room=12&Subject=hi"],
    ["uri", "--format", "json", "sips:bob@example.com:99999"],
    ["rules"],
    ["rules", "--format", "json"],
    ["simulate", "--scenario", scenario, "examples/seed-dial-multiple.xml"],
    ["simulate", "--format", "json", "--scenario", scenario, "--profile", "twilio", "examples/seed-sip-basic.xml"],
    ["simulate", "--scenario", bad, "examples/seed-sip-basic.xml"],
    ["--version"],
    ["--help"],
    ["check"],
    ["frobnicate"],
    ["check", "--profile", "asterisk", "examples/seed-sip-basic.xml"],
    ["check", "examples"],
  ];
  const stdin = fs.readFileSync(path.join(root, "examples/seed-custom-headers.xml"));
  for (const args of cases) {
    const want = spawnSync(native, args, { cwd: root, input: stdin });
    const got = spawnSync(bin, args, { cwd: root, input: stdin });
    const label = `rcml-sip ${args.join(" ")}`;
    assert.equal(got.stdout.toString(), want.stdout.toString(), `${label}: stdout`);
    assert.equal(got.stderr.toString(), want.stderr.toString(), `${label}: stderr`);
    assert.equal(got.status, want.status, `${label}: exit status`);
  }
});

test("browser: the web build from a static page in headless Chromium", async () => {
  const { chromium } = toolsRequire("playwright-core");
  // An icon of its own (an empty one): without it Chromium asks for /favicon.ico, a 404 that
  // it logs as a console error.
  const page = `<!doctype html><meta charset="utf-8"><title>rcml-sip</title><link rel="icon" href="data:,">
<script type="module">
  import init, { validate, parseSipUri, simulate, version, profiles, rules } from "./node_modules/rcml-sip/web/index.js";
  try {
    await init();
    const wide = ${JSON.stringify(WIDE)};
    const diagnostics = validate(wide);
    const result = {
      version: version(),
      profiles: profiles(),
      slices: diagnostics.map((d) => [d.code, wide.slice(d.range.start.offset, d.range.end.offset)]),
      uri: parseSipUri("sip:alice@example.com").valid,
      simulation: simulate("<Response><Hangup/></Response>", { seed: 1 }).profile,
      bad: (() => { try { validate("", { profile: "x" }); return null; } catch (e) { return e.message; } })(),
      ruleKeys: [...new Set(rules().flatMap((r) => Object.keys(r)))],
    };
    result.webKeys = Object.keys(await import("./node_modules/rcml-sip/web/index.js")).sort();
    const lite = await import("./node_modules/rcml-sip/validator/index.js");
    await lite.default();
    result.validator = {
      keys: Object.keys(lite).sort(),
      same: JSON.stringify(lite.validate(wide)) === JSON.stringify(diagnostics),
      rules: JSON.stringify(lite.rules()) === JSON.stringify(rules()),
    };
    window.result = result;
  } catch (e) {
    window.result = { error: String(e && e.stack || e) };
  }
</script>`;
  fs.writeFileSync(path.join(project, "index.html"), page);
  const server = await serveStatic(project);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rcml-sip-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, CHROMIUM);
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    tab.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await tab.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
    const result = await tab.evaluate(() => window.result);
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(errors, []);
    assert.deepEqual(result.profiles, ["restcomm", "restcomm-connect", "twilio"]);
    assert.deepEqual(result.slices.find(([c]) => c === "sip-uri/invalid-port"), ["sip-uri/invalid-port", "99999"]);
    assert.equal(result.uri, true);
    assert.equal(result.simulation, "restcomm");
    assert.match(result.bad, /^validate: unknown profile `x`/);
    assert.deepEqual(result.webKeys, ["default", "init", "initSync", "parseSipUri", "profiles", "rules", "simulate", "validate", "version"]);
    assert.deepEqual(result.validator.keys, ["default", "init", "initSync", "parseSipUri", "profiles", "rules", "validate", "version"]);
    assert.equal(result.validator.same, true, "rcml-sip/validator gives the same diagnostics");
    assert.deepEqual(result.ruleKeys, RULE_KEYS, "the browser build's rules() has no long-form docs");
    assert.equal(result.validator.rules, true, "rcml-sip/validator gives the same rules()");
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
});
