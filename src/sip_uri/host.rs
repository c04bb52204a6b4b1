//! Host checks: hostname labels (RFC 3261 §25), IPv4 and bracketed IPv6 (RFC 5954 §4.1,
//! the RFC 3986 forms). Pure functions over the host text: they return the first problem with
//! its range relative to the host, and the caller turns it into a diagnostic.

use super::chars::{self, HOST};
use super::HostKind;

/// What is wrong with a host, relative to the start of the host text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostProblem {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub help: &'static str,
    /// A replacement of `start..end`, when the fix is obvious.
    pub replacement: Option<String>,
}

impl HostProblem {
    fn new(start: usize, end: usize, message: String, help: &'static str) -> Self {
        Self { start, end, message, help, replacement: None }
    }
}

const NAME_HELP: &str = "A host name is made of labels of letters, digits and `-` separated by `.`; \
    each label starts and ends with a letter or digit, and the last one starts with a letter.";
const IPV4_HELP: &str = "An IPv4 address is four numbers from 0 to 255 written without leading zeros \
    (RFC 5954), such as `192.0.2.10`.";
const IPV6_HELP: &str = "Write an IPv6 address as eight groups of up to four hex digits separated by \
    `:`, with at most one `::`, inside brackets: `[2001:db8::10]`.";

/// Classifies and checks a host written without brackets.
pub(crate) fn check_plain(host: &str) -> (HostKind, Option<HostProblem>) {
    let bytes = host.as_bytes();
    if bytes.is_empty() {
        return (HostKind::Name, Some(HostProblem::new(0, 0, "missing host".to_owned(), NAME_HELP)));
    }
    // Characters first: a `%` or `_` deserves its own explanation.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if chars::is(b, HOST) {
            i += 1;
            continue;
        }
        let c = host.get(i..).and_then(|s| s.chars().next()).unwrap_or('\u{FFFD}');
        let end = i + c.len_utf8();
        let (message, help) = match c {
            '%' => (
                "`%` is not allowed in a host: hosts are never percent-encoded".to_owned(),
                "Write the host name with plain letters, digits, `-` and `.` (RFC 3261 §19.1.2 forbids escapes in the host).",
            ),
            '_' => (
                "`_` is not allowed in a host name".to_owned(),
                "Host names may hold letters, digits, `-` and `.` only; some SIP stacks accept `_`, but the RFC and strict peers do not.",
            ),
            _ => (format!("{} is not allowed in a host", chars::describe(c)), NAME_HELP),
        };
        return (HostKind::Name, Some(HostProblem::new(i, end, message, help)));
    }
    if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        return (HostKind::Ipv4, ipv4_problem(host, 0));
    }
    (HostKind::Name, hostname_problem(host))
}

/// RFC 5954 `IPv4address`: four dec-octets. `base` is added to every range.
pub(crate) fn ipv4_problem(text: &str, base: usize) -> Option<HostProblem> {
    let whole = |message: String| Some(HostProblem::new(base, base + text.len(), message, IPV4_HELP));
    if text.ends_with('.') && text.len() > 1 {
        let mut p = HostProblem::new(
            base,
            base + text.len(),
            format!("`{text}` ends with `.`: a trailing dot is allowed after a host name, not after an IPv4 address"),
            IPV4_HELP,
        );
        p.replacement = Some(text.trim_end_matches('.').to_owned());
        return Some(p);
    }
    let count = text.split('.').count();
    if count != 4 {
        let numbers = if count == 1 { "1 number".to_owned() } else { format!("{count} numbers") };
        return whole(format!(
            "`{text}` is neither an IPv4 address (it has {numbers}, not 4) nor a host name (its last label is numeric)"
        ));
    }
    let mut offset = 0;
    for octet in text.split('.') {
        let start = base + offset;
        offset += octet.len() + 1;
        if octet.is_empty() {
            return whole(format!("`{text}` is not a valid IPv4 address: empty number"));
        }
        if !octet.bytes().all(|b| b.is_ascii_digit()) {
            return whole(format!("`{text}` is not a valid IPv4 address"));
        }
        if octet.len() > 1 && octet.starts_with('0') {
            let mut p = HostProblem::new(
                start,
                start + octet.len(),
                format!("`{octet}` has a leading zero, which IPv4 addresses may not have (RFC 5954)"),
                IPV4_HELP,
            );
            let stripped = octet.trim_start_matches('0');
            p.replacement = Some(if stripped.is_empty() { "0".to_owned() } else { stripped.to_owned() });
            if octet.len() <= 3 && stripped.parse::<u16>().is_ok_and(|n| n <= 255) {
                return Some(p);
            }
            p.replacement = None;
            p.message = format!("`{octet}` is not a number from 0 to 255");
            return Some(p);
        }
        if octet.len() > 3 || octet.parse::<u16>().map_or(true, |n| n > 255) {
            return Some(HostProblem::new(
                start,
                start + octet.len(),
                format!("`{octet}` is out of range for an IPv4 address (0-255)"),
                IPV4_HELP,
            ));
        }
    }
    None
}

