// The outcome of a simulated call: what each <Dial> ended with, and why (the `note` events).

import { clear, h, seconds } from "./dom";
import type { NoteEvent, Simulation } from "./types";

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
