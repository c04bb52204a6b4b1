//! The platform layer: what each profile does with a SIP URI (profiles.md V9–V15) and the
//! security advice of sip-uri.md §7. These diagnostics never change the RFC verdict.
//!
//! Platform behaviour is data ([`PLATFORMS`]), looked up by profile.

use super::chars;
use super::rules::*;
use super::syntax::duplicates;
use super::{Cx, Header, HostKind, LengthReading, ParseOptions, Scheme, SipUri};
use crate::diagnostics::{Edit, Severity};
use crate::profile::{PerProfile, Profile};
use crate::text::{to_u32, TextRange};

/// How a duplicate header name reaches the INVITE (V15).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Duplicates {
    /// A map keyed by name: the last value wins and the order is lost.
    LastWins,
    /// Every header is sent, in input order.
    KeepAll,
}

/// What one platform does with the URI (one column of profiles.md).
#[derive(Clone, Copy, Debug)]
struct Platform {
    name: &'static str,
    /// V11: transports offered (decoded, lower case).
    transports: &'static [&'static str],
    /// V14: `true`: a name without `X-` is sent as `X-name`; `false`: it is rejected.
    adds_x_prefix: bool,
    /// V14: whether the `X-` check ignores case.
    x_prefix_ignores_case: bool,
    /// V14: names accepted without `X-` (compared ignoring case).
    standard_headers: &'static [&'static str],
    duplicates: Duplicates,
    /// V29: a value is cut at its first raw `=` (Restcomm-Connect splits `name=value` again).
    cuts_value_at_equals: bool,
}

const RESTCOMM_CONNECT: Platform = Platform {
    name: "Restcomm-Connect",
    transports: &["udp", "tcp"],
    adds_x_prefix: true,
    x_prefix_ignores_case: false,
    standard_headers: &[],
    duplicates: Duplicates::LastWins,
    cuts_value_at_equals: true,
};

static PLATFORMS: PerProfile<Platform> = PerProfile::new(
    // Where the documentation is silent, `restcomm` behaves as Restcomm-Connect.
    Platform { name: "Restcomm", ..RESTCOMM_CONNECT },
    RESTCOMM_CONNECT,
    Platform {
        name: "Twilio",
        transports: &["udp", "tcp", "tls"],
        adds_x_prefix: false,
        x_prefix_ignores_case: true,
        standard_headers: &["User-to-User", "Remote-Party-ID", "P-Preferred-Identity", "P-Called-Party-ID"],
        duplicates: Duplicates::KeepAll,
        cuts_value_at_equals: false,
    },
);

/// RFC 3261 §19.1.5: headers a URI should not set (with their compact forms), and `body`.
const DANGEROUS_HEADERS: &[&str] = &[
    "Route",
    "Record-Route",
    "From",
    "f",
    "Via",
    "v",
    "Call-ID",
    "i",
    "CSeq",
    "Contact",
    "m",
    "Max-Forwards",
    "Content-Length",
    "l",
    "Content-Type",
    "c",
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Allow",
    "Organization",
    "Supported",
    "k",
    "User-Agent",
    "Require",
    "Proxy-Require",
    "Authorization",
    "Proxy-Authorization",
    "body",
];

/// URI parameters whose presence in the user part signals host confusion.
const URI_PARAM_NAMES: &[&str] = &["transport", "maddr", "ttl", "user", "method", "lr"];

pub(crate) fn check(cx: &mut Cx, uri: &SipUri, options: &ParseOptions) {
    let platform = PLATFORMS.get(cx.profile);
    sips(cx, uri, &platform);
    transport(cx, uri, &platform);
    lengths(cx, uri, options.lengths);
    for header in &uri.headers {
        transport_in_header(cx, uri, header);
        header_name(cx, header, &platform);
    }
    duplicate_headers(cx, uri, &platform);
    security(cx, uri);
}

