// The package's two builds of the same code (scripts/build-pkg.sh): the browsers' size build
// (web/: opt-level z, std rebuilt with immediate-abort panics and optimize_for_size) and the
// Node speed build (node/: opt-level 3, SIMD) must give the same results. Every fixture and
// example through validate and simulate under each profile, the SIP URI cases through
// parseSipUri, and the rule catalogue. Needs pkg/ (`make pkg`; scripts/test-pkg.sh builds it).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = path.join(root, "pkg");
const PROFILES = ["restcomm", "restcomm-connect", "twilio"];

function filesUnder(dir, out = []) {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) filesUnder(p, out);
    else out.push(p);
  }
  return out;
}

/** The JSON of `f(api)`, or the message it threw. */
function outcome(api, f) {
  try {
    return JSON.stringify(f(api));
  } catch (e) {
    return `threw: ${e instanceof Error ? e.message : String(e)}`;
  }
}

test("the size build (web/) and the speed build (node/) give the same results", async () => {
  const web = await import(pathToFileURL(path.join(pkg, "web/index.js")).href);
  web.initSync(fs.readFileSync(path.join(pkg, "web/rcml_sip_bg.wasm")));
  const node = createRequire(import.meta.url)(path.join(pkg, "node/index.cjs"));
  const files = [...filesUnder(path.join(root, "tests/fixtures")), ...filesUnder(path.join(root, "examples"))];
  const calls = [];
  for (const file of files.filter((f) => f.endsWith(".xml"))) {
    const source = fs.readFileSync(file, "utf8");
    const scenarioFile = path.join(path.dirname(file), "scenario.json");
    const scenario = fs.existsSync(scenarioFile) ? JSON.parse(fs.readFileSync(scenarioFile, "utf8")) : undefined;
    const name = path.relative(root, file);
    for (const profile of PROFILES) {
      calls.push([`validate ${name} ${profile}`, (api) => api.validate(source, { profile })]);
      calls.push([`simulate ${name} ${profile}`, (api) => api.simulate(source, scenario, { profile })]);
    }
  }
  const cases = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/sip_uri/cases.json"), "utf8"));
  for (const { input } of cases) {
    for (const profile of PROFILES) {
      calls.push([`parseSipUri ${JSON.stringify(input)} ${profile}`, (api) => api.parseSipUri(input, { profile })]);
    }
  }
  calls.push(["rules", (api) => api.rules()]);
  assert.ok(calls.length > 500, `only ${calls.length} calls: fixtures missing?`);
  for (const [what, f] of calls) {
    assert.equal(outcome(web, f), outcome(node, f), what);
  }
});
