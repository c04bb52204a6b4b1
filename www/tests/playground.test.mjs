// Browser tests of the playground: Debian's Chromium, headless, driven by playwright-core,
// against the built app (dist/) served by serve.mjs on a free loopback port.
// Screenshots of the main states go to target/screenshots/ (repository root); the time from
// navigation to first diagnostics is printed and written to target/screenshots/metrics.json.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import lz from "lz-string";
import { catalogue } from "rcml-sip/rules";
import { serve } from "../serve.mjs";
import { CHROMIUM } from "../../tests/js/pack.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = join(here, "..", "dist");
const shots = join(here, "..", "..", "target", "screenshots");
const fixture = (name) => JSON.parse(readFileSync(join(here, "fixtures", name), "utf8"));
const EVIL = "<img src=x onerror=alert(1)>";

let server;
let base;
let profileDir;
let context;
let page;
const dialogs = [];
const errors = [];
const metrics = {};

async function open(url = base, viewport = { width: 1400, height: 900 }) {
  const p = await context.newPage();
  await p.setViewportSize(viewport);
  p.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  p.on("pageerror", (e) => errors.push(e.message));
  await p.goto(url);
  await p.waitForSelector("body[data-ready]");
  return p;
}

async function shot(p, name) {
  await p.screenshot({ path: join(shots, `${name}.png`) });
}

/** True once `selector` exists, checked after at most `frames` animation frames. */
function withinFrames(p, selector, frames) {
  return p.evaluate(
    ([sel, n]) =>
      new Promise((ok) => {
        let left = n;
        const tick = () => {
          if (document.querySelector(sel)) ok(n - left);
          else if (left-- <= 0) ok(-1);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    [selector, frames],
  );
}

async function loadExample(p, id) {
  await p.click("#examples-btn");
  await p.click(`[data-example="${id}"]`);
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve({ root: dist, port: 0 });
  base = `http://127.0.0.1:${server.address().port}/`;
  profileDir = mkdtempSync(join(tmpdir(), "rcml-sip-chromium-"));
  context = await chromium.launchPersistentContext(profileDir, CHROMIUM);
  page = await open();
});

after(async () => {
  writeFileSync(join(shots, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  await context?.close();
  server?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  assert.deepEqual(errors, [], "no uncaught page error");
});

test("loads with the seed example, its diagnostics and a default scenario", async () => {
  // Navigation start to the first diagnostics drawn (performance.mark in the app): the first
  // load of this browser profile, then four more loads (HTTP and compiled-wasm caches warm).
  const times = [];
  let fresh;
  for (let i = 0; i < 5; i++) {
    await fresh?.close();
    fresh = await open();
    const nav = await fresh.evaluate(() => performance.getEntriesByName("rcml:first-diagnostics")[0]?.startTime ?? null);
    assert.ok(typeof nav === "number" && nav > 0);
    times.push(Math.round(nav));
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  metrics.navigationToFirstDiagnosticsMs = { first: times[0], warmMedian: Math.round((warm[1] + warm[2]) / 2), all: times };
  console.log(`# time from navigation to first diagnostics: first load ${times[0]} ms, then ${times.slice(1).join(", ")} ms`);
  const doc = await fresh.evaluate(() => window.playground.document);
  assert.equal(doc, readFileSync(join(here, "..", "..", "examples", "seed-custom-headers.xml"), "utf8"));
  assert.ok(await fresh.locator('.problem[data-code="xml/bare-ampersand"]').count());
  assert.equal(await fresh.locator('.verdict[aria-pressed="true"]').getAttribute("data-profile"), "restcomm");
  const scenario = await fresh.evaluate(() => window.playground.scenario);
  assert.ok(scenario.endpoints && "sip:alice@example.com" in scenario.endpoints, "the dialled URI has a default");
  await shot(fresh, "01-loaded");
  await fresh.close();
});

test("downloads one .wasm, the full build's (not also the codemirror entry's validator)", async () => {
  const emitted = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".wasm"));
  assert.equal(emitted.length, 1, `one .wasm in dist/assets: ${emitted}`);
  assert.match(emitted[0], /^rcml_sip_bg-/);
  const precached = readFileSync(join(dist, "sw.js"), "utf8").match(/[\w-]+\.wasm/g);
  assert.deepEqual(precached, [emitted[0]], "the service worker precaches that one");
  const p = await context.newPage();
  const requested = new Set();
  p.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) requested.add(name);
  });
  await p.goto(base);
  await p.waitForSelector("body[data-ready]");
  assert.deepEqual([...requested], [emitted[0]]);
  await p.close();
});

