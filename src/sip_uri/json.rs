//! The JSON view of `rcml-sip uri --format json` (contracts.md §3).

use super::{ParsedSipUri, Scheme, SipUri};
use serde_json::{json, Value};

/// What stands in for a non-empty URI password: the value itself is never output (TEAM.md).
pub const REDACTED_PASSWORD: &str = "***";

/// `{ "valid", "uri": null | { "scheme", "user", "password", "host", "port", "params",
/// "transport", "headers" }, "diagnostics" }`.
///
/// `user` and `host` are as written, `params` are `[name, value|null]` pairs and `headers`
/// `[name, value]` pairs, percent-decoded. `password` is `null` when absent, `""` when empty
/// and [`REDACTED_PASSWORD`] otherwise, so that the output can be logged.
pub fn to_json_value(parsed: &ParsedSipUri) -> Value {
    json!({
        "valid": parsed.valid,
        "uri": parsed.uri.as_ref().map(uri_value),
        "diagnostics": serde_json::to_value(&parsed.diagnostics).unwrap_or(Value::Array(Vec::new())),
    })
}

fn uri_value(uri: &SipUri) -> Value {
    let scheme = match uri.scheme {
        Scheme::Sip => "sip",
        Scheme::Sips => "sips",
    };
    let password = uri.password.as_ref().map(|p| if p.raw.is_empty() { "" } else { REDACTED_PASSWORD });
    let params: Vec<Value> = uri.params.iter().map(|p| json!([p.name, p.value])).collect();
    let headers: Vec<Value> = uri.headers.iter().map(|h| json!([h.name, h.value])).collect();
    json!({
        "scheme": scheme,
        "user": uri.user.as_ref().map(|u| u.raw.as_str()),
        "password": password,
        "host": uri.host.raw,
        "port": uri.port.map(|(p, _)| p),
        "params": params,
        "transport": uri.transport(),
        "headers": headers,
    })
}
