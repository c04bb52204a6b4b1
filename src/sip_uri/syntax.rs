//! The RFC layer: splits a SIP URI into its components in one left-to-right pass and reports
//! every grammar violation (RFC 3261 §25 with RFC 5954's addresses, plus the three checks the
//! ABNF cannot express: duplicate parameters, `sips:` with UDP, port ≤ 65535).
//!
//! Splitting order follows sip-uri.md §5: the `@` first (everything before it is userinfo,
//! `;` and `?` included), then the host (bracketed or up to `:`/`;`/`?`), the port, the `;`
//! parameters up to the first `?`, and the `&`-separated headers. The split never fails, so
//! the components of a broken URI can still be shown.

use super::chars::{self, HEADER, PARAM, PASSWORD, TOKEN, USER};
use super::host::{self, HostProblem};
use super::rules::*;
use super::{Cx, Header, HostKind, Param, Part, Scheme, SipUri};
use crate::diagnostics::{Diagnostic, Edit, Rule};
use crate::text::TextRange;

/// The component a character belongs to, for messages and character classes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Component {
    User,
    Password,
    ParamName,
    ParamValue,
    HeaderName,
}

impl Component {
    fn class(self) -> u8 {
        match self {
            Component::User => USER,
            Component::Password => PASSWORD,
            Component::ParamName | Component::ParamValue => PARAM,
            Component::HeaderName => HEADER,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Component::User => "the user part",
            Component::Password => "the password",
            Component::ParamName => "a parameter name",
            Component::ParamValue => "a parameter value",
            Component::HeaderName => "a header name",
        }
    }
}

fn find(bytes: &[u8], from: usize, to: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.get(from..to)?.iter().position(|&b| pred(b)).map(|i| i + from)
}

fn rfind(bytes: &[u8], from: usize, to: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.get(from..to)?.iter().rposition(|&b| pred(b)).map(|i| i + from)
}

/// Splits and checks the whole input. `None` when the scheme is not `sip:`/`sips:`.
pub(crate) fn parse_uri(cx: &mut Cx) -> Option<SipUri> {
    let (start, end) = strip_angle_brackets(cx);
    let (scheme, scheme_end) = scheme(cx, start, end)?;
    Some(after_scheme(cx, scheme, cx.range(start, scheme_end - 1), scheme_end, end))
}

/// `<sip:…>` (RFC 4475 ltgtruri): reported once, then the inside is parsed.
fn strip_angle_brackets(cx: &mut Cx) -> (usize, usize) {
    let n = cx.bytes.len();
    let lead = cx.bytes.first() == Some(&b'<');
    let trail = n > usize::from(lead) && cx.bytes.last() == Some(&b'>');
    if !lead && !trail {
        return (0, n);
    }
    let mut edits = Vec::new();
    if lead {
        edits.push(Edit { start: 0, end: 1, text: String::new() });
    }
    if trail {
        let at = crate::text::to_u32(n - 1);
        edits.push(Edit { start: at, end: at + 1, text: String::new() });
    }
    let range = if lead && trail {
        cx.range(0, n)
    } else if lead {
        cx.range(0, 1)
    } else {
        cx.range(n - 1, n)
    };
    let d = ANGLE_BRACKETS
        .at(cx.profile, range, "a bare SIP URI is not wrapped in `<` `>`")
        .with_help("Remove the angle brackets: they belong around a URI inside a SIP header, not in `<Sip>`.")
        .with_fix("remove the angle brackets", edits);
    cx.invalid(d);
    (usize::from(lead), if trail { n - 1 } else { n })
}

const OTHER_SCHEMES: &[&str] = &[
    "tel",
    "http",
    "https",
    "mailto",
    "urn",
    "im",
    "pres",
    "ws",
    "wss",
    "ftp",
    "data",
    "file",
    "javascript",
    "h323",
    "xmpp",
];

