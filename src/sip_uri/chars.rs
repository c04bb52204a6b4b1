//! Character classes of RFC 3261 §25 as one 256-entry table, and percent-decoding.
//!
//! One table lookup per byte keeps the scanner branch-light; the classes are the columns of
//! the table in sip-uri.md §4.

/// Bit flags: which components may hold a byte unescaped.
pub(crate) const USER: u8 = 1;
pub(crate) const PASSWORD: u8 = 1 << 1;
pub(crate) const PARAM: u8 = 1 << 2;
pub(crate) const HEADER: u8 = 1 << 3;
pub(crate) const TOKEN: u8 = 1 << 4;
pub(crate) const HOST: u8 = 1 << 5;
/// The user class without `;` and `?` (which make the fast path defer to the full parser).
pub(crate) const PLAIN_USER: u8 = 1 << 6;
/// A host label's characters (the host class without `.`).
pub(crate) const LABEL: u8 = 1 << 7;

const fn build() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let alnum = c.is_ascii_alphanumeric();
        let mark = matches!(c, b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')');
        let unreserved = alnum || mark;
        let mut bits = 0u8;
        if unreserved || matches!(c, b'&' | b'=' | b'+' | b'$' | b',' | b';' | b'?' | b'/') {
            bits |= USER;
            if c != b';' && c != b'?' {
                bits |= PLAIN_USER;
            }
        }
        if unreserved || matches!(c, b'&' | b'=' | b'+' | b'$' | b',') {
            bits |= PASSWORD;
        }
        if unreserved || matches!(c, b'[' | b']' | b'/' | b':' | b'&' | b'+' | b'$') {
            bits |= PARAM;
        }
        if unreserved || matches!(c, b'[' | b']' | b'/' | b'?' | b':' | b'+' | b'$') {
            bits |= HEADER;
        }
        if alnum || matches!(c, b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~') {
            bits |= TOKEN;
        }
        if alnum || matches!(c, b'-' | b'.') {
            bits |= HOST;
        }
        if alnum || c == b'-' {
            bits |= LABEL;
        }
        table[b] = bits;
        b += 1;
    }
    table
}

static TABLE: [u8; 256] = build();

#[inline]
pub(crate) fn is(byte: u8, class: u8) -> bool {
    TABLE[byte as usize] & class != 0
}

#[inline]
pub(crate) fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The byte of a `%HH` escape starting at `at`, if there is a well-formed one.
#[inline]
pub(crate) fn escape_at(bytes: &[u8], at: usize) -> Option<u8> {
    let hi = hex_value(*bytes.get(at + 1)?)?;
    let lo = hex_value(*bytes.get(at + 2)?)?;
    (bytes.get(at) == Some(&b'%')).then_some(hi << 4 | lo)
}

/// Percent-decodes `text` once (a malformed `%` stays literal). Decoded bytes that are not
/// UTF-8 become U+FFFD. Borrows when there is nothing to decode.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'%') {
        return text.to_owned();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match escape_at(bytes, i) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.extend(bytes.get(i).copied());
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// `%HH` for every UTF-8 byte of `text` (upper-case hex, as RFC 3986 recommends).
pub(crate) fn encode_all(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for &b in text.as_bytes() {
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// How a character is named in a message: printable ones in backticks, others by code point.
pub(crate) fn describe(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\r' | '\n' => "a line break".to_owned(),
        '`' => "a backtick".to_owned(),
        c if c.is_control() => format!("control character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_abnf() {
        assert!(is(b';', USER) && !is(b';', PASSWORD) && !is(b';', PARAM) && !is(b';', HEADER));
        assert!(is(b'?', HEADER) && !is(b'?', PARAM));
        assert!(is(b'`', TOKEN) && !is(b'`', PARAM));
        assert!(!is(b'_', HOST) && is(b'-', HOST));
        assert!(!is(b'%', USER) && !is(b' ', HEADER) && !is(0xC3, USER));
    }

    #[test]
    fn decodes_once() {
        assert_eq!(decode("v%61lue%25%34%31"), "value%41");
        assert_eq!(decode("a%zz%4"), "a%zz%4");
        assert_eq!(decode("%C3%A9+"), "é+");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(encode_all(" é"), "%20%C3%A9");
    }
}