test("the rules' explanations are a chunk of their own, fetched when the rules panel first shows", async () => {
  // A sentence of xml/bare-ampersand's explanation (plain words: the minifier keeps them as they are).
  const probe = "runs a repair pass before parsing that escapes the first bare";
  assert.ok(catalogue.some((r) => r.explanation.includes(probe)), "the probe is in the catalogue");
  const assets = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
  const chunks = assets.filter((f) => readFileSync(join(dist, "assets", f), "utf8").includes(probe));
  assert.equal(chunks.length, 1, `one chunk has the explanations: ${chunks}`);
  const html = readFileSync(join(dist, "index.html"), "utf8");
  assert.ok(!html.includes(chunks[0]), "the page does not load or preload it");
  const p = await context.newPage();
  const requested = [];
  p.on("request", (r) => requested.push(new URL(r.url()).pathname.split("/").pop()));
  await p.goto(base);
  await p.waitForSelector("body[data-ready]");
  await p.waitForSelector("#rules article.rule", { state: "attached" });
  assert.ok(!requested.includes(chunks[0]), `not fetched with the page: ${requested}`);
  assert.equal(await p.locator("#rules .explanation").count(), 0, "the panel has no explanations yet");
  await p.click("#tab-rules");
  await p.locator("#rule-xml-bare-ampersand .explanation").waitFor();
  assert.ok(requested.includes(chunks[0]), "fetched when the panel shows");
  const bare = catalogue.find((r) => r.code === "xml/bare-ampersand");
  assert.equal(await p.locator("#rule-xml-bare-ampersand .explanation").textContent(), bare.explanation);
  assert.equal(await p.locator("#rules .explanation").count(), catalogue.length, "every rule is explained");
  await p.close();
});

test("loads without a failed request or a console error; its icon is an SVG", async () => {
  // serve.mjs answers an unknown path with index.html (so a missing icon would not be a 404):
  // the icon's own response must be the SVG of public/.
  const p = await context.newPage();
  const problems = [];
  const icons = [];
  p.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  p.on("response", (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  const onRequest = (r) => /favicon/.test(r.url()) && icons.push(r);
  context.on("request", onRequest);
  await p.goto(base);
  await p.waitForSelector("body[data-ready]");
  const href = await p.evaluate(() => document.querySelector('link[rel="icon"]')?.href ?? null);
  assert.ok(href, "the page names its icon");
  const icon = await context.request.get(href);
  assert.equal(icon.status(), 200);
  assert.match(icon.headers()["content-type"], /^image\/svg\+xml/);
  assert.match(await icon.text(), /^<svg/);
  assert.ok(icons.every((r) => !r.url().endsWith("/favicon.ico")), "no request for /favicon.ico");
  context.off("request", onRequest);
  assert.deepEqual(problems, []);
  await p.close();
});

test("the gallery has every seed example and the platform-difference calls", async () => {
  const seeds = readdirSync(join(here, "..", "..", "examples")).filter((f) => f.endsWith(".xml"));
  await page.click("#examples-btn");
  const ids = await page.locator("[data-example]").evaluateAll((els) => els.map((e) => e.dataset.example));
  for (const f of seeds) assert.ok(ids.includes(f.replace(/\.xml$/, "")), `${f} is in the gallery`);
  for (const id of ["fork", "auth", "screening", "busy", "no-answer"]) assert.ok(ids.includes(id), id);
  await shot(page, "13-examples");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#examples-dialog[open]").count(), 0, "Escape closes the gallery");
});

test("typing an error shows its diagnostic within two frames", async () => {
  await loadExample(page, "seed-sip-basic");
  await page.waitForFunction(() => !document.querySelector(".problem.severity-error"));
  // Line 3 is `    <Sip>sip:alice@127.0.0.1:5080</Sip>`: a 9 before `5080` makes the port 95080.
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("9");
  const frames = await withinFrames(page, '.problem[data-code="sip-uri/invalid-port"]', 2);
  metrics.keystrokeToDiagnosticFrames = frames;
  console.log(`# keystroke to diagnostic: ${frames} animation frame(s)`);
  assert.ok(frames >= 0, "the diagnostic is in the problems panel within two frames");
  assert.ok(await page.locator(".cm-lintRange-error").count());
  await page.locator(".cm-lintRange-error").first().hover();
  await page.waitForSelector(".cm-tooltip-lint");
  assert.ok(await page.locator('.cm-tooltip-lint .rule-link:text("sip-uri/invalid-port")').count(), "hover names the code");
  await shot(page, "02-diagnostic-hover");
  await page.locator('.cm-tooltip-lint .rule-link:text("sip-uri/invalid-port")').click();
  assert.equal(await page.locator("#tab-rules").getAttribute("aria-selected"), "true");
  assert.ok(await page.locator("#rule-sip-uri-invalid-port.highlight").isVisible(), "the link opens the rule");
  const explanation = page.locator("#rule-sip-uri-invalid-port .explanation");
  await explanation.waitFor();
  const want = catalogue.find((r) => r.code === "sip-uri/invalid-port");
  assert.equal(await explanation.textContent(), want.explanation, "the rule's explanation (rcml-sip/rules)");
  assert.equal(await page.locator("#rule-sip-uri-invalid-port .pair pre").first().textContent(), want.wrong);
  await shot(page, "03-rule-explained");
});

test("completion and hover documentation come from the schema", async () => {
  await loadExample(page, "seed-sip-basic");
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("<Si");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "Sip" }).first();
  await option.waitFor();
  await shot(page, "12-completion");
  await page.keyboard.press("Escape");
  await page.locator(".cm-line", { hasText: "<Dial>" }).locator("text=Dial").first().hover();
  const doc = page.locator(".cm-tooltip .schema-doc");
  await doc.waitFor();
  assert.match(await doc.textContent(), /<Dial>/);
});

