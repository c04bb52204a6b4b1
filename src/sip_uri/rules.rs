//! The `sip-uri/*` codes: one [`Rule`] per problem, with its severity under each profile.
//!
//! RFC-layer rules (the URI is invalid whatever the profile) come first, then the platform
//! rows of profiles.md (V9–V15, V29), then the security advice of sip-uri.md §7.

use crate::diagnostics::{docs, Rule, Severity};
use crate::profile::PerProfile;

/// A full RCML document dialling `$uri` (rule examples are documents, even for URI rules).
/// Only inside `docs!`, which drops it without the feature `rule-docs`.
#[cfg_attr(not(feature = "rule-docs"), allow(unused_macros))]
macro_rules! sip_doc {
    ($uri:expr) => {
        concat!("<Response><Dial><Sip>", $uri, "</Sip></Dial></Response>")
    };
}

pub static INVALID_SCHEME: Rule = Rule {
    code: "sip-uri/invalid-scheme",
    summary: "the text is not a `sip:` or `sips:` URI",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("A `<Sip>` noun dials a SIP URI, which starts with `sip:` or `sips:` (any case). A bare `alice@example.com` has no scheme and a `tel:` or `http:` URI is not a SIP URI: Restcomm-Connect fails to create the call and sends no INVITE. Write the `sip:` scheme, or dial a phone number with `<Number>`."),
    wrong: docs!(sip_doc!("alice@example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: Some("V10"),
};

pub static ANGLE_BRACKETS: Rule = Rule {
    code: "sip-uri/angle-brackets",
    summary: "the URI is wrapped in `<` `>`",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("Angle brackets belong around a URI inside a SIP header (`To: <sip:…>`), not around a bare URI (RFC 4475 ltgtruri). In `<Sip>` text they must be written as `&lt;`/`&gt;` and then make the URI invalid. Remove them."),
    wrong: docs!(sip_doc!("&lt;sip:alice@example.com&gt;")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static INVALID_CHARACTER: Rule = Rule {
    code: "sip-uri/invalid-character",
    summary: "a character that must be percent-encoded appears raw",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("RFC 3261 §19.1.2 lists, for each component, exactly which characters may appear unescaped; everything else must be written `%HH` (an `@` inside a user is `%40`, a space `%20`). Whitespace is never allowed inside a URI, and the host may not be escaped at all."),
    wrong: docs!(sip_doc!("sip:alice#1@example.com")),
    right: docs!(sip_doc!("sip:alice%231@example.com")),
    row: None,
};

pub static INVALID_ESCAPE: Rule = Rule {
    code: "sip-uri/invalid-escape",
    summary: "a `%` is not followed by two hex digits",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("In a SIP URI `%` starts an escape such as `%20` and must be followed by two hexadecimal digits. A literal percent sign is written `%25`."),
    wrong: docs!(sip_doc!("sip:100%@example.com")),
    right: docs!(sip_doc!("sip:100%25@example.com")),
    row: None,
};

pub static EMPTY_USER: Rule = Rule {
    code: "sip-uri/empty-user",
    summary: "the user part before `@` is empty",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("When a SIP URI has an `@`, the user before it must not be empty (RFC 3261 §19.1.1). Either write the user or drop the `@` to dial the host itself."),
    wrong: docs!(sip_doc!("sip:@example.com")),
    right: docs!(sip_doc!("sip:example.com")),
    row: None,
};

pub static INVALID_HOST: Rule = Rule {
    code: "sip-uri/invalid-host",
    summary: "the host is not a valid host name, IPv4 address or IPv6 reference",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("The host is a host name (labels of letters, digits and `-`, the last one starting with a letter), an IPv4 address (four numbers 0-255 without leading zeros, RFC 5954) or an IPv6 address in brackets. It is never percent-encoded, and `_` is not allowed even though some SIP stacks accept it."),
    wrong: docs!(sip_doc!("sip:alice@my_host.example.com")),
    right: docs!(sip_doc!("sip:alice@my-host.example.com")),
    row: None,
};

pub static INVALID_PORT: Rule = Rule {
    code: "sip-uri/invalid-port",
    summary: "the port is empty, not a number or above 65535",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("A port follows the host after `:` and is a decimal number from 0 to 65535. A `:` with nothing after it, or a word after the host (`sip:alice:secret`, a user and password without `@host`), is not a port."),
    wrong: docs!(sip_doc!("sip:alice@example.com:65536")),
    right: docs!(sip_doc!("sip:alice@example.com:5060")),
    row: None,
};

pub static INVALID_PARAM: Rule = Rule {
    code: "sip-uri/invalid-param",
    summary: "an empty parameter, an empty parameter value or a parameter without a name",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("URI parameters are `;name` or `;name=value` with a non-empty name and value. Two semicolons in a row, a trailing `;` and `;name=` with nothing after the `=` are not allowed."),
    wrong: docs!(sip_doc!("sip:alice@example.com;;transport=tcp")),
    right: docs!(sip_doc!("sip:alice@example.com;transport=tcp")),
    row: None,
};

pub static DUPLICATE_PARAM: Rule = Rule {
    code: "sip-uri/duplicate-param",
    summary: "a URI parameter appears twice",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("RFC 3261 §19.1.1: a parameter name MUST NOT appear more than once (names compare case-insensitively, after decoding). Platforms pick one of the values unpredictably: keep only the one you mean."),
    wrong: docs!(sip_doc!("sip:alice@example.com;transport=tcp;transport=udp")),
    right: docs!(sip_doc!("sip:alice@example.com;transport=tcp")),
    row: None,
};

pub static SIPS_WITH_UDP: Rule = Rule {
    code: "sip-uri/sips-with-udp",
    summary: "a `sips:` URI asks for `transport=udp`",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("`sips:` means TLS end to end, and RFC 3261 §19.1.1 requires a reliable transport for it: `transport=udp` contradicts the scheme."),
    wrong: docs!(sip_doc!("sips:alice@example.com;transport=udp")),
    right: docs!(sip_doc!("sips:alice@example.com;transport=tcp")),
    row: None,
};

pub static INVALID_HEADER: Rule = Rule {
    code: "sip-uri/invalid-header",
    summary: "a URI header is empty, has no `=` or has no name",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("Headers follow the `?` as `name=value` pairs joined by `&`. Each needs a name and an `=` (the value may be empty). A trailing `?` or `&`, or `&&`, leaves an empty header."),
    wrong: docs!(sip_doc!("sip:alice@example.com?X-Customer")),
    right: docs!(sip_doc!("sip:alice@example.com?X-Customer=42")),
    row: None,
};

pub static DOUBLE_ESCAPED_AMPERSAND: Rule = Rule {
    code: "sip-uri/double-escaped-ampersand",
    summary: "`&amp;` appears in the URI itself: the `&` was escaped twice",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("In RCML the `&` between two headers is written `&amp;` once; the XML parser turns it into `&`. Written `&amp;amp;`, the URI itself contains `&amp;`, so the next header is named `amp;…` and is invalid."),
    wrong: docs!(sip_doc!("sip:alice@example.com?X-a=1&amp;amp;X-b=2")),
    right: docs!(sip_doc!("sip:alice@example.com?X-a=1&amp;X-b=2")),
    row: None,
};

pub static UNESCAPED_HEADER_VALUE: Rule = Rule {
    code: "sip-uri/unescaped-header-value",
    summary: "a header value holds a character the RFC requires to be escaped",
    severity: PerProfile::new(Some(Severity::Error), Some(Severity::Warning), Some(Severity::Error)),
    explanation: docs!("RFC 3261 §19.1.2: `=`, `;`, `@`, `,`, `&`, spaces and other reserved characters must be percent-encoded inside a header value (Twilio's own example: `User-to-User=0A1B2C3D%3Bencoding%3Dhex`). Twilio rejects the URI; Restcomm-Connect accepts it but cuts the value at a second `=`, so the header arrives mangled."),
    wrong: docs!(sip_doc!("sip:alice@example.com?User-to-User=0A1B;encoding=hex")),
    right: docs!(sip_doc!("sip:alice@example.com?User-to-User=0A1B%3Bencoding%3Dhex")),
    row: Some("V29"),
};

pub static SLASHES_AFTER_SCHEME: Rule = Rule {
    code: "sip-uri/slashes-after-scheme",
    summary: "`sip://`: SIP URIs have no `//` after the scheme",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("Unlike `http://`, a SIP URI continues right after the colon: `sip:alice@example.com`. Written `sip://alice@example.com`, the slashes become part of the user (`//alice`, which the grammar allows) or of the host (which it does not), and the call goes somewhere unexpected or nowhere."),
    wrong: docs!(sip_doc!("sip://alice@example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static SIPS_UNSUPPORTED: Rule = Rule {
    code: "sip-uri/sips-unsupported",
    summary: "`sips:` asks for TLS, which Restcomm does not offer",
    severity: PerProfile::new(Some(Severity::Error), Some(Severity::Error), Some(Severity::Info)),
    explanation: docs!("Restcomm documents only UDP and TCP for `<Sip>`: a `sips:` URI (TLS end to end) cannot be dialled there. Twilio accepts it and uses TLS. Use `sip:` with `;transport=tcp` on Restcomm."),
    wrong: docs!(sip_doc!("sips:alice@example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: Some("V9"),
};

pub static UNSUPPORTED_TRANSPORT: Rule = Rule {
    code: "sip-uri/unsupported-transport",
    summary: "the `transport` parameter names a transport the platform does not offer",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("Restcomm dials over `udp` (the default) or `tcp`; Twilio also offers `tls`. The value is compared after percent-decoding and ignoring case, so `%74%6C%73` is `tls`. A `transport` without a value selects nothing."),
    wrong: docs!(sip_doc!("sip:alice@example.com;transport=sctp")),
    right: docs!(sip_doc!("sip:alice@example.com;transport=tcp")),
    row: Some("V11"),
};

pub static TRANSPORT_IN_HEADERS: Rule = Rule {
    code: "sip-uri/transport-in-headers",
    summary: "`;transport=` is written after the `?`, inside a header value",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("Parameters go before the `?`; everything after it is headers. `sip:a@h?X-a=1;transport=tcp` sends a header `X-a: 1;transport=tcp` and dials over the default transport (UDP). Move the parameter before the `?`."),
    wrong: docs!(sip_doc!("sip:alice@example.com?X-a=1;transport=tcp")),
    right: docs!(sip_doc!("sip:alice@example.com;transport=tcp?X-a=1")),
    row: Some("V12"),
};

pub static TOO_LONG: Rule = Rule {
    code: "sip-uri/too-long",
    summary: "the URI is 255 characters or more, or its headers 1024 or more",
    severity: PerProfile::new(Some(Severity::Error), Some(Severity::Warning), Some(Severity::Error)),
    explanation: docs!("The Sip noun documentation: the SIP URI itself must be under 255 characters and the headers under 1024 (Twilio warning 21227). Here the URI is the text before the `?` and the headers the text after it, counted in characters (`%HH` counts 3). Restcomm-Connect does not enforce either limit."),
    wrong: docs!(sip_doc!("sip:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: Some("V13"),
};

pub static HEADER_WITHOUT_X_PREFIX: Rule = Rule {
    code: "sip-uri/header-without-x-prefix",
    summary: "a custom header name does not start with `X-`",
    severity: PerProfile::new(Some(Severity::Info), Some(Severity::Info), Some(Severity::Error)),
    explanation: docs!("Restcomm sends every URI header as a custom header and adds `X-` to a name that does not start with exactly `X-` (case-sensitive: `x-a` is sent as `X-x-a`). Twilio instead rejects such names (error 13252), except `User-to-User`, `Remote-Party-ID`, `P-Preferred-Identity` and `P-Called-Party-ID`; its `X-` check ignores case."),
    wrong: docs!(sip_doc!("sip:alice@example.com?mycustomheader=tata")),
    right: docs!(sip_doc!("sip:alice@example.com?X-mycustomheader=tata")),
    row: Some("V14"),
};

pub static DUPLICATE_HEADER: Rule = Rule {
    code: "sip-uri/duplicate-header",
    summary: "the same header name appears twice",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("Restcomm keeps URI headers in a map: a repeated name keeps only its last value and the order of headers is lost. Twilio sends both. Either way the receiver sees something different from what one header per name would say: merge them or rename one."),
    wrong: docs!(sip_doc!("sip:alice@example.com?X-a=1&amp;X-a=2")),
    right: docs!(sip_doc!("sip:alice@example.com?X-a=1&amp;X-b=2")),
    row: Some("V15"),
};

pub static ESCAPED_CONTROL_CHARACTER: Rule = Rule {
    code: "sip-uri/escaped-control-character",
    summary: "an escaped CR, LF or NUL would be written into a SIP message",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!("`%0D`, `%0A` and `%00` are grammatical escapes, but decoded into a header value or a user they end a SIP header line early and let the URI inject headers of its own (header injection, RFC 4475 escnull). Remove them."),
    wrong: docs!(sip_doc!("sip:alice@example.com?X-a=1%0D%0AX-Evil:yes")),
    right: docs!(sip_doc!("sip:alice@example.com?X-a=1")),
    row: None,
};

pub static MADDR_PARAM: Rule = Rule {
    code: "sip-uri/maddr-param",
    summary: "the `maddr` parameter redirects the request to another address",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("`maddr` overrides the address the request is sent to, whatever the host says. It is rarely intended in a `<Sip>` noun and can send calls somewhere the host name does not suggest."),
    wrong: docs!(sip_doc!("sip:alice@example.com;maddr=203.0.113.9")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static METHOD_PARAM: Rule = Rule {
    code: "sip-uri/method-param",
    summary: "the `method` parameter is not allowed in a request URI",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("RFC 3261 §19.1.1 Table 1: `method` belongs to external URIs, not to the Request-URI of an INVITE. The platform dials an INVITE regardless."),
    wrong: docs!(sip_doc!("sip:alice@example.com;method=REGISTER")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static DANGEROUS_HEADER: Rule = Rule {
    code: "sip-uri/dangerous-header",
    summary: "a URI header would override a header the platform must control",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("RFC 3261 §19.1.5: headers such as From, Call-ID, CSeq, Via, Route, Record-Route, Contact and the capability headers SHOULD NOT be taken from a URI, and `body` replaces the message body. Restcomm sends them as `X-` custom headers, other stacks may honour them: do not rely on either."),
    wrong: docs!(sip_doc!("sip:alice@example.com?Route=%3Csip:proxy.example.com%3E")),
    right: docs!(sip_doc!("sip:alice@example.com?X-Route-Hint=proxy")),
    row: None,
};

pub static HOST_CONFUSION: Rule = Rule {
    code: "sip-uri/host-confusion",
    summary: "the user part looks like a host with parameters: the real host is after the `@`",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("Everything before the `@` is the user, even `;` and `?` (RFC 3261 §19.1.1): `sip:example.com;transport=tcp@evil.example` dials `evil.example` and has no transport parameter. Such a URI reads like one destination and dials another."),
    wrong: docs!(sip_doc!("sip:example.com;transport=tcp@evil.example")),
    right: docs!(sip_doc!("sip:alice@example.com;transport=tcp")),
    row: None,
};

pub static PASSWORD_IN_URI: Rule = Rule {
    code: "sip-uri/password-in-uri",
    summary: "the URI carries a password",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("RFC 3261 §19.1.1 says a password in a SIP URI is NOT RECOMMENDED: it travels in clear text in the Request-URI and the To header. Put credentials in the `username` and `password` attributes of `<Sip>` instead."),
    wrong: docs!(sip_doc!("sip:alice:secret@example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static LOCAL_TARGET: Rule = Rule {
    code: "sip-uri/local-target",
    summary: "the host is a loopback or unspecified address, or the port is 0",
    severity: PerProfile::all(Some(Severity::Info)),
    explanation: docs!("`127.0.0.1`, `[::1]`, `localhost`, `0.0.0.0` and port 0 are grammatical but point at the platform's own machine or at nothing: useful in a lab, surprising in production."),
    wrong: docs!(sip_doc!("sip:alice@127.0.0.1")),
    right: docs!(sip_doc!("sip:alice@192.0.2.10")),
    row: None,
};

pub static DNS_NAME_TOO_LONG: Rule = Rule {
    code: "sip-uri/dns-name-too-long",
    summary: "a host name label is longer than 63 characters, or the name longer than 253",
    severity: PerProfile::all(Some(Severity::Warning)),
    explanation: docs!("The SIP grammar has no length limit for host names, but DNS does: a label holds at most 63 octets and a name at most 253. Such a host cannot be resolved."),
    wrong: docs!(sip_doc!("sip:alice@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com")),
    right: docs!(sip_doc!("sip:alice@example.com")),
    row: None,
};

pub static RULES: &[&Rule] = &[
    &INVALID_SCHEME,
    &ANGLE_BRACKETS,
    &INVALID_CHARACTER,
    &INVALID_ESCAPE,
    &EMPTY_USER,
    &INVALID_HOST,
    &INVALID_PORT,
    &INVALID_PARAM,
    &DUPLICATE_PARAM,
    &SIPS_WITH_UDP,
    &INVALID_HEADER,
    &DOUBLE_ESCAPED_AMPERSAND,
    &UNESCAPED_HEADER_VALUE,
    &SLASHES_AFTER_SCHEME,
    &SIPS_UNSUPPORTED,
    &UNSUPPORTED_TRANSPORT,
    &TRANSPORT_IN_HEADERS,
    &TOO_LONG,
    &HEADER_WITHOUT_X_PREFIX,
    &DUPLICATE_HEADER,
    &ESCAPED_CONTROL_CHARACTER,
    &MADDR_PARAM,
    &METHOD_PARAM,
    &DANGEROUS_HEADER,
    &HOST_CONFUSION,
    &PASSWORD_IN_URI,
    &LOCAL_TARGET,
    &DNS_NAME_TOO_LONG,
];
