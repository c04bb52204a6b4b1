//! The golden scenarios again, inside WebAssembly: `simulate` must print the bytes of the
//! native expected files ("same input, same bytes, natively and in wasm", contracts §5).
//! Run by `wasm-bindgen-test` (Node):
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target
//! wasm32-unknown-unknown --no-default-features --test sim_wasm_golden`.
//! `sim_golden.rs` checks natively that every scenario without an `Engine-wrong:` line is listed
//! (`BLESS=1` rewrites the list).
#![cfg(target_arch = "wasm32")]

use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use wasm_bindgen_test::wasm_bindgen_test;

struct Golden {
    name: &'static str,
    document: &'static str,
    scenario: &'static str,
    /// restcomm, restcomm-connect, twilio
    expected: [&'static str; 3],
}

macro_rules! golden {
    ($name:literal) => {
        Golden {
            name: $name,
            document: include_str!(concat!("fixtures/sim/", $name, "/document.xml")),
            scenario: include_str!(concat!("fixtures/sim/", $name, "/scenario.json")),
            expected: [
                include_str!(concat!("fixtures/sim/", $name, "/restcomm.expected.json")),
                include_str!(concat!("fixtures/sim/", $name, "/restcomm-connect.expected.json")),
                include_str!(concat!("fixtures/sim/", $name, "/twilio.expected.json")),
            ],
        }
    };
}

fn goldens() -> Vec<Golden> {
    vec![
        golden!("action-not-http"),
        golden!("action-run-vs-not"),
        golden!("auth-401-digest"),
        golden!("auth-407-challenges-2"),
        golden!("auth-407-wrong-password"),
        golden!("auth-no-credentials"),
        golden!("bridged-next-verb"),
        golden!("busy-486-600-603"),
        golden!("busy-action-sip-params"),
        golden!("caller-dialog"),
        golden!("caller-hangup-bridged"),
        golden!("caller-hangup-ringing"),
        golden!("custom-headers-naming"),
        golden!("defaults-empty-scenario"),
        golden!("empty-dial"),
        golden!("endpoint-key-fallback"),
        golden!("failed-404-500-503-action-chain"),
        golden!("fork-10"),
        golden!("fork-2-first-200-wins"),
        golden!("fork-all-fail"),
        golden!("fork-sip-number-client"),
        golden!("gather-digits-action"),
        golden!("guard-action-loop"),
        golden!("guard-redirect-loop"),
        golden!("hangup-on-star-next-verb"),
        golden!("header-value-equals"),
        golden!("no-answer-default-timeout"),
        golden!("no-answer-timeout"),
        golden!("record-without-action-loops"),
        golden!("redirect-3xx"),
        golden!("redirect-chain"),
        golden!("reject-487"),
        golden!("reject-busy"),
        golden!("relative-urls"),
        golden!("screening-404"),
        golden!("screening-dial"),
        golden!("screening-hangup"),
        golden!("screening-method-put"),
        golden!("screening-ok-params"),
        golden!("screening-slow"),
        golden!("scripted-183-180"),
        golden!("scripted-with-auth"),
        golden!("seed-authentication"),
        golden!("seed-custom-headers"),
        golden!("seed-dial-multiple"),
        golden!("seed-sip-basic"),
        golden!("seed-sip-fragment"),
        golden!("seed-transport"),
        golden!("seed-video-name"),
        golden!("sip-host-invalid"),
        golden!("sip-port-invalid"),
        golden!("status-events-absent"),
        golden!("status-events-commas"),
        golden!("status-events-spaces"),
        golden!("status-events-subset"),
        golden!("time-limit"),
        golden!("time-limit-default"),
        golden!("timeout-invalid"),
        golden!("timestamp-two-digit-day"),
        golden!("transport-sips-tcp"),
        golden!("transport-sips-tls"),
        golden!("transport-udp-tls"),
        golden!("unparseable-two-ampersands"),
        golden!("verbs-before-dial"),
        golden!("video-enabled"),
    ]
}

#[wasm_bindgen_test]
fn wasm_simulations_are_byte_identical_to_the_native_ones() {
    let mut differ = Vec::new();
    for golden in goldens() {
        let scenario = match Scenario::from_json(golden.scenario) {
            Ok(s) => s,
            Err(e) => panic!("{}: {e}", golden.name),
        };
        for (profile, expected) in Profile::ALL.into_iter().zip(golden.expected) {
            let simulation = simulate(golden.document, &scenario, &Options::with_profile(profile));
            let mut text = serde_json::to_string_pretty(&simulation).unwrap_or_default();
            text.push('\n');
            if text != expected {
                differ.push(format!("{} [{profile}]", golden.name));
            }
        }
    }
    assert!(differ.is_empty(), "wasm output differs from the native expected file: {differ:?}");
}

/// `simulate`'s reading of a scenario object (`JSON.parse` of the file, no text in the
/// .wasm) gives the Scenario of the command line's reading of the file.
#[cfg(feature = "wasm-sim")]
#[wasm_bindgen_test]
fn scenario_objects_read_as_their_files() {
    for golden in goldens() {
        let object = js_sys::JSON::parse(golden.scenario).unwrap_or(wasm_bindgen::JsValue::NULL);
        let from_js = rcml_sip::wasm::scenario_from_js(&object).ok();
        assert_eq!(from_js, Scenario::from_json(golden.scenario).ok(), "{}", golden.name);
        assert!(from_js.is_some(), "{}", golden.name);
    }
}
