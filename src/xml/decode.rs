//! Character data: classification of `&` references and the builder of [`DecodedText`] with
//! its decoded → source offset map.
//!
//! The builder does not copy anything while a run stays verbatim (no reference, no CDATA
//! markup skipped): most text runs and attribute values are copied once, at the end, and get
//! an empty map (identity).

use super::tree::{Document, ValueData};
use crate::text::{to_u32, TextRange};

/// What an `&` at the start of a byte slice begins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reference<'a> {
    /// `&#…;` / `&#x…;` naming an XML character.
    Char(char),
    /// `&amp;` and the four others.
    Predefined(&'static str),
    /// `&#…;` / `&#x…;` whose code point is not an XML character (`None`: out of range).
    InvalidChar(Option<u32>),
    /// `&name;` with a well-formed name that is not one of the five predefined entities.
    Undefined(&'a str),
    /// An `&` that does not start a syntactically valid reference.
    Bare,
}

/// The five entities XML predefines; RCML documents have no DTD, so these are all there is.
pub(crate) const PREDEFINED: [(&str, &str); 5] =
    [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'")];

/// Classifies the reference starting at `bytes[0]` (which must be `&`) and returns its
/// length in bytes (1 for a bare `&`).
pub(crate) fn classify(bytes: &[u8]) -> (Reference<'_>, usize) {
    let rest = bytes.get(1..).unwrap_or(&[]);
    // The five predefined entities, as the general path below would classify them.
    match rest {
        [b'a', b'm', b'p', b';', ..] => return (Reference::Predefined("&"), 5),
        [b'l', b't', b';', ..] => return (Reference::Predefined("<"), 4),
        [b'g', b't', b';', ..] => return (Reference::Predefined(">"), 4),
        [b'q', b'u', b'o', b't', b';', ..] => return (Reference::Predefined("\""), 6),
        [b'a', b'p', b'o', b's', b';', ..] => return (Reference::Predefined("'"), 6),
        _ => {}
    }
    if let Some(after_hash) = rest.strip_prefix(b"#") {
        let (hex, digits) = match after_hash.strip_prefix(b"x") {
            Some(d) => (true, d),
            None => (false, after_hash),
        };
        let count = digits
            .iter()
            .take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() })
            .count();
        if count == 0 || digits.get(count) != Some(&b';') {
            return (Reference::Bare, 1);
        }
        let len = 2 + usize::from(hex) + count + 1;
        let radix = if hex { 16 } else { 10 };
        let value = digits.get(..count).and_then(|d| {
            d.iter().try_fold(0u32, |acc, &b| {
                let digit = char::from(b).to_digit(radix)?;
                acc.checked_mul(radix)?.checked_add(digit).filter(|v| *v <= 0x10_FFFF)
            })
        });
        return match value.and_then(char::from_u32).filter(|c| is_xml_char(*c)) {
            Some(c) => (Reference::Char(c), len),
            None => (Reference::InvalidChar(value), len),
        };
    }
    let name_len = name_prefix_len(rest);
    if name_len == 0 || rest.get(name_len) != Some(&b';') {
        return (Reference::Bare, 1);
    }
    let name = std::str::from_utf8(rest.get(..name_len).unwrap_or(&[])).unwrap_or("");
    let len = 1 + name_len + 1;
    match PREDEFINED.iter().find(|(n, _)| *n == name) {
        Some((_, expansion)) => (Reference::Predefined(expansion), len),
        None => (Reference::Undefined(name), len),
    }
}

/// XML 1.0 `Char`.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `NameStartChar` for ASCII; every non-ASCII byte is accepted (a close approximation of the
/// Unicode ranges XML allows, good enough for diagnostics).
pub(crate) fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

pub(crate) fn is_name_char(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

/// Length of the XML name at the start of `bytes` (0 if it does not start with one).
pub(crate) fn name_prefix_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(&b) if is_name_start(b) => bytes.iter().take_while(|&&b| is_name_char(b)).count(),
        _ => 0,
    }
}