test("a quick fix repairs the document", async () => {
  await loadExample(page, "seed-custom-headers");
  await page.waitForSelector('.problem[data-code="xml/bare-ampersand"]');
  await page.locator(".cm-lintRange-error").first().hover();
  const action = page.locator(".cm-tooltip-lint .cm-diagnosticAction", { hasText: "&amp;" });
  await action.waitFor();
  await shot(page, "04-quick-fix");
  await action.click();
  await page.waitForSelector('.problem[data-code="xml/bare-ampersand"]', { state: "detached" });
  const doc = await page.evaluate(() => window.playground.document);
  assert.match(doc, /tata&amp;myotherheader/);
});

test("switching profile re-validates and changes the verdict", async () => {
  const verdictOf = () => page.locator('.verdict[aria-pressed="true"] .verdict-text').textContent();
  const restcomm = await verdictOf();
  const problems = () => page.locator(".problem").evaluateAll((els) => els.map((e) => `${e.className} ${e.dataset.code}`));
  const before = await problems();
  const underlines = await page.locator(".cm-lintRange-error").count();
  await page.click('.verdict[data-profile="twilio"]');
  await page.waitForFunction(() => window.playground.profile === "twilio");
  // The editor's underlines follow too: twilio makes the X- header names errors (V14).
  await page.waitForFunction((n) => document.querySelectorAll(".cm-lintRange-error").length > n, underlines);
  const twilio = await verdictOf();
  assert.notEqual(twilio, restcomm);
  assert.notDeepEqual(await problems(), before, "the problems are twilio's");
  await shot(page, "05-profile-twilio");
  await page.click('.verdict[data-profile="restcomm"]');
  await page.waitForFunction(() => window.playground.profile === "restcomm");
});

test("the ladder draws one arrow per SIP message and HTTP request", async () => {
  for (const id of ["fork", "auth", "screening", "busy", "no-answer", "seed-custom-headers"]) {
    await loadExample(page, id);
    await page.click("#tab-call");
    await page.waitForFunction(() => window.playground.settled);
    const { events, error } = await page.evaluate(() => ({
      events: (window.playground.simulation?.events ?? []).filter((e) => e.kind === "sip" || e.kind === "webhook").length,
      error: window.playground.simError,
    }));
    assert.equal(error, null, `${id}: the scenario is accepted`);
    assert.ok(events > 0, `${id}: the call has SIP messages and requests`);
    assert.equal(await page.locator("svg.ladder .arrow").count(), events, `${id}: arrows == sip + webhook events`);
  }
  // A known Simulation, independent of the simulator: 13 arrows, 1 verb, 1 note.
  const sim = fixture("simulation-xss.json");
  await page.evaluate((s) => window.playground.showSimulation(s), sim);
  const expected = sim.events.filter((e) => e.kind === "sip" || e.kind === "webhook").length;
  assert.equal(await page.locator("svg.ladder .arrow").count(), expected);
  await page.locator("svg.ladder .arrow").nth(2).click();
  assert.match(await page.locator("#arrow-detail pre.sip-message").textContent(), /^INVITE sip:alice@example.com/);
  await page.locator("details.callback summary").nth(1).click();
  assert.match(await page.locator("details.callback pre.curl").textContent(), /^curl -X POST 'http:\/\/app.test\/after-dial'/);
  await shot(page, "06-call-ladder");
});

