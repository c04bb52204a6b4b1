// The problems panel (every diagnostic; activating one moves the cursor there) and the verdict
// strip, which says for each profile whether the document passes, and switches profile.

import { clear, h, plural } from "./dom";
import { type Diagnostic, PROFILES, type Profile } from "./types";

const ICON: Record<Diagnostic["severity"], string> = { error: "✖", warning: "▲", info: "ℹ" };

export function counts(ds: Diagnostic[]): Record<Diagnostic["severity"], number> {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of ds) c[d.severity]++;
  return c;
}

export function summary(ds: Diagnostic[]): string {
  const c = counts(ds);
  if (c.error === 0 && c.warning === 0) return c.info ? `valid · ${plural(c.info, "note")}` : "valid";
  return [c.error && plural(c.error, "error"), c.warning && plural(c.warning, "warning"), c.info && plural(c.info, "note")]
    .filter(Boolean)
    .join(" · ");
}

export function renderProblems(root: HTMLElement, ds: Diagnostic[], reveal: (d: Diagnostic) => void): void {
  clear(root);
  if (ds.length === 0) {
    root.append(h("p", { class: "muted no-problems" }, "No problems: this document is valid under this profile."));
    return;
  }
  const list = h("ul", { class: "problems" });
  for (const d of ds) {
    const button = h(
      "button",
      { type: "button", class: `problem severity-${d.severity}`, "data-code": d.code },
      h("span", { class: "icon", "aria-hidden": "true" }, ICON[d.severity]),
      h("span", { class: "sr-only" }, `${d.severity}: `),
      h("span", { class: "message" }, d.message, d.profileNote ? h("span", { class: "problem-note" }, d.profileNote) : null),
      h("span", { class: "where" }, h("code", {}, d.code), ` ${d.range.start.line}:${d.range.start.column}`),
    );
    button.addEventListener("click", () => reveal(d));
    list.append(h("li", {}, button));
  }
  root.append(list);
}

export function renderVerdicts(
  root: HTMLElement,
  byProfile: Record<Profile, Diagnostic[]>,
  current: Profile,
  choose: (p: Profile) => void,
): void {
  clear(root);
  for (const p of PROFILES) {
    const ds = byProfile[p];
    const c = counts(ds);
    const state = c.error ? "error" : c.warning ? "warning" : "ok";
    const button = h(
      "button",
      {
        type: "button",
        class: `verdict verdict-${state}`,
        "aria-pressed": p === current ? "true" : "false",
        "data-profile": p,
        title: `validate and simulate as ${p}`,
      },
      h("span", { class: "profile-name" }, p),
      h("span", { class: "verdict-text" }, summary(ds)),
    );
    button.addEventListener("click", () => choose(p));
    root.append(button);
  }
}
