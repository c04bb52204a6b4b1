// Type-checked by `tsc --noEmit` (npm run build, scripts/test-www.sh), never bundled: the
// playground's shapes (./types) are exactly the package's declarations, so a local copy that
// differs from rcml-sip's types in any field fails the build.
import type * as Pkg from "rcml-sip";
import type { RcmlElementSpec } from "rcml-sip/codemirror";
import type * as Ui from "./types";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const sameShapes: [
  Same<Ui.Profile, Pkg.Profile>,
  Same<Ui.Severity, Pkg.Severity>,
  Same<Ui.Position, Pkg.Position>,
  Same<Ui.Edit, Pkg.Edit>,
  Same<Ui.Fix, Pkg.Fix>,
  Same<Ui.Diagnostic, Pkg.Diagnostic>,
  Same<Ui.Rule, Pkg.Rule>,
  Same<Ui.RuleWithDocs, Pkg.RuleWithDocs>,
  Same<Ui.Scenario, Pkg.Scenario>,
  Same<Ui.Endpoint, Pkg.Endpoint>,
  Same<Ui.EndpointAuth, Pkg.EndpointAuth>,
  Same<Ui.ScriptStep, Pkg.ScriptStep>,
  Same<Ui.HttpResponse, Pkg.HttpResponse>,
  Same<Ui.Simulation, Pkg.Simulation>,
  Same<Ui.SimEvent, Pkg.SimulationEvent>,
  Same<Ui.SipEvent, Pkg.SipEvent>,
  Same<Ui.WebhookEvent, Pkg.WebhookEvent>,
  Same<Ui.VerbEvent, Pkg.VerbEvent>,
  Same<Ui.NoteEvent, Pkg.NoteEvent>,
  Same<Ui.DialOutcome, Pkg.DialOutcome>,
  Same<Ui.ElementSpec, RcmlElementSpec>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