test("untrusted text is rendered as text", async () => {
  await page.click("#tab-call");
  await page.evaluate((s) => window.playground.showSimulation(s), fixture("simulation-xss.json"));
  await page.locator("svg.ladder .arrow").nth(2).click();
  await page.locator("details.callback summary").nth(1).click();
  const detail = await page.locator("#arrow-detail").textContent();
  assert.ok(detail.includes(`X-mycustomheader: ${EVIL}`), "the header value is shown verbatim");
  const table = await page.locator("details.callback[open] table.params").textContent();
  assert.ok(table.includes(EVIL));
  // A document whose SIP URI header decodes to markup, through the real validator and simulator.
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(
    `<Response><Dial><Sip>sip:alice@example.com?X-Evil=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E</Sip></Dial></Response>`,
  );
  await page.waitForFunction(() => window.playground.document.includes("X-Evil"));
  await page.click("#tab-call");
  // Wait for this document's call (not the fixture's): its INVITE carries the decoded header.
  await page.waitForFunction(() =>
    (window.playground.simulation?.events ?? []).some((e) => e.kind === "sip" && e.message.includes("X-Evil")),
  );
  // The dialled leg's INVITE (the first INVITE arrow is the caller's own, to the platform).
  await page.locator('svg.ladder .arrow[aria-label*="INVITE sip:alice@"]').first().click();
  assert.ok((await page.locator("#arrow-detail").textContent()).includes(`X-Evil: ${EVIL}`), "the decoded header is text");
  assert.equal(await page.locator("img").count(), 0, "no <img> element was created from data");
  assert.deepEqual(dialogs, [], "no script ran");
  await page.locator("#arrow-detail pre").evaluate((pre) => pre.scrollIntoView({ block: "end" }));
  await shot(page, "07-text-not-html");
});

test("a share link restores document, scenario and profile, without the password", async () => {
  await loadExample(page, "auth");
  await page.click('.verdict[data-profile="restcomm-connect"]');
  await page.waitForFunction(() => window.playground.profile === "restcomm-connect");
  const before = await page.evaluate(() => ({ doc: window.playground.document, scenario: window.playground.scenario }));
  assert.match(before.doc, /password="secret"/);
  await page.click("#share-btn");
  const url = await page.locator("#share-url").inputValue();
  assert.ok(await page.locator("#share-note").isVisible());
  assert.match(await page.locator("#share-note").textContent(), /password/);
  const payload = lz.decompressFromEncodedURIComponent(url.split("#s=")[1]);
  assert.ok(!payload.includes("secret"), "no password in the link");
  await shot(page, "08-share");
  const other = await open(url);
  const after = await other.evaluate(() => ({
    doc: window.playground.document,
    scenario: window.playground.scenario,
    profile: window.playground.profile,
  }));
  assert.equal(after.profile, "restcomm-connect");
  assert.match(await other.locator("#notice").textContent(), /Passwords/);
  assert.equal(after.doc, before.doc.replace('password="secret"', 'password=""'));
  const expected = structuredClone(before.scenario);
  for (const ep of Object.values(expected.endpoints)) if (ep.auth) delete ep.auth.password;
  assert.deepEqual(after.scenario, expected);
  await other.close();
  await page.click('.verdict[data-profile="restcomm"]');
});

test("a password in a SIP URI stays out of the link too", async () => {
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(`<Response><Dial><Sip>sip:alice:hunter2@pbx.example.com</Sip></Dial></Response>`);
  await page.waitForFunction(() => window.playground.settled && "sip:alice:hunter2@pbx.example.com" in (window.playground.scenario.endpoints ?? {}));
  await page.click("#share-btn");
  const payload = lz.decompressFromEncodedURIComponent((await page.locator("#share-url").inputValue()).split("#s=")[1]);
  assert.ok(!payload.includes("hunter2"), "neither the document nor the scenario keys carry it");
  assert.ok(payload.includes("sip:alice:@pbx.example.com"));
});

