// The HTTP side of a call: each webhook (document, action, screening, status callback) as an
// expandable entry with its method, URL and parameter table, and a copyable curl command.

import { clear, h, seconds } from "./dom";
import type { WebhookEvent } from "./types";

/** A shell word: single-quoted, with embedded quotes closed and escaped. */
function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The same request as a curl command (a bare key stays bare, as the platform sends it). */
export function curlOf(ev: WebhookEvent): string {
  if (ev.method.toUpperCase() === "GET") return `curl ${sh(ev.url)}`;
  const lines = [`curl -X ${ev.method.toUpperCase()} ${sh(ev.url)}`];
  for (const [k, v] of Object.entries(ev.params)) {
    lines.push(`  --data-urlencode ${sh(v === null ? k : `${k}=${v}`)}`);
  }
  return lines.join(" \\\n");
}

async function copy(text: string, button: HTMLButtonElement): Promise<void> {
  const done = (label: string): void => {
    button.textContent = label;
    setTimeout(() => (button.textContent = "Copy as curl"), 1500);
  };
  try {
    await navigator.clipboard.writeText(text);
    done("Copied");
  } catch {
    // No clipboard permission (an insecure origin, a test browser): select the text instead.
    const pre = button.parentElement?.querySelector("pre.curl");
    if (pre) window.getSelection()?.selectAllChildren(pre);
    done("Selected: press Ctrl+C");
  }
}

/** Method, URL, parameters and curl of one webhook. */
export function webhookDetail(ev: WebhookEvent): HTMLElement {
  const rows = Object.entries(ev.params).map(([k, v]) =>
    h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v === null ? h("em", {}, "(sent bare, no =)") : v)),
  );
  const curl = curlOf(ev);
  const button = h("button", { type: "button", class: "copy" }, "Copy as curl");
  button.addEventListener("click", () => void copy(curl, button));
  return h(
    "div",
    { class: "webhook-detail" },
    h("p", { class: "request-line" }, h("strong", {}, ev.method), " ", h("code", { class: "url" }, ev.url)),
    h("p", { class: "muted" }, `${ev.purpose}${ev.leg ? ` · leg ${ev.leg}` : ""} · at ${seconds(ev.atMs)}`),
    rows.length
      ? h("table", { class: "params" }, h("thead", {}, h("tr", {}, h("th", {}, "parameter"), h("th", {}, "value"))), h("tbody", {}, ...rows))
      : h("p", { class: "muted" }, "no parameters"),
    button,
    h("pre", { class: "curl" }, curl),
  );
}

export function renderCallbacks(root: HTMLElement, events: WebhookEvent[]): void {
  clear(root);
  if (events.length === 0) {
    root.append(h("p", { class: "muted" }, "No HTTP request in this call."));
    return;
  }
  for (const ev of events) {
    let path = ev.url;
    try {
      const u = new URL(ev.url);
      path = u.pathname + u.search;
    } catch {
      // Not an absolute URL: show it as it is.
    }
    const status = ev.params.CallStatus ?? ev.params.DialCallStatus ?? null;
    const details = h(
      "details",
      { class: `callback purpose-${ev.purpose}`, "data-seq": ev.seq },
      h(
        "summary",
        {},
        h("span", { class: "time" }, seconds(ev.atMs)),
        h("span", { class: "purpose" }, ev.purpose),
        h("span", { class: "method" }, ev.method),
        h("code", { class: "path" }, path),
        status ? h("span", { class: "status" }, status) : null,
      ),
    );
    details.addEventListener("toggle", () => {
      if (details.open && details.childElementCount === 1) details.append(webhookDetail(ev));
    });
    root.append(details);
  }
}
