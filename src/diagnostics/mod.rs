//! Diagnostics: one shape for every face (Rust API, command line, npm package, playground).
//!
//! A diagnostic is created from a [`Rule`] of the registry ([`registry`]), which fixes its code
//! and its severity under each profile. The core fills byte offsets only; [`locate`] adds
//! 1-based lines and columns, and [`Diagnostic::to_utf16`] converts at the JavaScript edge.

#[cfg(test)]
mod cap_tests;
pub mod registry;

use crate::profile::{PerProfile, Profile};
use crate::text::{LineIndex, TextRange};
use serde::Serialize;

pub use registry::{all_rules, lookup_rule};

/// A rule's long-form docs text (`explanation`, `wrong`, `right`): the literal with the
/// feature `rule-docs` (default; the native command line and the npm package's Node build),
/// `""` without it, so that the browsers' `.wasm` does not carry about 32 KB of prose that
/// only the rule catalogue shows (the npm package ships it as data: `rcml-sip/rules`).
#[cfg(feature = "rule-docs")]
macro_rules! docs {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "rule-docs"))]
macro_rules! docs {
    ($text:expr) => {
        ""
    };
}
pub(crate) use docs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One entry of the code registry: everything the rule catalogue and the docs say about a code.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// Stable `area/kebab-name`; never renamed or reused.
    pub code: &'static str,
    /// One line, lower case, no trailing period.
    pub summary: &'static str,
    /// Severity under each profile; `None`: the profile accepts the construct silently.
    pub severity: PerProfile<Option<Severity>>,
    /// Why it matters, in a few sentences (`""` without the feature `rule-docs`).
    pub explanation: &'static str,
    /// A document that triggers the rule (for `sip-uri/*`, a `<Sip>` dialling the URI; `""`
    /// without the feature `rule-docs`).
    pub wrong: &'static str,
    /// The same, corrected (`""` without the feature `rule-docs`).
    pub right: &'static str,
    /// The row of `profiles.md` that decides it (`"V13"`), if any.
    pub row: Option<&'static str>,
}

impl Rule {
    /// A diagnostic of this rule with the severity the profile gives it.
    pub fn at(&'static self, profile: Profile, range: TextRange, message: impl Into<String>) -> Diagnostic {
        #[cfg(test)]
        built::count();
        let severity = self.severity.get(profile);
        Diagnostic {
            code: self.code,
            severity: severity.unwrap_or(Severity::Info),
            message: message.into(),
            range: Range::unlocated(range),
            help: None,
            fixes: Vec::new(),
            profile_note: None,
            suppressed: severity.is_none(),
        }
    }

    /// The anchor of this rule in the rule catalogue (README and playground links).
    pub fn docs_anchor(&self) -> String {
        self.code.replace('/', "-")
    }

    /// The rule as `rcml-sip rules --format json` prints it (the npm package's `rcml-sip/rules`).
    pub fn json(&self) -> RuleJson<'_> {
        RuleJson {
            code: self.code,
            summary: self.summary,
            severity: &self.severity,
            row: self.row,
            explanation: self.explanation,
            wrong: self.wrong,
            right: self.right,
            docs_anchor: self.docs_anchor(),
        }
    }

    /// The rule as the JavaScript `rules()` gives it in every build: [`Rule::json`] without
    /// the long-form docs (contracts.md §6).
    pub fn summary_json(&self) -> RuleSummaryJson<'_> {
        RuleSummaryJson {
            code: self.code,
            summary: self.summary,
            severity: &self.severity,
            row: self.row,
            docs_anchor: self.docs_anchor(),
        }
    }

    /// [`Rule::json`] as a `serde_json::Value`.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self.json()).unwrap_or(serde_json::Value::Null)
    }
}

