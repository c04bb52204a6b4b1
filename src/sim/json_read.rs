//! A small path-tracking reader over JSON data ([`Json`]): every error names the JSON path of
//! the offending value (`endpoints["sip:a@b"].answerAtMs`), and every object rejects the keys
//! it did not ask for (a typo must not silently change a run).
//!
//! Errors go to a [`Sink`] that keeps the first one: a reader reads on after an error (into
//! defaults) and the caller turns the sink into the result at the end. The reported error is
//! the one an early return would give, since reading follows the same order; and the code has
//! no error branch at every field (the reader was the biggest part of the simulator's wasm).

use super::scenario::ScenarioError;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::fmt;

/// JSON data as the reader reads it: `serde_json::Value` with each object as its entries in
/// written order, a list rather than a map. The reader only walks them; and the browsers'
/// .wasm, where the npm package builds this from the JS scenario object
/// (`src/wasm/js_json.rs`), then has no hash map code (indexmap, hashbrown, SipHash) for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// An integer (from a `u64` or an `i64`).
    Number(Number),
    /// Any other number, as its text in messages, written by the caller's language: serde_json's
    /// for the command line's files, JavaScript's `String(number)` in the .wasm (no field takes
    /// one, and a float formatter is about 2 KB of the gzipped web .wasm).
    Float(String),
    String(String),
    Array(Vec<Json>),
    /// Distinct keys (a later duplicate replaces the value in place, as in `serde_json::Map`).
    Object(Vec<(String, Json)>),
}

impl Json {
    fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Read as serde_json reads a `Value` (the command line's JSON files): the same numbers, the
/// same errors of the parser.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
        Ok(Number::from_f64(n).map_or(Json::Null, |n| Json::Float(n.to_string())))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Json, E> {
        Ok(Json::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Json, E> {
        Ok(Json::String(s))
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        // Where each key is: a repeated key replaces its value in place without a search
        // through the entries (which made reading an object quadratic in its size). Only the
        // command line's JSON files come through here; the .wasm builds `Json` from JS objects,
        // whose keys are distinct, so it links no hash map for this.
        let mut places: HashMap<String, usize> = HashMap::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            match places.get(&key).and_then(|&at| entries.get_mut(at)) {
                Some(entry) => entry.1 = value,
                None => {
                    places.insert(key.clone(), entries.len());
                    entries.push((key, value));
                }
            }
        }
        Ok(Json::Object(entries))
    }
}

/// The path of the document root in messages.
pub const ROOT: &str = "(root)";

/// The first error of a reading.
#[derive(Default)]
pub struct Sink(OnceCell<ScenarioError>);

impl Sink {
    /// Records an error at `path` (`""`: the root) unless one was recorded before.
    #[inline(never)]
    pub fn fail(&self, path: &str, message: String) {
        if self.0.get().is_none() {
            let _ = self.0.set(error(path, message));
        }
    }

    /// `value`, or the first error recorded while reading it.
    pub fn finish<T>(self, value: T) -> Result<T, ScenarioError> {
        match self.0.into_inner() {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }
}

/// The error at `path`. Endpoint keys are dialled URIs as written, so a path or a quoted
/// value may hold a SIP URI password: it is masked (`*` for each byte), never echoed.
pub fn error(path: &str, message: String) -> ScenarioError {
    let path = if path.is_empty() { ROOT } else { path };
    let (path, message) =
        (crate::secrets::mask_uri_passwords(path), crate::secrets::mask_uri_passwords(&message));
    ScenarioError { path, message }
}

/// `path.key`, or `key` at the root.
pub fn field_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// `path["key"]` (map keys are URLs and URIs, so always quoted).
pub fn key_path(path: &str, key: &str) -> String {
    format!("{path}[{}]", quoted(key))
}

pub fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// A JSON string literal, escaped as `serde_json` writes one.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                out.push_str("\\u");
                super::rng::push_hex(&mut out, u64::from(c), 4, false);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) | Json::Float(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// An object being read: remembers which keys may be asked for. A value that is not an
/// object reads as an empty one (after its error).
pub struct Obj<'a> {
    sink: &'a Sink,
    map: Option<&'a [(String, Json)]>,
    path: String,
    known: &'static [&'static str],
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object whose only keys are `known`.
    #[inline(never)]
    pub fn new(sink: &'a Sink, value: &'a Json, path: &str, known: &'static [&'static str]) -> Self {
        let map = match value {
            Json::Object(map) => Some(map.as_slice()),
            other => {
                sink.fail(path, format!("expected an object, found {}", kind(other)));
                None
            }
        };
        if let Some((key, _)) = map.and_then(|m| m.iter().find(|(k, _)| !known.contains(&k.as_str()))) {
            let mut message = format!("unknown key `{key}`");
            match crate::rcml::did_you_mean(key, known.iter().copied()) {
                Some(near) => {
                    message.push_str("; did you mean `");
                    message.push_str(near);
                    message.push_str("`?");
                }
                None => {
                    message.push_str("; expected one of ");
                    for (i, k) in known.iter().enumerate() {
                        message.push_str(if i == 0 { "`" } else { ", `" });
                        message.push_str(k);
                        message.push('`');
                    }
                }
            }
            sink.fail(&field_path(path, key), message);
        }
        Self { sink, map, path: path.to_owned(), known }
    }

