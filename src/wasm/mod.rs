//! JavaScript bindings (feature `wasm`): the only code that imports `wasm-bindgen`.
//!
//! Every export is a thin adapter (contracts.md §6): read and check the arguments (a bad
//! argument is the only thing that throws, as a JS `Error` naming the function), call the core,
//! convert byte offsets to UTF-16 code units once ([`convert`]), and hand back plain objects
//! (serialised straight to JS by serde-wasm-bindgen, [`convert::to_js`]: `null` for absent
//! values, objects rather than `Map`s).
//! The exact TypeScript shapes are hand-written in `npm/index.d.ts`; `tests/wasm.rs` and the
//! package tests in `tests/js/` keep the two in step.

pub mod convert;
#[cfg(feature = "wasm-sim")]
mod js_json;

#[cfg(feature = "wasm-cli")]
use crate::cli::{self, Files};
#[cfg(feature = "wasm-sim")]
use crate::diagnostics::{Position, Range};
#[cfg(feature = "wasm-sim")]
use crate::sim::{self, EventBody, Scenario};
use crate::text::LineIndex;
#[cfg(feature = "wasm-sim")]
use convert::arg_error;
#[cfg(feature = "wasm-cli")]
use convert::value_to_js;
use convert::{options, source_arg, to_js};
#[cfg(feature = "wasm-cli")]
use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;

/// The .wasm's allocator: talc instead of std's dlmalloc (smaller, and faster on its
/// benchmarks). Single-threaded wasm only, as the package's builds are.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The crate version (`rcml-sip --version` without the name).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// `validate(source, options?)`: every diagnostic of the document, offsets and columns in
/// UTF-16 code units.
#[wasm_bindgen]
pub fn validate(source: JsValue, options_arg: JsValue) -> Result<JsValue, JsError> {
    let source = source_arg("validate", "source", &source)?;
    validate_str(&source, &options_arg)
}

/// `validate` for the package's entries (the `index` files of `npm/`), which hand a string
/// source over as the bytes of `TextEncoder.encode`: native code, about 0.4 ms per MB, where
/// wasm-bindgen's own string copy loops over the characters in JavaScript (about 1.7 ms per
/// MB). `TextEncoder` writes lone surrogates as U+FFFD, as that copy does, so offsets still
/// line up; the lossy decoding is a check that never replaces anything.
#[wasm_bindgen(js_name = validateUtf8, skip_typescript)]
pub fn validate_utf8(source: &[u8], options_arg: JsValue) -> Result<JsValue, JsError> {
    validate_str(&String::from_utf8_lossy(source), &options_arg)
}

fn validate_str(source: &str, options_arg: &JsValue) -> Result<JsValue, JsError> {
    let options = options("validate", options_arg)?;
    let mut diagnostics = crate::validate(source, &options);
    // A clean document (the common case while typing) needs no line index.
    if !diagnostics.is_empty() {
        let index = LineIndex::new(source);
        for d in &mut diagnostics {
            d.to_utf16(&index);
        }
    }
    to_js("validate", &diagnostics)
}

/// `parseSipUri(input, options?)`: `{ valid, uri, diagnostics }` as `rcml-sip uri --format
/// json` prints it (password redacted), offsets in UTF-16 code units of `input`.
#[wasm_bindgen(js_name = parseSipUri)]
pub fn parse_sip_uri(input: JsValue, options_arg: JsValue) -> Result<JsValue, JsError> {
    let input = source_arg("parseSipUri", "input", &input)?;
    let options = options("parseSipUri", &options_arg)?;
    let mut parsed = crate::parse_sip_uri(&input, options.profile);
    let index = LineIndex::new(&input);
    for d in &mut parsed.diagnostics {
        d.to_utf16(&index);
    }
    to_js("parseSipUri", &crate::sip_uri::json(&parsed))
}

/// `simulate(source, scenario?, options?)`: the Simulation of contracts.md §5. The scenario
/// is read as JSON data ([`scenario_from_js`]) so that a bad one is reported by the core with
/// its JSON path.
#[cfg(feature = "wasm-sim")]
#[wasm_bindgen]
pub fn simulate(source: JsValue, scenario: JsValue, options_arg: JsValue) -> Result<JsValue, JsError> {
    let source = source_arg("simulate", "source", &source)?;
    let scenario = scenario_from_js(&scenario)?;
    let options = options("simulate", &options_arg)?;
    let mut simulation = sim::simulate(&source, &scenario, &options);
    // Diagnostics of other documents are unlocated (offset 0) by the simulator: one index does.
    let index = LineIndex::new(&source);
    for d in &mut simulation.diagnostics {
        d.to_utf16(&index);
    }
    let mut indexes = DocumentIndexes { scenario: &scenario, main: index, others: Vec::new() };
    for event in &mut simulation.events {
        if let EventBody::Verb { range, document, .. } = &mut event.body {
            if let Some(index) = indexes.of(document) {
                range_to_utf16(range, index);
            }
        }
    }
    to_js("simulate", &simulation.json())
}

