// The package in a bundler, as an application gets it: `npm pack` pkg/, install the tarball
// (offline) into a temporary project, write a small app that imports `rcml-sip` (web entry),
// `rcml-sip/validator`, `rcml-sip/codemirror` and (dynamically) `rcml-sip/rules`, build it with Vite (www/'s pinned copy)
// with no configuration at all, serve dist/ and run it in headless Chromium; then the same app
// from Vite's dev server (where pre-bundling used to break wasm-bindgen's `.wasm` URL).
// Then an editor that only lints (`rcml-sip/codemirror` alone, nothing initialised): its page
// must download the validator's .wasm and no other.
//
// Run by scripts/test-pkg.sh after `make pkg`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHROMIUM, packAndInstall, serveStatic } from "./pack.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const www = path.join(root, "www");
const vite = path.join(www, "node_modules/.bin/vite");
const wwwRequire = createRequire(path.join(www, "package.json"));

const MAIN = `
import init, { validate, parseSipUri, simulate, rules } from "rcml-sip";
import initValidator, { validate as validateOnly } from "rcml-sip/validator";
import * as full from "rcml-sip";
import { rcml, rcmlLintSource, rcmlElements } from "rcml-sip/codemirror";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import wasmUrl from "rcml-sip/rcml_sip_bg.wasm?url";

async function run() {
  await init();
  await initValidator();
  const bad = "<Response><Dial><Sip>sip:alice@example.com:99999</Sip></Dial></Response>";
  const scenario = { seed: 1, endpoints: { "*": { ringAtMs: 100, answerAtMs: 500, hangupAtMs: 2000 } } };
  const sim = simulate("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>", scenario);
  const view = new EditorView({
    state: EditorState.create({ doc: "<Response><Dial><Sip>sip:a@example.com?x=1&y=2</Sip></Dial></Response>", extensions: rcml() }),
    parent: document.body,
  });
  // The README's way to name the .wasm yourself: a URL that serves the module.
  const magic = new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer()).slice(0, 4).join();
  // The rule docs: data loaded on demand (a chunk of its own), rules() without them.
  const { catalogue } = await import("rcml-sip/rules");
  return {
    explained: catalogue.length === rules().length && catalogue.every((r, i) => r.code === rules()[i].code && r.explanation !== ""),
    rulesWithoutDocs: rules().every((r) => !("explanation" in r)),
    wasmUrl: magic === "0,97,115,109",
    codes: validate(bad).map((d) => d.code),
    validatorCodes: validateOnly(bad).map((d) => d.code),
    host: parseSipUri("sip:bob@pbx.example.org:5061;transport=tls").uri.host,
    callStatus: sim.outcome.callStatus,
    dialStatus: sim.outcome.dials.map((d) => d.dialCallStatus),
    lint: (await rcmlLintSource()(view)).map((d) => d.source),
    engineLint: rcmlLintSource({ engine: full, profile: "twilio" })(view).map((d) => d.source),
    sipElement: rcmlElements().some((e) => e.name === "Sip"),
  };
}
run().then((r) => { window.result = r; }, (e) => { window.result = { error: String((e && e.stack) || e) }; });
`;

// An editor and nothing else: no init(), no other entry; the linter loads what it needs.
const CODEMIRROR_ONLY = `
import { rcml, rcmlLintSource, rcmlElements } from "rcml-sip/codemirror";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

async function run() {
  const view = new EditorView({
    state: EditorState.create({ doc: "<Response><Dial><Sip>sip:a@example.com:99999</Sip></Dial></Response>", extensions: rcml({ delay: 0 }) }),
    parent: document.body,
  });
  // The linter's own run draws the underline once the validator has loaded.
  const marked = () => document.querySelector(".cm-lintRange-error") !== null;
  await new Promise((resolve) => {
    if (marked()) return resolve();
    const seen = new MutationObserver(() => { if (marked()) { seen.disconnect(); resolve(); } });
    seen.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const now = rcmlLintSource({ profile: "twilio" })(view);
  return {
    sync: Array.isArray(now),
    lint: (await now).map((d) => d.source),
    sipElement: rcmlElements().some((e) => e.name === "Sip"),
  };
}
run().then((r) => { window.result = r; }, (e) => { window.result = { error: String((e && e.stack) || e) }; });
`;

let project;
let editorOnly;
const HTML = `<!doctype html><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>`;

before(() => {
  assert.ok(fs.existsSync(vite), `${vite} is missing: run \`make setup\``);
  // Inside www/node_modules, so that the app resolves the @codemirror packages installed there.
  ({ project } = packAndInstall(path.join(root, "pkg"), path.join(www, "node_modules", ".cache"), "rcml-sip-bundler-"));
  fs.writeFileSync(path.join(project, "index.html"), HTML);
  fs.writeFileSync(path.join(project, "main.js"), MAIN);
  // A second app in the same project (it resolves the same installed package).
  editorOnly = path.join(project, "editor-only");
  fs.mkdirSync(editorOnly);
  fs.writeFileSync(path.join(editorOnly, "index.html"), HTML);
  fs.writeFileSync(path.join(editorOnly, "main.js"), CODEMIRROR_ONLY);
});