/// V9.
fn sips(cx: &mut Cx, uri: &SipUri, platform: &Platform) {
    if uri.scheme != Scheme::Sips {
        return;
    }
    let tls_offered = platform.transports.contains(&"tls");
    let d = if tls_offered {
        SIPS_UNSUPPORTED
            .at(
                cx.profile,
                uri.scheme_span,
                format!("`sips:` (TLS) is accepted by {}, but not by Restcomm", platform.name),
            )
            .with_help("For a document that also runs on Restcomm, use `sip:` with `;transport=tcp`.")
            .with_profile_note("V9: Twilio dials `sips:` over TLS; Restcomm offers only UDP and TCP")
            .with_severity(Severity::Info)
    } else {
        SIPS_UNSUPPORTED
            .at(
                cx.profile,
                uri.scheme_span,
                format!("`sips:` requires TLS, which {} does not offer", platform.name),
            )
            .with_help("Use the `sip:` scheme (with `;transport=tcp` for a reliable transport).")
            .with_replacement("use `sip`", "sip")
            .with_profile_note(format!("V9: {} dials over UDP or TCP only", platform.name))
    };
    cx.push(d);
}

/// V11: the transport whitelist, compared after decoding and ignoring case.
fn transport(cx: &mut Cx, uri: &SipUri, platform: &Platform) {
    let Some(param) = uri.transport_param() else { return };
    let allowed = platform.transports.join(", ");
    let whole = TextRange::new(
        param.name_span.start.saturating_sub(1),
        param.value_span.unwrap_or(param.name_span).end,
    );
    let Some(value) = param.value.as_deref() else {
        let d = UNSUPPORTED_TRANSPORT
            .at(cx.profile, param.name_span, "`transport` has no value")
            .with_help(format!(
                "Write `transport=udp` or `transport=tcp` ({} offers {allowed}), or remove it for UDP.",
                platform.name
            ))
            .with_fix(
                "remove the parameter",
                vec![Edit { start: whole.start, end: whole.end, text: String::new() }],
            );
        cx.push(d);
        return;
    };
    let lower = value.to_ascii_lowercase();
    let range = param.value_span.unwrap_or(param.name_span);
    let raw = range.slice(cx.input);
    let decoded_note = if raw.eq_ignore_ascii_case(value) {
        String::new()
    } else {
        format!(" (`{raw}` decodes to `{lower}`)")
    };
    if platform.transports.contains(&lower.as_str()) {
        let everywhere = PLATFORMS_ALL.iter().all(|p| PLATFORMS.get(*p).transports.contains(&lower.as_str()));
        if !everywhere {
            let d = UNSUPPORTED_TRANSPORT
                .at(
                    cx.profile,
                    range,
                    format!(
                        "transport `{lower}`{decoded_note} is accepted by {}, but not by Restcomm",
                        platform.name
                    ),
                )
                .with_help("For a document that also runs on Restcomm, use `udp` or `tcp`.")
                .with_profile_note("V11: Restcomm offers udp and tcp only")
                .with_severity(Severity::Info);
            cx.push(d);
        }
        return;
    }
    let mut d = UNSUPPORTED_TRANSPORT
        .at(
            cx.profile,
            range,
            format!("transport `{lower}`{decoded_note} is not offered by {} ({allowed})", platform.name),
        )
        .with_profile_note(format!("V11: {} dials over {allowed}", platform.name));
    let near = platform.transports.iter().find(|t| near_miss(&lower, t));
    d = match near {
        Some(t) => {
            d.with_help(format!("Did you mean `{t}`?")).with_replacement(format!("replace with `{t}`"), *t)
        }
        None => d.with_help(format!("Use one of {allowed}, or remove the parameter for UDP.")),
    };
    cx.push(d);
}

const PLATFORMS_ALL: [Profile; 3] = Profile::ALL;

fn near_miss(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1
}

