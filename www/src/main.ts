// The playground: wires the editor, the problems and verdicts, the scenario, the simulated
// call, the rules, the examples and share links around one small state object.

import "./styles.css";
import { renderCallbacks, webhookDetail } from "./callbacks";
import { byId, clear, h, seconds } from "./dom";
import { Editor } from "./editor";
import * as engine from "./engine";
import { DEFAULT_EXAMPLE, EXAMPLES, type Example } from "./examples";
import { type Arrowed, renderLadder } from "./ladder";
import { renderComparison, renderOutcome } from "./outcome";
import { renderProblems, renderVerdicts, summary } from "./problems";
import { RulesPanel } from "./rules";
import { ScenarioPanel } from "./scenario";
import { readFragment, shareUrl } from "./share";
import { dialledTargets } from "./targets";
import { initTheme } from "./theme";
import { type Diagnostic, type Profile, PROFILES, type Scenario, type Simulation, type WebhookEvent } from "./types";

interface State {
  profile: Profile;
  diagnostics: Record<Profile, Diagnostic[]>;
  simulation: Simulation | null;
  simError: string | null;
  arrows: number;
  firstDiagnosticsMs: number | null;
}

const state: State = {
  profile: "restcomm",
  diagnostics: { restcomm: [], "restcomm-connect": [], twilio: [] },
  simulation: null,
  simError: null,
  arrows: 0,
  firstDiagnosticsMs: null,
};

let editor: Editor;
let scenario: ScenarioPanel;
let simTimer: number | undefined;
let targetsKey = "";
/** Once the wasm module has loaded. */
let rules: RulesPanel | null = null;

function selectTab(name: "call" | "scenario" | "rules", focus = false): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
    const on = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    const panel = byId(`panel-${tab.dataset.tab ?? ""}`);
    panel.hidden = !on;
    if (on && focus) tab.focus();
  }
  if (name === "rules") rules?.showDocs();
}

function setupTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab.dataset.tab as "call"));
    tab.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const next = tabs[(i + step + tabs.length) % tabs.length];
      if (next) selectTab(next.dataset.tab as "call", true);
    });
  });
}

function explain(code: string): void {
  selectTab("rules");
  rules?.show(code);
}

/** Above this size the other profiles' verdicts wait for a pause in typing. */
const SYNC_VERDICTS_MAX = 50_000;
let verdictTimer: number | undefined;

function validateOthers(source: string): void {
  for (const p of PROFILES) if (p !== state.profile) state.diagnostics[p] = engine.validate(source, p);
}

function diagnosed(current: Diagnostic[]): void {
  const source = editor.text;
  state.diagnostics[state.profile] = current;
  window.clearTimeout(verdictTimer);
  if (source.length <= SYNC_VERDICTS_MAX) validateOthers(source);
  else
    verdictTimer = window.setTimeout(() => {
      validateOthers(editor.text);
      renderDiagnostics();
    }, 300);
  if (state.firstDiagnosticsMs === null) {
    state.firstDiagnosticsMs = performance.now();
    performance.mark("rcml:first-diagnostics");
    document.body.dataset.ready = "true";
  }
  renderDiagnostics();
}

function renderDiagnostics(): void {
  const current = state.diagnostics[state.profile];
  renderVerdicts(byId("verdicts"), state.diagnostics, state.profile, setProfile);
  byId("problem-count").textContent = `(${summary(current)})`;
  renderProblems(byId("problems"), current, (d) => editor.reveal(d.range.start.offset, d.range.end.offset));
}

function setProfile(p: Profile): void {
  if (p === state.profile) return;
  state.profile = p;
  // Every profile's diagnostics are usually known already: show them now, then re-lint.
  if (editor.text.length > SYNC_VERDICTS_MAX) state.diagnostics[p] = engine.validate(editor.text, p);
  renderDiagnostics();
  rules?.draw();
  editor.relint();
  scheduleSimulation(0);
}