/// Returns the scheme and the offset just after its `:`, or reports V10.
fn scheme(cx: &mut Cx, start: usize, end: usize) -> Option<(Scheme, usize)> {
    let colon = find(cx.bytes, start, end, |b| b == b':');
    if let Some(colon) = colon {
        let name = cx.slice(start, colon);
        if name.eq_ignore_ascii_case("sip") {
            return Some((Scheme::Sip, colon + 1));
        }
        if name.eq_ignore_ascii_case("sips") {
            return Some((Scheme::Sips, colon + 1));
        }
    }
    if start == end {
        let d = INVALID_SCHEME
            .at(cx.profile, cx.range(start, end), "empty URI: expected `sip:` followed by a host")
            .with_help("Write a SIP URI such as `sip:alice@example.com`.");
        cx.invalid(d);
        return None;
    }
    let scheme_like = colon.map(|c| cx.slice(start, c)).filter(|name| {
        let b = name.as_bytes();
        b.first().is_some_and(u8::is_ascii_alphabetic)
            && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
    });
    let after_colon_is_port = colon.is_some_and(|c| {
        let stop = find(cx.bytes, c + 1, end, |b| matches!(b, b';' | b'?' | b'@')).unwrap_or(end);
        stop > c + 1 && cx.bytes.get(c + 1..stop).is_some_and(|p| p.iter().all(u8::is_ascii_digit))
    });
    let known_other = scheme_like.filter(|n| OTHER_SCHEMES.iter().any(|o| o.eq_ignore_ascii_case(n)));
    let near_miss = scheme_like.filter(|n| edit_distance_at_most_one(&n.to_ascii_lowercase(), "sip"));
    let d = if let (Some(name), Some(colon)) = (known_other, colon) {
        let help = if name.eq_ignore_ascii_case("tel") {
            "Dial a phone number with `<Number>`, or write it as a SIP URI at a gateway, such as `sip:+15551234567@gateway.example.com`."
        } else {
            "`<Sip>` dials SIP URIs only: write `sip:user@host` (or `sips:` for TLS)."
        };
        INVALID_SCHEME
            .at(
                cx.profile,
                cx.range(start, colon + 1),
                format!("`{name}:` is not a SIP URI scheme; expected `sip:` or `sips:`"),
            )
            .with_help(help)
    } else if let (Some(name), Some(colon), false) = (near_miss, colon, after_colon_is_port) {
        INVALID_SCHEME
            .at(cx.profile, cx.range(start, colon), format!("unknown scheme `{name}:`; did you mean `sip:`?"))
            .with_help("A SIP URI starts with `sip:` or `sips:`.")
            .with_replacement("replace with `sip`", "sip")
    } else if let (Some(name), Some(colon), false, false) =
        (scheme_like, colon, after_colon_is_port, would_be_valid(cx, start, end))
    {
        INVALID_SCHEME
            .at(
                cx.profile,
                cx.range(start, colon + 1),
                format!("`{name}:` is not a SIP URI scheme; expected `sip:` or `sips:`"),
            )
            .with_help("`<Sip>` dials SIP URIs only: write `sip:user@host` (or `sips:` for TLS).")
    } else {
        let mut d = INVALID_SCHEME
            .at(cx.profile, cx.range(start, start), "missing `sip:` scheme")
            .with_help("A SIP URI starts with `sip:` (or `sips:` for TLS): `sip:alice@example.com`.");
        if would_be_valid(cx, start, end) {
            let at = crate::text::to_u32(start);
            d = d.with_fix("insert `sip:`", vec![Edit { start: at, end: at, text: "sip:".to_owned() }]);
        }
        d
    };
    cx.invalid(d);
    None
}

/// Would `sip:` followed by `input[start..end]` be a valid SIP URI? (A quiet probe.)
fn would_be_valid(cx: &Cx, start: usize, end: usize) -> bool {
    let mut probe = Cx::new(cx.input, cx.profile);
    probe.quiet = true;
    let _ = after_scheme(&mut probe, Scheme::Sip, TextRange::empty(crate::text::to_u32(start)), start, end);
    probe.valid
}

fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        let rest_a = short.get(prefix + 1..).unwrap_or(&[]);
        let rest_b = long.get(prefix + 1..).unwrap_or(&[]);
        // One substitution, or one transposition of neighbours.
        rest_a == rest_b
            || (short.get(prefix) == long.get(prefix + 1)
                && short.get(prefix + 1) == long.get(prefix)
                && short.get(prefix + 2..) == long.get(prefix + 2..))
    } else {
        short.get(prefix..) == long.get(prefix + 1..)
    }
}

