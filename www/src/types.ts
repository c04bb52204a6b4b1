// The public shapes of contracts.md §2, §4, §5 and §6, as the playground reads them. Kept here
// (not imported from the package's .d.ts) so that the UI type-checks against the contract itself.

export type Profile = "restcomm" | "restcomm-connect" | "twilio";
export const PROFILES: readonly Profile[] = ["restcomm", "restcomm-connect", "twilio"];

export type Severity = "error" | "warning" | "info";

export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
  help: string | null;
  fixes: Fix[];
  profileNote: string | null;
}

export type PerProfile<T> = Record<Profile, T>;

export interface Rule {
  code: string;
  summary: string;
  severity: PerProfile<Severity | null>;
  explanation?: string;
  wrong?: string;
  right?: string;
  row?: string | null;
  docsAnchor?: string;
}

export interface EndpointAuth {
  status?: number;
  realm?: string;
  username?: string;
  password?: string;
  challengeAtMs?: number;
  challenges?: number;
}

export interface ScriptStep {
  atMs: number;
  status: number;
  headers?: Record<string, string>;
}

export interface Endpoint {
  ringAtMs?: number | null;
  answerAtMs?: number | null;
  rejectAtMs?: number | null;
  rejectStatus?: number | null;
  hangupAtMs?: number | null;
  headers?: Record<string, string>;
  auth?: EndpointAuth | null;
  script?: ScriptStep[];
}

export interface HttpAnswer {
  status?: number;
  contentType?: string;
  body?: string;
  delayMs?: number;
}

export interface Scenario {
  seed?: number;
  start?: string;
  documentUrl?: string;
  call?: {
    from?: string;
    to?: string;
    hangupAtMs?: number | null;
    digits?: { atMs: number; digits: string }[];
  };
  endpoints?: Record<string, Endpoint>;
  http?: Record<string, HttpAnswer>;
  media?: Record<string, { durationMs: number }>;
}

interface EventBase {
  seq: number;
  atMs: number;
}

export interface SipEvent extends EventBase {
  kind: "sip";
  leg: string;
  direction: "out" | "in";
  firstLine: string;
  message: string;
}

export interface WebhookEvent extends EventBase {
  kind: "webhook";
  purpose: "status-callback" | "screening" | "action" | "document" | string;
  method: string;
  url: string;
  params: Record<string, string | null>;
  leg: string | null;
}

export interface VerbEvent extends EventBase {
  kind: "verb";
  verb: string;
  range?: { start: Position; end: Position };
  document?: string;
}

export interface NoteEvent extends EventBase {
  kind: "note";
  text: string;
  profileNote?: string | null;
}

export type SimEvent = SipEvent | WebhookEvent | VerbEvent | NoteEvent;

export interface DialOutcome {
  dialCallStatus: string | null;
  dialCallSid?: string | null;
  dialCallDuration?: number | null;
  answeredBy: string | null;
}

export interface Simulation {
  profile: Profile;
  events?: SimEvent[];
  outcome?: { dials: DialOutcome[]; callStatus: string; endedAtMs: number };
  diagnostics: Diagnostic[];
}

/** The lang-xml `elements` spec the package derives from the schema (schema_json). */
export interface ElementSpec {
  name: string;
  top?: boolean;
  children?: string[];
  textContent?: string[];
  attributes?: { name: string; values?: string[]; completion?: { info?: string; detail?: string } }[];
  completion?: { info?: string; detail?: string };
}
