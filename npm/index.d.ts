// rcml-sip: validate RCML call-control documents (<Dial><Sip> in depth) and simulate the
// calls they make. The same API in browsers (after `init()`), Node and bundlers.
//
// Positions: `offset` and `column` count UTF-16 code units (what JavaScript strings,
// CodeMirror and Monaco use), so `source.slice(range.start.offset, range.end.offset)` is the
// text a diagnostic is about. `line` and `column` are 1-based; offsets are 0-based.

/** The behaviour profiles: the documentation's Restcomm (default), Restcomm-Connect's code, Twilio. */
export type Profile = "restcomm" | "restcomm-connect" | "twilio";

export type Severity = "error" | "warning" | "info";

/** Every diagnostic code, `area/kebab-name`; stable, never renamed or reused. */
export type Code = string; // CODES: replaced by the generated union of every code

export interface Options {
  /** Default `"restcomm"`. An unknown profile throws. */
  profile?: Profile;
}

export interface Position {
  /** 0-based, in UTF-16 code units. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** Half-open: `end` is the first position after the text. */
export interface Range {
  start: Position;
  end: Position;
}

/** Replace `start..end` (UTF-16 offsets of the validated source) by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  /** Applied together; they do not overlap. */
  edits: Edit[];
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** Lower case, no trailing period; identifiers in backticks. */
  message: string;
  range: Range;
  /** How to fix it, a full sentence. */
  help: string | null;
  fixes: Fix[];
  /** Why the profile decides it (a row of profiles.md), when it does. */
  profileNote: string | null;
}

export interface SipUri {
  scheme: "sip" | "sips";
  /** As written (not percent-decoded). */
  user: string | null;
  /** Never the value: `null` when absent, `""` when empty, `"***"` otherwise. */
  password: string | null;
  /** As written: case kept, an IPv6 reference with its brackets, a trailing dot kept. */
  host: string;
  port: number | null;
  /** In input order; `null` for a parameter without `=`. */
  params: Array<[name: string, value: string | null]>;
  /** The decoded, lower-case `transport` parameter. */
  transport: string | null;
  /** In input order, percent-decoded. */
  headers: Array<[name: string, value: string]>;
}

export interface ParsedSipUri {
  /** The RFC 3261 (+ RFC 5954) verdict; platform limits are diagnostics, not `false`. */
  valid: boolean;
  uri: SipUri | null;
  /** Offsets in UTF-16 code units of the `input` string. */
  diagnostics: Diagnostic[];
}

export interface Rule {
  code: Code;
  summary: string;
  /** Under each profile; `null`: the profile accepts the construct silently. */
  severity: Record<Profile, Severity | null>;
  /** The row of profiles.md that decides it (`"V13"`), if any. */
  row: string | null;
  /** The anchor of the rule in the catalogue (`sip-uri-invalid-port`). */
  docsAnchor: string;
}

/**
 * A rule with its long-form docs: an entry of `catalogue` from `rcml-sip/rules` (data, no
 * `.wasm`), as `rcml-sip rules --format json` prints it.
 */
export interface RuleWithDocs extends Rule {
  /** Why it matters, in a few sentences. */
  explanation: string;
  /**
   * A document that triggers the rule (a `<Sip>` dialling the URI, for `sip-uri/*`), and the
   * same corrected; both `""` for rules without a short example (`sim/*`, `limits/*`, depth
   * and error-count limits, screening documents).
   */
  wrong: string;
  right: string;
}

// ---- Scenario: the simulator's input (every field optional) ----

export interface DigitsInput {
  atMs: number;
  digits: string;
}

export interface ScriptStep {
  atMs: number;
  /** A SIP status: 100, 180, 183, 200, 486… */
  status: number;
  headers?: Record<string, string>;
}

export interface EndpointAuth {
  /** 401 or 407. */
  status: number;
  realm?: string;
  username?: string;
  password?: string;
  /** Default 0. */
  challengeAtMs?: number;
  /** How many times it challenges even right credentials; default 1. */
  challenges?: number;
}

export interface Endpoint {
  /** 180 Ringing; absent: no provisional response. */
  ringAtMs?: number | null;
  /** 200 OK. */
  answerAtMs?: number | null;
  /** A final failure instead of answering. */
  rejectAtMs?: number | null;
  rejectStatus?: number;
  /** The callee sends BYE. */
  hangupAtMs?: number | null;
  /** Sent on the final response. */
  headers?: Record<string, string>;
  auth?: EndpointAuth;
  /** The general form, instead of the shorthand times. */
  script?: ScriptStep[];
}

export interface HttpResponse {
  status?: number;
  contentType?: string;
  body?: string;
  delayMs?: number;
}