/// The public JSON shape of a [`Rule`] (field order is the output's key order).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleJson<'a> {
    pub code: &'static str,
    pub summary: &'static str,
    pub severity: &'a PerProfile<Option<Severity>>,
    pub row: Option<&'static str>,
    pub explanation: &'static str,
    pub wrong: &'static str,
    pub right: &'static str,
    pub docs_anchor: String,
}

/// [`RuleJson`] without `explanation`, `wrong` and `right`: the JavaScript `rules()` entry.
/// Serialised straight to JS objects, with no `serde_json::Value` in between: that keeps
/// `serde_json` out of the validator's .wasm.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSummaryJson<'a> {
    pub code: &'static str,
    pub summary: &'static str,
    pub severity: &'a PerProfile<Option<Severity>>,
    pub row: Option<&'static str>,
    pub docs_anchor: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    pub offset: u32,
    /// 1-based; 0 until [`locate`] runs.
    pub line: u32,
    /// 1-based, in bytes (UTF-16 code units after [`Diagnostic::to_utf16`]).
    pub column: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

impl Range {
    pub fn unlocated(range: TextRange) -> Self {
        Self {
            start: Position { offset: range.start, line: 0, column: 0 },
            end: Position { offset: range.end, line: 0, column: 0 },
        }
    }

    pub fn text_range(&self) -> TextRange {
        TextRange::new(self.start.offset, self.end.offset)
    }
}

/// A text edit: replace `start..end` (byte offsets in the core) by `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
    pub profile_note: Option<String>,
    /// The rule is silent under the selected profile; [`Diagnostics::push`] drops it.
    #[serde(skip)]
    suppressed: bool,
}

impl Diagnostic {
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn with_profile_note(mut self, note: impl Into<String>) -> Self {
        self.profile_note = Some(note.into());
        self
    }

    /// Overrides the registry severity, for rows whose verdict depends on more than the
    /// profile (V4's count of bare `&`, V5's count of `<Sip>` nouns).
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self.suppressed = false;
        self
    }

    #[must_use]
    pub fn with_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fixes.push(Fix { title: title.into(), edits });
        self
    }

    /// A fix that replaces the diagnostic's own range.
    #[must_use]
    pub fn with_replacement(self, title: impl Into<String>, text: impl Into<String>) -> Self {
        let range = self.range.text_range();
        self.with_fix(title, vec![Edit { start: range.start, end: range.end, text: text.into() }])
    }

    pub fn text_range(&self) -> TextRange {
        self.range.text_range()
    }

    pub fn is_suppressed(&self) -> bool {
        self.suppressed
    }

    /// Moves every offset right by `by` bytes (a diagnostic about a substring, such as a SIP
    /// URI, placed back into its document).
    pub fn shift(&mut self, by: u32) {
        self.map_offsets(|o| o.saturating_add(by));
    }

    /// Rewrites every offset (range and fix edits) through `f`.
    pub fn map_offsets(&mut self, mut f: impl FnMut(u32) -> u32) {
        self.range.start.offset = f(self.range.start.offset);
        self.range.end.offset = f(self.range.end.offset);
        for edit in self.fixes.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
            edit.start = f(edit.start);
            edit.end = f(edit.end);
        }
    }

    /// Converts offsets and columns to UTF-16 code units (the JavaScript convention).
    /// Call it once, after [`locate`], with the index of the same source.
    pub fn to_utf16(&mut self, index: &LineIndex) {
        for pos in [&mut self.range.start, &mut self.range.end] {
            let (line, column) = index.line_col_utf16(pos.offset);
            *pos = Position { offset: index.utf16_offset(pos.offset), line, column };
        }
        for edit in self.fixes.iter_mut().flat_map(|fix| fix.edits.iter_mut()) {
            edit.start = index.utf16_offset(edit.start);
            edit.end = index.utf16_offset(edit.end);
        }
    }
}

