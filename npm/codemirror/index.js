// `rcml-sip/codemirror`: lint and completion for CodeMirror 6 in three lines.
//
//   import init from "rcml-sip"; import { rcml } from "rcml-sip/codemirror";
//   await init();
//   new EditorView({ extensions: [basicSetup, rcml({ profile: "twilio" })], parent });
//
// scripts/build-pkg.sh derives the Node ESM and CommonJS variants of this file from the
// three import lines below; keep them in this form.
import { linter } from "@codemirror/lint";
import { xml } from "@codemirror/lang-xml";
import { validate, xmlElements } from "../web/rcml_sip.js";

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

/** A `@codemirror/lint` source that validates the whole document. */
export function rcmlLintSource(options) {
  const profile = options?.profile;
  return (view) => {
    const doc = view.state.doc;
    return toCodeMirror(validate(doc.toString(), profile ? { profile } : undefined), doc.length);
  };
}

/** The linter extension (`delay` as in `@codemirror/lint`). */
export function rcmlLinter(options) {
  const config = options?.delay === undefined ? undefined : { delay: options.delay };
  return linter(rcmlLintSource(options), config);
}

/** The RCML schema as `@codemirror/lang-xml` `elements` (completion of elements, attributes, values). */
export function rcmlElements(options) {
  const profile = options?.profile;
  return xmlElements(profile ? { profile } : undefined);
}

/** XML language with RCML completion, plus the linter. */
export function rcml(options) {
  return [xml({ elements: rcmlElements(options) }), rcmlLinter(options)];
}
