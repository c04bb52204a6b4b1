//! The RFC layer: splits a SIP URI into its components in one left-to-right pass and reports
//! every grammar violation (RFC 3261 §25 with RFC 5954's addresses, plus the three checks the
//! ABNF cannot express: duplicate parameters, `sips:` with UDP, port ≤ 65535).
//!
//! Splitting order follows sip-uri.md §5: the `@` first (everything before it is userinfo,
//! `;` and `?` included), then the host (bracketed or up to `:`/`;`/`?`), the port, the `;`
//! parameters up to the first `?`, and the `&`-separated headers. The split never fails, so
//! the components of a broken URI can still be shown.

use super::chars;
use super::host::{self, HostProblem};
use super::parts::{check_duplicate_params, header, param, scan, Component};
use super::rules::*;
use super::scheme::{scheme, strip_angle_brackets};
use super::{Cx, HostKind, Part, Scheme, SipUri};
use crate::diagnostics::Edit;
use crate::text::TextRange;

pub(crate) fn find(bytes: &[u8], from: usize, to: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.get(from..to)?.iter().position(|&b| pred(b)).map(|i| i + from)
}

pub(crate) fn rfind(bytes: &[u8], from: usize, to: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    bytes.get(from..to)?.iter().rposition(|&b| pred(b)).map(|i| i + from)
}

/// Splits and checks the whole input. `None` when the scheme is not `sip:`/`sips:`.
pub(crate) fn parse_uri(cx: &mut Cx) -> Option<SipUri> {
    let (start, end) = strip_angle_brackets(cx);
    let (scheme, scheme_end) = scheme(cx, start, end)?;
    if cx.bytes.get(scheme_end..scheme_end + 2) == Some(b"//") && cx.wants(&SLASHES_AFTER_SCHEME) {
        let d = SLASHES_AFTER_SCHEME
            .at(
                cx.profile,
                cx.range(scheme_end, scheme_end + 2),
                "`//` after the scheme: SIP URIs are written `sip:user@host`",
            )
            .with_help("Remove the slashes; otherwise they become part of the user or the host.")
            .with_replacement("remove `//`", "");
        cx.push(d);
    }
    Some(after_scheme(cx, scheme, cx.range(start, scheme_end - 1), scheme_end, end))
}

/// Splits and checks everything after `sip:`, from `p` to `e`.
pub(crate) fn after_scheme(
    cx: &mut Cx,
    scheme: Scheme,
    scheme_span: TextRange,
    p: usize,
    e: usize,
) -> SipUri {
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
                if cx.wants_invalid(&EMPTY_USER) {
                    let d = EMPTY_USER
                        .at(cx.profile, cx.range(p, at + 1), "the user part before `@` is empty")
                        .with_help(
                            "Write the user before the `@`, or remove the `@` to dial the host itself.",
                        );
                    cx.push(d);
                }
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
        if let Some(param) = param(cx, start, end) {
            params.push(param);
        }
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
            if cx.wants_invalid(&SIPS_WITH_UDP) {
                let range = p.value_span.unwrap_or(p.name_span);
                let d = SIPS_WITH_UDP
                    .at(cx.profile, range, "`sips:` requires a reliable transport, not `udp`")
                    .with_help("Use `transport=tcp` (or `tls`) with `sips:`, or the `sip:` scheme for UDP.");
                cx.push(d);
            }
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
                if cx.wants_invalid(&INVALID_HOST) {
                    let d = INVALID_HOST
                        .at(cx.profile, cx.range(start, segment_end), "IPv6 reference has no closing `]`")
                        .with_help("Close the IPv6 address with `]`, before the port: `[2001:db8::1]:5060`.");
                    cx.push(d);
                }
                (segment_end, HostKind::Ipv6, segment_end)
            }
        }
    } else if let Some(segment) = unbracketed_ipv6(cx, start, segment_end) {
        if cx.wants_invalid(&INVALID_HOST) {
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
            cx.push(d);
        }
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
        if cx.wants_invalid(&INVALID_HOST) {
            let rest = cx.slice(pos, segment_end);
            let d = if rest.bytes().all(|b| b.is_ascii_digit()) {
                let at = crate::text::to_u32(pos);
                INVALID_HOST
                    .at(
                        cx.profile,
                        cx.range(pos, segment_end),
                        format!("`{rest}` after the IPv6 reference has no `:` before it"),
                    )
                    .with_help(format!("Write the port after a colon: `]:{rest}`."))
                    .with_fix("insert `:`", vec![Edit { start: at, end: at, text: ":".to_owned() }])
            } else {
                INVALID_HOST
                    .at(
                        cx.profile,
                        cx.range(pos, segment_end),
                        format!("unexpected {} after the IPv6 reference", chars::describe(cx.char_at(pos))),
                    )
                    .with_help("After `]` only `:port`, `;parameters` or `?headers` may follow.")
            };
            cx.push(d);
        }
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
    if !cx.wants_invalid(&INVALID_HOST) {
        return;
    }
    let range = cx.range(p.start, p.end);
    let mut d = INVALID_HOST.at(cx.profile, range, p.message).with_help(p.help);
    if let Some(text) = p.replacement {
        d = d.with_replacement(format!("replace with `{text}`"), text);
    }
    cx.push(d);
}

fn check_port(cx: &mut Cx, start: usize, end: usize, host_start: usize) -> Option<(u32, TextRange)> {
    let text = cx.slice(start, end);
    let range = cx.range(start, end);
    if text.is_empty() {
        if cx.wants_invalid(&INVALID_PORT) {
            let d = INVALID_PORT
                .at(cx.profile, cx.range(start - 1, start), "empty port after `:`")
                .with_help("Write the port number after the `:`, or remove the `:` to use the default port.")
                .with_replacement("remove the `:`", "");
            cx.push(d);
        }
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        if !cx.wants_invalid(&INVALID_PORT) {
            return None;
        }
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
        cx.push(d);
        return None;
    }
    let value = text.bytes().try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')));
    if value.is_none_or(|v| v > 65535) && cx.wants_invalid(&INVALID_PORT) {
        let d = INVALID_PORT
            .at(cx.profile, range, format!("port `{text}` is out of range (0-65535)"))
            .with_help("Use a port from 0 to 65535; SIP's defaults are 5060 (UDP/TCP) and 5061 (TLS).");
        cx.push(d);
    }
    value.map(|v| (v, range))
}