function docChanged(): void {
  if (!engine.isReady()) return;
  const targets = dialledTargets(editor.view.state);
  const key = JSON.stringify(targets.map((t) => t.key));
  if (key !== targetsKey) {
    targetsKey = key;
    scenario.setTargets(targets);
  } else {
    scenario.moveTargets(targets);
  }
  scheduleSimulation();
}

let simPending = false;

/** Simulations wait for a pause in typing: longer for longer documents (three runs each). */
function scheduleSimulation(delay = Math.min(1000, 120 + Math.floor(editor.text.length / 500))): void {
  window.clearTimeout(simTimer);
  simPending = true;
  simTimer = window.setTimeout(runSimulation, delay);
}

function showArrow(e: Arrowed): void {
  const root = byId("arrow-detail");
  clear(root);
  if (e.kind === "sip") {
    root.append(
      h("p", { class: "muted" }, `${seconds(e.atMs)} · ${e.direction === "out" ? "sent by the platform" : "received by the platform"} · leg ${e.leg}`),
      h("pre", { class: "sip-message" }, e.message),
    );
  } else {
    root.append(webhookDetail(e));
  }
}

function runSimulation(): void {
  simPending = false;
  const source = editor.text;
  const all = {} as Record<Profile, engine.SimResult>;
  for (const p of PROFILES) all[p] = engine.simulate(source, scenario.scenario, p);
  showSimulation(all[state.profile]);
  renderComparison(byId("compare"), all, state.profile, setProfile);
}

/** A share link describes the state it was made from: once the user edits, it is gone. */
function stale(): void {
  byId("notice").hidden = true;
  byId("share-row").hidden = true;
  byId("share-status").textContent = "";
  if (location.hash.startsWith("#s=")) history.replaceState(null, "", location.pathname + location.search);
}

function showSimulation(result: engine.SimResult): void {
  const err = byId("sim-error");
  if (result.error !== undefined) {
    state.simError = result.error;
    err.hidden = false;
    err.textContent = result.error;
    scenario.showStatus(result.error, true);
    return;
  }
  state.simError = null;
  err.hidden = true;
  err.textContent = "";
  const sim = result.simulation;
  state.simulation = sim;
  renderOutcome(byId("outcome"), sim);
  state.arrows = renderLadder(byId("ladder"), sim, showArrow, (v) => {
    // Only verbs of the document in the editor have a place in it (not action or screening documents).
    const first = (sim.events ?? []).find((e) => e.kind === "verb");
    if (v.range && (!v.document || first?.kind !== "verb" || v.document === first.document)) {
      editor.reveal(v.range.start.offset, v.range.end.offset);
    }
  });
  clear(byId("arrow-detail"));
  byId("arrow-detail").append(h("p", { class: "muted" }, "Select an arrow to see the whole message."));
  const hooks = (sim.events ?? []).filter((e): e is WebhookEvent => e.kind === "webhook");
  renderCallbacks(byId("callbacks"), hooks);
  byId("call-summary").textContent = sim.outcome
    ? `${sim.outcome.callStatus} at ${seconds(sim.outcome.endedAtMs)} · ${(sim.events ?? []).length} events`
    : "";
}

function loadExample(ex: { doc: string; scenario: Scenario; profile?: Profile }): void {
  const profileChanged = ex.profile !== undefined && ex.profile !== state.profile;
  if (ex.profile) state.profile = ex.profile;
  targetsKey = "";
  editor.setText(ex.doc);
  scenario.load(ex.scenario);
  if (profileChanged) {
    editor.relint();
    rules?.draw();
  }
}