/// Builds one [`DecodedText`] from pieces of source (verbatim runs, reference expansions,
/// CDATA contents), in source order.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    active: bool,
    /// The span of the run, markup included.
    start: u32,
    end: u32,
    /// Where the source of the last piece (verbatim or reference) ends.
    chars_end: u32,
    /// Still equal to `source[start..end]` (nothing decoded, nothing skipped)?
    verbatim: bool,
    /// The last piece was verbatim, so an adjacent verbatim piece needs no breakpoint.
    continuous: bool,
    text: String,
    map: Vec<(u32, u32)>,
    pub(crate) is_cdata: bool,
}

impl TextBuilder {
    /// Whether a run is open.
    pub(crate) fn is_active(&self) -> bool {
        self.active
    }

    /// Opens the run at `at` if it is not open yet.
    pub(crate) fn begin(&mut self, at: u32) {
        if !self.active {
            self.active = true;
            self.start = at;
            self.end = at;
            self.chars_end = at;
            self.verbatim = true;
            self.continuous = true;
        }
    }

    /// Copies the verbatim run so far into `text`, once (the check is inlined: after the
    /// first reference of a run every piece asks).
    #[inline]
    fn materialize(&mut self, source: &str) {
        if self.verbatim {
            self.copy_verbatim(source);
        }
    }

    fn copy_verbatim(&mut self, source: &str) {
        self.verbatim = false;
        self.text.clear();
        self.map.clear();
        let s = TextRange::new(self.start, self.end).slice(source);
        if !s.is_empty() {
            self.map.push((0, self.start));
            self.text.push_str(s);
        }
        self.continuous = true;
    }

    #[inline]
    fn breakpoint(&mut self, source_offset: u32) {
        let point = (to_u32(self.text.len()), source_offset);
        if self.map.last() != Some(&point) {
            self.map.push(point);
        }
    }

    /// Starts a new segment at `at`; if markup was skipped since the last piece, first
    /// records where that piece ended.
    #[inline]
    fn segment(&mut self, at: u32) {
        if !self.text.is_empty() && self.chars_end != at {
            self.breakpoint(self.chars_end);
        }
        self.breakpoint(at);
    }

    /// Appends source text that decodes to itself.
    pub(crate) fn push_verbatim(&mut self, source: &str, range: TextRange) {
        self.begin(range.start);
        if range.is_empty() {
            return;
        }
        if self.verbatim && range.start == self.end {
            self.end = range.end;
            self.chars_end = range.end;
            return;
        }
        self.materialize(source);
        if !(self.continuous && range.start == self.chars_end && range.start == self.end)
            || self.map.is_empty()
        {
            self.segment(range.start);
        }
        self.text.push_str(range.slice(source));
        self.end = range.end;
        self.chars_end = range.end;
        self.continuous = true;
    }

    /// Appends the expansion of a reference occupying `range` in the source.
    pub(crate) fn push_expansion(&mut self, source: &str, expansion: &str, range: TextRange) {
        self.begin(range.start);
        self.materialize(source);
        self.segment(range.start);
        match expansion.as_bytes() {
            // `&amp;` and the other one-byte expansions: no copy call.
            [b] if b.is_ascii() => self.text.push(char::from(*b)),
            _ => self.text.push_str(expansion),
        }
        self.end = range.end;
        self.chars_end = range.end;
        self.continuous = false;
    }

    /// Moves the end of the run over markup that contributes no text (`]]>`).
    pub(crate) fn skip_to(&mut self, source: &str, end: u32) {
        if end != self.end {
            self.materialize(source);
            self.end = end;
            self.continuous = false;
        }
    }

