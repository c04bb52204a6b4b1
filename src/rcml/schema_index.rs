//! Indexes over the schema tables, derived from them at compile time: the element of a name
//! and the attribute of an element (open addressing on [`name_key`]), and per element and
//! profile the children it takes (one bit per element). The tables stay the one source of
//! truth; the indexes turn the validator's per-element and per-attribute string searches
//! into a hash probe and a bit test.

use super::schema::{AttributeLookup, ElementSpec, ELEMENTS};
use crate::profile::{PerProfile, Profile};

/// A name's length and a few of its bytes in one integer: equal names have equal keys, and
/// the names of one table almost always differ in it, so a scan compares integers and
/// checks the string only where the keys match.
pub const fn name_key(name: &str) -> u64 {
    let b = name.as_bytes();
    let n = b.len();
    ((n as u64) << 48)
        | (byte(b, 0) << 40)
        | (byte(b, 1) << 32)
        | (byte(b, n / 2) << 24)
        | (byte(b, n.wrapping_sub(2)) << 8)
        | byte(b, n.wrapping_sub(1))
}

/// `b[i]`, or 0 past the end.
const fn byte(b: &[u8], i: usize) -> u64 {
    match b.split_at_checked(i) {
        Some((_, [x, ..])) => *x as u64,
        _ => 0,
    }
}

/// Hash slots: a power of two, at least twice the number of elements.
const SLOTS: usize = 128;
const EMPTY: u8 = u8::MAX;
/// Children are bits of a `u64`.
const MAX_ELEMENTS: usize = 64;
/// Attribute slots: a power of two, at least twice the number of (element, name) pairs.
const ATTRIBUTE_SLOTS: usize = 512;
const NO_ATTRIBUTE: u16 = u16::MAX;

struct Index {
    /// Indices into [`ELEMENTS`] by hash slot (linear probing), [`EMPTY`] where none.
    slots: [u8; SLOTS],
    /// Per element, the elements it takes as children under each profile, one bit each.
    children: [PerProfile<u64>; MAX_ELEMENTS],
    /// `element << 8 | attribute` by hash slot of (element, attribute name), for the first
    /// attribute of each name; [`NO_ATTRIBUTE`] where none.
    attributes: [u16; ATTRIBUTE_SLOTS],
    /// The elements with a required attribute under some profile, one bit each.
    required: u64,
}

static INDEX: Index = build(ELEMENTS);

const fn slot_of(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

const fn attribute_slot(element: usize, key: u64) -> usize {
    let mixed = key ^ (element as u64).wrapping_mul(0x0100_0000_01B3);
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - ATTRIBUTE_SLOTS.trailing_zeros())) as usize
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Where `name` is in `elements` (a child missing from the table fails the build).
const fn position(elements: &[ElementSpec], name: &str) -> usize {
    let mut i = 0;
    while i < elements.len() {
        if same(elements[i].name, name) {
            return i;
        }
        i += 1;
    }
    panic!("a children list names an element missing from the schema")
}

const fn build(elements: &[ElementSpec]) -> Index {
    assert!(elements.len() <= MAX_ELEMENTS && 2 * elements.len() <= SLOTS);
    let mut slots = [EMPTY; SLOTS];
    let mut i = 0;
    while i < elements.len() {
        let mut slot = slot_of(name_key(elements[i].name));
        while slots[slot] != EMPTY {
            slot = (slot + 1) % SLOTS;
        }
        slots[slot] = i as u8;
        i += 1;
    }
    let mut children = [PerProfile::all(0u64); MAX_ELEMENTS];
    let mut e = 0;
    while e < elements.len() {
        let list = elements[e].children;
        let mut c = 0;
        while c < list.len() {
            let bit = 1u64 << position(elements, list[c].name);
            let available = list[c].profiles;
            let mask = &mut children[e];
            if available.restcomm {
                mask.restcomm |= bit;
            }
            if available.restcomm_connect {
                mask.restcomm_connect |= bit;
            }
            if available.twilio {
                mask.twilio |= bit;
            }
            c += 1;
        }
        e += 1;
    }
    let mut attributes = [NO_ATTRIBUTE; ATTRIBUTE_SLOTS];
    let mut required = 0u64;
    let mut pairs = 0;
    let mut e = 0;
    while e < elements.len() {
        let list = elements[e].attributes;
        assert!(list.len() < 256);
        let mut a = 0;
        while a < list.len() {
            if list[a].required {
                required |= 1u64 << e;
            }
            let mut first = true;
            let mut before = 0;
            while before < a {
                first &= !same(list[before].name, list[a].name);
                before += 1;
            }
            if first {
                pairs += 1;
                assert!(2 * pairs <= ATTRIBUTE_SLOTS);
                let mut slot = attribute_slot(e, name_key(list[a].name));
                while attributes[slot] != NO_ATTRIBUTE {
                    slot = (slot + 1) % ATTRIBUTE_SLOTS;
                }
                attributes[slot] = ((e as u16) << 8) | a as u16;
            }
            a += 1;
        }
        e += 1;
    }
    Index { slots, children, attributes, required }
}

