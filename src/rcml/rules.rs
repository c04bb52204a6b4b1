//! The `rcml/*` codes: one [`Rule`] per code, with its severity under each profile
//! (`profiles.md` rows V1–V3, V5–V8, V16–V27, V30–V32), its explanation and examples.

use crate::diagnostics::{docs, Rule, Severity};
use crate::profile::PerProfile;

const E: Option<Severity> = Some(Severity::Error);
const W: Option<Severity> = Some(Severity::Warning);
const I: Option<Severity> = Some(Severity::Info);

const fn sev(
    restcomm: Option<Severity>,
    connect: Option<Severity>,
    twilio: Option<Severity>,
) -> PerProfile<Option<Severity>> {
    PerProfile::new(restcomm, connect, twilio)
}

pub static ROOT_NOT_RESPONSE: Rule = Rule {
    code: "rcml/root-not-response",
    summary: "the root element is not `<Response>`",
    severity: sev(E, W, E),
    explanation: docs!(
        "An RCML document is a `<Response>` whose children are the verbs to run. \
        Restcomm-Connect does not check the root name and runs every verb it finds below it, \
        but the documentation and TwiML platforms require `<Response>`."
    ),
    wrong: docs!("<Dial><Sip>sip:alice@example.com</Sip></Dial>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V1"),
};

pub static UNKNOWN_ELEMENT: Rule = Rule {
    code: "rcml/unknown-element",
    summary: "an element that is not an RCML verb or noun (names are case-sensitive)",
    severity: sev(E, W, E),
    explanation: docs!(
        "RCML names are case-sensitive: `<sip>` is not `<Sip>`. Restcomm-Connect skips \
        unknown elements at run time, but as a child of `<Dial>` an unknown element leaves the \
        dial without a target and the dial breaks. Elements of one platform only (`<Email>`, \
        `<Video>`, `<Headers>`) are unknown to the others."
    ),
    wrong: docs!("<Response><Dial><sip>sip:alice@example.com</sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V2"),
};

pub static UNKNOWN_ATTRIBUTE: Rule = Rule {
    code: "rcml/unknown-attribute",
    summary: "an attribute the element does not have (it is ignored)",
    severity: sev(W, W, W),
    explanation: docs!(
        "Platforms ignore attributes they do not know, so a misspelt name \
        (`statusCallbackEvents`, `callerID`) silently falls back to the default. Attribute \
        names are case-sensitive."
    ),
    wrong: docs!("<Response><Dial callerID=\"bob\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial callerId=\"bob\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V3"),
};

