//! One leg per dialled noun: what is dialled (URI, headers, transport, credentials), which
//! endpoint of the scenario answers it, and its state during the Dial.

use super::behaviour::EventSplit;
use super::callbacks;
use super::digest::{Challenge, Credentials};
use super::engine::{Loaded, Sim};
use super::interpreter::{attr, text_of};
use super::params::LegView;
use super::scenario::Endpoint;
use super::sip_message::{Dialog, PLATFORM_HOST};
use crate::sip_uri;
use crate::xml::{Element, ElementId};

/// Where `<Number>` legs go (a PSTN gateway) and `<Client>` legs (registered clients).
pub const GATEWAY_HOST: &str = "gateway.test";
pub const CLIENTS_HOST: &str = "clients.test";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// INVITE sent, nothing but 100 received.
    Calling,
    Ringing,
    /// Answered; the screening document runs on it.
    Screening,
    Bridged,
    Ended,
}

/// Where and how a leg's status callbacks go (S1, V16–V22).
#[derive(Clone, Debug)]
pub struct Callbacks {
    pub url: String,
    pub method: String,
    /// The subscribed events ([`callbacks::event_set`]).
    pub events: u8,
}

pub struct Leg<'s> {
    pub sid: String,
    /// `Sip`, `Uri`, `Number` or `Client`.
    pub noun: String,
    /// The scenario key: the dialled URI as written without headers, the number, `client:NAME`.
    pub key: String,
    /// The scenario's endpoint that answers (borrowed: never cloned per leg).
    pub endpoint: Option<&'s Endpoint>,
    pub dialog: Dialog,
    /// `To` in the leg's requests (user part, or the whole URI under twilio).
    pub to_param: String,
    /// Headers added to the INVITE (S19 and the URI's, V14 naming).
    pub headers: Vec<(String, String)>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// Screening `url` (resolved) and `method` as written (upper-cased).
    pub screening: Option<(String, String)>,
    pub callbacks: Option<Callbacks>,
    pub cseq: u32,
    pub branch: String,
    /// The current INVITE transaction (responses of older ones are stale).
    pub tx: u32,
    /// The current INVITE got its final response.
    pub tx_final: bool,
    pub state: State,
    pub invite_at: u64,
    pub answered_at: Option<u64>,
    pub ended_at: Option<u64>,
    /// The final INVITE response code (487 after CANCEL).
    pub final_code: Option<u16>,
    pub final_headers: Vec<(String, String)>,
    /// The `completed` CallStatus (S2): completed, busy, failed, no-answer, canceled.
    pub status: &'static str,
    /// What the Dial reports when this leg is the one reported.
    pub dial_status: &'static str,
    /// Declined by its screening (S14): `CallDuration` per `declined_leg_talk_time`.
    pub declined: bool,
    /// When the final response (or the cancel) came: the end of ringing.
    pub ring_end: Option<u64>,
    pub counter: u32,
    /// The events whose callback was sent (a set as [`Callbacks::events`]).
    pub sent: u8,
    /// Credentials sent so far, challenges received (auth rounds).
    pub auth_rounds: u32,
    /// How many times the endpoint challenged.
    pub endpoint_challenges: u32,
    pub challenge: Option<Challenge>,
    pub credentials: Option<Credentials>,
    /// Order in which legs ended (the last to end is reported when nobody answered).
    pub end_order: u32,
}

impl Leg<'_> {
    pub fn view(&self) -> LegView<'_> {
        LegView { sid: &self.sid, from: &self.dialog.from_user, to: &self.to_param }
    }

    pub fn is_open(&self) -> bool {
        self.state != State::Ended
    }
}

/// What a `<Dial>` dials: its nouns, or its text (V30: text replaces the nouns).
pub enum Target<'d> {
    Noun(ElementId),
    Text(&'d str),
}

