"use strict";
// The Node entry (CommonJS): the wasm-bindgen `nodejs` build, compiled synchronously on
// `require`, so `init()` has nothing left to do. `node/index.mjs` re-exports this same
// instance for `import`, so a program that mixes both loads the module once.
const wasm = require("./rcml_sip.cjs");

// A string source crosses into the .wasm as UTF-8 bytes from `TextEncoder` (native code):
// wasm-bindgen's own string copy loops over the characters in JavaScript, 4x slower.
const utf8 = new TextEncoder();

async function init() {}
function initSync() {}

module.exports = {
  init,
  initSync,
  version: () => wasm.version(),
  validate: (source, options) =>
    typeof source === "string" ? wasm.validateUtf8(utf8.encode(source), options) : wasm.validate(source, options),
  parseSipUri: (input, options) => wasm.parseSipUri(input, options),
  simulate: (source, scenario, options) => wasm.simulate(source, scenario, options),
  rules: () => wasm.rules(),
  profiles: () => wasm.profiles(),
};
