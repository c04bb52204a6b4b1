//! The Simulation's JSON (`contracts.md` §5) as a borrowed tree with one hand-written
//! `Serialize`: the same keys in the same order for `serde_json` (the CLI, the goldens) and for
//! `serde-wasm-bindgen` (the npm package). One recursive serialiser instead of a
//! `serde_json::Value` built from copies of every string (its map, hashing and serialiser
//! stayed in the web .wasm for this alone) or derived impls per type (measured larger).

use super::output::{DialOutcome, Event, EventBody, Outcome, Params, Simulation};
use crate::diagnostics::{Diagnostic, Range};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A JSON value that borrows from the Simulation.
pub enum Json<'a> {
    Null,
    U64(u64),
    Str(&'a str),
    List(Vec<Json<'a>>),
    /// Keys in contract order.
    Obj(Vec<(&'static str, Json<'a>)>),
    /// A webhook's parameters: an object in the order sent, a bare key as `null`.
    Params(&'a Params),
    /// The derived shapes the validator's results use too.
    Range(&'a Range),
    Diagnostics(&'a [Diagnostic]),
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Self {
        Json::Str(s)
    }
}

impl<'a> From<Option<&'a str>> for Json<'a> {
    fn from(s: Option<&'a str>) -> Self {
        s.map_or(Json::Null, Json::Str)
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::U64(n)
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::U64(n) => s.serialize_u64(*n),
            Json::Str(v) => s.serialize_str(v),
            Json::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Json::Params(p) => {
                let mut map = s.serialize_map(Some(p.0.len()))?;
                for (k, v) in &p.0 {
                    map.serialize_entry(k, &Json::from(v.as_deref()))?;
                }
                map.end()
            }
            Json::Range(r) => r.serialize(s),
            Json::Diagnostics(d) => d.serialize(s),
        }
    }
}

impl Simulation {
    /// The JSON of `contracts.md` §5, keys in contract order.
    pub fn json(&self) -> Json<'_> {
        Json::Obj(vec![
            ("profile", self.profile.as_str().into()),
            ("events", Json::List(self.events.iter().map(Event::json).collect())),
            ("outcome", self.outcome.json()),
            ("diagnostics", Json::Diagnostics(&self.diagnostics)),
        ])
    }
}

impl Event {
    /// `{ seq, atMs, kind, ... }`: the body's fields follow its `kind`.
    pub fn json(&self) -> Json<'_> {
        let mut m = vec![("seq", self.seq.into()), ("atMs", self.at_ms.into())];
        match &self.body {
            EventBody::Sip { leg, direction, first_line, message } => m.extend([
                ("kind", "sip".into()),
                ("leg", leg.as_str().into()),
                ("direction", direction.as_str().into()),
                ("firstLine", first_line.as_str().into()),
                ("message", message.as_str().into()),
            ]),
            EventBody::Webhook { purpose, method, url, params, leg } => m.extend([
                ("kind", "webhook".into()),
                ("purpose", purpose.as_str().into()),
                ("method", method.as_str().into()),
                ("url", url.as_str().into()),
                ("params", Json::Params(params)),
                ("leg", leg.as_deref().into()),
            ]),
            EventBody::Verb { verb, range, document } => m.extend([
                ("kind", "verb".into()),
                ("verb", verb.as_str().into()),
                ("range", Json::Range(range)),
                ("document", document.as_str().into()),
            ]),
            EventBody::Note { text, profile_note } => m.extend([
                ("kind", "note".into()),
                ("text", text.as_str().into()),
                ("profileNote", profile_note.as_deref().into()),
            ]),
        }
        Json::Obj(m)
    }
}

impl Outcome {
    pub fn json(&self) -> Json<'_> {
        Json::Obj(vec![
            ("dials", Json::List(self.dials.iter().map(DialOutcome::json).collect())),
            ("callStatus", self.call_status.as_str().into()),
            ("endedAtMs", self.ended_at_ms.into()),
        ])
    }
}

impl DialOutcome {
    pub fn json(&self) -> Json<'_> {
        Json::Obj(vec![
            ("dialCallStatus", self.dial_call_status.as_deref().into()),
            ("dialCallSid", self.dial_call_sid.as_deref().into()),
            ("dialCallDuration", self.dial_call_duration.into()),
            ("answeredBy", self.answered_by.as_deref().into()),
            ("dialRingDuration", self.dial_ring_duration.into()),
            ("dialSipResponseCode", self.dial_sip_response_code.map_or(Json::Null, |c| u64::from(c).into())),
        ])
    }
}
