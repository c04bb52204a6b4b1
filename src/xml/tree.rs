//! The XML tree the RCML layers read: elements in an arena (no recursion anywhere, so a
//! 100 000-deep document neither overflows the stack when walked nor when dropped), with the
//! byte span of every name, attribute value and text run.

use crate::text::{to_u32, TextRange};

/// Index of an element in [`Document::elements`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementId(pub u32);

#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Every element, in document (pre-)order: a parent comes before its children.
    pub elements: Vec<Element>,
    /// The first top-level element, if any.
    pub root: Option<ElementId>,
    /// Bare `&` characters the reader kept as literal text (V4 decides their verdict).
    pub bare_ampersands: Vec<TextRange>,
}

impl Document {
    pub fn element(&self, id: ElementId) -> Option<&Element> {
        self.elements.get(id.0 as usize)
    }

    pub fn root_element(&self) -> Option<&Element> {
        self.root.and_then(|id| self.element(id))
    }

    /// The element children of `id`, in order.
    pub fn child_elements(&self, id: ElementId) -> impl Iterator<Item = (ElementId, &Element)> + '_ {
        self.element(id).map(|e| e.children.as_slice()).unwrap_or(&[]).iter().filter_map(|c| match c {
            Child::Element(cid) => self.element(*cid).map(|e| (*cid, e)),
            Child::Text(_) => None,
        })
    }

    /// Every element in document order with its id.
    pub fn iter(&self) -> impl Iterator<Item = (ElementId, &Element)> + '_ {
        self.elements.iter().enumerate().map(|(i, e)| (ElementId(to_u32(i)), e))
    }

    /// The ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: ElementId) -> impl Iterator<Item = (ElementId, &Element)> + '_ {
        let mut next = self.element(id).and_then(|e| e.parent);
        std::iter::from_fn(move || {
            let id = next?;
            let e = self.element(id)?;
            next = e.parent;
            Some((id, e))
        })
    }
}

#[derive(Clone, Debug)]
pub struct Element {
    /// The name as written (RCML names are case-sensitive; namespaces are not used).
    pub name: String,
    pub name_span: TextRange,
    /// From `<` of the start tag to `>` of the end tag (of the start tag when empty; when
    /// never closed, to where the reader closed it: the end tag of an ancestor or the end of
    /// the input, so that children always lie inside their parent's span).
    pub span: TextRange,
    /// The start tag alone, `<` to `>`.
    pub start_tag: TextRange,
    pub attributes: Vec<Attribute>,
    pub children: Vec<Child>,
    pub parent: Option<ElementId>,
    /// 0 for a top-level element.
    pub depth: u32,
    /// `<X/>`.
    pub self_closing: bool,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The text runs directly inside this element.
    pub fn texts(&self) -> impl Iterator<Item = &Text> + '_ {
        self.children.iter().filter_map(|c| match c {
            Child::Text(t) => Some(t),
            Child::Element(_) => None,
        })
    }

    pub fn has_element_children(&self) -> bool {
        self.children.iter().any(|c| matches!(c, Child::Element(_)))
    }
}

#[derive(Clone, Debug)]
pub enum Child {
    Element(ElementId),
    Text(Text),
}

#[derive(Clone, Debug)]
pub struct Attribute {
    pub name: String,
    pub name_span: TextRange,
    /// The value between the quotes, as written (entities not decoded).
    pub raw_span: TextRange,
    /// The quote character used (`"` or `'`; a curly quote when the reader recovered one;
    /// `'\0'` for a recovered unquoted value or a name without a value).
    pub quote: char,
    pub value: DecodedText,
}

/// A run of character data: text, CDATA and entity references merged, as the platform's
/// coalescing parser sees them. Runs of plain whitespace (indentation) are not kept: RCML
/// trims all text, so they carried nothing but an allocation.
#[derive(Clone, Debug)]
pub struct Text {
    pub value: DecodedText,
    pub is_cdata: bool,
}

