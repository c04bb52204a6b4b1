//! Keeping `password` attribute values out of every output.
//!
//! The rule is absolute (diagnostics, simulations, text output, share links, logs), so it is
//! enforced twice: the code that builds messages never formats a password, and every face
//! passes its output through [`Secrets`] as a last line of defence.

use crate::text::TextRange;
use crate::xml::{DecodedText, Document};

/// What replaces a secret in text output.
pub const REDACTED: &str = "***";

/// The password parts of the SIP URIs in `text` (`sip:` or `sips:`, any case), as ranges of
/// `text`: what lies between the first `:` and the `@` of a user part. It reads the text
/// alone, so that a URI too broken to parse is masked all the same; masking a little too
/// much (a `:` and `@` in parameters) is the safe side.
pub fn uri_passwords(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find_scheme(bytes, from) {
        let user_start = at;
        // The user part ends at `@`; a URI ends at whitespace or markup-like characters.
        let end = bytes
            .get(user_start..)
            .and_then(|rest| rest.iter().position(|&b| b.is_ascii_whitespace() || b == b'<' || b == b'>'))
            .map_or(bytes.len(), |n| user_start + n);
        let uri = bytes.get(user_start..end).unwrap_or(&[]);
        if let Some(at_sign) = uri.iter().position(|&b| b == b'@') {
            if let Some(colon) = uri.get(..at_sign).and_then(|u| u.iter().position(|&b| b == b':')) {
                let start = user_start + colon + 1;
                let stop = user_start + at_sign;
                if stop > start {
                    out.push(TextRange::from_usize(start, stop));
                }
            }
        }
        from = end.max(user_start + 1);
    }
    out
}

/// The password parts of the URLs with an authority in `text` (`http://user:PASSWORD@host/`,
/// `https:`, any `scheme://`), as ranges of `text`: what lies between the first `:` and the
/// last `@` of the authority (the URL standard reads `a:b@c@host` as user `a`, password
/// `b@c`). Like [`uri_passwords`] it reads the text alone; the authority ends at `/`, `\`,
/// `?`, `#`, whitespace, quotes or markup-like characters.
pub fn url_passwords(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Byte searches only: a `memmem` searcher costs the browsers' .wasm about 3 KB gzipped.
    for colon in memchr::memchr_iter(b':', bytes) {
        if bytes.get(colon + 1..colon + 3) != Some(b"//") {
            continue;
        }
        let start = colon + 3;
        let rest = bytes.get(start..).unwrap_or(&[]);
        let authority = rest.get(..rest.iter().position(|&b| ends_authority(b)).unwrap_or(rest.len()));
        let Some(authority) = authority else { continue };
        let Some(at_sign) = memchr::memrchr(b'@', authority) else { continue };
        if let Some(colon) = authority.get(..at_sign).and_then(|u| memchr::memchr(b':', u)) {
            if at_sign > colon + 1 {
                out.push(TextRange::from_usize(start + colon + 1, start + at_sign));
            }
        }
    }
    out
}

fn ends_authority(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'/' | b'\\' | b'?' | b'#' | b'<' | b'>' | b'"' | b'\'')
}

/// Whether the decoded values of a document with this source can hold a URL password: one in
/// the source as written, or character references (`&#64;` is an `@`). Named entities decode
/// to `&<>"'` only, so without `&#` a decoded URL is the source's, authority at most shorter.
/// One scan of the source instead of a walk over every attribute of every document.
fn may_hold_url_password(source: &str) -> bool {
    let bytes = source.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|at| bytes.get(at + 1) == Some(&b'#'))
        || !url_passwords(source).is_empty()
}

/// `text` with the password of every URL replaced by [`REDACTED`] (borrowed when there is
/// none): for URLs the simulator wrote, which need not be any document's text.
pub fn redact_url_passwords(text: &str) -> std::borrow::Cow<'_, str> {
    let ranges = url_passwords(text);
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        out.push_str(text.get(at..range.start as usize).unwrap_or(""));
        out.push_str(REDACTED);
        at = range.end as usize;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    std::borrow::Cow::Owned(out)
}

/// [`redact_url_passwords`] in place, allocating only when a URL has a password.
pub fn redact_url_passwords_in_place(text: &mut String) {
    if let std::borrow::Cow::Owned(out) = redact_url_passwords(text) {
        *text = out;
    }
}