/// Splits and checks everything after `sip:`, from `p` to `e`.
fn after_scheme(cx: &mut Cx, scheme: Scheme, scheme_span: TextRange, p: usize, e: usize) -> SipUri {
    let bytes = cx.bytes;
    // 1. The `@`: the first one, unless more raw `@` follow before the next `;` or `?`, in
    //    which case the last of them (`sip:a@b@host`: the earlier ones are then reported as
    //    raw `@` in the user, which is what the author most likely meant).
    let at = find(bytes, p, e, |b| b == b'@').map(|first| {
        let stop = find(bytes, first + 1, e, |b| b == b'?' || b == b';').unwrap_or(e);
        rfind(bytes, first, stop, |b| b == b'@').unwrap_or(first)
    });
    let (user, password, host_start) = match at {
        Some(at) => {
            let colon = find(bytes, p, at, |b| b == b':');
            let user_end = colon.unwrap_or(at);
            let user = Part { raw: cx.slice(p, user_end).to_owned(), span: cx.range(p, user_end) };
            if user_end == p {
                let d = EMPTY_USER
                    .at(cx.profile, cx.range(p, at + 1), "the user part before `@` is empty")
                    .with_help("Write the user before the `@`, or remove the `@` to dial the host itself.");
                cx.invalid(d);
            } else {
                scan(cx, p, user_end, Component::User);
            }
            let password = colon.map(|c| {
                scan(cx, c + 1, at, Component::Password);
                Part { raw: cx.slice(c + 1, at).to_owned(), span: cx.range(c + 1, at) }
            });
            (Some(user), password, at + 1)
        }
        None => (None, None, p),
    };

    // 2. Host and port.
    let (host, host_kind, port, mut pos) = hostport(cx, host_start, e);

    // 3. Parameters, up to the first `?`.
    let mut params = Vec::new();
    while pos < e && bytes.get(pos) == Some(&b';') {
        let start = pos + 1;
        let end = find(bytes, start, e, |b| b == b';' || b == b'?').unwrap_or(e);
        params.push(param(cx, start, end));
        pos = end;
    }
    check_duplicate_params(cx, &params);

    // 4. Headers, after the `?`.
    let mut headers = Vec::new();
    let mut headers_span = None;
    if pos < e && bytes.get(pos) == Some(&b'?') {
        headers_span = Some(cx.range(pos + 1, e));
        let mut start = pos + 1;
        loop {
            let end = find(bytes, start, e, |b| b == b'&').unwrap_or(e);
            if let Some(h) = header(cx, start, end) {
                headers.push(h);
            }
            if end >= e {
                break;
            }
            start = end + 1;
        }
    }

    let uri = SipUri {
        scheme,
        scheme_span,
        user,
        password,
        host,
        host_kind,
        port,
        params,
        headers,
        headers_span,
        span: cx.range(scheme_span.start as usize, e),
    };
    if scheme == Scheme::Sips && uri.transport().as_deref() == Some("udp") {
        if let Some(p) = uri.transport_param() {
            let range = p.value_span.unwrap_or(p.name_span);
            let d = SIPS_WITH_UDP
                .at(cx.profile, range, "`sips:` requires a reliable transport, not `udp`")
                .with_help("Use `transport=tcp` (or `tls`) with `sips:`, or the `sip:` scheme for UDP.");
            cx.invalid(d);
        }
    }
    uri
}

