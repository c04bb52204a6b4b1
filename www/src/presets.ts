// Endpoint presets of the scenario form: each is a function from two numbers (seconds) to the
// contract's Endpoint shape, and `recognise` maps an Endpoint back to its preset, so that the
// form and the raw JSON are two views of one Scenario object.

import type { Endpoint } from "./types";

export type PresetId = "answer" | "answer-hangup" | "busy" | "decline" | "no-answer" | "auth" | "custom";

export interface PresetParams {
  /** Seconds from the INVITE to the answer (or to the decline). */
  after: number;
  /** Seconds the callee talks before it hangs up. */
  talk: number;
  username: string;
  password: string;
}

export interface Preset {
  id: PresetId;
  label: string;
  /** Which of the two numbers the form shows. */
  uses: { after?: string; talk?: string; credentials?: boolean };
}

export const PRESETS: readonly Preset[] = [
  { id: "answer-hangup", label: "answers, then hangs up", uses: { after: "answers after (s)", talk: "hangs up after (s)" } },
  { id: "answer", label: "answers after N s", uses: { after: "answers after (s)" } },
  { id: "busy", label: "busy (486)", uses: {} },
  { id: "decline", label: "declines (603)", uses: { after: "declines after (s)" } },
  { id: "no-answer", label: "no answer (rings forever)", uses: {} },
  {
    id: "auth",
    label: "needs authentication (407)",
    uses: { after: "answers after (s)", talk: "hangs up after (s)", credentials: true },
  },
  { id: "custom", label: "custom (edit the JSON)", uses: {} },
];

export const DEFAULT_PARAMS: PresetParams = { after: 3, talk: 10, username: "alice", password: "secret" };

const ms = (s: number): number => Math.max(0, Math.round(s * 1000));

function ringing(afterMs: number): Endpoint {
  return afterMs > 1000 ? { ringAtMs: 1000 } : {};
}

export function endpointFor(id: PresetId, p: PresetParams): Endpoint | null {
  const after = ms(p.after);
  switch (id) {
    case "answer":
      return { ...ringing(after), answerAtMs: after };
    case "answer-hangup":
      return { ...ringing(after), answerAtMs: after, hangupAtMs: after + ms(p.talk) };
    case "busy":
      return { rejectAtMs: 500, rejectStatus: 486 };
    case "decline":
      return { ...ringing(after), rejectAtMs: after, rejectStatus: 603 };
    case "no-answer":
      return { ringAtMs: 1000 };
    case "auth":
      return {
        ...ringing(after),
        answerAtMs: after,
        hangupAtMs: after + ms(p.talk),
        auth: { status: 407, realm: "example.com", username: p.username, password: p.password },
      };
    case "custom":
      return null;
  }
}

/** JSON with object keys sorted, so that key order never decides equality. */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y !== null).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

function same(a: unknown, b: unknown): boolean {
  return canon(a) === canon(b);
}

/** The preset (and its numbers) that produces exactly `ep`, or `custom`. */
export function recognise(ep: Endpoint): { id: PresetId; params: PresetParams } {
  const answer = ep.answerAtMs ?? ep.rejectAtMs ?? 3000;
  const talk = ep.hangupAtMs != null && ep.answerAtMs != null ? ep.hangupAtMs - ep.answerAtMs : 10000;
  const params: PresetParams = {
    after: answer / 1000,
    talk: talk / 1000,
    username: ep.auth?.username ?? DEFAULT_PARAMS.username,
    password: ep.auth?.password ?? DEFAULT_PARAMS.password,
  };
  for (const p of PRESETS) {
    if (p.id !== "custom" && same(endpointFor(p.id, params), ep)) return { id: p.id, params };
  }
  return { id: "custom", params };
}
