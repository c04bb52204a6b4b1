//! A JavaScript value as the JSON data ([`Json`]) that `JSON.parse(JSON.stringify(value))`
//! gives, read from the JS objects themselves: no JSON text in between, so the browsers'
//! .wasm links no JSON parser (serde_json's was about 5 KB of the gzipped web build).
//! `simulate`'s scenario comes through here to the core's reader (`Scenario::from_data`),
//! which names the JSON path of a bad value exactly as for the command line's JSON files.
//!
//! As `JSON.stringify`: `toJSON` is called (a `Date` is its ISO string); objects give their own
//! enumerable string keys in `Object.keys` order; `undefined`, functions and symbols are left
//! out of objects and are `null` in arrays, as holes are; `NaN` and the infinities are `null`.
//! Unlike it: a `Map` or a `Set` is an error (`JSON.stringify` writes `{}`, which would
//! silently drop what it holds); a `BigInt` within 64 bits is an integer (`JSON.stringify`
//! throws; it is the one exact way to pass an integer above 2^53); a number above
//! `Number.MAX_SAFE_INTEGER` stays a float, which integer fields refuse, where its JSON text
//! would have been read as a rounded integer; lone surrogates are U+FFFD, as in `source` (one
//! UTF-16 code unit for one), where a JSON parser refused them; a boxed primitive
//! (`new Number(1)`) is an object like any other, not unboxed. A number that is not a
//! safe integer is shown in messages as JavaScript writes it (`String(number)`: `1.5`,
//! `1e+21`), the number the caller wrote; the .wasm has no float formatter.
//!
//! Limits give an error instead of a trap or a hang: [`MAX_DEPTH`] nested objects and arrays
//! (a cyclic object ends there), [`MAX_VALUES`] values (a small object that repeats itself,
//! `o = [o, o]` forty times, stands for 2^40), [`MAX_UNITS`] UTF-16 code units of strings and
//! keys (the .wasm's memory). The walk keeps its own stack: no recursion on the depth.
//!
//! Each value costs a few calls into JavaScript: about 0.6 µs per value in Node (2 ms for a
//! 3,000-value scenario, several times `JSON.stringify` and a text parser), tens of µs for the
//! scenarios people write, next to hundreds for the simulation itself.

use super::convert::error_message;
use crate::sim::Json;
use js_sys::{Array, Function, JsString, Reflect};
use serde_json::Number;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Nested objects and arrays, the root's included (the command line's JSON parser stops at 127).
pub const MAX_DEPTH: usize = 128;
pub const MAX_VALUES: usize = 100_000;
pub const MAX_UNITS: u32 = 1 << 26;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

#[wasm_bindgen]
extern "C" {
    // A proxy's trap may throw: `catch` returns the exception rather than unwinding through Rust.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `String(number)`: JavaScript's own text of a number, for messages.
    #[wasm_bindgen(js_name = String)]
    fn number_text(value: &JsValue) -> String;
}

/// `value` as JSON data, or why it is not (a sentence fragment, without the argument's name).
pub fn to_json(value: &JsValue) -> Result<Json, String> {
    let mut walk = Walk { values: MAX_VALUES, units: MAX_UNITS, to_json: JsValue::from_str("toJSON") };
    let mut stack: Vec<Frame> = Vec::new();
    let (mut value, mut key) = (value.clone(), Key::Root);
    loop {
        // What to hand the parent: Some(None) leaves the value out; None: a frame was opened.
        let mut finished = match walk.read(value, key, &stack)? {
            Read::Value(v) => Some(v),
            Read::Open(frame) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("it is nested deeper than {MAX_DEPTH} levels (is it cyclic?)"));
                }
                stack.push(frame);
                None
            }
        };
        loop {
            let Some(top) = stack.last_mut() else {
                return finished.flatten().ok_or_else(|| "it has no JSON value".to_owned());
            };
            if let Some(v) = finished.take() {
                top.put(v);
            }
            if let Some((child, child_key)) = walk.next_child(top)? {
                (value, key) = (child, child_key);
                break;
            }
            finished = stack.pop().map(|frame| Some(frame.into_value()));
        }
    }
}

/// Where a value is in its parent: `toJSON`'s argument.
#[derive(Clone, Copy)]
enum Key {
    Root,
    Index(u32),
    /// The key of the parent frame being read.
    Name,
}

enum Read {
    /// A finished value; `None`: left out (`undefined`, a function, a symbol).
    Value(Option<Json>),
    /// An object or an array, whose items come next.
    Open(Frame),
}

struct Frame {
    source: JsValue,
    len: u32,
    next: u32,
    container: Container,
}

enum Container {
    Array(Vec<Json>),
    /// The keys of `Object.keys`, the entries so far, and the key whose value is being read.
    Object(Array, Vec<(String, Json)>, JsValue, String),
}

impl Frame {
    fn put(&mut self, value: Option<Json>) {
        match &mut self.container {
            Container::Array(items) => items.push(value.unwrap_or(Json::Null)),
            Container::Object(_, map, _, key) => {
                // Keys of `Object.keys` are distinct: no search for an earlier one.
                if let Some(value) = value {
                    map.push((std::mem::take(key), value));
                }
            }
        }
    }

