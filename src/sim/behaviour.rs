//! What each platform does during a call: the S-rows of `profiles.md` as one table, looked
//! up by profile. The engine reads these fields; it never tests the profile itself.

use crate::profile::{PerProfile, Profile};

/// How `statusCallbackEvent` is split into event names (V16/V17).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventSplit {
    /// Runs of spaces and commas separate names.
    SpacesOrCommas,
    /// Whitespace is removed, then the value is split on commas (a space list is one
    /// unknown name: no callback at all).
    CommasAfterRemovingSpaces,
}

/// Which parameter set a request carries (S6, 7.2–7.3 of the reference).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamSet {
    Restcomm,
    RestcommConnect,
    Twilio,
}

/// How a leg's CallSid looks (S5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidStyle {
    /// `ID<32 hex>-CA<32 hex>`.
    InstanceAndCall,
    /// `CA<32 hex>`.
    Call,
}

#[derive(Clone, Copy, Debug)]
pub struct Behaviour {
    /// S1: events sent when `statusCallback` is set and `statusCallbackEvent` is not.
    pub default_events: &'static [&'static str],
    /// V16/V17.
    pub event_split: EventSplit,
    /// V22: a relative `statusCallback` is resolved (else never delivered).
    pub resolves_relative_status_callback: bool,
    /// S2: the status callback's `CallStatus` is the event name.
    pub status_is_event_name: bool,
    /// S3: `SequenceNumber` fixed per event (0-3) instead of a counter per leg.
    pub fixed_sequence_numbers: bool,
    /// S4: the zone written after the time (`+0000` or `UTC`).
    pub timestamp_zone: &'static str,
    /// S5.
    pub sid_style: SidStyle,
    /// S6, S15, 7.3: which parameters requests carry.
    pub params: ParamSet,
    /// `ApiVersion`.
    pub api_version: &'static str,
    /// S6: the dialled leg's `To` is the whole URI (else its user part).
    pub to_is_whole_uri: bool,
    /// S8: `DialCallStatus` when nobody answered before `timeout`.
    pub timeout_dial_status: &'static str,
    /// S8: the unanswered leg's `completed` CallStatus after the timeout.
    pub timeout_leg_status: &'static str,
    /// S8b: `DialCallStatus` when the caller hung up while the Dial was ringing.
    pub caller_gone_dial_status: &'static str,
    /// S8 quirk: an unanswered leg's `CallDuration` counts from its creation (else 0).
    pub unanswered_duration_from_creation: bool,
    /// S10: re-INVITEs with credentials per leg (`None`: on every challenge, capped by the
    /// guard [`super::engine::MAX_AUTH_ROUNDS`]).
    pub auth_retries: Option<u32>,
    /// S11: a 3xx is ignored (the leg waits for the timeout) instead of failing.
    pub ignores_3xx: bool,
    /// S11: a 487 the endpoint sends on its own is ignored instead of failing the leg.
    pub ignores_487: bool,
    /// S13: `DialSipCallId`, `DialSipResponseCode`, `DialSipHeader_X-*` on the action.
    pub dial_sip_params: bool,
    /// S14: a declined screening hangs up the whole call (else only that leg).
    pub screening_decline_ends_call: bool,
    /// S14: a leg declined by screening reports its talk time (200 OK to hang-up) as
    /// `CallDuration` (else 0, as if never answered).
    pub declined_leg_talk_time: bool,
    /// S16: the action document runs after a bridged call (else the caller is hung up).
    pub runs_action_after_bridge: bool,
    /// S17.
    pub hangup_on_star: bool,
    /// S18: `timeLimit` hangs up the caller too.
    pub time_limit_ends_call: bool,
    /// S19.
    pub restcomm_headers: bool,
    /// `X-` names are matched ignoring case (`SipHeader_*`, `DialSipHeader_*`).
    pub x_prefix_ignores_case: bool,
    /// Sends `RecordingUrl`/`PublicRecordingUrl` as bare keys when not recording.
    pub bare_recording_keys: bool,
    /// V4: the document is run as Restcomm-Connect's pre-pass repairs it (only the first bare
    /// `&` of each `;`-free stretch: a second one still makes the document unparseable); else
    /// any bare `&` means the platform cannot parse the document.
    pub repairs_bare_ampersands: bool,
    /// V7: with a nested `<Video>`, the `name` attribute is the URI (the text is ignored).
    pub name_with_video: bool,
    /// V2/V32: a child of `<Dial>` the platform cannot dial (`<Queue>`, `<sip>`) breaks the
    /// whole Dial (else it is skipped).
    pub undialable_child_breaks_dial: bool,
}

const RESTCOMM_CONNECT: Behaviour = Behaviour {
    default_events: &["initiated", "ringing", "answered", "completed"],
    event_split: EventSplit::CommasAfterRemovingSpaces,
    resolves_relative_status_callback: false,
    status_is_event_name: true,
    fixed_sequence_numbers: true,
    timestamp_zone: "UTC",
    sid_style: SidStyle::InstanceAndCall,
    params: ParamSet::RestcommConnect,
    api_version: "2012-04-24",
    to_is_whole_uri: false,
    timeout_dial_status: "canceled",
    timeout_leg_status: "canceled",
    caller_gone_dial_status: "completed",
    unanswered_duration_from_creation: true,
    auth_retries: None,
    ignores_3xx: true,
    ignores_487: true,
    dial_sip_params: false,
    screening_decline_ends_call: true,
    // 7.2 of the reference: answered legs count from the 200 OK, screened or not.
    declined_leg_talk_time: true,
    runs_action_after_bridge: false,
    hangup_on_star: false,
    time_limit_ends_call: true,
    restcomm_headers: true,
    x_prefix_ignores_case: false,
    bare_recording_keys: true,
    repairs_bare_ampersands: true,
    name_with_video: true,
    undialable_child_breaks_dial: true,
};

