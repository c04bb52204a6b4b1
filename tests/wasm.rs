//! The JavaScript bindings (`src/wasm`), run by `wasm-bindgen-test` in Node and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium (`scripts/test-wasm.sh`).
//!
//! UTF-16 expectations are computed here independently of `LineIndex` (by encoding the
//! source prefix), so the conversion at the edge is checked, not restated.
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use js_sys::{Array, Function, Reflect};
use rcml_sip::cli::{self, Files};
use rcml_sip::sim::Scenario;
use rcml_sip::wasm;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn undef() -> JsValue {
    JsValue::UNDEFINED
}

fn js(value: &Value) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(value, &serializer).unwrap_or(JsValue::NULL)
}

fn rust(value: &JsValue) -> Value {
    serde_wasm_bindgen::from_value(value.clone()).unwrap_or(Value::Null)
}

fn ok(result: Result<JsValue, JsError>) -> JsValue {
    match result {
        Ok(v) => v,
        Err(e) => panic!("unexpected error: {}", error_text(e)),
    }
}

fn error_text(e: JsError) -> String {
    let value = JsValue::from(e);
    value.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

fn err(result: Result<JsValue, JsError>) -> String {
    match result {
        Ok(v) => panic!("expected an Error, got {:?}", rust(&v)),
        Err(e) => error_text(e),
    }
}

fn utf16_len(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

/// The UTF-16 position of byte `offset`: (offset, 1-based line, 1-based column).
fn utf16_position(source: &str, offset: usize) -> (u64, u64, u64) {
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() as u64 + 1;
    (utf16_len(before), line, utf16_len(&before[line_start..]) + 1)
}

/// The JS view of `source.slice(start, end)` for UTF-16 offsets.
fn js_slice(source: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = source.encode_utf16().collect();
    String::from_utf16_lossy(&units[start as usize..end as usize])
}

/// A document with astral (emoji), BMP (CJK, accented) characters before its problems, on
/// the same line and on earlier lines.
const WIDE: &str = "<Response>\n  <Say>é😀 中文テスト 👩‍👩‍👧</Say>\n  <Dial><Sip>sip:😀@example.com:99999?a=1&b=2</Sip></Dial>\n</Response>\n";

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn validate_converts_every_offset_to_utf16() {
    let core = rcml_sip::validate(WIDE, &rcml_sip::Options::default());
    assert!(core.len() >= 2, "the document must have several diagnostics: {core:?}");
    assert!(core.iter().any(|d| !d.fixes.is_empty()), "at least one fix must be checked");
    let out = rust(&ok(wasm::validate(JsValue::from_str(WIDE), undef())));
    let out = out.as_array().cloned().unwrap_or_default();
    assert_eq!(out.len(), core.len());
    for (d, js) in core.iter().zip(&out) {
        assert_eq!(js["code"], d.code);
        assert_eq!(js["message"], d.message.as_str());
        for (key, pos) in [("start", d.range.start), ("end", d.range.end)] {
            let (offset, line, column) = utf16_position(WIDE, pos.offset as usize);
            assert_eq!(
                js["range"][key],
                json!({ "offset": offset, "line": line, "column": column }),
                "{}",
                d.code
            );
        }
        let (start, end) = (&js["range"]["start"]["offset"], &js["range"]["end"]["offset"]);
        let text = js_slice(WIDE, start.as_u64().unwrap_or(0), end.as_u64().unwrap_or(0));
        assert_eq!(text, d.text_range().slice(WIDE), "{}: JS slice and byte slice differ", d.code);
        for (fix, js_fix) in d.fixes.iter().zip(js["fixes"].as_array().cloned().unwrap_or_default()) {
            for (edit, js_edit) in
                fix.edits.iter().zip(js_fix["edits"].as_array().cloned().unwrap_or_default())
            {
                assert_eq!(js_edit["start"], utf16_position(WIDE, edit.start as usize).0);
                assert_eq!(js_edit["end"], utf16_position(WIDE, edit.end as usize).0);
                assert_eq!(js_edit["text"], edit.text.as_str());
            }
        }
    }
    // The port is on line 3, after an emoji counted as two code units.
    let port = out.iter().find(|d| d["code"] == "sip-uri/invalid-port");
    let port = port.cloned().unwrap_or_default();
    let start = port["range"]["start"]["offset"].as_u64().unwrap_or(0);
    assert_eq!(js_slice(WIDE, start, start + 5), "99999");
    assert_eq!(port["range"]["start"]["line"], 3);
}

#[wasm_bindgen_test]
fn absent_values_are_null_and_objects_are_plain() {
    let d = ok(wasm::validate(
        JsValue::from_str("<Response><Dial><Sip>sip:a@b:99999</Sip></Dial></Response>"),
        undef(),
    ));
    let first = Array::from(&d).get(0);
    assert!(first.is_object());
    assert!(!first.is_instance_of::<js_sys::Map>(), "diagnostics must be plain objects");
    let keys: Vec<String> = js_sys::Object::keys(first.unchecked_ref::<js_sys::Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    assert_eq!(keys, ["code", "severity", "message", "range", "help", "fixes", "profileNote"]);
    let note = Reflect::get(&first, &"profileNote".into()).unwrap_or(JsValue::UNDEFINED);
    assert!(note.is_null() || note.is_string(), "profileNote is null or a string, never undefined");
}

#[wasm_bindgen_test]
fn a_clean_document_gives_an_empty_array() {
    let doc = "<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>";
    assert_eq!(rust(&ok(wasm::validate(JsValue::from_str(doc), undef()))), json!([]));
}

#[wasm_bindgen_test]
fn the_profile_option_selects_the_profile() {
    let doc = "<Response><Dial><Sip name=\"x\">sip:alice@example.com</Sip></Dial></Response>";
    for profile in rcml_sip::Profile::ALL {
        let core = rcml_sip::validate(doc, &rcml_sip::Options::with_profile(profile));
        let out =
            rust(&ok(wasm::validate(JsValue::from_str(doc), js(&json!({ "profile": profile.as_str() })))));
        let codes: Vec<&str> = core.iter().map(|d| d.code).collect();
        let js_codes: Vec<&str> =
            out.as_array().into_iter().flatten().filter_map(|d| d["code"].as_str()).collect();
        assert_eq!(js_codes, codes, "{profile}");
    }
}

#[wasm_bindgen_test]
fn bad_arguments_throw_errors_that_name_the_problem() {
    assert_eq!(err(wasm::validate(JsValue::from_f64(1.0), undef())), "validate: `source` must be a string");
    let unknown =
        err(wasm::validate(JsValue::from_str("<Response/>"), js(&json!({ "profile": "asterisk" }))));
    assert!(unknown.starts_with("validate: unknown profile `asterisk`"), "{unknown}");
    let typo = err(wasm::validate(JsValue::from_str(""), js(&json!({ "profle": "twilio" }))));
    assert!(typo.contains("profle"), "{typo}");
    let not_object = err(wasm::parse_sip_uri(JsValue::from_str("sip:a@b"), JsValue::from_str("twilio")));
    assert!(not_object.starts_with("parseSipUri: `options` must be an object"), "{not_object}");
    let wrong_type = err(wasm::parse_sip_uri(JsValue::from_str("sip:a@b"), js(&json!({ "profile": 3 }))));
    assert!(wrong_type.starts_with("parseSipUri: invalid `options`"), "{wrong_type}");
    // null and undefined options mean the defaults.
    assert!(wasm::validate(JsValue::from_str(""), JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
fn parse_sip_uri_has_the_cli_shape_with_utf16_offsets() {
    let input = "  sip:中文:secret@example.com:70000;transport=tcp";
    let out = rust(&ok(wasm::parse_sip_uri(JsValue::from_str(input), undef())));
    let native =
        rcml_sip::sip_uri::to_json_value(&rcml_sip::parse_sip_uri(input, rcml_sip::Profile::default()));
    assert_eq!(out["valid"], native["valid"]);
    assert_eq!(out["uri"], native["uri"]);
    assert_eq!(out["uri"]["password"], "***", "the password is never echoed");
    assert!(!out.to_string().contains("secret"));
    let port = out["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "sip-uri/invalid-port"))
        .cloned();
    let port = port.unwrap_or_default();
    let start = port["range"]["start"]["offset"].as_u64().unwrap_or(0);
    let end = port["range"]["end"]["offset"].as_u64().unwrap_or(0);
    assert_eq!(js_slice(input, start, end), "70000");
    let byte = input.find("70000").unwrap_or(0);
    assert_eq!(port["range"]["start"]["column"], utf16_position(input, byte).2);
}

#[wasm_bindgen_test]
fn simulate_reads_the_scenario_through_the_core() {
    let doc = "<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>";
    let out = rust(&ok(wasm::simulate(JsValue::from_str(doc), undef(), undef())));
    assert_eq!(out["profile"], "restcomm");
    let twilio =
        rust(&ok(wasm::simulate(JsValue::from_str(doc), JsValue::NULL, js(&json!({ "profile": "twilio" })))));
    assert_eq!(twilio["profile"], "twilio");
    let native = rcml_sip::sim::simulate(doc, &Scenario::default(), &rcml_sip::Options::default());
    let native = serde_json::to_value(&native).unwrap_or_default();
    assert_eq!(out, native, "an ASCII document's simulation is the CLI's JSON");
    // A bad scenario is rejected exactly as the core rejects it, with its JSON path.
    for scenario in [json!({ "seed": 1 }), json!({ "bogus": 1 }), json!({ "seed": "one" })] {
        let result = wasm::simulate(JsValue::from_str(doc), js(&scenario), undef());
        match Scenario::from_json(&scenario.to_string()) {
            Ok(_) => assert!(result.is_ok(), "{scenario}"),
            Err(e) => assert_eq!(err(result), format!("simulate: {e}")),
        }
    }
    assert!(err(wasm::simulate(JsValue::from_str(doc), JsValue::from_str("{}"), undef()))
        .contains("`scenario` must be an object"));
}

#[wasm_bindgen_test]
fn rules_and_profiles_are_the_catalogue() {
    let rules = rust(&ok(wasm::rules()));
    let rules = rules.as_array().cloned().unwrap_or_default();
    assert_eq!(rules.len(), rcml_sip::rules().count());
    for (rule, js) in rcml_sip::rules().zip(&rules) {
        // Exactly contracts.md §6's fields, in every build: the long-form docs (explanation,
        // wrong, right) are `rcml-sip/rules`, not in the browsers' .wasm.
        let keys = js.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys.unwrap_or_default(), ["code", "summary", "severity", "row", "docsAnchor"]);
        assert_eq!(js["code"], rule.code);
        assert_eq!(js["summary"], rule.summary);
        assert_eq!(js["row"], json!(rule.row));
        assert_eq!(js["docsAnchor"], rule.docs_anchor());
        let severities = js["severity"].as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(severities.unwrap_or_default(), ["restcomm", "restcomm-connect", "twilio"]);
    }
    assert_eq!(rust(&ok(wasm::profiles())), json!(["restcomm", "restcomm-connect", "twilio"]));
}

/// `xmlElements` is in the Node build only (feature `wasm-cli`): `make pkg` writes
/// `rcml-sip/codemirror`'s schema data with it.
#[cfg(feature = "wasm-cli")]
#[wasm_bindgen_test]
fn xml_elements_follow_the_profile() {
    let restcomm = rust(&ok(wasm::xml_elements(undef())));
    assert_eq!(restcomm, rcml_sip::rcml::schema::schema_json(rcml_sip::Profile::Restcomm));
    let twilio = rust(&ok(wasm::xml_elements(js(&json!({ "profile": "twilio" })))));
    assert_eq!(twilio, rcml_sip::rcml::schema::schema_json(rcml_sip::Profile::Twilio));
    let wrong_type = err(wasm::xml_elements(js(&json!({ "profile": 3 }))));
    assert!(wrong_type.starts_with("xmlElements: invalid `options`"), "{wrong_type}");
}

struct Memory(&'static str);

impl Files for Memory {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "a.xml" {
            Ok(self.0.as_bytes().to_vec())
        } else {
            Err("No such file or directory (os error 2)".to_owned())
        }
    }
}

#[wasm_bindgen_test]
fn run_cli_is_the_command_line() {
    let reader = Function::new_with_args(
        "path",
        "if (path === 'a.xml') return new TextEncoder().encode(globalThis.__rcmlDoc);\
         throw new Error('No such file or directory (os error 2)');",
    );
    let _ = Reflect::set(&js_sys::global(), &"__rcmlDoc".into(), &JsValue::from_str(WIDE));
    let cases: [&[&str]; 6] = [
        &["check", "a.xml"],
        &["check", "--format", "json", "--offsets", "utf16", "a.xml", "missing.xml"],
        &["uri", "sip:alice@example.com:5070;transport=tls"],
        &["rules"],
        &["--version"],
        &["frobnicate"],
    ];
    for args in cases {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let native = cli::run(&args, &Memory(WIDE));
        let out = rust(&ok(wasm::run_cli(args.clone(), &reader)));
        assert_eq!(
            out,
            json!({ "stdout": native.stdout, "stderr": native.stderr, "code": native.code }),
            "{args:?}"
        );
    }
    // A reader that returns something other than bytes is a read error, not a crash.
    let wrong = Function::new_with_args("path", "return 'text';");
    let out = rust(&ok(wasm::run_cli(vec!["check".into(), "a.xml".into()], &wrong)));
    assert_eq!(out["code"], 2);
}

#[wasm_bindgen_test]
fn simulate_converts_verb_ranges_of_every_document() {
    let source = "<Response>\n<Say>😀 中文</Say>\n<Redirect>http://app.test/next</Redirect>\n</Response>";
    let next = "<Response><Say>é😀</Say><Hangup/></Response>";
    let scenario = json!({ "http": { "http://app.test/next": { "status": 200, "contentType": "text/xml", "body": next } } });
    let core_scenario = Scenario::from_json(&scenario.to_string()).unwrap_or_default();
    let native = rcml_sip::sim::simulate(source, &core_scenario, &rcml_sip::Options::default());
    let native = serde_json::to_value(&native).unwrap_or_default();
    let out = rust(&ok(wasm::simulate(JsValue::from_str(source), js(&scenario), undef())));
    let verbs = |v: &Value| -> Vec<Value> {
        v["events"].as_array().into_iter().flatten().filter(|e| e["kind"] == "verb").cloned().collect()
    };
    let (native_verbs, js_verbs) = (verbs(&native), verbs(&out));
    assert_eq!(native_verbs.len(), js_verbs.len());
    let documents: Vec<&str> = js_verbs.iter().filter_map(|e| e["document"].as_str()).collect();
    assert!(documents.contains(&"http://app.test/next"), "the redirect ran: {documents:?}");
    assert!(documents.iter().any(|d| *d != "http://app.test/next"), "{documents:?}");
    for (n, j) in native_verbs.iter().zip(&js_verbs) {
        let text = if j["document"] == "http://app.test/next" { next } else { source };
        for key in ["start", "end"] {
            let byte = n["range"][key]["offset"].as_u64().unwrap_or(0) as usize;
            let (offset, line, column) = utf16_position(text, byte);
            assert_eq!(j["range"][key], json!({ "offset": offset, "line": line, "column": column }), "{j}");
        }
        let (s, e) = (&j["range"]["start"]["offset"], &j["range"]["end"]["offset"]);
        let slice = js_slice(text, s.as_u64().unwrap_or(0), e.as_u64().unwrap_or(0));
        assert!(slice.starts_with(&format!("<{}", j["verb"].as_str().unwrap_or("?"))), "{slice}");
    }
}

// ---------------------------------------------------------------- the scenario as a JS object

/// The value of a JavaScript expression (through `Function`, as `run_cli_is_the_command_line`).
fn js_eval(expression: &str) -> JsValue {
    let f = Function::new_no_args(&format!("return ({expression});"));
    f.call0(&JsValue::NULL).unwrap_or_else(|e| panic!("{expression}: {e:?}"))
}

/// `simulate`'s reading of a JS scenario: the Scenario, or the Error's message.
fn read(scenario: &JsValue) -> Result<Scenario, String> {
    wasm::scenario_from_js(scenario).map_err(error_text)
}

/// The reading of a JSON text by the core, as `simulate` reports it.
fn core_read(json: &str) -> Result<Scenario, String> {
    Scenario::from_json(json).map_err(|e| format!("simulate: {e}"))
}

/// Every scenario of the tests that assert scenario messages (tests/sim_golden.rs,
/// src/sim/scenario.rs), good and bad.
const SCENARIOS: &[&str] = &[
    "{}",
    r#"{"sede": 1}"#,
    r#"{"seed": "one"}"#,
    r#"{"seed": 1.5}"#,
    r#"{"seed": -1}"#,
    r#"{"seed": 1e21}"#,
    r#"{"start": 5}"#,
    r#"{"start":"yesterday"}"#,
    r#"{"documentUrl":"app/rcml"}"#,
    r#"{"call": {"hangupAt": 5}}"#,
    r#"{"call": {"hangupAtMs": "soon"}}"#,
    r#"{"call": {"hangupAtMs": null, "from": null}}"#,
    r#"{"call": {"digits": [{"atMs": 1, "digits": "1"}, {"atms": 2}]}}"#,
    r#"{"call":{"digits":[{"atMs":1,"digits":"x"}]}}"#,
    r#"{"call":{"digits":[null]}}"#,
    r#"{"call":{"digits":{"atMs":1}}}"#,
    r#"{"endpoints": {"sip:alice@example.com": {"answerAtMs": "soon"}}}"#,
    r#"{"endpoints":{"sip:a@b":{"answerAtMS":1}}}"#,
    r#"{"endpoints": {"*": {"auth": {"status": 407, "relm": "x"}}}}"#,
    r#"{"endpoints": {"*": {"auth": {"status": 403}}}}"#,
    r#"{"endpoints": {"x": {"script": [{"atMs": 0, "status": 180, "header": {}}]}}}"#,
    r#"{"endpoints": {"x": {"script": [{"status": 180}]}}}"#,
    r#"{"endpoints": {"x": {"headers": {"X-A": 1}}}}"#,
    r#"{"endpoints": {"x": {"rejectStatus": 200}}}"#,
    r#"{"endpoints": {"a\nb\u0001\"": {"ringAtMs": true}}}"#,
    r#"{"endpoints": []}"#,
    r#"{"http": {"*": {"status": "200"}}}"#,
    r#"{"http":{"*":{"status":99}}}"#,
    r#"{"http": {"http://a.test/": {"delay": 5}}}"#,
    r#"{"media": {"u": {"durationMs": -1}}}"#,
    r#"{"media": {"u": 5}}"#,
    "[1]",
    r#"{ "seed": 7, "start": "2026-11-29T10:00:00+01:00", "documentUrl": "http://app.test/rcml",
      "call": { "from": "bob", "to": "+15550001111", "hangupAtMs": 60000, "digits": [ { "atMs": 5000, "digits": "*1#" } ] },
      "endpoints": { "sip:alice@127.0.0.1:5080": { "ringAtMs": 1000, "answerAtMs": 3000, "rejectAtMs": null,
          "rejectStatus": 486, "hangupAtMs": 13000, "headers": { "X-Room": "12", "X-B": "é😀" },
          "auth": { "status": 407, "realm": "example.com", "username": "alice", "password": "secret",
                    "challengeAtMs": 0, "challenges": 2, "qop": false } },
        "*": { "script": [ { "atMs": 3000, "status": 200, "headers": {} }, { "atMs": 0, "status": 100 } ] } },
      "http": { "http://app.test/screen": { "status": 200, "contentType": "text/xml", "body": "<Response/>", "delayMs": 5 },
                "*": { "status": 404, "body": "" } },
      "media": { "http://app.test/hold.mp3": { "durationMs": 12000 }, "http://app.test/b.mp3": {} } }"#,
];

#[wasm_bindgen_test]
fn a_scenario_object_reads_as_its_json_text() {
    for json in SCENARIOS {
        let object = js_sys::JSON::parse(json).unwrap_or_else(|e| panic!("{json}: {e:?}"));
        assert_eq!(read(&object), core_read(json), "{json}");
    }
}

#[wasm_bindgen_test]
fn values_json_cannot_hold_read_as_json_stringify_writes_them() {
    for (expression, json) in [
        // undefined, functions and symbols: absent in objects (even under unknown keys), null in arrays.
        ("{ seed: undefined, bogus: undefined, f: () => 1, s: Symbol('x') }", "{}"),
        ("{ call: { digits: [undefined] } }", r#"{"call":{"digits":[null]}}"#),
        ("{ call: { digits: [() => 1] } }", r#"{"call":{"digits":[null]}}"#),
        // NaN and the infinities are null, so absent.
        (
            "{ seed: NaN, call: { hangupAtMs: Infinity }, endpoints: { x: { ringAtMs: -Infinity } } }",
            r#"{"endpoints":{"x":{}}}"#,
        ),
        // A hole in an array is null.
        (
            "{ call: { digits: [, { atMs: 1, digits: '1' }] } }",
            r#"{"call":{"digits":[null,{"atMs":1,"digits":"1"}]}}"#,
        ),
        // toJSON is called (a Date is its ISO string), with the key as its argument.
        ("{ start: new Date(Date.UTC(2026, 10, 29, 9, 0, 0)) }", r#"{"start":"2026-11-29T09:00:00.000Z"}"#),
        ("{ seed: { toJSON(key) { return key === 'seed' ? 7 : 0; } } }", r#"{"seed":7}"#),
        ("{ toJSON() { return { seed: 3 }; } }", r#"{"seed":3}"#),
        // Only own enumerable string keys, in Object.keys order.
        ("Object.assign(Object.create({ bogus: 1 }), { seed: 2 })", r#"{"seed":2}"#),
        (
            "{ endpoints: { b: {}, 2: { ringAtMs: 'x' }, a: { ringAtMs: [] }, 1: { ringAtMs: {} } } }",
            r#"{"endpoints":{"1":{"ringAtMs":{}},"2":{"ringAtMs":"x"},"b":{},"a":{"ringAtMs":[]}}}"#,
        ),
        // Boxed primitives are objects here (JSON.stringify unboxes them): an error naming the path.
        ("{ seed: new Number(1) }", r#"{"seed":{}}"#),
        // The largest safe integer is read; -0 is 0.
        (
            "{ seed: Number.MAX_SAFE_INTEGER, call: { hangupAtMs: -0 } }",
            r#"{"seed":9007199254740991,"call":{"hangupAtMs":0}}"#,
        ),
        // A number past 2^53 is not read as an integer (it may not be the one written; see
        // refused_numbers_are_shown_as_javascript_writes_them): a BigInt is.
        (
            "{ seed: 18446744073709551615n, call: { hangupAtMs: 5n } }",
            r#"{"seed":18446744073709551615,"call":{"hangupAtMs":5}}"#,
        ),
        ("{ seed: -5n }", r#"{"seed":-5}"#),
    ] {
        let object = js_eval(expression);
        assert_eq!(read(&object), core_read(json), "{expression}");
    }
}

#[wasm_bindgen_test]
fn lone_surrogates_become_replacement_characters() {
    // As in `source`: one UTF-16 code unit for one, so the document's offsets still line up.
    let object = js_eval(
        r#"{ call: { from: "a\uD800b" }, http: { "*": { body: "<Response><Say>\uDC00</Say></Response>" } } }"#,
    );
    let json =
        r#"{"call":{"from":"a\uFFFDb"},"http":{"*":{"body":"<Response><Say>\uFFFD</Say></Response>"}}}"#;
    assert_eq!(read(&object), core_read(json));
}

#[wasm_bindgen_test]
fn scenarios_that_are_not_json_data_are_errors_not_traps() {
    let doc = JsValue::from_str("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>");
    for (expression, needle) in [
        ("(() => { const s = { call: {} }; s.call.self = s; return s; })()", "nested deeper than 128"),
        ("(() => { const a = []; a.push(a); return { call: { digits: a } }; })()", "nested deeper than 128"),
        ("(() => { let o = {}; for (let i = 0; i < 100000; i++) o = { call: o }; return o; })()", "nested deeper than 128"),
        ("(() => { let o = [0]; for (let i = 0; i < 40; i++) o = [o, o]; return { x: o }; })()", "more than 100000 values"),
        ("(() => { const s = 'x'.repeat(1 << 25); return { http: { a: { body: s }, b: { body: s }, c: { body: s } } }; })()", "more than 67108864 characters"),
        ("{ seed: 18446744073709551616n }", "a BigInt outside the 64-bit range"),
        ("{ seed: -9223372036854775809n }", "a BigInt outside the 64-bit range"),
        ("{ get seed() { throw new Error('boom'); } }", "boom"),
        ("{ seed: { toJSON() { throw new TypeError('no JSON'); } } }", "no JSON"),
        ("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return { call: p.proxy }; })()", "revoked"),
        ("new Proxy({}, { ownKeys() { throw new Error('keys'); } })", "keys"),
        // JSON.stringify writes a Map or a Set as `{}`: a scenario would silently lose its endpoints.
        ("{ endpoints: new Map([['*', { ringAtMs: 1 }]]) }", "a Map, which JSON cannot hold"),
        ("{ endpoints: { '*': new Set([1]) } }", "a Set, which JSON cannot hold"),
        ("new Map()", "a Map, which JSON cannot hold"),
    ] {
        let object = js_eval(expression);
        let message = match read(&object) {
            Ok(s) => panic!("{expression}: read as {s:?}"),
            Err(message) => message,
        };
        assert!(message.starts_with("simulate: `scenario` cannot be converted to JSON: "), "{expression}: {message}");
        assert!(message.contains(needle), "{expression}: {message}");
        // The same Error through the export, and the module still works afterwards.
        assert_eq!(err(wasm::simulate(doc.clone(), object, undef())), message);
        assert!(wasm::simulate(doc.clone(), undef(), undef()).is_ok());
    }
    // 128 nested objects are data (read, then refused by the reader at their path); 129 are not.
    let nested = |n: usize| {
        js_eval(&format!("(() => {{ let o = {{}}; for (let i = 0; i < {n}; i++) o = {{ a: o }}; return {{ call: o }}; }})()"))
    };
    let deep = read(&nested(126));
    assert!(
        deep.as_ref().is_err_and(|m| m.starts_with("simulate: invalid scenario at `call.a`")),
        "{deep:?}"
    );
    let deeper = read(&nested(127));
    assert!(deeper.as_ref().is_err_and(|m| m.contains("nested deeper than 128 levels")), "{deeper:?}");
}

/// `simulate` through the bindings, stringified by JavaScript with two-space indents: the
/// native expected files byte for byte (keys in contract order, `null`s, numbers), for
/// golden scenarios with webhooks, digest auth, notes and diagnostics (ASCII documents: no
/// offset changes in UTF-16).
#[wasm_bindgen_test]
fn simulate_objects_stringify_to_the_native_goldens() {
    macro_rules! case {
        ($name:literal) => {
            (
                $name,
                include_str!(concat!("fixtures/sim/", $name, "/document.xml")),
                include_str!(concat!("fixtures/sim/", $name, "/scenario.json")),
                [
                    include_str!(concat!("fixtures/sim/", $name, "/restcomm.expected.json")),
                    include_str!(concat!("fixtures/sim/", $name, "/restcomm-connect.expected.json")),
                    include_str!(concat!("fixtures/sim/", $name, "/twilio.expected.json")),
                ],
            )
        };
    }
    let cases = [
        case!("auth-401-digest"),
        case!("sip-host-invalid"),
        case!("screening-ok-params"),
        case!("fork-2-first-200-wins"),
    ];
    for (name, document, scenario, expected) in cases {
        let scenario = js_sys::JSON::parse(scenario).unwrap_or(JsValue::NULL);
        for (profile, expected) in rcml_sip::Profile::ALL.into_iter().zip(expected) {
            let options = js(&json!({ "profile": profile.as_str() }));
            let out = ok(wasm::simulate(JsValue::from_str(document), scenario.clone(), options));
            let text =
                js_sys::JSON::stringify_with_replacer_and_space(&out, &JsValue::NULL, &JsValue::from(2))
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default();
            assert_eq!(text + "\n", expected, "{name} [{profile}]");
        }
    }
}

/// A number no field takes is shown in the message as JavaScript writes it (`String(n)`): the
/// number as the caller wrote it, above 2^53 and in exponent notation included.
#[wasm_bindgen_test]
fn refused_numbers_are_shown_as_javascript_writes_them() {
    let cases: [(f64, &str); 10] = [
        (0.5, "0.5"),
        (-1.5, "-1.5"),
        (0.30000000000000004, "0.30000000000000004"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (9007199254740992.0, "9007199254740992"),
        (18446744073709551616.0, "18446744073709552000"),
        (1e21, "1e+21"),
        (-1e300, "-1e+300"),
        (5e-324, "5e-324"),
    ];
    for (n, text) in cases {
        let object = js_sys::Object::new();
        let _ = Reflect::set(&object, &"seed".into(), &JsValue::from_f64(n));
        let message =
            format!("simulate: invalid scenario at `seed`: expected a non-negative integer, found `{text}`");
        assert_eq!(read(&object), Err(message), "{n:e}");
    }
}

/// A bad scenario's Error names the path through an endpoint key, which is the dialled URI as
/// written: its password is masked there as on the command line (tests/secrets.rs).
#[wasm_bindgen_test]
fn scenario_errors_mask_uri_passwords() {
    let doc = JsValue::from_str("<Response><Dial><Sip>sip:alice:hunter2@example.com</Sip></Dial></Response>");
    let scenario = js(&json!({ "endpoints": { "sip:alice:hunter2@example.com": { "answerAtMs": "soon" } } }));
    let message = err(wasm::simulate(doc, scenario, undef()));
    assert!(
        message.starts_with("simulate: invalid scenario at `endpoints[\"sip:alice:*******@example.com\"]"),
        "{message}"
    );
}

/// The npm face of tests/secrets.rs: a URL's password (`http://alice:s3cret@app.test/`) is
/// shown nowhere, and the scenario still serves the document by its real URL; that document's
/// verbs still have their ranges in UTF-16 (the face finds it by the unmasked URL).
#[wasm_bindgen_test]
fn url_passwords_are_masked_in_validate_and_simulate() {
    let doc = r#"<Response><Gather action="http://alice:s3cret@app.test/g" actoin="x"/><Redirect>/next</Redirect></Response>"#;
    let diagnostics = rust(&ok(wasm::validate(JsValue::from_str(doc), undef()))).to_string();
    assert!(diagnostics.contains("actoin") && !diagnostics.contains("s3cret"), "{diagnostics}");
    let scenario = js(&json!({ "documentUrl": "http://alice:s3cret@app.test/rcml",
        "http": { "http://alice:s3cret@app.test/next": { "body": "<Response><Say>é😀</Say><Pause/></Response>" } } }));
    let sim = rust(&ok(wasm::simulate(JsValue::from_str(doc), scenario, undef())));
    assert!(!sim.to_string().contains("s3cret"), "{sim}");
    let pause = sim["events"]
        .as_array()
        .and_then(|events| events.iter().find(|e| e["verb"] == "Pause"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(pause["document"], "http://alice:***@app.test/next", "{sim}");
    let start = "<Response><Say>é😀</Say>".encode_utf16().count() as u64;
    assert_eq!(pause["range"]["start"]["offset"], start, "{pause}");
}
