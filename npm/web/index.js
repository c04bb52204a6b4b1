// The browser and bundler entry: the wasm-bindgen `web` build behind the package's API.
// `init()` fetches `rcml_sip_bg.wasm` next to this file (bundlers such as Vite rewrite the URL).
import wbgInit, { initSync as wbgInitSync } from "./rcml_sip.js";
import * as wasm from "./rcml_sip.js";

// wasm-bindgen's own argument objects (`{ module_or_path }`, `{ module }`) are accepted too.
const isPlainObject = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** Loads the module once; later calls resolve at once. */
export default async function init(input) {
  await wbgInit(input === undefined || isPlainObject(input) ? input : { module_or_path: input });
}
export { init };

export function initSync(module) {
  wbgInitSync(isPlainObject(module) ? module : { module });
}

export function version() {
  return wasm.version();
}
// A string source crosses into the .wasm as UTF-8 bytes from `TextEncoder` (native code):
// wasm-bindgen's own string copy loops over the characters in JavaScript, 4x slower.
const utf8 = new TextEncoder();
export function validate(source, options) {
  return typeof source === "string" ? wasm.validateUtf8(utf8.encode(source), options) : wasm.validate(source, options);
}
export function parseSipUri(input, options) {
  return wasm.parseSipUri(input, options);
}
export function simulate(source, scenario, options) {
  return wasm.simulate(source, scenario, options);
}
export function rules() {
  return wasm.rules();
}
export function profiles() {
  return wasm.profiles();
}
