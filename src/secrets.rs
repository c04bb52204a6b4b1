//! Keeping `password` attribute values out of every output.
//!
//! The rule is absolute (diagnostics, simulations, text output, share links, logs), so it is
//! enforced twice: the code that builds messages never formats a password, and every face
//! passes its output through [`Secrets`] as a last line of defence.

use crate::text::TextRange;
use crate::xml::Document;

/// What replaces a secret in text output.
pub const REDACTED: &str = "***";

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
    pub fn of(document: &Document) -> Self {
        let mut secrets = Secrets::default();
        for (_, element) in document.iter() {
            for attribute in element.attributes.iter().filter(|a| a.name.eq_ignore_ascii_case("password")) {
                secrets.ranges.push(attribute.raw_span);
                if !attribute.value.text.is_empty() {
                    secrets.values.push(attribute.value.text.clone());
                }
            }
        }
        crate::sort::sort_by_key(&mut secrets.values, |v| std::cmp::Reverse(v.len()));
        secrets.values.dedup();
        secrets
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
            if start < at
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
        self.scrub_in_place(&mut d.message);
        if let Some(help) = d.help.as_mut() {
            self.scrub_in_place(help);
        }
        if let Some(note) = d.profile_note.as_mut() {
            self.scrub_in_place(note);
        }
        for fix in &mut d.fixes {
            self.scrub_in_place(&mut fix.title);
            for edit in &mut fix.edits {
                self.scrub_in_place(&mut edit.text);
            }
        }
    }
}