    /// Drops the open run when it is verbatim source made only of ASCII whitespace (the
    /// indentation between elements): every reader of the tree trims text and skips blank
    /// runs, so keeping them only cost an allocation each. CDATA is always kept.
    pub(crate) fn discard_blank(&mut self, source: &str) -> bool {
        let blank = self.active
            && self.verbatim
            && !self.is_cdata
            && TextRange::new(self.start, self.end).slice(source).bytes().all(|b| b.is_ascii_whitespace());
        if blank {
            self.active = false;
        }
        blank
    }

    /// Closes the run into `doc` (its decoded text into the arena when it is not verbatim);
    /// `None` when nothing was pushed. The scratch buffers are kept for the next run.
    pub(crate) fn finish(&mut self, doc: &mut Document<'_>) -> Option<(ValueData, bool)> {
        if !self.active {
            return None;
        }
        self.active = false;
        let span = TextRange::new(self.start, self.end);
        let value = if self.verbatim {
            ValueData::verbatim(span)
        } else {
            if !self.text.is_empty() && self.chars_end != self.end {
                // The run ends with markup (`]]>`): record where the characters end.
                self.breakpoint(self.chars_end);
            }
            let value = doc.store(&self.text, &self.map, span);
            self.text.clear();
            self.map.clear();
            value
        };
        let is_cdata = std::mem::take(&mut self.is_cdata);
        Some((value, is_cdata))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_references() {
        assert_eq!(classify(b"&amp;x"), (Reference::Predefined("&"), 5));
        assert_eq!(classify(b"&#38;"), (Reference::Char('&'), 5));
        assert_eq!(classify(b"&#x1F600;"), (Reference::Char('\u{1F600}'), 9));
        assert_eq!(classify(b"&#0;"), (Reference::InvalidChar(Some(0)), 4));
        assert_eq!(classify(b"&#xD800;"), (Reference::InvalidChar(Some(0xD800)), 8));
        assert_eq!(classify(b"&#x110000;"), (Reference::InvalidChar(None), 10));
        assert_eq!(classify(b"&#99999999999999999999;"), (Reference::InvalidChar(None), 23));
        assert_eq!(classify(b"&nbsp;"), (Reference::Undefined("nbsp"), 6));
        assert_eq!(classify(b"&b=2;"), (Reference::Bare, 1));
        assert_eq!(classify(b"& "), (Reference::Bare, 1));
        assert_eq!(classify(b"&"), (Reference::Bare, 1));
        assert_eq!(classify(b"&#;"), (Reference::Bare, 1));
        assert_eq!(classify(b"&#x;"), (Reference::Bare, 1));
        assert_eq!(classify(b"&amp"), (Reference::Bare, 1));
    }

    #[test]
    fn builder_keeps_verbatim_runs_unmapped() {
        let src = "<a>hello</a>";
        let mut doc = Document::new(src);
        let mut b = TextBuilder::default();
        b.push_verbatim(src, TextRange::new(3, 5));
        b.push_verbatim(src, TextRange::new(5, 8));
        let (v, _) = b.finish(&mut doc).unwrap_or_else(|| panic!("no text"));
        let t = doc.decoded_text(&v);
        assert_eq!(t.text, "hello");
        assert!(t.map.is_empty());
        assert_eq!(t.source_offset(2), 5);
    }

    #[test]
    fn builder_maps_through_an_entity() {
        let src = "0123456789a&amp;b";
        let mut doc = Document::new(src);
        let mut b = TextBuilder::default();
        b.push_verbatim(src, TextRange::new(10, 11));
        b.push_expansion(src, "&", TextRange::new(11, 16));
        b.push_verbatim(src, TextRange::new(16, 17));
        let (v, _) = b.finish(&mut doc).unwrap_or_else(|| panic!("no text"));
        let t = doc.decoded_text(&v);
        assert_eq!(t.text, "a&b");
        assert_eq!(t.map, &[(0, 10), (1, 11), (2, 16)]);
        assert_eq!(t.span, TextRange::new(10, 17));
    }
}