/// Decoded text plus the map back to source offsets, so a diagnostic about characters of a
/// decoded value (a SIP URI component) points at the exact source characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// The whole source range the text came from.
    pub span: TextRange,
    /// Breakpoints `(decoded offset, source offset)`, ascending in both, the first at decoded
    /// offset 0. Between breakpoints decoded and source bytes correspond one to one; an
    /// entity reference is one breakpoint before it and one after it. Where markup without
    /// characters separates two pieces (CDATA delimiters), two breakpoints share a decoded
    /// offset: the end of the first piece, then the start of the next. **Empty** when the text
    /// is its own source byte for byte (the common case: the reader then allocates no map).
    pub map: Vec<(u32, u32)>,
}

impl DecodedText {
    /// Text that is its own source (no entities): a single breakpoint.
    pub fn verbatim(text: impl Into<String>, span: TextRange) -> Self {
        Self { text: text.into(), span, map: vec![(0, span.start)] }
    }

    /// The source offset of a decoded byte offset, as the start of a range. Offsets inside an
    /// entity's expansion map to the entity's start; the end of the text maps to the end of
    /// the span.
    pub fn source_offset(&self, decoded: u32) -> u32 {
        if decoded >= to_u32(self.text.len()) {
            return self.span.end;
        }
        if self.map.is_empty() {
            return self.span.start.saturating_add(decoded).min(self.span.end);
        }
        let i = self.map.partition_point(|&(d, _)| d <= decoded);
        let Some(&(d, s)) = i.checked_sub(1).and_then(|i| self.map.get(i)) else {
            return self.span.start;
        };
        // Clamp into this segment's source: the next breakpoint's source start bounds it.
        let next_src = self.map.get(i).map_or(self.span.end, |&(_, ns)| ns);
        (s + (decoded - d)).min(next_src.max(s))
    }

    /// The source offset of a decoded byte offset, as the end of a range: where the source
    /// characters before it end. It differs from [`Self::source_offset`] where markup that
    /// contributes no characters (`<![CDATA[`, `]]>`) lies between two pieces: the reader
    /// then records two breakpoints at the same decoded offset, the end of the first piece
    /// and the start of the next.
    pub fn source_end_offset(&self, decoded: u32) -> u32 {
        let i = self.map.partition_point(|&(d, _)| d < decoded);
        match self.map.get(i) {
            Some(&(d, s)) if d == decoded && decoded > 0 => s,
            _ => self.source_offset(decoded),
        }
    }

    /// The source range of a decoded range.
    pub fn source_range(&self, decoded: TextRange) -> TextRange {
        let start = self.source_offset(decoded.start);
        let end = if decoded.is_empty() { start } else { self.source_end_offset(decoded.end) };
        TextRange::new(start, end.max(start))
    }

    /// The decoded text with leading and trailing ASCII whitespace removed, and its decoded
    /// range (Restcomm trims attribute values and element text).
    pub fn trimmed(&self) -> (&str, TextRange) {
        let t = self.text.trim_ascii();
        let start = t.as_ptr() as usize - self.text.as_ptr() as usize;
        (t, TextRange::from_usize(start, start + t.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_offsets_map_through_an_entity() {
        // source: `a&amp;b` at offset 10; decoded: `a&b`
        let t = DecodedText {
            text: "a&b".into(),
            span: TextRange::new(10, 17),
            map: vec![(0, 10), (1, 11), (2, 16)],
        };
        assert_eq!(t.source_offset(0), 10);
        assert_eq!(t.source_offset(1), 11);
        assert_eq!(t.source_offset(2), 16);
        assert_eq!(t.source_offset(3), 17);
        assert_eq!(t.source_range(TextRange::new(2, 3)), TextRange::new(16, 17));
    }

    #[test]
    fn trimming_reports_the_decoded_range() {
        let t = DecodedText::verbatim("\n  sip:a@b \n", TextRange::new(0, 12));
        assert_eq!(t.trimmed(), ("sip:a@b", TextRange::new(3, 10)));
    }
}
