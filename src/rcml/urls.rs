//! URL values (V21, V22): the verdict of the `url` crate on a value resolved against a dummy
//! document URL, and two fast paths that give the same verdict without the parser for the
//! common plain relative path and plain `http(s)` URL (checked against the parser by tests).

/// What a URL value is, once resolved against a dummy document URL.
pub(crate) enum UrlVerdict {
    Absolute,
    Relative,
    Unsafe(String),
    Invalid(String),
}

pub(crate) fn url_verdict(value: &str) -> UrlVerdict {
    // The two never both hold (a plain relative URL has no `:`); most URLs that get here
    // are absolute (the attribute loop tries the relative test first).
    if is_plain_absolute(value) {
        return UrlVerdict::Absolute;
    }
    if is_plain_relative(value) {
        return UrlVerdict::Relative;
    }
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => UrlVerdict::Absolute,
        Ok(u) => UrlVerdict::Unsafe(u.scheme().to_owned()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let base = url::Url::parse("http://document.invalid/rcml/");
            match base.and_then(|b| b.join(value)) {
                Ok(_) => UrlVerdict::Relative,
                Err(e) => UrlVerdict::Invalid(e.to_string()),
            }
        }
        Err(e) => UrlVerdict::Invalid(e.to_string()),
    }
}

/// A relative reference that no URL parser can reject: no scheme (no `:`), not
/// network-path (`//`), only unreserved characters and `/?=&+,;@!$*()`. The common
/// `action="/handle_dial"` then skips two URL parses and a join (about 6 000 instructions).
#[inline]
pub(crate) fn is_plain_relative(value: &str) -> bool {
    is_plain_relative_bytes(value.as_bytes())
}

/// [`is_plain_relative`] of a value's bytes.
#[inline]
pub(crate) fn is_plain_relative_bytes(value: &[u8]) -> bool {
    if value.is_empty() || value.starts_with(b"//") {
        return false;
    }
    // Four bytes per test: the classes of a chunk, and-ed.
    let mut chunks = value.chunks_exact(4);
    let plain_chunks = chunks.by_ref().all(|c| c.iter().fold(PLAIN, |acc, &b| acc & class_of(b)) != 0);
    plain_chunks && chunks.remainder().iter().all(|&b| has_class(b, PLAIN))
}

/// Byte classes of the URL fast paths, one table lookup per byte.
const PLAIN: u8 = 1;
/// Also accepted by a URL parser after the host: `%`, `:`, `#`.
const TAIL: u8 = 2;
/// `a-z`, `0-9`, `-`: a host label's bytes.
const LABEL: u8 = 4;

const URL_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let plain = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'?'
                    | b'='
                    | b'&'
                    | b'+'
                    | b','
                    | b';'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'*'
                    | b'('
                    | b')'
            );
        let label = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-';
        table[b] = (if plain { PLAIN | TAIL } else { 0 })
            | (if matches!(c, b'%' | b':' | b'#') { TAIL } else { 0 })
            | (if label { LABEL } else { 0 });
        b += 1;
    }
    table
};

fn class_of(b: u8) -> u8 {
    URL_BYTES.get(usize::from(b)).copied().unwrap_or(0)
}

fn has_class(b: u8, class: u8) -> bool {
    URL_BYTES.get(usize::from(b)).is_some_and(|c| c & class != 0)
}

/// An `http(s)` URL that no URL parser can reject: the scheme in lower case, a host of
/// lower-case ASCII labels (no IDNA `xn--` label, the last one starting with a letter, so
/// it is never read as an IPv4 address), an optional port of at most 65535, then nothing
/// or a path, query or fragment of plain bytes (and `%`, `:`, `#`, which a parser accepts
/// there too). `<Play>http://media.example.com/a.mp3</Play>` then skips the URL parser
/// (about 3 700 instructions); anything else still gets the parser's verdict.
fn is_plain_absolute(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(rest) = bytes.strip_prefix(b"http://").or_else(|| bytes.strip_prefix(b"https://")) else {
        return false;
    };
    // The host, label by label, in one pass: it ends at the first byte that is neither a
    // label byte nor a dot.
    let mut label_start = 0;
    let mut host_end = rest.len();
    for (i, &b) in rest.iter().enumerate() {
        if has_class(b, LABEL) {
            continue;
        }
        if b != b'.' {
            host_end = i;
            break;
        }
        if !is_plain_label(rest.get(label_start..i).unwrap_or(&[])) {
            return false;
        }
        label_start = i + 1;
    }
    let last = rest.get(label_start..host_end).unwrap_or(&[]);
    if !(is_plain_label(last) && last.first().is_some_and(u8::is_ascii_lowercase)) {
        return false;
    }
    let mut tail = rest.get(host_end..).unwrap_or(&[]);
    if let Some(port_and_tail) = tail.strip_prefix(b":") {
        let digits = port_and_tail.iter().take_while(|b| b.is_ascii_digit()).count();
        let port = port_and_tail.get(..digits).unwrap_or(&[]);
        if digits == 0 || digits > 5 || port.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) > 65_535
        {
            return false;
        }
        tail = port_and_tail.get(digits..).unwrap_or(&[]);
    }
    match tail.first() {
        None => true,
        Some(b'/' | b'?' | b'#') => {
            // Four bytes per test, as in `is_plain_relative_bytes`.
            let mut chunks = tail.chunks_exact(4);
            let plain = chunks.by_ref().all(|c| c.iter().fold(TAIL, |acc, &b| acc & class_of(b)) != 0);
            plain && chunks.remainder().iter().all(|&b| has_class(b, TAIL))
        }
        Some(_) => false,
    }
}