/// [`redact_url_passwords_in_place`] on every text field of a diagnostic.
pub fn redact_url_passwords_in_diagnostic(d: &mut crate::Diagnostic) {
    each_text_of(d, redact_url_passwords_in_place);
}

/// The password of a dialled URI written without its scheme (`alice:pw@example.com`): the
/// SIP URI layer reads it as user, password and host (and offers to insert `sip:`), so it is
/// masked like one. Only the first word of the text counts.
fn schemeless_password(text: &str) -> Option<TextRange> {
    let lead = text.len() - text.trim_start().len();
    let word = text.get(lead..)?.split(|c: char| c.is_ascii_whitespace() || c == '<' || c == '>').next()?;
    let at = word.find('@')?;
    let colon = word.get(..at)?.find(':')?;
    // `sip:alice@…` has a scheme and no password (`uri_passwords` read it already).
    let scheme = word.get(..colon)?;
    if scheme.eq_ignore_ascii_case("sip") || scheme.eq_ignore_ascii_case("sips") {
        return None;
    }
    (colon + 1 < at).then(|| TextRange::from_usize(lead + colon + 1, lead + at))
}

/// The offset just after the next `sip:` / `sips:` (case-insensitive) at or after `from`.
fn find_scheme(bytes: &[u8], from: usize) -> Option<usize> {
    // Only an `s` can start a scheme: memchr jumps between them (every text run of every
    // document is scanned; a test at each byte was a sixth of validate on large documents).
    for i in memchr::memchr2_iter(b's', b'S', bytes.get(from..)?) {
        let rest = bytes.get(from + i..)?;
        for scheme in [&b"sips:"[..], b"sip:"] {
            if rest.len() >= scheme.len() && rest.get(..scheme.len())?.eq_ignore_ascii_case(scheme) {
                return Some(from + i + scheme.len());
            }
        }
    }
    None
}

/// `input` with every SIP URI and URL password overwritten by `*`, byte for byte (offsets
/// into it stay valid): for echoing a URI as written.
pub fn mask_uri_passwords(input: &str) -> String {
    let mut out = input.to_owned();
    for range in uri_passwords(input).into_iter().chain(url_passwords(input)) {
        let secret = range.slice(input);
        if !secret.is_empty() {
            out.replace_range(range.start as usize..range.end as usize, &"*".repeat(secret.len()));
        }
    }
    out
}

/// Finds password values in a text with one left-to-right pass, whatever their number: at
/// each position the sorted values are narrowed byte by byte (binary search) to those the
/// text continues with, and the longest match is replaced. A naive `replace` per value costs
/// O(values × text) for every text, which 20 000 passwords turn into minutes.
pub struct Masker<'a> {
    sorted: Vec<&'a str>,
}

impl Masker<'_> {
    /// The longest value `text` starts with, by length.
    fn longest_at(&self, text: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.sorted.len());
        let mut best = None;
        for (k, &byte) in text.iter().enumerate() {
            // Values in lo..hi all start with text[..k]; keep those whose byte k is `byte`.
            let range = self.sorted.get(lo..hi)?;
            let first = range.partition_point(|v| v.as_bytes().get(k).is_none_or(|&b| b < byte));
            let last = range.partition_point(|v| v.as_bytes().get(k).is_none_or(|&b| b <= byte));
            (lo, hi) = (lo + first, lo + last);
            if lo >= hi {
                break;
            }
            if self.sorted.get(lo).is_some_and(|v| v.len() == k + 1) {
                best = Some(k + 1);
            }
        }
        best
    }

    fn replace(&self, text: &str, with: impl Fn(&str) -> String) -> Option<String> {
        if self.sorted.is_empty() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut out = String::new();
        let (mut copied, mut at, mut found) = (0, 0, false);
        while at < bytes.len() {
            match self.longest_at(bytes.get(at..).unwrap_or(&[])) {
                // Values are whole strings, so a match ends on a character boundary.
                Some(len) if text.is_char_boundary(at + len) => {
                    out.push_str(text.get(copied..at).unwrap_or(""));
                    out.push_str(&with(text.get(at..at + len).unwrap_or("")));
                    at += len;
                    copied = at;
                    found = true;
                }
                _ => at += 1,
            }
        }
        found.then(|| {
            out.push_str(text.get(copied..).unwrap_or(""));
            out
        })
    }

    /// `text` with every value overwritten by `*`, byte for byte (code frames keep their
    /// carets aligned).
    pub fn mask(&self, text: &str) -> String {
        self.replace(text, |v| "*".repeat(v.len())).unwrap_or_else(|| text.to_owned())
    }

    /// Every value replaced by [`REDACTED`], in place, allocating only when one occurs.
    pub fn scrub_in_place(&self, text: &mut String) {
        if let Some(out) = self.replace(text, |_| REDACTED.to_owned()) {
            *text = out;
        }
    }

    /// Scrubs every text field of a diagnostic.
    pub fn scrub_diagnostic(&self, d: &mut crate::Diagnostic) {
        each_text_of(d, |text| self.scrub_in_place(text));
    }
}

