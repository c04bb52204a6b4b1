//! The simulator on an arbitrary document and scenario. Layout: profile byte, document,
//! a NUL byte, scenario JSON (no NUL: the default scenario). A scenario that does not parse
//! still runs the document with the default scenario, so both halves are explored. Runs
//! twice and compares the JSON: the simulation must be deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::Options;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((profile, rest)) = common::split_profile(data) else { return };
    let (document, scenario) = match rest.iter().position(|&b| b == 0) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &[][..]),
    };
    let source = String::from_utf8_lossy(document);
    let scenario = Scenario::from_json(&String::from_utf8_lossy(scenario)).unwrap_or_default();
    let options = Options::with_profile(profile);
    let first = simulate(&source, &scenario, &options);
    let json = serde_json::to_string(&first).expect("a simulation serialises");
    let second = serde_json::to_string(&simulate(&source, &scenario, &options)).expect("serialises");
    assert_eq!(json, second, "the same input gave two different simulations");
});