/// A label of [`LABEL`] bytes that is not empty, neither starts nor ends with `-` and is
/// not an IDNA `xn--` label.
fn is_plain_label(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(&first), Some(&last)) => first != b'-' && last != b'-' && !label.starts_with(b"xn--"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow path alone: what `url_verdict` says without its fast paths.
    fn parser_says_absolute(value: &str) -> bool {
        matches!(url::Url::parse(value), Ok(u) if matches!(u.scheme(), "http" | "https"))
    }

    /// The fast path says `Absolute` only where the URL parser says so too.
    #[test]
    fn plain_absolute_agrees_with_the_url_parser() {
        let fast = [
            "http://media.example.com/audio/1.mp3",
            "https://example.com",
            "http://a.b-c.d:8080/x?y=1&z=%41#f:g",
            "http://localhost:65535",
            "https://h/path@x",
        ];
        for value in fast {
            assert!(is_plain_absolute(value), "{value:?}");
            assert!(parser_says_absolute(value), "{value:?}");
        }
        let slow = [
            "http://1.2.3.4/",
            "http://1.2.3.999/",
            "http://a.0x10/",
            "http://xn--a.com/",
            "http://xn--ls8h.la/",
            "http://a..b/",
            "http://a.b./",
            "http://-a.b/",
            "http://a:65536/",
            "http://a:/",
            "http://a:99999/",
            "http://u@a/",
            "http://u:p@a/",
            "http://A.com/",
            "HTTP://a.com/",
            "http://a.com/ x",
            "http://a.com\\x",
            "http://[::1]/",
            "http:///x",
            "http://",
            "ftp://a.com/",
        ];
        for value in slow {
            assert!(!is_plain_absolute(value), "{value:?}");
        }
    }

    proptest::proptest! {
        /// Over an alphabet of the bytes the fast path decides on, it never disagrees.
        #[test]
        fn plain_absolute_never_accepts_what_the_parser_rejects(
            scheme in proptest::sample::select(vec!["http://", "https://"]),
            rest in "[a-z0-9.:/?#%@x-]{0,24}",
        ) {
            let value = format!("{scheme}{rest}");
            if is_plain_absolute(&value) {
                proptest::prop_assert!(parser_says_absolute(&value), "{:?}", value);
            }
        }

        /// The same over hosts with the bytes that end the host scan early (upper case,
        /// `_`, `@`, `\\`, `[`, space, non-ASCII).
        #[test]
        fn plain_absolute_hosts_never_disagree(
            scheme in proptest::sample::select(vec!["http://", "https://"]),
            host in "[a-z0-9.A_@\\\\\\[ é-]{0,16}",
            tail in "[a-z/?#:%0-9]{0,8}",
        ) {
            let value = format!("{scheme}{host}{tail}");
            if is_plain_absolute(&value) {
                proptest::prop_assert!(parser_says_absolute(&value), "{:?}", value);
            }
        }
    }

    /// The fast path says `Relative` only where the URL parser says so too.
    #[test]
    fn plain_relative_agrees_with_the_url_parser() {
        let cases = [
            "/handle_post_dial",
            "next.xml",
            "?a=1&b=2",
            "a@b",
            "../up/(x)*$!",
            "/dial/12;v=1,2+3",
            ".",
            "~u",
            "//host/path",
            "http://a/b",
            "mailto:x",
            "/a b",
            "/%41",
            "",
            "a:b",
            "/a\\b",
        ];
        for value in cases {
            let slow = match url::Url::parse(value) {
                Err(url::ParseError::RelativeUrlWithoutBase) => {
                    url::Url::parse("http://document.invalid/rcml/").and_then(|b| b.join(value)).is_ok()
                }
                _ => false,
            };
            if is_plain_relative(value) {
                assert!(slow, "{value:?} is not relative for the URL parser");
            }
            assert!(
                matches!(url_verdict(value), UrlVerdict::Relative) == slow || value.is_empty(),
                "{value:?}"
            );
        }
    }
}