const RESTCOMM: Behaviour = Behaviour {
    default_events: &["completed"],
    event_split: EventSplit::SpacesOrCommas,
    resolves_relative_status_callback: true,
    status_is_event_name: false,
    fixed_sequence_numbers: false,
    timestamp_zone: "+0000",
    params: ParamSet::Restcomm,
    timeout_dial_status: "no-answer",
    timeout_leg_status: "no-answer",
    caller_gone_dial_status: "canceled",
    unanswered_duration_from_creation: false,
    auth_retries: Some(1),
    // Where the documentation is silent (3xx), Restcomm-Connect.
    ignores_3xx: true,
    ignores_487: false,
    dial_sip_params: true,
    screening_decline_ends_call: false,
    declined_leg_talk_time: false,
    runs_action_after_bridge: true,
    hangup_on_star: true,
    time_limit_ends_call: false,
    bare_recording_keys: false,
    ..RESTCOMM_CONNECT
};

pub static BEHAVIOURS: PerProfile<Behaviour> = PerProfile::new(
    RESTCOMM,
    RESTCOMM_CONNECT,
    Behaviour {
        default_events: &["completed"],
        event_split: EventSplit::SpacesOrCommas,
        resolves_relative_status_callback: true,
        sid_style: SidStyle::Call,
        params: ParamSet::Twilio,
        api_version: "2010-04-01",
        to_is_whole_uri: true,
        ignores_3xx: false,
        restcomm_headers: false,
        x_prefix_ignores_case: true,
        repairs_bare_ampersands: false,
        name_with_video: false,
        undialable_child_breaks_dial: false,
        ..RESTCOMM
    },
);

pub fn of(profile: Profile) -> Behaviour {
    BEHAVIOURS.get(profile)
}

/// The profile notes of decisions that differ between platforms, by row (a table: one
/// search instead of a match arm per row).
pub fn row_note(row: &str) -> PerProfile<&'static str> {
    ROW_NOTES.iter().find(|(r, _)| *r == row).map_or(PerProfile::all(""), |(_, notes)| *notes)
}

static ROW_NOTES: &[(&str, PerProfile<&str>)] = &[
    (
        "S1",
        PerProfile::new(
            "S1: the documentation sends only `completed`; restcomm-connect would send all four events",
            "S1: Restcomm-Connect sends all four events when statusCallbackEvent is absent",
            "S1: TwiML sends only `completed`",
        ),
    ),
    (
        "S13",
        PerProfile::new(
            "S13: DialSipCallId, DialSipResponseCode and DialSipHeader_X-* are sent",
            "S13: Restcomm-Connect only adds them for its own SIP-originated leg, so never here",
            "S13: DialSipCallId, DialSipResponseCode and DialSipHeader_X-* are sent",
        ),
    ),
    (
        "S8",
        PerProfile::new(
            "S8: restcomm reports no-answer; restcomm-connect would report canceled",
            "S8: Restcomm-Connect cancels the legs and reports canceled (the documentation says no-answer)",
            "S8: TwiML reports no-answer",
        ),
    ),
    (
        "S8b",
        PerProfile::new(
            "S8b: restcomm reports canceled; restcomm-connect would report completed",
            "S8b: Restcomm-Connect reports DialCallStatus=completed when the caller hangs up while ringing",
            "S8b: TwiML reports canceled",
        ),
    ),
    (
        "S10",
        PerProfile::new(
            "S10: restcomm retries once with the credentials; a second challenge fails the leg",
            "S10: Restcomm-Connect answers every challenge again (no retry limit)",
            "S10: TwiML retries once with the credentials",
        ),
    ),
    (
        "S11",
        PerProfile::new(
            "S11: a 3xx is ignored (as Restcomm-Connect does); the leg waits for the timeout",
            "S11: Restcomm-Connect ignores 3xx and a 487 it did not cause; the leg waits for the timeout",
            "S11: TwiML fails the leg on any final failure",
        ),
    ),
    (
        "S14",
        PerProfile::new(
            "S14: restcomm declines only this leg; restcomm-connect would hang up the whole call",
            "S14: Restcomm-Connect hangs up the whole call, caller included",
            "S14: TwiML declines only this leg",
        ),
    ),
    (
        "S16",
        PerProfile::new(
            "S16: restcomm runs the action document; restcomm-connect would hang up the caller",
            "S16: after a bridged call Restcomm-Connect requests the action but never runs its document",
            "S16: TwiML runs the action document",
        ),
    ),
    (
        "S17",
        PerProfile::new(
            "S17: `*` hangs up the dialled leg; restcomm-connect ignores hangupOnStar",
            "S17: Restcomm-Connect never reads hangupOnStar: `*` does nothing",
            "S17: `*` hangs up the dialled leg",
        ),
    ),
    (
        "S18",
        PerProfile::new(
            "S18: the dialled leg is hung up and the call goes on; restcomm-connect would hang up both",
            "S18: Restcomm-Connect hangs up both legs at timeLimit; no verb after the Dial runs",
            "S18: the dialled leg is hung up and the call goes on",
        ),
    ),
    (
        "V16",
        PerProfile::new(
            "V16: restcomm accepts spaces and commas; restcomm-connect splits on commas only",
            "V16: Restcomm-Connect removes spaces and splits on commas: a space-separated list is one unknown event",
            "V16: TwiML accepts a space-separated list",
        ),
    ),
    (
        "V22",
        PerProfile::new(
            "V22: resolved against the document URL",
            "V22: Restcomm-Connect never resolves a relative statusCallback: it is never delivered",
            "V22: resolved against the document URL",
        ),
    ),
];
