//! rustc-style code frames for diagnostics, through `annotate-snippets`.
//!
//! Why annotate-snippets: it is the renderer rustc itself uses, it has no terminal or I/O
//! assumptions (so the same code runs in WebAssembly for the npm `bin` and gives the same
//! bytes), and plain rendering is deterministic. miette and codespan-reporting are built
//! around `std` error traits and colour writers we do not need.

use crate::diagnostics::{Diagnostic, Severity};
use crate::text::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

/// Renders one diagnostic of `source` (already masked of secrets) as a code frame.
///
/// Only the lines the diagnostic touches are handed to the renderer, so rendering `n`
/// diagnostics of a large document costs `O(n · line length)`, not `O(n · document)`.
pub fn code_frame(path: &str, source: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let start = d.range.start.offset as usize;
    let end = (d.range.end.offset as usize).max(start);
    let first_line = d.range.start.line.max(1);
    let last_line = d.range.end.line.max(first_line);
    let from = index.line_start(first_line).unwrap_or(0) as usize;
    let to =
        index.line_start(last_line.saturating_add(1)).map_or(source.len(), |s| s as usize).min(source.len());
    let excerpt = source.get(from..to).unwrap_or("");
    let excerpt = excerpt.strip_suffix('\n').unwrap_or(excerpt);
    let local = |o: usize| o.saturating_sub(from).min(excerpt.len());
    let span = local(start)..local(end);

    let level = level(d.severity);
    let title = level.primary_title(d.message.as_str()).id(d.code);
    let snippet = Snippet::source(excerpt)
        .line_start(first_line as usize)
        .path(path)
        .annotation(AnnotationKind::Primary.span(span));
    let mut main = Group::with_title(title).element(snippet);
    if let Some(help) = &d.help {
        main = main.element(Level::HELP.message(help.as_str()));
    }
    if let Some(note) = &d.profile_note {
        main = main.element(Level::NOTE.message(note.as_str()));
    }
    let mut report = vec![main];
    for fix in d.fixes.iter().take(1) {
        let patches: Vec<Patch<'_>> = fix
            .edits
            .iter()
            .filter(|e| (e.start as usize) >= from && (e.end as usize) <= from + excerpt.len())
            .map(|e| Patch::new(local(e.start as usize)..local(e.end as usize), e.text.as_str()))
            .collect();
        if patches.is_empty() {
            continue;
        }
        report.push(
            Group::with_title(Level::HELP.secondary_title(fix.title.as_str())).element(
                Snippet::source(excerpt).line_start(first_line as usize).path(path).patches(patches),
            ),
        );
    }
    Renderer::plain().render(&report)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}
