//! The Simulation's JSON (`contracts.md` §5) through one hand-written `Serialize`: the same
//! keys in the same order for `serde_json` (the CLI, the goldens) and for
//! `serde-wasm-bindgen` (the npm package). Measured on the web .wasm: a `serde_json::Value`
//! built from copies of every string kept Value's map, hashing and serialiser in it for this
//! alone, derived impls cost one serialiser per type, and a tree of heap vectors its
//! allocations and drops. Here each object lists its fields into a small array on the stack
//! (plain code, the same for every serialiser) and one generic loop writes them.

use super::output::{DialOutcome, Event, EventBody, Outcome, Params, Simulation};
use crate::diagnostics::{Diagnostic, Range};
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// A JSON value borrowed from the Simulation: a scalar, or a part written on demand.
#[derive(Clone, Copy)]
pub enum Json<'a> {
    Null,
    U64(u64),
    Str(&'a str),
    /// A URL kept as is in the Simulation (the wasm face finds a verb's document by it),
    /// written with its password redacted.
    Url(&'a str),
    Simulation(&'a Simulation),
    Events(&'a [Event]),
    Event(&'a Event),
    Outcome(&'a Outcome),
    Dials(&'a [DialOutcome]),
    Dial(&'a DialOutcome),
    /// A webhook's parameters: an object in the order sent, a bare key as `null`.
    Params(&'a Params),
    /// The derived shapes the validator's results use too.
    Range(&'a Range),
    Diagnostics(&'a [Diagnostic]),
}

/// The most fields of an object (a webhook event's).
const MAX_FIELDS: usize = 8;

type Values<'a> = [Json<'a>; MAX_FIELDS];

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Self {
        Json::Str(s)
    }
}

impl<'a> From<&'a String> for Json<'a> {
    fn from(s: &'a String) -> Self {
        Json::Str(s)
    }
}

impl<'a> From<&'a Option<String>> for Json<'a> {
    fn from(s: &'a Option<String>) -> Self {
        s.as_deref().map_or(Json::Null, Json::Str)
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::U64(n)
    }
}

impl<'a> Json<'a> {
    /// The `i`th element of a list.
    fn item(self, i: usize) -> Option<Json<'a>> {
        match self {
            Json::Events(list) => list.get(i).map(Json::Event),
            Json::Dials(list) => list.get(i).map(Json::Dial),
            _ => None,
        }
    }

    /// An object's keys in contract order (static lists), its values into `out`.
    #[inline(never)]
    fn fields(self, out: &mut Values<'a>) -> &'static [&'static str] {
        let (keys, values): (&'static [&'static str], &[Json<'a>]) = match self {
            Json::Simulation(s) => (
                &["profile", "events", "outcome", "diagnostics"],
                &[
                    Json::Str(s.profile.as_str()),
                    Json::Events(&s.events),
                    Json::Outcome(&s.outcome),
                    Json::Diagnostics(&s.diagnostics),
                ],
            ),
            Json::Outcome(o) => (
                &["dials", "callStatus", "endedAtMs"],
                &[Json::Dials(&o.dials), Json::Str(o.call_status), o.ended_at_ms.into()],
            ),
            Json::Dial(d) => (
                &[
                    "dialCallStatus",
                    "dialCallSid",
                    "dialCallDuration",
                    "answeredBy",
                    "dialRingDuration",
                    "dialSipResponseCode",
                ],
                &[
                    d.dial_call_status.map_or(Json::Null, Json::Str),
                    (&d.dial_call_sid).into(),
                    d.dial_call_duration.into(),
                    (&d.answered_by).into(),
                    d.dial_ring_duration.into(),
                    d.dial_sip_response_code.map_or(Json::Null, |c| u64::from(c).into()),
                ],
            ),
            Json::Event(e) => return event_fields(e, out),
            _ => (&[], &[]),
        };
        for (slot, value) in out.iter_mut().zip(values) {
            *slot = *value;
        }
        keys
    }
}

/// `{ seq, atMs, kind, ... }`: the body's fields follow its `kind`.
fn event_fields<'a>(e: &'a Event, out: &mut Values<'a>) -> &'static [&'static str] {
    let (keys, body): (&'static [&'static str], &[Json<'a>]) = match &e.body {
        EventBody::Sip { leg, direction, first_line, message } => (
            &["seq", "atMs", "kind", "leg", "direction", "firstLine", "message"],
            &[Json::Str("sip"), leg.into(), Json::Str(direction.as_str()), first_line.into(), message.into()],
        ),
        EventBody::Webhook { purpose, method, url, params, leg } => (
            &["seq", "atMs", "kind", "purpose", "method", "url", "params", "leg"],
            &[
                Json::Str("webhook"),
                Json::Str(purpose.as_str()),
                method.into(),
                url.into(),
                Json::Params(params),
                leg.into(),
            ],
        ),
        EventBody::Verb { verb, range, document } => (
            &["seq", "atMs", "kind", "verb", "range", "document"],
            &[Json::Str("verb"), verb.into(), Json::Range(range), Json::Url(document)],
        ),
        EventBody::Note { text, profile_note } => (
            &["seq", "atMs", "kind", "text", "profileNote"],
            &[Json::Str("note"), text.into(), profile_note.into()],
        ),
    };
    let head = [e.seq.into(), e.at_ms.into()];
    for (slot, value) in out.iter_mut().zip(head.iter().chain(body)) {
        *slot = *value;
    }
    keys
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Json::Null => s.serialize_unit(),
            Json::U64(n) => s.serialize_u64(n),
            Json::Str(v) => s.serialize_str(v),
            Json::Url(v) => s.serialize_str(&crate::secrets::redact_url_passwords(v)),
            Json::Events(_) | Json::Dials(_) => {
                let mut seq = s.serialize_seq(None)?;
                let mut i = 0;
                while let Some(item) = self.item(i) {
                    seq.serialize_element(&item)?;
                    i += 1;
                }
                seq.end()
            }
            Json::Range(r) => r.serialize(s),
            Json::Diagnostics(d) => d.serialize(s),
            Json::Params(p) => {
                let mut map = s.serialize_map(Some(p.0.len()))?;
                for (k, v) in &p.0 {
                    map.serialize_entry(k.as_str(), &Json::from(v))?;
                }
                map.end()
            }
            // The contract's objects: static keys, as structs (for serde-wasm-bindgen, the
            // object code that `validate`'s results use too).
            Json::Simulation(_) | Json::Event(_) | Json::Outcome(_) | Json::Dial(_) => {
                let mut values = [Json::Null; MAX_FIELDS];
                let keys = self.fields(&mut values);
                let mut object = s.serialize_struct("", keys.len())?;
                for (k, v) in keys.iter().zip(&values) {
                    object.serialize_field(k, v)?;
                }
                object.end()
            }
        }
    }
}

impl Simulation {
    /// The JSON of `contracts.md` §5, keys in contract order.
    pub fn json(&self) -> Json<'_> {
        Json::Simulation(self)
    }
}
