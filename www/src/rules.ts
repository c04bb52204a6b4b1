// The rule catalogue: every diagnostic code with its severity on each profile (rules(), from
// the .wasm), then why it matters and a wrong/right pair (rcml-sip/rules: data in a chunk of
// its own, fetched the first time the panel shows, so the first page load does not pay for
// it). Diagnostics link here.

import { clear, h } from "./dom";
import { PROFILES, type Profile, type Rule, type RuleWithDocs } from "./types";

type Docs = Pick<RuleWithDocs, "explanation" | "wrong" | "right">;

export function anchor(code: string): string {
  return `rule-${code.replace(/\//g, "-")}`;
}

/** The docs part of one rule's article (nothing until the docs have loaded). */
function docsOf(docs: Docs | undefined): HTMLElement[] {
  if (!docs) return [];
  const out: HTMLElement[] = [];
  if (docs.explanation) out.push(h("p", { class: "explanation" }, docs.explanation));
  if (docs.wrong) {
    out.push(
      h(
        "div",
        { class: "pair" },
        h("div", {}, h("span", { class: "muted" }, "wrong"), h("pre", {}, docs.wrong)),
        h("div", {}, h("span", { class: "muted" }, "right"), h("pre", {}, docs.right)),
      ),
    );
  }
  return out;
}

export class RulesPanel {
  private docs: Map<string, Docs> | null = null;
  private loading: Promise<void> | null = null;
  private readonly status = h("p", { class: "muted", role: "status", hidden: true });

  constructor(
    private readonly root: HTMLElement,
    private readonly rules: Rule[],
    private readonly filter: HTMLInputElement,
    private readonly profile: () => Profile,
    private readonly loadDocs: () => Promise<readonly RuleWithDocs[]>,
  ) {
    root.before(this.status);
    filter.addEventListener("input", () => this.draw());
    this.draw();
  }

  /** Redraws the catalogue (the filter or the profile changed). */
  draw(): void {
    const { root } = this;
    clear(root);
    const q = this.filter.value.trim().toLowerCase();
    for (const r of this.rules) {
      if (q && !`${r.code} ${r.summary}`.toLowerCase().includes(q)) continue;
      const sev = h("span", { class: "severities" });
      for (const p of PROFILES) {
        const s = r.severity[p];
        const current = p === this.profile() ? " current" : "";
        sev.append(h("span", { class: `sev sev-${s ?? "none"}${current}`, title: p }, `${p}: ${s ?? "accepted"}`));
      }
      root.append(
        h(
          "article",
          { class: "rule", id: anchor(r.code), "data-code": r.code, tabindex: "-1" },
          h("h4", {}, h("code", {}, r.code), r.row ? h("span", { class: "row" }, ` (${r.row})`) : null),
          h("p", { class: "summary" }, r.summary),
          sev,
          ...docsOf(this.docs?.get(r.code)),
        ),
      );
    }
  }

  /**
   * The panel is shown: fetch the explanations and examples once and add them to the rules
   * drawn meanwhile (a rule opened from a diagnostic stays in view).
   */
  showDocs(): void {
    if (this.loading) return;
    this.say("Loading the explanations…");
    this.loading = this.loadDocs().then(
      (catalogue) => {
        this.docs = new Map(catalogue.map((r) => [r.code, r]));
        for (const article of this.root.querySelectorAll<HTMLElement>("article.rule")) {
          article.append(...docsOf(this.docs.get(article.dataset.code ?? "")));
        }
        this.say("");
        this.root.querySelector(".rule.highlight")?.scrollIntoView({ block: "start" });
      },
      (e: unknown) => {
        this.loading = null; // the next showing tries again
        this.say(`The explanations could not load: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }

  private say(text: string): void {
    this.status.textContent = text;
    this.status.hidden = !text;
  }

  /** Scrolls to one rule and focuses it (the filter is cleared so that it is there). */
  show(code: string): void {
    const { root, filter } = this;
    if (filter.value) {
      filter.value = "";
      this.draw();
    }
    const el = document.getElementById(anchor(code));
    if (!el || !root.contains(el)) return;
    for (const o of root.querySelectorAll(".rule.highlight")) o.classList.remove("highlight");
    el.classList.add("highlight");
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  }
}
