// The CommonJS view of the same declarations (index.d.cts), type-checked by the package test.
import rcmlSip = require("rcml-sip");
import codemirror = require("rcml-sip/codemirror");

const diagnostics: rcmlSip.Diagnostic[] = rcmlSip.validate("<Response/>", { profile: "twilio" });
const profile: rcmlSip.Profile = rcmlSip.profiles()[0];
// @ts-expect-error: not a profile
rcmlSip.parseSipUri("sip:a@b", { profile: "asterisk" });
const linter = codemirror.rcml({ engine: rcmlSip });
export const used = [diagnostics, profile, codemirror.toCodeMirror(diagnostics), linter];