/// Builds the leg of one noun, or explains (note) why it could not be created.
pub fn build<'s>(
    sim: &mut Sim<'s>,
    loaded: &Loaded,
    target: &Target,
    from_user: &str,
) -> Result<Leg<'s>, String> {
    // Texts borrowed from the target or the document.
    let (noun, element, text): (&str, _, &str) = match *target {
        Target::Text(t) => {
            let noun = if t.contains('@') {
                "Sip"
            } else if t.starts_with("client") {
                "Client"
            } else {
                "Number"
            };
            (noun, None, t)
        }
        Target::Noun(id) => {
            let Some(e) = loaded.doc.element(id) else { return Err("missing element".into()) };
            (e.name, Some((id, e)), text_of(&e))
        }
    };
    let video = element.is_some_and(|(id, _)| has_video(loaded, id, true));
    let mut uri_text = text;
    let mut uri_child = None;
    if let Some((id, ref e)) = element {
        // V7: with a nested <Video>, the `name` attribute is the URI (Restcomm profiles).
        if sim.b.name_with_video && has_video(loaded, id, false) {
            uri_text = attr(e, "name").unwrap_or("");
        }
        // V7 (twilio): a `<Sip>` without text dials its first `<Uri>` child.
        if uri_text.trim().is_empty() && e.name == "Sip" {
            for (_, u) in loaded.doc.child_elements(id) {
                if u.name == "Uri" {
                    uri_text = text_of(&u);
                    uri_child = Some(u);
                    break;
                }
            }
        }
    }
    let uri_text = uri_text.trim();
    // The URI before `?headers`.
    let before_headers = uri_text.split('?').next().unwrap_or("");
    let sid = sim.new_call_sid();
    let mut headers = Vec::new();
    if sim.b.restcomm_headers {
        headers.push(("X-RestComm-ApiVersion".to_owned(), sim.b.api_version.to_owned()));
        headers.push(("X-RestComm-AccountSid".to_owned(), sim.account_sid.clone()));
        headers.push(("X-RestComm-CallSid".to_owned(), sid.clone()));
    }
    let (key, request_uri, to_user, transport, remote) = match noun {
        "Sip" | "Uri" => {
            let parsed = sip_uri::parse(uri_text, sim.profile);
            let Some(uri) = parsed.uri else {
                return Err(format!("`{uri_text}` is not a SIP URI: no INVITE can be sent"));
            };
            // No usable host (missing, unclosed `[`, a space…) or a port above 65535 or not a
            // number: there is nowhere to send the INVITE, and the leg cannot be created, like a
            // URI that is not a SIP URI (restcomm-connect.md 6.1 and 8). Only the host is echoed
            // (`sip:alice:secret` puts a password where a port goes).
            let has =
                |rule: &crate::diagnostics::Rule| parsed.diagnostics.iter().any(|d| d.code == rule.code);
            if has(&sip_uri::rules::INVALID_HOST) {
                return Err(format!(
                    "`{}` has no usable host (sip-uri/invalid-host): no INVITE can be sent",
                    without_password(&uri, before_headers)
                ));
            }
            if has(&sip_uri::rules::INVALID_PORT) {
                return Err(format!(
                    "the URI to host `{}` has an invalid port (sip-uri/invalid-port): no INVITE can be sent",
                    uri.host.raw
                ));
            }
            let platform_headers = headers.len();
            for (name, value) in sip_uri::invite_headers(&uri, sim.profile) {
                // User headers come after the platform's and replace them (one map); among
                // themselves, `invite_headers` already applied the profile's duplicate rule.
                match headers.get_mut(..platform_headers).and_then(|h| h.iter_mut().find(|(n, _)| *n == name))
                {
                    Some(slot) => slot.1 = value,
                    None => headers.push((name, value)),
                }
            }
            if let Some(p) = &uri.password {
                sim.secret(&p.raw);
            }
            let request_uri = without_password(&uri, before_headers);
            // S20. A SIPS URI means TLS whatever its `transport` says: `transport=tcp` is TLS
            // over TCP (RFC 3261 26.2.2, sip-uri.md 2), and the Via names TLS.
            let transport = match uri.scheme {
                sip_uri::Scheme::Sips => "TLS".to_owned(),
                sip_uri::Scheme::Sip => {
                    uri.transport().unwrap_or_else(|| "udp".to_owned()).to_ascii_uppercase()
                }
            };
            let port = uri.port.map(|(p, _)| format!(":{p}")).unwrap_or_default();
            let to_user = uri.decoded_user().unwrap_or_default();
            (before_headers.to_owned(), request_uri, to_user, transport, format!("{}{port}", uri.host.raw))
        }
        "Client" => {
            let name = text.trim().trim_start_matches("client:").to_owned();
            (
                format!("client:{name}"),
                format!("sip:{name}@{CLIENTS_HOST}"),
                name,
                "UDP".into(),
                CLIENTS_HOST.into(),
            )
        }
        _ => {
            let number = text.trim().to_owned();
            (
                number.clone(),
                format!("sip:{number}@{GATEWAY_HOST}"),
                number,
                "UDP".into(),
                GATEWAY_HOST.into(),
            )
        }
    };
    let to_param = if sim.b.to_is_whole_uri {
        match noun {
            "Sip" | "Uri" | "Client" => key.clone(),
            _ => to_user.clone(),
        }
    } else {
        to_user
    };
    // TwiML `<Headers><Header name value/></Headers>` inside `<Sip>`: sent as written.
    if let Some((id, _)) = element {
        for (hid, list) in loaded.doc.child_elements(id) {
            if list.name != "Headers" {
                continue;
            }
            for (_, h) in loaded.doc.child_elements(hid) {
                if let ("Header", Some(name), Some(value)) = (h.name, attr(&h, "name"), h.attribute("value"))
                {
                    headers.push((name.to_owned(), value.value.text.to_owned()));
                }
            }
        }
    }
    let scenario: &'s super::scenario::Scenario = sim.scenario;
    let endpoint = scenario.endpoint(&key).map(|(_, e)| e);
    let dialog = Dialog {
        request_uri,
        from_user: from_user.to_owned(),
        from_tag: sim.rng.hex(8),
        to_tag: None,
        call_id: format!("{}@{PLATFORM_HOST}", sim.rng.hex(32)),
        transport,
        remote,
        video,
    };
    let (username, password, screening, callbacks) = match element {
        Some((_, ref e)) => (
            attr(e, "username")
                .or_else(|| uri_child.as_ref().and_then(|u| attr(u, "username")))
                .map(str::to_owned),
            e.attribute("password")
                .or_else(|| uri_child.and_then(|u| u.attribute("password")))
                .map(|a| a.value.text.to_owned()),
            screening_of(sim, loaded, e),
            callbacks_of(sim, loaded, e),
        ),
        None => (None, None, None, None),
    };
    Ok(Leg {
        sid,
        noun: noun.to_owned(),
        key,
        endpoint,
        dialog,
        to_param,
        headers,
        username,
        password,
        screening,
        callbacks,
        cseq: 0,
        branch: String::new(),
        tx: 0,
        tx_final: false,
        state: State::Calling,
        invite_at: sim.now,
        answered_at: None,
        ended_at: None,
        final_code: None,
        final_headers: Vec::new(),
        status: "completed",
        dial_status: "completed",
        declined: false,
        ring_end: None,
        counter: 0,
        sent: 0,
        auth_rounds: 0,
        endpoint_challenges: 0,
        challenge: None,
        credentials: None,
        end_order: 0,
    })
}

