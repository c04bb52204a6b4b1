//! The tables of [`super::schema`]: what Restcomm-Connect's `Verbs.java`/`Nouns.java` know
//! (restcomm-connect.md §3–§5), the attributes its documentation lists, and what the TwiML
//! platform knows for the same elements (platforms.md §3). Sorted by element name; the
//! entries themselves live in [`verbs`] and [`nouns`].

mod nouns;
mod verbs;

use super::schema::{
    AttributeSpec as A, ChildSpec as C, ElementKind, ElementSpec, TextContent, ValueType as V, ALL, RESTCOMM,
    TWILIO,
};
use crate::profile::PerProfile;

const FORBIDDEN: PerProfile<TextContent> = PerProfile::all(TextContent::Forbidden);
const OPTIONAL: PerProfile<TextContent> = PerProfile::all(TextContent::Optional);
const REQUIRED: PerProfile<TextContent> = PerProfile::all(TextContent::Required);

const fn element(
    name: &'static str,
    kind: ElementKind,
    doc: &'static str,
    attributes: &'static [A],
    children: &'static [C],
    text: PerProfile<TextContent>,
    text_value: V,
) -> ElementSpec {
    ElementSpec { name, kind, doc, profiles: ALL, attributes, children, text, text_value, open: false }
}

const fn only(spec: ElementSpec, profiles: PerProfile<bool>) -> ElementSpec {
    ElementSpec { profiles, ..spec }
}

/// A TwiML verb this tool does not model: known (so not "unknown"), but nothing inside checked.
const fn open_twilio_verb(name: &'static str, doc: &'static str) -> ElementSpec {
    ElementSpec {
        name,
        kind: ElementKind::Verb,
        doc,
        profiles: TWILIO,
        attributes: &[],
        children: &[],
        text: OPTIONAL,
        text_value: V::Text,
        open: true,
    }
}

const fn url(name: &'static str, doc: &'static str) -> A {
    A::new(name, V::Url, None, doc)
}

const fn method(name: &'static str, doc: &'static str) -> A {
    A::new(name, V::Method, Some("POST"), doc)
}

const ACTION: A =
    url("action", "URL requested when the verb ends; its response replaces the rest of the document");
const ACTION_METHOD: A = method("method", "HTTP method for `action`: GET or POST");

/// `statusCallback*` of the nouns `<Dial>` dials.
const STATUS_CALLBACK: A =
    url("statusCallback", "URL that receives a webhook on each subscribed call-progress event");
const STATUS_CALLBACK_METHOD: A =
    method("statusCallbackMethod", "HTTP method for `statusCallback`: GET or POST");
const STATUS_CALLBACK_EVENT: A = A::new(
    "statusCallbackEvent",
    V::CallEvents,
    None,
    "call-progress events to send to `statusCallback`: initiated ringing answered completed",
);
const SCREENING_URL: A = url(
    "url",
    "call-screening RCML run on the called party after answering, before the parties are connected",
);
const SCREENING_METHOD: A = method("method", "HTTP method for `url`: GET or POST");

const VERBS: &[C] = &[
    C::new("Dial"),
    C::only("Email", RESTCOMM),
    C::new("Enqueue"),
    C::only("Fax", RESTCOMM),
    C::new("Gather"),
    C::new("Hangup"),
    C::only("Language", RESTCOMM),
    C::new("Leave"),
    C::new("Pause"),
    C::new("Play"),
    C::new("Record"),
    C::new("Redirect"),
    C::new("Reject"),
    C::new("Say"),
    C::new("Sms"),
    C::only("UssdCollect", RESTCOMM),
    C::only("UssdMessage", RESTCOMM),
    C::only("Connect", TWILIO),
    C::only("Pay", TWILIO),
    C::only("Refer", TWILIO),
    C::only("Start", TWILIO),
    C::only("Stop", TWILIO),
];

const LOOP: A =
    A::new("loop", V::NonNegativeInt, Some("1"), "how many times to repeat; 0 repeats until the call ends");

pub static ELEMENTS: &[ElementSpec] = &[
    nouns::CLIENT,
    nouns::CONFERENCE,
    verbs::CONNECT,
    verbs::DIAL,
    verbs::EMAIL,
    verbs::ENQUEUE,
    verbs::FAX,
    verbs::GATHER,
    verbs::HANGUP,
    nouns::HEADER,
    nouns::HEADERS,
    verbs::LANGUAGE,
    verbs::LEAVE,
    nouns::NUMBER,
    verbs::PAUSE,
    verbs::PAY,
    verbs::PLAY,
    nouns::QUEUE,
    verbs::RECORD,
    verbs::REDIRECT,
    verbs::REFER,
    verbs::REJECT,
    verbs::RESPONSE,
    verbs::SAY,
    nouns::SIP,
    verbs::SMS,
    verbs::START,
    verbs::STOP,
    nouns::URI,
    verbs::USSDCOLLECT,
    verbs::USSDMESSAGE,
    nouns::VIDEO,
];