/// Host (plain or bracketed) and optional port. Returns the position after them.
fn hostport(cx: &mut Cx, start: usize, e: usize) -> (Part, HostKind, Option<(u32, TextRange)>, usize) {
    let bytes = cx.bytes;
    let segment_end = find(bytes, start, e, |b| b == b';' || b == b'?').unwrap_or(e);
    let (host_end, kind, after) = if bytes.get(start) == Some(&b'[') {
        match find(bytes, start, segment_end, |b| b == b']') {
            Some(close) => {
                let inner = cx.slice(start + 1, close);
                if let Some(p) = host::ipv6_problem(inner, start + 1) {
                    report_host(cx, p);
                }
                (close + 1, HostKind::Ipv6, close + 1)
            }
            None => {
                let d = INVALID_HOST
                    .at(cx.profile, cx.range(start, segment_end), "IPv6 reference has no closing `]`")
                    .with_help("Close the IPv6 address with `]`, before the port: `[2001:db8::1]:5060`.");
                cx.invalid(d);
                (segment_end, HostKind::Ipv6, segment_end)
            }
        }
    } else if let Some(segment) = unbracketed_ipv6(cx, start, segment_end) {
        let d = INVALID_HOST
            .at(
                cx.profile,
                cx.range(start, segment_end),
                format!("IPv6 address `{segment}` must be enclosed in brackets"),
            )
            .with_help("Write an IPv6 host as `[address]` (RFC 5118 §4.2); a port goes after the `]`.")
            .with_fix(
                "add brackets",
                vec![
                    Edit {
                        start: crate::text::to_u32(start),
                        end: crate::text::to_u32(start),
                        text: "[".to_owned(),
                    },
                    Edit {
                        start: crate::text::to_u32(segment_end),
                        end: crate::text::to_u32(segment_end),
                        text: "]".to_owned(),
                    },
                ],
            );
        cx.invalid(d);
        (segment_end, HostKind::Ipv6, segment_end)
    } else {
        let end = find(bytes, start, segment_end, |b| b == b':').unwrap_or(segment_end);
        let (kind, problem) = host::check_plain(cx.slice(start, end));
        if let Some(mut p) = problem {
            p.start += start;
            p.end += start;
            report_host(cx, p);
        }
        (end, kind, end)
    };
    let host = Part { raw: cx.slice(start, host_end).to_owned(), span: cx.range(start, host_end) };

    let mut pos = after;
    let mut port = None;
    if bytes.get(pos) == Some(&b':') {
        let port_start = pos + 1;
        let port_end = segment_end.max(port_start);
        port = check_port(cx, port_start, port_end, start);
        pos = port_end;
    } else if pos < segment_end {
        let c = cx.char_at(pos);
        let d = INVALID_HOST
            .at(
                cx.profile,
                cx.range(pos, segment_end),
                format!("unexpected {} after the IPv6 reference", chars::describe(c)),
            )
            .with_help("After `]` only `:port`, `;parameters` or `?headers` may follow.");
        cx.invalid(d);
        pos = segment_end;
    }
    (host, kind, port, pos)
}

/// `2001:db8::1` written without brackets: the segment is a valid IPv6 address.
fn unbracketed_ipv6<'a>(cx: &Cx<'a>, start: usize, end: usize) -> Option<&'a str> {
    let segment = cx.slice(start, end);
    let colons = segment.bytes().filter(|&b| b == b':').count();
    (colons >= 2 && host::ipv6_problem(segment, 0).is_none()).then_some(segment)
}

fn report_host(cx: &mut Cx, p: HostProblem) {
    let range = cx.range(p.start, p.end);
    let mut d = INVALID_HOST.at(cx.profile, range, p.message).with_help(p.help);
    if let Some(text) = p.replacement {
        d = d.with_replacement(format!("replace with `{text}`"), text);
    }
    cx.invalid(d);
}

fn check_port(cx: &mut Cx, start: usize, end: usize, host_start: usize) -> Option<(u32, TextRange)> {
    let text = cx.slice(start, end);
    let range = cx.range(start, end);
    if text.is_empty() {
        let d = INVALID_PORT
            .at(cx.profile, cx.range(start - 1, start), "empty port after `:`")
            .with_help("Write the port number after the `:`, or remove the `:` to use the default port.")
            .with_replacement("remove the `:`", "");
        cx.invalid(d);
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        // Never echo the text: `sip:alice:secret` puts a password here.
        let looks_like_password = cx.bytes.get(host_start..start).is_some_and(|h| !h.contains(&b'@'))
            && !cx.bytes.get(..host_start).unwrap_or(&[]).contains(&b'@');
        let help = if looks_like_password {
            "The port is a number from 0 to 65535. If `user:password` was meant, a SIP URI needs `@host` after it; better, put the password in the `password` attribute of `<Sip>`."
        } else {
            "The port is a number from 0 to 65535, such as `5060`."
        };
        let d = INVALID_PORT
            .at(cx.profile, range, "the text after the host's `:` is not a port number")
            .with_help(help);
        cx.invalid(d);
        return None;
    }
    let value = text.bytes().try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')));
    if value.is_none_or(|v| v > 65535) {
        let d = INVALID_PORT
            .at(cx.profile, range, format!("port `{text}` is out of range (0-65535)"))
            .with_help("Use a port from 0 to 65535; SIP's defaults are 5060 (UDP/TCP) and 5061 (TLS).");
        cx.invalid(d);
    }
    value.map(|v| (v, range))
}

