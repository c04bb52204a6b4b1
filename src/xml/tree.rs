//! The XML tree the RCML layers read: flat arrays (no recursion anywhere, so a 100 000-deep
//! document neither overflows the stack when walked nor when dropped, and no allocation per
//! element, attribute or text run), with the byte span of every name, value and text run.
//!
//! The document borrows its source: names and values that are their own source (no entity,
//! no CDATA, no normalised whitespace: nearly all) are spans into it; the others live in
//! one shared arena of decoded text. Readers see copyable views ([`Element`], [`Attribute`],
//! [`Text`], [`DecodedText`]) built on the fly from an index.

use crate::text::{to_u32, TextRange};
use std::borrow::Cow;

/// Index of an element in document (pre-)order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementId(pub u32);

/// "No element / no text" in the links of the arrays.
const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Document<'src> {
    source: Cow<'src, str>,
    /// Every element, in document (pre-)order: a parent comes before its children.
    pub(crate) elements: Vec<ElementData>,
    /// The attributes of every element; one element's are contiguous, in source order.
    attributes: Vec<AttributeData>,
    /// The text runs of every element, in source order (linked per element).
    texts: Vec<TextData>,
    /// Decoded values that are not their own source, back to back.
    decoded: String,
    /// The offset maps of the values in `decoded`, back to back.
    maps: Vec<(u32, u32)>,
    /// The first top-level element, if any.
    pub root: Option<ElementId>,
    /// Bare `&` characters the reader kept as literal text (V4 decides their verdict).
    pub bare_ampersands: Vec<TextRange>,
}

/// Where a value is: its source span, and its decoded text in the arena when it is not
/// the source itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ValueData {
    pub(crate) span: TextRange,
    /// Range in [`Document::decoded`]; `start == NONE` when the value is `span` verbatim.
    decoded: (u32, u32),
    /// Range in [`Document::maps`].
    map: (u32, u32),
}

impl ValueData {
    /// A value that is its own source.
    pub(crate) const fn verbatim(span: TextRange) -> Self {
        Self { span, decoded: (NONE, NONE), map: (0, 0) }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct ElementData {
    name_span: TextRange,
    span: TextRange,
    start_tag: TextRange,
    /// Range in [`Document::attributes`].
    attributes: (u32, u32),
    parent: u32,
    depth: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    first_text: u32,
    last_text: u32,
    self_closing: bool,
}

#[derive(Clone, Debug)]
struct AttributeData {
    name_span: TextRange,
    quote: char,
    value: ValueData,
}

#[derive(Clone, Debug)]
struct TextData {
    value: ValueData,
    is_cdata: bool,
    next: u32,
}

impl<'src> Document<'src> {
    /// An empty document over `source`, with room for what a typical document of its size
    /// holds (no regrowth while reading the benchmark's RCML).
    pub(crate) fn new(source: &'src str) -> Self {
        let len = source.len();
        Self {
            source: Cow::Borrowed(source),
            elements: Vec::with_capacity(len / 48 + 4),
            attributes: Vec::with_capacity(len / 32 + 4),
            texts: Vec::with_capacity(len / 96 + 4),
            ..Self::default()
        }
    }

    /// The same document, owning its source.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            source: Cow::Owned(self.source.into_owned()),
            elements: self.elements,
            attributes: self.attributes,
            texts: self.texts,
            decoded: self.decoded,
            maps: self.maps,
            root: self.root,
            bare_ampersands: self.bare_ampersands,
        }
    }