/// V13: the documented length budgets.
fn lengths(cx: &mut Cx, uri: &SipUri, reading: LengthReading) {
    let question = uri.headers_span.map(|h| h.start.saturating_sub(1));
    let uri_end = if reading.uri_includes_headers { uri.span.end } else { question.unwrap_or(uri.span.end) };
    let uri_part = TextRange::new(uri.span.start, uri_end);
    budget(
        cx,
        uri_part,
        reading.uri_limit,
        "the URI",
        if reading.uri_includes_headers { "" } else { " (before `?`)" },
    );
    if let (Some(headers), Some(q)) = (uri.headers_span, question) {
        let part = if reading.question_mark_in_headers { TextRange::new(q, headers.end) } else { headers };
        budget(cx, part, reading.headers_limit, "the headers", " (after `?`)");
    }
}

fn budget(cx: &mut Cx, part: TextRange, limit: usize, what: &str, scope: &str) {
    let text = part.slice(cx.input);
    let count = text.chars().count();
    if count < limit {
        return;
    }
    // Point at the characters past the budget.
    let over = text.char_indices().nth(limit.saturating_sub(1)).map_or(0, |(i, _)| i);
    let range = TextRange::new(part.start + to_u32(over), part.end);
    let mut d = TOO_LONG
        .at(cx.profile, range, format!("{what}{scope} is {count} characters long; it must be under {limit}"))
        .with_help(format!("Shorten {what} by at least {} characters.", count + 1 - limit));
    if d.severity != Severity::Error {
        d = d.with_profile_note("V13: the limit is documented, but Restcomm-Connect does not enforce it");
    }
    cx.push(d);
}

/// V12: `;transport=` after the `?` is part of a header value.
fn transport_in_header(cx: &mut Cx, uri: &SipUri, header: &Header) {
    let raw = header.raw_value.as_bytes();
    let Some(at) = raw.windows(11).position(|w| w.eq_ignore_ascii_case(b";transport=")) else { return };
    let end =
        raw.get(at + 1..).and_then(|r| r.iter().position(|&b| b == b';')).map_or(raw.len(), |p| p + at + 1);
    let start = header.value_span.start as usize + at;
    let stop = header.value_span.start as usize + end;
    let text = cx.slice(start, stop);
    let mut d = TRANSPORT_IN_HEADERS
        .at(
            cx.profile,
            cx.range(start, stop),
            format!("`{text}` is part of the value of header `{}`, not a URI parameter", header.name),
        )
        .with_help("Move the parameter before the `?`: everything after it is headers.")
        .with_profile_note("V12: the call is dialled over the default transport (UDP)");
    if let Some(headers) = uri.headers_span {
        let q = headers.start.saturating_sub(1);
        d = d.with_fix(
            "move it before the `?`",
            vec![
                Edit { start: q, end: q, text: text.to_owned() },
                Edit { start: to_u32(start), end: to_u32(stop), text: String::new() },
            ],
        );
    }
    cx.push(d);
}

/// V14: the `X-` prefix.
fn header_name(cx: &mut Cx, header: &Header, platform: &Platform) {
    let name = header.name.as_str();
    if name.is_empty() || has_x_prefix(name, platform) {
        return;
    }
    let at = header.name_span.start;
    if platform.adds_x_prefix {
        let sent = format!("X-{name}");
        let lower_x = name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("x-"));
        let mut d = HEADER_WITHOUT_X_PREFIX
            .at(cx.profile, header.name_span, format!("header `{name}` is sent as `{sent}`"))
            .with_profile_note(format!(
                "V14: {} adds `X-` to every name that does not start with exactly `X-`",
                platform.name
            ));
        d = if lower_x {
            d.with_help("The `X-` check is case-sensitive: write the prefix as `X-`.")
                .with_fix("write `X-`", vec![Edit { start: at, end: at + 2, text: "X-".to_owned() }])
        } else {
            d.with_help(format!("Write `{sent}` to make the name explicit (and portable to Twilio)."))
                .with_fix("add `X-`", vec![Edit { start: at, end: at, text: "X-".to_owned() }])
        };
        cx.push(d);
    } else if !platform.standard_headers.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        let d = HEADER_WITHOUT_X_PREFIX
            .at(cx.profile, header.name_span, format!("header name `{name}` must start with `X-`"))
            .with_help(format!(
                "Custom headers need the `X-` prefix; only {} are allowed without it.",
                platform.standard_headers.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            ))
            .with_profile_note(format!("V14: {} rejects other header names (error 13252)", platform.name))
            .with_fix("add `X-`", vec![Edit { start: at, end: at, text: "X-".to_owned() }]);
        cx.push(d);
    }
}

