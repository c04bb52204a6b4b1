// `rcml-sip/rules`: the rule catalogue with its long-form docs, as plain data (no WebAssembly,
// nothing to initialise): what `rcml-sip rules --format json` prints, generated when the
// package is built. For documentation sites and rule panels; `rules()` of the other entries
// gives the same rules without `explanation`, `wrong` and `right`, which stay out of the
// browsers' `.wasm`.
import type { RuleWithDocs } from "../index.js";

export type { Code, Profile, Rule, RuleWithDocs, Severity } from "../index.js";

/** Every rule, in catalogue order (the order of `rules()`). */
export declare const catalogue: readonly RuleWithDocs[];
