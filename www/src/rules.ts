// The rule catalogue (rules()): every diagnostic code with its severity on each profile, why
// it matters, and a wrong/right pair. Diagnostics link here.

import { clear, h } from "./dom";
import { PROFILES, type Profile, type Rule } from "./types";

export function anchor(code: string): string {
  return `rule-${code.replace(/\//g, "-")}`;
}

export function renderRules(root: HTMLElement, rules: Rule[], filter: HTMLInputElement, profile: () => Profile): () => void {
  const draw = (): void => {
    clear(root);
    const q = filter.value.trim().toLowerCase();
    for (const r of rules) {
      if (q && !`${r.code} ${r.summary}`.toLowerCase().includes(q)) continue;
      const sev = h("span", { class: "severities" });
      for (const p of PROFILES) {
        const s = r.severity[p];
        const current = p === profile() ? " current" : "";
        sev.append(h("span", { class: `sev sev-${s ?? "none"}${current}`, title: p }, `${p}: ${s ?? "accepted"}`));
      }
      root.append(
        h(
          "article",
          { class: "rule", id: anchor(r.code), tabindex: "-1" },
          h("h4", {}, h("code", {}, r.code), r.row ? h("span", { class: "row" }, ` (${r.row})`) : null),
          h("p", { class: "summary" }, r.summary),
          sev,
          r.explanation ? h("p", {}, r.explanation) : null,
          r.wrong ? h("div", { class: "pair" }, h("div", {}, h("span", { class: "muted" }, "wrong"), h("pre", {}, r.wrong)), h("div", {}, h("span", { class: "muted" }, "right"), h("pre", {}, r.right ?? ""))) : null,
        ),
      );
    }
  };
  filter.addEventListener("input", draw);
  draw();
  return draw;
}

/** Scrolls to one rule and focuses it (the filter is cleared so that it is there). */
export function showRule(root: HTMLElement, filter: HTMLInputElement, code: string): void {
  if (filter.value) {
    filter.value = "";
    filter.dispatchEvent(new Event("input"));
  }
  const el = document.getElementById(anchor(code));
  if (!el || !root.contains(el)) return;
  for (const o of root.querySelectorAll(".rule.highlight")) o.classList.remove("highlight");
  el.classList.add("highlight");
  el.scrollIntoView({ block: "start" });
  el.focus({ preventScroll: true });
}
