//! The arrays of the last document dropped on a thread, kept for the next one: validating
//! again (an editor on every keystroke, a CI job over many files) then neither allocates
//! nor faults in fresh pages for its tree.

use super::{AttributeData, Document, ElementData, Stored, TextData};
use std::cell::RefCell;

/// The most bytes of storage a thread keeps from one document to the next.
const SPARE_BYTES: usize = 32 << 20;

thread_local! {
    /// The arrays of the last document dropped on this thread (emptied), for the next one:
    /// validating again (an editor on every keystroke, a CI job over many files) then
    /// neither allocates nor faults in fresh pages for its tree. Kept up to
    /// [`SPARE_BYTES`]; in wasm, whose memory never shrinks, it costs nothing more.
    static SPARE: RefCell<Storage> = RefCell::new(Storage::default());
}

/// A document's growable arrays, owned (the spare) or borrowed (a document's).
#[derive(Default)]
struct Storage {
    elements: Vec<ElementData>,
    attributes: Vec<AttributeData>,
    texts: Vec<TextData>,
    stored: Vec<Stored>,
    decoded: String,
    maps: Vec<(u32, u32)>,
}

pub(super) struct StorageMut<'a> {
    pub(super) elements: &'a mut Vec<ElementData>,
    pub(super) attributes: &'a mut Vec<AttributeData>,
    pub(super) texts: &'a mut Vec<TextData>,
    pub(super) stored: &'a mut Vec<Stored>,
    pub(super) decoded: &'a mut String,
    pub(super) maps: &'a mut Vec<(u32, u32)>,
}

impl StorageMut<'_> {
    /// Exchanges these arrays with `spare`'s (whose content is not kept).
    fn swap(self, spare: &mut Storage) {
        std::mem::swap(self.elements, &mut spare.elements);
        std::mem::swap(self.attributes, &mut spare.attributes);
        std::mem::swap(self.texts, &mut spare.texts);
        std::mem::swap(self.stored, &mut spare.stored);
        std::mem::swap(self.decoded, &mut spare.decoded);
        std::mem::swap(self.maps, &mut spare.maps);
        self.elements.clear();
        self.attributes.clear();
        self.texts.clear();
        self.stored.clear();
        self.decoded.clear();
        self.maps.clear();
    }

    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.elements.capacity() * size_of::<ElementData>()
            + self.attributes.capacity() * size_of::<AttributeData>()
            + self.texts.capacity() * size_of::<TextData>()
            + self.stored.capacity() * size_of::<Stored>()
            + self.decoded.capacity()
            + self.maps.capacity() * size_of::<(u32, u32)>()
    }
}

/// Gives `doc` the arrays of the last document dropped on this thread, if any.
pub(super) fn take(doc: &mut Document<'_>) {
    let _ = SPARE.try_with(|spare| {
        if let Ok(mut spare) = spare.try_borrow_mut() {
            doc.storage_mut().swap(&mut spare);
        }
    });
}

impl Drop for Document<'_> {
    /// Leaves the arrays to the next document of this thread (unless they are too large, or
    /// the spare is larger).
    fn drop(&mut self) {
        let storage = self.storage_mut();
        let bytes = storage.bytes();
        if bytes == 0 || bytes > SPARE_BYTES {
            return;
        }
        let _ = SPARE.try_with(|spare| {
            if let Ok(mut spare) = spare.try_borrow_mut() {
                let spare = &mut *spare;
                let kept = StorageMut {
                    elements: &mut spare.elements,
                    attributes: &mut spare.attributes,
                    texts: &mut spare.texts,
                    stored: &mut spare.stored,
                    decoded: &mut spare.decoded,
                    maps: &mut spare.maps,
                }
                .bytes();
                if kept < bytes {
                    self.storage_mut().swap(spare);
                }
            }
        });
    }
}
