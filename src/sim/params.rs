//! The form parameters of every request the platform makes, per parameter set (S6, S13,
//! S15; sections 7.2–7.4 of the Restcomm-Connect reference).

use super::behaviour::ParamSet;
use super::clock;
use super::engine::Sim;
use super::output::Params;

/// The voice request parameters of the caller's leg (document, redirect, action requests).
pub fn voice(sim: &Sim, call_status: &str) -> Params {
    let mut p = Params::default();
    let call = &sim.scenario.call;
    p.push("CallSid", sim.call_sid.as_str());
    if sim.b.params == ParamSet::RestcommConnect {
        p.push("InstanceId", sim.instance_id.as_str());
    }
    p.push("AccountSid", sim.account_sid.as_str());
    p.push("From", call.from.as_str());
    p.push("To", call.to.as_str());
    p.push("CallStatus", call_status);
    p.push("ApiVersion", sim.b.api_version);
    p.push("Direction", "inbound");
    match sim.b.params {
        ParamSet::Restcomm => {}
        ParamSet::RestcommConnect => {
            // Restcomm-Connect writes a missing display name and Diversion as the text `null`.
            p.push("CallerName", "null");
            p.push("ForwardedFrom", "null");
            p.push("CallTimestamp", clock::format_iso(sim.epoch_ms(0)));
        }
        // platforms.md 3.4: the standard set; see `leg_voice` for what it leaves out.
        ParamSet::Twilio => {}
    }
    p
}

/// What a request about a dialled leg needs to know of it.
pub struct LegView<'a> {
    pub sid: &'a str,
    /// `From` of the leg: the caller or `callerId`.
    pub from: &'a str,
    /// `To` of the leg: the dialled user, or the whole URI (per profile).
    pub to: &'a str,
}

/// The voice request parameters of a dialled leg (status callbacks S6, screening S15).
pub fn leg_voice(sim: &Sim, leg: &LegView, call_status: &str) -> Params {
    let mut p = Params::default();
    match sim.b.params {
        ParamSet::Restcomm => {
            p.push("CallSid", leg.sid);
            p.push("AccountSid", sim.account_sid.as_str());
            p.push("From", leg.from);
            p.push("To", leg.to);
            p.push("CallStatus", call_status);
            p.push("ApiVersion", sim.b.api_version);
            p.push("Direction", "outbound-dial");
            p.push("ParentCallSid", sim.call_sid.as_str());
        }
        ParamSet::RestcommConnect => {
            p.push("InstanceId", sim.instance_id.as_str());
            p.push("AccountSid", sim.account_sid.as_str());
            p.push("CallSid", leg.sid);
            p.push("From", leg.from);
            p.push("To", leg.to);
            p.push("Direction", "outbound-dial");
            p.push("CallerName", leg.from);
            p.push_bare("ForwardedFrom");
            p.push("ParentCallSid", sim.call_sid.as_str());
            p.push("CallStatus", call_status);
        }
        ParamSet::Twilio => {
            // platforms.md 3.4's set. Its `CallerName` and `ForwardedFrom` are sent by Twilio
            // only after a caller-ID lookup or for a forwarded call, which a simulated call
            // never is; the legacy `Called`/`Caller` are not in the set.
            p.push("AccountSid", sim.account_sid.as_str());
            p.push("ApiVersion", sim.b.api_version);
            p.push("CallSid", leg.sid);
            p.push("CallStatus", call_status);
            p.push("Direction", "outbound-dial");
            p.push("From", leg.from);
            p.push("To", leg.to);
            p.push("ParentCallSid", sim.call_sid.as_str());
        }
    }
    p
}

/// A status callback of a dialled leg (S2–S6).
pub fn status_callback(
    sim: &Sim,
    leg: &LegView,
    call_status: &str,
    duration: Option<u64>,
    sequence: u32,
) -> Params {
    let mut p = leg_voice(sim, leg, call_status);
    if let Some(d) = duration {
        p.push("CallDuration", d.to_string());
    }
    p.push("Timestamp", clock::format_http_date(sim.epoch_ms(sim.now), sim.b.timestamp_zone));
    p.push("CallbackSource", "call-progress-events");
    p.push("SequenceNumber", u64::from(sequence).to_string());
    p
}

/// The screening request (S15): the leg's voice parameters, `SipCallId` and the `X-`
/// headers of its 200 OK.
pub fn screening(sim: &Sim, leg: &LegView, call_id: &str, headers: &[(String, String)]) -> Params {
    let mut p = leg_voice(sim, leg, "in-progress");
    if sim.b.params == ParamSet::RestcommConnect {
        // The screening interpreter's own set has ApiVersion (status callbacks do not).
        p.push("ApiVersion", sim.b.api_version);
    }
    p.push("SipCallId", call_id);
    for (name, value) in headers {
        if is_x_header(sim, name) {
            p.push(&format!("SipHeader_{name}"), value.as_str());
        }
    }
    p
}

pub fn is_x_header(sim: &Sim, name: &str) -> bool {
    let prefix = name.get(..2).unwrap_or("");
    if sim.b.x_prefix_ignores_case {
        prefix.eq_ignore_ascii_case("X-")
    } else {
        prefix == "X-"
    }
}

/// What the Dial action reports (S8–S13).
pub struct DialReport<'a> {
    pub status: Option<&'a str>,
    pub sid: Option<&'a str>,
    pub duration: u64,
    pub ring_duration: u64,
    pub sip_call_id: Option<&'a str>,
    pub sip_response_code: Option<u16>,
    pub sip_headers: &'a [(String, String)],
    pub recording_url: Option<&'a str>,
}

/// The Dial action request: the caller's voice parameters plus the Dial's results.
pub fn dial_action(sim: &Sim, call_status: &str, r: &DialReport) -> Params {
    let mut p = voice(sim, call_status);
    match r.status {
        Some(s) => p.push("DialCallStatus", s),
        None => p.push("DialCallStatus", "null"),
    }
    p.push("DialCallSid", r.sid.unwrap_or("null"));
    p.push("DialCallDuration", r.duration.to_string());
    p.push("DialRingDuration", r.ring_duration.to_string());
    if sim.b.dial_sip_params {
        if let Some(id) = r.sip_call_id {
            p.push("DialSipCallId", id);
        }
        if let Some(code) = r.sip_response_code {
            p.push("DialSipResponseCode", code.to_string());
        }
        for (name, value) in r.sip_headers {
            if is_x_header(sim, name) {
                p.push(&format!("DialSipHeader_{name}"), value.as_str());
            }
        }
    }
    match (r.recording_url, sim.b.bare_recording_keys) {
        (Some(url), _) => {
            p.push("RecordingUrl", url);
            if sim.b.bare_recording_keys {
                p.push("PublicRecordingUrl", url);
            }
        }
        (None, true) => {
            p.push_bare("RecordingUrl");
            p.push_bare("PublicRecordingUrl");
        }
        (None, false) => {}
    }
    p
}
