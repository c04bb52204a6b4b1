// The CommonJS view of the same declarations (index.d.cts), type-checked by the package test.
import rcmlSip = require("rcml-sip");
import codemirror = require("rcml-sip/codemirror");
import ruleDocs = require("rcml-sip/rules");

const diagnostics: rcmlSip.Diagnostic[] = rcmlSip.validate("<Response/>", { profile: "twilio" });
const profile: rcmlSip.Profile = rcmlSip.profiles()[0];
// @ts-expect-error: not a profile
rcmlSip.parseSipUri("sip:a@b", { profile: "asterisk" });
const linter = codemirror.rcml({ engine: rcmlSip });
const explained: rcmlSip.RuleWithDocs | undefined = ruleDocs.catalogue.find((r) => r.code === diagnostics[0]?.code);
const explanation: string | undefined = explained?.explanation;
export const used = [diagnostics, profile, codemirror.toCodeMirror(diagnostics), linter, explanation];
