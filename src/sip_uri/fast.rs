//! The fast path: one pass, no allocation, over a URI of the common shape that the full parser
//! (`syntax`, `platform`, `security`) would accept without a single diagnostic under every
//! profile (no rule's severity depends on the shape accepted here).
//!
//! Accepted: `sip:` (any case), an optional user of unreserved characters and escapes, a host
//! name, IPv4 address or bracketed IPv6 address that is not a loopback or unspecified one, an
//! optional port from 1 to 65535, parameters (`transport` only `udp` or `tcp`, no `maddr` or
//! `method`, no repeats) and `X-` headers (no repeats), every escape well-formed and none of
//! them CR, LF or NUL, within the length budgets. Anything else, or anything rarer (a
//! password, `sips:`, escapes in names…), returns `None` and goes through the full parser,
//! which alone writes diagnostics. The tests below check that whatever is accepted here is
//! valid, silent and has the same components in the full parser.

use super::chars::{self, HEADER, LABEL, PARAM, PLAIN_USER};
use super::host;
use super::LengthReading;

/// Repeats are looked for among at most this many parameters (or headers); more go the slow way.
const MAX_NAMES: usize = 8;

/// `text` equals `word` ignoring ASCII case, `word` being lower-case letters: setting bit 5
/// lower-cases a letter, and only a letter's two cases land on a lower-case letter.
#[inline]
fn is_word(text: &[u8], word: &[u8]) -> bool {
    text.len() == word.len() && text.iter().zip(word).all(|(&a, &b)| a | 0x20 == b)
}

/// The byte at `i`, or 0 (in no character class) past the end.
#[inline]
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// A well-formed `%HH` at `i` that is not CR, LF or NUL (header injection, reported by the
/// full parser).
#[inline]
fn harmless_escape(bytes: &[u8], i: usize) -> bool {
    chars::escape_at(bytes, i).is_some_and(|b| !matches!(b, 0 | b'\r' | b'\n'))
}

/// Scans bytes of `class` and harmless escapes (if `escapes`) from `i`; returns where the scan
/// stopped. `%` is in no class, so a stop on `%` means a bad escape.
#[inline(always)]
fn run(bytes: &[u8], mut i: usize, class: u8, escapes: bool) -> usize {
    loop {
        let rest = bytes.get(i..).unwrap_or(&[]);
        i += rest.iter().position(|&b| !chars::is(b, class)).unwrap_or(rest.len());
        if !(escapes && at(bytes, i) == b'%' && harmless_escape(bytes, i)) {
            return i;
        }
        i += 3;
    }
}

/// Checks `input` (already trimmed): `true` only when the full parser would find nothing.
pub(crate) fn is_clean(input: &str, lengths: LengthReading) -> bool {
    clean(input, lengths).is_some()
}