    /// The source text the spans point into.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many elements the document has.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    #[inline]
    pub fn element(&self, id: ElementId) -> Option<Element<'_>> {
        let data = self.elements.get(id.0 as usize)?;
        Some(self.view(id, data))
    }

    #[inline(always)]
    fn view<'d>(&'d self, id: ElementId, data: &'d ElementData) -> Element<'d> {
        Element {
            name: data.name_span.slice(&self.source),
            name_span: data.name_span,
            span: data.span,
            start_tag: data.start_tag,
            parent: link(data.parent).map(ElementId),
            depth: data.depth,
            self_closing: data.self_closing,
            id,
            doc: self.reborrow(),
        }
    }

    /// `&Document<'src>` as `&Document<'d>` (the source outlives the borrow).
    fn reborrow<'d>(&'d self) -> &'d Document<'d> {
        self
    }

    pub fn root_element(&self) -> Option<Element<'_>> {
        self.root.and_then(|id| self.element(id))
    }

    /// The element children of `id`, in order.
    pub fn child_elements(&self, id: ElementId) -> impl Iterator<Item = (ElementId, Element<'_>)> + '_ {
        let mut next = self.elements.get(id.0 as usize).map_or(NONE, |e| e.first_child);
        std::iter::from_fn(move || {
            let id = ElementId(link(next)?);
            let data = self.elements.get(id.0 as usize)?;
            next = data.next_sibling;
            Some((id, self.view(id, data)))
        })
    }

    /// Every element in document order with its id.
    pub fn iter(&self) -> impl Iterator<Item = (ElementId, Element<'_>)> + '_ {
        self.elements.iter().enumerate().map(|(i, e)| {
            let id = ElementId(to_u32(i));
            (id, self.view(id, e))
        })
    }

    /// The ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: ElementId) -> impl Iterator<Item = (ElementId, Element<'_>)> + '_ {
        let mut next = self.elements.get(id.0 as usize).map_or(NONE, |e| e.parent);
        std::iter::from_fn(move || {
            let id = ElementId(link(next)?);
            let data = self.elements.get(id.0 as usize)?;
            next = data.parent;
            Some((id, self.view(id, data)))
        })
    }

    #[inline(always)]
    fn attribute_view(&self, a: &AttributeData) -> Attribute<'_> {
        Attribute {
            name: a.name_span.slice(&self.source),
            name_span: a.name_span,
            raw_span: a.value.span,
            quote: a.quote,
            value: self.value(&a.value),
        }
    }

    #[inline(always)]
    fn value(&self, v: &ValueData) -> DecodedText<'_> {
        let text = self.value_text(v);
        let map = self.maps.get(v.map.0 as usize..v.map.1 as usize).unwrap_or(&[]);
        DecodedText { text, span: v.span, map }
    }

    /// The decoded text of a value, without its offset map.
    #[inline(always)]
    fn value_text(&self, v: &ValueData) -> &str {
        if v.decoded.0 == NONE {
            v.span.slice(&self.source)
        } else {
            self.decoded.get(v.decoded.0 as usize..v.decoded.1 as usize).unwrap_or("")
        }
    }

    // --- building (the reader, and hand-built trees in tests) ---

    /// Stores a decoded value that differs from its source: `text`, and `map` as described
    /// on [`DecodedText::map`].
    pub(crate) fn store(&mut self, text: &str, map: &[(u32, u32)], span: TextRange) -> ValueData {
        let start = to_u32(self.decoded.len());
        self.decoded.push_str(text);
        let map_start = to_u32(self.maps.len());
        self.maps.extend_from_slice(map);
        ValueData {
            span,
            decoded: (start, to_u32(self.decoded.len())),
            map: (map_start, to_u32(self.maps.len())),
        }
    }

    /// Each tab, line feed and carriage return of `value` becomes a space (attribute-value
    /// normalisation; byte for byte, so its offset map stays valid).
    pub(crate) fn normalise_whitespace(&mut self, value: ValueData) -> ValueData {
        let text = self.value(&value).text;
        if !text.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
            return value;
        }
        let replaced = text.replace(['\t', '\n', '\r'], " ");
        if value.decoded.0 == NONE {
            let start = to_u32(self.decoded.len());
            self.decoded.push_str(&replaced);
            ValueData { decoded: (start, to_u32(self.decoded.len())), ..value }
        } else {
            // Same length: overwrite in place (the value is the arena's last).
            self.decoded.replace_range(value.decoded.0 as usize..value.decoded.1 as usize, &replaced);
            value
        }
    }

    /// How many attributes the document holds so far (where the next element's start).
    pub(crate) fn attribute_count(&self) -> u32 {
        to_u32(self.attributes.len())
    }

    /// Drops the attributes from `from` on (a start tag the fast path gave up).
    pub(crate) fn truncate_attributes(&mut self, from: u32) {
        self.attributes.truncate(from as usize);
    }

    /// Whether one of the attributes from `from` on is named as `name` is.
    pub(crate) fn has_attribute_named(&self, from: u32, name: TextRange) -> bool {
        let bytes = self.source.as_bytes();
        let wanted = bytes.get(name.start as usize..name.end as usize);
        self.attributes.get(from as usize..).unwrap_or(&[]).iter().any(|a| {
            a.name_span.len() == name.len()
                && bytes.get(a.name_span.start as usize..a.name_span.end as usize) == wanted
        })
    }

    pub(crate) fn push_attribute(&mut self, name_span: TextRange, quote: char, value: ValueData) {
        self.attributes.push(AttributeData { name_span, quote, value });
    }

    /// Appends an element whose attributes are those pushed since `attributes_from`, as the
    /// last child of `parent` (or as the root when it is the first top-level element).
    pub(crate) fn push_element(
        &mut self,
        parent: Option<ElementId>,
        name_span: TextRange,
        start_tag: TextRange,
        attributes_from: u32,
        self_closing: bool,
    ) -> ElementId {
        let id = to_u32(self.elements.len());
        let depth = parent.and_then(|p| self.elements.get(p.0 as usize)).map_or(0, |p| p.depth + 1);
        self.elements.push(ElementData {
            name_span,
            span: start_tag,
            start_tag,
            attributes: (attributes_from, to_u32(self.attributes.len())),
            parent: parent.map_or(NONE, |p| p.0),
            depth,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            first_text: NONE,
            last_text: NONE,
            self_closing,
        });
        match parent {
            Some(p) => {
                let last = match self.elements.get_mut(p.0 as usize) {
                    Some(p) if p.first_child == NONE => {
                        p.first_child = id;
                        p.last_child = id;
                        NONE
                    }
                    Some(p) => std::mem::replace(&mut p.last_child, id),
                    None => NONE,
                };
                if let Some(last) = self.elements.get_mut(last as usize) {
                    last.next_sibling = id;
                }
            }
            None => {
                if self.root.is_none() {
                    self.root = Some(ElementId(id));
                }
            }
        }
        ElementId(id)
    }

    /// Appends a text run to `parent`.
    pub(crate) fn push_text(&mut self, parent: ElementId, value: ValueData, is_cdata: bool) {
        let id = to_u32(self.texts.len());
        self.texts.push(TextData { value, is_cdata, next: NONE });
        let last = match self.elements.get_mut(parent.0 as usize) {
            Some(p) if p.first_text == NONE => {
                p.first_text = id;
                p.last_text = id;
                return;
            }
            Some(p) => std::mem::replace(&mut p.last_text, id),
            None => return,
        };
        if let Some(last) = self.texts.get_mut(last as usize) {
            last.next = id;
        }
    }

    /// Moves the end of an element's span (when its end tag is read).
    pub(crate) fn extend_span(&mut self, id: ElementId, end: u32) {
        if let Some(e) = self.elements.get_mut(id.0 as usize) {
            e.span.end = end.max(e.span.end);
        }
    }

    /// The name span of an element.
    pub(crate) fn name_span(&self, id: ElementId) -> Option<TextRange> {
        self.elements.get(id.0 as usize).map(|e| e.name_span)
    }

    /// The decoded text of a value being read.
    pub(crate) fn decoded_text(&self, value: &ValueData) -> DecodedText<'_> {
        self.value(value)
    }
}

