//! The simulator's output (`contracts.md` §5): events, outcome and diagnostics, serialized
//! with camelCase names exactly as the contract shows.

use crate::diagnostics::{Diagnostic, Position, Range};
use crate::Profile;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// The simulator's output (`contracts.md` §5).
#[derive(Clone, Debug)]
pub struct Simulation {
    pub profile: Profile,
    /// In time order (`atMs` non-decreasing), ties in causal order; `seq` counts from 0.
    pub events: Vec<Event>,
    pub outcome: Outcome,
    /// Validation of every document the call ran, then the `sim/*` findings of the run.
    pub diagnostics: Vec<Diagnostic>,
    /// The URL of the given source (`documentUrl`): its verbs' ranges point into it.
    /// Not part of the JSON.
    pub document_url: String,
}

impl Simulation {
    /// Converts every offset and column that points into `source` (the given document: its
    /// diagnostics and the ranges of its verbs) to UTF-16 code units, the JavaScript
    /// convention. Call it once, at the JavaScript edge.
    pub fn to_utf16(&mut self, source: &str) {
        let index = crate::text::LineIndex::new(source);
        for d in &mut self.diagnostics {
            d.to_utf16(&index);
        }
        for e in &mut self.events {
            if let EventBody::Verb { range, document, .. } = &mut e.body {
                if *document == self.document_url {
                    for pos in [&mut range.start, &mut range.end] {
                        let (line, column) = index.line_col_utf16(pos.offset);
                        *pos = crate::diagnostics::Position {
                            offset: index.utf16_offset(pos.offset),
                            line,
                            column,
                        };
                    }
                }
            }
        }
    }

    /// The Simulation as pretty-printed JSON (two-space indent, keys in contract order, no
    /// trailing newline): the same bytes for the same input, natively and in wasm.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_json_value()).unwrap_or_else(|_| "null".to_owned())
    }

    /// The JSON of `contracts.md` §5, keys in contract order: built by hand (one plain
    /// function, where derived `Serialize` code was instantiated per serializer and per type,
    /// flattened tagged enums included: kilobytes of wasm).
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        put_str(&mut m, "profile", self.profile.as_str());
        put(&mut m, "events", Value::Array(self.events.iter().map(Event::to_json_value).collect()));
        put(&mut m, "outcome", self.outcome.to_json_value());
        let diagnostics =
            serde_json::to_value(&self.diagnostics).unwrap_or_else(|_| Value::Array(Vec::new()));
        put(&mut m, "diagnostics", diagnostics);
        Value::Object(m)
    }
}

impl Serialize for Simulation {
    /// Through [`Simulation::to_json_value`]: one description of the JSON.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json_value().serialize(serializer)
    }
}

/// One entry of an object (out of line: one call per key instead of its allocation, insertion
/// and drop of the replaced value at every key).
#[inline(never)]
fn put(m: &mut Map<String, Value>, key: &str, value: Value) {
    m.insert(key.to_owned(), value);
}

/// A string entry (out of line: one copy of the string's conversion).
#[inline(never)]
fn put_str(m: &mut Map<String, Value>, key: &str, value: &str) {
    put(m, key, Value::String(value.to_owned()));
}

fn opt_str(v: Option<&str>) -> Value {
    v.map_or(Value::Null, Value::from)
}

fn position(p: &Position) -> Value {
    let mut m = Map::new();
    put(&mut m, "offset", p.offset.into());
    put(&mut m, "line", p.line.into());
    put(&mut m, "column", p.column.into());
    Value::Object(m)
}

fn range(r: &Range) -> Value {
    let mut m = Map::new();
    put(&mut m, "start", position(&r.start));
    put(&mut m, "end", position(&r.end));
    Value::Object(m)
}

impl Event {
    /// `{ seq, atMs, kind, ... }`: the body's fields follow its `kind`.
    pub fn to_json_value(&self) -> Value {
        let mut map = Map::new();
        let m = &mut map;
        put(m, "seq", self.seq.into());
        put(m, "atMs", self.at_ms.into());
        match &self.body {
            EventBody::Sip { leg, direction, first_line, message } => {
                put_str(m, "kind", "sip");
                put_str(m, "leg", leg);
                put_str(m, "direction", direction.as_str());
                put_str(m, "firstLine", first_line);
                put_str(m, "message", message);
            }
            EventBody::Webhook { purpose, method, url, params, leg } => {
                put_str(m, "kind", "webhook");
                put_str(m, "purpose", purpose.as_str());
                put_str(m, "method", method);
                put_str(m, "url", url);
                put(m, "params", params.to_json_value());
                put(m, "leg", opt_str(leg.as_deref()));
            }
            EventBody::Verb { verb, range: r, document } => {
                put_str(m, "kind", "verb");
                put_str(m, "verb", verb);
                put(m, "range", range(r));
                put_str(m, "document", document);
            }
            EventBody::Note { text, profile_note } => {
                put_str(m, "kind", "note");
                put_str(m, "text", text);
                put(m, "profileNote", opt_str(profile_note.as_deref()));
            }
        }
        Value::Object(map)
    }
}

