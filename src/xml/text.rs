//! Character data checks: references inside text and attribute values, the V4 verdict on
//! bare `&`, and characters XML does not allow anywhere.

use super::decode::{classify, Reference, TextBuilder, PREDEFINED};
use super::reader::preview;
use super::rules::{BARE_AMPERSAND, ILLEGAL_CHARACTER, INVALID_CHAR_REF, UNDEFINED_ENTITY};
use crate::diagnostics::{Diagnostics, Edit, Severity};
use crate::profile::PerProfile;
use crate::text::{to_u32, TextRange};

/// Decodes `range` of `source` (text or an attribute value) into `builder`: references are
/// expanded, bad ones reported and kept literally, bare `&` recorded in `bare` (their
/// verdict depends on the whole document, see [`report_bare_ampersands`]).
pub(super) fn decode_into(
    source: &str,
    builder: &mut TextBuilder,
    range: TextRange,
    diagnostics: &mut Diagnostics,
    bare: &mut Vec<TextRange>,
    declared_entities: &[String],
    _attribute: bool,
) {
    let bytes = source.as_bytes();
    let Some(hay) = bytes.get(range.start as usize..range.end as usize) else { return };
    builder.begin(range.start);
    // One scan: each search for the next `&` starts where the last reference ended.
    let Some(first) = super::find_byte(b'&', hay) else {
        // The common case: nothing to decode.
        if !range.is_empty() {
            builder.push_verbatim(source, range);
        }
        return;
    };
    let mut at = range.start;
    let mut next = Some(first);
    while let Some(i) = next {
        let amp = range.start + to_u32(i);
        if amp > at {
            builder.push_verbatim(source, TextRange::new(at, amp));
        }
        let tail = bytes.get(amp as usize..range.end as usize).unwrap_or(&[]);
        let (reference, len) = classify(tail);
        let reference_range = TextRange::new(amp, amp + to_u32(len));
        match reference {
            Reference::Char(c) => builder.push_expansion(source, c.encode_utf8(&mut [0; 4]), reference_range),
            Reference::Predefined(expansion) => builder.push_expansion(source, expansion, reference_range),
            Reference::InvalidChar(value) => {
                report_invalid_char_ref(source, reference_range, value, diagnostics);
                builder.push_verbatim(source, reference_range);
            }
            Reference::Undefined(name) => {
                report_undefined_entity(reference_range, name, declared_entities, diagnostics);
                builder.push_verbatim(source, reference_range);
            }
            Reference::Bare => {
                bare.push(reference_range);
                builder.push_verbatim(source, reference_range);
            }
        }
        at = reference_range.end;
        let from = at.saturating_sub(range.start) as usize;
        next = hay.get(from..).and_then(|rest| super::find_byte(b'&', rest)).map(|j| from + j);
    }
    if at < range.end {
        builder.push_verbatim(source, TextRange::new(at, range.end));
    }
}

fn report_invalid_char_ref(
    source: &str,
    range: TextRange,
    value: Option<u32>,
    diagnostics: &mut Diagnostics,
) {
    if diagnostics.skips(&INVALID_CHAR_REF) {
        return;
    }
    let written = preview(range.slice(source));
    let message = match value {
        Some(v) => format!("character reference `{written}` names U+{v:04X}, which XML does not allow"),
        None => format!("character reference `{written}` is out of range (the last character is U+10FFFF)"),
    };
    let d = INVALID_CHAR_REF
        .at(diagnostics.profile, range, message)
        .with_help("XML cannot carry this character, not even escaped: remove the reference.")
        .with_replacement("Remove the reference", "");
    diagnostics.push(d);
}

/// HTML entities people write in RCML, with the character reference that replaces them.
const HTML_ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "&#160;"),
    ("copy", "&#169;"),
    ("reg", "&#174;"),
    ("trade", "&#8482;"),
    ("hellip", "&#8230;"),
    ("mdash", "&#8212;"),
    ("ndash", "&#8211;"),
    ("laquo", "&#171;"),
    ("raquo", "&#187;"),
    ("euro", "&#8364;"),
    ("eacute", "&#233;"),
    ("egrave", "&#232;"),
    ("agrave", "&#224;"),
    ("ccedil", "&#231;"),
    ("uuml", "&#252;"),
    ("ouml", "&#246;"),
    ("auml", "&#228;"),
    ("szlig", "&#223;"),
];