fn link(n: u32) -> Option<u32> {
    (n != NONE).then_some(n)
}

/// One element, as its readers see it: a copy of its fields and a handle on the document
/// for its attributes and children.
#[derive(Clone, Copy, Debug)]
pub struct Element<'d> {
    /// The name as written (RCML names are case-sensitive; namespaces are not used).
    pub name: &'d str,
    pub name_span: TextRange,
    /// From `<` of the start tag to `>` of the end tag (of the start tag when empty; when
    /// never closed, to where the reader closed it: the end tag of an ancestor or the end of
    /// the input, so that children always lie inside their parent's span).
    pub span: TextRange,
    /// The start tag alone, `<` to `>`.
    pub start_tag: TextRange,
    pub parent: Option<ElementId>,
    /// 0 for a top-level element.
    pub depth: u32,
    /// `<X/>`.
    pub self_closing: bool,
    pub id: ElementId,
    doc: &'d Document<'d>,
}

impl<'d> Element<'d> {
    #[inline]
    fn data(&self) -> Option<&'d ElementData> {
        self.doc.elements.get(self.id.0 as usize)
    }

    /// The attributes, in source order.
    #[inline]
    pub fn attributes(&self) -> impl Iterator<Item = Attribute<'d>> + 'd {
        let doc = self.doc;
        let (from, to) = self.data().map_or((0, 0), |d| d.attributes);
        doc.attributes.get(from as usize..to as usize).unwrap_or(&[]).iter().map(|a| doc.attribute_view(a))
    }

    /// The attributes, in source order, as [`AttributeRef`]s.
    #[inline]
    pub(crate) fn attribute_refs(&self) -> impl Iterator<Item = AttributeRef<'d>> + 'd {
        let doc = self.doc;
        let (from, to) = self.data().map_or((0, 0), |d| d.attributes);
        doc.attributes
            .get(from as usize..to as usize)
            .unwrap_or(&[])
            .iter()
            .map(move |data| AttributeRef { doc, data })
    }

    #[inline]
    pub fn attribute(&self, name: &str) -> Option<Attribute<'d>> {
        // Compare names before building any view.
        let doc = self.doc;
        let (from, to) = self.data().map_or((0, 0), |d| d.attributes);
        let bytes = doc.source.as_bytes();
        let a = doc.attributes.get(from as usize..to as usize)?.iter().find(|a| {
            a.name_span.len() as usize == name.len()
                && bytes.get(a.name_span.start as usize..a.name_span.end as usize) == Some(name.as_bytes())
        })?;
        Some(doc.attribute_view(a))
    }

    /// The text runs directly inside this element.
    #[inline]
    pub fn texts(&self) -> impl Iterator<Item = Text<'d>> + 'd {
        let doc = self.doc;
        let mut next = self.data().map_or(NONE, |d| d.first_text);
        std::iter::from_fn(move || {
            let t = doc.texts.get(link(next)? as usize)?;
            next = t.next;
            Some(Text { value: doc.value(&t.value), is_cdata: t.is_cdata })
        })
    }

    pub fn has_element_children(&self) -> bool {
        self.data().is_some_and(|d| d.first_child != NONE)
    }

    /// The element children, in order.
    pub fn child_elements(&self) -> impl Iterator<Item = (ElementId, Element<'d>)> + 'd {
        self.doc.child_elements(self.id)
    }
}

