//! The public surface of `sip_uri` beyond the case table: the JSON view of contracts.md §3,
//! the INVITE headers per profile, rule examples, spans and password hygiene.

use rcml_sip::sip_uri::{self, invite_headers, rules::RULES, to_json_value};
use rcml_sip::{Profile, Severity};
use serde_json::json;

fn headers(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn json_view_matches_the_contract() {
    let parsed =
        sip_uri::parse("sip:bob@[2001:db8::1]:5061;transport=TCP;lr?X-Foo=a%20b&X-Bar=", Profile::Restcomm);
    let value = to_json_value(&parsed);
    assert_eq!(
        value,
        json!({
            "valid": true,
            "uri": {
                "scheme": "sip", "user": "bob", "password": null, "host": "[2001:db8::1]", "port": 5061,
                "params": [["transport", "TCP"], ["lr", null]], "transport": "tcp",
                "headers": [["X-Foo", "a b"], ["X-Bar", ""]],
            },
            "diagnostics": [],
        })
    );
    let other = to_json_value(&sip_uri::parse("tel:+15551234567", Profile::Restcomm));
    assert_eq!(other["valid"], json!(false));
    assert_eq!(other["uri"], json!(null));
    assert_eq!(other["diagnostics"][0]["code"], json!("sip-uri/invalid-scheme"));
    assert_eq!(other["diagnostics"][0]["severity"], json!("error"));
}

#[test]
fn password_never_leaves_the_parser() {
    for input in [
        "sip:alice:hunter2@example.com",
        "sip:alice:hun%0Dter2@example.com",
        "sip:alice:hun%zzter2@example.com",
        "sip:alice:hun;ter2@example.com",
        "sip:alice:hunter2",
        "alice:hunter2@example.com",
    ] {
        for profile in Profile::ALL {
            let out = to_json_value(&sip_uri::parse(input, profile)).to_string();
            assert!(!out.contains("hunter2") && !out.contains("hun%"), "{input} under {profile}: {out}");
        }
    }
    let parsed = sip_uri::parse("sip:alice:@example.com", Profile::Restcomm);
    assert_eq!(to_json_value(&parsed)["uri"]["password"], json!(""));
}

#[test]
fn transport_is_decoded_and_lower_cased() {
    let uri = |s: &str| sip_uri::parse(s, Profile::Restcomm).uri.expect("a SIP URI");
    assert_eq!(uri("sip:a@h;TRANSPORT=%54CP").transport().as_deref(), Some("tcp"));
    assert_eq!(uri("sip:a@h;transport").transport(), None);
    assert_eq!(uri("sip:a@h").transport(), None);
    assert_eq!(uri("sip:a@h?X-a=1;transport=tcp").transport(), None);
    assert_eq!(uri("sip:a%41@h").decoded_user().as_deref(), Some("aA"));
}

#[test]
fn invite_headers_follow_each_profile() {
    let parsed = sip_uri::parse(
        "sip:alice@example.com?mycustom=1&X-a=2&x-b=3&User-to-User=0A%3Bencoding%3Dhex&X-a=4&X-c=a=b&Route=x",
        Profile::Restcomm,
    );
    let uri = parsed.uri.expect("a SIP URI");
    // Restcomm: `X-` added (case-sensitive check), last value wins, order lost (sorted),
    // values cut at a raw `=`.
    let restcomm = headers(&[
        ("X-Route", "x"),
        ("X-User-to-User", "0A;encoding=hex"),
        ("X-a", "4"),
        ("X-c", "a"),
        ("X-mycustom", "1"),
        ("X-x-b", "3"),
    ]);
    assert_eq!(invite_headers(&uri, Profile::Restcomm), restcomm);
    assert_eq!(invite_headers(&uri, Profile::RestcommConnect), restcomm);
    // Twilio: X- (any case) and the standard names, in order, duplicates kept, full values.
    assert_eq!(
        invite_headers(&uri, Profile::Twilio),
        headers(&[
            ("X-a", "2"),
            ("x-b", "3"),
            ("User-to-User", "0A;encoding=hex"),
            ("X-a", "4"),
            ("X-c", "a=b")
        ])
    );
}

#[test]
fn diagnostics_point_at_the_offending_characters() {
    let input = "sip:alice@example.com:65536;transport=sctp?X-a=1;x";
    let parsed = sip_uri::parse(input, Profile::Restcomm);
    let at = |code: &str| {
        let d =
            parsed.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{code} missing"));
        d.text_range().slice(input).to_owned()
    };
    assert_eq!(at("sip-uri/invalid-port"), "65536");
    assert_eq!(at("sip-uri/unsupported-transport"), "sctp");
    assert_eq!(at("sip-uri/unescaped-header-value"), "1;x");
    let d = parsed.diagnostics.iter().find(|d| d.code == "sip-uri/unescaped-header-value").expect("V29");
    assert_eq!(d.fixes[0].edits.len(), 1);
    assert_eq!(d.fixes[0].edits[0].text, "%3B");
}

#[test]
fn severities_follow_the_profile_rows() {
    let severity = |input: &str, profile: Profile, code: &str| {
        sip_uri::parse(input, profile).diagnostics.iter().find(|d| d.code == code).map(|d| d.severity)
    };
    let long = format!("sip:{}@example.com", "a".repeat(300));
    assert_eq!(severity(&long, Profile::Restcomm, "sip-uri/too-long"), Some(Severity::Error));
    assert_eq!(severity(&long, Profile::RestcommConnect, "sip-uri/too-long"), Some(Severity::Warning));
    assert_eq!(severity(&long, Profile::Twilio, "sip-uri/too-long"), Some(Severity::Error));
    let tls = "sip:a@example.com;transport=tls";
    assert_eq!(severity(tls, Profile::Restcomm, "sip-uri/unsupported-transport"), Some(Severity::Error));
    assert_eq!(severity(tls, Profile::Twilio, "sip-uri/unsupported-transport"), Some(Severity::Info));
    let sips = "sips:a@example.com";
    assert_eq!(severity(sips, Profile::RestcommConnect, "sip-uri/sips-unsupported"), Some(Severity::Error));
    assert_eq!(severity(sips, Profile::Twilio, "sip-uri/sips-unsupported"), Some(Severity::Info));
    let bare = "sip:a@example.com?foo=1";
    assert_eq!(severity(bare, Profile::Restcomm, "sip-uri/header-without-x-prefix"), Some(Severity::Info));
    assert_eq!(severity(bare, Profile::Twilio, "sip-uri/header-without-x-prefix"), Some(Severity::Error));
    let eq = "sip:a@example.com?X-a=b=c";
    assert_eq!(
        severity(eq, Profile::RestcommConnect, "sip-uri/unescaped-header-value"),
        Some(Severity::Warning)
    );
    assert_eq!(severity(eq, Profile::Twilio, "sip-uri/unescaped-header-value"), Some(Severity::Error));
}

#[test]
fn length_readings_are_options() {
    let mut options = sip_uri::ParseOptions::default();
    let uri = format!("sip:{}@example.com?X-a=1", "a".repeat(233)); // 250 before `?`, 256 in all
    let codes = |o: &sip_uri::ParseOptions| {
        sip_uri::parse_with(&uri, Profile::Restcomm, o).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    };
    assert!(codes(&options).is_empty());
    options.lengths.uri_includes_headers = true;
    assert_eq!(codes(&options), ["sip-uri/too-long"]);
}

/// The URI inside a rule example document, XML entities decoded.
fn example_uri(document: &str) -> String {
    document
        .trim_start_matches("<Response><Dial><Sip>")
        .trim_end_matches("</Sip></Dial></Response>")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn rule_examples_trigger_and_fixed_examples_do_not() {
    assert!(!RULES.is_empty());
    for rule in RULES {
        assert!(rule.code.starts_with("sip-uri/"), "{}", rule.code);
        assert!(rule.wrong.starts_with("<Response><Dial><Sip>"), "{}: wrong is a full document", rule.code);
        let wrong = example_uri(rule.wrong);
        let right = example_uri(rule.right);
        let triggered = Profile::ALL
            .into_iter()
            .filter(|p| rule.severity.get(*p).is_some())
            .any(|p| sip_uri::parse(&wrong, p).diagnostics.iter().any(|d| d.code == rule.code));
        assert!(triggered, "{}: `wrong` ({wrong}) does not trigger it", rule.code);
        for p in Profile::ALL {
            assert!(
                !sip_uri::parse(&right, p).diagnostics.iter().any(|d| d.code == rule.code),
                "{}: `right` ({right}) triggers it under {p}",
                rule.code
            );
        }
    }
}
