//! The check language of `notes.md` (described at the end of `COVERAGE.md`): one line
//! `PROFILES | EXPR OP VALUE` evaluated against a serialized Simulation.

use md5::{Digest, Md5};
use rcml_sip::Profile;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// `*` or a comma list of profile names.
pub fn profiles_of(list: &str) -> Vec<Profile> {
    if list.trim() == "*" {
        return Profile::ALL.to_vec();
    }
    list.split(',').filter_map(|p| p.trim().parse().ok()).collect()
}

/// `PROFILES | EXPR OP VALUE`. Returns `None` when the check does not apply to `profile`,
/// else `Some(Err(explanation))` when it fails.
pub fn run_check(check: &str, profile: Profile, sim: &Value, text: &str) -> Option<Result<(), String>> {
    let Some((profiles, rest)) = check.split_once(" | ") else {
        return Some(Err(format!("malformed check (no ` | `): {check}")));
    };
    if !profiles_of(profiles).contains(&profile) {
        return None;
    }
    let rest = rest.trim();
    let mut depth = 0i32;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ' ' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let expr = &rest[..end];
    let tail = rest[end..].trim_start();
    let (op, expected) = tail.split_once(' ').unwrap_or((tail, ""));
    let actual = match eval(expr, sim, text) {
        Ok(v) => v,
        Err(e) => return Some(Err(format!("{check}: {e}"))),
    };
    let number = |s: &str| s.trim().parse::<f64>().ok();
    let ok = match op {
        "=" => match expected {
            "<present>" => actual != ABSENT,
            _ => actual == expected,
        },
        "!=" => actual != expected,
        "~" => actual.contains(expected),
        "!~" => !actual.contains(expected),
        "^=" => actual.starts_with(expected),
        ">=" => number(&actual).zip(number(expected)).is_some_and(|(a, e)| a >= e),
        "<=" => number(&actual).zip(number(expected)).is_some_and(|(a, e)| a <= e),
        _ => return Some(Err(format!("{check}: unknown operator `{op}`"))),
    };
    Some(if ok { Ok(()) } else { Err(format!("{check}\n        actual: {}", shorten(&actual))) })
}

pub const ABSENT: &str = "<absent>";

fn shorten(s: &str) -> String {
    if s.chars().count() <= 300 {
        return s.to_owned();
    }
    let cut: String = s.chars().take(300).collect();
    format!("{cut}…")
}

fn scalar(v: Option<&Value>) -> String {
    match v {
        None => ABSENT.to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) => "null".to_owned(),
        Some(other) => other.to_string(),
    }
}

/// Like [`scalar`], but an absent value is empty inside a `[*]` list.
fn listed(v: String) -> String {
    if v == ABSENT {
        String::new()
    } else {
        v
    }
}

fn eval(expr: &str, sim: &Value, text: &str) -> Result<String, String> {
    if expr == "output" {
        return Ok(text.to_owned());
    }
    if let Some(args) = expr.strip_prefix("digest(").and_then(|a| a.strip_suffix(')')) {
        let (user, password) = args.split_once(',').ok_or("digest(USER,PASSWORD)")?;
        return Ok(digest_verdict(sim, user, password).to_owned());
    }
    if let Some(inner) = expr.strip_prefix("count(").and_then(|a| a.strip_suffix(')')) {
        if inner.starts_with("outcome") || inner.starts_with("diagnostics") {
            return Ok(json_path(sim, inner)?.as_array().map_or(0, Vec::len).to_string());
        }
        return Ok(select(sim, inner)?.len().to_string());
    }
    if expr.starts_with("outcome") || expr.starts_with("diagnostics") {
        return json_list(sim, expr);
    }
    // EVENTS[IDX].FIELD
    let open = expr.rfind("].").ok_or("expected EVENTS[IDX].FIELD")?;
    let (head, field) = (&expr[..open], &expr[open + 2..]);
    let bracket = head.rfind('[').ok_or("expected EVENTS[IDX].FIELD")?;
    let (events, index) = (&head[..bracket], &head[bracket + 1..]);
    let events = select(sim, events)?;
    let value = |e: &Value| field_of(e, field);
    if index == "*" {
        Ok(events.iter().map(|e| listed(value(e))).collect::<Vec<_>>().join(","))
    } else {
        let i: usize = index.parse().map_err(|_| format!("bad index `{index}`"))?;
        Ok(events.get(i).map_or_else(|| format!("<no event {i} of {}>", events.len()), |e| value(e)))
    }
}

