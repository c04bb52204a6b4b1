// The outcome of a simulated call: what each <Dial> ended with, and why (the `note` events).

import { clear, h, seconds } from "./dom";
import type { SimResult } from "./engine";
import { type NoteEvent, PROFILES, type Profile, type Simulation } from "./types";

export function renderOutcome(root: HTMLElement, sim: Simulation): void {
  clear(root);
  const outcome = sim.outcome;
  if (!outcome) {
    root.append(h("p", { class: "muted" }, "The simulator returned no outcome for this document."));
    return;
  }
  root.append(
    h(
      "p",
      { class: "call-status" },
      "The call ends ",
      h("strong", { "data-testid": "call-status" }, outcome.callStatus),
      ` at ${seconds(outcome.endedAtMs)}.`,
    ),
  );
  if (outcome.dials.length === 0) root.append(h("p", { class: "muted" }, "No <Dial> ran."));
  const list = h("ol", { class: "dials" });
  for (const d of outcome.dials) {
    list.append(
      h(
        "li",
        {},
        "DialCallStatus ",
        h("strong", { class: `dial-status status-${d.dialCallStatus ?? "none"}` }, d.dialCallStatus ?? "none"),
        d.answeredBy ? h("span", {}, " · answered by ", h("code", {}, d.answeredBy)) : " · nobody answered",
        d.dialCallDuration != null ? ` · ${d.dialCallDuration} s bridged` : null,
      ),
    );
  }
  root.append(list);
  const notes = (sim.events ?? []).filter((e): e is NoteEvent => e.kind === "note");
  if (notes.length) {
    const why = h("ul", { class: "notes" });
    for (const n of notes) {
      why.append(
        h(
          "li",
          {},
          h("span", { class: "time" }, seconds(n.atMs)),
          " ",
          n.text,
          n.profileNote ? h("div", { class: "profile-note" }, n.profileNote) : null,
        ),
      );
    }
    root.append(h("h4", {}, "Why"), why);
  }
}

/** The same call under every profile, side by side: where the platforms part ways. */
export function renderComparison(
  root: HTMLElement,
  all: Record<Profile, SimResult>,
  current: Profile,
  choose: (p: Profile) => void,
): void {
  clear(root);
  const rows = PROFILES.map((p) => {
    const r = all[p];
    const o = r.simulation?.outcome;
    const dials = o ? o.dials.map((d) => d.dialCallStatus ?? "none").join(", ") || "no dial" : "";
    const cells = r.error
      ? [h("td", { colspan: "3", class: "error" }, r.error)]
      : [
          h("td", {}, dials),
          h("td", {}, o ? `${o.callStatus} at ${seconds(o.endedAtMs)}` : "no outcome"),
          h("td", {}, String((r.simulation?.events ?? []).length)),
        ];
    const name = h("button", { type: "button", class: "link", "aria-pressed": String(p === current) }, p);
    name.addEventListener("click", () => choose(p));
    return h("tr", { class: p === current ? "current" : "" }, h("th", { scope: "row" }, name), ...cells);
  });
  root.append(
    h(
      "table",
      { class: "compare" },
      h("caption", {}, "The same call on each platform"),
      h("thead", {}, h("tr", {}, h("th", {}, "profile"), h("th", {}, "DialCallStatus"), h("th", {}, "call"), h("th", {}, "events"))),
      h("tbody", {}, ...rows),
    ),
  );
}