/// An attribute before its view is built: its name's bytes and its decoded text, which is
/// all the validator's loop over clean attributes reads (no `str` slicing of the name, no
/// offset map), and the full [`Attribute`] on demand.
#[derive(Clone, Copy)]
pub(crate) struct AttributeRef<'d> {
    doc: &'d Document<'d>,
    data: &'d AttributeData,
}

impl<'d> AttributeRef<'d> {
    #[inline(always)]
    pub(crate) fn name_bytes(&self) -> &'d [u8] {
        let span = self.data.name_span;
        self.doc.source.as_bytes().get(span.start as usize..span.end as usize).unwrap_or(&[])
    }

    /// The decoded value (entities expanded), untrimmed, as bytes.
    #[inline(always)]
    pub(crate) fn value_bytes(&self) -> &'d [u8] {
        let v = &self.data.value;
        let (text, (start, end)) = if v.decoded.0 == NONE {
            (self.doc.source.as_bytes(), (v.span.start, v.span.end))
        } else {
            (self.doc.decoded.as_bytes(), v.decoded)
        };
        text.get(start as usize..end as usize).unwrap_or(&[])
    }

    #[inline]
    pub(crate) fn view(&self) -> Attribute<'d> {
        self.doc.attribute_view(self.data)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Attribute<'d> {
    pub name: &'d str,
    pub name_span: TextRange,
    /// The value between the quotes, as written (entities not decoded).
    pub raw_span: TextRange,
    /// The quote character used (`"` or `'`; a curly quote when the reader recovered one;
    /// `'\0'` for a recovered unquoted value or a name without a value).
    pub quote: char,
    pub value: DecodedText<'d>,
}

