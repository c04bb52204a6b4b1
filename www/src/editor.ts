// The editor: CodeMirror 6 with XML highlighting, schema completion and hover docs, and live
// diagnostics. Validation runs in a microtask after each change (no worker hop, no debounce), so
// a keystroke's diagnostics are drawn in the very next frame.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { xml } from "@codemirror/lang-xml";
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from "@codemirror/language";
import { type Diagnostic as CmDiagnostic, lintGutter, lintKeymap, openLintPanel, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, StateEffect } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
  ViewPlugin,
  type ViewUpdate,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { h } from "./dom";
import type { Diagnostic, ElementSpec } from "./types";

const highlight = HighlightStyle.define([
  { tag: t.tagName, color: "var(--tok-tag)" },
  { tag: t.attributeName, color: "var(--tok-attr)" },
  { tag: t.attributeValue, color: "var(--tok-string)" },
  { tag: [t.angleBracket, t.definitionOperator], color: "var(--tok-punct)" },
  { tag: t.comment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [t.processingInstruction, t.documentMeta], color: "var(--tok-meta)" },
  { tag: [t.character, t.special(t.string)], color: "var(--tok-entity)" },
  { tag: t.invalid, color: "var(--tok-invalid)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", backgroundColor: "var(--editor-bg)", color: "var(--fg)" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--accent)", color: "var(--accent-fg)" },
  ".cm-diagnostic": { fontFamily: "var(--sans)", maxWidth: "36rem" },
  ".cm-diagnosticAction": { backgroundColor: "var(--accent)", color: "var(--accent-fg)", borderRadius: "3px" },
  ".cm-panels": { backgroundColor: "var(--panel)", color: "var(--fg)" },
});

/** Characters above which diagnostics wait for a pause in typing. */
const LARGE_DOCUMENT = 100_000;

/** Asks the linter to run again although the document did not change (a profile switch). */
const relintEffect = StateEffect.define<null>();

export interface EditorHooks {
  /** Diagnostics of the current document, for the current profile (the lint source's call). */
  diagnose(source: string): Diagnostic[];
  /** Called with what `diagnose` returned, once per lint run. */
  diagnosed(diagnostics: Diagnostic[]): void;
  docChanged(): void;
  /** "Explain" link of a diagnostic tooltip. */
  explain(code: string): void;
  elements(): ElementSpec[];
  /** The package's conversion to lint diagnostics (fix actions included), one per diagnostic. */
  toLint(diagnostics: Diagnostic[], docLength: number): CmDiagnostic[];
}

function diagnosticBody(d: Diagnostic, explain: (code: string) => void): HTMLElement {
  const link = h("a", { href: `#rule-${d.code.replace("/", "-")}`, class: "rule-link" }, d.code);
  link.addEventListener("click", (e) => {
    e.preventDefault();
    explain(d.code);
  });
  return h(
    "div",
    { class: "diag-body" },
    h("div", { class: "diag-message" }, d.message),
    d.help ? h("div", { class: "diag-help" }, h("strong", {}, "help: "), d.help) : null,
    d.profileNote ? h("div", { class: "diag-note" }, h("strong", {}, "profile: "), d.profileNote) : null,
    h("div", { class: "diag-code" }, link, " · explain this rule"),
  );
}

/**
 * Live diagnostics without @codemirror/lint's timer: a change (or a profile switch) validates
 * in a microtask, right after CodeMirror's update and before the next frame is drawn, and hands
 * the result over with `setDiagnostics` (gutter, underlines, tooltips and the panel follow).
 */