function setupExamples(): void {
  const dialog = byId<HTMLDialogElement>("examples-dialog");
  const list = byId("examples-list");
  for (const ex of EXAMPLES) {
    const b = h("button", { type: "button", class: "example", "data-example": ex.id }, h("strong", {}, ex.title), h("span", {}, ex.blurb));
    b.addEventListener("click", () => {
      loadExample(ex as Example);
      dialog.close();
      editor.view.focus();
    });
    list.append(b);
  }
  byId("examples-btn").addEventListener("click", () => dialog.showModal());
  byId("examples-close").addEventListener("click", () => dialog.close());
}

function setupShare(): void {
  const out = byId<HTMLInputElement>("share-url");
  byId("share-btn").addEventListener("click", () => {
    const url = shareUrl(location.href, { doc: editor.text, scenario: scenario.scenario, profile: state.profile });
    history.replaceState(null, "", url);
    byId("share-row").hidden = false;
    out.value = url;
    out.select();
    navigator.clipboard?.writeText(url).then(
      () => (byId("share-status").textContent = "Link copied."),
      () => (byId("share-status").textContent = "Link ready: copy it from the field."),
    );
  });
}

async function main(): Promise<void> {
  initTheme(byId("theme-btn"));
  setupTabs();
  // The editor appears at once; the wasm module loads meanwhile and diagnostics follow.
  const loading = engine.load();
  const shared = readFragment(location.hash);
  const start = shared ?? DEFAULT_EXAMPLE;
  if (shared) {
    state.profile = shared.profile;
    const notice = byId("notice");
    notice.hidden = false;
    notice.textContent =
      "Opened from a share link. Passwords are never part of a link: type them again where the call needs them.";
  }
  scenario = new ScenarioPanel(
    (_s, source) => {
      if (source === "form" || source === "json") stale();
      if (engine.isReady()) scheduleSimulation();
    },
    (from) => editor.reveal(from),
  );
  editor = new Editor(byId("editor"), start.doc, {
    diagnose: (source) => (engine.isReady() ? engine.validate(source, state.profile) : []),
    diagnosed: (ds) => {
      if (engine.isReady()) diagnosed(ds);
    },
    docChanged: () => {
      stale();
      docChanged();
    },
    explain,
    elements: () => engine.elements(state.profile),
    toLint: engine.toLint,
  });
  setupExamples();
  setupShare();
  document.querySelector(".skip")?.addEventListener("click", (e) => {
    e.preventDefault();
    editor.view.focus();
  });
  scenario.load(start.scenario);
  try {
    await loading;
  } catch (e) {
    byId("loading").textContent = `The validator could not load: ${(e as Error).message}`;
    return;
  }
  byId("loading").remove();
  byId("version").textContent = `v${engine.version()}`;
  rules = new RulesPanel(byId("rules"), engine.rules(), byId<HTMLInputElement>("rules-filter"), () => state.profile, engine.ruleDocs);
  if (!byId("panel-rules").hidden) rules.showDocs();
  editor.relint();
  docChanged();
  window.addEventListener("hashchange", () => {
    const s = readFragment(location.hash);
    if (s) loadExample(s);
  });
  // For the browser tests and the curious: the state, read-only.
  Object.defineProperty(window, "playground", {
    value: {
      get profile() {
        return state.profile;
      },
      get document() {
        return editor.text;
      },
      get scenario() {
        return JSON.parse(JSON.stringify(scenario.scenario)) as Scenario;
      },
      get simulation() {
        return state.simulation;
      },
      get simError() {
        return state.simError;
      },
      /** The call shown is the current document's (no simulation is waiting to run). */
      get settled() {
        return !simPending && (state.simulation !== null || state.simError !== null);
      },
      get arrows() {
        return state.arrows;
      },
      get firstDiagnosticsMs() {
        return state.firstDiagnosticsMs;
      },
      /** Renders a given Simulation (tests of the call view that need no simulator). */
      showSimulation(simulation: Simulation) {
        window.clearTimeout(simTimer);
        simPending = false;
        showSimulation({ simulation });
      },
    },
  });
  if (import.meta.env.PROD && "serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register("./sw.js").catch(() => undefined);
  }
}

void main();