/// The line index of each document a simulation ran, to convert its verbs' ranges: the given
/// source for the scenario's document URL, else the body the scenario serves for the URL
/// (the choice `sim::interpreter` makes when it loads a document).
#[cfg(feature = "wasm-sim")]
struct DocumentIndexes<'a> {
    scenario: &'a Scenario,
    main: LineIndex,
    others: Vec<(String, Option<LineIndex>)>,
}

#[cfg(feature = "wasm-sim")]
impl DocumentIndexes<'_> {
    fn of(&mut self, url: &str) -> Option<&LineIndex> {
        if url == self.scenario.document_url {
            return Some(&self.main);
        }
        let at = match self.others.iter().position(|(u, _)| u == url) {
            Some(at) => at,
            None => {
                let body = sim::interpreter::document_body(&self.scenario.http_answer(url));
                self.others.push((url.to_owned(), body.as_deref().map(LineIndex::new)));
                self.others.len() - 1
            }
        };
        self.others.get(at).and_then(|(_, index)| index.as_ref())
    }
}

#[cfg(feature = "wasm-sim")]
fn range_to_utf16(range: &mut Range, index: &LineIndex) {
    for pos in [&mut range.start, &mut range.end] {
        let (line, column) = index.line_col_utf16(pos.offset);
        *pos = Position { offset: index.utf16_offset(pos.offset), line, column };
    }
}

/// `simulate`'s `scenario` argument: `undefined` or `null` for the defaults, else an object
/// read as the JSON data it stands for (`js_json`: what `JSON.stringify` would write, without
/// the text) by the core's reader, whose errors name the JSON path as the command line's do.
/// Not an export of the package; public for `tests/wasm.rs`.
#[cfg(feature = "wasm-sim")]
pub fn scenario_from_js(scenario: &JsValue) -> Result<Scenario, JsError> {
    if scenario.is_undefined() || scenario.is_null() {
        return Ok(Scenario::default());
    }
    if !scenario.is_object() || scenario.is_function() {
        return Err(arg_error("simulate", "`scenario` must be an object (see the Scenario type)"));
    }
    let data = js_json::to_json(scenario).map_err(|reason| {
        arg_error("simulate", &format!("`scenario` cannot be converted to JSON: {reason}"))
    })?;
    Scenario::from_data(&data).map_err(|e| arg_error("simulate", &e.to_string()))
}

/// `rules()`: the rule catalogue without the long-form docs (code, summary, severity per
/// profile, row, docs anchor; contracts.md §6), the same in every build. The docs are
/// `rcml-sip rules --format json`, shipped as data in the npm package (`rcml-sip/rules`).
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js("rules", &Catalogue)
}

/// The rule catalogue, serialised as it is read (no vector of views).
struct Catalogue;

impl serde::Serialize for Catalogue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(crate::rules().map(crate::Rule::summary_json))
    }
}

/// `profiles()`: the profile names, the default first.
#[wasm_bindgen]
pub fn profiles() -> Result<JsValue, JsError> {
    to_js("profiles", &crate::Profile::ALL)
}

/// `xmlElements(options?)`: the schema under one profile in the shape of
/// `@codemirror/lang-xml`'s `elements` option. Not part of the package's API: `make pkg` calls
/// it on the Node build to write `rcml-sip/codemirror`'s schema data, so only that build
/// (feature `wasm-cli`) has it.
#[cfg(feature = "wasm-cli")]
#[wasm_bindgen(js_name = xmlElements)]
pub fn xml_elements(options_arg: JsValue) -> Result<JsValue, JsError> {
    let options = options("xmlElements", &options_arg)?;
    to_js("xmlElements", &crate::rcml::schema::schema_view(options.profile))
}

/// Files read through a JavaScript callback `(path) => Uint8Array` that throws on failure.
#[cfg(feature = "wasm-cli")]
struct JsFiles<'a>(&'a Function);

#[cfg(feature = "wasm-cli")]
impl Files for JsFiles<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        match self.0.call1(&JsValue::NULL, &JsValue::from_str(path)) {
            Ok(bytes) => match bytes.dyn_into::<Uint8Array>() {
                Ok(array) => Ok(array.to_vec()),
                Err(_) => Err("the file reader did not return bytes".to_owned()),
            },
            Err(e) => Err(convert::error_message(&e)),
        }
    }
}

/// `runCli(args, readFile)`: the command line as a pure function, for the package's `bin`
/// (`npm/bin/rcml-sip.cjs`), so that its output is the native binary's, byte for byte.
/// Returns `{ stdout, stderr, code }`.
#[cfg(feature = "wasm-cli")]
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: Vec<String>, read_file: &Function) -> Result<JsValue, JsError> {
    let output = cli::run(&args, &JsFiles(read_file));
    let value = serde_json::json!({ "stdout": output.stdout, "stderr": output.stderr, "code": output.code });
    value_to_js("runCli", &value)
}