pub static MISPLACED_ELEMENT: Rule = Rule {
    code: "rcml/misplaced-element",
    summary: "a known element where its parent does not allow it",
    severity: sev(E, E, E),
    explanation: docs!(
        "Verbs are children of `<Response>` (and `<Say>`, `<Play>`, `<Pause>` of \
        `<Gather>`); nouns such as `<Sip>` and `<Number>` only mean something inside `<Dial>`. \
        Elsewhere they are ignored or break the verb that contains them."
    ),
    wrong: docs!("<Response><Sip>sip:alice@example.com</Sip></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static UNDIALABLE_NOUN: Rule = Rule {
    code: "rcml/undialable-noun",
    summary: "a noun inside `<Dial>` that the platform cannot dial",
    severity: sev(E, E, E),
    explanation: docs!(
        "Restcomm's `<Dial>` handles `<Client>`, `<Number>`, `<Uri>`, `<Sip>` and \
        `<Conference>`. Any other child, `<Queue>` included, leaves the call-creation message \
        empty and the dial breaks. TwiML dials `<Queue>`."
    ),
    wrong: docs!("<Response><Dial><Queue>support</Queue></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:support@example.com</Sip></Dial></Response>"),
    row: Some("V32"),
};

pub static MISSING_TEXT: Rule = Rule {
    code: "rcml/missing-text",
    summary: "an element that needs text content has none",
    severity: sev(E, E, E),
    explanation: docs!(
        "`<Say>` speaks its text, `<Play>` and `<Redirect>` take a URL as text, \
        `<Number>` a telephone number, `<Client>` a client name, `<Conference>` a room name. \
        Without it the verb does nothing useful."
    ),
    wrong: docs!("<Response><Say></Say></Response>"),
    right: docs!("<Response><Say>Welcome</Say></Response>"),
    row: None,
};

pub static UNEXPECTED_TEXT: Rule = Rule {
    code: "rcml/unexpected-text",
    summary: "text inside an element that takes none (it is ignored)",
    severity: sev(W, W, W),
    explanation: docs!(
        "`<Response>`, `<Gather>`, `<Hangup>`, `<Pause>`, `<Record>` and a few others \
        take no text; whatever is written there is ignored, which usually means a verb is \
        missing around it."
    ),
    wrong: docs!("<Response>Hello<Hangup/></Response>"),
    right: docs!("<Response><Say>Hello</Say><Hangup/></Response>"),
    row: None,
};

pub static MISSING_ATTRIBUTE: Rule = Rule {
    code: "rcml/missing-attribute",
    summary: "a required attribute is missing",
    // Only TwiML's `<Header>` has required attributes in the schema today.
    severity: sev(None, None, E),
    explanation: docs!("Some elements mean nothing without an attribute, such as the TwiML \
        `<Header>`, which needs both `name` and `value`."),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com<Headers><Header name=\"X-A\"/></Headers></Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com<Headers><Header name=\"X-A\" value=\"1\"/></Headers></Sip></Dial></Response>"),
    row: None,
};

pub static INVALID_ATTRIBUTE_VALUE: Rule = Rule {
    code: "rcml/invalid-attribute-value",
    summary: "an attribute value of the wrong type or outside the allowed values",
    severity: sev(E, E, E),
    explanation: docs!(
        "Numbers (`loop`, `length`, `maxLength`, `numDigits`), booleans (`true`/`false`), \
        DTMF keys (`finishOnKey`) and enumerations (`reason`, `input`, `beep`) have fixed \
        forms; anything else is rejected or silently replaced by the default."
    ),
    wrong: docs!("<Response><Say loop=\"twice\">Hello</Say></Response>"),
    right: docs!("<Response><Say loop=\"2\">Hello</Say></Response>"),
    row: None,
};