function liveLint(hooks: EditorHooks) {
  return ViewPlugin.fromClass(
    class {
      private queued = false;
      constructor(private readonly view: EditorView) {
        this.schedule();
      }
      update(u: ViewUpdate): void {
        if (u.docChanged || u.transactions.some((tr) => tr.effects.some((e) => e.is(relintEffect)))) this.schedule();
      }
      private timer: number | undefined;
      private schedule(): void {
        // A very large document would make each keystroke wait for its validation: there,
        // validate once typing pauses instead.
        if (this.view.state.doc.length > LARGE_DOCUMENT) {
          window.clearTimeout(this.timer);
          this.timer = window.setTimeout(() => this.run(), 150);
          return;
        }
        if (this.queued) return;
        this.queued = true;
        queueMicrotask(() => {
          this.queued = false;
          this.run();
        });
      }
      destroy(): void {
        window.clearTimeout(this.timer);
      }
      private run(): void {
        const state = this.view.state;
        const source = state.doc.toString();
        const diagnostics = hooks.diagnose(source);
        hooks.diagnosed(diagnostics);
        // The package's conversion, with a richer tooltip: message, help, profile note, rule link.
        const lint = hooks.toLint(diagnostics, source.length).map((l, i) => {
          const d = diagnostics[i];
          return d ? { ...l, source: undefined, renderMessage: () => diagnosticBody(d, hooks.explain) } : l;
        });
        this.view.dispatch(setDiagnostics(state, lint));
      }
    },
  );
}

function nodeDocs(view: EditorView, pos: number, side: -1 | 1, specs: ElementSpec[]): { from: number; to: number; title: string; doc: string } | null {
  const node = syntaxTree(view.state).resolveInner(pos, side);
  if (node.name !== "TagName" && node.name !== "AttributeName") return null;
  const text = view.state.sliceDoc(node.from, node.to);
  if (node.name === "TagName") {
    const spec = specs.find((e) => e.name === text);
    return spec ? { from: node.from, to: node.to, title: `<${text}>`, doc: spec.completion?.info ?? "" } : null;
  }
  const tag = node.parent?.parent?.getChild("TagName");
  const element = tag ? view.state.sliceDoc(tag.from, tag.to) : "";
  const attr = specs.find((e) => e.name === element)?.attributes?.find((a) => a.name === text);
  if (!attr) return null;
  const detail = [attr.completion?.detail, attr.values?.length ? `values: ${attr.values.join(", ")}` : ""].filter(Boolean).join(" · ");
  return { from: node.from, to: node.to, title: `${element} ${text}`, doc: [attr.completion?.info ?? "", detail].filter(Boolean).join("\n") };
}

export class Editor {
  readonly view: EditorView;
  private readonly language = new Compartment();

  constructor(parent: HTMLElement, doc: string, private readonly hooks: EditorHooks) {
    const docs = hoverTooltip((view, pos, side) => {
      const found = nodeDocs(view, pos, side, hooks.elements());
      if (!found || !found.doc) return null;
      return {
        pos: found.from,
        end: found.to,
        above: true,
        create: () => ({ dom: h("div", { class: "schema-doc" }, h("code", {}, found.title), h("p", {}, found.doc)) }),
      };
    });
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          foldGutter(),
          drawSelection(),
          indentOnInput(),
          syntaxHighlighting(highlight),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          highlightActiveLine(),
          EditorView.lineWrapping,
          highlightSelectionMatches(),
          this.language.of(xml({ elements: hooks.elements() as never })),
          lintGutter(),
          liveLint(hooks),
          docs,
          // Ctrl+Shift+M (the lint panel's own key) is a browser shortcut in Chrome: Ctrl+. as well.
          keymap.of([{ key: "Mod-.", run: openLintPanel, preventDefault: true }, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) hooks.docChanged();
          }),
          EditorView.contentAttributes.of({ "aria-label": "RCML document" }),
          theme,
        ],
      }),
    });
  }

  /** The profile changed: new completion spec, and validate again now. */
  relint(): void {
    this.view.dispatch({
      effects: [this.language.reconfigure(xml({ elements: this.hooks.elements() as never })), relintEffect.of(null)],
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  setText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, selection: EditorSelection.cursor(0) });
  }

  /** Moves the cursor (a selection of the range) and the viewport there. */
  reveal(from: number, to = from): void {
    const len = this.view.state.doc.length;
    const a = Math.min(Math.max(0, from), len);
    const b = Math.min(Math.max(a, to), len);
    this.view.dispatch({ selection: EditorSelection.range(a, b), scrollIntoView: true });
    this.view.focus();
  }
}