/// `outcome.dials.0.x` / `outcome.dials[*].x` / `diagnostics[*].code`.
fn json_list(sim: &Value, expr: &str) -> Result<String, String> {
    match expr.split_once("[*]") {
        None => Ok(scalar(json_path(sim, expr).ok().as_ref())),
        Some((array, rest)) => {
            let items = json_path(sim, array)?;
            let rest = rest.trim_start_matches('.');
            Ok(items
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|item| {
                            let v =
                                if rest.is_empty() { Some(item.clone()) } else { json_path(item, rest).ok() };
                            listed(scalar(v.as_ref()))
                        })
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default())
        }
    }
}

fn json_path(value: &Value, path: &str) -> Result<Value, String> {
    let mut v = value;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        v = match seg.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(seg),
        }
        .ok_or_else(|| format!("no `{seg}` in `{path}`"))?;
    }
    Ok(v.clone())
}

/// `sip`, `sip.out`, `sip.in(TEXT)` (the dialled legs), `caller`, `caller.out`, `caller.in(TEXT)`
/// (the caller's dialog), `webhook`, `document`, `action`, `status(Key=Value)`,
/// `screening`, `verb(Name)`, `note(TEXT)`.
fn select<'a>(sim: &'a Value, spec: &str) -> Result<Vec<&'a Value>, String> {
    let (kind, filter) = match spec.split_once('(') {
        Some((k, f)) => (k, Some(f.strip_suffix(')').ok_or("unbalanced filter")?)),
        None => (spec, None),
    };
    let events = sim.get("events").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let str_of = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let purpose = match kind {
        "document" | "action" | "screening" => Some(kind),
        "status" => Some("status-callback"),
        _ => None,
    };
    // The caller's leg: the first document request's. `sip*` select the dialled legs'
    // messages, `caller*` the caller's own dialog with the platform.
    let caller_leg = events
        .iter()
        .find(|e| str_of(e, "kind") == "webhook" && str_of(e, "purpose") == "document")
        .map(|e| str_of(e, "leg"))
        .unwrap_or_default();
    let keep = |e: &&Value| -> bool {
        let ev_kind = str_of(e, "kind");
        let leg_sip = ev_kind == "sip" && str_of(e, "leg") != caller_leg;
        let caller_sip = ev_kind == "sip" && str_of(e, "leg") == caller_leg;
        let base_ok = match kind {
            "sip" => leg_sip,
            "sip.out" => leg_sip && str_of(e, "direction") == "out",
            "sip.in" => leg_sip && str_of(e, "direction") == "in",
            "caller" => caller_sip,
            "caller.out" => caller_sip && str_of(e, "direction") == "out",
            "caller.in" => caller_sip && str_of(e, "direction") == "in",
            "webhook" => ev_kind == "webhook",
            "verb" => ev_kind == "verb",
            "note" => ev_kind == "note",
            _ => ev_kind == "webhook" && purpose.is_some_and(|p| str_of(e, "purpose") == p),
        };
        base_ok
            && match filter {
                None => true,
                Some(f) => match ev_kind.as_str() {
                    "sip" => sip_matches(e, f),
                    "verb" => str_of(e, "verb") == f,
                    "note" => str_of(e, "text").contains(f),
                    _ => match f.split_once('=') {
                        Some((k, v)) => match k.strip_prefix('@') {
                            Some(key) => e.get(key).and_then(Value::as_str) == Some(v),
                            None => e.get("params").and_then(|p| p.get(k)).and_then(Value::as_str) == Some(v),
                        },
                        None => false,
                    },
                },
            }
    };
    match kind {
        "sip" | "sip.out" | "sip.in" | "caller" | "caller.out" | "caller.in" | "webhook" | "verb"
        | "note" => {}
        _ if purpose.is_some() => {}
        _ => return Err(format!("unknown event selector `{kind}`")),
    }
    Ok(events.iter().filter(keep).collect())
}