pub static EMPTY_ATTRIBUTE_VALUE: Rule = Rule {
    code: "rcml/empty-attribute-value",
    summary: "an attribute is present but empty",
    severity: sev(W, W, W),
    explanation: docs!(
        "An empty value is treated as absent by some platforms and as invalid by \
        others; remove the attribute or give it a value."
    ),
    wrong: docs!("<Response><Dial timeout=\"\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"20\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: None,
};

pub static INVALID_METHOD: Rule = Rule {
    code: "rcml/invalid-method",
    summary: "an HTTP method other than GET or POST",
    severity: sev(E, E, E),
    explanation: docs!(
        "`method`, `statusCallbackMethod` and the other `*Method` attributes take GET \
        or POST (any case). Restcomm-Connect requests a `<Dial>` action with POST anyway, drops \
        status callbacks silently, and for the `<Sip>` screening `method` the screening request \
        fails and the whole call is hung up."
    ),
    wrong: docs!(
        "<Response><Dial><Sip method=\"PUT\" url=\"/screen\">sip:alice@example.com</Sip></Dial></Response>"
    ),
    right: docs!(
        "<Response><Dial><Sip method=\"GET\" url=\"/screen\">sip:alice@example.com</Sip></Dial></Response>"
    ),
    row: Some("V20"),
};

pub static INVALID_URL: Rule = Rule {
    code: "rcml/invalid-url",
    summary: "a URL attribute that is not a URL",
    severity: sev(E, E, E),
    explanation: docs!("`url`, `action`, `statusCallback` and the other URL attributes are resolved \
        against the document URL; a value that cannot be parsed as a URL is never requested."),
    wrong: docs!("<Response><Dial action=\"http://exa mple.com/next\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial action=\"http://example.com/next\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V21"),
};

pub static UNSAFE_URL: Rule = Rule {
    code: "rcml/unsafe-url",
    summary: "a URL with a scheme other than http or https",
    severity: sev(E, E, E),
    explanation: docs!("Platforms fetch RCML and send webhooks over HTTP(S) only. `javascript:`, \
        `data:`, `file:` or `ftp:` URLs are never requested and, shown in a console, can be \
        dangerous."),
    wrong: docs!("<Response><Dial><Sip url=\"javascript:alert(1)\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip url=\"https://example.com/screen\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V21"),
};

pub static RELATIVE_STATUS_CALLBACK: Rule = Rule {
    code: "rcml/relative-status-callback",
    summary: "a relative `statusCallback` URL",
    severity: sev(I, E, I),
    explanation: docs!("The documentation resolves every URL against the document URL, but \
        Restcomm-Connect builds the status callback URL as written: a relative URL has no host \
        and the webhooks are never delivered. An absolute URL works everywhere."),
    wrong: docs!("<Response><Dial><Sip statusCallback=\"/status\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip statusCallback=\"https://example.com/status\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V22"),
};

pub static PASSWORD_WITHOUT_USERNAME: Rule = Rule {
    code: "rcml/password-without-username",
    summary: "`password` without `username`",
    severity: sev(E, E, E),
    explanation: docs!("Digest authentication needs both credentials; a password alone is never sent."),
    wrong: docs!("<Response><Dial><Sip password=\"secret\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip username=\"alice\" password=\"secret\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V23"),
};

pub static HANGUP_ON_STAR_IGNORED: Rule = Rule {
    code: "rcml/hangup-on-star-ignored",
    summary: "`hangupOnStar` is ignored by Restcomm-Connect",
    severity: sev(I, W, I),
    explanation: docs!(
        "The documentation's own example uses `hangupOnStar`, and TwiML implements it, \
        but Restcomm-Connect's code never reads it: pressing `*` does nothing there."
    ),
    wrong: docs!("<Response><Dial hangupOnStar=\"true\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V24"),
};

pub static INVALID_TIMEOUT: Rule = Rule {
    code: "rcml/invalid-timeout",
    summary: "`<Dial>` `timeout` or `timeLimit` is not a positive integer",
    severity: sev(E, W, E),
    explanation: docs!(
        "Both are whole seconds. Restcomm-Connect falls back to 30 s (`timeout`) or \
        14400 s (`timeLimit`) with a warning notification; the others reject the value."
    ),
    wrong: docs!("<Response><Dial timeout=\"10s\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial timeout=\"10\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V25"),
};

pub static DIAL_IN_SCREENING: Rule = Rule {
    code: "rcml/dial-in-screening",
    summary: "`<Dial>` inside a call-screening document",
    severity: sev(E, E, E),
    explanation: docs!(
        "The document a `<Sip url>` (or `<Number url>`) points to runs on the called \
        party's leg before the bridge and must not contain `<Dial>`; Restcomm-Connect hangs \
        the whole call up. Checked when the document is validated as a screening document \
        (e.g. `<Response><Dial><Sip>sip:bob@example.com</Sip></Dial></Response>` is wrong there, \
        `<Response><Say>Press 1 to accept</Say><Gather numDigits=\"1\"/></Response>` is right)."
    ),
    wrong: "",
    right: "",
    row: Some("V26"),
};

pub static EMPTY_SIP: Rule = Rule {
    code: "rcml/empty-sip",
    summary: "`<Sip>` (or `<Uri>`) without a SIP URI",
    severity: sev(E, E, E),
    explanation: docs!(
        "The SIP URI is the trimmed text of `<Sip>` (with a nested `<Video>`, its \
        `name` attribute). An empty or whitespace-only URI cannot be dialled."
    ),
    wrong: docs!("<Response><Dial><Sip>  </Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V27"),
};

pub static STATUS_CALLBACK_EVENT_SEPARATOR: Rule = Rule {
    code: "rcml/status-callback-event-separator",
    summary: "`statusCallbackEvent` list separated in a way the platform does not read",
    severity: sev(W, E, W),
    explanation: docs!("The documentation and TwiML separate the events with spaces \
        (`initiated ringing answered completed`). Restcomm-Connect removes whitespace and splits \
        on commas, so the space form becomes one unknown event and no status callback is sent \
        at all; the comma form is what it reads. Only a single event works everywhere."),
    wrong: docs!("<Response><Dial><Sip statusCallback=\"https://example.com/s\" statusCallbackEvent=\"initiated,completed\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip statusCallback=\"https://example.com/s\" statusCallbackEvent=\"completed\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V16"),
};

pub static UNKNOWN_STATUS_CALLBACK_EVENT: Rule = Rule {
    code: "rcml/unknown-status-callback-event",
    summary: "an event name the list does not know",
    severity: sev(E, W, E),
    explanation: docs!("`<Sip>`, `<Number>`, `<Client>` and `<Uri>` know `initiated`, `ringing`, \
        `answered` and `completed`. Restcomm-Connect ignores other names; the others reject \
        them."),
    wrong: docs!("<Response><Dial><Sip statusCallback=\"https://example.com/s\" statusCallbackEvent=\"answerd\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip statusCallback=\"https://example.com/s\" statusCallbackEvent=\"answered\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V18"),
};

pub static EVENT_WITHOUT_CALLBACK: Rule = Rule {
    code: "rcml/status-callback-event-without-callback",
    summary: "`statusCallbackEvent` without `statusCallback` has no effect",
    severity: sev(W, W, W),
    explanation: docs!("Events are sent to `statusCallback`; without it nothing is sent."),
    wrong: docs!("<Response><Dial><Sip statusCallbackEvent=\"completed\">sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip statusCallbackEvent=\"completed\" statusCallback=\"https://example.com/s\">sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V19"),
};

pub static MULTIPLE_SIP: Rule = Rule {
    code: "rcml/multiple-sip",
    summary: "more than one `<Sip>` in one `<Dial>`",
    severity: sev(W, None, I),
    explanation: docs!(
        "The documentation says both that several `<Sip>` nouns are dialled at once and \
        that only one is supported. Restcomm-Connect forks in parallel; TwiML needs the \
        account's enhanced SIP features and accepts at most 10."
    ),
    wrong: docs!(
        "<Response><Dial><Sip>sip:alice@example.com</Sip><Sip>sip:bob@example.com</Sip></Dial></Response>"
    ),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V5"),
};

pub static SIP_BESIDE_OTHER_NOUNS: Rule = Rule {
    code: "rcml/sip-beside-other-nouns",
    summary: "`<Sip>` in the same `<Dial>` as `<Number>`, `<Client>`, `<Uri>` or `<Conference>`",
    severity: sev(W, None, I),
    explanation: docs!(
        "The documentation says no other noun may share a `<Dial>` with `<Sip>`. \
        Restcomm-Connect forks to all of them (but a `<Conference>` wins over every other noun); \
        TwiML needs the account's enhanced SIP features."
    ),
    wrong: docs!(
        "<Response><Dial><Sip>sip:alice@example.com</Sip><Number>+15551234567</Number></Dial></Response>"
    ),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V6"),
};

pub static VIDEO_WITHOUT_NAME: Rule = Rule {
    code: "rcml/video-without-name",
    summary: "`<Video>` inside `<Sip>` without a `name` attribute",
    severity: sev(E, E, None),
    explanation: docs!("With a nested `<Video>`, the SIP URI is read from `name` and the text is \
        ignored; without `name` Restcomm-Connect fails with a null pointer and the call breaks."),
    wrong: docs!("<Response><Dial><Sip>sip:alice@example.com<Video enable=\"true\"/></Sip></Dial></Response>"),
    right:
        docs!("<Response><Dial><Sip name=\"sip:alice@example.com\"><Video enable=\"true\"/></Sip></Dial></Response>"),
    row: Some("V8"),
};

pub static NAME_WITHOUT_VIDEO: Rule = Rule {
    code: "rcml/name-without-video",
    summary: "`<Sip name>` without a nested `<Video>` is ignored",
    severity: sev(W, W, None),
    explanation: docs!(
        "`name` is read only when a `<Video>` is nested; otherwise the URI is the text \
        of `<Sip>` and `name` is ignored."
    ),
    wrong: docs!(
        "<Response><Dial><Sip name=\"sip:alice@example.com\">sip:alice@example.com</Sip></Dial></Response>"
    ),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V8"),
};

pub static DIAL_TEXT_WITH_NOUNS: Rule = Rule {
    code: "rcml/dial-text-with-nouns",
    summary: "`<Dial>` with both text and nouns",
    severity: sev(W, W, E),
    explanation: docs!(
        "Restcomm rewrites `<Dial>text</Dial>` into one noun, which replaces every real \
        child: the nouns are never dialled. TwiML rejects the mix."
    ),
    wrong: docs!("<Response><Dial>+15551234567<Sip>sip:alice@example.com</Sip></Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V30"),
};

pub static DIAL_TEXT_SIP_ADDRESS: Rule = Rule {
    code: "rcml/dial-text-sip-address",
    summary: "`<Dial>` text with an `@` is dialled as a SIP URI",
    severity: sev(W, W, E),
    explanation: docs!(
        "Restcomm dials `<Dial>` text containing `@` as a `<Sip>`; TwiML expects a \
        telephone number there. Write the `<Sip>` noun so the intent is explicit and its URI is \
        checked."
    ),
    wrong: docs!("<Response><Dial>sip:alice@example.com</Dial></Response>"),
    right: docs!("<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V30"),
};

pub static EMPTY_DIAL: Rule = Rule {
    code: "rcml/empty-dial",
    summary: "`<Dial>` with nothing to dial",
    severity: sev(W, W, E),
    explanation: docs!(
        "A `<Dial>` without text and without nouns does nothing: the next verb runs \
        and its `action` is not requested."
    ),
    wrong: docs!("<Response><Dial action=\"/next\"/></Response>"),
    right: docs!("<Response><Dial action=\"/next\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    row: Some("V31"),
};

pub static RULES: &[&Rule] = &[
    &ROOT_NOT_RESPONSE,
    &UNKNOWN_ELEMENT,
    &UNKNOWN_ATTRIBUTE,
    &MISPLACED_ELEMENT,
    &UNDIALABLE_NOUN,
    &MISSING_TEXT,
    &UNEXPECTED_TEXT,
    &MISSING_ATTRIBUTE,
    &INVALID_ATTRIBUTE_VALUE,
    &EMPTY_ATTRIBUTE_VALUE,
    &INVALID_METHOD,
    &INVALID_URL,
    &UNSAFE_URL,
    &RELATIVE_STATUS_CALLBACK,
    &PASSWORD_WITHOUT_USERNAME,
    &HANGUP_ON_STAR_IGNORED,
    &INVALID_TIMEOUT,
    &DIAL_IN_SCREENING,
    &EMPTY_SIP,
    &STATUS_CALLBACK_EVENT_SEPARATOR,
    &UNKNOWN_STATUS_CALLBACK_EVENT,
    &EVENT_WITHOUT_CALLBACK,
    &MULTIPLE_SIP,
    &SIP_BESIDE_OTHER_NOUNS,
    &VIDEO_WITHOUT_NAME,
    &NAME_WITHOUT_VIDEO,
    &DIAL_TEXT_WITH_NOUNS,
    &DIAL_TEXT_SIP_ADDRESS,
    &EMPTY_DIAL,
];
