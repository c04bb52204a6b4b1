//! A small path-tracking reader over `serde_json::Value`: every error names the JSON path of
//! the offending value (`endpoints["sip:a@b"].answerAtMs`), and every object rejects the keys
//! it did not ask for (a typo must not silently change a run).

use super::scenario::ScenarioError;
use serde_json::{Map, Value};

/// The path of the document root in messages.
pub const ROOT: &str = "(root)";

pub type Result<T> = std::result::Result<T, ScenarioError>;

pub fn error(path: &str, message: impl Into<String>) -> ScenarioError {
    let path = if path.is_empty() { ROOT.to_owned() } else { path.to_owned() };
    ScenarioError { path, message: message.into() }
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
    let quoted = serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""));
    format!("{path}[{quoted}]")
}

pub fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An object being read: remembers which keys were asked for.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
    known: &'static [&'static str],
}

impl<'a> Obj<'a> {
    /// Reads `value` as an object whose only keys are `known`.
    pub fn new(value: &'a Value, path: &str, known: &'static [&'static str]) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(error(path, format!("expected an object, found {}", kind(value))));
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                let mut message = format!("unknown key `{key}`");
                if let Some(near) = crate::rcml::did_you_mean(key, known.iter().copied()) {
                    message.push_str(&format!("; did you mean `{near}`?"));
                } else {
                    message.push_str(&format!("; expected one of {}", list(known)));
                }
                return Err(error(&field_path(path, key), message));
            }
        }
        Ok(Self { map, path: path.to_owned(), known })
    }

    pub fn path(&self, key: &str) -> String {
        debug_assert!(self.known.contains(&key), "{key} not declared");
        field_path(&self.path, key)
    }

    /// The value of `key`; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn u64(&self, key: &str) -> Result<Option<u64>> {
        self.get(key).map(|v| as_u64(v, &self.path(key))).transpose()
    }

    pub fn status(&self, key: &str) -> Result<Option<u16>> {
        self.get(key).map(|v| as_status(v, &self.path(key))).transpose()
    }

    pub fn string(&self, key: &str) -> Result<Option<String>> {
        self.get(key).map(|v| as_string(v, &self.path(key))).transpose()
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        self.get(key)
            .map(|v| {
                v.as_bool().ok_or_else(|| {
                    error(&self.path(key), format!("expected true or false, found {}", kind(v)))
                })
            })
            .transpose()
    }

    /// A JSON object of string values, in written order.
    pub fn string_map(&self, key: &str) -> Result<Vec<(String, String)>> {
        let Some(v) = self.get(key) else { return Ok(Vec::new()) };
        let path = self.path(key);
        let Value::Object(map) = v else {
            return Err(error(&path, format!("expected an object of strings, found {}", kind(v))));
        };
        map.iter().map(|(k, v)| Ok((k.clone(), as_string(v, &key_path(&path, k))?))).collect()
    }

    /// Each entry of a JSON object (map keys chosen by the user), with its path.
    pub fn entries(&self, key: &str) -> Result<Vec<(&'a String, &'a Value, String)>> {
        let Some(v) = self.get(key) else { return Ok(Vec::new()) };
        let path = self.path(key);
        let Value::Object(map) = v else {
            return Err(error(&path, format!("expected an object, found {}", kind(v))));
        };
        Ok(map.iter().map(|(k, v)| (k, v, key_path(&path, k))).collect())
    }

    /// Each element of a JSON array, with its path.
    pub fn items(&self, key: &str) -> Result<Vec<(&'a Value, String)>> {
        let Some(v) = self.get(key) else { return Ok(Vec::new()) };
        let path = self.path(key);
        let Value::Array(items) = v else {
            return Err(error(&path, format!("expected an array, found {}", kind(v))));
        };
        Ok(items.iter().enumerate().map(|(i, v)| (v, index_path(&path, i))).collect())
    }
}

pub fn as_u64(value: &Value, path: &str) -> Result<u64> {
    value
        .as_u64()
        .ok_or_else(|| error(path, format!("expected a non-negative integer, found {}", shown(value))))
}

pub fn as_status(value: &Value, path: &str) -> Result<u16> {
    match value.as_u64() {
        Some(n @ 100..=699) => Ok(u16::try_from(n).unwrap_or(500)),
        _ => Err(error(path, format!("expected a SIP/HTTP status code (100-699), found {}", shown(value)))),
    }
}

pub fn as_string(value: &Value, path: &str) -> Result<String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| error(path, format!("expected a string, found {}", kind(value))))
}

fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("`{n}`"),
        Value::String(s) => format!("the string {}", serde_json::to_string(s).unwrap_or_default()),
        other => kind(other).to_owned(),
    }
}

fn list(known: &[&str]) -> String {
    known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}