    pub fn path(&self, key: &str) -> String {
        debug_assert!(self.known.contains(&key), "{key} not declared");
        field_path(&self.path, key)
    }

    /// Records an error about `key`.
    pub fn fail(&self, key: &str, message: String) {
        self.sink.fail(&self.path(key), message);
    }

    /// An object inside this one (`None`: absent).
    pub fn object(&self, key: &str, known: &'static [&'static str]) -> Option<Obj<'a>> {
        self.get(key).map(|v| Obj::new(self.sink, v, &self.path(key), known))
    }

    /// The value of `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        // A walk over the few keys (no hashing code for one lookup per field).
        self.map?.iter().find(|(k, _)| *k == key).map(|(_, v)| v).filter(|v| **v != Json::Null)
    }

    /// Records `expected {what}, found …` about a present value that was refused: the
    /// number or string itself when `show`, else only its kind.
    #[inline(never)]
    fn refused(&self, key: &str, value: &Json, what: &str, show: bool) {
        let found = if show { shown(value) } else { kind(value).to_owned() };
        self.fail(key, format!("expected {what}, found {found}"));
    }

    /// A present value as `ok` reads it; `None` (after recording the error) when refused.
    fn check<T>(&self, key: &str, ok: impl Fn(&'a Json) -> Option<T>, what: &str, show: bool) -> Option<T> {
        let v = self.get(key)?;
        let out = ok(v);
        if out.is_none() {
            self.refused(key, v, what, show);
        }
        out
    }

    pub fn u64(&self, key: &str) -> Option<u64> {
        self.check(key, Json::as_u64, "a non-negative integer", true)
    }

    /// [`Obj::u64`], recording `required` when absent.
    pub fn required_u64(&self, key: &str) -> Option<u64> {
        self.required(key, self.u64(key))
    }

    fn required<T>(&self, key: &str, value: Option<T>) -> Option<T> {
        if self.get(key).is_none() {
            self.fail(key, "required".to_owned());
        }
        value
    }

    pub fn status(&self, key: &str) -> Option<u16> {
        let status =
            |v: &Json| v.as_u64().filter(|n| (100..=699).contains(n)).and_then(|n| u16::try_from(n).ok());
        self.check(key, status, "a SIP/HTTP status code (100-699)", true)
    }

    pub fn required_status(&self, key: &str) -> Option<u16> {
        self.required(key, self.status(key))
    }

    pub fn string(&self, key: &str) -> Option<String> {
        self.check(key, |v| v.as_str().map(str::to_owned), "a string", false)
    }

    pub fn required_string(&self, key: &str) -> Option<String> {
        self.required(key, self.string(key))
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.check(key, Json::as_bool, "true or false", false)
    }

    /// The value of `key` if it is an object (`entries`) or an array (`items`), else its error.
    #[inline(never)]
    fn container(&self, key: &str, array: bool, what: &str) -> Option<(&'a Json, String)> {
        let v = self.get(key)?;
        let path = self.path(key);
        if if array { !matches!(v, Json::Array(_)) } else { !matches!(v, Json::Object(_)) } {
            self.sink.fail(&path, format!("expected {what}, found {}", kind(v)));
            return None;
        }
        Some((v, path))
    }

    /// A JSON object of string values, in written order.
    pub fn string_map(&self, key: &str) -> Vec<(String, String)> {
        let Some((Json::Object(map), path)) = self.container(key, false, "an object of strings") else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(map.len());
        for (k, v) in map {
            match v.as_str() {
                Some(s) => out.push((k.clone(), s.to_owned())),
                None => self.sink.fail(&key_path(&path, k), format!("expected a string, found {}", kind(v))),
            }
        }
        out
    }

    /// Each entry of a JSON object (map keys chosen by the user), read as an object with the
    /// keys `known`: `each(key, entry)` in written order (a `dyn` callback: one instance for
    /// every table of the scenario).
    pub fn entries(&self, key: &str, known: &'static [&'static str], each: &mut dyn FnMut(&str, &Obj)) {
        let Some((Json::Object(map), path)) = self.container(key, false, "an object") else {
            return;
        };
        for (k, v) in map {
            each(k, &Obj::new(self.sink, v, &key_path(&path, k), known));
        }
    }

    /// Each element of a JSON array, read as an object with the keys `known`: `each(item)`
    /// in order (a `dyn` callback, as for [`Obj::entries`]).
    pub fn items(&self, key: &str, known: &'static [&'static str], each: &mut dyn FnMut(&Obj)) {
        let Some((Json::Array(items), path)) = self.container(key, true, "an array") else {
            return;
        };
        for (i, v) in items.iter().enumerate() {
            each(&Obj::new(self.sink, v, &index_path(&path, i), known));
        }
    }
}

