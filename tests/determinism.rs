//! Determinism (issue 7 item 5): each case of `tests/fixtures/determinism/cases.rs` gives, in
//! this build, exactly the bytes committed beside it, twice in a row, and after a round trip of
//! the scenario through `serde_json::Value` (what the JavaScript face does). Built for
//! wasm32 (`wasm-bindgen-test`), the same cases must give the same bytes there: add
//! `--test determinism` to the wasm test command. `BLESS=1` rewrites them: review the diff.

#[path = "fixtures/determinism/cases.rs"]
mod cases;

use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;

fn simulation_json(document: &str, scenario: &str, profile: &str) -> String {
    let profile: Profile = profile.parse().expect("a profile");
    let scenario = Scenario::from_json(scenario).expect("a valid scenario");
    let sim = simulate(document, &scenario, &Options::with_profile(profile));
    serde_json::to_string(&sim).expect("serialises") + "\n"
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_case_gives_the_committed_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/determinism");
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for &(name, profile, document, scenario, expected) in cases::CASES {
        assert!(document.is_ascii(), "{name}: documents stay ASCII (offsets equal in UTF-16)");
        let actual = simulation_json(document, scenario, profile);
        assert_eq!(actual, simulation_json(document, scenario, profile), "{name} {profile}: two runs differ");
        let value: serde_json::Value = serde_json::from_str(scenario).expect("JSON");
        let again = simulation_json(document, &value.to_string(), profile);
        assert_eq!(actual, again, "{name} {profile}: the scenario's JSON spelling changed the result");
        if actual != expected {
            if bless {
                std::fs::write(dir.join(format!("{name}.{profile}.expected.json")), &actual).expect("writes");
            } else {
                failures.push(format!("{name}.{profile}.expected.json differs (BLESS=1 to accept)"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The list covers the directory: a fixture added without a line in `cases.rs` is an error.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn cases_list_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/determinism");
    let mut documents: Vec<String> = std::fs::read_dir(&dir)
        .expect("the directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".xml").map(str::to_owned))
        .collect();
    documents.sort();
    let mut listed: Vec<String> = cases::CASES.iter().map(|c| c.0.to_owned()).collect();
    listed.dedup();
    assert_eq!(documents, listed);
    for profile in Profile::ALL {
        assert_eq!(
            cases::CASES.iter().filter(|c| c.1 == profile.as_str()).count(),
            listed.len(),
            "{profile}"
        );
    }
}

/// The wasm half: byte for byte the native files.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
fn wasm_gives_the_native_bytes() {
    for &(name, profile, document, scenario, expected) in cases::CASES {
        assert_eq!(simulation_json(document, scenario, profile), expected, "{name} {profile}");
    }
}
