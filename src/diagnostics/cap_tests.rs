//! The diagnostics cap: past it, producers build nothing, and the count of dropped
//! diagnostics stays exact.

use super::built;
use crate::{validate, Diagnostic, Options, Profile};

fn run(source: &str, profile: Profile, max: usize) -> Vec<Diagnostic> {
    validate(source, &Options { max_diagnostics: max, ..Options::with_profile(profile) })
}

/// `n` in "N more diagnostics were not reported", or 0 without the note.
fn dropped(out: &[Diagnostic]) -> usize {
    out.last()
        .filter(|d| d.code == "limits/too-many-diagnostics")
        .and_then(|d| d.message.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn repeat(block: &str, n: usize) -> String {
    format!("<Response>\n{}</Response>\n", block.repeat(n))
}

/// Under every profile, `doc` (more than 1 000 diagnostics) keeps 1 000 and the cap's note,
/// counts the rest exactly, and builds no more than it keeps.
fn counted_not_built(doc: &str) {
    for profile in Profile::ALL {
        let total = run(doc, profile, usize::MAX).len();
        assert!(total > 1000, "{profile}: {total}");
        built::take();
        let out = run(doc, profile, 1000);
        let built = built::take();
        assert!(built <= 1001, "{profile}: {built} diagnostics built for 1000 kept");
        assert_eq!(out.len(), 1001, "{profile}");
        assert_eq!(dropped(&out), total - 1000, "{profile}");
    }
}

#[test]
fn unknown_attributes_past_the_cap_are_counted_not_built() {
    // Two each: an unknown attribute, and no text.
    let doc = repeat("<Say foo=\"x\"/>\n", 3000);
    built::take();
    let out = run(&doc, Profile::Restcomm, 1000);
    let built = built::take();
    assert_eq!(out.len(), 1001);
    assert_eq!(dropped(&out), 5000);
    // The kept ones and the cap's note; the 5,000 dropped ones were not built.
    assert!(built <= 1001, "{built} diagnostics built for 1000 kept");
}

/// Bare `&` (V4, severity set per occurrence), undefined entities, unknown elements (an error
/// inside `<Dial>` under restcomm-connect).
#[test]
fn xml_and_element_problems_past_the_cap_are_counted_not_built() {
    let docs = [
        repeat("<Say>a & b &nbsp; &#0; c</Say>\n", 1000),
        repeat("<Foo/><Dial><Bar/></Dial>\n", 1000),
        repeat("<Redirect method=\"PUT\">http://a.test/</Redirect><Dial method=\"pst\"/>\n", 1000),
    ];
    for doc in &docs {
        counted_not_built(doc);
    }
}

#[test]
fn bad_sip_uris_past_the_cap_keep_an_exact_count() {
    let doc =
        repeat("<Dial><Sip>sip:alice:pw@127.0.0.1:0;transport=udp;transport=tcp?Foo=bar</Sip></Dial>\n", 400);
    counted_not_built(&doc);
}

/// Every fixture under every cap up to its count: as many kept as the cap allows, and the
/// rest counted exactly (whichever producer made them).
#[test]
fn every_fixture_counts_exactly_under_every_cap() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rcml");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(&path) else { continue };
        for profile in Profile::ALL {
            let all = run(&source, profile, usize::MAX);
            for max in 0..all.len() {
                let out = run(&source, profile, max);
                assert_eq!(out.len(), max + 1, "{}: {profile}, cap {max}", path.display());
                assert_eq!(dropped(&out), all.len() - max, "{}: {profile}, cap {max}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} fixture runs");
}

/// The RFC layer's grammar checks (slashes, empty user, host, IPv6 brackets, port, `sips:`
/// with UDP, bad escapes and characters, schemes) and the platform layer's infos (`sips:` and
/// `transport=tls` where only Twilio dials them), far past the cap: counted inside the URI
/// checker, not built.
#[test]
fn sip_uri_grammar_problems_past_the_cap_are_counted_not_built() {
    let uris = [
        "sips://alice@example.com:;transport=udp",
        "sip:@2001:db8::1;transport=tls",
        "sip:a@[::1]5060",
        "sip:a@[::1]x",
        "sip:a@[::1",
        "sip:a@exa_mple.com:99999",
        "sip:a@example.com:abc",
        "sips:a@example.com",
        "sip:a%zz@example.com",
        "alice@example.com",
        "tel:+15551234567",
        "sipp:alice@example.com",
        "sip:a b@example.com",
    ];
    let block: String = uris.iter().map(|u| format!("<Dial><Sip>{u}</Sip></Dial>\n")).collect();
    // One diagnostic each first (an unknown attribute), so that the cap falls between two
    // URIs: a URI's diagnostics are sorted before they are kept, so one straddling the cap
    // is built whole.
    let doc = repeat(&format!("{}{}", "<Say foo=\"x\">hi</Say>\n".repeat(1000), block.repeat(300)), 1);
    counted_not_built(&doc);
}

/// V16/V17: the separator verdicts set their own severity; past the cap they are counted
/// like any other diagnostic, not built.
#[test]
fn status_callback_event_separators_past_the_cap_are_counted_not_built() {
    let doc = repeat(
        concat!(
            "<Dial><Number statusCallback=\"http://a.test/\" statusCallbackEvent=\"initiated ringing\">+15551234567</Number></Dial>\n",
            "<Dial><Number statusCallback=\"http://a.test/\" statusCallbackEvent=\"initiated,ringing\">+15551234567</Number></Dial>\n",
            "<Dial><Number statusCallback=\"http://a.test/\" statusCallbackEvent=\"initiated ringing,answered\">+15551234567</Number></Dial>\n",
        ),
        1500,
    );
    counted_not_built(&doc);
}
