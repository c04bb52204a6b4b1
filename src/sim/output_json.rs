//! The Simulation's JSON (`contracts.md` §5) through one hand-written `Serialize`: the same
//! keys in the same order for `serde_json` (the CLI, the goldens) and for
//! `serde-wasm-bindgen` (the npm package). Measured on the web .wasm: a `serde_json::Value`
//! built from copies of every string kept Value's map, hashing and serialiser in it for this
//! alone, derived impls cost one serialiser per type, and a tree of heap vectors its
//! allocations and drops. Here each object lists its fields into a small array on the stack
//! (plain code, the same for every serialiser) and one generic loop writes them.

use super::output::{DialOutcome, Event, EventBody, Outcome, Params, Simulation};
use crate::diagnostics::{Diagnostic, Range};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A JSON value borrowed from the Simulation: a scalar, or a part written on demand.
#[derive(Clone, Copy)]
pub enum Json<'a> {
    Null,
    U64(u64),
    Str(&'a str),
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

type Fields<'a> = [(&'a str, Json<'a>); MAX_FIELDS];

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

    /// An object's fields in contract order, into `out`; how many.
    #[inline(never)]
    fn fields(self, out: &mut Fields<'a>) -> usize {
        let list: &[(&'static str, Json<'a>)] = match self {
            Json::Simulation(s) => &[
                ("profile", Json::Str(s.profile.as_str())),
                ("events", Json::Events(&s.events)),
                ("outcome", Json::Outcome(&s.outcome)),
                ("diagnostics", Json::Diagnostics(&s.diagnostics)),
            ],
            Json::Outcome(o) => &[
                ("dials", Json::Dials(&o.dials)),
                ("callStatus", (&o.call_status).into()),
                ("endedAtMs", o.ended_at_ms.into()),
            ],
            Json::Dial(d) => &[
                ("dialCallStatus", (&d.dial_call_status).into()),
                ("dialCallSid", (&d.dial_call_sid).into()),
                ("dialCallDuration", d.dial_call_duration.into()),
                ("answeredBy", (&d.answered_by).into()),
                ("dialRingDuration", d.dial_ring_duration.into()),
                ("dialSipResponseCode", d.dial_sip_response_code.map_or(Json::Null, |c| u64::from(c).into())),
            ],
            Json::Event(e) => return event_fields(e, out),
            _ => &[],
        };
        for (slot, field) in out.iter_mut().zip(list) {
            *slot = *field;
        }
        list.len().min(MAX_FIELDS)
    }
}

/// `{ seq, atMs, kind, ... }`: the body's fields follow its `kind`.
fn event_fields<'a>(e: &'a Event, out: &mut Fields<'a>) -> usize {
    let head = [("seq", e.seq.into()), ("atMs", e.at_ms.into())];
    let body: &[(&'static str, Json<'a>)] = match &e.body {
        EventBody::Sip { leg, direction, first_line, message } => &[
            ("kind", Json::Str("sip")),
            ("leg", leg.into()),
            ("direction", Json::Str(direction.as_str())),
            ("firstLine", first_line.into()),
            ("message", message.into()),
        ],
        EventBody::Webhook { purpose, method, url, params, leg } => &[
            ("kind", Json::Str("webhook")),
            ("purpose", Json::Str(purpose.as_str())),
            ("method", method.into()),
            ("url", url.into()),
            ("params", Json::Params(params)),
            ("leg", leg.into()),
        ],
        EventBody::Verb { verb, range, document } => &[
            ("kind", Json::Str("verb")),
            ("verb", verb.into()),
            ("range", Json::Range(range)),
            ("document", document.into()),
        ],
        EventBody::Note { text, profile_note } => {
            &[("kind", Json::Str("note")), ("text", text.into()), ("profileNote", profile_note.into())]
        }
    };
    let mut n = 0;
    for (slot, field) in out.iter_mut().zip(head.iter().chain(body)) {
        *slot = *field;
        n += 1;
    }
    n
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Json::Null => s.serialize_unit(),
            Json::U64(n) => s.serialize_u64(n),
            Json::Str(v) => s.serialize_str(v),
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
            // Objects: the parameters' entries, or the fields listed by `fields`.
            Json::Params(_) | Json::Simulation(_) | Json::Event(_) | Json::Outcome(_) | Json::Dial(_) => {
                let mut fields = [("", Json::Null); MAX_FIELDS];
                let n = self.fields(&mut fields);
                let len = if let Json::Params(p) = *self { p.0.len() } else { n };
                let mut map = s.serialize_map(Some(len))?;
                for i in 0..len {
                    let entry = match *self {
                        Json::Params(p) => p.0.get(i).map(|(k, v)| (k.as_str(), Json::from(v))),
                        _ => fields.get(i).copied(),
                    };
                    let (k, v) = entry.unwrap_or(("", Json::Null));
                    map.serialize_entry(k, &v)?;
                }
                map.end()
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
