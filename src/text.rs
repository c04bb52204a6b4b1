//! Byte ranges and the line index that turns them into lines, columns and UTF-16 offsets.
//!
//! The core speaks byte offsets only (`u32`, half-open). Conversion to 1-based lines and to
//! UTF-16 code units happens once, at the edge (command line, wasm bindings), through
//! [`LineIndex`], which is built in one pass and answers each query in `O(log lines)`.

use serde::Serialize;

/// A half-open range of byte offsets into a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// A range from `usize` offsets, saturating at `u32::MAX` (inputs are capped far below).
    pub fn from_usize(start: usize, end: usize) -> Self {
        Self::new(to_u32(start), to_u32(end))
    }

    pub const fn empty(at: u32) -> Self {
        Self::new(at, at)
    }

    pub const fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The same range moved right by `offset` bytes.
    pub const fn shifted(self, offset: u32) -> Self {
        Self::new(self.start.saturating_add(offset), self.end.saturating_add(offset))
    }

    /// The smallest range covering both.
    pub fn cover(self, other: Self) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The slice of `source` this range covers, or `""` when it does not fit.
    pub fn slice(self, source: &str) -> &str {
        source.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Line starts of a text, plus what is needed to count UTF-16 code units.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the first character of each line (the first is 0).
    line_starts: Vec<u32>,
    /// For non-ASCII texts: byte offsets of every multi-byte character, with the cumulative
    /// number of bytes saved by counting it in UTF-16 (`len_utf8 - len_utf16`) up to and
    /// including it. Empty for ASCII text, which is the fast path.
    wide: Vec<(u32, u32)>,
    /// Byte offsets of the characters outside the BMP (two UTF-16 units, one character):
    /// with `wide`, characters are counted in `O(log n)` too (code frame columns).
    astral: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut wide = Vec::new();
        let mut astral = Vec::new();
        let mut saved = 0u32;
        let bytes = text.as_bytes();
        if text.is_ascii() {
            line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| to_u32(i + 1)));
        } else {
            for (i, ch) in text.char_indices() {
                if ch == '\n' {
                    line_starts.push(to_u32(i + 1));
                } else if !ch.is_ascii() {
                    saved += to_u32(ch.len_utf8() - ch.len_utf16());
                    wide.push((to_u32(i), saved));
                    if ch.len_utf16() == 2 {
                        astral.push(to_u32(i));
                    }
                }
            }
        }
        Self { line_starts, wide, astral, len: to_u32(text.len()) }
    }

    /// 1-based line and 1-based byte column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        (to_u32(line) + 1, offset - start + 1)
    }

    /// The UTF-16 offset of a byte offset.
    pub fn utf16_offset(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        let before = self.wide.partition_point(|&(at, _)| at < offset);
        let saved = if before == 0 { 0 } else { self.wide.get(before - 1).map_or(0, |w| w.1) };
        offset - saved
    }

    /// 1-based line and 1-based UTF-16 column of a byte offset.
    pub fn line_col_utf16(&self, offset: u32) -> (u32, u32) {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts.get(line as usize - 1).copied().unwrap_or(0);
        (line, self.utf16_offset(offset) - self.utf16_offset(start) + 1)
    }

    /// How many characters `text[from..to]` holds (`chars().count()`, for char boundaries
    /// `from <= to`; 0 otherwise), in `O(log n)` whatever the distance: a character is one
    /// UTF-16 unit, or two for the astral ones.
    pub fn char_count(&self, from: u32, to: u32) -> u32 {
        let (from, to) = (from.min(self.len), to.min(self.len));
        if from >= to {
            return 0;
        }
        let astral = |at: u32| to_u32(self.astral.partition_point(|&a| a < at));
        let units = self.utf16_offset(to) - self.utf16_offset(from);
        units.saturating_sub(astral(to) - astral(from))
    }

    /// Byte offset of the start of a 1-based line, if it exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get((line as usize).checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lines_and_columns() {
        let idx = LineIndex::new("ab\ncd\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (1, 3));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (3, 1));
        assert_eq!(idx.utf16_offset(5), 5);
    }

    #[test]
    fn utf16_counts_astral_characters_as_two_units() {
        // "é" is 2 bytes / 1 unit, "😀" is 4 bytes / 2 units, "中" is 3 bytes / 1 unit.
        let text = "é😀\n中<Dial>";
        let idx = LineIndex::new(text);
        let dial = text.find("<Dial>").map(to_u32).unwrap_or_default();
        assert_eq!(idx.utf16_offset(dial), 5);
        assert_eq!(idx.line_col_utf16(dial), (2, 2));
        assert_eq!(idx.line_col(dial), (2, 4));
    }

    #[test]
    fn char_counts_match_chars_count_between_any_boundaries() {
        let text = "a\u{e9}😀\n中b😀😀é\nz";
        let idx = LineIndex::new(text);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &from in &bounds {
            for &to in &bounds {
                let want = text.get(from..to).map_or(0, |s| s.chars().count());
                assert_eq!(idx.char_count(to_u32(from), to_u32(to)) as usize, want, "{from}..{to}");
            }
        }
        assert_eq!(LineIndex::new("abc").char_count(1, 99), 2);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let idx = LineIndex::new("x");
        assert_eq!(idx.line_col(99), (1, 2));
        assert_eq!(idx.utf16_offset(99), 1);
    }
}
