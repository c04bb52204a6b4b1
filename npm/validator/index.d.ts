// `rcml-sip/validator`: the main entry without `simulate` (a smaller .wasm for pages that
// only check documents). Types are the main entry's.
export type {
  Code,
  Diagnostic,
  Edit,
  Fix,
  InitInput,
  Options,
  ParsedSipUri,
  Position,
  Profile,
  Range,
  Rule,
  RuleWithDocs,
  Severity,
  SipUri,
} from "../index.js";
export { default, init, initSync, parseSipUri, profiles, rules, validate, version } from "../index.js";
