//! The security advice of sip-uri.md §7: grammatical URIs that are still risky (header
//! injection through escaped CR/LF/NUL, `maddr`, `method`, headers a URI should not set, host
//! confusion, a password, loopback targets, DNS limits).

use super::chars;
use super::host;
use super::rules::*;
use super::{Cx, HostKind, SipUri};
use crate::diagnostics::Edit;
use crate::text::{to_u32, TextRange};

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

/// sip-uri.md §7: header injection, `maddr`, `method`, dangerous headers, host confusion,
/// password, loopback targets, DNS limits.
pub(crate) fn check(cx: &mut Cx, uri: &SipUri) {
    if let Some(user) = &uri.user {
        control_escapes(cx, user.span, "the user part");
        host_confusion(cx, uri, user.span);
    }
    if let Some(password) = uri.password.as_ref().filter(|p| !p.raw.is_empty()) {
        control_escapes(cx, password.span, "the password");
        if cx.wants(&PASSWORD_IN_URI) {
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
            if cx.wants(&MADDR_PARAM) {
                let d = MADDR_PARAM
                    .at(
                        cx.profile,
                        whole,
                        format!("`maddr` sends the request to `{target}` instead of the host"),
                    )
                    .with_help("Remove `maddr` and put the address you want to reach in the host.")
                    .with_fix("remove `maddr`", remove);
                cx.push(d);
            }
        } else if param.name.eq_ignore_ascii_case("method") && cx.wants(&METHOD_PARAM) {
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
            if cx.wants(&DANGEROUS_HEADER) {
                let d = DANGEROUS_HEADER
                    .at(cx.profile, header.name_span, message)
                    .with_help("Carry the information in a custom `X-` header instead.");
                cx.push(d);
            }
        }
    }
    local_target(cx, uri);
    dns_limits(cx, uri);
}

/// `%00`, `%0D`, `%0A` inside `span` (header injection, RFC 4475 escnull).
fn control_escapes(cx: &mut Cx, span: TextRange, what: &str) {
    let text = span.slice(cx.input).as_bytes();
    let mut reported = 0;
    let mut from = 0;
    // Only a `%` can start an escape: jump from one to the next.
    while let Some(i) = memchr::memchr(b'%', text.get(from..).unwrap_or(&[])).map(|p| p + from) {
        let Some(byte) = chars::escape_at(text, i) else {
            from = i + 1;
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
            if cx.wants(&ESCAPED_CONTROL_CHARACTER) {
                let d = ESCAPED_CONTROL_CHARACTER
                    .at(cx.profile, TextRange::new(start, start + 3), message)
                    .with_help(
                        "Remove it: decoded into a SIP message it ends the header line and can inject headers.",
                    )
                    .with_replacement("remove it", "");
                cx.push(d);
            }
        }
        from = i + 3;
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
    if cx.wants(&HOST_CONFUSION) {
        let d = HOST_CONFUSION
            .at(cx.profile, user, format!("everything before `@` is the user; the call goes to host `{}`", uri.host.raw))
            .with_help(
                "Parameters and headers in the user part are not URI parameters. Put the host right after `sip:` (with a user and `@` before it if needed) and the parameters after the host.",
            );
        cx.push(d);
    }
}

fn local_target(cx: &mut Cx, uri: &SipUri) {
    let host = uri.host.raw.as_str();
    let local = match uri.host_kind {
        // 127.0.0.0/8 or 0.0.0.0; `::1` or `::`.
        HostKind::Ipv4 => host::ipv4_value(host.as_bytes()).is_some_and(|a| a >> 24 == 127 || a == 0),
        HostKind::Ipv6 => host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .and_then(|h| host::ipv6_value(h.as_bytes()))
            .is_some_and(|a| a <= 1),
        HostKind::Name => {
            let name = host.strip_suffix('.').unwrap_or(host);
            let tail = name.len().checked_sub(10).and_then(|at| name.get(at..));
            name.eq_ignore_ascii_case("localhost")
                || tail.is_some_and(|t| t.eq_ignore_ascii_case(".localhost"))
        }
    };
    if local && cx.wants(&LOCAL_TARGET) {
        let d = LOCAL_TARGET
                .at(cx.profile, uri.host.span, format!("host `{host}` is a loopback or unspecified address"))
                .with_help("The platform would call itself (or nothing): use the address of the SIP endpoint you mean to reach.");
        cx.push(d);
    }
    if let Some((0, span)) = uri.port {
        if cx.wants(&LOCAL_TARGET) {
            let d = LOCAL_TARGET
                .at(cx.profile, span, "port 0 is not a port a SIP endpoint listens on")
                .with_help("Use the endpoint's port (5060 by default), or remove the port.");
            cx.push(d);
        }
    }
}

fn dns_limits(cx: &mut Cx, uri: &SipUri) {
    if uri.host_kind != HostKind::Name {
        return;
    }
    let host = uri.host.raw.strip_suffix('.').unwrap_or(&uri.host.raw);
    let mut offset = uri.host.span.start;
    for label in host.split('.') {
        if label.len() > 63 && cx.wants(&DNS_NAME_TOO_LONG) {
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
    if host.len() > 253 && cx.wants(&DNS_NAME_TOO_LONG) {
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