fn report_undefined_entity(range: TextRange, name: &str, declared: &[String], diagnostics: &mut Diagnostics) {
    if diagnostics.skips(&UNDEFINED_ENTITY) {
        return;
    }
    let shown = preview(name);
    let message = if declared.iter().any(|d| d == name) {
        format!(
            "entity `&{shown};` is declared in the `<!DOCTYPE>`, which is never expanded: it is undefined"
        )
    } else {
        format!("entity `&{shown};` is not defined")
    };
    let mut d = UNDEFINED_ENTITY.at(diagnostics.profile, range, message).with_help(
        "RCML has no DTD: only `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` exist. Write the character itself, a \
         character reference such as `&#160;`, or `&amp;` for a literal `&`.",
    );
    if let Some((predefined, _)) = PREDEFINED.iter().find(|(p, _)| p.eq_ignore_ascii_case(name)) {
        d = d.with_replacement(format!("Replace with `&{predefined};`"), format!("&{predefined};"));
    } else if let Some((_, reference)) = HTML_ENTITIES.iter().find(|(h, _)| *h == name) {
        d = d.with_replacement(format!("Replace with `{reference}`"), *reference);
    }
    d = d.with_fix(
        "Escape the `&`",
        vec![Edit { start: range.start, end: range.start + 1, text: "&amp;".into() }],
    );
    diagnostics.push(d);
}

/// Per profile: the severity of a bare `&` that Restcomm-Connect's pre-pass repairs (the
/// first of its `;`-free stretch), of one it does not, and the matching notes (V4).
struct BareAmpersandVerdict {
    repaired: (Severity, &'static str),
    not_repaired: (Severity, &'static str),
}

static BARE_AMPERSAND_VERDICTS: PerProfile<BareAmpersandVerdict> = PerProfile {
    restcomm: BareAmpersandVerdict {
        repaired: (
            Severity::Error,
            "V4: Restcomm-Connect would repair this one (its pre-pass escapes the first bare `&` before each `;`), \
             but the document is not well-formed XML",
        ),
        not_repaired: (
            Severity::Error,
            "V4: Restcomm-Connect repairs only the first bare `&` before each `;`: this one would stay bare and \
             the document would fail to parse there (the call is hung up)",
        ),
    },
    restcomm_connect: BareAmpersandVerdict {
        repaired: (
            Severity::Warning,
            "V4: Restcomm-Connect's pre-pass escapes the first bare `&` before each `;`, so this one is repaired \
             there; any other XML parser rejects the document",
        ),
        not_repaired: (
            Severity::Error,
            "V4: Restcomm-Connect repairs only the first bare `&` before each `;` (the stretch started by an \
             earlier `&` runs to the next `;`): this one stays bare, the document fails to parse and the call \
             is hung up",
        ),
    },
    twilio: BareAmpersandVerdict {
        repaired: (Severity::Error, "V4: the TwiML platform rejects documents that are not well-formed XML"),
        not_repaired: (Severity::Error, "V4: the TwiML platform rejects documents that are not well-formed XML"),
    },
};

/// Reports every bare `&` with its V4 verdict.
pub(super) fn report_bare_ampersands(source: &str, bare: &[TextRange], diagnostics: &mut Diagnostics) {
    let verdict = match diagnostics.profile {
        crate::Profile::Restcomm => &BARE_AMPERSAND_VERDICTS.restcomm,
        crate::Profile::RestcommConnect => &BARE_AMPERSAND_VERDICTS.restcomm_connect,
        crate::Profile::Twilio => &BARE_AMPERSAND_VERDICTS.twilio,
    };
    for_each_bare_ampersand(source, bare, |range, repaired| {
        let (severity, note) = if repaired { verdict.repaired } else { verdict.not_repaired };
        if diagnostics.skips_forced() {
            return;
        }
        let d = BARE_AMPERSAND
            .at(diagnostics.profile, range, "bare `&` must be written `&amp;`")
            .with_severity(severity)
            .with_help(
                "In XML `&` starts a reference; write `&amp;` for a literal ampersand (as between SIP URI headers: \
                 `?h1=a&amp;h2=b`).",
            )
            .with_replacement("Replace `&` with `&amp;`", "&amp;")
            .with_profile_note(note);
        diagnostics.push(d);
    });
}

/// Whether Restcomm-Connect's pre-pass repairs every bare `&` of `source` (`bare`: the
/// document's [`super::Document::bare_ampersands`]), i.e. whether it can parse the document
/// as far as bare `&` go (V4).
pub fn restcomm_connect_repairs_all(source: &str, bare: &[TextRange]) -> bool {
    let mut all = true;
    for_each_bare_ampersand(source, bare, |_, repaired| all &= repaired);
    all
}

/// Calls `f` with every bare `&` (sorted `bare`) and whether Restcomm-Connect repairs it: only
/// when it is the first `&` (bare or not, in markup, comments or CDATA alike) after the
/// previous `;` of the raw document. One linear pass over the `&`s and `;`s decides it.
fn for_each_bare_ampersand(source: &str, bare: &[TextRange], mut f: impl FnMut(TextRange, bool)) {
    if bare.is_empty() {
        return;
    }
    let bytes = source.as_bytes();
    let mut next = bare.iter().peekable();
    let mut stretch_has_amp = false;
    for i in memchr::memchr2_iter(b'&', b';', bytes) {
        if bytes.get(i) == Some(&b';') {
            stretch_has_amp = false;
            continue;
        }
        let first = !stretch_has_amp;
        stretch_has_amp = true;
        let at = to_u32(i);
        while next.peek().is_some_and(|r| r.start < at) {
            next.next();
        }
        let Some(range) = next.next_if(|r| r.start == at) else { continue };
        f(*range, first);
        if next.peek().is_none() {
            break;
        }
    }
}

/// Whether `b` may start a character XML forbids: C0 controls but tab, line feed and
/// carriage return, and 0xEF (the lead byte of U+FFFE and U+FFFF). Natively and in
/// WebAssembly with SIMD by comparisons, which vectorise over a chunk (about one instruction
/// per byte); in WebAssembly without SIMD (`opt-level = "z"`) by a table, where the
/// comparisons cost 14 per byte.
#[inline(always)]
fn suspect(b: u8) -> bool {
    #[cfg(all(target_arch = "wasm32", not(target_feature = "simd128")))]
    {
        SUSPECT.get(usize::from(b)).is_none_or(|&s| s != 0)
    }
    #[cfg(not(all(target_arch = "wasm32", not(target_feature = "simd128"))))]
    {
        suspect_by_comparisons(b)
    }
}

#[cfg(any(test, not(all(target_arch = "wasm32", not(target_feature = "simd128")))))]
#[inline(always)]
fn suspect_by_comparisons(b: u8) -> bool {
    // Tab (0x09) and carriage return (0x0D) are the two bytes with `b | 4 == 0x0D`: one
    // comparison for both.
    (b < 0x20) & ((b | 4) != b'\r') & (b != b'\n') | (b == 0xEF)
}

#[cfg(any(test, all(target_arch = "wasm32", not(target_feature = "simd128"))))]
static SUSPECT: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        if b != 0x09 && b != 0x0A && b != 0x0D {
            table[b] = 1;
        }
        b += 1;
    }
    table[0xEF] = 1;
    table
};

