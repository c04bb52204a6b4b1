//! Parameters and headers: splitting on `;`, `&` and the first `=`, decoding after splitting
//! (once), the character classes of each component, duplicate parameters, and V29.

use super::chars::{self, HEADER, PARAM, PASSWORD, TOKEN, USER};
use super::rules::*;
use super::syntax::find;
use super::{Cx, Header, Param};
use crate::diagnostics::{Diagnostic, Edit, Rule};
use crate::text::TextRange;

/// The component a character belongs to, for messages and character classes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Component {
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

/// One `;name[=value]` parameter (`start..end` excludes the `;`); `None` when empty.
pub(crate) fn param(cx: &mut Cx, start: usize, end: usize) -> Option<Param> {
    let eq = find(cx.bytes, start, end, |b| b == b'=');
    let name_end = eq.unwrap_or(end);
    let raw_name = cx.slice(start, name_end);
    if start == end {
        if cx.wants_invalid(&INVALID_PARAM) {
            let d = INVALID_PARAM
                .at(cx.profile, cx.range(start - 1, start), "empty parameter (`;` with nothing after it)")
                .with_help("Remove the extra `;`.")
                .with_replacement("remove the `;`", "");
            cx.push(d);
        }
        return None;
    }
    if raw_name.is_empty() {
        if cx.wants_invalid(&INVALID_PARAM) {
            let d = INVALID_PARAM
                .at(cx.profile, cx.range(start, end), "parameter without a name")
                .with_help("A parameter is `;name` or `;name=value`.");
            cx.push(d);
        }
    } else {
        scan(cx, start, name_end, Component::ParamName);
    }
    let value_span = eq.map(|eq| cx.range(eq + 1, end));
    if let Some(eq) = eq {
        if eq + 1 == end && !raw_name.is_empty() {
            if cx.wants_invalid(&INVALID_PARAM) {
                let d = INVALID_PARAM
                    .at(
                        cx.profile,
                        cx.range(eq, end),
                        format!("parameter `{}` has an empty value", chars::decode(raw_name)),
                    )
                    .with_help("Give the parameter a value, or write it without `=` if it takes none.")
                    .with_replacement("remove the `=`", "");
                cx.push(d);
            }
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
    Some(Param {
        name: chars::decode(raw_name),
        name_span: cx.range(start, name_end),
        value: eq.map(|eq| chars::decode(cx.slice(eq + 1, end))),
        value_span,
    })
}

/// RFC 3261 §19.1.1: no parameter name twice (case-insensitive, decoded). Sort-based, so a
/// URI with thousands of parameters stays `O(n log n)`.
pub(crate) fn check_duplicate_params(cx: &mut Cx, params: &[Param]) {
    if params.len() < 2 {
        return;
    }
    for (first, dup) in duplicates(params.iter().map(|p| p.name.as_str())) {
        let (Some(a), Some(b)) = (params.get(first), params.get(dup)) else { continue };
        let whole =
            TextRange::new(b.name_span.start.saturating_sub(1), b.value_span.unwrap_or(b.name_span).end);
        if cx.wants_invalid(&DUPLICATE_PARAM) {
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
            cx.push(d);
        }
    }
}

/// Pairs `(previous index, later index)` of names equal ignoring ASCII case (each repeat paired
/// with the occurrence just before it), in input order of the later one.
pub(crate) fn duplicates<'a>(names: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut keyed: Vec<(String, usize)> =
        names.enumerate().map(|(i, n)| (n.to_ascii_lowercase(), i)).collect();
    if keyed.len() < 2 {
        return Vec::new();
    }
    crate::sort::sort(&mut keyed);
    let mut out = Vec::new();
    for pair in keyed.windows(2) {
        if let [prev, cur] = pair {
            if prev.0 == cur.0 {
                out.push((prev.1, cur.1));
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |&(_, later)| later);
    out
}

/// One `name=value` header (`start..end` between `?`/`&` separators).
pub(crate) fn header(cx: &mut Cx, start: usize, end: usize) -> Option<Header> {
    if start == end {
        let sep = start.saturating_sub(1);
        let what = if cx.bytes.get(sep) == Some(&b'?') { "`?`" } else { "`&`" };
        if cx.wants_invalid(&INVALID_HEADER) {
            let d = INVALID_HEADER
                .at(cx.profile, cx.range(sep, start), format!("empty header after {what}"))
                .with_help("Remove the extra separator: headers are `name=value` pairs joined by `&`.")
                .with_replacement("remove the separator", "");
            cx.push(d);
        }
        return None;
    }
    let raw = cx.slice(start, end);
    if raw.len() >= 4 && raw.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("amp;")) {
        if cx.wants_invalid(&DOUBLE_ESCAPED_AMPERSAND) {
            let d = DOUBLE_ESCAPED_AMPERSAND
                .at(cx.profile, cx.range(start - 1, start + 4), "`&amp;` inside the URI: the `&` between headers was escaped twice")
                .with_help("Write `&amp;` once in the RCML document: the XML parser turns it into the `&` that separates headers.")
                .with_replacement("keep a single `&`", "&");
            cx.push(d);
        }
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
        if cx.wants_invalid(&INVALID_HEADER) {
            let d = INVALID_HEADER
                .at(cx.profile, cx.range(start, end), format!("header `{name}` has no `=`"))
                .with_help(help);
            cx.push(d);
        }
        return None;
    };
    if eq == start {
        if cx.wants_invalid(&INVALID_HEADER) {
            let d = INVALID_HEADER
                .at(cx.profile, cx.range(start, eq + 1), "header without a name")
                .with_help("Each header is `name=value` with a non-empty name.");
            cx.push(d);
        }
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
                bad_escape(cx, i, end, false);
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
        let pronoun = if seen.len() == 1 { "it" } else { "them" };
        format!(
            "Percent-encode {pronoun} in the value ({}), as RFC 3261 §19.1.2 requires.",
            encoded.join(", ")
        )
    };
    if cx.wants_invalid(&UNESCAPED_HEADER_VALUE) {
        let mut d = UNESCAPED_HEADER_VALUE.at(cx.profile, cx.range(start, end), message).with_help(help);
        d = d.with_fix("percent-encode the reserved characters", edits);
        if d.severity != crate::diagnostics::Severity::Error {
            d = d.with_profile_note(
                "V29: Restcomm-Connect accepts the URI but cuts the value at a second `=`, so the header arrives mangled",
            );
        }
        cx.push(d);
    }
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
pub(crate) fn scan(cx: &mut Cx, start: usize, end: usize, component: Component) {
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
                bad_escape(cx, i, end, secret);
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
        if reported <= 8 && cx.wants_invalid(&INVALID_CHARACTER) {
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
                        component.noun().split_once(' ').map_or("", |(_article, noun)| noun)
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
            cx.push(d);
        } else {
            cx.valid = false;
        }
        i += len;
    }
}

fn bad_escape(cx: &mut Cx, at: usize, end: usize, secret: bool) {
    if !cx.wants_invalid(&INVALID_ESCAPE) {
        return;
    }
    let shown_end = (at + 3).min(end);
    let shown = cx.slice(at, shown_end);
    let message = if secret {
        "the password contains a `%` that does not start an escape".to_owned()
    } else if shown.len() <= 1 {
        "`%` is not followed by two hex digits".to_owned()
    } else {
        format!("`{shown}` is not a valid escape: `%` must be followed by two hex digits")
    };
    let d: Diagnostic = rule_at(&INVALID_ESCAPE, cx, at, at + 1, message)
        .with_help("Write a literal `%` as `%25`.")
        .with_replacement("write `%25`", "%25");
    cx.push(d);
}

fn rule_at(rule: &'static Rule, cx: &Cx, start: usize, end: usize, message: String) -> Diagnostic {
    rule.at(cx.profile, cx.range(start, end), message)
}
