//! The tables of [`super::schema`]: what Restcomm-Connect's `Verbs.java`/`Nouns.java` know
//! (restcomm-connect.md §3–§5), the attributes its documentation lists, and what the TwiML
//! platform knows for the same elements (platforms.md §3). Sorted by element name.

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
    element(
        "Client",
        ElementKind::Noun,
        "dials a registered client (a WebRTC or SIP user of the platform) by name",
        &[SCREENING_URL, SCREENING_METHOD, STATUS_CALLBACK_EVENT, STATUS_CALLBACK, STATUS_CALLBACK_METHOD],
        &[C::only("Video", RESTCOMM)],
        REQUIRED,
        V::Text,
    ),
    element(
        "Conference",
        ElementKind::Noun,
        "joins the caller to the named conference room",
        &[
            A::new("muted", V::Bool, Some("false"), "whether the participant joins muted"),
            A::new(
                "beep",
                V::Enum(&["true", "false", "onEnter", "onExit"]),
                Some("true"),
                "when to play a beep",
            ),
            A::new("startConferenceOnEnter", V::Bool, Some("true"), "whether joining starts the conference"),
            A::new(
                "endConferenceOnExit",
                V::Bool,
                Some("false"),
                "whether leaving ends the conference for all",
            ),
            url("waitUrl", "RCML played while waiting for the conference to start"),
            method("waitMethod", "HTTP method for `waitUrl`: GET or POST"),
            A::new("maxParticipants", V::PositiveInt, Some("40"), "the most participants the room admits"),
            url("statusCallback", "URL that receives conference events"),
            method("statusCallbackMethod", "HTTP method for `statusCallback`: GET or POST"),
            A::new(
                "statusCallbackEvent",
                V::EventList(&[
                    "start",
                    "end",
                    "join",
                    "leave",
                    "mute",
                    "hold",
                    "modify",
                    "speaker",
                    "announcement",
                ]),
                None,
                "conference events to send to `statusCallback`",
            ),
            A::new(
                "record",
                V::Enum(&["do-not-record", "record-from-start"]),
                Some("do-not-record"),
                "whether to record the conference",
            )
            .only(TWILIO),
        ],
        &[C::only("Video", RESTCOMM)],
        REQUIRED,
        V::Text,
    ),
    open_twilio_verb("Connect", "TwiML: connects the call to a stream, a room or a virtual agent"),
    element(
        "Dial",
        ElementKind::Verb,
        "dials one or more parties (nouns, or a number as text) and bridges the first to answer",
        &[
            ACTION,
            ACTION_METHOD,
            A::new("timeout", V::PositiveInt, Some("30"), "seconds to wait for an answer"),
            A::new(
                "timeLimit",
                V::PositiveInt,
                Some("14400"),
                "the longest the bridged call may last, in seconds",
            ),
            A::new("callerId", V::Text, None, "the caller ID shown to the called party"),
            A::new(
                "hangupOnStar",
                V::Bool,
                Some("false"),
                "whether the caller can hang up the dialled party by pressing *",
            ),
            A::new("record", V::Bool, Some("false"), "whether to record the bridged call").only(RESTCOMM),
            A::new(
                "record",
                V::Enum(&[
                    "true",
                    "false",
                    "do-not-record",
                    "record-from-answer",
                    "record-from-ringing",
                    "record-from-answer-dual",
                    "record-from-ringing-dual",
                ]),
                Some("do-not-record"),
                "whether and from when to record the bridged call",
            )
            .only(TWILIO),
            A::new(
                "answerOnBridge",
                V::Bool,
                Some("false"),
                "whether the caller stays unanswered until the bridge",
            )
            .only(TWILIO),
            A::new("ringTone", V::Text, None, "country code of the ringback tone").only(TWILIO),
            url("recordingStatusCallback", "URL told when the recording is available").only(TWILIO),
            method("recordingStatusCallbackMethod", "HTTP method for `recordingStatusCallback`").only(TWILIO),
            A::new(
                "recordingStatusCallbackEvent",
                V::EventList(&["in-progress", "completed", "absent"]),
                Some("completed"),
                "recording events to send",
            )
            .only(TWILIO),
            A::new(
                "recordingTrack",
                V::Enum(&["both", "inbound", "outbound"]),
                Some("both"),
                "which audio to record",
            )
            .only(TWILIO),
            A::new(
                "trim",
                V::Enum(&["trim-silence", "do-not-trim"]),
                Some("do-not-trim"),
                "whether to trim silence",
            )
            .only(TWILIO),
            url("referUrl", "URL requested when the called party sends a SIP REFER").only(TWILIO),
            method("referMethod", "HTTP method for `referUrl`").only(TWILIO),
            A::new(
                "sequential",
                V::Bool,
                Some("false"),
                "dial the nouns one after the other instead of at once",
            )
            .only(TWILIO),
            A::new("events", V::Enum(&["call-progress-event"]), None, "subscribe to call-progress events")
                .only(TWILIO),
        ],
        &[
            C::new("Client"),
            C::new("Conference"),
            C::new("Number"),
            C::only("Queue", TWILIO),
            C::new("Sip"),
            C::only("Uri", RESTCOMM),
        ],
        OPTIONAL,
        V::Text,
    ),
    only(
        element(
            "Email",
            ElementKind::Verb,
            "sends an email; the text is the body",
            &[
                A::new("to", V::Text, None, "recipient address"),
                A::new("from", V::Text, None, "sender address"),
                A::new("cc", V::Text, None, "carbon-copy addresses"),
                A::new("bcc", V::Text, None, "blind carbon-copy addresses"),
                A::new("subject", V::Text, None, "subject line"),
            ],
            &[],
            REQUIRED,
            V::Text,
        ),
        RESTCOMM,
    ),
    element(
        "Enqueue",
        ElementKind::Verb,
        "puts the caller in the named queue (skipped by Restcomm-Connect)",
        &[
            ACTION,
            ACTION_METHOD,
            url("waitUrl", "RCML played while the caller waits"),
            method("waitUrlMethod", "HTTP method for `waitUrl`"),
            A::new("workflowSid", V::Text, None, "TaskRouter workflow").only(TWILIO),
        ],
        &[],
        OPTIONAL,
        V::Text,
    ),
    only(
        element(
            "Fax",
            ElementKind::Verb,
            "sends a fax; the text is the URL of the document",
            &[
                A::new("to", V::Text, None, "destination number"),
                A::new("from", V::Text, None, "sender number"),
                ACTION,
                ACTION_METHOD,
                url("statusCallback", "URL told of the fax status"),
            ],
            &[],
            REQUIRED,
            V::Url,
        ),
        RESTCOMM,
    ),
    element(
        "Gather",
        ElementKind::Verb,
        "collects DTMF digits (or speech) from the caller while its nested verbs play",
        &[
            ACTION,
            ACTION_METHOD,
            A::new("timeout", V::NonNegativeInt, Some("5"), "seconds of silence before the input ends"),
            A::new(
                "finishOnKey",
                V::Key,
                Some("#"),
                "the key that ends the input (one of 0-9, #, *, or empty)",
            ),
            A::new("numDigits", V::PositiveInt, None, "how many digits to collect"),
            A::new(
                "input",
                V::Enum(&["dtmf", "speech", "dtmf speech", "speech dtmf"]),
                Some("dtmf"),
                "kinds of input",
            ),
            url("partialResultCallback", "URL told of partial speech results"),
            method("partialResultCallbackMethod", "HTTP method for `partialResultCallback`"),
            A::new("language", V::Text, Some("en-US"), "speech recognition language"),
            A::new("hints", V::Text, None, "comma-separated phrases to help speech recognition (50 at most)"),
            A::new("speechTimeout", V::Text, None, "seconds of silence that end speech input, or `auto`")
                .only(TWILIO),
            A::new("actionOnEmptyResult", V::Bool, Some("false"), "request `action` even without input")
                .only(TWILIO),
        ],
        &[C::new("Say"), C::new("Play"), C::new("Pause")],
        FORBIDDEN,
        V::Text,
    ),
    element("Hangup", ElementKind::Verb, "ends the call", &[], &[], FORBIDDEN, V::Text),
    only(
        element(
            "Header",
            ElementKind::Part,
            "TwiML: one custom SIP header of the INVITE",
            &[
                A::new("name", V::Text, None, "header name").required(),
                A::new("value", V::Text, None, "header value").required(),
            ],
            &[],
            FORBIDDEN,
            V::Text,
        ),
        TWILIO,
    ),
    only(
        element(
            "Headers",
            ElementKind::Part,
            "TwiML: custom SIP headers as elements instead of URI headers",
            &[],
            &[C::new("Header")],
            FORBIDDEN,
            V::Text,
        ),
        TWILIO,
    ),
    only(
        element(
            "Language",
            ElementKind::Verb,
            "USSD: the language of the following messages",
            &[],
            &[],
            REQUIRED,
            V::Text,
        ),
        RESTCOMM,
    ),
    element(
        "Leave",
        ElementKind::Verb,
        "leaves the queue (skipped by Restcomm-Connect)",
        &[],
        &[],
        FORBIDDEN,
        V::Text,
    ),
    element(
        "Number",
        ElementKind::Noun,
        "dials a telephone number",
        &[
            A::new(
                "sendDigits",
                V::Text,
                None,
                "DTMF digits to send after the call is answered (`w` waits half a second)",
            ),
            SCREENING_URL,
            SCREENING_METHOD,
            STATUS_CALLBACK_EVENT,
            STATUS_CALLBACK,
            STATUS_CALLBACK_METHOD,
        ],
        &[],
        REQUIRED,
        V::Text,
    ),
    element(
        "Pause",
        ElementKind::Verb,
        "waits silently",
        &[A::new("length", V::NonNegativeInt, Some("1"), "seconds to wait")],
        &[],
        FORBIDDEN,
        V::Text,
    ),
    open_twilio_verb("Pay", "TwiML: collects a payment"),
    element(
        "Play",
        ElementKind::Verb,
        "plays an audio file; the text is its URL",
        &[LOOP, A::new("digits", V::Text, None, "DTMF digits to play instead of audio").only(TWILIO)],
        &[],
        PerProfile::new(TextContent::Required, TextContent::Required, TextContent::Optional),
        V::Url,
    ),
    element(
        "Queue",
        ElementKind::Noun,
        "TwiML: dials the first caller waiting in the named queue (Restcomm cannot dial it)",
        &[url("url", "RCML run for the dequeued caller"), method("method", "HTTP method for `url`")],
        &[],
        REQUIRED,
        V::Text,
    ),
    element(
        "Record",
        ElementKind::Verb,
        "records the caller and requests `action` with the recording URL",
        &[
            ACTION,
            ACTION_METHOD,
            A::new("timeout", V::NonNegativeInt, Some("5"), "seconds of silence that end the recording"),
            A::new("finishOnKey", V::Keys, Some("1234567890*#"), "keys that end the recording"),
            A::new("maxLength", V::PositiveInt, Some("3600"), "the longest recording, in seconds"),
            A::new("transcribe", V::Bool, Some("false"), "whether to transcribe the recording"),
            url("transcribeCallback", "URL told of the transcription"),
            A::new("playBeep", V::Bool, Some("true"), "whether to beep before recording"),
            A::new(
                "media",
                V::Enum(&["audio_only", "video_only", "audio_video"]),
                Some("audio_only"),
                "what to record",
            )
            .only(RESTCOMM),
            A::new(
                "trim",
                V::Enum(&["trim-silence", "do-not-trim"]),
                Some("trim-silence"),
                "whether to trim silence",
            )
            .only(TWILIO),
            url("recordingStatusCallback", "URL told when the recording is available").only(TWILIO),
            method("recordingStatusCallbackMethod", "HTTP method for `recordingStatusCallback`").only(TWILIO),
            A::new(
                "recordingStatusCallbackEvent",
                V::EventList(&["in-progress", "completed", "absent"]),
                Some("completed"),
                "recording events to send",
            )
            .only(TWILIO),
        ],
        &[],
        FORBIDDEN,
        V::Text,
    ),
    element(
        "Redirect",
        ElementKind::Verb,
        "continues with the RCML at the URL in the text",
        &[method("method", "HTTP method for the URL: GET or POST")],
        &[],
        REQUIRED,
        V::Url,
    ),
    open_twilio_verb("Refer", "TwiML: transfers the call with a SIP REFER"),
    element(
        "Reject",
        ElementKind::Verb,
        "rejects an incoming call without answering it",
        &[A::new("reason", V::Enum(&["rejected", "busy"]), Some("rejected"), "the signal the caller gets")],
        &[],
        FORBIDDEN,
        V::Text,
    ),
    element(
        "Response",
        ElementKind::Root,
        "the root of an RCML document; its children are the verbs to run, in order",
        &[],
        VERBS,
        FORBIDDEN,
        V::Text,
    ),
    element(
        "Say",
        ElementKind::Verb,
        "speaks its text",
        &[
            A::new("voice", V::Enum(&["man", "woman"]), Some("man"), "the voice").only(RESTCOMM),
            A::new(
                "voice",
                V::Text,
                Some("man"),
                "the voice (`man`, `woman`, `alice`, `Polly.*`, `Google.*`)",
            )
            .only(TWILIO),
            A::new("language", V::Text, Some("en"), "the language of the text"),
            LOOP,
        ],
        &[],
        REQUIRED,
        V::Text,
    ),
    element(
        "Sip",
        ElementKind::Noun,
        "dials a SIP URI (the text; with a nested `<Video>`, the `name` attribute)",
        &[
            A::new(
                "name",
                V::Text,
                None,
                "the SIP URI when a `<Video>` is nested (the text is then ignored)",
            )
            .only(RESTCOMM),
            A::new("username", V::Text, None, "username for SIP digest authentication"),
            A::new("password", V::Text, None, "password for SIP digest authentication (needs `username`)"),
            SCREENING_URL,
            SCREENING_METHOD,
            STATUS_CALLBACK_EVENT,
            STATUS_CALLBACK,
            STATUS_CALLBACK_METHOD,
            A::new(
                "machineDetection",
                V::Enum(&["Enable", "DetectMessageEnd"]),
                None,
                "answering machine detection",
            )
            .only(TWILIO),
            A::new("machineDetectionTimeout", V::PositiveInt, Some("30"), "seconds to detect a machine")
                .only(TWILIO),
            A::new("machineDetectionSpeechThreshold", V::PositiveInt, Some("2400"), "milliseconds of speech")
                .only(TWILIO),
            A::new(
                "machineDetectionSpeechEndThreshold",
                V::PositiveInt,
                Some("1200"),
                "milliseconds of silence",
            )
            .only(TWILIO),
            A::new(
                "machineDetectionSilenceTimeout",
                V::PositiveInt,
                Some("5000"),
                "milliseconds of initial silence",
            )
            .only(TWILIO),
            url("amdStatusCallback", "URL told of the detection result").only(TWILIO),
            method("amdStatusCallbackMethod", "HTTP method for `amdStatusCallback`").only(TWILIO),
        ],
        &[C::only("Video", RESTCOMM), C::only("Uri", TWILIO), C::only("Headers", TWILIO)],
        OPTIONAL,
        V::SipUri,
    ),
    element(
        "Sms",
        ElementKind::Verb,
        "sends a text message; the text is the body",
        &[
            A::new("to", V::Text, None, "destination number"),
            A::new("from", V::Text, None, "sender number"),
            ACTION,
            ACTION_METHOD,
            url("statusCallback", "URL told of the message status"),
        ],
        &[],
        REQUIRED,
        V::Text,
    ),
    open_twilio_verb("Start", "TwiML: starts a media stream, a transcription or a recording"),
    open_twilio_verb("Stop", "TwiML: stops what `<Start>` started"),
    element(
        "Uri",
        ElementKind::Noun,
        "dials a SIP URI like `<Sip>` (Restcomm: inside `<Dial>`, no credentials; TwiML: inside `<Sip>`)",
        &[
            SCREENING_URL.only(RESTCOMM),
            SCREENING_METHOD.only(RESTCOMM),
            STATUS_CALLBACK_EVENT.only(RESTCOMM),
            STATUS_CALLBACK.only(RESTCOMM),
            STATUS_CALLBACK_METHOD.only(RESTCOMM),
            A::new("priority", V::NonNegativeInt, Some("0"), "lower values are tried first").only(TWILIO),
            A::new("weight", V::PositiveInt, Some("1"), "share among equal priorities").only(TWILIO),
            A::new("username", V::Text, None, "username for SIP digest authentication").only(TWILIO),
            A::new("password", V::Text, None, "password for SIP digest authentication").only(TWILIO),
        ],
        &[],
        OPTIONAL,
        V::SipUri,
    ),
    only(
        element(
            "UssdCollect",
            ElementKind::Verb,
            "USSD: shows messages and collects the answer",
            &[ACTION, ACTION_METHOD],
            &[C::new("UssdMessage"), C::new("Language")],
            FORBIDDEN,
            V::Text,
        ),
        RESTCOMM,
    ),
    only(
        element("UssdMessage", ElementKind::Verb, "USSD: one message", &[], &[], REQUIRED, V::Text),
        RESTCOMM,
    ),
    only(
        element(
            "Video",
            ElementKind::Noun,
            "makes the leg audio+video (needs a Dialogic XMS media server)",
            &[
                A::new("enable", V::Bool, Some("false"), "whether video is on"),
                A::new("mode", V::Text, Some("mcu"), "media mode"),
                A::new("resolution", V::Text, Some("720p"), "video resolution"),
                A::new(
                    "layout",
                    V::Text,
                    Some("linear"),
                    "conference layout (the documentation says `tile`)",
                ),
            ],
            &[],
            FORBIDDEN,
            V::Text,
        ),
        RESTCOMM,
    ),
];
