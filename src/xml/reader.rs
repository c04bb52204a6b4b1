//! The general path of the event loop: what the fast path (`fast.rs`) does not take is
//! lexed by quick-xml, one event at a time, and built into the tree here, with recovery.
//!
//! quick-xml runs with its well-formedness checks off (end-tag matching, comment checks,
//! dangling `&`): the tree builder does them itself, with an explicit stack, so that it can
//! say more and keep going. Spans come from `buffer_position()` before and after each
//! event; tags are re-scanned here (names, attributes), text is decoded here. When quick-xml
//! gives up (a syntax error makes it stop), the builder resynchronises with its own small
//! scans and starts again further on.

use super::decode::{is_name_char, is_name_start, TextBuilder};
use super::rules::*;
use super::text::decode_into;
use super::tree::{Document, ElementId};
use crate::diagnostics::{Diagnostic, Diagnostics, Edit, Rule};
use crate::text::{to_u32, TextRange};
use quick_xml::errors::{Error, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Elements deeper than this get one `xml/nesting-too-deep` (they are still read).
pub const MAX_DEPTH: u32 = 1000;
/// How far down the open-element stack an end tag's name is looked for.
const END_TAG_SEARCH: usize = 64;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the event loop does after an event.
pub(super) enum Flow {
    Continue,
    /// Start a fresh reader at this offset; quick-xml had read up to the second one.
    Restart(u32, u32),
    Stop,
}

pub(super) struct Parser<'s, 'd> {
    pub(super) src: &'s str,
    pub(super) bytes: &'s [u8],
    pub(super) diags: &'d mut Diagnostics,
    pub(super) doc: Document<'s>,
    pub(super) stack: Vec<ElementId>,
    pub(super) text: TextBuilder,
    /// The builder of attribute values, reused from value to value.
    pub(super) attribute_text: TextBuilder,
    pub(super) deep_reported: bool,
    /// Entity names declared in a `<!DOCTYPE>` (never expanded; named in messages).
    pub(super) declared_entities: Vec<String>,
    /// Bytes that recovery may still re-read before the reader gives up.
    budget: u64,
    /// Offset of the first byte after the BOM.
    pub(super) content_start: u32,
    /// Something other than whitespace (markup or text) was seen.
    pub(super) seen_content: bool,
    last_gt: Option<usize>,
    /// Scratch buffer of the attribute scanner, reused from tag to tag: for each attribute
    /// of the tag, the start of the whitespace before it, its end, and its name.
    pub(super) extents: Vec<(u32, u32, TextRange)>,
    /// The fast path may read what it recognises (off only to test it against quick-xml).
    pub(super) fast: bool,
}

impl<'s, 'd> Parser<'s, 'd> {
    pub(super) fn new(src: &'s str, diags: &'d mut Diagnostics) -> Self {
        let bytes = src.as_bytes();
        Self {
            src,
            bytes,
            diags,
            doc: Document::new(src),
            stack: Vec::new(),
            text: TextBuilder::default(),
            attribute_text: TextBuilder::default(),
            deep_reported: false,
            declared_entities: Vec::new(),
            budget: 4 * bytes.len() as u64 + 4096,
            content_start: if bytes.starts_with(BOM) { 3 } else { 0 },
            seen_content: false,
            last_gt: memchr::memrchr(b'>', bytes),
            extents: Vec::new(),
            fast: true,
        }
    }

    pub(super) fn len(&self) -> u32 {
        to_u32(self.bytes.len())
    }

    pub(super) fn byte(&self, at: u32) -> Option<u8> {
        self.bytes.get(at as usize).copied()
    }

    pub(super) fn slice(&self, range: TextRange) -> &'s str {
        range.slice(self.src)
    }

    /// First occurrence of `needle` in `from..to`.
    pub(super) fn find(&self, needle: u8, from: u32, to: u32) -> Option<u32> {
        let hay = self.bytes.get(from as usize..to as usize)?;
        super::find_byte(needle, hay).map(|i| from + to_u32(i))
    }

    pub(super) fn diag(
        &self,
        rule: &'static Rule,
        range: TextRange,
        message: impl Into<String>,
    ) -> Diagnostic {
        rule.at(self.diags.profile, range, message)
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    pub(super) fn run(mut self) -> Document<'s> {
        let mut pos = self.content_start;
        loop {
            // A reader starting at a BOM would drop it without counting it: keep it as text.
            while pos > 0 && self.bytes.get(pos as usize..).is_some_and(|r| r.starts_with(BOM)) {
                self.push_text(TextRange::new(pos, pos + 3));
                pos += 3;
            }
            if pos as usize >= self.bytes.len() {
                break;
            }
            let flow = if self.last_gt.is_none_or(|g| g < pos as usize) {
                self.read_tail(pos);
                Flow::Stop
            } else {
                self.read_from(pos)
            };
            match flow {
                Flow::Restart(next, read_to) if next > pos => {
                    self.budget = self.budget.saturating_sub(u64::from(read_to.saturating_sub(next)));
                    if self.budget == 0 {
                        let d = self
                            .diag(
                                &TOO_MANY_ERRORS,
                                TextRange::empty(next),
                                "too many markup errors: the rest of the document was not checked",
                            )
                            .with_help("Fix the errors above and check the document again.");
                        self.push(d);
                        break;
                    }
                    pos = next;
                }
                Flow::Restart(..) | Flow::Stop | Flow::Continue => break,
            }
        }
        self.finish()
    }

    /// Runs quick-xml for the one event of markup at `base` (a `<` the fast path does not
    /// take); returns what to do next and where the event ended.
    pub(super) fn slow_event(&mut self, base: u32) -> (Flow, u32) {
        let Some(rest) = self.src.get(base as usize..) else { return (Flow::Stop, base) };
        let mut reader = Reader::from_str(rest);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
        let position = |p: u64| base.saturating_add(u32::try_from(p).unwrap_or(u32::MAX));
        {
            let before = position(reader.buffer_position());
            let event = reader.read_event();
            let after = position(reader.buffer_position());
            let flow = match event {
                Ok(Event::Eof) => Flow::Stop,
                Ok(Event::Text(_) | Event::GeneralRef(_)) => {
                    self.push_text(TextRange::new(before, after));
                    Flow::Continue
                }
                Ok(Event::CData(_)) => self.cdata(before, after),
                Ok(Event::Start(_)) => self.start_tag(before, after.saturating_sub(1), after, false, false),
                Ok(Event::Empty(_)) => self.start_tag(before, after.saturating_sub(2), after, true, false),
                Ok(Event::End(_)) => self.end_tag(before, after.saturating_sub(1), after, false),
                Ok(Event::Comment(_)) => self.comment(before, after),
                Ok(Event::Decl(_) | Event::PI(_)) => self.processing_instruction(before, after, true),
                // `<!DOCTYPE>` without a name is quick-xml's only recoverable error here.
                Ok(Event::DocType(_)) | Err(Error::IllFormed(_)) => self.doctype(before, after),
                Err(Error::Syntax(kind)) => {
                    let at = position(reader.error_position());
                    self.recover(kind, at)
                }
                Err(_) => Flow::Stop,
            };
            (flow, after)
        }
    }

    /// The rest of the input holds no `>` at all: every `<` opens a tag that never ends.
    /// Read it without quick-xml (which would scan to the end for each one).
    fn read_tail(&mut self, mut at: u32) {
        let len = self.len();
        while at < len {
            let Some(lt) = self.find(b'<', at, len) else {
                self.push_text(TextRange::new(at, len));
                return;
            };
            if lt > at {
                self.push_text(TextRange::new(at, lt));
            }
            let next = self.find(b'<', lt + 1, len).unwrap_or(len);
            let flow = match self.byte(lt + 1) {
                Some(b'/') => self.end_tag(lt, next, next, true),
                Some(b'!') => self.recover(SyntaxError::InvalidBangMarkup, lt),
                Some(b'?') => self.recover(SyntaxError::UnclosedPI, lt),
                _ => self.start_tag(lt, next, next, false, true),
            };
            at = match flow {
                Flow::Restart(next, _) if next > lt => next,
                Flow::Continue => next,
                _ => return,
            };
        }
    }

    /// quick-xml stopped with a syntax error at `at` (the `<` of the markup it could not
    /// finish): report it and say where to start again.
    fn recover(&mut self, kind: SyntaxError, at: u32) -> Flow {
        let len = self.len();
        let next_lt = self.find(b'<', at + 1, len);
        let next_gt = self.find(b'>', at + 1, len);
        match kind {
            SyntaxError::UnclosedTag
            | SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                // The tag ends at the first `>`, unless a `<` comes first (then `>` is missing).
                let (content_end, tag_end, missing_gt) = match (next_gt, next_lt) {
                    (Some(g), lt) if kind != SyntaxError::UnclosedTag && lt.is_none_or(|l| g < l) => {
                        let self_closing = g > at && self.byte(g - 1) == Some(b'/');
                        (if self_closing { g - 1 } else { g }, g + 1, false)
                    }
                    (_, Some(l)) => (l, l, true),
                    (_, None) => (len, len, true),
                };
                let self_closing = !missing_gt && content_end + 1 < tag_end;
                let flow = if self.byte(at + 1) == Some(b'/') {
                    self.end_tag(at, content_end, tag_end, missing_gt)
                } else {
                    self.start_tag(at, content_end, tag_end, self_closing, missing_gt)
                };
                match flow {
                    Flow::Continue => Flow::Restart(tag_end, len),
                    Flow::Restart(next, _) => Flow::Restart(next, len),
                    Flow::Stop => Flow::Stop,
                }
            }
            _ => {
                let flow = self.recover_markup(kind, at, next_gt);
                match flow {
                    Flow::Restart(next, _) => Flow::Restart(next, len),
                    other => other,
                }
            }
        }
    }

    /// Appends source text (character data between markup) to the current text run.
    pub(super) fn push_text(&mut self, range: TextRange) {
        if range.is_empty() {
            return;
        }
        decode_into(
            self.src,
            &mut self.text,
            range,
            self.diags,
            &mut self.doc.bare_ampersands,
            &self.declared_entities,
            false,
        );
    }

    fn cdata(&mut self, lt: u32, end: u32) -> Flow {
        self.text.begin(lt);
        self.text.is_cdata = true;
        let content = TextRange::new(lt + 9, end.saturating_sub(3).max(lt + 9));
        if !content.is_empty() {
            self.text.push_verbatim(self.src, content);
        }
        self.text.skip_to(self.src, end);
        Flow::Continue
    }

    /// Ends the current text run: attaches it to the open element, or reports it when it is
    /// outside the root.
    pub(super) fn flush_text(&mut self) {
        if self.text.discard_blank(self.src) {
            return;
        }
        let Some((value, is_cdata)) = self.text.finish(&mut self.doc) else { return };
        if let Some(&parent) = self.stack.last() {
            self.doc.push_text(parent, value, is_cdata);
            return;
        }
        let value = self.doc.decoded_text(&value);
        let (trimmed, decoded) = value.trimmed();
        if trimmed.is_empty() {
            return;
        }
        let range = value.source_range(decoded);
        let where_ = if self.doc.root.is_some() { "after" } else { "before" };
        let d = self
            .diag(&TEXT_OUTSIDE_ROOT, range, format!("text `{}` {where_} the root element", preview(trimmed)))
            .with_help("Move the text inside an element, or remove it.");
        self.seen_content = true;
        self.push(d);
    }

    /// The name token after `<` or `</`: up to whitespace, `/`, `>`, `<`, `=` or a quote.
    pub(super) fn name_end(&self, from: u32, to: u32) -> u32 {
        let hay = self.bytes.get(from as usize..to as usize).unwrap_or(&[]);
        let n = hay
            .iter()
            .position(|&b| {
                matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'<' | b'=' | b'"' | b'\'')
            })
            .unwrap_or(hay.len());
        from + to_u32(n)
    }

    pub(super) fn check_name(&mut self, range: TextRange, what: &str) {
        let name = self.slice(range);
        if name.bytes().all(is_name_char) && name.bytes().next().is_some_and(is_name_start) {
            return;
        }
        let d = self
            .diag(&INVALID_NAME, range, format!("`{}` is not a valid {what} name", preview(name)))
            .with_help("XML names start with a letter, `_` or `:` and contain only letters, digits, `-`, `.`, `_` and `:`.");
        self.push(d);
    }

    /// The end of `from..to` without trailing whitespace.
    pub(super) fn trim_end(&self, from: u32, to: u32) -> u32 {
        let hay = self.bytes.get(from as usize..to as usize).unwrap_or(&[]);
        let n = hay.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |p| p + 1);
        from + to_u32(n)
    }

    /// A start tag `<` at `lt`, content up to `content_end` (`>` or `/>` or, when
    /// `missing_gt`, where the tag was cut), the whole tag up to `tag_end`.
    fn start_tag(
        &mut self,
        lt: u32,
        content_end: u32,
        tag_end: u32,
        self_closing: bool,
        missing_gt: bool,
    ) -> Flow {
        let name_start = lt + 1;
        let name_end = self.name_end(name_start, content_end);
        if name_end == name_start || self.byte(name_start).is_none_or(|b| !is_name_start(b)) {
            // `<` followed by a space, a digit, `=`…: a literal less-than sign in text.
            let d = self
                .diag(&UNESCAPED_LT, TextRange::new(lt, lt + 1), "`<` does not start a tag here")
                .with_help("Write a literal `<` as `&lt;`.")
                .with_replacement("Replace `<` with `&lt;`", "&lt;");
            self.push(d);
            self.push_text(TextRange::new(lt, lt + 1));
            return Flow::Restart(lt + 1, tag_end);
        }
        self.flush_text();
        self.seen_content = true;
        let name_span = TextRange::new(name_start, name_end);
        self.check_name(name_span, "element");
        let name = self.slice(name_span);
        let scan = self.scan_attributes(name_end, content_end, name);
        let (start_tag, flow, self_closing) = match scan.end {
            super::attributes::TagEnd::Complete if !missing_gt => {
                (TextRange::new(lt, tag_end), Flow::Continue, self_closing)
            }
            super::attributes::TagEnd::Cut(gt) => {
                let end = gt + 1;
                (TextRange::new(lt, end), Flow::Restart(end, tag_end), false)
            }
            super::attributes::TagEnd::Complete | super::attributes::TagEnd::Stopped(_) => {
                let stop = match scan.end {
                    super::attributes::TagEnd::Stopped(q) => q,
                    _ => content_end,
                };
                let end = self.trim_end(lt, stop).max(name_end);
                let d = self
                    .diag(
                        &UNCLOSED_TAG,
                        name_span,
                        format!("start tag `<{}>` is not closed: `>` is missing", preview(name)),
                    )
                    .with_help("End the start tag with `>` (or `/>` for an empty element).")
                    .with_fix("Insert `>`", vec![Edit { start: end, end, text: ">".into() }]);
                self.push(d);
                let flow =
                    if stop < tag_end || missing_gt { Flow::Restart(stop, tag_end) } else { Flow::Continue };
                (TextRange::new(lt, end), flow, false)
            }
        };
        let parent = self.stack.last().copied();
        let depth = to_u32(self.stack.len());
        if parent.is_none() {
            if let Some(root) = self.doc.root.and_then(|r| self.doc.name_span(r)) {
                let root_name = preview(self.slice(root));
                let d = self
                    .diag(
                        &MULTIPLE_ROOTS,
                        name_span,
                        format!("element `<{}>` is outside the root element `<{root_name}>`", preview(name)),
                    )
                    .with_help(format!(
                        "A document has exactly one root: move `<{}>` inside `<{root_name}>`.",
                        preview(name)
                    ));
                self.push(d);
            }
        }
        if depth >= MAX_DEPTH && !self.deep_reported {
            self.deep_reported = true;
            let d = self
                .diag(
                    &NESTING_TOO_DEEP,
                    name_span,
                    format!("elements are nested more than {MAX_DEPTH} levels deep"),
                )
                .with_help("No RCML document needs this depth; check the generator of this document.");
            self.push(d);
        }
        let id = self.doc.push_element(parent, name_span, start_tag, scan.attributes_from, self_closing);
        if !self_closing {
            self.stack.push(id);
        }
        flow
    }

    /// An end tag `</` at `lt`.
    pub(super) fn end_tag(&mut self, lt: u32, content_end: u32, tag_end: u32, missing_gt: bool) -> Flow {
        // `</Sip` followed by a `<` before any `>`: the end tag lacks its `>`.
        let (content_end, tag_end, missing_gt, flow) = match self.find(b'<', lt + 2, content_end) {
            Some(q) => (q, q, true, Flow::Restart(q, tag_end)),
            None if missing_gt => (content_end, tag_end, true, Flow::Restart(tag_end, tag_end)),
            None => (content_end, tag_end, false, Flow::Continue),
        };
        self.flush_text();
        self.seen_content = true;
        let mut name_start = lt + 2;
        while name_start < content_end && self.byte(name_start).is_some_and(|b| b.is_ascii_whitespace()) {
            name_start += 1;
        }
        let name_end = self.name_end(name_start, content_end);
        let name_span = TextRange::new(name_start, name_end);
        let tag = TextRange::new(lt, tag_end);
        if name_span.is_empty() {
            let d = self
                .diag(&MALFORMED_END_TAG, tag, "end tag has no name")
                .with_help("Write the name of the element to close, as in `</Dial>`.");
            self.push(d);
            return flow;
        }
        let name = self.slice(name_span);
        if name_start > lt + 2 {
            let d = self
                .diag(
                    &MALFORMED_END_TAG,
                    TextRange::new(lt + 2, name_start),
                    format!("space between `</` and `{}`", preview(name)),
                )
                .with_help("Write the end tag without spaces after `</`.")
                .with_fix(
                    "Remove the space",
                    vec![Edit { start: lt + 2, end: name_start, text: String::new() }],
                );
            self.push(d);
        }
        let rest_start = {
            let mut i = name_end;
            while i < content_end && self.byte(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            i
        };
        let rest_end = self.trim_end(rest_start, content_end);
        if rest_end > rest_start {
            let d = self
                .diag(
                    &MALFORMED_END_TAG,
                    TextRange::new(rest_start, rest_end),
                    format!("end tag `</{}>` cannot have attributes", preview(name)),
                )
                .with_help("Attributes belong on the start tag; remove them from the end tag.")
                .with_fix(
                    "Remove the attributes",
                    vec![Edit { start: name_end, end: rest_end, text: String::new() }],
                );
            self.push(d);
        }
        let gt_at = self.trim_end(lt, content_end).max(name_end);
        if missing_gt {
            let d = self
                .diag(
                    &UNCLOSED_TAG,
                    name_span,
                    format!("end tag `</{}>` is not closed: `>` is missing", preview(name)),
                )
                .with_help("End the end tag with `>`.")
                .with_fix("Insert `>`", vec![Edit { start: gt_at, end: gt_at, text: ">".into() }]);
            self.push(d);
        }
        let end = if missing_gt { gt_at } else { tag_end };
        self.close(name_span, TextRange::new(lt, end));
        flow
    }

    /// Matches an end tag named `name_span` against the open elements.
    fn close(&mut self, name_span: TextRange, tag: TextRange) {
        let name = self.slice(name_span);
        let Some(&top) = self.stack.last() else {
            let message = if self.doc.root.is_some() {
                format!("end tag `</{}>` after the root element was closed", preview(name))
            } else {
                format!("end tag `</{}>` has no matching start tag", preview(name))
            };
            let d = self
                .diag(&UNEXPECTED_END_TAG, tag, message)
                .with_help("Remove the end tag, or add the start tag it should close.")
                .with_replacement("Remove the end tag", "");
            self.push(d);
            return;
        };
        let top_name = self.doc.name_span(top).map_or("", |s| self.slice(s));
        if top_name == name {
            self.pop(tag.end);
            return;
        }
        let found = self
            .stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH)
            .position(|id| self.doc.name_span(*id).is_some_and(|s| self.slice(s) == name));
        match found {
            Some(k) => {
                // The `k` elements above the match were never closed.
                for _ in 0..k {
                    let Some(&open) = self.stack.last() else { break };
                    let (open_name, open_span) =
                        self.doc.name_span(open).map_or(("", tag), |s| (self.slice(s), s));
                    let d = self
                        .diag(
                            &UNCLOSED_ELEMENT,
                            open_span,
                            format!("`<{}>` is not closed before `</{}>`", preview(open_name), preview(name)),
                        )
                        .with_help(format!(
                            "Close `<{0}>` with `</{0}>` before `</{1}>`.",
                            preview(open_name),
                            preview(name)
                        ))
                        .with_fix(
                            format!("Insert `</{}>`", preview(open_name)),
                            vec![Edit { start: tag.start, end: tag.start, text: format!("</{open_name}>") }],
                        );
                    self.push(d);
                    self.pop(tag.start);
                }
                self.pop(tag.end);
            }
            // A misspelling (`</sip>`, `</Dail>`) closes the element it was meant for.
            None if names_look_alike(top_name, name) => {
                let top_name = top_name.to_owned();
                let d = self
                    .diag(&MISMATCHED_END_TAG, name_span, format!("end tag `</{}>` does not match the start tag `<{}>`", preview(name), preview(&top_name)))
                    .with_help(format!("The innermost open element is `<{0}>`: close it with `</{0}>` (names are case-sensitive).", preview(&top_name)))
                    .with_replacement(format!("Replace with `{}`", preview(&top_name)), top_name.clone());
                self.push(d);
                self.pop(tag.end);
            }
            // Any other name closes nothing open: a stray end tag, ignored so that the real
            // end tag can still match later. Its fix removes it (renaming it would close the
            // innermost element early and leave that element's own end tag stray).
            None => {
                let message = format!(
                    "end tag `</{}>` matches no open element (the innermost is `<{}>`)",
                    preview(name),
                    preview(top_name)
                );
                let d = self
                    .diag(&UNEXPECTED_END_TAG, tag, message)
                    .with_help("Remove the end tag, or add the start tag it should close.")
                    .with_replacement("Remove the end tag", "");
                self.push(d);
            }
        }
    }

    pub(super) fn pop(&mut self, end: u32) {
        if let Some(id) = self.stack.pop() {
            self.doc.extend_span(id, end);
        }
    }

    fn finish(mut self) -> Document<'s> {
        self.flush_text();
        let len = self.len();
        let depth = self.stack.len();
        let mut reported = 0usize;
        while let Some(&id) = self.stack.last() {
            // Past the diagnostics cap, only the spans matter.
            if reported < 100 || depth <= 200 {
                reported += 1;
                let (name, span) =
                    self.doc.name_span(id).map_or(("", TextRange::empty(len)), |s| (self.slice(s), s));
                let d = self
                    .diag(&UNCLOSED_ELEMENT, span, format!("`<{}>` is never closed", preview(name)))
                    .with_help(format!("Add `</{}>` where the element ends.", preview(name)))
                    .with_fix(
                        format!("Insert `</{}>` at the end", preview(name)),
                        vec![Edit { start: len, end: len, text: format!("</{name}>") }],
                    );
                self.push(d);
            }
            self.pop(len);
        }
        if self.doc.root.is_none() {
            let d = self
                .diag(&EMPTY_DOCUMENT, TextRange::new(0, len), "the document has no root element")
                .with_help("An RCML document is one `<Response>` element: `<Response>…</Response>`.");
            self.push(d);
        }
        super::text::report_bare_ampersands(self.src, &self.doc.bare_ampersands, self.diags);
        self.doc
    }
}

/// At most 40 characters of a name or text for a message, cut on a character boundary.
pub(super) fn preview(s: &str) -> &str {
    // At most 40 bytes is at most 40 characters: the common case counts nothing.
    if s.len() <= 40 {
        return s;
    }
    match s.char_indices().nth(40) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// Same name but for case, or within two edits (a typo): then the end tag is taken to close
/// the open element.
fn names_look_alike(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Levenshtein distance, one row.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let value =
                (diag + usize::from(ca != cb)).min(above.saturating_add(1)).min(left.saturating_add(1));
            diag = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().is_some_and(|&d| d <= 2)
}
