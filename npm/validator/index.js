// `rcml-sip/validator`: the validator alone (no `simulate`), for pages that only check
// documents (documentation sites, editors): its .wasm is the one within the 150 KB budget.
// Same functions and `init()` as the main entry (the same shim, ../shared/engine.js); in Node
// the main entry serves it.
import * as wasm from "./rcml_sip_validator.js";
import { engine } from "../shared/engine.js";

const api = engine(wasm);

export const { init, initSync, version, validate, parseSipUri, rules, profiles } = api;
export default init;
