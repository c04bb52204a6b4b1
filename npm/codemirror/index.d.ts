// `rcml-sip/codemirror`: RCML lint and completion for CodeMirror 6.
// Peer dependencies: @codemirror/lint, @codemirror/lang-xml (and their @codemirror/state, view).
// In a browser, `await init()` from "rcml-sip" first.
import type { Extension } from "@codemirror/state";
import type { Diagnostic as LintDiagnostic, LintSource } from "@codemirror/lint";
import type { ElementSpec } from "@codemirror/lang-xml";
import type { Diagnostic, Profile } from "../index.js";

export interface RcmlEditorOptions {
  /** Default `"restcomm"`. */
  profile?: Profile;
  /** Milliseconds after the last change before linting (`@codemirror/lint`'s default otherwise). */
  delay?: number;
}

/** XML language with RCML completion, plus the linter: the whole integration. */
export function rcml(options?: RcmlEditorOptions): Extension;
/** The linter extension alone. */
export function rcmlLinter(options?: RcmlEditorOptions): Extension;
/** The lint source, for `linter(source, config)` with your own config. */
export function rcmlLintSource(options?: Pick<RcmlEditorOptions, "profile">): LintSource;
/** The RCML schema in `@codemirror/lang-xml`'s `elements` shape, under one profile. */
export function rcmlElements(options?: Pick<RcmlEditorOptions, "profile">): ElementSpec[];
/** Converts diagnostics (UTF-16 offsets, as CodeMirror counts); fixes become `actions`. */
export function toCodeMirror(diagnostics: Diagnostic[], docLength?: number): LintDiagnostic[];