/// The Request-URI: the URI before `?`, without a `user:password` password.
fn without_password(uri: &sip_uri::SipUri, before_headers: &str) -> String {
    match &uri.password {
        Some(p) => {
            let start = p.span.start.saturating_sub(1) as usize;
            let end = p.span.end as usize;
            format!(
                "{}{}",
                before_headers.get(..start).unwrap_or(""),
                before_headers.get(end..).unwrap_or("")
            )
        }
        None => before_headers.to_owned(),
    }
}

/// A `<Video>` child (enabled, when `enabled_only`).
fn has_video(loaded: &Loaded, id: ElementId, enabled_only: bool) -> bool {
    for (_, c) in loaded.doc.child_elements(id) {
        if c.name == "Video"
            && (!enabled_only || attr(&c, "enable").is_some_and(|v| v.eq_ignore_ascii_case("true")))
        {
            return true;
        }
    }
    false
}

fn screening_of(sim: &Sim, loaded: &Loaded, e: &Element) -> Option<(String, String)> {
    let url = attr(e, "url")?;
    let url = sim.resolve(&loaded.url, url)?;
    let method = attr(e, "method").unwrap_or("POST").to_ascii_uppercase();
    Some((url, method))
}

fn callbacks_of(sim: &mut Sim, loaded: &Loaded, e: &Element) -> Option<Callbacks> {
    let raw = attr(e, "statusCallback")?;
    let absolute = url::Url::parse(raw).is_ok();
    if !absolute && !sim.b.resolves_relative_status_callback {
        sim.row_note(format!("the relative statusCallback `{raw}` is never delivered"), "V22");
        return None;
    }
    let url = sim.resolve(&loaded.url, raw)?;
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        sim.note(format!("statusCallback `{raw}` is not an http(s) URL: no status callback is sent"), None);
        return None;
    }
    let method = match attr(e, "statusCallbackMethod") {
        None => "POST".to_owned(),
        Some(m) if m.eq_ignore_ascii_case("GET") || m.eq_ignore_ascii_case("POST") => m.to_ascii_uppercase(),
        Some(m) => {
            sim.note(
                format!("statusCallbackMethod `{m}` is neither GET nor POST: no status callback is sent"),
                None,
            );
            return None;
        }
    };
    let events = match e.attribute("statusCallbackEvent") {
        None => {
            let list = sim.b.default_events.join(", ");
            sim.row_note(format!("`{raw}` without statusCallbackEvent gets: {list}"), "S1");
            callbacks::event_set(sim.b.default_events)
        }
        Some(a) => {
            let value = a.value.text;
            // The list with commas as its only separators: ASCII spaces become commas, or
            // every whitespace character goes (the names are then what lies between commas).
            let spaces_separate = sim.b.event_split == EventSplit::SpacesOrCommas;
            let mut list = String::with_capacity(value.len());
            for c in value.chars() {
                match c {
                    c if spaces_separate && c.is_ascii_whitespace() => list.push(','),
                    c if !spaces_separate && c.is_whitespace() => {}
                    c => list.push(c),
                }
            }
            let names: Vec<&str> = list.split(',').collect();
            let events = callbacks::event_set(&names);
            if events == 0 && !value.trim().is_empty() {
                sim.row_note(
                    format!("statusCallbackEvent `{value}` names no known event: no status callback is sent"),
                    "V16",
                );
            }
            events
        }
    };
    Some(Callbacks { url, method, events })
}