fn has_x_prefix(name: &str, platform: &Platform) -> bool {
    match name.get(..2) {
        Some(p) if platform.x_prefix_ignores_case => p.eq_ignore_ascii_case("x-"),
        Some(p) => p == "X-",
        None => false,
    }
}

/// The name a header is sent under by `platform` (V14), or `None` if it is not sent.
fn sent_name(name: &str, platform: &Platform) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    if has_x_prefix(name, platform) || platform.standard_headers.iter().any(|s| s.eq_ignore_ascii_case(name))
    {
        Some(name.to_owned())
    } else if platform.adds_x_prefix {
        Some(format!("X-{name}"))
    } else {
        None
    }
}

/// V15: a name twice (as sent, ignoring case as SIP does).
fn duplicate_headers(cx: &mut Cx, uri: &SipUri, platform: &Platform) {
    let sent: Vec<String> =
        uri.headers.iter().map(|h| sent_name(&h.name, platform).unwrap_or_else(|| h.name.clone())).collect();
    for (first, later) in duplicates(sent.iter().map(String::as_str)) {
        let (Some(a), Some(b)) = (uri.headers.get(first), uri.headers.get(later)) else { continue };
        if a.name.is_empty() {
            continue;
        }
        let same_key = sent.get(first) == sent.get(later);
        let note = match platform.duplicates {
            Duplicates::LastWins if same_key => format!(
                "V15: {} keeps only the last value of `{}` and loses the order of headers",
                platform.name,
                sent.get(later).map_or("", String::as_str)
            ),
            Duplicates::LastWins => {
                format!("V15: {} compares names case-sensitively: both are sent", platform.name)
            }
            Duplicates::KeepAll => format!("V15: {} sends both, in order", platform.name),
        };
        let message = if a.name == b.name {
            format!("header `{}` appears more than once", b.name)
        } else {
            format!(
                "header `{}` repeats `{}` (both are sent as `{}`)",
                b.name,
                a.name,
                sent.get(later).map_or("", String::as_str)
            )
        };
        // Removing the earlier one keeps what Restcomm sends today (the last value).
        let end = a.value_span.end;
        let end = if cx.bytes.get(end as usize) == Some(&b'&') { end + 1 } else { end };
        let d = DUPLICATE_HEADER
            .at(cx.profile, b.name_span, message)
            .with_help("Send one header per name: merge the values or rename one of them.")
            .with_profile_note(note)
            .with_fix(
                "remove the earlier header",
                vec![Edit { start: a.name_span.start, end, text: String::new() }],
            );
        cx.push(d);
    }
}

