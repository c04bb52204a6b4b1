// The one door to the rcml-sip package (contracts.md §6): load the wasm once, then typed,
// never-throwing wrappers. Only bad arguments throw in the package (a malformed scenario);
// those come back here as `{ error }` values for the UI to show.

import * as pkg from "rcml-sip";
import type { Diagnostic, ElementSpec, Profile, Rule, Scenario, Simulation } from "./types";

interface Api {
  default?: (input?: unknown) => Promise<unknown>;
  init?: (input?: unknown) => Promise<unknown>;
  version(): string;
  validate(source: string, options?: { profile?: Profile }): Diagnostic[];
  simulate(source: string, scenario?: Scenario, options?: { profile?: Profile }): Simulation;
  rules(): Rule[];
  profiles(): Profile[];
  xmlElements?: (options?: { profile?: Profile }) => ElementSpec[];
}

const api = pkg as unknown as Api;

let ready = false;

export async function load(): Promise<void> {
  const init = api.init ?? api.default;
  if (typeof init === "function") await init();
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

export function elements(profile: Profile): ElementSpec[] {
  if (!ready) return [];
  return api.xmlElements?.({ profile }) ?? [];
}
