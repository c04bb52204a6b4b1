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

use super::chars::{self, HEADER, HOST, PARAM, USER};
use super::{Header, HostKind, LengthReading, Param, Part, Scheme, SipUri};
use crate::text::TextRange;

/// The components of a clean URI, as byte offsets into the input.
pub(crate) struct Clean {
    user: Option<(usize, usize)>,
    host: (usize, usize),
    host_kind: HostKind,
    port: Option<(u32, usize, usize)>,
    /// From the first `;` to the `?` or the end (empty when there is no parameter).
    params: (usize, usize),
    /// The text after the `?`, if any.
    headers: Option<(usize, usize)>,
    end: usize,
}

/// Repeats are looked for among at most this many parameters (or headers); more go the slow way.
const MAX_NAMES: usize = 8;

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
#[inline]
fn run(bytes: &[u8], mut i: usize, class: u8, escapes: bool) -> usize {
    loop {
        let b = at(bytes, i);
        if chars::is(b, class) {
            i += 1;
        } else if escapes && b == b'%' && harmless_escape(bytes, i) {
            i += 3;
        } else {
            return i;
        }
    }
}

/// Checks `input` (already trimmed); `Some` only when the full parser would find nothing.
pub(crate) fn clean(input: &str, lengths: LengthReading) -> Option<Clean> {
    let bytes = input.as_bytes();
    let e = bytes.len();
    if !bytes.get(..4)?.eq_ignore_ascii_case(b"sip:") || at(bytes, 4) == b'/' {
        return None;
    }
    let p = 4;

    // User: everything before the first `@`, without `;`, `?` (host confusion) or `:` (a password).
    let (user, host_start) = match memchr::memchr(b'@', bytes.get(p..)?) {
        Some(n) => {
            let at_sign = p + n;
            // `@` is in no class and no hex digit: the scan cannot pass it.
            if run(bytes, p, USER, true) != at_sign {
                return None;
            }
            let user = bytes.get(p..at_sign)?;
            if user.is_empty() || user.iter().any(|&b| b == b';' || b == b'?') {
                return None;
            }
            (Some((p, at_sign)), at_sign + 1)
        }
        None => (None, p),
    };

    // Host.
    let (host_end, host_kind) = if at(bytes, host_start) == b'[' {
        let close = host_start + 1 + bytes.get(host_start + 1..)?.iter().position(|&b| !is_ipv6_char(b))?;
        if at(bytes, close) != b']' || !ipv6_ok(bytes.get(host_start + 1..close)?) {
            return None;
        }
        (close + 1, HostKind::Ipv6)
    } else {
        let end = run(bytes, host_start, HOST, false);
        (end, plain_host_ok(bytes.get(host_start..end)?)?)
    };

    // Port.
    let mut pos = host_end;
    let mut port = None;
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
        port = Some((value, start, end));
        pos = end;
    }

    // Parameters.
    let params_start = pos;
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
        if name.eq_ignore_ascii_case(b"transport") {
            let v = value?;
            if !(v.eq_ignore_ascii_case(b"udp") || v.eq_ignore_ascii_case(b"tcp")) {
                return None;
            }
        } else if name.eq_ignore_ascii_case(b"maddr") || name.eq_ignore_ascii_case(b"method") {
            return None;
        }
        add_unique(bytes, &mut names, &mut count, (name_start, name_end))?;
        pos = end;
    }
    let params = (params_start, pos);

    // Headers: `X-name=value` joined by `&`.
    let mut headers = None;
    if at(bytes, pos) == b'?' {
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
        headers = Some((start, e));
        pos = e;
    }
    if pos != e || !within_budgets(lengths, headers.map(|(s, _)| s - 1), e) {
        return None;
    }
    Some(Clean { user, host: (host_start, host_end), host_kind, port, params, headers, end: e })
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
fn add_unique(
    bytes: &[u8],
    names: &mut [(usize, usize); MAX_NAMES],
    count: &mut usize,
    name: (usize, usize),
) -> Option<()> {
    let text = bytes.get(name.0..name.1)?;
    for &(s, e) in names.get(..*count)? {
        if bytes.get(s..e)?.eq_ignore_ascii_case(text) {
            return None;
        }
    }
    *names.get_mut(*count)? = name;
    *count += 1;
    Some(())
}

fn is_ipv6_char(b: u8) -> bool {
    b.is_ascii_hexdigit() || b == b':'
}

/// RFC 5954 `IPv6address` without an embedded IPv4 part, not loopback or unspecified.
fn ipv6_ok(inner: &[u8]) -> bool {
    let n = inner.len();
    let mut i = 0;
    let mut double = false;
    if inner.starts_with(b"::") {
        double = true;
        i = 2;
    }
    let mut groups = 0;
    // Every group but the last is zero and the last is 0 or 1: maybe `::1` or `::` (local).
    let mut zero_before_last = true;
    let mut last = 0u32;
    while i < n {
        let start = i;
        let mut value = 0u32;
        while let Some(d) = inner.get(i).and_then(|&b| chars::hex_value(b)) {
            if i - start == 4 {
                return false;
            }
            value = value * 16 + u32::from(d);
            i += 1;
        }
        if i == start {
            return false;
        }
        zero_before_last &= last == 0 || groups == 0;
        last = value;
        groups += 1;
        if i == n {
            break;
        }
        // `inner` holds only hex digits and `:`: this is a `:`.
        i += 1;
        if inner.get(i) == Some(&b':') {
            if double {
                return false;
            }
            double = true;
            i += 1;
        } else if i == n {
            return false;
        }
    }
    let local = zero_before_last && last <= 1;
    let count_ok = if double { groups <= 7 } else { groups == 8 };
    count_ok && !local
}