/// Fills lines and byte columns of every diagnostic.
pub fn locate(diagnostics: &mut [Diagnostic], index: &LineIndex) {
    for d in diagnostics {
        for pos in [&mut d.range.start, &mut d.range.end] {
            let (line, column) = index.line_col(pos.offset);
            pos.line = line;
            pos.column = column;
        }
    }
}

/// The default cap on reported diagnostics (a pathological document must not produce
/// millions of objects for an editor to render).
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

/// A collector that drops diagnostics the profile silences and stops at a cap.
#[derive(Debug)]
pub struct Diagnostics {
    pub profile: Profile,
    items: Vec<Diagnostic>,
    max: usize,
    dropped: usize,
}

impl Diagnostics {
    pub fn new(profile: Profile) -> Self {
        Self::with_limit(profile, DEFAULT_MAX_DIAGNOSTICS)
    }

    pub fn with_limit(profile: Profile, max: usize) -> Self {
        Self { profile, items: Vec::new(), max, dropped: 0 }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if diagnostic.suppressed {
            return;
        }
        if self.items.len() < self.max {
            self.items.push(diagnostic);
        } else {
            self.dropped += 1;
        }
    }

    /// Whether the collector holds as many diagnostics as it reports: every further one is
    /// only counted.
    pub fn is_full(&self) -> bool {
        self.items.len() >= self.max
    }

    /// For a producer about to build and push one diagnostic of `rule` with the rule's own
    /// severity (no [`Diagnostic::with_severity`]): `true` when it would not be kept (the
    /// profile silences the rule, or the cap is reached, in which case it is counted as
    /// [`Self::push`] would count it), and the producer builds nothing: a document far past
    /// the cap does not pay for the messages, helps and fixes of the dropped diagnostics.
    pub fn skips(&mut self, rule: &Rule) -> bool {
        if rule.severity.get(self.profile).is_none() {
            return true;
        }
        if self.is_full() {
            self.dropped += 1;
            return true;
        }
        false
    }

    /// [`Self::skips`] for a diagnostic whose severity the producer sets itself
    /// ([`Diagnostic::with_severity`]), which no profile silences: `true` (and counted) only
    /// past the cap.
    pub fn skips_forced(&mut self) -> bool {
        if self.is_full() {
            self.dropped += 1;
            return true;
        }
        false
    }

    /// Counts `n` diagnostics a producer did not build because [`Self::is_full`].
    pub fn count_dropped(&mut self, n: usize) {
        self.dropped = self.dropped.saturating_add(n);
    }

    /// Shortcut for `push(rule.at(self.profile, range, message))`.
    pub fn report(&mut self, rule: &'static Rule, range: TextRange, message: impl Into<String>) {
        if self.skips(rule) {
            return;
        }
        let d = rule.at(self.profile, range, message);
        self.push(d);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for d in diagnostics {
            self.push(d);
        }
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many diagnostics were dropped because the cap was reached.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// The diagnostics in source order (stable for ties), with the cap reported as a last
    /// diagnostic when it was reached.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        crate::sort::sort_by_key(&mut self.items, |d| (d.range.start.offset, d.range.end.offset));
        if self.dropped > 0 {
            let end = self.items.last().map_or(0, |d| d.range.end.offset);
            let note = registry::TOO_MANY_DIAGNOSTICS.at(
                self.profile,
                TextRange::empty(end),
                format!("{} more diagnostics were not reported", self.dropped),
            );
            self.items.push(note.with_severity(Severity::Info));
        }
        self.items
    }
}

/// How many diagnostics [`Rule::at`] built on this thread (tests only): proves that the
/// producers stop building at the cap.
#[cfg(test)]
pub(crate) mod built {
    use std::cell::Cell;

    thread_local! {
        static BUILT: Cell<usize> = const { Cell::new(0) };
    }

    pub(crate) fn count() {
        BUILT.with(|b| b.set(b.get() + 1));
    }

    /// Resets the count and returns the previous one.
    pub(crate) fn take() -> usize {
        BUILT.with(|b| b.replace(0))
    }
}
