//! The platform layer: what each profile does with a SIP URI (profiles.md V9–V15) and the
//! security advice of sip-uri.md §7. These diagnostics never change the RFC verdict.
//!
//! Platform behaviour is data ([`PLATFORMS`]), looked up by profile.

use super::chars;
use super::parts::duplicates;
use super::rules::*;
use super::{Cx, Header, LengthReading, ParseOptions, Scheme, SipUri};
use crate::diagnostics::{Edit, Severity};
use crate::profile::{PerProfile, Profile};
use crate::text::{to_u32, TextRange};
use std::borrow::Cow;

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
    super::security::check(cx, uri);
}

/// V9.
fn sips(cx: &mut Cx, uri: &SipUri, platform: &Platform) {
    if uri.scheme != Scheme::Sips {
        return;
    }
    let tls_offered = platform.transports.contains(&"tls");
    // Offered: an info whatever the registry says.
    if !if tls_offered { cx.wants_forced() } else { cx.wants(&SIPS_UNSUPPORTED) } {
        return;
    }
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
    // Formatted only for a diagnostic: most transports are fine.
    let allowed = || or_list(platform.transports);
    let whole = TextRange::new(
        param.name_span.start.saturating_sub(1),
        param.value_span.unwrap_or(param.name_span).end,
    );
    let Some(value) = param.value.as_deref() else {
        if cx.wants(&UNSUPPORTED_TRANSPORT) {
            let d = UNSUPPORTED_TRANSPORT
                .at(cx.profile, param.name_span, "`transport` has no value")
                .with_help(format!(
                    "Write the transport ({} offers {}), or remove the parameter for UDP.",
                    platform.name,
                    allowed()
                ))
                .with_fix(
                    "remove the parameter",
                    vec![Edit { start: whole.start, end: whole.end, text: String::new() }],
                );
            cx.push(d);
        }
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
        if !everywhere && cx.wants_forced() {
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
    let allowed = allowed();
    if cx.wants(&UNSUPPORTED_TRANSPORT) {
        let mut d = UNSUPPORTED_TRANSPORT
            .at(
                cx.profile,
                range,
                format!("transport `{lower}`{decoded_note} is not offered by {} ({allowed})", platform.name),
            )
            .with_profile_note(format!("V11: {} dials over {allowed}", platform.name));
        let near = platform.transports.iter().find(|t| near_miss(&lower, t));
        d = match near {
            Some(t) => d
                .with_help(format!("Did you mean `{t}`?"))
                .with_replacement(format!("replace with `{t}`"), *t),
            None => d.with_help(format!("Use {allowed}, or remove the parameter for UDP.")),
        };
        cx.push(d);
    }
}

/// "`udp` or `tcp`", "`udp`, `tcp` or `tls`".
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            format!("{} or `{last}`", init.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "))
        }
    }
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
    // No more characters than bytes: most URIs are decided without counting.
    if text.len() < limit {
        return;
    }
    let count = text.chars().count();
    if count < limit {
        return;
    }
    // Point at the characters past the budget.
    let over = text.char_indices().nth(limit.saturating_sub(1)).map_or(0, |(i, _)| i);
    let range = TextRange::new(part.start + to_u32(over), part.end);
    if cx.wants(&TOO_LONG) {
        let mut d = TOO_LONG
            .at(
                cx.profile,
                range,
                format!(
                    "{what}{scope} {} {count} characters long; {} must be under {limit}",
                    if what == "the headers" { "are" } else { "is" },
                    if what == "the headers" { "they" } else { "it" }
                ),
            )
            .with_help(match count + 1 - limit {
                1 => format!("Shorten {what} by at least 1 character."),
                n => format!("Shorten {what} by at least {n} characters."),
            });
        if d.severity != Severity::Error {
            d = d.with_profile_note("V13: the limit is documented, but Restcomm-Connect does not enforce it");
        }
        cx.push(d);
    }
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
    if cx.wants(&TRANSPORT_IN_HEADERS) {
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
        if cx.wants(&HEADER_WITHOUT_X_PREFIX) {
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
        }
    } else if !platform.standard_headers.iter().any(|s| s.eq_ignore_ascii_case(name))
        && cx.wants(&HEADER_WITHOUT_X_PREFIX)
    {
        let d = HEADER_WITHOUT_X_PREFIX
            .at(cx.profile, header.name_span, format!("header name `{name}` must start with `X-`"))
            .with_help(format!(
                "Custom headers need the `X-` prefix; only {} may go without it.",
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
/// Borrowed when sent as written (the common case: no allocation).
fn sent_name<'n>(name: &'n str, platform: &Platform) -> Option<Cow<'n, str>> {
    if name.is_empty() {
        return None;
    }
    if has_x_prefix(name, platform) || platform.standard_headers.iter().any(|s| s.eq_ignore_ascii_case(name))
    {
        Some(Cow::Borrowed(name))
    } else if platform.adds_x_prefix {
        Some(Cow::Owned(format!("X-{name}")))
    } else {
        None
    }
}

/// V15: a name twice (as sent, ignoring case as SIP does).
fn duplicate_headers(cx: &mut Cx, uri: &SipUri, platform: &Platform) {
    if uri.headers.len() < 2 {
        return;
    }
    let sent: Vec<Cow<str>> =
        uri.headers.iter().map(|h| sent_name(&h.name, platform).unwrap_or(Cow::Borrowed(&h.name))).collect();
    for (first, later) in duplicates(sent.iter().map(|s| s.as_ref())) {
        let (Some(a), Some(b)) = (uri.headers.get(first), uri.headers.get(later)) else { continue };
        if a.name.is_empty() {
            continue;
        }
        let same_key = sent.get(first) == sent.get(later);
        let note = match platform.duplicates {
            Duplicates::LastWins if same_key => format!(
                "V15: {} keeps only the last value of `{}` and loses the order of headers",
                platform.name,
                sent.get(later).map_or("", |s| s.as_ref())
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
                sent.get(later).map_or("", |s| s.as_ref())
            )
        };
        // Removing the earlier one keeps what Restcomm sends today (the last value).
        let end = a.value_span.end;
        let end = if cx.bytes.get(end as usize) == Some(&b'&') { end + 1 } else { end };
        if cx.wants(&DUPLICATE_HEADER) {
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
}

/// The custom headers as `profile`'s platform would put them on the INVITE (V14 names, V15
/// duplicates, V29 values), without the platform's own `X-RestComm-*` headers (S19).
///
/// - `restcomm`, `restcomm-connect`: names without a case-sensitive `X-` get it; the value is
///   cut at its first raw `=`, then decoded; a repeated name keeps its last value, and since
///   the platform keeps them in a hash map the order is lost: they come out sorted by name.
/// - `twilio`: `X-` names (any case) and the four standard names, decoded, in input order,
///   duplicates included; other names are not sent (Twilio rejects the dial, V14).
///
/// A header whose decoded name or value holds CR, LF or NUL is never sent under any profile
/// (`sip-uri/escaped-control-character` reports it): it would end the header line early and
/// inject lines of its own into the INVITE.
pub fn invite_headers(uri: &SipUri, profile: Profile) -> Vec<(String, String)> {
    let platform = PLATFORMS.get(profile);
    let value_of = |h: &Header| {
        if platform.cuts_value_at_equals {
            chars::decode(h.raw_value.split('=').next().unwrap_or(""))
        } else {
            h.value.clone()
        }
    };
    let injects = |s: &str| s.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0));
    // A plain loop (one copy in the .wasm, where iterator adapters were instantiated per use).
    let mut all: Vec<(String, String)> = Vec::new();
    for h in &uri.headers {
        let Some(name) = sent_name(&h.name, &platform) else { continue };
        let value = value_of(h);
        if !injects(&name) && !injects(&value) {
            all.push((name.into_owned(), value));
        }
    }
    match platform.duplicates {
        Duplicates::KeepAll => all,
        Duplicates::LastWins => {
            // What a map keyed by name gives (sorted, the last value of a repeated name),
            // without a BTreeMap instance in the .wasm: a stable sort, then the last of each run.
            crate::sort::sort_by(&mut all, |a, b| a.0.cmp(&b.0));
            let mut out: Vec<(String, String)> = Vec::with_capacity(all.len());
            for (name, value) in all {
                match out.last_mut() {
                    Some(last) if last.0 == name => last.1 = value,
                    _ => out.push((name, value)),
                }
            }
            out
        }
    }
}