/// A run of character data: text, CDATA and entity references merged, as the platform's
/// coalescing parser sees them. Runs of plain whitespace (indentation) are not kept: RCML
/// trims all text, so they carried nothing.
#[derive(Clone, Copy, Debug)]
pub struct Text<'d> {
    pub value: DecodedText<'d>,
    pub is_cdata: bool,
}

/// Decoded text plus the map back to source offsets, so a diagnostic about characters of a
/// decoded value (a SIP URI component) points at the exact source characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecodedText<'d> {
    pub text: &'d str,
    /// The whole source range the text came from.
    pub span: TextRange,
    /// Breakpoints `(decoded offset, source offset)`, ascending in both, the first at decoded
    /// offset 0. Between breakpoints decoded and source bytes correspond one to one; an
    /// entity reference is one breakpoint before it and one after it. Where markup without
    /// characters separates two pieces (CDATA delimiters), two breakpoints share a decoded
    /// offset: the end of the first piece, then the start of the next. **Empty** when the text
    /// corresponds to its source byte for byte (the common case).
    pub map: &'d [(u32, u32)],
}

impl<'d> DecodedText<'d> {
    /// Text that is its own source (no entities).
    pub fn verbatim(text: &'d str, span: TextRange) -> Self {
        Self { text, span, map: &[] }
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
    pub fn trimmed(&self) -> (&'d str, TextRange) {
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
        let t = DecodedText { text: "a&b", span: TextRange::new(10, 17), map: &[(0, 10), (1, 11), (2, 16)] };
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

    #[test]
    fn children_are_linked_in_order() {
        let src = "<a><b/>x<c/>y</a>";
        let mut doc = Document::new(src);
        let a = doc.push_element(None, TextRange::new(1, 2), TextRange::new(0, 3), 0, false);
        let b = doc.push_element(Some(a), TextRange::new(4, 5), TextRange::new(3, 7), 0, true);
        doc.push_text(a, ValueData::verbatim(TextRange::new(7, 8)), false);
        let c = doc.push_element(Some(a), TextRange::new(9, 10), TextRange::new(8, 12), 0, true);
        doc.push_text(a, ValueData::verbatim(TextRange::new(12, 13)), false);
        let kids: Vec<_> = doc.child_elements(a).map(|(id, e)| (id, e.name)).collect();
        assert_eq!(kids, vec![(b, "b"), (c, "c")]);
        let root = doc.root_element().unwrap_or_else(|| panic!("root"));
        let texts: Vec<_> = root.texts().map(|t| t.value.text).collect();
        assert_eq!(texts, vec!["x", "y"]);
        assert_eq!(doc.element(c).map(|e| e.depth), Some(1));
        assert_eq!(doc.ancestors(c).map(|(id, _)| id).collect::<Vec<_>>(), vec![a]);
    }
}
