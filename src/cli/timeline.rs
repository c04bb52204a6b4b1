//! Human-readable text for `uri`, `simulate` and `rules`.
//!
//! The simulation timeline is rendered from the serialised Simulation (the public JSON shape
//! of `contracts.md` §5), so the text face can never drift from what programs see.

use crate::diagnostics::Diagnostic;
use crate::sip_uri::{to_json_value, ParsedSipUri};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn uri_text(input: &str, parsed: &ParsedSipUri) -> String {
    let mut out = String::new();
    let verdict = if parsed.valid { "valid SIP URI (RFC 3261)" } else { "not a valid SIP URI (RFC 3261)" };
    // The URI is echoed (and framed below) with its password masked.
    let masked = crate::secrets::mask_uri_passwords(input);
    let input = masked.as_str();
    let _ = writeln!(out, "{}: {verdict}", input.trim());
    if let Some(Value::Object(c)) = to_json_value(parsed).get("uri") {
        for key in ["scheme", "user", "host", "port", "transport"] {
            match c.get(key) {
                Some(Value::Null) | None => {}
                Some(Value::String(s)) => {
                    let _ = writeln!(out, "  {key:<10} {}", s.escape_debug());
                }
                Some(v) => {
                    let _ = writeln!(out, "  {key:<10} {v}");
                }
            }
        }
        if c.get("password").is_some_and(|p| !p.is_null()) {
            let _ = writeln!(out, "  {:<10} {}", "password", crate::secrets::REDACTED);
        }
        for (key, label) in [("params", "param"), ("headers", "header")] {
            for pair in c.get(key).and_then(Value::as_array).into_iter().flatten() {
                // Decoded names and values may hold control characters: show them escaped.
                let name = pair.get(0).and_then(Value::as_str).unwrap_or("").escape_debug();
                match pair.get(1).and_then(Value::as_str).map(str::escape_debug) {
                    Some(value) => {
                        let _ = writeln!(out, "  {label:<10} {name} = {value}");
                    }
                    None => {
                        let _ = writeln!(out, "  {label:<10} {name}");
                    }
                }
            }
        }
    }
    if !parsed.diagnostics.is_empty() {
        out.push('\n');
        out.push_str(&super::render_report("<uri>", input, &parsed.diagnostics));
    }
    out
}

pub fn rules_text() -> String {
    let mut out = String::new();
    for rule in crate::rules() {
        let sev = |s: Option<crate::Severity>| s.map_or("-", crate::Severity::as_str);
        let _ = writeln!(
            out,
            "{:<44} {:<8} {:<8} {:<8} {}{}",
            rule.code,
            sev(rule.severity.restcomm),
            sev(rule.severity.restcomm_connect),
            sev(rule.severity.twilio),
            rule.summary,
            rule.row.map(|r| format!(" ({r})")).unwrap_or_default()
        );
    }
    format!(
        "{:<44} {:<8} {:<8} {:<8} {}\n{out}",
        "code", "restcomm", "connect", "twilio", "summary (profiles.md row)"
    )
}

/// A readable timeline: time, leg, arrow, message; then the outcome and the diagnostics.
pub fn simulation_text(path: &str, source: &str, sim: &Value, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let profile = sim.get("profile").and_then(Value::as_str).unwrap_or("?");
    let _ = writeln!(out, "simulation of {path} under profile {profile}\n");
    let _ = writeln!(out, "{:>9}  {:<8}  event", "time", "leg");
    let mut legs = LegNames::default();
    // Verbs of other documents (actions, screening) say which document they belong to.
    let first_document = sim
        .get("events")
        .and_then(Value::as_array)
        .and_then(|events| events.iter().find(|e| e.get("kind").and_then(Value::as_str) == Some("verb")))
        .map(|e| str_of(e, "document").to_owned())
        .unwrap_or_default();
    for event in sim.get("events").and_then(Value::as_array).into_iter().flatten() {
        let at = event.get("atMs").and_then(Value::as_u64).unwrap_or(0);
        let time = format!("{}.{:03}s", at / 1000, at % 1000);
        let leg = legs.name(event.get("leg").and_then(Value::as_str));
        let kind = event.get("kind").and_then(Value::as_str).unwrap_or("");
        let text = match kind {
            "sip" => {
                let arrow =
                    if event.get("direction").and_then(Value::as_str) == Some("in") { "<-" } else { "->" };
                format!("{arrow} {}", str_of(event, "firstLine"))
            }
            "webhook" => {
                let status = event
                    .get("params")
                    .and_then(|p| p.get("CallStatus").or_else(|| p.get("DialCallStatus")))
                    .and_then(Value::as_str)
                    .map(|s| format!("  ({s})"))
                    .unwrap_or_default();
                format!(
                    "=> {} {} {}{status}",
                    str_of(event, "purpose"),
                    str_of(event, "method"),
                    str_of(event, "url")
                )
            }
            "verb" => {
                let line = event
                    .get("range")
                    .and_then(|r| r.get("start"))
                    .and_then(|s| s.get("line"))
                    .and_then(Value::as_u64)
                    .map(|l| format!(" (line {l})"))
                    .unwrap_or_default();
                let document = str_of(event, "document");
                let of = if document.is_empty() || document == first_document {
                    String::new()
                } else {
                    format!(" in {document}")
                };
                format!("<{}>{line}{of}", str_of(event, "verb"))
            }
            "note" => format!("note: {}", str_of(event, "text")),
            other => other.to_owned(),
        };
        let _ = writeln!(out, "{time:>9}  {leg:<8}  {text}");
    }
    if let Some(outcome) = sim.get("outcome") {
        out.push_str("\noutcome:\n");
        for (i, dial) in outcome.get("dials").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let status = dial.get("dialCallStatus").and_then(Value::as_str).unwrap_or("none");
            let by = dial
                .get("answeredBy")
                .and_then(Value::as_str)
                .map(|b| format!(", answered by {b}"))
                .unwrap_or_default();
            let duration = dial.get("dialCallDuration").and_then(Value::as_u64).unwrap_or(0);
            let _ = writeln!(out, "  Dial {}: DialCallStatus={status}{by}, {duration} s", i + 1);
        }
        let status = outcome.get("callStatus").and_then(Value::as_str).unwrap_or("?");
        let ended = outcome.get("endedAtMs").and_then(Value::as_u64).unwrap_or(0);
        let _ = writeln!(out, "  call {status} at {}.{:03}s", ended / 1000, ended % 1000);
    }
    if !diagnostics.is_empty() {
        out.push('\n');
        out.push_str(&super::render_report(path, source, diagnostics));
    }
    out
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Short, stable names for legs: `caller` for the first leg seen, then `leg1`, `leg2`, …
#[derive(Default)]
struct LegNames {
    names: BTreeMap<String, String>,
}

impl LegNames {
    fn name(&mut self, sid: Option<&str>) -> String {
        let Some(sid) = sid else { return "-".to_owned() };
        let next =
            if self.names.is_empty() { "caller".to_owned() } else { format!("leg{}", self.names.len()) };
        self.names.entry(sid.to_owned()).or_insert(next).clone()
    }
}
