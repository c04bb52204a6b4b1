// The public shapes of contracts.md §2, §4, §5 and §6: the package's own declarations
// (npm/index.d.ts, shipped as rcml-sip's types), so the playground cannot drift from them.
// Only the names the UI uses, plus what the package has no name for.

import type { Profile } from "rcml-sip";

export type {
  Diagnostic,
  DialOutcome,
  Edit,
  Endpoint,
  EndpointAuth,
  Fix,
  HttpResponse,
  NoteEvent,
  Position,
  Profile,
  Rule,
  RuleWithDocs,
  Scenario,
  ScriptStep,
  Severity,
  SimulationEvent as SimEvent,
  Simulation,
  SipEvent,
  VerbEvent,
  WebhookEvent,
} from "rcml-sip";
/** The lang-xml `elements` spec that `rcml-sip/codemirror` derives from the schema. */
export type { RcmlElementSpec as ElementSpec } from "rcml-sip/codemirror";

export const PROFILES: readonly Profile[] = ["restcomm", "restcomm-connect", "twilio"];