fn shown(value: &Json) -> String {
    match value {
        // Through the integer itself: `Number`'s Display would bring its float formatter.
        Json::Number(n) => match n.as_u64() {
            Some(u) => format!("`{u}`"),
            None => format!("`{}`", n.as_i64().unwrap_or_default()),
        },
        Json::Float(text) => format!("`{text}`"),
        Json::String(s) => format!("the string {}", quoted(s)),
        other => kind(other).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    fn read(text: &str) -> Json {
        serde_json::from_str(text).unwrap_or(Json::Null)
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_at_its_first_place() {
        let json = read(r#"{"a": 1, "b": 2, "a": 3}"#);
        let expected = Json::Object(vec![("a".into(), read("3")), ("b".into(), read("2"))]);
        assert_eq!(json, expected);
    }

    /// 100 000 keys and a repeated one, read whole with the repeat in place. It asserts the
    /// result, not the time (tests never time anything); but the search for an earlier copy
    /// of each key that reading used to do (n²/2 string comparisons, 5·10⁹ here) made it run
    /// for 87 s in a debug build, where it now takes under a second.
    #[test]
    fn a_large_object_with_a_repeated_key_is_read_whole() {
        let n = 100_000;
        let body: Vec<String> = (0..n).map(|i| format!("\"http://app.test/{i}\": {i}")).collect();
        let json = read(&format!("{{{}, \"http://app.test/7\": -1}}", body.join(", ")));
        let Json::Object(entries) = json else { panic!("not an object") };
        assert_eq!(entries.len(), n);
        assert_eq!(entries.get(7), Some(&("http://app.test/7".to_owned(), read("-1"))));
        assert_eq!(entries.last().map(|e| e.0.as_str()), Some("http://app.test/99999"));
    }
}
