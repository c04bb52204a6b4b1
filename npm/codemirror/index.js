// `rcml-sip/codemirror`: lint and completion for CodeMirror 6 in two lines.
//
//   import { rcml } from "rcml-sip/codemirror";
//   new EditorView({ extensions: [basicSetup, rcml({ profile: "twilio" })], parent });
//
// The linter runs on `rcml-sip/validator` (the smaller .wasm, no simulator), which it loads
// on its first run unless the page did already; a page that loads the full build passes it as
// `engine` instead (`rcml({ engine: await import("rcml-sip") })`) and downloads one .wasm.
// Completion needs no .wasm at all: the schema below is data.
//
// scripts/build-pkg.sh derives the Node ESM and CommonJS variants of this file from the
// import lines below (keep them in this form) and fills in ELEMENTS.
import { linter } from "@codemirror/lint";
import { xml } from "@codemirror/lang-xml";
import { init, validate } from "../validator/index.js";

// The schema under each profile in `@codemirror/lang-xml`'s `elements` shape, written by
// scripts/build-pkg.sh from the validator's own tables (the Node build's `xmlElements`).
const ELEMENTS = null; // ELEMENTS: replaced by the generated schema of each profile

/** rcml-sip diagnostics as `@codemirror/lint` diagnostics; fixes become actions. */
export function toCodeMirror(diagnostics, docLength) {
  const clamp = (n) => (docLength === undefined ? n : Math.max(0, Math.min(n, docLength)));
  return diagnostics.map((d) => {
    const from = clamp(d.range.start.offset);
    const to = clamp(d.range.end.offset);
    return {
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.help ? `${d.message}\n${d.help}` : d.message,
      actions: d.fixes.map((fix) => ({
        name: fix.title,
        // The edits were computed for the document as linted; `at` is where the diagnostic
        // is now, so text typed before it since then shifts them.
        apply(view, at) {
          const shift = at - from;
          view.dispatch({
            changes: fix.edits.map((e) => ({ from: e.start + shift, to: e.end + shift, insert: e.text })),
          });
        },
      })),
    };
  });
}

// Whether this module's own `init()` of the validator has resolved.
let loaded = false;
let loading;

/**
 * A `@codemirror/lint` source that validates the whole document: synchronous once the engine
 * is ready; the first run before the default engine's .wasm has loaded loads it and resolves
 * later (a lint source may return a promise; the linter drops it if the document changed).
 */
export function rcmlLintSource(options) {
  const profile = options?.profile;
  const engine = options?.engine;
  const args = profile ? { profile } : undefined;
  const lint = (text, length) => toCodeMirror((engine ?? { validate }).validate(text, args), length);
  return (view) => {
    const doc = view.state.doc;
    const text = doc.toString();
    if (engine || loaded) return lint(text, doc.length);
    try {
      // Someone (the page, another editor) may have loaded the validator already.
      return lint(text, doc.length);
    } catch {
      // Not loaded yet (the wasm-bindgen module throws before it has an instance); a real
      // error, such as an unknown profile, throws again after loading and rejects.
      loading ??= init().then(() => {
        loaded = true;
      });
      return loading.then(() => lint(text, doc.length));
    }
  };
}

/** The linter extension (`delay` as in `@codemirror/lint`). */
export function rcmlLinter(options) {
  const config = options?.delay === undefined ? undefined : { delay: options.delay };
  return linter(rcmlLintSource(options), config);
}

/** The RCML schema as `@codemirror/lang-xml` `elements` (completion of elements, attributes, values). */
export function rcmlElements(options) {
  const profile = options?.profile || "restcomm";
  if (!Object.prototype.hasOwnProperty.call(ELEMENTS, profile)) {
    const known = Object.keys(ELEMENTS).map((p) => `\`${p}\``).join(", ");
    throw new Error(`rcmlElements: unknown profile \`${profile}\`: expected one of ${known}`);
  }
  // A copy: the caller may keep or change it.
  return structuredClone(ELEMENTS[profile]);
}

/** XML language with RCML completion, plus the linter. */
export function rcml(options) {
  return [xml({ elements: rcmlElements(options) }), rcmlLinter(options)];
}
