//! rustc-style code frames for diagnostics, through `annotate-snippets`.
//!
//! Why annotate-snippets: it is the renderer rustc itself uses, it has no terminal or I/O
//! assumptions (so the same code runs in WebAssembly for the npm `bin` and gives the same
//! bytes), and plain rendering is deterministic. miette and codespan-reporting are built
//! around `std` error traits and colour writers we do not need.

use crate::diagnostics::{Diagnostic, Severity};
use crate::text::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};

/// Source bytes shown around a diagnostic on a long line (the renderer trims what it shows
/// to the terminal width anyway, but it lays out the whole excerpt first).
const CONTEXT: usize = 240;
/// The longest annotated span handed to the renderer.
const MAX_SPAN: usize = 1024;

/// Renders one diagnostic of `source` (already masked of secrets) as a code frame.
///
/// Only the lines the diagnostic touches are handed to the renderer, and of a long line (a
/// minified document) only a window around the span, so rendering `n` diagnostics costs
/// `O(n)` whatever the line lengths: 1 000 diagnostics on a 1 MB line are not 1 GB of work.
pub fn code_frame(path: &str, source: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let start = floor_boundary(source, (d.range.start.offset as usize).min(source.len()));
    let end =
        floor_boundary(source, (d.range.end.offset as usize).clamp(start, start.saturating_add(MAX_SPAN)));
    let first_line = d.range.start.line.max(1);
    let span_lines = source.get(start..end).map_or(0, |s| s.bytes().filter(|&b| b == b'\n').count());
    let last_line = first_line.saturating_add(crate::text::to_u32(span_lines));
    let line_from = index.line_start(first_line).unwrap_or(0) as usize;
    let line_to =
        index.line_start(last_line.saturating_add(1)).map_or(source.len(), |s| s as usize).min(source.len());
    let from = ceil_boundary(source, line_from.max(start.saturating_sub(CONTEXT)).min(start));
    let to = floor_boundary(source, line_to.min(end.saturating_add(CONTEXT)).max(end));
    let excerpt = source.get(from..to).unwrap_or("");
    let excerpt = excerpt.strip_suffix('\n').unwrap_or(excerpt);
    let local = |o: usize| o.saturating_sub(from).min(excerpt.len());
    let span = local(start)..local(end);
    let windowed = from > line_from;

    let level = level(d.severity);
    let title = level.primary_title(d.message.as_str()).id(d.code);
    // A window would make the renderer count the column from the window's start: it gets no
    // path then, and the real location line is put in below.
    let snippet = Snippet::source(excerpt).line_start(first_line as usize);
    let snippet = if windowed { snippet } else { snippet.path(path) };
    let mut main = Group::with_title(title).element(snippet.annotation(AnnotationKind::Primary.span(span)));
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
        let fixed = Snippet::source(excerpt).line_start(first_line as usize);
        let fixed = if windowed { fixed } else { fixed.path(path) };
        report.push(
            Group::with_title(Level::HELP.secondary_title(fix.title.as_str()))
                .element(fixed.patches(patches)),
        );
    }
    let text = Renderer::plain().render(&report);
    if !windowed {
        return text;
    }
    // Counted through the index: `O(log n)`, not the length of the line before the window.
    let column = index.char_count(crate::text::to_u32(line_from), crate::text::to_u32(start)) + 1;
    let margin = " ".repeat(last_line.to_string().len());
    match text.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{margin}--> {path}:{first_line}:{column}\n{rest}"),
        None => text,
    }
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate, Options};

    fn frames(source: &str) -> String {
        let index = LineIndex::new(source);
        validate(source, &Options::default()).iter().map(|d| code_frame("x.xml", source, &index, d)).collect()
    }

    #[test]
    fn a_diagnostic_far_along_a_long_line_keeps_its_real_column() {
        let pad = "<Say>é</Say>".repeat(10_000);
        let source = format!("<Response>{pad}<Bogus/></Response>");
        let column = "<Response>".len() + pad.chars().count() + 2;
        let text = frames(&source);
        assert!(text.contains(&format!("--> x.xml:1:{column}\n")), "{text}");
        assert!(text.contains("<Bogus/>") && text.contains("^^^^^"), "{text}");
        assert!(text.len() < 2000, "{} bytes", text.len());
    }

    #[test]
    fn far_along_a_long_line_of_astral_characters_the_column_counts_characters() {
        let pad = "<Say>é😀中</Say>".repeat(5_000);
        let source = format!("<Response>{pad}<Bogus/>x😀<Bogus/></Response>");
        let text = frames(&source);
        for bogus in source.match_indices("<Bogus/>").map(|(i, _)| i + 1) {
            let column = source.get(..bogus).map_or(0, |s| s.chars().count()) + 1;
            assert!(text.contains(&format!("--> x.xml:1:{column}\n")), "{column}: {text}");
        }
    }

    #[test]
    fn short_lines_render_as_before() {
        let text = frames("<Response>\n  <Bogus/>\n</Response>");
        assert!(text.contains("--> x.xml:2:4\n"), "{text}");
        assert!(text.contains("2 |   <Bogus/>"), "{text}");
    }
}
