//! The simulator's output (`contracts.md` §5): events, outcome and diagnostics, serialized
//! with camelCase names exactly as the contract shows.

use crate::diagnostics::{Diagnostic, Range};
use crate::Profile;
use serde::{Serialize, Serializer};

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
        serde_json::to_string_pretty(&self.json()).unwrap_or_else(|_| "null".to_owned())
    }
}

impl Serialize for Simulation {
    /// Through [`Simulation::json`]: one description of the JSON.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
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

#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// One per `<Dial>` executed, in order, action documents included.
    pub dials: Vec<DialOutcome>,
    /// The caller's leg at the end: `completed`, `busy`, `failed`, `no-answer`, `canceled`.
    pub call_status: &'static str,
    pub ended_at_ms: u64,
}

#[derive(Clone, Debug, Default)]
pub struct DialOutcome {
    /// `null` for a `<Dial>` that dialled nothing.
    pub dial_call_status: Option<&'static str>,
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
