//! Arguments in, plain objects out, and the one UTF-16 conversion of the JavaScript edge.

use crate::{Options, Profile};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsError, JsValue};

/// A JS `Error` for a bad argument: `"<function>: <what is wrong>"`.
pub fn arg_error(function: &str, message: &str) -> JsError {
    JsError::new(&format!("{function}: {message}"))
}

/// The message of a thrown JS value (an `Error`'s `message`, or the value as a string).
pub fn error_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// A required string argument. Lone surrogates (possible in JS strings) become U+FFFD, which
/// is one UTF-16 code unit too, so offsets still line up with the caller's string.
pub fn source_arg(function: &str, name: &str, value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| arg_error(function, &format!("`{name}` must be a string")))
}

/// The `options` object every function takes: `{ profile?: Profile }`. Unknown keys are
/// errors: a typo such as `{ profle: "twilio" }` must not silently validate under the default
/// profile. (Read by hand: a serde deserialiser would only look up declared fields.)
pub fn options(function: &str, value: &JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(value) {
        return Err(arg_error(function, "`options` must be an object such as `{ profile: \"twilio\" }`"));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if key != "profile" {
            return Err(arg_error(function, &format!("unknown option `{key}`: expected `profile`")));
        }
    }
    let profile = js_sys::Reflect::get(value, &JsValue::from_str("profile")).unwrap_or(JsValue::UNDEFINED);
    if profile.is_undefined() || profile.is_null() {
        return Ok(Options::default());
    }
    let Some(name) = profile.as_string() else {
        return Err(arg_error(function, "invalid `options`: `profile` must be a string"));
    };
    let profile = name.parse::<Profile>().map_err(|e| arg_error(function, &e.to_string()))?;
    Ok(Options::with_profile(profile))
}

/// A result serialised straight to JS objects through serde-wasm-bindgen (the view structs
/// of the core: no `serde_json::Value` and no JSON text in between). Measured against JSON
/// text + `JSON.parse`: that saves about 3 KB of the gzipped web `.wasm` but costs 1–3 µs
/// more per `validate` call with diagnostics, and the bindings are specified on
/// serde-wasm-bindgen (issue 4).
pub fn to_js<T: Serialize + ?Sized>(function: &str, value: &T) -> Result<JsValue, JsError> {
    // Cannot fail on the crate's shapes (string keys only); the error's text stays out.
    value.serialize(&serializer()).map_err(|_| conversion_error(function))
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true)
}

/// A `serde_json::Value` as plain JS objects and arrays (objects keep their key order).
#[cfg(feature = "wasm-cli")]
pub fn value_to_js(function: &str, value: &serde_json::Value) -> Result<JsValue, JsError> {
    to_js(function, value)
}

fn conversion_error(function: &str) -> JsError {
    JsError::new(&format!("{function}: cannot convert the result"))
}
