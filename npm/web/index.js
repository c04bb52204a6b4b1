// The browser and bundler entry: the wasm-bindgen `web` build behind the package's API
// (../shared/engine.js, the validator entry's shim too).
// `init()` fetches `rcml_sip_bg.wasm` next to this file (bundlers such as Vite rewrite the URL).
import * as wasm from "./rcml_sip.js";
import { engine } from "../shared/engine.js";

const api = engine(wasm);

export const { init, initSync, version, validate, parseSipUri, simulate, rules, profiles } = api;
export default init;