/// The `password` attribute values of a document and where they are.
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    /// Source ranges of the raw values (between the quotes).
    pub ranges: Vec<TextRange>,
    /// The decoded values, non-empty only.
    pub values: Vec<String>,
}

impl Secrets {
    /// Collects every `password` attribute of `document` (on any element: a misspelt parent
    /// element does not make a password less secret).
    ///
    /// The password of a SIP URI written in an element's text (`sip:alice:PASSWORD@host`) is a
    /// secret too: its source range and its text are collected the same way, and so is the
    /// password of a URL (`http://alice:PASSWORD@host/`) in any attribute or text, when the
    /// source may hold one at all.
    pub fn of(document: &Document) -> Self {
        let mut secrets = Secrets::default();
        let urls = may_hold_url_password(document.source());
        for (_, element) in document.iter() {
            // The URI of `<Sip name="…">` (V8) is an attribute.
            let dialled = matches!(element.name, "Sip" | "Uri");
            for attribute in element.attributes() {
                if attribute.name.eq_ignore_ascii_case("password") {
                    secrets.ranges.push(attribute.raw_span);
                    if !attribute.value.text.is_empty() {
                        secrets.values.push(attribute.value.text.to_owned());
                    }
                }
                if dialled && attribute.name == "name" {
                    secrets.add_uri_passwords(attribute.value, dialled);
                }
                if urls {
                    secrets.add_url_passwords(attribute.value);
                }
            }
            for text in element.texts() {
                secrets.add_uri_passwords(text.value, dialled);
                if urls {
                    secrets.add_url_passwords(text.value);
                }
            }
        }
        crate::sort::sort_by_key(&mut secrets.values, |v| std::cmp::Reverse(v.len()));
        secrets.values.dedup();
        secrets
    }

    /// The URI passwords of one text or attribute value (and, in a dialled element, the
    /// password of a URI written without its scheme).
    fn add_uri_passwords(&mut self, value: DecodedText, dialled: bool) {
        let mut found = uri_passwords(value.text);
        if dialled && found.is_empty() {
            found.extend(schemeless_password(value.text));
        }
        for range in found {
            self.ranges.push(value.source_range(range));
            self.values.push(range.slice(value.text).to_owned());
        }
    }

    fn add_url_passwords(&mut self, value: DecodedText) {
        for range in url_passwords(value.text) {
            self.ranges.push(value.source_range(range));
            self.values.push(range.slice(value.text).to_owned());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.values.is_empty()
    }

    /// `source` with every password value overwritten by `*`, byte for byte, so that every
    /// offset into the source stays valid (code frames keep their carets aligned).
    pub fn mask_source(&self, source: &str) -> String {
        if self.ranges.is_empty() {
            return source.to_owned();
        }
        let mut out = String::with_capacity(source.len());
        let mut at = 0usize;
        let mut ranges = self.ranges.clone();
        crate::sort::sort(&mut ranges);
        for range in ranges {
            let (start, end) = (range.start as usize, range.end as usize);
            // Ranges may overlap (a URL inside a SIP URI's user part): mask their union.
            let start = start.max(at);
            if end <= start
                || end > source.len()
                || !source.is_char_boundary(start)
                || !source.is_char_boundary(end)
            {
                continue;
            }
            out.push_str(source.get(at..start).unwrap_or(""));
            out.extend(std::iter::repeat_n('*', end - start));
            at = end;
        }
        out.push_str(source.get(at..).unwrap_or(""));
        out
    }

    /// An index of the values for masking many texts: build it once per document.
    pub fn masker(&self) -> Masker<'_> {
        let mut sorted: Vec<&str> =
            self.values.iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        Masker { sorted }
    }

