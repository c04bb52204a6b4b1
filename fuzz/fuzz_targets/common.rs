//! Shared by the targets: the input layout and the invariants every output must keep.

use rcml_sip::{Diagnostic, LineIndex, Profile};

/// The first byte chooses the profile, so one corpus covers all three.
pub fn split_profile(data: &[u8]) -> Option<(Profile, &[u8])> {
    let (&first, rest) = data.split_first()?;
    let profile = *Profile::ALL.get(usize::from(first) % Profile::ALL.len())?;
    Some((profile, rest))
}

#[allow(dead_code)] // not every target has diagnostics
/// Ranges inside the source, lines located, UTF-16 conversion and JSON serialisation fine.
pub fn check_diagnostics(source: &str, diagnostics: &[Diagnostic]) {
    let len = source.len() as u32;
    let index = LineIndex::new(source);
    for d in diagnostics {
        let r = d.range;
        assert!(r.start.offset <= r.end.offset, "{}: reversed range {r:?}", d.code);
        assert!(r.end.offset <= len, "{}: range {r:?} past the end ({len})", d.code);
        assert!(r.start.line >= 1 && r.start.column >= 1, "{}: not located {r:?}", d.code);
        for edit in d.fixes.iter().flat_map(|f| f.edits.iter()) {
            assert!(edit.start <= edit.end && edit.end <= len, "{}: fix edit {edit:?} out of range", d.code);
        }
        let mut utf16 = d.clone();
        utf16.to_utf16(&index);
        assert!(serde_json::to_string(d).is_ok());
    }
}
