// The SIP ladder: one column per party (caller, platform, each dialled leg, the application's
// web server), one arrow per SIP message and per HTTP request, time on the left. Every arrow
// is focusable; Enter or a click shows the whole message.

import { clear, h, s, seconds } from "./dom";
import type { SimEvent, SipEvent, Simulation, VerbEvent, WebhookEvent } from "./types";

export type Arrowed = SipEvent | WebhookEvent;

const LEFT = 70;
/** Column width: set per render from the space there is (a phone scrolls sideways instead). */
let COL = 138;
const TOP = 54;
const ROW = 30;

interface Column {
  id: string;
  title: string;
  sub: string;
}

function requestUri(firstLine: string): string | null {
  const m = /^INVITE\s+(\S+)/.exec(firstLine);
  return m?.[1] ?? null;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The caller's CallSid: the first document request's, else the first leg seen. */
export function parentSid(events: SimEvent[]): string | null {
  for (const e of events) {
    if (e.kind === "webhook" && e.purpose === "document" && typeof e.params.CallSid === "string") return e.params.CallSid;
  }
  for (const e of events) if (e.kind === "sip") return e.leg;
  return null;
}

function columns(events: SimEvent[], parent: string | null): { cols: Column[]; index: Map<string, number> } {
  const cols: Column[] = [
    { id: "caller", title: "Caller", sub: "" },
    { id: "platform", title: "Platform", sub: "" },
  ];
  const index = new Map<string, number>();
  if (parent) index.set(parent, 0);
  for (const e of events) {
    if (e.kind !== "sip" || index.has(e.leg)) continue;
    const uri = requestUri(e.firstLine);
    index.set(e.leg, cols.length);
    cols.push({ id: e.leg, title: uri ?? "leg", sub: e.leg });
  }
  cols.push({ id: "app", title: "App server", sub: "HTTP" });
  return { cols, index };
}

function x(col: number): number {
  return LEFT + col * COL + COL / 2;
}

export function renderLadder(
  root: HTMLElement,
  sim: Simulation,
  onSelect: (e: Arrowed) => void,
  onVerb: (e: VerbEvent) => void,
): number {
  clear(root);
  const events = sim.events ?? [];
  const parent = parentSid(events);
  const { cols, index } = columns(events, parent);
  const app = cols.length - 1;
  const room = root.clientWidth - LEFT - 12;
  COL = room > 0 ? Math.max(112, Math.min(190, Math.floor(room / cols.length))) : 138;
  const fit = Math.floor(COL / 7);
  const rows = events;
  const width = LEFT + cols.length * COL + 10;
  const height = TOP + rows.length * ROW + 20;
  const svg = s("svg", {
    class: "ladder",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "group",
    "aria-label": `SIP ladder: ${events.length} events`,
  });
  const defs = s(
    "defs",
    {},
    s("marker", { id: "head", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", class: "head" })),
  );
  svg.append(defs);
  cols.forEach((c, i) => {
    svg.append(
      s("text", { x: x(i), y: 18, class: "col-title", "text-anchor": "middle" }, s("title", {}, c.title), short(c.title.replace(/^sips?:/, ""), fit)),
      s("text", { x: x(i), y: 34, class: "col-sub", "text-anchor": "middle" }, s("title", {}, c.sub), short(c.sub, fit + 2)),
      s("line", { x1: x(i), y1: TOP - 12, x2: x(i), y2: height - 8, class: "lifeline" }),
    );
  });
  svg.append(s("text", { x: 8, y: 18, class: "col-title" }, "time"));
  let lastTime = -1;
  let arrows = 0;
  rows.forEach((e, row) => {
    const y = TOP + row * ROW + ROW / 2;
    if (e.atMs !== lastTime) {
      svg.append(s("text", { x: 8, y: y + 4, class: "time" }, seconds(e.atMs)));
      lastTime = e.atMs;
    }
    if (e.kind === "sip" || e.kind === "webhook") {
      let from: number;
      let to: number;
      let label: string;
      let cls: string;
      if (e.kind === "sip") {
        const leg = index.get(e.leg) ?? 0;
        [from, to] = e.direction === "out" ? [1, leg] : [leg, 1];
        label = e.firstLine;
        cls = e.firstLine.startsWith("SIP/") ? "sip response" : "sip request";
      } else {
        [from, to] = [1, app];
        let path = e.url;
        try {
          path = new URL(e.url).pathname;
        } catch {
          // keep the URL as written
        }
        label = `${e.method} ${path} (${e.purpose})`;
        cls = `http purpose-${e.purpose}`;
      }
      if (from === to) to = from === 1 ? 0 : 1;
      const x1 = x(from);
      const x2 = x(to);
      const dir = x2 > x1 ? 1 : -1;
      const g = s(
        "g",
        {
          class: `arrow ${cls}`,
          tabindex: arrows === 0 ? "0" : "-1",
          role: "button",
          "data-seq": e.seq,
          "aria-label": `${seconds(e.atMs)}: ${label}, from ${cols[from]?.title ?? ""} to ${cols[to]?.title ?? ""}`,
        },
        s("line", { x1, y1: y, x2: x2 - dir * 2, y2: y, class: "hit" }),
        s("line", { x1, y1: y, x2: x2 - dir * 2, y2: y, class: "shaft", "marker-end": "url(#head)" }),
        s("text", { x: (x1 + x2) / 2, y: y - 5, "text-anchor": "middle", class: "label" }, short(label, Math.max(18, Math.floor((Math.abs(x2 - x1) / 6.2))))),
        s("title", {}, label),
      );
      const select = (): void => {
        for (const o of svg.querySelectorAll(".arrow.selected")) o.classList.remove("selected");
        g.classList.add("selected");
        onSelect(e);
      };
      g.addEventListener("click", select);
      g.addEventListener("keydown", (ev) => {
        const k = (ev as KeyboardEvent).key;
        if (k === "Enter" || k === " ") {
          ev.preventDefault();
          select();
        } else if (k === "ArrowDown" || k === "ArrowUp" || k === "Home" || k === "End") {
          // One tab stop for the whole ladder; the arrow keys walk it (roving tabindex).
          ev.preventDefault();
          const all = [...svg.querySelectorAll<SVGGElement>(".arrow")];
          const i = all.indexOf(g as SVGGElement);
          const j = k === "Home" ? 0 : k === "End" ? all.length - 1 : Math.min(all.length - 1, Math.max(0, i + (k === "ArrowDown" ? 1 : -1)));
          const next = all[j];
          if (next) {
            g.setAttribute("tabindex", "-1");
            next.setAttribute("tabindex", "0");
            next.focus();
          }
        }
      });
      svg.append(g);
      arrows++;
    } else if (e.kind === "verb") {
      const verb = s("text", { x: x(1) + 6, y: y + 4, class: "verb" }, s("title", {}, "show in the document"), `▶ <${e.verb}>`);
      verb.addEventListener("click", () => onVerb(e));
      svg.append(verb);
    } else {
      svg.append(s("text", { x: x(1) + 6, y: y + 4, class: "note" }, s("title", {}, e.text), `note: ${short(e.text, 60)}`));
    }
  });
  root.append(svg);
  if (events.length === 0) root.append(h("p", { class: "muted" }, "The simulation has no events."));
  return arrows;
}
