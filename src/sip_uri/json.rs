//! The JSON view of `rcml-sip uri --format json` (contracts.md §3).
//!
//! [`json`] is a borrowed view with the output's key order, serialised straight to JS objects
//! by the npm package's `parseSipUri` (no `serde_json::Value`, so no `serde_json` in the
//! validator's .wasm) and to text by the command line.

use super::{ParsedSipUri, Scheme, SipUri};
use crate::diagnostics::Diagnostic;
use serde::Serialize;
use serde_json::Value;

/// What stands in for a non-empty URI password: the value itself is never output (TEAM.md).
pub const REDACTED_PASSWORD: &str = "***";

/// `{ "valid", "uri": null | { "scheme", "user", "password", "host", "port", "params",
/// "transport", "headers" }, "diagnostics" }`.
#[derive(Debug, Serialize)]
pub struct ParsedSipUriJson<'a> {
    pub valid: bool,
    pub uri: Option<SipUriJson<'a>>,
    pub diagnostics: &'a [Diagnostic],
}

/// `user` and `host` are as written, `params` are `[name, value|null]` pairs and `headers`
/// `[name, value]` pairs, percent-decoded. `password` is `null` when absent, `""` when empty
/// and [`REDACTED_PASSWORD`] otherwise, so that the output can be logged.
#[derive(Debug, Serialize)]
pub struct SipUriJson<'a> {
    pub scheme: &'static str,
    pub user: Option<&'a str>,
    pub password: Option<&'static str>,
    pub host: &'a str,
    pub port: Option<u32>,
    pub params: Vec<(&'a str, Option<&'a str>)>,
    pub transport: Option<String>,
    pub headers: Vec<(&'a str, &'a str)>,
}

/// The JSON view of a parsed URI.
pub fn json(parsed: &ParsedSipUri) -> ParsedSipUriJson<'_> {
    ParsedSipUriJson {
        valid: parsed.valid,
        uri: parsed.uri.as_ref().map(uri_json),
        diagnostics: &parsed.diagnostics,
    }
}

/// [`json`] as a `serde_json::Value`.
pub fn to_json_value(parsed: &ParsedSipUri) -> Value {
    serde_json::to_value(json(parsed)).unwrap_or(Value::Null)
}

fn uri_json(uri: &SipUri) -> SipUriJson<'_> {
    let scheme = match uri.scheme {
        Scheme::Sip => "sip",
        Scheme::Sips => "sips",
    };
    SipUriJson {
        scheme,
        user: uri.user.as_ref().map(|u| u.raw.as_str()),
        password: uri.password.as_ref().map(|p| if p.raw.is_empty() { "" } else { REDACTED_PASSWORD }),
        host: &uri.host.raw,
        port: uri.port.map(|(p, _)| p),
        params: uri.params.iter().map(|p| (p.name.as_str(), p.value.as_deref())).collect(),
        transport: uri.transport(),
        headers: uri.headers.iter().map(|h| (h.name.as_str(), h.value.as_str())).collect(),
    }
}
