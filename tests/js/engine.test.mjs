// npm/shared/engine.js, the API shim of both browser entries (web/, validator/), over a fake
// generated module: how it hands each argument over to wasm-bindgen. The real modules behind
// it are tested by package.test.mjs (Node, Chromium) and bundler.test.mjs (Vite).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { engine } = await import(pathToFileURL(path.join(root, "npm/shared/engine.js")).href);

/** A stand-in for a wasm-bindgen module that records every call. */
function fakeModule() {
  const calls = [];
  const record = (name) => (...args) => {
    calls.push([name, ...args]);
    return name;
  };
  const wasm = { calls };
  for (const name of ["default", "initSync", "version", "validate", "validateUtf8", "parseSipUri", "simulate", "rules", "profiles"]) {
    wasm[name] = record(name);
  }
  return wasm;
}

test("init and initSync take what wasm-bindgen takes, and the plain forms", async () => {
  const wasm = fakeModule();
  const api = engine(wasm);
  const url = new URL("https://example.test/x.wasm");
  const bytes = new Uint8Array([0, 97, 115, 109]);
  await api.init();
  await api.init(url);
  await api.init("./x.wasm");
  await api.init({ module_or_path: url });
  api.initSync(bytes);
  api.initSync({ module: bytes });
  assert.deepEqual(wasm.calls, [
    ["default", undefined],
    ["default", { module_or_path: url }],
    ["default", { module_or_path: "./x.wasm" }],
    ["default", { module_or_path: url }],
    ["initSync", { module: bytes }],
    ["initSync", { module: bytes }],
  ]);
  assert.equal(await api.init(), undefined, "init resolves to nothing (not the module's exports)");
});

test("a string source goes over as UTF-8 bytes; anything else to validate, which rejects it", () => {
  const wasm = fakeModule();
  const api = engine(wasm);
  const options = { profile: "twilio" };
  assert.equal(api.validate("é😀<a/>", options), "validateUtf8");
  assert.equal(api.validate(42, options), "validate");
  const [[name, bytes, passed], [other, value]] = wasm.calls;
  assert.equal(name, "validateUtf8");
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes), "é😀<a/>");
  assert.equal(passed, options);
  assert.deepEqual([other, value], ["validate", 42]);
});

test("the other functions call through with their arguments", () => {
  const wasm = fakeModule();
  const api = engine(wasm);
  const scenario = { seed: 1 };
  api.version();
  api.parseSipUri("sip:a@b", { profile: "twilio" });
  api.simulate("<Response/>", scenario, undefined);
  api.rules();
  api.profiles();
  assert.deepEqual(wasm.calls, [
    ["version"],
    ["parseSipUri", "sip:a@b", { profile: "twilio" }],
    ["simulate", "<Response/>", scenario, undefined],
    ["rules"],
    ["profiles"],
  ]);
});
