//! RCML: the schema of every verb and noun (as data) and the validator that applies it, with
//! the deep `<Dial>`/`<Sip>` rules of `profiles.md` (V1–V32).

pub mod rules;

use crate::diagnostics::Diagnostics;
use crate::xml::Document;

/// Reports every `rcml/*` (and, through the SIP URI parser, `sip-uri/*`) problem of `document`.
pub fn check(source: &str, document: &Document, diagnostics: &mut Diagnostics) {
    let _ = (source, document, diagnostics);
}