/// The index in [`ELEMENTS`] of the element named exactly `name`.
pub fn element_index(name: &str) -> Option<usize> {
    let mut slot = slot_of(name_key(name));
    // Bounded: the table is never full, so an empty slot ends every probe sequence.
    for _ in 0..SLOTS {
        let index = usize::from(*INDEX.slots.get(slot)?);
        if index == usize::from(EMPTY) {
            return None;
        }
        if ELEMENTS.get(index)?.name == name {
            return Some(index);
        }
        slot = (slot + 1) % SLOTS;
    }
    None
}

/// Whether the element at `parent` takes the element at `child` as a child under `profile`
/// (the same answer as [`ElementSpec::allows_child`]).
pub fn allows_child(parent: usize, child: usize, profile: Profile) -> bool {
    let mask = INDEX.children.get(parent).map_or(0, |m| m.get(profile));
    u32::try_from(child).ok().and_then(|c| mask.checked_shr(c)).is_some_and(|m| m & 1 == 1)
}

/// What `name` means on the element at `element` under `profile`: the same answer as
/// [`ElementSpec::attribute`], from a hash probe when the first attribute of that name
/// exists under the profile (the table's order decides, as in the scan).
pub fn attribute(element: usize, name: &str, profile: Profile) -> AttributeLookup {
    let Some(spec) = ELEMENTS.get(element) else {
        return AttributeLookup::Unknown;
    };
    let mut slot = attribute_slot(element, name_key(name));
    for _ in 0..ATTRIBUTE_SLOTS {
        let Some(&entry) = INDEX.attributes.get(slot) else { break };
        if entry == NO_ATTRIBUTE {
            return AttributeLookup::Unknown;
        }
        if usize::from(entry >> 8) == element {
            if let Some(first) = spec.attributes.get(usize::from(entry & 0xff)).filter(|a| a.name == name) {
                if first.profiles.get(profile) {
                    return AttributeLookup::Known(first);
                }
                break;
            }
        }
        slot = (slot + 1) % ATTRIBUTE_SLOTS;
    }
    spec.attribute(name, profile)
}

/// Whether the element at `element` has a required attribute under some profile.
pub fn has_required(element: usize) -> bool {
    u32::try_from(element).ok().and_then(|e| INDEX.required.checked_shr(e)).is_some_and(|m| m & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_agrees_with_the_tables() {
        for (i, e) in ELEMENTS.iter().enumerate() {
            assert_eq!(element_index(e.name), Some(i), "{}", e.name);
            for (j, c) in ELEMENTS.iter().enumerate() {
                for p in Profile::ALL {
                    assert_eq!(
                        allows_child(i, j, p),
                        e.allows_child(c.name, p),
                        "{} > {} {p}",
                        e.name,
                        c.name
                    );
                }
            }
        }
        for name in ["", "dial", "Dia", "Dials", "Responsee", "S", "x", "Sip ", "UssdCollectX"] {
            assert_eq!(element_index(name), None, "{name:?}");
        }
    }

    fn same_lookup(a: AttributeLookup, b: AttributeLookup) -> bool {
        match (a, b) {
            (AttributeLookup::Known(x), AttributeLookup::Known(y))
            | (AttributeLookup::OtherProfile(x), AttributeLookup::OtherProfile(y)) => std::ptr::eq(x, y),
            (AttributeLookup::Unknown, AttributeLookup::Unknown) => true,
            _ => false,
        }
    }

    #[test]
    fn the_attribute_index_agrees_with_the_tables() {
        let mut names: Vec<&str> =
            ELEMENTS.iter().flat_map(|e| e.attributes.iter().map(|a| a.name)).collect();
        names.extend(["", "x", "Method", "methods", "metho", "statusCallbackX", "urls"]);
        for (i, e) in ELEMENTS.iter().enumerate() {
            assert_eq!(has_required(i), e.attributes.iter().any(|a| a.required), "{}", e.name);
            for name in &names {
                for p in Profile::ALL {
                    assert!(
                        same_lookup(attribute(i, name, p), e.attribute(name, p)),
                        "{} {name} {p}",
                        e.name
                    );
                }
            }
        }
    }
}