/// One `;name[=value]` parameter (`start..end` excludes the `;`).
fn param(cx: &mut Cx, start: usize, end: usize) -> Param {
    let eq = find(cx.bytes, start, end, |b| b == b'=');
    let name_end = eq.unwrap_or(end);
    let raw_name = cx.slice(start, name_end);
    if start == end {
        let d = INVALID_PARAM
            .at(cx.profile, cx.range(start - 1, start), "empty parameter (`;` with nothing after it)")
            .with_help("Remove the extra `;`.")
            .with_replacement("remove the `;`", "");
        cx.invalid(d);
    } else if raw_name.is_empty() {
        let d = INVALID_PARAM
            .at(cx.profile, cx.range(start, end), "parameter without a name")
            .with_help("A parameter is `;name` or `;name=value`.");
        cx.invalid(d);
    } else {
        scan(cx, start, name_end, Component::ParamName);
    }
    let value_span = eq.map(|eq| cx.range(eq + 1, end));
    if let Some(eq) = eq {
        if eq + 1 == end && !raw_name.is_empty() {
            let d = INVALID_PARAM
                .at(
                    cx.profile,
                    cx.range(eq, end),
                    format!("parameter `{}` has an empty value", chars::decode(raw_name)),
                )
                .with_help("Give the parameter a value, or write it without `=` if it takes none.")
                .with_replacement("remove the `=`", "");
            cx.invalid(d);
        } else {
            // `transport`, `user` and `method` take a `token`, which admits a raw `%` and a backtick.
            let token_param =
                ["transport", "user", "method"].iter().any(|n| n.eq_ignore_ascii_case(raw_name));
            let as_token = token_param
                && cx.bytes.get(eq + 1..end).is_some_and(|v| v.iter().all(|&b| chars::is(b, TOKEN)));
            if !as_token {
                scan(cx, eq + 1, end, Component::ParamValue);
            }
        }
    }
    Param {
        name: chars::decode(raw_name),
        name_span: cx.range(start, name_end),
        value: eq.map(|eq| chars::decode(cx.slice(eq + 1, end))),
        value_span,
    }
}

/// RFC 3261 §19.1.1: no parameter name twice (case-insensitive, decoded). Sort-based, so a
/// URI with thousands of parameters stays `O(n log n)`.
fn check_duplicate_params(cx: &mut Cx, params: &[Param]) {
    for (first, dup) in duplicates(params.iter().map(|p| p.name.as_str())) {
        let (Some(a), Some(b)) = (params.get(first), params.get(dup)) else { continue };
        let whole =
            TextRange::new(b.name_span.start.saturating_sub(1), b.value_span.unwrap_or(b.name_span).end);
        let d = DUPLICATE_PARAM
            .at(cx.profile, b.name_span, format!("parameter `{}` appears more than once", b.name))
            .with_help(format!(
                "Keep one `{}` parameter; a SIP URI may not repeat a parameter name (RFC 3261 §19.1.1).",
                a.name
            ))
            .with_fix(
                "remove this duplicate",
                vec![Edit { start: whole.start, end: whole.end, text: String::new() }],
            );
        cx.invalid(d);
    }
}

/// Pairs `(previous index, later index)` of names equal ignoring ASCII case (each repeat paired
/// with the occurrence just before it), in input order of the later one.
pub(crate) fn duplicates<'a>(names: impl Iterator<Item = &'a str> + Clone) -> Vec<(usize, usize)> {
    // The common case (a handful of names): compare pairs, no allocation.
    if names.clone().nth(8).is_none() {
        let mut out = Vec::new();
        for (j, later) in names.clone().enumerate() {
            let previous =
                names.clone().take(j).enumerate().filter(|(_, n)| n.eq_ignore_ascii_case(later)).last();
            if let Some((previous, _)) = previous {
                out.push((previous, j));
            }
        }
        return out;
    }
    let mut keyed: Vec<(String, usize)> =
        names.enumerate().map(|(i, n)| (n.to_ascii_lowercase(), i)).collect();
    if keyed.len() < 2 {
        return Vec::new();
    }
    keyed.sort();
    let mut out = Vec::new();
    for pair in keyed.windows(2) {
        if let [prev, cur] = pair {
            if prev.0 == cur.0 {
                out.push((prev.1, cur.1));
            }
        }
    }
    out.sort_by_key(|&(_, later)| later);
    out
}

