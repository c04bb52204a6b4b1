//! `validate` under every profile (first byte), then the command line's text rendering of
//! the same diagnostics (code frames slice the source by the diagnostics' ranges).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcml_sip::{validate, Options};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((profile, rest)) = common::split_profile(data) else { return };
    let source = String::from_utf8_lossy(rest);
    let diagnostics = validate(&source, &Options::with_profile(profile));
    common::check_diagnostics(&source, &diagnostics);
    let _ = rcml_sip::cli::render_report("fuzz.xml", &source, &diagnostics);
});
