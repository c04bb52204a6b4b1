//! Hostile input (issue 7): each case has one clear, asserted outcome. Nothing here asserts a
//! wall-clock time; `scripts/adversarial-report.sh` measures time and peak memory per case.

use rcml_sip::{parse_sip_uri, sip_uri, Diagnostic, Profile};

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

// --- SIP header injection -------------------------------------------------------------------

/// `%0D%0A` / `%00` decoded into a URI header: an error diagnostic, and the header never
/// reaches the INVITE (so no injected line can).
#[test]
fn escaped_line_breaks_in_a_uri_header_are_an_error_and_never_sent() {
    for input in [
        "sip:alice@example.com?X-a=1%0D%0AX-Evil:%20yes",
        "sip:alice@example.com?X-a=a%00b",
        "sip:alice@example.com?X-a%0Ab=1",
        "sip:alice@example.com?X-a=1%0aVia:%20evil&X-b=ok",
    ] {
        for profile in Profile::ALL {
            let parsed = parse_sip_uri(input, profile);
            assert!(
                codes(&parsed.diagnostics).contains(&"sip-uri/escaped-control-character"),
                "{profile} {input}: {:?}",
                codes(&parsed.diagnostics)
            );
            let uri = parsed.uri.as_ref().expect("the URI is still read");
            for (name, value) in sip_uri::invite_headers(uri, profile) {
                assert!(!name.contains(['\r', '\n', '\0']), "{profile} {input}: name {name:?}");
                assert!(!value.contains(['\r', '\n', '\0']), "{profile} {input}: value {value:?}");
            }
        }
    }
}
