//! Markup other than elements: comments, processing instructions and the XML declaration,
//! `<!DOCTYPE>` (V28), and recovery from markup quick-xml could not finish.

use super::reader::{preview, Flow, Parser};
use super::rules::*;
use crate::diagnostics::{Edit, Severity};
use crate::text::{to_u32, TextRange};
use quick_xml::errors::SyntaxError;

impl Parser<'_, '_> {
    pub(super) fn comment(&mut self, lt: u32, end: u32) -> Flow {
        self.flush_text();
        self.seen_content = true;
        let content = TextRange::new(lt + 4, end.saturating_sub(3).max(lt + 4));
        let hay = self.bytes.get(content.start as usize..content.end as usize).unwrap_or(&[]);
        // Byte searches only (no `memmem` substring searcher in the .wasm, about 4 KB).
        if let Some(i) = memchr::memchr_iter(b'-', hay).find(|&i| hay.get(i + 1) == Some(&b'-')) {
            let at = content.start + to_u32(i);
            let d = self
                .diag(
                    &DOUBLE_HYPHEN_IN_COMMENT,
                    TextRange::new(at, at + 2),
                    "`--` is not allowed inside a comment",
                )
                .with_help("Rewrite the comment without `--` (a nested comment cannot be commented out).")
                .with_replacement("Replace `--` with `- -`", "- -");
            self.push(d);
        } else if hay.last() == Some(&b'-') {
            let at = content.end - 1;
            let d = self
                .diag(&DOUBLE_HYPHEN_IN_COMMENT, TextRange::new(at, end), "comment ends with `--->`")
                .with_help("End the comment with exactly `-->`.")
                .with_fix("Remove the extra `-`", vec![Edit { start: at, end: at + 1, text: String::new() }]);
            self.push(d);
        }
        Flow::Continue
    }

    /// `<?…?>` from `lt` to `end`; `closed` is false when recovery ended it at a `>`
    /// without `?`.
    pub(super) fn processing_instruction(&mut self, lt: u32, end: u32, closed: bool) -> Flow {
        self.flush_text();
        let content_end = if closed { end.saturating_sub(2) } else { end.saturating_sub(1) };
        let target_end = {
            let mut i = lt + 2;
            while i < content_end && self.byte(i).is_some_and(|b| !b.is_ascii_whitespace() && b != b'?') {
                i += 1;
            }
            i
        };
        let target = TextRange::new(lt + 2, target_end);
        if !closed {
            let gt = end.saturating_sub(1);
            let d = self
                .diag(
                    &UNCLOSED_PI,
                    TextRange::new(lt, lt + 2 + target.len()),
                    format!("`<?{}` is not closed: `?>` is missing", preview(self.slice(target))),
                )
                .with_help("End it with `?>`.")
                .with_fix("Insert `?`", vec![Edit { start: gt, end: gt, text: "?".into() }]);
            self.push(d);
        }
        if self.slice(target).eq_ignore_ascii_case("xml") {
            self.declaration(lt, end, target, content_end);
        }
        self.seen_content = true;
        Flow::Continue
    }

    fn declaration(&mut self, lt: u32, end: u32, target: TextRange, content_end: u32) {
        if self.slice(target) != "xml" {
            let d = self
                .diag(
                    &MALFORMED_DECLARATION,
                    target,
                    format!("`<?{}` must be written `<?xml`", self.slice(target)),
                )
                .with_help("The XML declaration is written in lower case.")
                .with_replacement("Write `xml`", "xml");
            self.push(d);
        }
        if lt != self.content_start {
            let before = TextRange::new(self.content_start, lt);
            let only_space =
                !self.seen_content && self.slice(before).bytes().all(|b| b.is_ascii_whitespace());
            let d = if only_space {
                self.diag(&DECLARATION_NOT_AT_START, before, "whitespace before `<?xml`: the XML declaration must be at the very start of the document")
                    .with_help("Remove everything before `<?xml`, blank lines included.")
                    .with_replacement("Remove the whitespace", "")
            } else {
                self.diag(
                    &DECLARATION_NOT_AT_START,
                    TextRange::new(lt, target.end),
                    "the XML declaration `<?xml …?>` must be at the very start of the document",
                )
                .with_severity(Severity::Error)
                .with_help("Move the declaration to the very start of the document, or remove it.")
                .with_fix("Remove the declaration", vec![Edit { start: lt, end, text: String::new() }])
            };
            let d = d.with_profile_note(
                "Restcomm-Connect trims the document before parsing, so it accepts leading whitespace; other XML parsers reject it",
            );
            self.push(d);
        }
        self.declaration_attributes(target.end, content_end);
    }

