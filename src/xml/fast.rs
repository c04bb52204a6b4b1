//! The fast path of the event loop: text runs, start tags whose attributes are all written
//! `name="value"` (no reference, no `<`, no tab or line break in a value, no repeated
//! name) and end tags that close the innermost element are read here, in one pass over
//! their bytes, without quick-xml and without building any intermediate event.
//!
//! Everything else (and anything that would get a diagnostic) goes to quick-xml, one event
//! at a time, through [`Parser::slow_event`]: the tree and the diagnostics are the same
//! either way, the fast path only recognises the common shapes sooner. Each fast path
//! reproduces where quick-xml would end the markup (the first `>` outside quotes) and
//! calls into the general code wherever the shape is not the plainest one.

use super::reader::{Flow, Parser, MAX_DEPTH};
use super::tree::ValueData;
use crate::text::TextRange;

/// The most attributes a start tag read by the fast path has.
const FAST_ATTRIBUTES: u32 = 16;

/// Byte classes of the fast path.
const NAME: u8 = 1; // ASCII name character: letter, digit, `-`, `.`, `_`, `:`
const NAME_START: u8 = 2; // ASCII name start: letter, `_`, `:`
const SPACE: u8 = 4; // ` `, `\t`, `\n`, `\r`
const VALUE_STOP: u8 = 8; // ends the plain part of an attribute value: quotes, `<`, `&`, tab, CR, LF

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut class = 0;
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            class |= NAME | NAME_START;
        }
        if c.is_ascii_digit() || c == b'-' || c == b'.' {
            class |= NAME;
        }
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            class |= SPACE;
        }
        if matches!(c, b'"' | b'\'' | b'<' | b'&' | b'\t' | b'\n' | b'\r') {
            class |= VALUE_STOP;
        }
        t[b] = class;
        b += 1;
    }
    t
};

/// An offset into the input as `u32`, exactly: the fast path runs only on inputs shorter
/// than 4 GiB ([`Parser::new`] turns it off for longer ones), where every offset fits.
/// (`crate::text::to_u32` saturates instead, at a compare and a select each: 0.6 M
/// instructions per MB here.)
#[inline(always)]
#[allow(clippy::cast_possible_truncation)]
fn off(n: usize) -> u32 {
    n as u32
}

fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