/// A SIP filter `TEXT` matches when the first line contains TEXT; `TEXT [METHOD]` also
/// needs the CSeq method (`200 OK [INVITE]`: the 200 to an INVITE, not to a BYE).
fn sip_matches(event: &Value, filter: &str) -> bool {
    let first = event.get("firstLine").and_then(Value::as_str).unwrap_or_default();
    let (text, method) = match filter.strip_suffix(']').and_then(|f| f.rsplit_once(" [")) {
        Some((text, method)) => (text, Some(method)),
        None => (filter, None),
    };
    let message = event.get("message").and_then(Value::as_str).unwrap_or_default();
    let cseq = header_values(message, "CSeq").first().copied().unwrap_or_default();
    first.contains(text) && method.is_none_or(|m| cseq.split_whitespace().nth(1) == Some(m))
}

fn field_of(event: &Value, field: &str) -> String {
    if field == "#keys" {
        let keys =
            event.get("params").and_then(Value::as_object).map(|p| p.keys().cloned().collect::<Vec<_>>());
        return keys.unwrap_or_default().join(" ");
    }
    if let Some(key) = field.strip_prefix('@') {
        return scalar(event.get(key));
    }
    if event.get("kind").and_then(Value::as_str) == Some("sip") {
        let message = event.get("message").and_then(Value::as_str).unwrap_or_default();
        let (name, all) = match field.strip_suffix("[*]") {
            Some(n) => (n, true),
            None => (field, false),
        };
        let values = header_values(message, name);
        return if all {
            values.join(",")
        } else {
            values.first().map_or_else(|| ABSENT.to_owned(), |v| (*v).to_owned())
        };
    }
    scalar(event.get("params").and_then(|p| p.get(field)))
}

/// Values of the header `name` (exact, case-sensitive) in a SIP message's header section.
pub fn header_values<'a>(message: &'a str, name: &str) -> Vec<&'a str> {
    message
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':'))
        .filter(|(n, _)| n.trim() == name)
        .map(|(_, v)| v.trim())
        .collect()
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes()).iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn digest_params(header: &str) -> BTreeMap<String, String> {
    let body = header.trim().strip_prefix("Digest").unwrap_or(header);
    let mut out = BTreeMap::new();
    for part in body.split(',') {
        if let Some((k, v)) = part.split_once('=') {
            out.insert(k.trim().to_ascii_lowercase(), v.trim().trim_matches('"').to_owned());
        }
    }
    out
}

/// `valid` when every INVITE credential for `user` carries the RFC 2617 MD5 response of
/// `password` (and there is at least one), `none` when no INVITE carries credentials.
fn digest_verdict(sim: &Value, user: &str, password: &str) -> &'static str {
    let invites = select(sim, "sip.out(INVITE)").unwrap_or_default();
    let mut seen = 0;
    for invite in invites {
        let message = invite.get("message").and_then(Value::as_str).unwrap_or_default();
        let method = message.split_whitespace().next().unwrap_or_default();
        for name in ["Authorization", "Proxy-Authorization"] {
            for header in header_values(message, name) {
                let p = digest_params(header);
                let get = |k: &str| p.get(k).map(String::as_str).unwrap_or_default();
                if get("username") != user {
                    continue;
                }
                seen += 1;
                let ha1 = md5_hex(&format!("{user}:{}:{password}", get("realm")));
                let ha2 = md5_hex(&format!("{method}:{}", get("uri")));
                let expected = if get("qop").is_empty() {
                    md5_hex(&format!("{ha1}:{}:{ha2}", get("nonce")))
                } else {
                    md5_hex(&format!(
                        "{ha1}:{}:{}:{}:{}:{ha2}",
                        get("nonce"),
                        get("nc"),
                        get("cnonce"),
                        get("qop")
                    ))
                };
                if get("response") != expected {
                    return "invalid";
                }
            }
        }
    }
    if seen == 0 {
        "none"
    } else {
        "valid"
    }
}