#[derive(Clone, Debug)]
pub struct Event {
    pub seq: u64,
    pub at_ms: u64,
    pub body: EventBody,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// What the platform sends.
    Out,
    /// What the platform receives.
    In,
}

impl Direction {
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    StatusCallback,
    Screening,
    Action,
    Document,
}

impl Purpose {
    pub const fn as_str(self) -> &'static str {
        match self {
            Purpose::StatusCallback => "status-callback",
            Purpose::Screening => "screening",
            Purpose::Action => "action",
            Purpose::Document => "document",
        }
    }
}

/// In the JSON: `kind` (`sip`, `webhook`, `verb`, `note`), then the fields in camelCase.
#[derive(Clone, Debug)]
pub enum EventBody {
    Sip {
        leg: String,
        direction: Direction,
        first_line: String,
        /// The whole message, CRLF line ends, full header names, SDP body when there is one.
        message: String,
    },
    Webhook {
        purpose: Purpose,
        method: String,
        /// Absolute; for GET with the query string as sent.
        url: String,
        params: Params,
        leg: Option<String>,
    },
    Verb {
        verb: String,
        range: Range,
        /// The URL of the document the verb belongs to.
        document: String,
    },
    Note {
        text: String,
        profile_note: Option<String>,
    },
}

/// Form parameters in the order sent; `None` is a key sent bare, without `=`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(String, Option<String>)>);

impl Params {
    pub fn push(&mut self, key: &str, value: impl Into<String>) {
        self.set(key, Some(value.into()));
    }

    pub fn push_bare(&mut self, key: &str) {
        self.set(key, None);
    }

    /// Adds or replaces (in place) a parameter.
    pub fn set(&mut self, key: &str, value: Option<String>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_deref())
    }

    /// `application/x-www-form-urlencoded`, bare keys without `=`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (k, v) in &self.0 {
            if !out.is_empty() {
                out.push('&');
            }
            out.extend(url::form_urlencoded::byte_serialize(k.as_bytes()));
            if let Some(v) = v {
                out.push('=');
                out.extend(url::form_urlencoded::byte_serialize(v.as_bytes()));
            }
        }
        out
    }
}

impl Params {
    /// An object in the order sent, a bare key as `null`.
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in &self.0 {
            m.insert(k.clone(), opt_str(v.as_deref()));
        }
        Value::Object(m)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// One per `<Dial>` executed, in order, action documents included.
    pub dials: Vec<DialOutcome>,
    /// The caller's leg at the end: `completed`, `busy`, `failed`, `no-answer`, `canceled`.
    pub call_status: String,
    pub ended_at_ms: u64,
}

impl Outcome {
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "dials", Value::Array(self.dials.iter().map(DialOutcome::to_json_value).collect()));
        put_str(&mut m, "callStatus", &self.call_status);
        put(&mut m, "endedAtMs", self.ended_at_ms.into());
        Value::Object(m)
    }
}

#[derive(Clone, Debug, Default)]
pub struct DialOutcome {
    /// `null` for a `<Dial>` that dialled nothing.
    pub dial_call_status: Option<String>,
    pub dial_call_sid: Option<String>,
    /// Seconds.
    pub dial_call_duration: u64,
    /// The dialled URI as written, without headers.
    pub answered_by: Option<String>,
    /// Seconds from the INVITE to the final response (an extension of §5).
    pub dial_ring_duration: u64,
    /// The final INVITE response code of the reported leg (an extension of §5).
    pub dial_sip_response_code: Option<u16>,
}

impl DialOutcome {
    pub fn to_json_value(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "dialCallStatus", opt_str(self.dial_call_status.as_deref()));
        put(&mut m, "dialCallSid", opt_str(self.dial_call_sid.as_deref()));
        put(&mut m, "dialCallDuration", self.dial_call_duration.into());
        put(&mut m, "answeredBy", opt_str(self.answered_by.as_deref()));
        put(&mut m, "dialRingDuration", self.dial_ring_duration.into());
        put(&mut m, "dialSipResponseCode", self.dial_sip_response_code.map_or(Value::Null, Value::from));
        Value::Object(m)
    }
}
