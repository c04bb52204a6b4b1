// The one door to the rcml-sip package (contracts.md §6): load the wasm once, then typed,
// never-throwing wrappers. Only bad arguments throw in the package (a malformed scenario);
// those come back here as `{ error }` values for the UI to show.

import type { Diagnostic as LintDiagnostic } from "@codemirror/lint";
import * as api from "rcml-sip";
// Named imports only: the codemirror entry's linter (on `rcml-sip/validator`) is not used here,
// so the bundle leaves the validator's module and .wasm out (the package has no side effects).
import { rcmlElements, toCodeMirror } from "rcml-sip/codemirror";
import type { Diagnostic, ElementSpec, Profile, Rule, RuleWithDocs, Scenario, Simulation } from "./types";

let ready = false;

export async function load(): Promise<void> {
  await api.init();
  ready = true;
}

/** Whether the wasm module has loaded (nothing below may be called before). */
export function isReady(): boolean {
  return ready;
}

export function version(): string {
  return api.version();
}

export function validate(source: string, profile: Profile): Diagnostic[] {
  return api.validate(source, { profile });
}

export type SimResult = { simulation: Simulation; error?: undefined } | { simulation?: undefined; error: string };

export function simulate(source: string, scenario: Scenario, profile: Profile): SimResult {
  try {
    return { simulation: api.simulate(source, scenario, { profile }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function rules(): Rule[] {
  return api.rules();
}

/**
 * The rules' explanations and wrong/right examples: `rcml-sip/rules` (data, not in the .wasm),
 * a chunk of its own that the page fetches only when the rules panel first shows.
 */
export async function ruleDocs(): Promise<readonly RuleWithDocs[]> {
  return (await import("rcml-sip/rules")).catalogue;
}

/** The schema for lang-xml (data in the package: available before the wasm has loaded). */
export function elements(profile: Profile): ElementSpec[] {
  return rcmlElements({ profile });
}

/** One lint diagnostic per diagnostic, in the same order; quick fixes as actions. */
export function toLint(diagnostics: Diagnostic[], docLength: number): LintDiagnostic[] {
  return toCodeMirror(diagnostics, docLength);
}
