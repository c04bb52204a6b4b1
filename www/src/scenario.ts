// The Scenario panel (contracts.md §4): a small form per dialled target plus the caller's
// hang-up and digits, and the raw JSON of the same object. Both views edit one Scenario; the
// form never holds state of its own.

import { byId, clear, h } from "./dom";
import { DEFAULT_PARAMS, endpointFor, PRESETS, recognise, type PresetId, type PresetParams } from "./presets";
import type { Target } from "./targets";
import type { Endpoint, Scenario } from "./types";

export type ScenarioSource = "form" | "json" | "document" | "load";

export function defaultEndpoint(index: number): Endpoint {
  return endpointFor("answer-hangup", { ...DEFAULT_PARAMS, after: 3 + 2 * index }) ?? {};
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export class ScenarioPanel {
  scenario: Scenario = {};
  private targets: Target[] = [];
  /** Endpoints the panel added for the document (not chosen by the user): they follow it. */
  private auto = new Set<string>();
  private readonly form: HTMLElement;
  private readonly json: HTMLTextAreaElement;
  private readonly status: HTMLElement;

  constructor(
    private readonly onChange: (scenario: Scenario, source: ScenarioSource) => void,
    private readonly onReveal: (from: number) => void,
  ) {
    this.form = byId("scenario-form");
    this.json = byId<HTMLTextAreaElement>("scenario-json");
    this.status = byId("scenario-json-status");
    this.json.addEventListener("input", () => this.fromJson());
    this.form.addEventListener("submit", (e) => e.preventDefault());
  }

  /** Replaces the whole scenario (an example, a share link): nothing is automatic any more. */
  load(scenario: Scenario): void {
    this.scenario = clone(scenario);
    this.auto.clear();
    this.follow();
    this.render(true);
    this.onChange(this.scenario, "load");
  }

  /** The document's dialled targets changed: add defaults for new ones, drop stale defaults. */
  setTargets(targets: Target[]): void {
    const before = JSON.stringify(this.scenario);
    this.targets = targets;
    this.follow();
    this.renderForm();
    if (JSON.stringify(this.scenario) !== before) {
      this.renderJson();
      this.onChange(this.scenario, "document");
    }
  }

  /** Same targets, new places in the document (text was typed before them). */
  moveTargets(targets: Target[]): void {
    this.targets = targets;
  }

  private follow(): void {
    const endpoints = { ...(this.scenario.endpoints ?? {}) };
    const keys = new Set(this.targets.map((t) => t.key));
    for (const k of [...this.auto]) {
      if (!keys.has(k)) {
        delete endpoints[k];
        this.auto.delete(k);
      }
    }
    this.targets.forEach((t, i) => {
      if (!(t.key in endpoints) && !("*" in endpoints)) {
        endpoints[t.key] = defaultEndpoint(i);
        this.auto.add(t.key);
      }
    });
    if (Object.keys(endpoints).length > 0 || this.scenario.endpoints) this.scenario.endpoints = endpoints;
  }

  private changed(source: ScenarioSource): void {
    if (source !== "json") this.renderJson();
    if (source !== "form") this.renderForm();
    this.onChange(this.scenario, source);
  }

  private fromJson(): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.json.value);
    } catch (e) {
      this.showStatus(`not JSON yet: ${(e as Error).message}`, true);
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      this.showStatus("a scenario is a JSON object", true);
      return;
    }
    this.showStatus("", false);
    const next = parsed as Scenario;
    for (const k of [...this.auto]) {
      const a = JSON.stringify(next.endpoints?.[k]);
      if (a !== JSON.stringify(this.scenario.endpoints?.[k])) this.auto.delete(k);
    }
    this.scenario = next;
    this.changed("json");
  }

  /** Shown under the JSON: a parse problem here, or the simulator's scenario error. */
  showStatus(text: string, isError: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle("error", isError);
  }

  private render(all: boolean): void {
    this.renderForm();
    if (all) this.renderJson();
  }

  private renderJson(): void {
    this.json.value = JSON.stringify(this.scenario, null, 2);
    this.showStatus("", false);
  }

  private setEndpoint(key: string, ep: Endpoint | null): void {
    const endpoints = { ...(this.scenario.endpoints ?? {}) };
    if (ep) endpoints[key] = ep;
    else delete endpoints[key];
    this.scenario.endpoints = endpoints;
    this.auto.delete(key);
    this.changed("form");
  }

  private renderForm(): void {
    const active = document.activeElement;
    const activeId = active instanceof HTMLElement && this.form.contains(active) ? active.id : null;
    clear(this.form);
    this.form.append(this.callerFieldset());
    const endpoints = this.scenario.endpoints ?? {};
    const keys = [...this.targets.map((t) => t.key)];
    for (const k of Object.keys(endpoints)) if (!keys.includes(k)) keys.push(k);
    if (keys.length === 0) {
      this.form.append(h("p", { class: "muted" }, "The document dials nobody: add a <Dial> with a <Sip> noun."));
    }
    keys.forEach((key, i) => {
      const target = this.targets.find((t) => t.key === key);
      this.form.append(this.endpointFieldset(key, i, target, endpoints[key]));
    });
    if (activeId) document.getElementById(activeId)?.focus();
  }

  private callerFieldset(): HTMLElement {
    const call = this.scenario.call ?? {};
    const hang = h("input", {
      id: "caller-hangup",
      type: "number",
      min: "0",
      step: "0.5",
      placeholder: "never",
      value: call.hangupAtMs != null ? String(call.hangupAtMs / 1000) : "",
    });
    const digit = call.digits?.[0];
    const digits = h("input", {
      id: "caller-digits",
      type: "text",
      inputmode: "tel",
      maxlength: "32",
      placeholder: "none",
      value: digit?.digits ?? "",
    });
    const digitsAt = h("input", {
      id: "caller-digits-at",
      type: "number",
      min: "0",
      step: "0.5",
      value: String((digit?.atMs ?? 5000) / 1000),
    });
    const update = (): void => {
      const next = { ...(this.scenario.call ?? {}) };
      const hs = hang.value.trim();
      if (hs === "") delete next.hangupAtMs;
      else next.hangupAtMs = Math.round(Number(hs) * 1000);
      const d = digits.value.trim();
      if (d === "") delete next.digits;
      else next.digits = [{ atMs: Math.round(Number(digitsAt.value || "0") * 1000), digits: d }];
      if (Object.keys(next).length === 0) delete this.scenario.call;
      else this.scenario.call = next;
      this.changed("form");
    };
    for (const el of [hang, digits, digitsAt]) el.addEventListener("change", update);
    return h(
      "fieldset",
      { class: "endpoint caller" },
      h("legend", {}, "Caller"),
      h("label", { for: "caller-hangup" }, "hangs up after (s)"),
      hang,
      h("label", { for: "caller-digits" }, "presses keys"),
      digits,
      h("label", { for: "caller-digits-at" }, "at (s)"),
      digitsAt,
    );
  }

  private endpointFieldset(key: string, index: number, target: Target | undefined, ep: Endpoint | undefined): HTMLElement {
    const id = `ep-${index}`;
    const current = ep ? recognise(ep) : { id: "no-answer" as PresetId, params: DEFAULT_PARAMS };
    const select = h("select", { id: `${id}-preset`, "aria-label": `what ${key} does` });
    for (const p of PRESETS) {
      const opt = h("option", { value: p.id }, p.label);
      if (p.id === current.id) opt.selected = true;
      select.append(opt);
    }
    const preset = PRESETS.find((p) => p.id === current.id) ?? PRESETS[0];
    const params: PresetParams = { ...current.params };
    const fields: HTMLElement[] = [];
    const apply = (): void => {
      const id = select.value as PresetId;
      if (id === "custom") return;
      this.setEndpoint(key, endpointFor(id, params));
    };
    const num = (name: "after" | "talk", label: string): void => {
      const input = h("input", { id: `${id}-${name}`, type: "number", min: "0", step: "0.5", value: String(params[name]) });
      input.addEventListener("change", () => {
        params[name] = Math.max(0, Number(input.value) || 0);
        apply();
      });
      fields.push(h("label", { for: input.id }, label), input);
    };
    if (preset?.uses.after) num("after", preset.uses.after);
    if (preset?.uses.talk) num("talk", preset.uses.talk);
    if (preset?.uses.credentials) {
      const user = h("input", { id: `${id}-user`, type: "text", value: params.username, autocomplete: "off" });
      const pass = h("input", { id: `${id}-pass`, type: "password", value: params.password, autocomplete: "off" });
      user.addEventListener("change", () => {
        params.username = user.value;
        apply();
      });
      pass.addEventListener("change", () => {
        params.password = pass.value;
        apply();
      });
      fields.push(h("label", { for: user.id }, "expects username"), user, h("label", { for: pass.id }, "and password"), pass);
    }
    select.addEventListener("change", () => {
      const p = select.value as PresetId;
      if (p === "custom") {
        this.json.focus();
        return;
      }
      this.setEndpoint(key, endpointFor(p, params));
      this.renderForm();
      document.getElementById(`${id}-preset`)?.focus();
    });
    const legend = h("legend", {}, h("code", {}, key));
    const extra: HTMLElement[] = [];
    if (target) {
      extra.push(
        h("button", { type: "button", class: "link", onclick: () => this.onReveal(this.targets.find((t) => t.key === key)?.from ?? target.from) }, `show <${target.noun}>`),
      );
    } else if (key !== "*") {
      extra.push(h("span", { class: "muted" }, "not dialled by the document"));
    }
    if (!target && ep) {
      extra.push(h("button", { type: "button", class: "link", onclick: () => this.setEndpoint(key, null) }, "remove"));
    }
    return h(
      "fieldset",
      { class: "endpoint" },
      legend,
      h("div", { class: "endpoint-extra" }, ...extra),
      h("label", { for: select.id }, "callee"),
      select,
      ...fields,
    );
  }
}