impl<'s> Parser<'s, '_> {
    /// Reads from `base` until the end of the input or until recovery needs a fresh start.
    pub(super) fn read_from(&mut self, base: u32) -> Flow {
        let len = self.len();
        let mut pos = base;
        while pos < len {
            let rest = self.bytes.get(pos as usize..).unwrap_or(&[]);
            let fast = if !self.fast {
                // A fresh quick-xml reader would drop a BOM that a running one reads as text.
                if rest.starts_with(b"\xEF\xBB\xBF") {
                    self.push_text(TextRange::new(pos, pos + 3));
                    pos += 3;
                    continue;
                }
                None
            } else {
                match rest {
                    [b'<', b'/', ..] => self.fast_end_tag(pos),
                    [b'<', b, ..] if class(*b) & NAME_START != 0 => self.fast_start_tag(pos),
                    [b'<', ..] => None,
                    _ => {
                        pos = self.fast_text(pos);
                        continue;
                    }
                }
            };
            let (flow, next) = match fast {
                Some(done) => done,
                None => self.slow_event(pos),
            };
            match flow {
                Flow::Continue if next > pos => pos = next,
                Flow::Continue => return Flow::Stop,
                other => return other,
            }
        }
        Flow::Stop
    }

    /// Character data from `pos` to the next `<` (or the end). Indentation before a tag
    /// that ends the run anyway is skipped without being looked at again; a run without
    /// `&` that such a tag ends goes straight into the tree.
    fn fast_text(&mut self, pos: u32) -> u32 {
        let bytes = self.bytes;
        let rest = bytes.get(pos as usize..).unwrap_or(&[]);
        let blank = run_of(rest, SPACE);
        let first = rest.get(blank).copied();
        let (lt, plain) = match first {
            Some(b'<') => (pos + off(blank), true),
            _ => {
                let after = rest.get(blank..).unwrap_or(&[]);
                match memchr::memchr2(b'<', b'&', after) {
                    Some(i) if after.get(i) == Some(&b'<') => (pos + off(blank + i), true),
                    Some(i) => {
                        let amp = blank + i;
                        let lt = rest.get(amp..).and_then(|r| memchr::memchr(b'<', r));
                        (lt.map_or(self.len(), |j| pos + off(amp + j)), false)
                    }
                    None => (self.len(), true),
                }
            }
        };
        let only_blank = lt == pos + off(blank);
        // A start tag with a name or an end tag flushes the run first: a blank piece alone
        // would be dropped there, a piece without references kept verbatim.
        let flushed_next = match self.byte(lt + 1) {
            Some(b'/') => true,
            Some(b) => class(b) & NAME_START != 0,
            None => false,
        };
        if flushed_next && !self.text.is_active() {
            if only_blank {
                return lt;
            }
            let parent = self.stack.last().copied();
            // (`\x0C` is blank to the general path, not to `SPACE`.)
            if let (true, Some(parent), false) =
                (plain, parent, first.is_none_or(|b| b.is_ascii_whitespace()))
            {
                self.doc.push_text(parent, ValueData::verbatim(TextRange::new(pos, lt)), false);
                return lt;
            }
        }
        self.push_text(TextRange::new(pos, lt));
        lt
    }

    /// `</name>` closing the innermost element; other end tags go to the general code.
    fn fast_end_tag(&mut self, lt: u32) -> Option<(Flow, u32)> {
        let bytes = self.bytes;
        let start = lt as usize + 2;
        let rest = bytes.get(start..)?;
        let n = name_len(rest);
        if n == 0 || rest.get(n) != Some(&b'>') {
            return None;
        }
        let gt = lt + 2 + off(n);
        let name = rest.get(..n)?;
        let matches_top = self
            .stack
            .last()
            .and_then(|&id| self.doc.name_span(id))
            .is_some_and(|s| bytes.get(s.start as usize..s.end as usize) == Some(name));
        if !matches_top {
            return Some((self.end_tag(lt, gt, gt + 1, false), gt + 1));
        }
        if self.text.is_active() {
            self.flush_text();
        }
        self.seen_content = true;
        self.pop(gt + 1);
        Some((Flow::Continue, gt + 1))
    }

    /// A start tag of the plainest shape: `<name`, then ` attr="value"`s, then `>` or `/>`.
    fn fast_start_tag(&mut self, lt: u32) -> Option<(Flow, u32)> {
        let parent = self.stack.last().copied();
        if parent.is_none() && self.doc.root.is_some() {
            return None; // a second root
        }
        if self.stack.len() >= MAX_DEPTH as usize && !self.deep_reported {
            return None;
        }
        let bytes = self.bytes;
        // The offset of a tail of `bytes`.
        let at = |rest: &[u8]| off(bytes.len() - rest.len());
        let after_lt = bytes.get(lt as usize + 1..)?;
        let mut rest = after_lt.get(name_len(after_lt)..)?;
        let name_span = TextRange::new(lt + 1, at(rest));
        let attributes_from = self.doc.attribute_count();
        // One bit per (first byte, length) of the names read so far: a name whose bit is
        // clear is not a repeat, and is not compared with the others. Past
        // [`FAST_ATTRIBUTES`] names the general path (which hashes them) takes the tag, so
        // that a tag of thousands of attributes is not read in quadratic time.
        let mut seen = 0u64;
        let abandon = |p: &mut Self| {
            p.doc.truncate_attributes(attributes_from);
            None
        };
        let self_closing = loop {
            match rest {
                [b'>', ..] => break false,
                [b'/', b'>', ..] => break true,
                [b, tail @ ..] if class(*b) & SPACE != 0 => {
                    rest = tail.get(run_of(tail, SPACE)..).unwrap_or(&[]);
                    match rest {
                        [b'>', ..] => break false,
                        [b'/', b'>', ..] => break true,
                        [b, ..] if class(*b) & NAME_START != 0 => {}
                        _ => return abandon(self),
                    }
                    let name_start = at(rest);
                    let Some((name, after_name)) = rest.split_at_checked(name_len(rest)) else {
                        return abandon(self);
                    };
                    let [b'=', quote @ (b'"' | b'\''), value @ ..] = after_name else { return abandon(self) };
                    let quote = *quote;
                    let mut end = 0;
                    loop {
                        end += value_len(value.get(end..).unwrap_or(&[]));
                        match value.get(end) {
                            Some(&b) if b == quote => break,
                            Some(b'"' | b'\'') => end += 1,
                            _ => return abandon(self),
                        }
                    }
                    let attr_name = TextRange::new(name_start, name_start + off(name.len()));
                    let first = usize::from(name.first().copied().unwrap_or(0));
                    let bit = 1u64 << ((first + 7 * name.len()) % 64);
                    if seen & bit != 0 && self.doc.has_attribute_named(attributes_from, attr_name) {
                        return abandon(self);
                    }
                    seen |= bit;
                    if self.doc.attribute_count() - attributes_from >= FAST_ATTRIBUTES {
                        return abandon(self);
                    }
                    let value_start = at(value);
                    let raw = TextRange::new(value_start, value_start + off(end));
                    self.doc.push_attribute(attr_name, char::from(quote), ValueData::verbatim(raw));
                    rest = value.get(end + 1..).unwrap_or(&[]);
                }
                _ => return abandon(self),
            }
        };
        let tag_end = at(rest) + if self_closing { 2 } else { 1 };
        if self.text.is_active() {
            self.flush_text();
        }
        self.seen_content = true;
        let start_tag = TextRange::new(lt, tag_end);
        let id = self.doc.push_element(parent, name_span, start_tag, attributes_from, self_closing);
        if !self_closing {
            self.stack.push(id);
        }
        Some((Flow::Continue, tag_end))
    }
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The next 8 bytes of `s` from `at` as one little-endian word, if there are 8.
#[inline(always)]
fn word(s: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; 8] = s.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The length of the XML name (ASCII name characters) at the start of `s`: 8 bytes at a
/// time while they are all letters (most names are), then by the byte class table.
#[inline(always)]
fn name_len(s: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = word(s, n) {
        // Per byte, without carries: the high bit of `ge_a` says `(b | 0x20) >= b'a'`, that
        // of `gt_z` says `(b | 0x20) > b'z'` (for bytes below 0x80).
        let lower = (x | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F;
        let ge_a = lower + 0x1F * LO;
        let gt_z = lower + 0x05 * LO;
        let other = !(ge_a & !gt_z & !x) & HI;
        if other == 0 {
            n += 8;
            continue;
        }
        // The first byte that is not a letter: the end of the name (usually), or a digit,
        // `-`, `.`, `_` or `:` to step over.
        n += (other.trailing_zeros() / 8) as usize;
        match s.get(n) {
            Some(&b) if class(b) & NAME != 0 => n += 1,
            _ => return n,
        }
    }
    let tail = s.get(n..).unwrap_or(&[]);
    n + tail.iter().position(|&b| class(b) & NAME == 0).unwrap_or(tail.len())
}

/// The number of bytes before the first [`VALUE_STOP`] byte of `s` (or a control byte),
/// 8 bytes at a time. Each mask below flags its first byte exactly (a false flag can only
/// follow a true one), so the lowest flag of their union is the first stop.
#[inline(always)]
fn value_len(s: &[u8]) -> usize {
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut n = 0;
    while let Some(x) = word(s, n) {
        let stops = zero(x ^ (u64::from(b'"') * LO))
            | zero(x ^ (u64::from(b'\'') * LO))
            | zero(x ^ (u64::from(b'<') * LO))
            | zero(x ^ (u64::from(b'&') * LO))
            | (x.wrapping_sub(0x20 * LO) & !x & HI);
        if stops != 0 {
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let tail = s.get(n..).unwrap_or(&[]);
    n + tail.iter().position(|&b| class(b) & VALUE_STOP != 0 || b < 0x20).unwrap_or(tail.len())
}

/// How many bytes at the start of `s` are of `mask`'s class.
#[inline(always)]
fn run_of(s: &[u8], mask: u8) -> usize {
    s.iter().position(|&b| class(b) & mask == 0).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::xml::Document;
    use crate::Profile;
    use std::fmt::Write;

    /// The word-at-a-time scans agree with the byte class table for every byte at every
    /// place of a word and of the tail after it.
    #[test]
    fn word_scans_agree_with_the_table() {
        for len in [3usize, 8, 11, 16, 19] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut name = vec![b'k'; len];
                    name[at] = b;
                    assert_eq!(name_len(&name), run_of(&name, NAME), "name {name:?}");
                    let mut value = vec![b'v'; len];
                    value[at] = b;
                    let expected = value.iter().position(|&c| class(c) & VALUE_STOP != 0 || c < 0x20);
                    assert_eq!(value_len(&value), expected.unwrap_or(len), "value {value:?}");
                }
            }
        }
    }

    #[test]
    fn names_with_many_non_letters_are_read_whole() {
        for name in
            ["a-b.c_d:e1234567890x", "X-Header0", "a1b2c3d4e5f6g7h8i9j0", "statusCallbackEvent", "_:-.9"]
        {
            for end in ["=\"1\"", ">", "/>", " ", ""] {
                let text = format!("{name}{end}");
                assert_eq!(name_len(text.as_bytes()), name.len(), "{text}");
                assert_eq!(name_len(text.as_bytes()), run_of(text.as_bytes(), NAME), "{text}");
            }
        }
    }

    /// Everything the tree says, in one string.
    fn dump(doc: &Document<'_>) -> String {
        let mut out = format!("root {:?} bare {:?}\n", doc.root, doc.bare_ampersands);
        for (id, e) in doc.iter() {
            let _ = writeln!(
                out,
                "{id:?} {} {:?} {:?} {:?} {:?} {} {} {}",
                e.name,
                e.name_span,
                e.span,
                e.start_tag,
                e.parent,
                e.depth,
                e.self_closing,
                e.has_element_children()
            );
            for a in e.attributes() {
                let _ = writeln!(
                    out,
                    "  @{} {:?} {:?} {:?} {:?}",
                    a.name, a.name_span, a.raw_span, a.quote, a.value
                );
            }
            for t in e.texts() {
                let _ = writeln!(out, "  #{:?} {}", t.value, t.is_cdata);
            }
            let kids: Vec<_> = doc.child_elements(id).map(|(c, _)| c).collect();
            let _ = writeln!(out, "  kids {kids:?}");
        }
        out
    }

    fn both(source: &str) -> (String, String) {
        let run = |fast: bool| {
            let mut diags = Diagnostics::new(Profile::RestcommConnect);
            super::super::text::report_illegal_characters(source, &mut diags);
            let mut parser = Parser::new(source, &mut diags);
            parser.fast = fast;
            let doc = parser.run();
            let tree = dump(&doc);
            format!("{tree}{:#?}", diags.into_sorted())
        };
        (run(true), run(false))
    }

    /// Every fixture, and each of them cut and spliced with markup characters at many
    /// places: the fast path gives the very tree and diagnostics quick-xml gives.
    #[test]
    fn the_fast_path_reads_as_quick_xml_does() {
        let mut sources = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "xml") {
                    sources.push(std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        assert!(sources.len() > 100, "fixtures found: {}", sources.len());
        let inserts = [
            "<",
            ">",
            "\"",
            "'",
            "&",
            "/",
            "=",
            " ",
            "\n",
            "\t",
            "<a",
            "</",
            "/>",
            "&amp;",
            "<!--",
            "]]>",
            "\u{feff}",
            "é",
            "<![CDATA[",
            "<?",
            "</Dial>",
            "<X a='1'>",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut checked = 0;
        for source in &sources {
            let mut variants = vec![source.clone()];
            for k in 0..120 {
                let mut v = source.clone();
                // One to three edits, the later ones on the already edited text.
                for _ in 0..1 + k % 3 {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let chars: Vec<usize> = v.char_indices().map(|(i, _)| i).collect();
                    let Some(&at) = chars.get((seed % chars.len().max(1) as u64) as usize) else { continue };
                    let insert = inserts[(seed >> 32) as usize % inserts.len()];
                    if seed & 1 == 0 {
                        v.insert_str(at, insert);
                    } else {
                        let n = 1 + (seed >> 40) as usize % 4;
                        let end = v[at..].char_indices().nth(n).map_or(v.len(), |(i, _)| at + i);
                        v.replace_range(at..end, "");
                    }
                }
                variants.push(v);
            }
            for v in variants {
                let (fast, slow) = both(&v);
                assert!(
                    fast == slow,
                    "fast and quick-xml paths differ on:\n{v}\n--- fast\n{fast}\n--- slow\n{slow}"
                );
                checked += 1;
            }
        }
        assert!(checked > 1000);
    }
}