export interface Scenario {
  /** Drives every generated sid and nonce (a `bigint` for values above 2^53 - 1). */
  seed?: number | bigint;
  /** The virtual clock's t = 0, RFC 3339. */
  start?: string;
  /** Base for relative URLs. */
  documentUrl?: string;
  call?: {
    from?: string;
    to?: string;
    /** The caller hangs up (ms from t = 0). */
    hangupAtMs?: number | null;
    digits?: DigitsInput[];
  };
  /** Key: the dialled URI without its `?headers`, or `"*"` for any other. */
  endpoints?: Record<string, Endpoint>;
  /** Key: an absolute URL, or `"*"`. */
  http?: Record<string, HttpResponse>;
  media?: Record<string, { durationMs: number }>;
}

// ---- Simulation: the simulator's output ----

export interface EventBase {
  seq: number;
  atMs: number;
}

export interface SipEvent extends EventBase {
  kind: "sip";
  /** The leg's CallSid. */
  leg: string;
  /** `out`: the platform sends it; `in`: the platform receives it. */
  direction: "out" | "in";
  firstLine: string;
  /** The whole SIP message text. */
  message: string;
}

export interface WebhookEvent extends EventBase {
  kind: "webhook";
  purpose: "status-callback" | "screening" | "action" | "document";
  method: "GET" | "POST";
  /** Absolute; for GET, with the query string as sent. */
  url: string;
  /** As form-encoded; `null` for a key sent bare without `=`. */
  params: Record<string, string | null>;
  leg: string | null;
}

export interface VerbEvent extends EventBase {
  kind: "verb";
  verb: string;
  /** In UTF-16 code units of the document it belongs to. */
  range: Range;
  /** The URL of the document the verb belongs to. */
  document: string;
}

export interface NoteEvent extends EventBase {
  kind: "note";
  text: string;
  profileNote: string | null;
}

export type SimulationEvent = SipEvent | WebhookEvent | VerbEvent | NoteEvent;
export type EventKind = SimulationEvent["kind"];

export type CallStatus =
  | "queued"
  | "initiated"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "failed"
  | "no-answer"
  | "canceled";

export interface DialOutcome {
  /** `null` for a `<Dial>` that dials nothing. */
  dialCallStatus: CallStatus | null;
  dialCallSid: string | null;
  /** Seconds. */
  dialCallDuration: number;
  /** The dialled URI as written, without headers. */
  answeredBy: string | null;
  /** Seconds from the INVITE to the final response (an extension of contracts.md §5). */
  dialRingDuration: number;
  /** The final INVITE response code of the reported leg (an extension of contracts.md §5). */
  dialSipResponseCode: number | null;
}

export interface Simulation {
  profile: Profile;
  /** In time order, ties in causal order. */
  events: SimulationEvent[];
  outcome: {
    /** One per `<Dial>` executed, action documents included. */
    dials: DialOutcome[];
    callStatus: CallStatus;
    endedAtMs: number;
  };
  /** The validation of every document the call ran. */
  diagnostics: Diagnostic[];
}

// ---- Functions ----

/** What `init` accepts: the `.wasm` URL (default: next to the module), a fetch Response, its bytes or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module; call it once before anything else in a browser. Idempotent.
 * In Node the module is ready on import and `init()` resolves at once.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Synchronous `init` from the module's bytes or a compiled module (workers, tests). */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/** The package version. */
export function version(): string;
/**
 * Every problem of an RCML document, in source order. A bad document never throws: it gives
 * diagnostics. Throws only for bad arguments (a non-string source, an unknown profile).
 */
export function validate(source: string, options?: Options): Diagnostic[];
/** Parses one SIP URI (surrounding whitespace trimmed, as RCML does). */
export function parseSipUri(input: string, options?: Options): ParsedSipUri;
/**
 * Runs the call the document describes under `scenario` (defaults: a sensible call).
 * Deterministic: the same input gives the same result. Throws for a malformed scenario,
 * naming its JSON path (unknown keys are errors). The scenario is read as the JSON that
 * `JSON.stringify` writes for it (`undefined` and functions left out, `toJSON` called), except
 * that a `bigint` is an integer, a number above 2^53 - 1 is refused where an integer is due,
 * a `Map` or a `Set` (which JSON cannot hold) throws, and a boxed primitive (`new Number(1)`)
 * is an object.
 */
export function simulate(source: string, scenario?: Scenario | null, options?: Options): Simulation;
/**
 * The rule catalogue, in catalogue order: code, summary, severity per profile, row, docs anchor.
 * With the explanations and examples: `catalogue` from `rcml-sip/rules` (no `.wasm`).
 */
export function rules(): Rule[];
/** Every profile, the default first. */
export function profiles(): Profile[];