/// sip-uri.md §7: header injection, `maddr`, `method`, dangerous headers, host confusion,
/// password, loopback targets, DNS limits.
fn security(cx: &mut Cx, uri: &SipUri) {
    if let Some(user) = &uri.user {
        control_escapes(cx, user.span, "the user part");
        host_confusion(cx, uri, user.span);
    }
    if let Some(password) = uri.password.as_ref().filter(|p| !p.raw.is_empty()) {
        control_escapes(cx, password.span, "the password");
        let d = PASSWORD_IN_URI
            .at(cx.profile, password.span, "the URI contains a password, which RFC 3261 does not recommend")
            .with_help(
                "Remove it from the URI and set the `username` and `password` attributes of `<Sip>` instead.",
            )
            .with_fix(
                "remove the password",
                vec![Edit {
                    start: password.span.start.saturating_sub(1),
                    end: password.span.end,
                    text: String::new(),
                }],
            );
        cx.push(d);
    }
    for param in &uri.params {
        if let Some(span) = param.value_span {
            control_escapes(cx, span, "a parameter value");
        }
        let whole = TextRange::new(
            param.name_span.start.saturating_sub(1),
            param.value_span.unwrap_or(param.name_span).end,
        );
        let remove = vec![Edit { start: whole.start, end: whole.end, text: String::new() }];
        if param.name.eq_ignore_ascii_case("maddr") {
            let target = param.value.as_deref().unwrap_or("");
            let d = MADDR_PARAM
                .at(cx.profile, whole, format!("`maddr` sends the request to `{target}` instead of the host"))
                .with_help("Remove `maddr` and put the address you want to reach in the host.")
                .with_fix("remove `maddr`", remove);
            cx.push(d);
        } else if param.name.eq_ignore_ascii_case("method") {
            let d = METHOD_PARAM
                .at(
                    cx.profile,
                    whole,
                    "`method` is not allowed in the URI of an INVITE (RFC 3261 §19.1.1, Table 1)",
                )
                .with_help("Remove it: `<Sip>` always sends an INVITE.")
                .with_fix("remove `method`", remove);
            cx.push(d);
        }
    }
    for header in &uri.headers {
        control_escapes(cx, header.name_span, "a header name");
        control_escapes(cx, header.value_span, "a header value");
        if DANGEROUS_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(&header.name)) {
            let message = if header.name.eq_ignore_ascii_case("body") {
                "a `body` header would replace the body of the INVITE".to_owned()
            } else {
                format!("header `{}` should not be set from a URI (RFC 3261 §19.1.5)", header.name)
            };
            let d = DANGEROUS_HEADER
                .at(cx.profile, header.name_span, message)
                .with_help("Carry the information in a custom `X-` header instead.");
            cx.push(d);
        }
    }
    local_target(cx, uri);
    dns_limits(cx, uri);
}

/// `%00`, `%0D`, `%0A` inside `span` (header injection, RFC 4475 escnull).
fn control_escapes(cx: &mut Cx, span: TextRange, what: &str) {
    let text = span.slice(cx.input).as_bytes();
    let mut reported = 0;
    let mut i = 0;
    while i < text.len() {
        let Some(byte) = chars::escape_at(text, i) else {
            i += 1;
            continue;
        };
        if matches!(byte, 0 | b'\r' | b'\n') && reported < 4 {
            reported += 1;
            let name = match byte {
                0 => "NUL",
                b'\r' => "a carriage return",
                _ => "a line feed",
            };
            let start = span.start + to_u32(i);
            let message = if what == "the password" {
                format!("the password contains an escaped {name}")
            } else {
                format!(
                    "`{}` decodes to {name} inside {what}",
                    TextRange::new(start, start + 3).slice(cx.input)
                )
            };
            let d = ESCAPED_CONTROL_CHARACTER
                .at(cx.profile, TextRange::new(start, start + 3), message)
                .with_help(
                    "Remove it: decoded into a SIP message it ends the header line and can inject headers.",
                )
                .with_replacement("remove it", "");
            cx.push(d);
        }
        i += 3;
    }
}

/// Hard case 2: `sip:example.com;transport=tcp@evil.example`.
fn host_confusion(cx: &mut Cx, uri: &SipUri, user: TextRange) {
    let raw = user.slice(cx.input);
    let Some(cut) = raw.find([';', '?']) else { return };
    let head = raw.get(..cut).unwrap_or("");
    let looks_like_host = head.contains('.')
        && head.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && head.bytes().any(|b| b.is_ascii_alphabetic());
    let names_uri_param = raw.get(cut..).unwrap_or("").split([';', '?']).any(|seg| {
        let name = seg.split('=').next().unwrap_or("");
        URI_PARAM_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
    });
    if !(looks_like_host || names_uri_param) {
        return;
    }
    let d = HOST_CONFUSION
        .at(cx.profile, user, format!("everything before `@` is the user; the call goes to host `{}`", uri.host.raw))
        .with_help(
            "Parameters and headers in the user part are not URI parameters. Put the host right after `sip:` (with a user and `@` before it if needed) and the parameters after the host.",
        );
    cx.push(d);
}

