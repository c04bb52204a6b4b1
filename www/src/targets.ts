// Which URIs a document dials, read from CodeMirror's (error-tolerant) XML syntax tree, so the
// scenario form follows the document even while it is not well-formed. Keys follow
// contracts.md §4: a <Sip>/<Uri> as written without its ?headers, a <Number> as written, a
// <Client> as `client:NAME`.

import { ensureSyntaxTree } from "@codemirror/language";
import type { EditorState } from "@codemirror/state";
import type { SyntaxNode } from "@lezer/common";

export interface Target {
  key: string;
  noun: "Sip" | "Uri" | "Number" | "Client";
  /** Offset of the noun's open tag, for "show in the document". */
  from: number;
}

const NOUNS = new Set(["Sip", "Uri", "Number", "Client"]);
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function tagName(state: EditorState, element: SyntaxNode): string | null {
  const open = element.getChild("OpenTag") ?? element.getChild("SelfClosingTag");
  const name = open?.getChild("TagName");
  return name ? state.sliceDoc(name.from, name.to) : null;
}

function decodeEntity(raw: string): string {
  const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);$/i.exec(raw);
  if (!m) return raw;
  const body = m[1] ?? "";
  if (body.startsWith("#x") || body.startsWith("#X")) return safeChar(parseInt(body.slice(2), 16), raw);
  if (body.startsWith("#")) return safeChar(parseInt(body.slice(1), 10), raw);
  return ENTITIES[body] ?? raw;
}

function safeChar(code: number, raw: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : raw;
}

function textOf(state: EditorState, element: SyntaxNode): string {
  let out = "";
  for (let c = element.firstChild; c; c = c.nextSibling) {
    if (c.name === "Text") out += state.sliceDoc(c.from, c.to);
    else if (c.name === "EntityReference" || c.name === "CharacterReference")
      out += decodeEntity(state.sliceDoc(c.from, c.to));
    else if (c.name === "Cdata") out += state.sliceDoc(c.from + 9, Math.max(c.from + 9, c.to - 3));
  }
  return out.trim();
}

function attribute(state: EditorState, element: SyntaxNode, name: string): string | null {
  const open = element.getChild("OpenTag") ?? element.getChild("SelfClosingTag");
  for (const a of open?.getChildren("Attribute") ?? []) {
    const n = a.getChild("AttributeName");
    const v = a.getChild("AttributeValue");
    if (n && v && state.sliceDoc(n.from, n.to) === name) {
      return state.sliceDoc(v.from + 1, Math.max(v.from + 1, v.to - 1)).trim();
    }
  }
  return null;
}

function insideDial(state: EditorState, element: SyntaxNode): boolean {
  for (let p = element.parent; p; p = p.parent) {
    if (p.name === "Element" && tagName(state, p) === "Dial") return true;
  }
  return false;
}

/** Every dialled target of the document, in document order, without duplicates. */
export function dialledTargets(state: EditorState): Target[] {
  const tree = ensureSyntaxTree(state, state.doc.length, 200);
  if (!tree) return [];
  const out: Target[] = [];
  const seen = new Set<string>();
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== "Element") return;
      const node = ref.node;
      const noun = tagName(state, node);
      if (!noun || !NOUNS.has(noun) || !insideDial(state, node)) return;
      let value = textOf(state, node);
      if (noun === "Sip" && node.getChildren("Element").some((c) => tagName(state, c) === "Video")) {
        value = attribute(state, node, "name") ?? value;
      }
      if (!value) return;
      let key = value;
      if (noun === "Sip" || noun === "Uri") key = value.split("?")[0] ?? value;
      if (noun === "Client") key = `client:${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ key, noun: noun as Target["noun"], from: node.from });
    },
  });
  return out;
}