test("a password in an http(s) URL stays out of the link and the simulation", async () => {
  await page.click(".cm-content");
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(`<Response><Redirect>http://alice:s3cret@app.test/next</Redirect></Response>`);
  await page.waitForFunction(() => window.playground.settled && window.playground.document.includes("app.test/next"));
  await page.click("#tab-scenario");
  const scenario = { documentUrl: "https://alice:s3cret@app.test/rcml", http: { "http://alice:s3cret@app.test/next": { status: 404 } } };
  await page.locator("#scenario-json").fill(JSON.stringify(scenario, null, 2));
  await page.waitForFunction(() => window.playground.settled && (window.playground.scenario.documentUrl ?? "").includes("app.test"));
  const simulation = await page.evaluate(() => JSON.stringify(window.playground.simulation));
  assert.ok(simulation.includes("app.test/next") && !simulation.includes("s3cret"), "the simulation shows the URLs, not their password");
  await page.click("#share-btn");
  const payload = lz.decompressFromEncodedURIComponent((await page.locator("#share-url").inputValue()).split("#s=")[1]);
  assert.ok(!payload.includes("s3cret"), "neither the document nor the scenario carry it");
  assert.ok(payload.includes("http://alice:@app.test/next") && payload.includes("https://alice:@app.test/rcml"));
});

test("the scenario form and its JSON stay in sync both ways", async () => {
  await loadExample(page, "seed-sip-basic");
  await page.click("#tab-scenario");
  await page.selectOption("#ep-0-preset", "busy");
  const json = JSON.parse(await page.locator("#scenario-json").inputValue());
  assert.deepEqual(json.endpoints["sip:alice@127.0.0.1:5080"], { rejectAtMs: 500, rejectStatus: 486 });
  json.endpoints["sip:alice@127.0.0.1:5080"] = { ringAtMs: 1000 };
  await page.locator("#scenario-json").fill(JSON.stringify(json, null, 2));
  assert.equal(await page.locator("#ep-0-preset").inputValue(), "no-answer");
  await page.fill("#caller-hangup", "7");
  await page.locator("#caller-hangup").dispatchEvent("change");
  assert.equal(JSON.parse(await page.locator("#scenario-json").inputValue()).call.hangupAtMs, 7000);
  await shot(page, "09-scenario");
});

test("keyboard: a quick fix without the mouse", async () => {
  await loadExample(page, "seed-custom-headers");
  await page.click(".cm-content");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("F8"); // the first diagnostic after the cursor
  await page.keyboard.press("Control+Period"); // the lint panel, with the fixes as buttons
  const panel = page.locator(".cm-panel.cm-panel-lint");
  await panel.waitFor();
  // The panel's own keys: arrows select a problem, the underlined letter applies its fix.
  const selected = panel.locator('li[aria-selected="true"]');
  for (let i = 0; i < 5 && !(await selected.textContent()).includes("bare `&`"); i++) await page.keyboard.press("ArrowDown");
  const key = await selected.locator("button.cm-diagnosticAction u").first().textContent();
  await page.keyboard.press(`Key${key.toUpperCase()}`);
  await page.waitForFunction(() => window.playground.document.includes("tata&amp;myotherheader"));
  await page.keyboard.press("Escape");
});

test("keyboard: a problem is reachable and moves the cursor", async () => {
  await loadExample(page, "seed-custom-headers");
  const first = page.locator(".problem").first();
  await first.focus();
  await page.keyboard.press("Enter");
  const focusedInEditor = await page.evaluate(() => document.activeElement?.classList.contains("cm-content"));
  assert.ok(focusedInEditor, "Enter on a problem focuses the editor at it");
});

test("themes and widths", async () => {
  await page.click("#theme-btn"); // auto -> light
  await page.click("#theme-btn"); // light -> dark
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.click("#tab-call");
  await shot(page, "10-dark");
  await page.click("#theme-btn"); // back to auto
  const phone = await open(base, { width: 390, height: 844 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal page scroll on a phone (${overflow}px)`);
  await phone.screenshot({ path: join(shots, "11-phone.png"), fullPage: true });
  await phone.close();
});

test("works offline once loaded", async () => {
  const p = await open();
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.reload();
  await p.waitForSelector("body[data-ready]");
  await context.setOffline(true);
  try {
    await p.reload();
    await p.waitForSelector("body[data-ready]");
    assert.ok(await p.locator(".problem").count());
  } finally {
    await context.setOffline(false);
  }
  await p.close();
});