    fn into_value(self) -> Json {
        match self.container {
            Container::Array(items) => Json::Array(items),
            Container::Object(_, map, _, _) => Json::Object(map),
        }
    }
}

/// The budgets left, and the one `"toJSON"` string.
struct Walk {
    values: usize,
    units: u32,
    to_json: JsValue,
}

impl Walk {
    fn read(&mut self, value: JsValue, key: Key, stack: &[Frame]) -> Result<Read, String> {
        self.values =
            self.values.checked_sub(1).ok_or_else(|| format!("it has more than {MAX_VALUES} values"))?;
        let value = if value.is_object() { self.call_to_json(value, key, stack)? } else { value };
        if let Some(n) = value.as_f64() {
            return Ok(Read::Value(Some(number(n, &value))));
        }
        if value.is_string() {
            return Ok(Read::Value(Some(Json::String(self.string(&value)?))));
        }
        if let Some(b) = value.as_bool() {
            return Ok(Read::Value(Some(Json::Bool(b))));
        }
        if value.is_null() {
            return Ok(Read::Value(Some(Json::Null)));
        }
        if value.is_bigint() {
            return big_integer(value).map(|v| Read::Value(Some(v)));
        }
        if !value.is_object() {
            return Ok(Read::Value(None));
        }
        // `JSON.stringify` writes these as `{}`: a scenario's endpoints or HTTP answers given as
        // a Map would be silently dropped, and a typo must not silently change a run.
        for (is, name) in [
            (value.is_instance_of::<js_sys::Map>(), "a Map"),
            (value.is_instance_of::<js_sys::Set>(), "a Set"),
        ] {
            if is {
                return Err(format!(
                    "it contains {name}, which JSON cannot hold: write a plain object or array"
                ));
            }
        }
        let frame = if is_array(&value).map_err(|e| error_message(&e))? {
            let len = get(&value, &JsValue::from_str("length"))?.as_f64().unwrap_or(0.0);
            let len = if len > 0.0 { len.min(f64::from(u32::MAX)) as u32 } else { 0 };
            Frame { source: value, len, next: 0, container: Container::Array(Vec::new()) }
        } else {
            let keys = object_keys(&value).map_err(|e| error_message(&e))?;
            let len = keys.length();
            let container = Container::Object(keys, Vec::new(), JsValue::UNDEFINED, String::new());
            Frame { source: value, len, next: 0, container }
        };
        Ok(Read::Open(frame))
    }

    /// `value.toJSON(key)` when it has one, else `value`.
    fn call_to_json(&self, value: JsValue, key: Key, stack: &[Frame]) -> Result<JsValue, String> {
        let Some(method) = get(&value, &self.to_json)?.dyn_into::<Function>().ok() else {
            return Ok(value);
        };
        let key = match (key, stack.last().map(|f| &f.container)) {
            (Key::Index(i), _) => JsValue::from_str(&i.to_string()),
            (Key::Name, Some(Container::Object(_, _, name, _))) => name.clone(),
            _ => JsValue::from_str(""),
        };
        method.call1(&value, &key).map_err(|e| error_message(&e))
    }

    /// The next item of `frame` and where it is, after storing an object's key in the frame.
    fn next_child(&mut self, frame: &mut Frame) -> Result<Option<(JsValue, Key)>, String> {
        let at = frame.next;
        if at >= frame.len {
            return Ok(None);
        }
        frame.next += 1;
        match &mut frame.container {
            Container::Array(_) => {
                let item = Reflect::get_u32(&frame.source, at).map_err(|e| error_message(&e))?;
                Ok(Some((item, Key::Index(at))))
            }
            Container::Object(keys, _, name, key) => {
                *name = keys.get(at);
                *key = self.string(name)?;
                Ok(Some((get(&frame.source, name)?, Key::Name)))
            }
        }
    }

    /// A JS string as UTF-8 (lone surrogates as U+FFFD), within the budget of code units.
    fn string(&mut self, value: &JsValue) -> Result<String, String> {
        let units = value.unchecked_ref::<JsString>().length();
        self.units = self
            .units
            .checked_sub(units)
            .ok_or_else(|| format!("it has more than {MAX_UNITS} characters in its strings and keys"))?;
        Ok(value.as_string().unwrap_or_default())
    }
}

/// `target[key]`, with a throwing getter or proxy as the error.
fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, String> {
    Reflect::get(target, key).map_err(|e| error_message(&e))
}

/// A safe integer as an integer (`-0` is `0`), another finite number as a float, else `null`.
fn number(n: f64, value: &JsValue) -> Json {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Json::Number(Number::from(n as i64))
    } else if n.is_finite() {
        Json::Float(number_text(value))
    } else {
        Json::Null
    }
}

fn big_integer(value: JsValue) -> Result<Json, String> {
    match i64::try_from(value) {
        Ok(n) => Ok(Json::Number(n.into())),
        Err(value) => u64::try_from(value)
            .map(|n| Json::Number(n.into()))
            .map_err(|_| "a BigInt outside the 64-bit range".to_owned()),
    }
}
