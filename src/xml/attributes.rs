//! Attributes of a start tag, scanned here rather than by quick-xml so that every mistake
//! (typographic quotes, missing quotes or `=`, `<` in a value, a forgotten closing quote)
//! gets its own diagnostic and the attribute is still recovered.

use super::reader::{preview, Parser};
use super::rules::*;
use super::text::decode_into;
use super::tree::ValueData;
use crate::diagnostics::Edit;
use crate::text::TextRange;

/// Where a start tag really ended.
pub(super) enum TagEnd {
    /// Where quick-xml (or recovery) said.
    Complete,
    /// At this `<`: the tag lacks its `>`.
    Stopped(u32),
    /// At this `>` inside a quoted value: the value lacks its closing quote.
    Cut(u32),
}

pub(super) struct ScannedTag {
    /// Index of the tag's first attribute in the document.
    pub(super) attributes_from: u32,
    pub(super) end: TagEnd,
}

/// Typographic quotes people paste into attribute values (UTF-8 `E2 80 xx`).
const TYPOGRAPHIC_QUOTES: [(u8, char); 6] =
    [(0x9C, '“'), (0x9D, '”'), (0x98, '‘'), (0x99, '’'), (0xB3, '″'), (0x9E, '„')];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Parser<'_, '_> {
    fn curly_quote_at(&self, at: u32) -> Option<char> {
        if self.byte(at) != Some(0xE2) || self.byte(at + 1) != Some(0x80) {
            return None;
        }
        let third = self.byte(at + 2)?;
        TYPOGRAPHIC_QUOTES.iter().find(|(b, _)| *b == third).map(|(_, c)| *c)
    }

    fn skip_space(&self, mut at: u32, to: u32) -> u32 {
        while at < to && self.byte(at).is_some_and(is_space) {
            at += 1;
        }
        at
    }

    /// Scans the attributes in `from..to` (after the element name, before `>` or `/>`).
    pub(super) fn scan_attributes(&mut self, from: u32, to: u32, element: &str) -> ScannedTag {
        let attributes_from = self.doc.attribute_count();
        // (start of the whitespace before the attribute, end of the attribute, name) for
        // fixes; a buffer reused from tag to tag.
        let mut extents = std::mem::take(&mut self.extents);
        extents.clear();
        let mut at = from;
        let end = loop {
            let space_start = at;
            at = self.skip_space(at, to);
            if at >= to {
                break TagEnd::Complete;
            }
            let Some(b) = self.byte(at) else { break TagEnd::Complete };
            if b == b'<' {
                break TagEnd::Stopped(at);
            }
            if matches!(b, b'"' | b'\'' | b'=' | b'/' | b'>') || self.curly_quote_at(at).is_some() {
                let width = if b < 0x80 { 1 } else { 3 };
                let shown = self.slice(TextRange::new(at, at + width));
                let d = self
                    .diag(
                        &MALFORMED_TAG,
                        TextRange::new(at, at + width),
                        format!("unexpected `{shown}` in start tag `<{}>`", preview(element)),
                    )
                    .with_help(
                        "Inside a start tag, write attributes as `name=\"value\"`, separated by spaces.",
                    );
                self.push(d);
                // Skip a whole stray quoted string at once.
                at = match b {
                    b'"' | b'\'' => self.find(b, at + 1, to).map_or(to, |q| q + 1),
                    _ => at + width,
                };
                continue;
            }
            let name_start = at;
            let mut name_end = self.name_end(at, to);
            if let Some(e2) = self.find(0xE2, name_start, name_end) {
                if e2 > name_start && self.curly_quote_at(e2).is_some() {
                    name_end = e2;
                }
            }
            let name_span = TextRange::new(name_start, name_end);
            let name = self.slice(name_span);
            if space_start == name_start && !extents.is_empty() {
                let d = self
                    .diag(
                        &MISSING_ATTRIBUTE_SPACE,
                        TextRange::new(name_start, name_end),
                        format!("no space before attribute `{}`", preview(name)),
                    )
                    .with_help("Separate attributes with a space.")
                    .with_fix(
                        "Insert a space",
                        vec![Edit { start: name_start, end: name_start, text: " ".into() }],
                    );
                self.push(d);
            }
            self.check_name(name_span, "attribute");
            let after_name = self.skip_space(name_end, to);
            let value_start = if self.byte(after_name) == Some(b'=') && after_name < to {
                self.skip_space(after_name + 1, to)
            } else if after_name < to
                && (matches!(self.byte(after_name), Some(b'"' | b'\''))
                    || self.curly_quote_at(after_name).is_some())
            {
                let d = self
                    .diag(
                        &MISSING_EQUALS,
                        name_span,
                        format!("attribute `{}` has no `=` before its value", preview(name)),
                    )
                    .with_help("Write `=` between the attribute name and its value.")
                    .with_fix("Insert `=`", vec![Edit { start: name_end, end: name_end, text: "=".into() }]);
                self.push(d);
                after_name
            } else {
                let d = self
                    .diag(
                        &ATTRIBUTE_WITHOUT_VALUE,
                        name_span,
                        format!("attribute `{}` has no value", preview(name)),
                    )
                    .with_help("XML attributes always have a quoted value, as in `record=\"true\"`.")
                    .with_fix(
                        "Add a value",
                        vec![Edit { start: name_end, end: name_end, text: "=\"\"".into() }],
                    );
                self.push(d);
                let raw_span = TextRange::empty(name_end);
                self.attribute(name_span, raw_span, '\0');
                extents.push((space_start, name_end, name_span));
                at = name_end;
                continue;
            };
            let (raw_span, quote, next, cut) = self.attribute_value(name_span, value_start, to);
            self.attribute(name_span, raw_span, quote);
            extents.push((space_start, next, name_span));
            if let Some(gt) = cut {
                break TagEnd::Cut(gt);
            }
            at = next;
        };
        self.check_duplicates(&extents, element);
        self.extents = extents;
        ScannedTag { attributes_from, end }
    }

    /// The value starting at `at` (after `=`): its raw span, quote, the offset after it,
    /// and the `>` the tag really ends at when the closing quote is missing.
    fn attribute_value(
        &mut self,
        name_span: TextRange,
        at: u32,
        to: u32,
    ) -> (TextRange, char, u32, Option<u32>) {
        // Borrowed from the source, not from `self`: no copy unless a diagnostic needs it.
        let shown = preview(self.slice(name_span));
        match self.byte(at) {
            Some(q @ (b'"' | b'\'')) if at < to => {
                let quote = char::from(q);
                let Some(close) = self.find(q, at + 1, to) else {
                    let d = self
                        .diag(
                            &UNCLOSED_ATTRIBUTE_VALUE,
                            TextRange::new(at, at + 1),
                            format!("value of attribute `{shown}` has no closing `{quote}`"),
                        )
                        .with_help(format!("End the value with `{quote}`."))
                        .with_fix(
                            format!("Insert `{quote}`"),
                            vec![Edit { start: to, end: to, text: quote.to_string() }],
                        );
                    self.push(d);
                    return (TextRange::new(at + 1, to), quote, to, None);
                };
                if let Some(lt) = self.find(b'<', at + 1, close) {
                    if let Some(gt) = self.find(b'>', at + 1, lt) {
                        // `timeout="10><Sip>…`: the quote was never closed, the tag ends at `>`.
                        let d = self
                            .diag(
                                &UNCLOSED_ATTRIBUTE_VALUE,
                                TextRange::new(at, at + 1),
                                format!("value of attribute `{shown}` has no closing `{quote}`"),
                            )
                            .with_help(format!("End the value with `{quote}` before `>`."))
                            .with_fix(
                                format!("Insert `{quote}`"),
                                vec![Edit { start: gt, end: gt, text: quote.to_string() }],
                            );
                        self.push(d);
                        return (TextRange::new(at + 1, gt), quote, gt, Some(gt));
                    }
                    let mut from = lt;
                    while let Some(lt) = self.find(b'<', from, close) {
                        let d = self
                            .diag(
                                &LT_IN_ATTRIBUTE,
                                TextRange::new(lt, lt + 1),
                                format!("`<` in the value of attribute `{shown}`"),
                            )
                            .with_help("Write `&lt;` for a literal `<` in an attribute value.")
                            .with_replacement("Replace `<` with `&lt;`", "&lt;");
                        self.push(d);
                        from = lt + 1;
                    }
                }
                (TextRange::new(at + 1, close), quote, close + 1, None)
            }
            _ if at < to && self.curly_quote_at(at).is_some() => {
                let open = self.curly_quote_at(at).unwrap_or('”');
                let value_start = at + 3;
                // The value ends at the next typographic or straight quote, or at a space.
                let mut i = value_start;
                let mut close = None;
                while i < to {
                    if self.curly_quote_at(i).is_some() {
                        close = Some((i, 3));
                        break;
                    }
                    match self.byte(i) {
                        Some(b'"' | b'\'') => {
                            close = Some((i, 1));
                            break;
                        }
                        Some(b) if is_space(b) => break,
                        _ => i += 1,
                    }
                }
                let (value_end, next) = match close {
                    Some((c, w)) => (c, c + w),
                    None => (i, i),
                };
                let raw_span = TextRange::new(value_start, value_end);
                let straight = if self.slice(raw_span).contains('"') { "'" } else { "\"" };
                let mut edits = vec![Edit { start: at, end: value_start, text: straight.into() }];
                match close {
                    Some((c, w)) => edits.push(Edit { start: c, end: c + w, text: straight.into() }),
                    None => edits.push(Edit { start: value_end, end: value_end, text: straight.into() }),
                }
                let d = self
                    .diag(
                        &CURLY_QUOTES,
                        TextRange::new(at, next),
                        format!("value of attribute `{shown}` is delimited by typographic quotes (`{open}`)"),
                    )
                    .with_help(format!(
                        "XML attribute values need straight quotes: `{shown}={straight}{}{straight}`.",
                        preview(self.slice(raw_span))
                    ))
                    .with_fix(format!("Replace the quotes with `{straight}`"), edits);
                self.push(d);
                (raw_span, open, next, None)
            }
            Some(b) if at < to && !is_space(b) && b != b'<' => {
                let mut end = at;
                while end < to && self.byte(end).is_some_and(|b| !is_space(b) && b != b'<') {
                    end += 1;
                }
                let raw_span = TextRange::new(at, end);
                let d = self
                    .diag(
                        &UNQUOTED_ATTRIBUTE,
                        raw_span,
                        format!("value of attribute `{shown}` is not quoted"),
                    )
                    .with_help(format!("Quote the value: `{shown}=\"{}\"`.", preview(self.slice(raw_span))))
                    .with_fix(
                        "Add quotes",
                        vec![
                            Edit { start: at, end: at, text: "\"".into() },
                            Edit { start: end, end, text: "\"".into() },
                        ],
                    );
                self.push(d);
                (raw_span, '\0', end, None)
            }
            _ => {
                let d = self
                    .diag(
                        &ATTRIBUTE_WITHOUT_VALUE,
                        name_span,
                        format!("attribute `{shown}` has `=` but no value"),
                    )
                    .with_help("Write the value in quotes after `=`.")
                    .with_fix("Add a value", vec![Edit { start: at, end: at, text: "\"\"".into() }]);
                self.push(d);
                (TextRange::empty(at), '\0', at, None)
            }
        }
    }

    fn attribute(&mut self, name_span: TextRange, raw_span: TextRange, quote: char) {
        decode_into(
            self.src,
            &mut self.attribute_text,
            raw_span,
            self.diags,
            &mut self.doc.bare_ampersands,
            &self.declared_entities,
            true,
        );
        let value =
            self.attribute_text.finish(&mut self.doc).map_or(ValueData::verbatim(raw_span), |(v, _)| v);
        // Attribute-value normalisation: each tab, line feed and carriage return becomes a
        // space (byte for byte, so the offset map stays valid).
        let value = self.doc.normalise_whitespace(value);
        self.doc.push_attribute(name_span, quote, value);
    }

    /// `extents`: (start of the whitespace before, end, name span) of each attribute.
    fn check_duplicates(&mut self, extents: &[(u32, u32, TextRange)], element: &str) {
        if extents.len() < 2 {
            return;
        }
        // Past 16 attributes, a stable sort of the indices by name (the crate's one sort
        // instance, no hash set in the .wasm): in each run of equal names, all but the first
        // attribute are repeats.
        let mut later = Vec::new();
        if extents.len() > 16 {
            let name_of = |i: usize| extents.get(i).map_or("", |e| self.slice(e.2));
            let order = crate::sort::order_of(extents.len(), &|a, b| name_of(a).cmp(name_of(b)));
            later = vec![false; extents.len()];
            for pair in order.windows(2) {
                if let [a, b] = *pair {
                    if name_of(a) == name_of(b) {
                        if let Some(flag) = later.get_mut(b) {
                            *flag = true;
                        }
                    }
                }
            }
        }
        for (i, &(start, end, name_span)) in extents.iter().enumerate() {
            let name = self.slice(name_span);
            let repeated = match later.get(i) {
                Some(&flag) => flag,
                None => extents.iter().take(i).any(|e| self.slice(e.2) == name),
            };
            if !repeated {
                continue;
            }
            let d = self
                .diag(
                    &DUPLICATE_ATTRIBUTE,
                    name_span,
                    format!(
                        "attribute `{}` appears more than once on `<{}>`",
                        preview(name),
                        preview(element)
                    ),
                )
                .with_help("Keep one value and remove the other.")
                .with_fix("Remove this attribute", vec![Edit { start, end, text: String::new() }]);
            self.push(d);
        }
    }
}
