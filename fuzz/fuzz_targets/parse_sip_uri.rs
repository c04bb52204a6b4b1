//! The SIP URI parser under every profile (first byte), with its JSON and text faces and the
//! headers an INVITE would carry; the fast path against the full parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rcml_sip::sip_uri;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((profile, rest)) = common::split_profile(data) else { return };
    let input = String::from_utf8_lossy(rest);
    let parsed = rcml_sip::parse_sip_uri(&input, profile);
    // The fast path answers exactly as the full parser.
    let trimmed = input.trim_matches(|c: char| c.is_ascii_whitespace());
    let full = sip_uri::parse_full(trimmed, profile, &sip_uri::ParseOptions::default());
    assert_eq!(sip_uri::diagnostics(trimmed, profile), full.diagnostics, "diagnostics of {trimmed:?}");
    let quick = sip_uri::parse(trimmed, profile);
    assert_eq!((quick.valid, &quick.uri), (full.valid, &full.uri), "components of {trimmed:?}");
    common::check_diagnostics(&input, &parsed.diagnostics);
    let json = sip_uri::to_json_value(&parsed);
    assert!(serde_json::to_string(&json).is_ok());
    if let Some(uri) = &parsed.uri {
        for (name, value) in sip_uri::invite_headers(uri, profile) {
            // A header line of the INVITE: no line break may come out of a URI.
            assert!(!name.contains(['\r', '\n', '\0']), "header name {name:?}");
            assert!(!value.contains(['\r', '\n', '\0']), "header value {value:?}");
        }
    }
});