/// One `name=value` header (`start..end` between `?`/`&` separators).
fn header(cx: &mut Cx, start: usize, end: usize) -> Option<Header> {
    if start == end {
        let sep = start.saturating_sub(1);
        let what = if cx.bytes.get(sep) == Some(&b'?') { "`?`" } else { "`&`" };
        let d = INVALID_HEADER
            .at(cx.profile, cx.range(sep, start), format!("empty header after {what}"))
            .with_help("Remove the extra separator: headers are `name=value` pairs joined by `&`.")
            .with_replacement("remove the separator", "");
        cx.invalid(d);
        return None;
    }
    let raw = cx.slice(start, end);
    if raw.len() >= 4 && raw.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("amp;")) {
        let d = DOUBLE_ESCAPED_AMPERSAND
            .at(cx.profile, cx.range(start - 1, start + 4), "`&amp;` inside the URI: the `&` between headers was escaped twice")
            .with_help("Write `&amp;` once in the RCML document: the XML parser turns it into the `&` that separates headers.")
            .with_replacement("keep a single `&`", "&");
        cx.invalid(d);
        let mut h = header_parts(cx, start + 4, end, true)?;
        h.name_span = cx.range(start + 4, h.name_span.end as usize);
        return Some(h);
    }
    header_parts(cx, start, end, false)
}

fn header_parts(cx: &mut Cx, start: usize, end: usize, quiet_name: bool) -> Option<Header> {
    let Some(eq) = find(cx.bytes, start, end, |b| b == b'=') else {
        let name = chars::decode(cx.slice(start, end));
        let follows_header = cx.bytes.get(start.saturating_sub(1)) == Some(&b'&');
        let help = if follows_header {
            format!(
                "Each header needs `=`. If `&{name}` belongs to the previous header's value, write the `&` as `%26`."
            )
        } else {
            "Each header is `name=value` (the value may be empty: `name=`).".to_owned()
        };
        let d = INVALID_HEADER
            .at(cx.profile, cx.range(start, end), format!("header `{name}` has no `=`"))
            .with_help(help);
        cx.invalid(d);
        return None;
    };
    if eq == start {
        let d = INVALID_HEADER
            .at(cx.profile, cx.range(start, eq + 1), "header without a name")
            .with_help("Each header is `name=value` with a non-empty name.");
        cx.invalid(d);
    } else if !quiet_name {
        scan(cx, start, eq, Component::HeaderName);
    }
    let name = chars::decode(cx.slice(start, eq));
    let raw_value = cx.slice(eq + 1, end);
    header_value(cx, &name, eq + 1, end);
    Some(Header {
        name,
        name_span: cx.range(start, eq),
        value: chars::decode(raw_value),
        value_span: cx.range(eq + 1, end),
        raw_value: raw_value.to_owned(),
    })
}

