//! The XML layer: a recovering reader that builds a [`Document`] with spans and reports
//! every well-formedness problem it can find, then keeps going.
//!
//! `fast.rs` reads the plain shapes (text, start tags of `name="value"` attributes, end tags
//! closing the innermost element) in one pass; everything else goes to quick-xml one event
//! at a time (borrowed events, no copies), into the same code, which matches tags with an
//! explicit stack (no recursion: 100 000 levels are fine), scans attributes and references
//! itself for precise diagnostics, and resynchronises after errors quick-xml cannot recover
//! from. The tree is flat and borrows the source (`tree.rs`). Only byte offsets are
//! computed; lines and columns come later, once.

mod attributes;
mod decode;
mod fast;
mod markup;
mod reader;
pub mod rules;
mod text;
pub mod tree;

pub use reader::MAX_DEPTH;
pub use text::restcomm_connect_repairs_all;
pub use tree::*;

use crate::diagnostics::Diagnostics;

/// Below this many bytes a plain loop finds a byte faster than `memchr`, whose set-up
/// dominates on names and attribute values.
const SHORT_SCAN: usize = 32;

/// The first `needle` in `hay`, as `memchr::memchr`.
fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    if hay.len() < SHORT_SCAN {
        hay.iter().position(|&b| b == needle)
    } else {
        memchr::memchr(needle, hay)
    }
}

/// Parses `source` into a tree, reporting `xml/*` diagnostics into `diagnostics`.
/// Never fails and never panics: what could not be read is reported and skipped.
///
/// Bare `&` are kept as literal `&` in decoded text and recorded in
/// [`Document::bare_ampersands`] (the simulator runs the document as Restcomm-Connect
/// repairs it); undefined entities and invalid character references are kept as written.
pub fn parse<'s>(source: &'s str, diagnostics: &mut Diagnostics) -> Document<'s> {
    text::report_illegal_characters(source, diagnostics);
    reader::Parser::new(source, diagnostics).run()
}