    /// `text` with every password value replaced by [`REDACTED`].
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for value in &self.values {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), REDACTED);
            }
        }
        out
    }

    /// Scrubs a string in place, allocating only when it holds a secret.
    pub fn scrub_in_place(&self, text: &mut String) {
        if self.values.iter().any(|v| text.contains(v.as_str())) {
            *text = self.scrub(text);
        }
    }

    /// Scrubs every text field of a diagnostic.
    pub fn scrub_diagnostic(&self, d: &mut crate::Diagnostic) {
        if self.values.is_empty() {
            return;
        }
        each_text_of(d, |text| self.scrub_in_place(text));
    }
}

/// Calls `scrub` on every text field of a diagnostic (message, help, note, fix titles and
/// edit texts): the one list both scrubbers walk.
fn each_text_of(d: &mut crate::Diagnostic, mut scrub: impl FnMut(&mut String)) {
    scrub(&mut d.message);
    if let Some(help) = d.help.as_mut() {
        scrub(help);
    }
    if let Some(note) = d.profile_note.as_mut() {
        scrub(note);
    }
    for fix in &mut d.fixes {
        scrub(&mut fix.title);
        for edit in &mut fix.edits {
            scrub(&mut edit.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialled_uri_without_its_scheme_has_its_password_found() {
        let found = |t: &str| schemeless_password(t).map(|r| r.slice(t).to_owned());
        assert_eq!(found(" alice:pw@example.com "), Some("pw".to_owned()));
        assert_eq!(found("alice:pw@example.com:5060;x=y"), Some("pw".to_owned()));
        assert_eq!(found("sip:alice@example.com?X-a=b:c@d"), None);
        assert_eq!(found("SIPS:alice@example.com"), None);
        assert_eq!(found("alice@example.com:5060"), None);
        assert_eq!(found("alice:@example.com"), None);
        // Another scheme before a user: masked all the same (the safe side).
        assert_eq!(found("tel:alice@example.com"), Some("alice".to_owned()));
    }

    #[test]
    fn uri_passwords_are_found_in_any_text() {
        let text = "x SIP:alice:hunter2@example.com; sips:bob:p%40ss:w@h sip:carol@h sip:dan:@h sip:é:ü@h";
        let found: Vec<&str> = uri_passwords(text).iter().map(|r| r.slice(text)).collect();
        assert_eq!(found, ["hunter2", "p%40ss:w", "ü"]);
        assert_eq!(mask_uri_passwords("sip:alice:hunter2@h"), "sip:alice:*******@h");
        assert_eq!(mask_uri_passwords("sip:é:ü@h"), "sip:é:**@h");
    }

    #[test]
    fn url_passwords_are_found_in_any_text() {
        let text = "x http://alice:s3cret@app.test/a HTTPS://b:p@w:x@h?q=c:d@e ftp://c:@h http://d@h:1/ \
            ws://e:f@g\\x:y@z \"http://g:h@i\" http://j:k";
        let found: Vec<&str> = url_passwords(text).iter().map(|r| r.slice(text)).collect();
        assert_eq!(found, ["s3cret", "p@w:x", "f", "h"]);
        assert_eq!(
            redact_url_passwords("a http://alice:s3cret@app.test/ b"),
            "a http://alice:***@app.test/ b"
        );
        assert!(matches!(redact_url_passwords("http://app.test/"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(mask_uri_passwords("http://alice:s3cret@h sip:a:b@h"), "http://alice:******@h sip:a:*@h");
        assert!(!may_hold_url_password("<a href='http://app.test/'>sip:a:b@h</a>"));
        assert!(may_hold_url_password("<a>http://a:b@h</a>"));
        assert!(may_hold_url_password("<a>http://a&#58;b@h</a>"));
    }

    #[test]
    fn the_masker_replaces_the_longest_value_everywhere() {
        let secrets = Secrets {
            ranges: Vec::new(),
            values: ["pw", "pw2", "abc", "é", ""].map(str::to_owned).to_vec(),
        };
        let masker = secrets.masker();
        assert_eq!(masker.mask("x pw2 pw pwX abcabc é!"), "x *** ** **X ****** **!");
        let mut text = "a pw2, pw; nothing".to_owned();
        masker.scrub_in_place(&mut text);
        assert_eq!(text, "a ***, ***; nothing");
        let mut clean = "nothing here".to_owned();
        masker.scrub_in_place(&mut clean);
        assert_eq!(clean, "nothing here");
        assert_eq!(Secrets::default().masker().mask("pw"), "pw");
    }
}
