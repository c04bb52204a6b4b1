//! The XML tree the RCML layers read: flat arrays (no recursion anywhere, so a 100 000-deep
//! document neither overflows the stack when walked nor when dropped, and no allocation per
//! element, attribute or text run), with the byte span of every name, value and text run.
//!
//! The document borrows its source: names and values that are their own source (no entity,
//! no CDATA, no normalised whitespace: nearly all) are spans into it; the others live in
//! one shared arena of decoded text. Readers see copyable views ([`Element`], [`Attribute`],
//! [`Text`], [`DecodedText`]) built on the fly from an index.
//!
//! The records are small (element 40 bytes, attribute 24, text run 20, all `u32`): on a
//! large document the tree is written once and read once outside the caches, so its size
//! is its cost. Children are not linked: an element's descendants follow it up to its
//! `subtree_end`, and a child's next sibling is what follows the child's subtree. The
//! arrays of a dropped document are kept for the next one on the same thread.

mod spare;

use crate::text::{to_u32, TextRange};
use spare::StorageMut;
use std::borrow::Cow;

/// Index of an element in document (pre-)order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementId(pub u32);

/// "No element / no text" in the links of the arrays.
const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Document<'src> {
    source: Cow<'src, str>,
    /// Every element, in document (pre-)order: a parent comes before its children, and an
    /// element's descendants are the elements right after it, up to its `subtree_end`.
    pub(crate) elements: Vec<ElementData>,
    /// The attributes of every element; one element's are contiguous, in source order.
    attributes: Vec<AttributeData>,
    /// The text runs of every element, in source order (linked per element).
    texts: Vec<TextData>,
    /// Where the decoded text and offset map of each value that is not its own source are.
    stored: Vec<Stored>,
    /// Decoded values that are not their own source, back to back.
    decoded: String,
    /// The offset maps of the values in `decoded`, back to back.
    maps: Vec<(u32, u32)>,
    /// The first top-level element, if any.
    pub root: Option<ElementId>,
    /// Bare `&` characters the reader kept as literal text (V4 decides their verdict).
    pub bare_ampersands: Vec<TextRange>,
}

/// Where a value is while it is being read: its source span, and its decoded text in the
/// arena when it is not the source itself. The tree keeps the span and, for the few
/// decoded values only, an index of their [`Stored`] ranges.
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

/// The decoded text (range in [`Document::decoded`]) and offset map (range in
/// [`Document::maps`]) of a value that is not its own source.
#[derive(Clone, Copy, Debug)]
struct Stored {
    decoded: (u32, u32),
    map: (u32, u32),
}

/// The top bit of [`ElementData::depth`]: `<X/>`.
const SELF_CLOSING: u32 = 1 << 31;

/// One element: 40 bytes, all `u32` (a large document's tree is written once and read
/// once, mostly outside the caches: its size is its cost).
#[derive(Clone, Debug)]
pub(crate) struct ElementData {
    /// The start tag, `<` to `>`; the name starts right after the `<`.
    tag_start: u32,
    tag_end: u32,
    name_end: u32,
    /// Once closed: the end of the element's span (see [`Element::span`]). While open (its
    /// span is its start tag): its last text run, what [`Document::push_text`] appends to.
    end: u32,
    /// Range in [`Document::attributes`].
    attributes: (u32, u32),
    parent: u32,
    /// Depth, and [`SELF_CLOSING`].
    depth: u32,
    /// The index after the element's last descendant; [`OPEN`] until it is closed.
    subtree_end: u32,
    first_text: u32,
}

/// [`ElementData::subtree_end`] of an element not closed yet: its descendants so far are
/// all the elements after it.
const OPEN: u32 = u32::MAX;

/// 24 bytes.
#[derive(Clone, Debug)]
struct AttributeData {
    name_span: TextRange,
    value_span: TextRange,
    /// Index in [`Document::stored`], or `NONE` when the value is its source verbatim.
    stored: u32,
    quote: char,
}

/// 20 bytes.
#[derive(Clone, Debug)]
struct TextData {
    span: TextRange,
    /// Index in [`Document::stored`], or `NONE` when the text is its source verbatim.
    stored: u32,
    next: u32,
    is_cdata: bool,
}

impl ElementData {
    #[inline(always)]
    fn name_span(&self) -> TextRange {
        TextRange::new(self.tag_start.saturating_add(1), self.name_end)
    }

    #[inline(always)]
    fn span_end(&self) -> u32 {
        if self.subtree_end == OPEN {
            self.tag_end
        } else {
            self.end
        }
    }
}

