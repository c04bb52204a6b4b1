"use strict";
// The Node entry (CommonJS): the wasm-bindgen `nodejs` build, compiled synchronously on
// `require`, so `init()` has nothing left to do. `node/index.mjs` re-exports this same
// instance for `import`, so a program that mixes both loads the module once.
const wasm = require("./rcml_sip.cjs");

async function init() {}
function initSync() {}

module.exports = {
  init,
  initSync,
  version: () => wasm.version(),
  validate: (source, options) => wasm.validate(source, options),
  parseSipUri: (input, options) => wasm.parseSipUri(input, options),
  simulate: (source, scenario, options) => wasm.simulate(source, scenario, options),
  rules: () => wasm.rules(),
  profiles: () => wasm.profiles(),
};
