//! The nouns `<Dial>` dials, and the parts nested in them.

use super::*;

pub(super) const CLIENT: ElementSpec = element(
    "Client",
    ElementKind::Noun,
    "dials a registered client (a WebRTC or SIP user of the platform) by name",
    &[SCREENING_URL, SCREENING_METHOD, STATUS_CALLBACK_EVENT, STATUS_CALLBACK, STATUS_CALLBACK_METHOD],
    &[C::only("Video", RESTCOMM)],
    REQUIRED,
    V::Text,
);

pub(super) const CONFERENCE: ElementSpec = element(
    "Conference",
    ElementKind::Noun,
    "joins the caller to the named conference room",
    &[
        A::new("muted", V::Bool, Some("false"), "whether the participant joins muted"),
        A::new("beep", V::Enum(&["true", "false", "onEnter", "onExit"]), Some("true"), "when to play a beep"),
        A::new("startConferenceOnEnter", V::Bool, Some("true"), "whether joining starts the conference"),
        A::new("endConferenceOnExit", V::Bool, Some("false"), "whether leaving ends the conference for all"),
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
);

pub(super) const HEADER: ElementSpec = only(
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
);

pub(super) const HEADERS: ElementSpec = only(
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
);

pub(super) const NUMBER: ElementSpec = element(
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
);

pub(super) const QUEUE: ElementSpec = element(
    "Queue",
    ElementKind::Noun,
    "TwiML: dials the first caller waiting in the named queue (Restcomm cannot dial it)",
    &[url("url", "RCML run for the dequeued caller"), method("method", "HTTP method for `url`")],
    &[],
    REQUIRED,
    V::Text,
);

pub(super) const SIP: ElementSpec = element(
    "Sip",
    ElementKind::Noun,
    "dials a SIP URI (the text; with a nested `<Video>`, the `name` attribute)",
    &[
        A::new("name", V::Text, None, "the SIP URI when a `<Video>` is nested (the text is then ignored)")
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
        A::new("machineDetectionSpeechEndThreshold", V::PositiveInt, Some("1200"), "milliseconds of silence")
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
);

pub(super) const URI: ElementSpec = element(
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
);

pub(super) const VIDEO: ElementSpec = only(
    element(
        "Video",
        ElementKind::Noun,
        "makes the leg audio+video (needs a Dialogic XMS media server)",
        &[
            A::new("enable", V::Bool, Some("false"), "whether video is on"),
            A::new("mode", V::Text, Some("mcu"), "media mode"),
            A::new("resolution", V::Text, Some("720p"), "video resolution"),
            A::new("layout", V::Text, Some("linear"), "conference layout (the documentation says `tile`)"),
        ],
        &[],
        FORBIDDEN,
        V::Text,
    ),
    RESTCOMM,
);