/// V29: every raw character a header value may not hold, in one diagnostic with one fix
/// that percent-encodes them all. Malformed escapes are reported separately.
fn header_value(cx: &mut Cx, name: &str, start: usize, end: usize) {
    let mut edits: Vec<Edit> = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    let mut i = start;
    while i < end {
        let b = cx.bytes.get(i).copied().unwrap_or(0);
        if b == b'%' {
            if chars::escape_at(cx.bytes, i).is_none() || i + 3 > end {
                bad_escape(cx, i, end, Component::HeaderName, false);
                i += 1;
            } else {
                i += 3;
            }
            continue;
        }
        if chars::is(b, HEADER) {
            i += 1;
            continue;
        }
        let c = cx.char_at(i);
        let len = c.len_utf8().max(1);
        if !seen.contains(&c) && seen.len() < 8 {
            seen.push(c);
        }
        if edits.len() < 256 {
            edits.push(Edit {
                start: crate::text::to_u32(i),
                end: crate::text::to_u32(i + len),
                text: chars::encode_all(cx.slice(i, i + len)),
            });
        }
        i += len;
    }
    if seen.is_empty() {
        return;
    }
    let listed: Vec<String> = seen.iter().map(|&c| chars::describe(c)).collect();
    let encoded: Vec<String> = seen
        .iter()
        .filter(|c| !c.is_control())
        .map(|c| format!("`{}`", chars::encode_all(&c.to_string())))
        .collect();
    let message =
        format!("the value of header `{name}` contains {}, which must be percent-encoded", join_and(&listed));
    let help = if encoded.is_empty() {
        "Percent-encode these characters in the header value.".to_owned()
    } else {
        format!("Percent-encode them in the value ({}), as RFC 3261 §19.1.2 requires.", encoded.join(", "))
    };
    let mut d = UNESCAPED_HEADER_VALUE.at(cx.profile, cx.range(start, end), message).with_help(help);
    d = d.with_fix("percent-encode the reserved characters", edits);
    if d.severity != crate::diagnostics::Severity::Error {
        d = d.with_profile_note(
            "V29: Restcomm-Connect accepts the URI but cuts the value at a second `=`, so the header arrives mangled",
        );
    }
    cx.invalid(d);
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Checks `start..end` against the character class of `component`; reports each raw
/// character outside it (with a fix that percent-encodes it) and each malformed escape.
fn scan(cx: &mut Cx, start: usize, end: usize, component: Component) {
    let class = component.class();
    let secret = component == Component::Password;
    let mut i = start;
    let mut reported = 0;
    while i < end {
        let b = cx.bytes.get(i).copied().unwrap_or(0);
        if b == b'%' {
            if chars::escape_at(cx.bytes, i).is_some() && i + 3 <= end {
                i += 3;
            } else {
                bad_escape(cx, i, end, component, secret);
                i += 1;
            }
            continue;
        }
        if chars::is(b, class) {
            i += 1;
            continue;
        }
        let c = cx.char_at(i);
        let len = c.len_utf8().max(1);
        reported += 1;
        if reported <= 8 {
            let d = if secret {
                // Never name a character of the password.
                INVALID_CHARACTER
                    .at(cx.profile, cx.range(i, i + len), "the password contains a character that must be percent-encoded")
                    .with_help("Percent-encode it; better, move the password to the `password` attribute of `<Sip>`.")
            } else {
                let encoded = chars::encode_all(cx.slice(i, i + len));
                let help = match (component, c) {
                    (Component::User, '@') => format!(
                        "Only one raw `@` may appear, between the user and the host; write `{encoded}` for an `@` inside the user."
                    ),
                    (_, c) if c.is_whitespace() => format!(
                        "A SIP URI never contains whitespace; write `{encoded}` if it belongs to the {}.",
                        component.noun().trim_start_matches("the ").trim_start_matches("a ")
                    ),
                    _ => format!("Write it percent-encoded as `{encoded}`."),
                };
                INVALID_CHARACTER
                    .at(
                        cx.profile,
                        cx.range(i, i + len),
                        format!("{} is not allowed in {}", chars::describe(c), component.noun()),
                    )
                    .with_help(help)
                    .with_replacement(format!("percent-encode as `{encoded}`"), encoded)
            };
            cx.invalid(d);
        } else {
            cx.valid = false;
        }
        i += len;
    }
}

fn bad_escape(cx: &mut Cx, at: usize, end: usize, component: Component, secret: bool) {
    let shown_end = (at + 3).min(end);
    let shown = cx.slice(at, shown_end);
    let message = if secret {
        "the password contains a `%` that does not start an escape".to_owned()
    } else if shown.is_empty() || !shown.is_char_boundary(shown.len()) {
        "`%` is not followed by two hex digits".to_owned()
    } else {
        format!("`{shown}` is not a valid escape: `%` must be followed by two hex digits")
    };
    let _ = component;
    let d: Diagnostic = rule_at(&INVALID_ESCAPE, cx, at, at + 1, message)
        .with_help("Write a literal `%` as `%25`.")
        .with_replacement("write `%25`", "%25");
    cx.invalid(d);
}

fn rule_at(rule: &'static Rule, cx: &Cx, start: usize, end: usize, message: String) -> Diagnostic {
    rule.at(cx.profile, cx.range(start, end), message)
}
