//! The SIP URI table (`tests/fixtures/sip_uri/cases.json`), run under every profile.
//!
//! Each case gives its provenance, the input, the expected RFC verdict, the expected
//! components (every key written is compared; `uri: null` means no SIP structure) and the
//! expected codes, either one list for every profile or one list per profile.
//!
//! `SIP_URI_CASES=word` runs only the cases whose name contains `word`; `BLESS=1` rewrites the
//! components and codes from the parser's output (review the diff). Failures are listed
//! together at the end.

use rcml_sip::sip_uri::{self, to_json_value};
use rcml_sip::Profile;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sip_uri/cases.json");

fn codes_of(input: &str, profile: Profile) -> Vec<String> {
    let parsed = sip_uri::parse(input, profile);
    let set: BTreeSet<String> = parsed.diagnostics.iter().map(|d| d.code.to_owned()).collect();
    set.into_iter().collect()
}

fn expected_codes(case: &Map<String, Value>, profile: Profile) -> Option<Vec<String>> {
    let codes = case.get("codes")?;
    let list = match codes {
        Value::Array(_) => codes,
        Value::Object(by_profile) => by_profile.get(profile.as_str())?,
        _ => return None,
    };
    let mut out: Vec<String> =
        list.as_array()?.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    out.sort();
    out.dedup();
    Some(out)
}

fn check_case(case: &Map<String, Value>, failures: &mut Vec<String>) {
    let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
    let Some(input) = case.get("input").and_then(Value::as_str) else {
        failures.push(format!("{name}: no input"));
        return;
    };
    let fail =
        |failures: &mut Vec<String>, what: String| failures.push(format!("{name} ({input:?}): {what}"));
    let parsed = sip_uri::parse(input, Profile::Restcomm);
    let actual = to_json_value(&parsed);
    if case.get("valid") != actual.get("valid") {
        fail(failures, format!("valid: expected {:?}, got {}", case.get("valid"), parsed.valid));
    }
    match (case.get("uri"), actual.get("uri")) {
        (Some(Value::Null), Some(Value::Null)) | (None, _) => {}
        (Some(Value::Object(expected)), Some(Value::Object(got))) => {
            for (key, want) in expected {
                if got.get(key) != Some(want) {
                    fail(
                        failures,
                        format!("uri.{key}: expected {want}, got {}", got.get(key).unwrap_or(&Value::Null)),
                    );
                }
            }
        }
        (want, got) => fail(failures, format!("uri: expected {want:?}, got {got:?}")),
    }
    for profile in Profile::ALL {
        let Some(want) = expected_codes(case, profile) else {
            fail(failures, "no expected codes".to_owned());
            break;
        };
        let got = codes_of(input, profile);
        if got != want {
            fail(failures, format!("codes under {profile}: expected {want:?}, got {got:?}"));
        }
        let parsed = sip_uri::parse(input, profile);
        for d in &parsed.diagnostics {
            let (s, e) = (d.range.start.offset as usize, d.range.end.offset as usize);
            if s > e || input.get(s..e).is_none() {
                fail(failures, format!("{}: span {s}..{e} is not a slice of the input", d.code));
            }
            if let Some(pw) = parsed.uri.as_ref().and_then(|u| u.password.as_ref()) {
                let text = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
                if pw.raw.len() >= 3 && text.contains(&pw.raw) {
                    fail(failures, format!("{}: the message shows the password", d.code));
                }
            }
        }
    }
}

/// The case rewritten from the parser's output (BLESS=1), one key per line in a fixed order
/// with compact values, so that a diff shows exactly which case changed.
fn blessed(case: &Map<String, Value>) -> String {
    let input = case.get("input").and_then(Value::as_str).unwrap_or("");
    let actual = to_json_value(&sip_uri::parse(input, Profile::Restcomm));
    let per: Vec<Vec<String>> = Profile::ALL.iter().map(|p| codes_of(input, *p)).collect();
    let codes = if per.iter().all(|c| c == &per[0]) {
        json!(per[0])
    } else {
        json!({ "restcomm": per[0], "restcomm-connect": per[1], "twilio": per[2] })
    };
    let mut fields = Vec::new();
    for key in ["name", "source", "note", "input"] {
        if let Some(v) = case.get(key) {
            fields.push((key, v.clone()));
        }
    }
    fields.push(("valid", actual["valid"].clone()));
    fields.push(("uri", actual["uri"].clone()));
    fields.push(("codes", codes));
    let lines: Vec<String> = fields.iter().map(|(k, v)| format!("    {}: {}", json!(k), v)).collect();
    format!("  {{\n{}\n  }}", lines.join(",\n"))
}

#[test]
fn sip_uri_cases() {
    let text = std::fs::read_to_string(PATH).expect("cases.json is readable");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("cases.json is JSON");
    if std::env::var_os("BLESS").is_some() {
        let out: Vec<String> = cases.iter().filter_map(Value::as_object).map(blessed).collect();
        std::fs::write(PATH, format!("[\n{}\n]\n", out.join(",\n"))).expect("cases.json is writable");
        return;
    }
    let filter = std::env::var("SIP_URI_CASES").unwrap_or_default();
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    let mut run = 0;
    for case in cases.iter().filter_map(Value::as_object) {
        let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
        if !names.insert(name.to_owned()) {
            failures.push(format!("{name}: duplicate case name"));
        }
        if !name.contains(&filter) {
            continue;
        }
        run += 1;
        check_case(case, &mut failures);
    }
    assert!(filter.is_empty() || run > 0, "no case matches SIP_URI_CASES={filter}");
    assert!(filter.is_empty() || run == cases.len() || run > 0);
    if filter.is_empty() {
        assert!(cases.len() >= 120, "the table has {} cases; at least 120 are required", cases.len());
    }
    assert!(failures.is_empty(), "{} of {run} cases failed:\n{}", failures.len(), failures.join("\n"));
}