    /// `version="1.0" encoding="UTF-8" standalone="yes"`, in that order.
    fn declaration_attributes(&mut self, from: u32, to: u32) {
        let mut at = from;
        let mut expected = 0usize; // index into NAMES of the next allowed pseudo-attribute
        const NAMES: [&str; 3] = ["version", "encoding", "standalone"];
        let mut saw_version = false;
        loop {
            while at < to && self.byte(at).is_some_and(|b| b.is_ascii_whitespace()) {
                at += 1;
            }
            if at >= to {
                break;
            }
            let name_end = self.name_end(at, to).max(at + 1).min(to);
            let name_span = TextRange::new(at, name_end);
            let name = self.slice(name_span);
            let mut i = name_end;
            while i < to && self.byte(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            let quote = if self.byte(i) == Some(b'=') {
                i += 1;
                while i < to && self.byte(i).is_some_and(|b| b.is_ascii_whitespace()) {
                    i += 1;
                }
                self.byte(i).filter(|b| matches!(b, b'"' | b'\''))
            } else {
                None
            };
            let close = quote.and_then(|q| self.find(q, i + 1, to));
            let (Some(_), Some(close)) = (quote, close) else {
                let d = self
                    .diag(
                        &MALFORMED_DECLARATION,
                        name_span,
                        format!("`{}` in the XML declaration is not written `name=\"value\"`", preview(name)),
                    )
                    .with_help("Write the declaration as `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`.");
                self.push(d);
                return;
            };
            let value_span = TextRange::new(i + 1, close);
            let value = self.slice(value_span);
            at = close + 1;
            let Some(index) = NAMES.iter().position(|n| *n == name) else {
                let d = self
                    .diag(
                        &MALFORMED_DECLARATION,
                        name_span,
                        format!("unexpected `{}` in the XML declaration", preview(name)),
                    )
                    .with_help("The declaration accepts only `version`, `encoding` and `standalone`.");
                self.push(d);
                continue;
            };
            if index < expected || (index > 0 && !saw_version) {
                let d = self
                    .diag(
                        &MALFORMED_DECLARATION,
                        name_span,
                        format!("`{name}` is out of place in the XML declaration"),
                    )
                    .with_help("Write `version` first, then `encoding`, then `standalone`.");
                self.push(d);
            }
            expected = index + 1;
            match index {
                0 => {
                    saw_version = true;
                    let ok = value
                        .strip_prefix("1.")
                        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
                    if !ok {
                        let d = self
                            .diag(
                                &MALFORMED_DECLARATION,
                                value_span,
                                format!("XML version `{}` is not supported", preview(value)),
                            )
                            .with_help("Declare `version=\"1.0\"`.")
                            .with_replacement("Use `1.0`", "1.0");
                        self.push(d);
                    }
                }
                1 => {
                    if !value.eq_ignore_ascii_case("utf-8") && !value.eq_ignore_ascii_case("utf8") {
                        let mut d = self
                            .diag(
                                &UNSUPPORTED_ENCODING,
                                value_span,
                                format!(
                                    "encoding `{}` is declared, but RCML documents are read as UTF-8",
                                    preview(value)
                                ),
                            )
                            .with_help("Save the document as UTF-8 and declare `encoding=\"UTF-8\"`.")
                            .with_replacement("Declare `UTF-8`", "UTF-8");
                        if !self.src.is_ascii() {
                            d = d.with_severity(Severity::Error);
                        }
                        self.push(d);
                    }
                }
                _ => {
                    if value != "yes" && value != "no" {
                        let d = self
                            .diag(
                                &MALFORMED_DECLARATION,
                                value_span,
                                format!("`standalone` must be `yes` or `no`, not `{}`", preview(value)),
                            )
                            .with_help("Write `standalone=\"yes\"`, or leave it out.");
                        self.push(d);
                    }
                }
            }
        }
        if !saw_version {
            let d = self
                .diag(
                    &MALFORMED_DECLARATION,
                    TextRange::new(from.saturating_sub(5), from),
                    "the XML declaration has no `version`",
                )
                .with_help("Write the declaration as `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`.")
                .with_fix(
                    "Insert `version=\"1.0\"`",
                    vec![Edit { start: from, end: from, text: " version=\"1.0\"".into() }],
                );
            self.push(d);
        }
    }

    /// `<!DOCTYPE …>` from `lt` to `end` (V28): reported, its entity declarations too, and
    /// nothing in it is ever expanded or fetched.
    pub(super) fn doctype(&mut self, lt: u32, end: u32) -> Flow {
        self.flush_text();
        self.seen_content = true;
        let range = TextRange::new(lt, end);
        let d = self
            .diag(&DOCTYPE, TextRange::new(lt, (lt + 9).min(end)), "`<!DOCTYPE>` declarations are not allowed in RCML")
            .with_help("Remove it: RCML has no DTD, and nothing declared in it is expanded or fetched.")
            .with_fix("Remove the declaration", vec![Edit { start: lt, end, text: String::new() }])
            .with_profile_note("V28: every platform rejects a document type declaration or ignores it; entities are never expanded");
        self.push(d);
        let hay = self.bytes.get(range.start as usize..range.end as usize).unwrap_or(&[]);
        let starts: Vec<u32> = memchr::memchr_iter(b'<', hay)
            .filter(|&i| hay.get(i..).is_some_and(|rest| rest.starts_with(b"<!ENTITY")))
            .map(|i| lt + to_u32(i))
            .collect();
        for at in starts {
            let decl_end = self.find(b'>', at, end).map_or(end, |g| g + 1);
            self.entity_declaration(at, decl_end);
        }
        Flow::Continue
    }

    fn entity_declaration(&mut self, at: u32, end: u32) {
        let mut i = at + 8;
        while i < end && self.byte(i).is_some_and(|b| b.is_ascii_whitespace() || b == b'%') {
            i += 1;
        }
        let name_end = self.name_end(i, end);
        let name = self.slice(TextRange::new(i, name_end)).to_owned();
        let rest = self.slice(TextRange::new(name_end, end));
        let external = rest.contains("SYSTEM") || rest.contains("PUBLIC");
        let message = if external {
            format!("external entity `{}` is declared; it is never fetched", preview(&name))
        } else {
            format!("entity `{}` is declared; it is never expanded", preview(&name))
        };
        let d = self
            .diag(&ENTITY_DECLARATION, TextRange::new(at, end), message)
            .with_help("Remove the declaration and write the value where it is used.")
            .with_profile_note(
                "V28: entity declarations are never expanded and external entities never fetched",
            );
        self.push(d);
        if !name.is_empty() && self.declared_entities.len() < 1000 {
            self.declared_entities.push(name);
        }
    }

    /// Recovery after quick-xml gave up inside `<!…` or `<?…` at `at`.
    pub(super) fn recover_markup(&mut self, kind: SyntaxError, at: u32, next_gt: Option<u32>) -> Flow {
        let len = self.len();
        let rest = self.bytes.get(at as usize..).unwrap_or(&[]);
        let starts_with_ci = |p: &[u8]| {
            rest.len() >= p.len() && rest.get(..p.len()).is_some_and(|r| r.eq_ignore_ascii_case(p))
        };
        let after_gt = next_gt.map(|g| g + 1);
        if rest.starts_with(b"<!--") {
            self.flush_text();
            let d = self
                .diag(
                    &UNCLOSED_COMMENT,
                    TextRange::new(at, at + 4),
                    "comment is not closed: `-->` is missing",
                )
                .with_help(
                    "End the comment with `-->`; as it is, the rest of the document is part of the comment.",
                );
            self.push(d);
            return Flow::Stop;
        }
        if rest.starts_with(b"<![CDATA[") {
            self.flush_text();
            let d = self
                .diag(
                    &UNCLOSED_CDATA,
                    TextRange::new(at, at + 9),
                    "`<![CDATA[` section is not closed: `]]>` is missing",
                )
                .with_help("End the CDATA section with `]]>`; as it is, the rest of the document is text.");
            self.push(d);
            return Flow::Stop;
        }
        if starts_with_ci(b"<!DOCTYPE") {
            self.doctype(at, after_gt.unwrap_or(len));
            return after_gt.map_or(Flow::Stop, |n| Flow::Restart(n, len));
        }
        if rest.starts_with(b"<!ENTITY") {
            self.flush_text();
            self.entity_declaration(at, after_gt.unwrap_or(len));
            return after_gt.map_or(Flow::Stop, |n| Flow::Restart(n, len));
        }
        if rest.starts_with(b"<?") || matches!(kind, SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl) {
            return match after_gt {
                Some(end) => {
                    self.processing_instruction(at, end, false);
                    Flow::Restart(end, len)
                }
                None => {
                    self.flush_text();
                    let d = self
                        .diag(
                            &UNCLOSED_PI,
                            TextRange::new(at, (at + 2).min(len)),
                            "`<?` is not closed: `?>` is missing",
                        )
                        .with_help("End the processing instruction with `?>`.");
                    self.push(d);
                    Flow::Stop
                }
            };
        }
        self.flush_text();
        let shown_end = rest
            .iter()
            .take(12)
            .position(|b| b.is_ascii_whitespace() || *b == b'>')
            .unwrap_or(rest.len().min(12));
        let shown = self.slice(TextRange::new(at, at + to_u32(shown_end)));
        let shown = if shown.is_empty() { "<!".to_owned() } else { shown.to_owned() };
        let d = self
            .diag(
                &INVALID_MARKUP,
                TextRange::new(at, (at + 2).min(len)),
                format!("`{}` is not a comment, a CDATA section or a declaration", preview(&shown)),
            )
            .with_help("Comments are written `<!-- … -->`; a literal `<` in text is written `&lt;`.");
        self.push(d);
        after_gt.map_or(Flow::Stop, |n| Flow::Restart(n, len))
    }
}