fn clean(input: &str, lengths: LengthReading) -> Option<()> {
    let bytes = input.as_bytes();
    let e = bytes.len();
    if !is_word(bytes.get(..3)?, b"sip") || at(bytes, 3) != b':' || at(bytes, 4) == b'/' {
        return None;
    }
    let p = 4;

    // User: everything before the first `@`, without `;`, `?` (host confusion) or `:` (a
    // password). Without an `@` the scan stops elsewhere and the host starts at `p`: a later
    // `@` is in none of the classes below, so the remainder then goes the slow way.
    let user_end = run(bytes, p, PLAIN_USER, true);
    let host_start = if at(bytes, user_end) == b'@' && user_end > p { user_end + 1 } else { p };

    // Host.
    let host_end = if at(bytes, host_start) == b'[' {
        let close = host_start + memchr::memchr(b']', bytes.get(host_start..)?)?;
        // Not `::1` or `::` (local targets).
        if host::ipv6_value(bytes.get(host_start + 1..close)?)? <= 1 {
            return None;
        }
        close + 1
    } else {
        plain_host(bytes, host_start)?
    };

    // Port.
    let mut pos = host_end;
    if at(bytes, pos) == b':' {
        let start = pos + 1;
        let end = start + bytes.get(start..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = bytes.get(start..end)?;
        if digits.is_empty() || digits.len() > 5 {
            return None;
        }
        let value = digits.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        if value == 0 || value > 65535 {
            return None;
        }
        pos = end;
    }

    // Parameters.
    let mut names = [(0usize, 0usize); MAX_NAMES];
    let mut count = 0;
    while at(bytes, pos) == b';' {
        let name_start = pos + 1;
        let name_end = run(bytes, name_start, PARAM, false);
        let name = bytes.get(name_start..name_end)?;
        let mut end = name_end;
        let mut value = None;
        if at(bytes, end) == b'=' {
            end = run(bytes, end + 1, PARAM, true);
            value = Some(bytes.get(name_end + 1..end)?);
        }
        if name.is_empty()
            || value.is_some_and(<[u8]>::is_empty)
            || !matches!(at(bytes, end), b';' | b'?' | 0)
        {
            return None;
        }
        if is_word(name, b"transport") {
            let v = value?;
            if !(is_word(v, b"udp") || is_word(v, b"tcp")) {
                return None;
            }
        } else if is_word(name, b"maddr") || is_word(name, b"method") {
            return None;
        }
        add_unique(bytes, &mut names, &mut count, (name_start, name_end))?;
        pos = end;
    }

    // Headers: `X-name=value` joined by `&`.
    let mut question = None;
    if at(bytes, pos) == b'?' {
        question = Some(pos);
        let start = pos + 1;
        let mut count = 0;
        let mut i = start;
        loop {
            let name_end = run(bytes, i, HEADER, false);
            if at(bytes, name_end) != b'=' || bytes.get(i..i + 2) != Some(b"X-") {
                return None;
            }
            add_unique(bytes, &mut names, &mut count, (i, name_end))?;
            let end = run(bytes, name_end + 1, HEADER, true);
            match at(bytes, end) {
                b'&' => i = end + 1,
                _ if end == e => break,
                _ => return None,
            }
        }
        pos = e;
    }
    (pos == e && within_budgets(lengths, question, e)).then_some(())
}

/// V13 with the reading of the options (ASCII only here: characters are bytes).
fn within_budgets(r: LengthReading, question: Option<usize>, e: usize) -> bool {
    let uri_len = if r.uri_includes_headers { e } else { question.unwrap_or(e) };
    let headers_ok = question.is_none_or(|q| {
        let len = if r.question_mark_in_headers { e - q } else { e - q - 1 };
        len < r.headers_limit
    });
    uri_len < r.uri_limit && headers_ok
}

/// Remembers a name; `None` when it repeats an earlier one (any case) or there are too many.
#[inline(always)]
fn add_unique(
    bytes: &[u8],
    names: &mut [(usize, usize); MAX_NAMES],
    count: &mut usize,
    name: (usize, usize),
) -> Option<()> {
    let text = bytes.get(name.0..name.1)?;
    // Names mostly differ in length or in their last character (`X-Header0`, `X-Header1`).
    let last = text.last().map(u8::to_ascii_lowercase);
    for &(s, e) in names.get(..*count)? {
        let other = bytes.get(s..e)?;
        if other.len() == text.len()
            && other.last().map(u8::to_ascii_lowercase) == last
            && other.eq_ignore_ascii_case(text)
        {
            return None;
        }
    }
    *names.get_mut(*count)? = name;
    *count += 1;
    Some(())
}

/// Scans a host name or IPv4 address from `start`, label by label; returns its end when the
/// full parser accepts it without a word (labels of letters, digits and inner `-`, the last
/// one led by a letter, an optional trailing dot, DNS limits; or an IPv4 address; no
/// loopback, unspecified or `localhost`).
fn plain_host(bytes: &[u8], start: usize) -> Option<usize> {
    let mut label = start;
    let mut top = (start, start);
    let end = loop {
        let rest = bytes.get(label..)?;
        let len = rest.iter().position(|&b| !chars::is(b, LABEL)).unwrap_or(rest.len());
        if len > 0 {
            if len > 63 || rest.first() == Some(&b'-') || rest.get(len - 1) == Some(&b'-') {
                return None;
            }
            top = (label, label + len);
        } else if label == start || at(bytes, label) == b'.' {
            // An empty label: only after the trailing dot of a name.
            return None;
        }
        if at(bytes, label + len) != b'.' {
            break label + len;
        }
        label += len + 1;
    };
    let top_label = bytes.get(top.0..top.1)?;
    if top_label.first().is_some_and(u8::is_ascii_alphabetic) {
        // A name (the slow path's classification: not all digits and dots).
        return (top.1 - start <= 253 && !is_word(top_label, b"localhost")).then_some(end);
    }
    // All digits and dots, or the slow path reports it.
    let local = |a: u32| a >> 24 == 127 || a == 0;
    host::ipv4_value(bytes.get(start..end)?).filter(|&a| !local(a)).map(|_| end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use proptest::prelude::*;

    /// Shapes the fast path must take (the benchmark's and the documentation's).
    const TYPICAL: &[&str] = &[
        "sip:alice@example.com",
        "sip:user12@sip.example.net:5080;transport=tcp?X-Header0=value1&X-Header1=value2",
        "sip:alice@[2001:db8::10]:5070",
        "sip:alice@192.0.2.4:5060;transport=tcp",
        "sip:bob@[2001:db8::10]:5070;transport=udp",
        "sip:alice@example.com?X-Customer=42&X-Campaign=spring%20sale",
        "SIP:+1-212-555-1212@gateway.com;user=phone;lr",
        "sip:example.com.",
        "sip:alice@[::ffff:192.0.2.1]",
    ];

    /// The implication the fast path rests on, under every profile.
    fn agrees(input: &str) {
        if !is_clean(input, LengthReading::default()) {
            return;
        }
        for profile in Profile::ALL {
            let full = super::super::parse_full(input, profile, &super::super::ParseOptions::default());
            assert!(full.valid, "{input} [{profile}]: accepted by the fast path, invalid");
            assert!(full.diagnostics.is_empty(), "{input} [{profile}]: {:?}", full.diagnostics);
            assert_eq!(super::super::parse(input, profile).uri, full.uri, "{input} [{profile}]");
        }
    }

    #[test]
    fn typical_uris_take_the_fast_path() {
        for input in TYPICAL {
            assert!(is_clean(input, LengthReading::default()), "{input}");
            agrees(input);
        }
    }

    #[test]
    fn fixtures_agree() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/sip_uri/cases.json")).unwrap_or_default();
        let inputs: Vec<&str> = cases
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("input").and_then(serde_json::Value::as_str))
            .collect();
        assert!(inputs.len() > 100);
        for input in inputs {
            agrees(input);
        }
    }

    #[test]
    fn near_misses_go_the_slow_way() {
        for input in [
            "sip:alice@127.0.0.1",
            "sip:alice@0.0.0.0",
            "sip:alice@[::1]",
            "sip:alice@[::]",
            "sip:alice@[::0.0.0.1]",
            "sip:alice@[0:0:0:0:0:0:0:1]",
            "sip:alice@localhost",
            "sip:alice@pbx.LOCALHOST.",
            "sip:alice@example.com:0",
            "sip:alice@example.com:65536",
            "sip:alice@example.com;transport=tls",
            "sip:alice@example.com;transport",
            "sip:alice@example.com;maddr=x.example",
            "sip:alice@example.com;lr;LR",
            "sip:alice@example.com?x-a=1",
            "sip:alice@example.com?X-a=1&X-A=2",
            "sip:alice@example.com?X-a=%0D%0A",
            "sip:alice@example.com?X-a=1&",
            "sip:alice@example.com?",
            "sip:a;b@example.com",
            "sip:a:pw@example.com",
            "sip://alice@example.com",
            "sips:alice@example.com",
            "sip:alice@010.0.0.1",
            "sip:alice@1.2.3.4.",
            "sip:alice@[1:2:3:4:5:6:7:8::]",
        ] {
            assert!(!is_clean(input, LengthReading::default()), "{input}");
        }
        let long = format!("sip:alice@example.com;x={}", "v".repeat(240));
        assert!(!is_clean(&long, LengthReading::default()));
    }

    #[test]
    fn limits_agree() {
        let label = |n: usize| "a".repeat(n);
        let host = |labels: usize, n: usize| vec![label(n); labels].join(".");
        let params = |n: usize| (0..n).map(|i| format!(";p{i}")).collect::<String>();
        let headers = |n: usize| (0..n).map(|i| format!("X-h{i}=")).collect::<Vec<_>>().join("&");
        for (input, clean) in [
            (format!("sip:a@{}.com", label(63)), true),
            (format!("sip:a@{}.com", label(64)), false),
            // V13's 255 comes before DNS's 253.
            (format!("sip:{}.", host(4, 60)), true),
            (format!("sip:{}.", host(4, 62)), false),
            (format!("sip:a@b.com{}", params(8)), true),
            (format!("sip:a@b.com{}", params(9)), false),
            (format!("sip:a@b.com?{}", headers(8)), true),
            (format!("sip:a@b.com?{}", headers(9)), false),
            ("sip:a@b.com:05060".to_owned(), true),
            ("sip:a@b.com:00000".to_owned(), false),
            ("sip:%41lice@0.0.0.1:65535;LR;Transport=TCP".to_owned(), true),
            ("sip:a@255.255.255.255".to_owned(), true),
            ("sip:a@256.255.255.255".to_owned(), false),
            ("sip:a@1.2.3.4.com".to_owned(), true),
            ("sip:a@1.2.3.4com".to_owned(), false),
            ("sip:a@[2001:DB8::1]?X-a=%3D".to_owned(), true),
            ("sip:a@[2001:db8::1]x".to_owned(), false),
        ] {
            assert_eq!(is_clean(&input, LengthReading::default()), clean, "{input}");
            agrees(&input);
            if !clean {
                continue;
            }
            let full =
                super::super::parse_full(&input, Profile::Restcomm, &super::super::ParseOptions::default());
            assert!(full.valid && full.diagnostics.is_empty(), "{input}");
        }
    }

    fn uri_char() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => proptest::sample::select(":@;?&=%[]./-_+$,!~*'()`aAbcdefxX0129lrtpu".chars().collect::<Vec<_>>()),
            1 => any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn random_uris_agree(
            prefix in proptest::sample::select(vec!["sip:", "SIP:", "sip:a@", "sip:a@[", "sip:a@b.c;", "sip:a@b.c?X-"]),
            body in proptest::collection::vec(uri_char(), 0..40),
        ) {
            agrees(&format!("{prefix}{}", body.into_iter().collect::<String>()));
        }

        #[test]
        fn mutated_uris_agree(
            seed in proptest::sample::select(TYPICAL.to_vec()),
            at in 0usize..100,
            c in uri_char(),
            delete in any::<bool>(),
        ) {
            let mut chars: Vec<char> = seed.chars().collect();
            let i = at % (chars.len() + 1);
            if delete && i < chars.len() {
                chars.remove(i);
            } else {
                chars.insert(i, c);
            }
            agrees(&chars.into_iter().collect::<String>());
        }
    }
}