after(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

/**
 * Loads URL in headless Chromium; returns the app's `window.result`, every error seen and the
 * file names of the .wasm files the page requested.
 */
async function runApp(url) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rcml-sip-chromium-"));
  const { chromium } = createRequire(path.join(root, "tools/package.json"))("playwright-core");
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, timeout: 60_000 });
    const tab = await context.newPage();
    const errors = [];
    const wasm = [];
    tab.on("request", (r) => {
      const name = path.basename(new URL(r.url()).pathname);
      if (name.endsWith(".wasm")) wasm.push(name);
    });
    tab.on("pageerror", (e) => errors.push(String(e)));
    tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    tab.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await tab.goto(url, { timeout: 30_000 });
    await tab.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
    return { result: await tab.evaluate(() => window.result), errors, wasm };
  } finally {
    await context?.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

function checkApp({ result, errors }) {
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.deepEqual(result.codes, ["sip-uri/invalid-port"]);
  assert.deepEqual(result.validatorCodes, ["sip-uri/invalid-port"]);
  assert.equal(result.host, "pbx.example.org");
  assert.equal(result.callStatus, "completed");
  assert.deepEqual(result.dialStatus, ["completed"]);
  assert.ok(result.lint.includes("xml/bare-ampersand"), `codemirror lint: ${result.lint}`);
  assert.ok(result.engineLint.includes("xml/bare-ampersand"), `codemirror lint on the full build: ${result.engineLint}`);
  assert.equal(result.sipElement, true);
  assert.equal(result.wasmUrl, true, "rcml-sip/rcml_sip_bg.wasm?url serves the .wasm");
  assert.equal(result.explained, true, "rcml-sip/rules: every rule of rules(), explained");
  assert.equal(result.rulesWithoutDocs, true, "rules() has no explanations");
}

/** Vite builds DIR with no configuration; returns the files of dist/assets. */
function viteBuild(dir) {
  const built = spawnSync(vite, ["build", "--logLevel", "warn"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  const log = `${built.stdout}${built.stderr}`;
  assert.equal(built.status, 0, `vite build:\n${log}`);
  assert.doesNotMatch(log, /doesn't exist at build time|wasm/i, "Vite resolves the .wasm files");
  return fs.readdirSync(path.join(dir, "dist", "assets"));
}

/** Serves DIR/dist and runs its app. */
async function runBuilt(dir) {
  const server = await serveStatic(path.join(dir, "dist"));
  try {
    return await runApp(`http://127.0.0.1:${server.address().port}/index.html`);
  } finally {
    server.close();
  }
}

/** Runs the app of DIR from Vite's dev server. */
async function runDev(dir) {
  const { createServer } = await import(pathToFileURL(wwwRequire.resolve("vite")).href);
  const server = await createServer({
    root: dir,
    configFile: false,
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: 0, watch: null },
  });
  try {
    await server.listen();
    return await runApp(`http://127.0.0.1:${server.httpServer.address().port}/`);
  } finally {
    await server.close();
  }
}

test("vite build: an app that uses every browser entry, with no configuration", { timeout: 180_000 }, async () => {
  assert.equal(JSON.parse(fs.readFileSync(wwwRequire.resolve("vite/package.json"), "utf8")).version, "8.3.8");
  const assets = viteBuild(project);
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 2, `the two .wasm files are emitted: ${assets}`);
  // A sentence of a rule's explanation: only in the chunk of the dynamic import("rcml-sip/rules").
  const read = (f) => fs.readFileSync(path.join(project, "dist", f), "utf8");
  const docs = assets.filter((f) => f.endsWith(".js") && read(`assets/${f}`).includes("runs a repair pass before parsing"));
  assert.equal(docs.length, 1, `one chunk has the rule docs: ${assets}`);
  assert.ok(!read("index.html").includes(docs[0]), "the page does not load it up front");
  checkApp(await runBuilt(project));
});

test("vite dev server: the same app, with no configuration", { timeout: 180_000 }, async () => {
  checkApp(await runDev(project));
});

/** The editor-only page: it lints and completes, and downloads the validator's .wasm alone. */
function checkEditorOnly({ result, errors, wasm }) {
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.ok(result.lint.includes("sip-uri/invalid-port"), `lint: ${result.lint}`);
  assert.equal(result.sync, true, "once loaded, the lint source answers synchronously");
  assert.equal(result.sipElement, true);
  assert.equal(wasm.length, 1, `one .wasm requested: ${wasm}`);
  assert.match(wasm[0], /^rcml_sip_validator_bg\b/, `the validator's .wasm: ${wasm}`);
}

test("vite build: an editor-only page fetches the validator's .wasm and no other", { timeout: 180_000 }, async (t) => {
  const assets = viteBuild(editorOnly);
  const emitted = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(emitted.length, 1, `only the validator's .wasm is emitted: ${assets}`);
  assert.match(emitted[0], /^rcml_sip_validator_bg\b/);
  const gz = zlib.gzipSync(fs.readFileSync(path.join(editorOnly, "dist", "assets", emitted[0])), { level: 9 }).length;
  t.diagnostic(`editor-only page: ${emitted[0]}, ${gz} bytes gzipped`);
  checkEditorOnly(await runBuilt(editorOnly));
});

test("vite dev server: the editor-only page", { timeout: 180_000 }, async () => {
  checkEditorOnly(await runDev(editorOnly));
});