fn local_target(cx: &mut Cx, uri: &SipUri) {
    let host = uri.host.raw.as_str();
    let local = match uri.host_kind {
        HostKind::Ipv4 => {
            host.parse::<std::net::Ipv4Addr>().is_ok_and(|a| a.is_loopback() || a.is_unspecified())
        }
        HostKind::Ipv6 => host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .and_then(|h| h.parse::<std::net::Ipv6Addr>().ok())
            .is_some_and(|a| a.is_loopback() || a.is_unspecified()),
        HostKind::Name => {
            let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    };
    if local {
        let d = LOCAL_TARGET
            .at(cx.profile, uri.host.span, format!("host `{host}` is a loopback or unspecified address"))
            .with_help("The platform would call itself (or nothing): use the address of the SIP endpoint you mean to reach.");
        cx.push(d);
    }
    if let Some((0, span)) = uri.port {
        let d = LOCAL_TARGET
            .at(cx.profile, span, "port 0 is not a port a SIP endpoint listens on")
            .with_help("Use the endpoint's port (5060 by default), or remove the port.");
        cx.push(d);
    }
}

fn dns_limits(cx: &mut Cx, uri: &SipUri) {
    if uri.host_kind != HostKind::Name {
        return;
    }
    let host = uri.host.raw.strip_suffix('.').unwrap_or(&uri.host.raw);
    let mut offset = uri.host.span.start;
    for label in host.split('.') {
        if label.len() > 63 {
            let d = DNS_NAME_TOO_LONG
                .at(
                    cx.profile,
                    TextRange::new(offset, offset + to_u32(label.len())),
                    format!("host label is {} characters long; DNS allows 63", label.len()),
                )
                .with_help("Check the host name: DNS cannot resolve a label longer than 63 characters.");
            cx.push(d);
        }
        offset += to_u32(label.len()) + 1;
    }
    if host.len() > 253 {
        let d = DNS_NAME_TOO_LONG
            .at(
                cx.profile,
                uri.host.span,
                format!("host name is {} characters long; DNS allows 253", host.len()),
            )
            .with_help("Check the host name: DNS cannot resolve a name longer than 253 characters.");
        cx.push(d);
    }
}

/// The custom headers as `profile`'s platform would put them on the INVITE (V14 names, V15
/// duplicates, V29 values), without the platform's own `X-RestComm-*` headers (S19).
///
/// - `restcomm`, `restcomm-connect`: names without a case-sensitive `X-` get it; the value is
///   cut at its first raw `=`, then decoded; a repeated name keeps its last value, and since
///   the platform keeps them in a hash map the order is lost: they come out sorted by name.
/// - `twilio`: `X-` names (any case) and the four standard names, decoded, in input order,
///   duplicates included; other names are not sent (Twilio rejects the dial, V14).
pub fn invite_headers(uri: &SipUri, profile: Profile) -> Vec<(String, String)> {
    let platform = PLATFORMS.get(profile);
    let value_of = |h: &Header| {
        if platform.cuts_value_at_equals {
            chars::decode(h.raw_value.split('=').next().unwrap_or(""))
        } else {
            h.value.clone()
        }
    };
    let sent = uri.headers.iter().filter_map(|h| Some((sent_name(&h.name, &platform)?, value_of(h))));
    match platform.duplicates {
        Duplicates::KeepAll => sent.collect(),
        Duplicates::LastWins => {
            let map: std::collections::BTreeMap<String, String> = sent.collect();
            map.into_iter().collect()
        }
    }
}