/// A host name or IPv4 address that the full parser accepts without a word (no loopback, DNS
/// limits kept).
fn plain_host_ok(host: &[u8]) -> Option<HostKind> {
    if host.is_empty() {
        return None;
    }
    if host.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
        let mut octets = 0;
        let mut first = 0;
        let mut all_zero = true;
        for octet in host.split(|&b| b == b'.') {
            let leading_zero = octet.len() > 1 && octet.first() == Some(&b'0');
            if octet.is_empty() || octet.len() > 3 || leading_zero {
                return None;
            }
            let value = octet.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
            if value > 255 {
                return None;
            }
            if octets == 0 {
                first = value;
            }
            all_zero &= value == 0;
            octets += 1;
        }
        return (octets == 4 && first != 127 && !all_zero).then_some(HostKind::Ipv4);
    }
    let body = host.strip_suffix(b".").unwrap_or(host);
    if body.len() > 253 {
        return None;
    }
    let mut top: &[u8] = &[];
    for label in body.split(|&b| b == b'.') {
        if label.is_empty() || label.len() > 63 || label.first() == Some(&b'-') || label.last() == Some(&b'-')
        {
            return None;
        }
        top = label;
    }
    let ok = top.first().is_some_and(u8::is_ascii_alphabetic) && !top.eq_ignore_ascii_case(b"localhost");
    ok.then_some(HostKind::Name)
}

impl Clean {
    /// The components as [`SipUri`] builds them (percent-decoded names and values).
    pub(crate) fn to_uri(&self, input: &str) -> SipUri {
        let slice = |s: usize, e: usize| input.get(s..e).unwrap_or("");
        let range = TextRange::from_usize;
        let part = |(s, e): (usize, usize)| Part { raw: slice(s, e).to_owned(), span: range(s, e) };
        let mut params = Vec::new();
        let mut offset = self.params.0;
        for text in slice(self.params.0, self.params.1).split(';').skip(1) {
            let start = offset + 1;
            offset = start + text.len();
            let (name, value) = match text.split_once('=') {
                Some((name, value)) => {
                    let value_start = start + name.len() + 1;
                    (name, Some((chars::decode(value), range(value_start, offset))))
                }
                None => (text, None),
            };
            params.push(Param {
                name: name.to_owned(),
                name_span: range(start, start + name.len()),
                value_span: value.as_ref().map(|v| v.1),
                value: value.map(|v| v.0),
            });
        }
        let mut headers = Vec::new();
        if let Some((start, end)) = self.headers {
            let mut offset = start;
            for text in slice(start, end).split('&') {
                let start = offset;
                offset = start + text.len() + 1;
                let (name, value) = text.split_once('=').unwrap_or((text, ""));
                let value_start = start + name.len() + 1;
                headers.push(Header {
                    name: name.to_owned(),
                    name_span: range(start, start + name.len()),
                    value: chars::decode(value),
                    value_span: range(value_start, value_start + value.len()),
                    raw_value: value.to_owned(),
                });
            }
        }
        SipUri {
            scheme: Scheme::Sip,
            scheme_span: range(0, 3),
            user: self.user.map(part),
            password: None,
            host: part(self.host),
            host_kind: self.host_kind,
            port: self.port.map(|(v, s, e)| (v, range(s, e))),
            params,
            headers,
            headers_span: self.headers.map(|(s, e)| range(s, e)),
            span: range(0, self.end),
        }
    }
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
    ];

    /// The implication the fast path rests on, under every profile.
    fn agrees(input: &str) {
        let Some(clean) = clean(input, LengthReading::default()) else { return };
        let uri = clean.to_uri(input);
        for profile in Profile::ALL {
            let full = super::super::parse_full(input, profile, &super::super::ParseOptions::default());
            assert!(full.valid, "{input} [{profile}]: accepted by the fast path, invalid");
            assert!(full.diagnostics.is_empty(), "{input} [{profile}]: {:?}", full.diagnostics);
            assert_eq!(full.uri.as_ref(), Some(&uri), "{input} [{profile}]");
        }
    }

    #[test]
    fn typical_uris_take_the_fast_path() {
        for input in TYPICAL {
            assert!(clean(input, LengthReading::default()).is_some(), "{input}");
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
            "sip:alice@[2001:db8::1.2.3.4]",
            "sip:alice@[1:2:3:4:5:6:7:8::]",
        ] {
            assert!(clean(input, LengthReading::default()).is_none(), "{input}");
        }
        let long = format!("sip:alice@example.com;x={}", "v".repeat(240));
        assert!(clean(&long, LengthReading::default()).is_none());
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