/// The check language itself, on a hand-written Simulation: each selector and operator
/// finds what it should, and a wrong expectation fails.
#[test]
fn the_check_language_reads_a_simulation() {
    let invite = "INVITE sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n\
        CSeq: 2 INVITE\r\nX-Dup: 1\r\nX-Dup: 2\r\nProxy-Authorization: Digest username=\"alice\", \
        realm=\"example.com\", nonce=\"abc123\", uri=\"sip:alice@example.com\", \
        response=\"59c6c4dc5f2e17c20b5dac3e241bba0c\"\r\n\r\nv=0\r\nm=audio 4000 RTP/AVP 0\r\n";
    let sim = serde_json::json!({
        "profile": "restcomm",
        "events": [
            { "seq": 0, "atMs": 0, "kind": "webhook", "purpose": "document", "method": "POST",
              "url": "http://app.test/rcml", "params": { "CallStatus": "ringing" }, "leg": "L0" },
            { "seq": 1, "atMs": 0, "kind": "sip", "leg": "L1", "direction": "out",
              "firstLine": "INVITE sip:alice@example.com SIP/2.0", "message": invite },
            { "seq": 2, "atMs": 1000, "kind": "webhook", "purpose": "status-callback", "method": "POST",
              "url": "http://hooks.test/s", "params": { "CallStatus": "ringing", "To": "alice", "Bare": null },
              "leg": "L1" },
            { "seq": 3, "atMs": 3000, "kind": "webhook", "purpose": "status-callback", "method": "POST",
              "url": "http://hooks.test/s", "params": { "CallStatus": "completed", "To": "alice" }, "leg": "L1" },
            { "seq": 4, "atMs": 3000, "kind": "verb", "verb": "Say", "document": "http://app.test/rcml" },
            { "seq": 5, "atMs": 3000, "kind": "note", "text": "no answer: no-answer", "profileNote": null }
        ],
        "outcome": { "dials": [ { "dialCallStatus": "completed", "dialCallDuration": 2, "answeredBy": null } ],
                     "callStatus": "completed", "endedAtMs": 3000 },
        "diagnostics": [ { "code": "sim/redirect-limit", "severity": "error" } ]
    });
    let text = sim.to_string();
    let pass = |c: &str| run_check(c, Profile::Restcomm, &sim, &text);
    for check in [
        "* | document[0].CallStatus = ringing",
        "* | document[0].@url = http://app.test/rcml",
        "* | sip.out(INVITE)[0].Via ^= SIP/2.0/UDP",
        "* | sip.out(INVITE)[0].CSeq = 2 INVITE",
        "* | sip.out[0].X-Dup[*] = 1,2",
        "* | sip.out(INVITE)[0].X-Missing = <absent>",
        "* | sip.out(INVITE)[0].@message ~ m=audio",
        "* | count(sip.in) = 0",
        "* | count(sip.out(INVITE [INVITE])) = 1",
        "* | count(sip.out(INVITE [BYE])) = 0",
        "* | count(status) = 2",
        "* | status(To=alice)[*].CallStatus = ringing,completed",
        "* | status(@url=http://hooks.test/s)[*].@atMs = 1000,3000",
        "* | count(status(@url=http://hooks.test/x)) = 0",
        "* | status[*].Bare = null,",
        "* | status[0].To = <present>",
        "* | status[0].#keys = CallStatus To Bare",
        "* | status[1].@atMs >= 3000",
        "* | status[1].@atMs <= 3000",
        "* | verb(Say)[0].@document = http://app.test/rcml",
        "* | verb[*].@verb = Say",
        "* | note[*].@text ~ no-answer",
        "* | webhook[2].CallStatus = completed",
        "* | outcome.dials.0.dialCallStatus = completed",
        "* | outcome.dials[*].dialCallDuration = 2",
        "* | outcome.dials.0.answeredBy = null",
        "* | count(outcome.dials) = 1",
        "* | diagnostics[*].code ~ sim/",
        "* | output !~ secret",
        "* | digest(alice,secret) = valid",
        "* | digest(alice,wrong) = invalid",
        "* | digest(bob,secret) = none",
        "twilio | outcome.callStatus = nonsense",
    ] {
        assert_eq!(pass(check).map(|r| r.map_err(|e| e.to_string())).unwrap_or(Ok(())), Ok(()), "{check}");
    }
    assert!(
        pass("twilio | outcome.callStatus = nonsense").is_none(),
        "a check of another profile is skipped"
    );
    for wrong in [
        "* | document[0].CallStatus = answered",
        "* | status[5].CallStatus = ringing",
        "* | count(status) = 3",
        "* | status(To=alice)[*].CallStatus = completed,ringing",
        "* | outcome.endedAtMs = 2999",
        "* | frobnicate[0].x = 1",
        "* | status[0].CallStatus == ringing",
    ] {
        assert!(matches!(pass(wrong), Some(Err(_))), "{wrong} should fail");
    }
}
