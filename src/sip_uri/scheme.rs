//! The scheme (V10): `sip:`/`sips:` in any case, or a precise diagnostic for anything else
//! (no scheme, `tel:`, a near miss), with a fix when inserting `sip:` would give a valid URI.

use super::rules::*;
use super::syntax::{after_scheme, find};
use super::{Cx, Scheme};
use crate::diagnostics::Edit;
use crate::text::TextRange;

/// `<sip:…>` (RFC 4475 ltgtruri): reported once, then the inside is parsed.
pub(crate) fn strip_angle_brackets(cx: &mut Cx) -> (usize, usize) {
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
    if cx.wants_invalid(&ANGLE_BRACKETS) {
        let d = ANGLE_BRACKETS
            .at(cx.profile, range, "a bare SIP URI is not wrapped in `<` `>`")
            .with_help(
                "Remove the angle brackets: they belong around a URI inside a SIP header, not in `<Sip>`.",
            )
            .with_fix("remove the angle brackets", edits);
        cx.push(d);
    }
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
pub(crate) fn scheme(cx: &mut Cx, start: usize, end: usize) -> Option<(Scheme, usize)> {
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
        if cx.wants_invalid(&INVALID_SCHEME) {
            let d = INVALID_SCHEME
                .at(cx.profile, cx.range(start, end), "empty URI: expected `sip:` followed by a host")
                .with_help("Write a SIP URI such as `sip:alice@example.com`.");
            cx.push(d);
        }
        return None;
    }
    if !cx.wants_invalid(&INVALID_SCHEME) {
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
    let near_miss = scheme_like.and_then(|n| {
        let lower = n.to_ascii_lowercase();
        ["sips", "sip"]
            .into_iter()
            .find(|s| lower.ends_with('s') == s.ends_with('s') && edit_distance_at_most_one(&lower, s))
            .or_else(|| ["sip", "sips"].into_iter().find(|s| edit_distance_at_most_one(&lower, s)))
            .map(|s| (n, s))
    });
    // `sip;alice@…`: the colon typed as a semicolon or an equals sign.
    let wrong_separator = ["sips", "sip"].into_iter().find(|s| {
        cx.slice(start, start + s.len()).eq_ignore_ascii_case(s)
            && matches!(cx.bytes.get(start + s.len()), Some(b';' | b'='))
    });
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
    } else if let Some(scheme) = wrong_separator {
        let at = start + scheme.len();
        let c = cx.char_at(at);
        INVALID_SCHEME
            .at(cx.profile, cx.range(at, at + 1), format!("`{c}` after `{scheme}`: the scheme ends with `:`"))
            .with_help(format!("Write `{scheme}:` at the start of the URI."))
            .with_replacement("replace with `:`", ":")
    } else if let (Some((name, fixed)), Some(colon), false) = (near_miss, colon, after_colon_is_port) {
        INVALID_SCHEME
            .at(
                cx.profile,
                cx.range(start, colon),
                format!("unknown scheme `{name}:`; did you mean `{fixed}:`?"),
            )
            .with_help("A SIP URI starts with `sip:` or `sips:`.")
            .with_replacement(format!("replace with `{fixed}`"), fixed)
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
    cx.push(d);
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
