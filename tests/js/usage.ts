// Type-checked (never run) by tests/js/package.test.mjs with `tsc --noEmit` in a project that
// installed the packed package: the declarations must accept real use and reject misuse
// (each `@ts-expect-error` fails the check if the line it guards compiles).
import init, { initSync, parseSipUri, profiles, rules, simulate, validate, version } from "rcml-sip";
import type { Code, Diagnostic, EventKind, Profile, Scenario, Severity, Simulation, SimulationEvent } from "rcml-sip";
import { rcml, rcmlElements, rcmlLinter, rcmlLintSource, toCodeMirror } from "rcml-sip/codemirror";
import type { RcmlEditorOptions, RcmlElementSpec, RcmlEngine } from "rcml-sip/codemirror";
import type { ElementSpec } from "@codemirror/lang-xml";
import * as full from "rcml-sip";
import type { Extension } from "@codemirror/state";
import * as lite from "rcml-sip/validator";
import { catalogue } from "rcml-sip/rules";
import type { RuleWithDocs } from "rcml-sip/rules";

export async function use(wasm: Uint8Array): Promise<void> {
  await init();
  await init(new URL("https://example.test/rcml_sip_bg.wasm"));
  initSync(wasm);
  const v: string = version();

  const diagnostics: Diagnostic[] = validate("<Response/>", { profile: "twilio" });
  for (const d of diagnostics) {
    const severity: Severity = d.severity;
    const code: Code = d.code;
    const help: string | null = d.help;
    const at: number = d.range.start.offset + d.range.end.column;
    const edits = d.fixes.flatMap((f) => f.edits.map((e) => [e.start, e.end, e.text] as const));
    if (d.severity === "error" && d.code === "sip-uri/invalid-port") console.log(severity, code, help, at, edits);
    // @ts-expect-error: not a severity of this package
    if (d.severity === "fatal") console.log();
    // @ts-expect-error: not a code of the catalogue
    const bogus: Code = "rcml/no-such-rule";
    // @ts-expect-error: absent is null, never undefined
    const undef: undefined = d.profileNote;
    console.log(bogus, undef);
  }
  // @ts-expect-error: not a profile
  validate("<Response/>", { profile: "asterisk" });
  // @ts-expect-error: not an option
  validate("<Response/>", { profle: "twilio" });

  const uri = parseSipUri("sip:alice@example.com");
  if (uri.valid && uri.uri) {
    const scheme: "sip" | "sips" = uri.uri.scheme;
    const port: number | null = uri.uri.port;
    const params: Array<[string, string | null]> = uri.uri.params;
    console.log(scheme, port, params, uri.diagnostics.length);
  }

  const scenario: Scenario = {
    seed: 1,
    call: { from: "bob", to: "+15550001111", digits: [{ atMs: 5000, digits: "*" }] },
    endpoints: { "sip:alice@127.0.0.1:5080": { ringAtMs: 1000, answerAtMs: 3000, headers: { "X-Room": "12" } } },
    http: { "*": { status: 200, body: "<Response/>" } },
  };
  // @ts-expect-error: a typo in a scenario is a type error too
  const typo: Scenario = { endpoint: {} };
  const run: Simulation = simulate("<Response/>", scenario, { profile: "restcomm-connect" });
  simulate("<Response/>");
  simulate("<Response/>", null, { profile: "twilio" });
  simulate("<Response/>", { seed: 2n ** 60n });
  for (const e of run.events) describe(e);
  const kinds: EventKind[] = ["sip", "webhook", "verb", "note"];
  // @ts-expect-error: not an event kind
  const wrongKind: EventKind = "http";

  const all: Profile[] = profiles();
  for (const r of rules()) {
    const s: Severity | null = r.severity["restcomm-connect"];
    console.log(r.code, r.docsAnchor, s);
  }
  // @ts-expect-error: rules() has no long-form docs (rcml-sip/rules has them)
  console.log(rules()[0]?.explanation);
  for (const r of catalogue) {
    const code: Code = r.code;
    const docs: [string, string, string] = [r.explanation, r.wrong, r.right];
    const row: string | null = r.row;
    console.log(code, docs, row, r.severity.twilio, r.docsAnchor);
  }
  const first: RuleWithDocs | undefined = catalogue[0];
  // @ts-expect-error: the catalogue is read-only
  catalogue.push(first);
  const base = catalogue[0] as RuleWithDocs;
  // @ts-expect-error: not a code of the catalogue
  const unknownRule: RuleWithDocs = { ...base, code: "rcml/no-such-rule" };
  console.log(unknownRule);

  await lite.init();
  const liteDiagnostics: Diagnostic[] = lite.validate("<Response/>", { profile: "twilio" });
  // @ts-expect-error: the validator entry has no simulate
  lite.simulate("<Response/>");
  console.log(liteDiagnostics);

  const extension: Extension = rcml({ profile: "twilio", delay: 300 });
  const names = rcmlElements().map((e) => e.name);
  // The schema's shape, more precise than lang-xml's (and still one of its specs).
  const spec: RcmlElementSpec[] = rcmlElements({ profile: "twilio" });
  const asLangXml: ElementSpec[] = spec;
  const docs: string[] = spec.flatMap((e) => [e.completion.info, ...e.attributes.map((a) => `${a.name} ${a.completion.detail} ${a.values.join()}`)]);
  const root: boolean = spec.some((e) => e.top);
  console.log(asLangXml, docs, root);
  const source = rcmlLintSource({ profile: "restcomm" });
  // An engine: either module, or anything with the same `validate`.
  const engines: RcmlEngine[] = [full, lite, { validate: (text: string) => validate(text) }];
  const withFull: RcmlEditorOptions = { profile: "twilio", engine: full };
  const linters: Extension[] = [rcml(withFull), rcmlLinter({ engine: lite }), rcml({ engine: engines[2] })];
  rcmlLintSource({ engine: full, profile: "twilio" });
  // @ts-expect-error: an engine's validate returns diagnostics
  rcml({ engine: { validate: (text: string) => text.length } });
  // @ts-expect-error: rcmlElements has no engine (its schema is data)
  rcmlElements({ engine: full });
  const cm = toCodeMirror(diagnostics, 100).map((d) => [d.from, d.to, d.severity, d.actions?.length]);
  console.log(v, typo, kinds, wrongKind, all, extension, names, source, cm, linters);
}

/** Narrowing on `kind` reaches each event's own fields. */
function describe(e: SimulationEvent): string {
  switch (e.kind) {
    case "sip":
      return `${e.direction} ${e.firstLine}`;
    case "webhook":
      return `${e.method} ${e.url} ${e.purpose} ${Object.keys(e.params).length}`;
    case "verb":
      return `${e.verb} at ${e.range.start.line}`;
    case "note":
      return e.text;
  }
}
