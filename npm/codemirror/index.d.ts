// `rcml-sip/codemirror`: RCML lint and completion for CodeMirror 6.
// Peer dependencies: @codemirror/lint, @codemirror/lang-xml (and their @codemirror/state, view).
// The linter runs on `rcml-sip/validator` and loads its .wasm on the first lint (nothing to
// initialise), unless `engine` names another: a page that has the full build already passes it.
import type { Extension } from "@codemirror/state";
import type { Diagnostic as LintDiagnostic, LintSource } from "@codemirror/lint";
import type { AttrSpec, ElementSpec } from "@codemirror/lang-xml";
import type { Diagnostic, Options, Profile } from "../index.js";

/**
 * What the linter needs of rcml-sip: its `validate`. The `rcml-sip` and `rcml-sip/validator`
 * modules are engines (after their `init()` in a browser).
 */
export interface RcmlEngine {
  validate(source: string, options?: Options): Diagnostic[];
}

/** An element of `rcmlElements()`: lang-xml's `ElementSpec` as the RCML schema fills it in. */
export interface RcmlElementSpec extends ElementSpec {
  name: string;
  /** Whether it is a document's root (`<Response>`). */
  top: boolean;
  /** The child elements it allows; absent: any (an element whose content is open). */
  children?: string[];
  /** Text completions of its content, when it has any. */
  textContent?: string[];
  attributes: RcmlAttrSpec[];
  completion: { type: "type"; info: string };
}

/** An attribute of an `RcmlElementSpec`. */
export interface RcmlAttrSpec extends AttrSpec {
  name: string;
  /** The values completion offers (empty: any text). */
  values: string[];
  /** `info`: what it is for; `detail`: its default (`"default: POST"`) or `""`. */
  completion: { type: "property"; info: string; detail: string };
}

export interface RcmlEditorOptions {
  /** Default `"restcomm"`. */
  profile?: Profile;
  /** Milliseconds after the last change before linting (`@codemirror/lint`'s default otherwise). */
  delay?: number;
  /**
   * The module that validates, already initialised (`await init()`). Default: `rcml-sip/validator`,
   * loaded on the first lint if the page has not loaded it.
   */
  engine?: RcmlEngine;
}

/** XML language with RCML completion, plus the linter: the whole integration. */
export function rcml(options?: RcmlEditorOptions): Extension;
/** The linter extension alone. */
export function rcmlLinter(options?: RcmlEditorOptions): Extension;
/**
 * The lint source, for `linter(source, config)` with your own config. It returns the
 * diagnostics at once, except on a run that has to load the default engine first (a promise).
 */
export function rcmlLintSource(options?: Pick<RcmlEditorOptions, "profile" | "engine">): LintSource;
/** The RCML schema in `@codemirror/lang-xml`'s `elements` shape, under one profile (no .wasm needed). */
export function rcmlElements(options?: Pick<RcmlEditorOptions, "profile">): RcmlElementSpec[];
/** Converts diagnostics (UTF-16 offsets, as CodeMirror counts); fixes become `actions`. */
export function toCodeMirror(diagnostics: Diagnostic[], docLength?: number): LintDiagnostic[];
