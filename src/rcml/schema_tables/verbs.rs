//! The verbs (and `<Response>`).

use super::*;

pub(super) const CONNECT: ElementSpec =
    open_twilio_verb("Connect", "TwiML: connects the call to a stream, a room or a virtual agent");

pub(super) const DIAL: ElementSpec = element(
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
        A::new("sequential", V::Bool, Some("false"), "dial the nouns one after the other instead of at once")
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
);

pub(super) const EMAIL: ElementSpec = only(
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
);

pub(super) const ENQUEUE: ElementSpec = element(
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
);

pub(super) const FAX: ElementSpec = only(
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
);

pub(super) const GATHER: ElementSpec = element(
    "Gather",
    ElementKind::Verb,
    "collects DTMF digits (or speech) from the caller while its nested verbs play",
    &[
        ACTION,
        ACTION_METHOD,
        A::new("timeout", V::NonNegativeInt, Some("5"), "seconds of silence before the input ends"),
        A::new("finishOnKey", V::Key, Some("#"), "the key that ends the input (one of 0-9, #, *, or empty)"),
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
);

pub(super) const HANGUP: ElementSpec =
    element("Hangup", ElementKind::Verb, "ends the call", &[], &[], FORBIDDEN, V::Text);

pub(super) const LANGUAGE: ElementSpec = only(
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
);

pub(super) const LEAVE: ElementSpec = element(
    "Leave",
    ElementKind::Verb,
    "leaves the queue (skipped by Restcomm-Connect)",
    &[],
    &[],
    FORBIDDEN,
    V::Text,
);

pub(super) const PAUSE: ElementSpec = element(
    "Pause",
    ElementKind::Verb,
    "waits silently",
    &[A::new("length", V::NonNegativeInt, Some("1"), "seconds to wait")],
    &[],
    FORBIDDEN,
    V::Text,
);

pub(super) const PAY: ElementSpec = open_twilio_verb("Pay", "TwiML: collects a payment");

pub(super) const PLAY: ElementSpec = element(
    "Play",
    ElementKind::Verb,
    "plays an audio file; the text is its URL",
    &[LOOP, A::new("digits", V::Text, None, "DTMF digits to play instead of audio").only(TWILIO)],
    &[],
    PerProfile::new(TextContent::Required, TextContent::Required, TextContent::Optional),
    V::Url,
);

pub(super) const RECORD: ElementSpec = element(
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
);

pub(super) const REDIRECT: ElementSpec = element(
    "Redirect",
    ElementKind::Verb,
    "continues with the RCML at the URL in the text",
    &[method("method", "HTTP method for the URL: GET or POST")],
    &[],
    REQUIRED,
    V::Url,
);

pub(super) const REFER: ElementSpec = open_twilio_verb("Refer", "TwiML: transfers the call with a SIP REFER");

pub(super) const REJECT: ElementSpec = element(
    "Reject",
    ElementKind::Verb,
    "rejects an incoming call without answering it",
    &[A::new("reason", V::Enum(&["rejected", "busy"]), Some("rejected"), "the signal the caller gets")],
    &[],
    FORBIDDEN,
    V::Text,
);

pub(super) const RESPONSE: ElementSpec = element(
    "Response",
    ElementKind::Root,
    "the root of an RCML document; its children are the verbs to run, in order",
    &[],
    VERBS,
    FORBIDDEN,
    V::Text,
);

pub(super) const SAY: ElementSpec = element(
    "Say",
    ElementKind::Verb,
    "speaks its text",
    &[
        A::new("voice", V::Enum(&["man", "woman"]), Some("man"), "the voice").only(RESTCOMM),
        A::new("voice", V::Text, Some("man"), "the voice (`man`, `woman`, `alice`, `Polly.*`, `Google.*`)")
            .only(TWILIO),
        A::new("language", V::Text, Some("en"), "the language of the text"),
        LOOP,
    ],
    &[],
    REQUIRED,
    V::Text,
);

pub(super) const SMS: ElementSpec = element(
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
);

pub(super) const START: ElementSpec =
    open_twilio_verb("Start", "TwiML: starts a media stream, a transcription or a recording");

pub(super) const STOP: ElementSpec = open_twilio_verb("Stop", "TwiML: stops what `<Start>` started");

pub(super) const USSDCOLLECT: ElementSpec = only(
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
);

pub(super) const USSDMESSAGE: ElementSpec = only(
    element("UssdMessage", ElementKind::Verb, "USSD: one message", &[], &[], REQUIRED, V::Text),
    RESTCOMM,
);