impl<'src> Document<'src> {
    /// An empty document over `source`, with room for what a typical document of its size
    /// holds (no regrowth while reading the benchmark's RCML).
    pub(crate) fn new(source: &'src str) -> Self {
        let len = source.len();
        let mut doc = Self::default();
        doc.source = Cow::Borrowed(source);
        spare::take(&mut doc);
        doc.elements.reserve(len / 48 + 4);
        doc.attributes.reserve(len / 32 + 4);
        doc.texts.reserve(len / 96 + 4);
        doc.stored.reserve(len / 256 + 4);
        doc
    }

    /// The growable arrays, to keep or to reuse.
    fn storage_mut(&mut self) -> StorageMut<'_> {
        StorageMut {
            elements: &mut self.elements,
            attributes: &mut self.attributes,
            texts: &mut self.texts,
            stored: &mut self.stored,
            decoded: &mut self.decoded,
            maps: &mut self.maps,
        }
    }

    /// The same document, owning its source.
    pub fn into_owned(mut self) -> Document<'static> {
        Document {
            source: Cow::Owned(std::mem::take(&mut self.source).into_owned()),
            elements: std::mem::take(&mut self.elements),
            attributes: std::mem::take(&mut self.attributes),
            texts: std::mem::take(&mut self.texts),
            stored: std::mem::take(&mut self.stored),
            decoded: std::mem::take(&mut self.decoded),
            maps: std::mem::take(&mut self.maps),
            root: self.root,
            bare_ampersands: std::mem::take(&mut self.bare_ampersands),
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
        let name_span = data.name_span();
        Element {
            name: name_span.slice(&self.source),
            name_span,
            span: TextRange::new(data.tag_start, data.span_end()),
            start_tag: TextRange::new(data.tag_start, data.tag_end),
            parent: link(data.parent).map(ElementId),
            depth: data.depth & !SELF_CLOSING,
            self_closing: data.depth & SELF_CLOSING != 0,
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

    /// The element children of `id`, in order: the element right after it if that is its
    /// child, then each child's next sibling is what follows the child's subtree.
    pub fn child_elements(&self, id: ElementId) -> impl Iterator<Item = (ElementId, Element<'_>)> + '_ {
        let end = self.elements.get(id.0 as usize).map_or(0, |e| e.subtree_end);
        let mut next = id.0.saturating_add(1);
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let child = ElementId(next);
            let data = self.elements.get(next as usize).filter(|d| d.parent == id.0)?;
            next = data.subtree_end;
            Some((child, self.view(child, data)))
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
            raw_span: a.value_span,
            quote: a.quote,
            value: self.value(a.value_span, a.stored),
        }
    }

    #[inline(always)]
    fn value(&self, span: TextRange, stored: u32) -> DecodedText<'_> {
        match self.stored.get(stored as usize) {
            None => DecodedText { text: span.slice(&self.source), span, map: &[] },
            Some(s) => DecodedText {
                text: self.decoded.get(s.decoded.0 as usize..s.decoded.1 as usize).unwrap_or(""),
                span,
                map: self.maps.get(s.map.0 as usize..s.map.1 as usize).unwrap_or(&[]),
            },
        }
    }

    /// The decoded text of a value being read.
    fn value_data_text(&self, v: &ValueData) -> DecodedText<'_> {
        let text = if v.decoded.0 == NONE {
            v.span.slice(&self.source)
        } else {
            self.decoded.get(v.decoded.0 as usize..v.decoded.1 as usize).unwrap_or("")
        };
        let map = self.maps.get(v.map.0 as usize..v.map.1 as usize).unwrap_or(&[]);
        DecodedText { text, span: v.span, map }
    }

    // --- building (the reader, and hand-built trees in tests) ---
    //
    // An element is pushed after its attributes, as the last child of the innermost open
    // element (its `parent`), and closed by `extend_span`; text runs are pushed to the
    // innermost open element. Pre-order, subtree ends and text tails rely on that order.

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

    /// The index in [`Document::stored`] of a value's decoded text, `NONE` when verbatim.
    fn stored_index(&mut self, value: &ValueData) -> u32 {
        if value.decoded.0 == NONE {
            return NONE;
        }
        let index = to_u32(self.stored.len());
        self.stored.push(Stored { decoded: value.decoded, map: value.map });
        index
    }

    /// Each tab, line feed and carriage return of `value` becomes a space (attribute-value
    /// normalisation; byte for byte, so its offset map stays valid).
    pub(crate) fn normalise_whitespace(&mut self, value: ValueData) -> ValueData {
        let text = self.value_data_text(&value).text;
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
        let stored = self.stored_index(&value);
        self.attributes.push(AttributeData { name_span, value_span: value.span, stored, quote });
    }

    /// Appends an element whose attributes are those pushed since `attributes_from`, as the
    /// last child of `parent` (or as the root when it is the first top-level element).
    /// `name_span` starts right after the `<` of `start_tag`, as XML writes it.
    #[inline]
    pub(crate) fn push_element(
        &mut self,
        parent: Option<ElementId>,
        name_span: TextRange,
        start_tag: TextRange,
        attributes_from: u32,
        self_closing: bool,
    ) -> ElementId {
        let id = to_u32(self.elements.len());
        let depth = parent
            .and_then(|p| self.elements.get(p.0 as usize))
            .map_or(0, |p| (p.depth & !SELF_CLOSING).saturating_add(1).min(!SELF_CLOSING));
        self.elements.push(ElementData {
            tag_start: start_tag.start,
            tag_end: start_tag.end,
            name_end: name_span.end,
            end: if self_closing { start_tag.end } else { NONE },
            attributes: (attributes_from, to_u32(self.attributes.len())),
            parent: parent.map_or(NONE, |p| p.0),
            depth: if self_closing { depth | SELF_CLOSING } else { depth },
            subtree_end: if self_closing { id.saturating_add(1) } else { OPEN },
            first_text: NONE,
        });
        if parent.is_none() && self.root.is_none() {
            self.root = Some(ElementId(id));
        }
        ElementId(id)
    }

    /// Appends a text run to `parent`.
    #[inline]
    pub(crate) fn push_text(&mut self, parent: ElementId, value: ValueData, is_cdata: bool) {
        let id = to_u32(self.texts.len());
        let stored = self.stored_index(&value);
        let Some(owner) = self.elements.get_mut(parent.0 as usize) else { return };
        let last = if owner.first_text == NONE {
            owner.first_text = id;
            NONE
        } else if owner.subtree_end == OPEN {
            owner.end
        } else {
            // Closed (not the reader's order): find the run's tail the slow way.
            let mut last = owner.first_text;
            while let Some(next) = self.texts.get(last as usize).and_then(|t| link(t.next)) {
                last = next;
            }
            last
        };
        if owner.subtree_end == OPEN {
            owner.end = id;
        }
        self.texts.push(TextData { span: value.span, stored, next: NONE, is_cdata });
        if let Some(t) = self.texts.get_mut(last as usize) {
            t.next = id;
        }
    }

    /// Moves the end of an element's span (when its end tag is read) and closes it: its
    /// descendants are the elements pushed so far.
    pub(crate) fn extend_span(&mut self, id: ElementId, end: u32) {
        let count = to_u32(self.elements.len());
        if let Some(e) = self.elements.get_mut(id.0 as usize) {
            e.end = end.max(e.span_end());
            e.subtree_end = count;
        }
    }

    /// The name span of an element.
    pub(crate) fn name_span(&self, id: ElementId) -> Option<TextRange> {
        self.elements.get(id.0 as usize).map(ElementData::name_span)
    }

    /// The decoded text of a value being read.
    pub(crate) fn decoded_text(&self, value: &ValueData) -> DecodedText<'_> {
        self.value_data_text(value)
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
            Some(Text { value: doc.value(t.span, t.stored), is_cdata: t.is_cdata })
        })
    }

    pub fn has_element_children(&self) -> bool {
        // Pre-order: a first child comes right after its parent.
        let next = self.id.0.saturating_add(1);
        self.doc.elements.get(next as usize).is_some_and(|d| d.parent == self.id.0)
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
        let a = self.data;
        let (text, (start, end)) = match self.doc.stored.get(a.stored as usize) {
            None => (self.doc.source.as_bytes(), (a.value_span.start, a.value_span.end)),
            Some(s) => (self.doc.decoded.as_bytes(), s.decoded),
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

    /// The records stay small: a large document's tree is written once and read once,
    /// mostly outside the caches, so its size is its cost.
    #[test]
    fn records_stay_small() {
        assert_eq!(std::mem::size_of::<ElementData>(), 40);
        assert_eq!(std::mem::size_of::<AttributeData>(), 24);
        assert_eq!(std::mem::size_of::<TextData>(), 20);
    }

    /// A document built on the arrays of a dropped one sees nothing of it.
    #[test]
    fn reused_arrays_start_empty() {
        let mut diags = crate::diagnostics::Diagnostics::new(crate::Profile::Restcomm);
        let first = crate::xml::parse("<a x='&amp;1'>t&amp;u<b/>v</a>", &mut diags);
        assert_eq!(first.len(), 2);
        drop(first);
        let second = crate::xml::parse("<c y='2'>w</c>", &mut diags);
        let c = second.root_element().unwrap_or_else(|| panic!("root"));
        assert_eq!(second.len(), 1);
        let attributes: Vec<_> = c.attributes().map(|a| (a.name, a.value.text)).collect();
        assert_eq!(attributes, vec![("y", "2")]);
        assert_eq!(c.texts().map(|t| t.value.text).collect::<Vec<_>>(), vec!["w"]);
        assert!(!c.has_element_children());
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