/// RFC 3261 `hostname`: labels, a letter-led top label, an optional trailing dot.
fn hostname_problem(host: &str) -> Option<HostProblem> {
    let body = host.strip_suffix('.').unwrap_or(host);
    let mut offset = 0;
    let mut last = (0, "");
    for label in body.split('.') {
        let start = offset;
        offset += label.len() + 1;
        last = (start, label);
        if label.is_empty() {
            return Some(HostProblem::new(
                start.min(host.len()),
                (start + 1).min(host.len()),
                format!("host `{host}` has an empty label (`..`, or a leading `.`)"),
                NAME_HELP,
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(HostProblem::new(
                start,
                start + label.len(),
                format!("label `{label}` of host `{host}` starts or ends with `-`"),
                NAME_HELP,
            ));
        }
    }
    let (start, top) = last;
    if !top.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return Some(HostProblem::new(
            start,
            start + top.len(),
            format!("the last label `{top}` of host `{host}` must start with a letter"),
            NAME_HELP,
        ));
    }
    None
}

/// Checks the text between `[` and `]` against RFC 5954's `IPv6address`.
pub(crate) fn ipv6_problem(inner: &str, base: usize) -> Option<HostProblem> {
    let whole = |message: String| Some(HostProblem::new(base, base + inner.len(), message, IPV6_HELP));
    if inner.is_empty() {
        return whole("empty IPv6 reference `[]`".to_owned());
    }
    for (i, c) in inner.char_indices() {
        if c.is_ascii_hexdigit() || c == ':' || c == '.' {
            continue;
        }
        let message = if c == '%' {
            "zone IDs (`%…`) are not allowed in a SIP URI's IPv6 address".to_owned()
        } else {
            format!("{} is not allowed in an IPv6 address", chars::describe(c))
        };
        return Some(HostProblem::new(base + i, base + i + c.len_utf8(), message, IPV6_HELP));
    }
    if !inner.contains(':') && ipv4_problem(inner, 0).is_none() {
        let mut p = HostProblem::new(
            base.saturating_sub(1),
            base + inner.len() + 1,
            format!("`{inner}` is an IPv4 address: it is written without brackets"),
            "Brackets are only for IPv6 addresses; write an IPv4 host as is: `sip:alice@192.0.2.10`.",
        );
        p.replacement = Some(inner.to_owned());
        return Some(p);
    }
    let double = inner.find("::");
    let (head, tail) = match double {
        Some(at) => {
            let rest = inner.get(at + 2..).unwrap_or("");
            if rest.starts_with(':') {
                let mut p = HostProblem::new(
                    base + at,
                    base + at + 3,
                    "three colons in a row: RFC 5954 allows only `::` (RFC 5118 §4.10)".to_owned(),
                    IPV6_HELP,
                );
                p.replacement = Some("::".to_owned());
                return Some(p);
            }
            if rest.contains("::") {
                return whole(format!("`{inner}` has more than one `::`"));
            }
            (inner.get(..at).unwrap_or(""), Some((at + 2, rest)))
        }
        None => (inner, None),
    };
    let mut groups = 0usize;
    let mut check_seq = |seq: &str, start: usize, is_last: bool| -> Option<HostProblem> {
        if seq.is_empty() {
            return None;
        }
        let mut offset = start;
        let count = seq.split(':').count();
        for (n, group) in seq.split(':').enumerate() {
            let g_start = offset;
            offset += group.len() + 1;
            if group.contains('.') {
                if !(is_last && n + 1 == count) {
                    return Some(HostProblem::new(
                        base + g_start,
                        base + g_start + group.len(),
                        format!("an embedded IPv4 address (`{group}`) may only end an IPv6 address"),
                        IPV6_HELP,
                    ));
                }
                if let Some(p) = ipv4_problem(group, base + g_start) {
                    return Some(p);
                }
                groups += 2;
                continue;
            }
            if group.is_empty() {
                return Some(HostProblem::new(
                    base + g_start.min(inner.len()),
                    base + (g_start + 1).min(inner.len()),
                    format!("`{inner}` has an empty group (a single `:` at the start or end, or misplaced)"),
                    IPV6_HELP,
                ));
            }
            if group.len() > 4 {
                return Some(HostProblem::new(
                    base + g_start,
                    base + g_start + group.len(),
                    format!("group `{group}` has more than four hex digits"),
                    IPV6_HELP,
                ));
            }
            groups += 1;
        }
        None
    };
    let head_is_last = tail.is_none();
    if let Some(p) = check_seq(head, 0, head_is_last) {
        return Some(p);
    }
    if let Some((start, rest)) = tail {
        if let Some(p) = check_seq(rest, start, true) {
            return Some(p);
        }
    }
    match double {
        None if groups != 8 => {
            whole(format!("`{inner}` has {groups} groups; an IPv6 address without `::` has 8"))
        }
        Some(_) if groups > 7 => whole(format!("`{inner}` has too many groups for an address with `::`")),
        _ => None,
    }
}

/// The address of a dotted quad (four numbers 0-255 without leading zeros), read as
/// `std::net::Ipv4Addr` reads it (without pulling its parser into the .wasm).
pub(crate) fn ipv4_value(text: &[u8]) -> Option<u32> {
    let (mut value, mut octet, mut digits, mut dots) = (0u32, 0u32, 0, 0);
    for &b in text {
        if b == b'.' {
            if digits == 0 || dots == 3 || octet > 255 {
                return None;
            }
            (value, octet, digits, dots) = (value << 8 | octet, 0, 0, dots + 1);
        } else if b.is_ascii_digit() && digits < 3 && !(digits == 1 && octet == 0) {
            octet = octet * 10 + u32::from(b - b'0');
            digits += 1;
        } else {
            return None;
        }
    }
    (digits > 0 && dots == 3 && octet <= 255).then_some(value << 8 | octet)
}

/// The address of an IPv6 text (RFC 5954 forms: at most one `::`, an IPv4 address only at
/// the end), read as `std::net::Ipv6Addr` reads it.
pub(crate) fn ipv6_value(text: &[u8]) -> Option<u128> {
    let n = text.len();
    // The groups before the `::` (all of them without one), then those after it.
    let (mut high, mut high_groups, mut low, mut low_groups) = (0u128, 0u32, 0u128, 0u32);
    let mut double = text.starts_with(b"::");
    let mut i = if double { 2 } else { 0 };
    while i < n {
        let start = i;
        let mut group = 0u32;
        while let Some(d) = text.get(i).and_then(|&b| chars::hex_value(b)) {
            group = (group << 4 | u32::from(d)) & 0xFFFFF;
            i += 1;
        }
        let (bits, width) = if text.get(i) == Some(&b'.') {
            // An IPv4 address ends the text.
            i = n;
            (u128::from(ipv4_value(text.get(start..)?)?), 2)
        } else if i == start || i - start > 4 {
            return None;
        } else {
            (u128::from(group), 1)
        };
        if double {
            (low, low_groups) = (low << (16 * width) | bits, low_groups + width);
        } else {
            (high, high_groups) = (high << (16 * width) | bits, high_groups + width);
        }
        if high_groups + low_groups > 8 {
            return None;
        }
        if i == n {
            break;
        }
        if text.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        if text.get(i) == Some(&b':') {
            if double {
                return None;
            }
            double = true;
            i += 1;
        } else if i == n {
            return None;
        }
    }
    if !double {
        return (high_groups == 8).then_some(high);
    }
    let shifted = high.checked_shl(16 * (8 - high_groups)).unwrap_or(0);
    (high_groups + low_groups <= 7).then_some(shifted | low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_forms() {
        for ok in [
            "::",
            "::1",
            "2001:db8::10:5070",
            "::ffff:192.0.2.1",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:1.2.3.4",
            "fe80::",
        ] {
            assert_eq!(ipv6_problem(ok, 0), None, "{ok}");
        }
        for bad in [
            "",
            "1:2:3",
            "1:2:3:4:5:6:7:8:9",
            ":1::",
            "1::2::3",
            "2001:db8:::192.0.2.1",
            "12345::",
            "1.2.3.4::",
            "::1.2.3.256",
            "fe80::1%eth0",
            "1:2:3:4:5:6:7:8::",
            "1::2:",
        ] {
            assert!(ipv6_problem(bad, 0).is_some(), "{bad}");
        }
    }

    /// The same reading as the standard library's, which the .wasm does without.
    #[test]
    fn values_read_as_std_does() {
        use proptest::prelude::*;
        let texts =
            proptest::collection::vec(proptest::sample::select(b"0123456789abcfF:.:".to_vec()), 0..24);
        proptest!(ProptestConfig::with_cases(6_000), |(t in texts)| {
            let s = String::from_utf8(t.clone()).unwrap_or_default();
            prop_assert_eq!(ipv4_value(&t), s.parse::<std::net::Ipv4Addr>().ok().map(u32::from), "{}", s);
            prop_assert_eq!(ipv6_value(&t), s.parse::<std::net::Ipv6Addr>().ok().map(u128::from), "{}", s);
            prop_assert_eq!(ipv6_value(&t).is_some(), ipv6_problem(&s, 0).is_none(), "{}", s);
        });
        // Near-valid shapes: groups of 0-5 hex digits, maybe a `::`, maybe an IPv4 tail.
        let shaped = (
            proptest::collection::vec("[0-9a-fA-F]{0,5}", 0..10),
            0usize..12,
            proptest::option::of("(25[0-6]|1?[0-9]{1,2}|0[0-9])(\\.[0-9]{1,3}){2,4}"),
        );
        proptest!(ProptestConfig::with_cases(6_000), |((groups, at, v4) in shaped)| {
            let mut s = groups.join(":");
            if at < groups.len() {
                let cut = groups.iter().take(at).map(|g| g.len() + 1).sum::<usize>().min(s.len());
                s.insert(cut, ':');
            }
            if let Some(v4) = v4 {
                s = format!("{s}:{v4}");
            }
            let t = s.as_bytes();
            prop_assert_eq!(ipv6_value(t), s.parse::<std::net::Ipv6Addr>().ok().map(u128::from), "{}", s);
            prop_assert_eq!(ipv6_value(t).is_some(), ipv6_problem(&s, 0).is_none(), "{}", s);
        });
        for text in
            ["::", "::1", "1::", "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "2001:db8::10", "0:0:0:0:0:0:0:1"]
        {
            assert_eq!(
                ipv6_value(text.as_bytes()),
                text.parse::<std::net::Ipv6Addr>().ok().map(u128::from),
                "{text}"
            );
        }
        assert_eq!(ipv4_value(b"127.0.0.1"), Some(0x7f00_0001));
    }

    #[test]
    fn ipv4_and_names() {
        assert_eq!(check_plain("192.0.2.1").0, HostKind::Ipv4);
        assert!(check_plain("192.0.2.1").1.is_none());
        for bad in [
            "010.0.2.4",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            "a..b",
            "-a.com",
            "a-.com",
            "example.1com",
            "a_b.com",
            "ex%61mple.com",
            "",
        ] {
            assert!(check_plain(bad).1.is_some(), "{bad}");
        }
        for ok in ["example.com", "example.com.", "123.com", "a", "a-b.c", "x1"] {
            assert!(check_plain(ok).1.is_none(), "{ok}");
        }
    }
}