/// Long enough for the vectorised test to run unrolled, short enough that the exact pass
/// over a flagged chunk costs little.
const CHUNK: usize = 2048;

/// Reports characters XML forbids anywhere (C0 controls but tab, line feed and carriage
/// return; U+FFFE, U+FFFF), one diagnostic per run. Chunks of [`CHUNK`] bytes without a
/// [`suspect`] byte (nearly all) are passed over in a few instructions.
pub(super) fn report_illegal_characters(source: &str, diagnostics: &mut Diagnostics) {
    let bytes = source.as_bytes();
    let mut run: Option<(u32, u32, char)> = None;
    let flush = |run: &mut Option<(u32, u32, char)>, diagnostics: &mut Diagnostics| {
        if let Some((start, end, first)) = run.take().filter(|_| !diagnostics.skips(&ILLEGAL_CHARACTER)) {
            let range = TextRange::new(start, end);
            let message = format!("character U+{:04X} is not allowed in XML", u32::from(first));
            let d = ILLEGAL_CHARACTER
                .at(diagnostics.profile, range, message)
                .with_help(
                    "Remove it: XML cannot carry control characters, not even as character references.",
                )
                .with_replacement("Remove the character", "");
            diagnostics.push(d);
        }
    };
    for (chunk_index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let flagged = chunk.iter().fold(0u8, |acc, &b| acc | u8::from(suspect(b)));
        if flagged == 0 {
            continue;
        }
        let base = chunk_index * CHUNK;
        for (j, &b) in chunk.iter().enumerate() {
            let at = base + j;
            let illegal = match b {
                b'\t' | b'\n' | b'\r' => None,
                0..=0x1F => Some((1, char::from(b))),
                0xEF => match (bytes.get(at + 1), bytes.get(at + 2)) {
                    (Some(0xBF), Some(0xBE)) => Some((3, '\u{FFFE}')),
                    (Some(0xBF), Some(0xBF)) => Some((3, '\u{FFFF}')),
                    _ => None,
                },
                _ => None,
            };
            let Some((len, c)) = illegal else { continue };
            let (start, end) = (to_u32(at), to_u32(at + len));
            match &mut run {
                Some((_, run_end, _)) if *run_end == start => *run_end = end,
                _ => {
                    flush(&mut run, diagnostics);
                    run = Some((start, end, c));
                }
            }
        }
    }
    flush(&mut run, diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table (WebAssembly without SIMD) and the comparisons (everywhere else) agree.
    #[test]
    fn both_suspect_tests_agree() {
        for b in 0..=255u8 {
            let table = SUSPECT.get(usize::from(b)).is_some_and(|&s| s != 0);
            assert_eq!(table, suspect_by_comparisons(b), "byte {b:#04x}");
        }
    }
}
