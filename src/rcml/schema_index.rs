//! Indexes over the schema tables, derived from them at compile time: the element of a name
//! and the attribute of an element (open addressing on [`name_key`]), and per profile the
//! elements that exist and the children each element takes (one bit per element). The
//! tables stay the one source of truth; the indexes turn the validator's per-element and
//! per-attribute string searches into a hash probe and a bit test.

use super::schema::{AttributeLookup, ElementSpec, TextContent, ValueType, ELEMENTS};
use crate::profile::{PerProfile, Profile};

/// A name's length and its first and last bytes in one integer: equal names have equal keys,
/// and the names of the schema differ in it, so a probe rarely compares a string in vain.
pub const fn name_key(name: &str) -> u64 {
    bytes_key(name.as_bytes())
}

/// [`name_key`] of a name's bytes.
const fn bytes_key(b: &[u8]) -> u64 {
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => ((b.len() as u64) << 16) | ((first as u64) << 8) | last as u64,
        _ => 0,
    }
}

/// Hash slots: a power of two, at least twice the number of elements.
const SLOTS: usize = 128;
const EMPTY: u8 = u8::MAX;
/// Elements are bits of a `u64`.
const MAX_ELEMENTS: usize = 64;
/// Attribute slots: a power of two, at least twice the number of (element, name) pairs.
const ATTRIBUTE_SLOTS: usize = 512;
const NO_ATTRIBUTE: u16 = u16::MAX;
/// An attribute entry: the element in the high byte, the attribute's position in the low
/// five bits, and above them one bit per profile under which that attribute exists.
const POSITION_BITS: u32 = 5;
const PROFILES: usize = Profile::ALL.len();

struct Index {
    /// Indices into [`ELEMENTS`] by hash slot (linear probing), [`EMPTY`] where none.
    slots: [u8; SLOTS],
    /// Per profile, the elements that exist, one bit each.
    exists: [u64; PROFILES],
    /// Per profile and element, the elements it takes as children, one bit each.
    children: [[u64; MAX_ELEMENTS]; PROFILES],
    /// Attribute entries (see [`POSITION_BITS`]) by hash slot of (element, attribute name), for
    /// the first attribute of each name; [`NO_ATTRIBUTE`] where none.
    attributes: [u16; ATTRIBUTE_SLOTS],
    /// The elements with a required attribute under some profile, one bit each.
    required: u64,
    /// Per profile, the elements whose text a rule reads (forbidden, required or a URL).
    text_rules: [u64; PROFILES],
    /// Per profile and element, the attribute positions that are the first of their name
    /// and exist under the profile, one bit each: a name equal to one of them is
    /// `Known` there (what the probe answers), which [`Guesses`] relies on.
    known_first: [[u32; MAX_ELEMENTS]; PROFILES],
}

static INDEX: Index = build(ELEMENTS);

const fn slot_of(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
}

const fn attribute_slot(element: usize, key: u64) -> usize {
    let mixed = key ^ ((element as u64) << 32);
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

/// The profiles of `available` as bits, in the order of [`Profile::ALL`].
const fn profile_bits(available: PerProfile<bool>) -> u16 {
    (available.restcomm as u16)
        | ((available.restcomm_connect as u16) << 1)
        | ((available.twilio as u16) << 2)
}

const fn build(elements: &[ElementSpec]) -> Index {
    assert!(elements.len() <= MAX_ELEMENTS && 2 * elements.len() <= SLOTS);
    let mut slots = [EMPTY; SLOTS];
    let mut exists = [0u64; PROFILES];
    let mut text_rules = [0u64; PROFILES];
    let mut children = [[0u64; MAX_ELEMENTS]; PROFILES];
    let mut i = 0;
    while i < elements.len() {
        let mut slot = slot_of(name_key(elements[i].name));
        while slots[slot] != EMPTY {
            slot = (slot + 1) % SLOTS;
        }
        slots[slot] = i as u8;
        let bits = profile_bits(elements[i].profiles);
        let list = elements[i].children;
        let mut p = 0;
        while p < PROFILES {
            if bits & (1 << p) != 0 {
                exists[p] |= 1 << i;
            }
            let spec = &elements[i];
            let rule = match spec.text.get(Profile::ALL[p]) {
                TextContent::Forbidden => true,
                TextContent::Required => !matches!(spec.text_value, ValueType::SipUri),
                TextContent::Optional => false,
            };
            if !spec.open && (rule || matches!(spec.text_value, ValueType::Url)) {
                text_rules[p] |= 1 << i;
            }
            let mut c = 0;
            while c < list.len() {
                if profile_bits(list[c].profiles) & (1 << p) != 0 {
                    children[p][i] |= 1u64 << position(elements, list[c].name);
                }
                c += 1;
            }
            p += 1;
        }
        i += 1;
    }
    let mut attributes = [NO_ATTRIBUTE; ATTRIBUTE_SLOTS];
    let mut known_first = [[0u32; MAX_ELEMENTS]; PROFILES];
    let mut required = 0u64;
    let mut pairs = 0;
    let mut e = 0;
    while e < elements.len() {
        let list = elements[e].attributes;
        assert!(list.len() < 1 << POSITION_BITS);
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
                attributes[slot] =
                    ((e as u16) << 8) | (profile_bits(list[a].profiles) << POSITION_BITS) | a as u16;
                let mut p = 0;
                while p < PROFILES {
                    if profile_bits(list[a].profiles) & (1 << p) != 0 {
                        known_first[p][e] |= 1 << a;
                    }
                    p += 1;
                }
            }
            a += 1;
        }
        e += 1;
    }
    Index { slots, exists, children, attributes, required, text_rules, known_first }
}

/// `a == b` without a call to `memcmp` for the short names of the schema: two overlapping
/// 8-byte (or 4-byte) words cover every name of 4 to 16 bytes, three bytes the shorter ones.
#[inline]
fn same_name(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_name`] on bytes.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => word::<8>(a, 0) == word::<8>(b, 0) && word::<8>(a, n - 8) == word::<8>(b, n - 8),
        4..=7 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4),
        // First, middle and last byte: every byte of a name of 1 to 3 bytes.
        1..=3 => a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last(),
        _ => a == b,
    }
}

/// The `N` bytes at `at` as one word (zero when out of range: callers stay in range).
#[inline]
fn word<const N: usize>(s: &[u8], at: usize) -> [u8; N] {
    s.get(at..).and_then(|s| s.first_chunk::<N>()).copied().unwrap_or([0; N])
}

/// The index in [`ELEMENTS`] of the element named exactly `name`.
#[inline]
pub fn element_index(name: &str) -> Option<usize> {
    let mut slot = slot_of(name_key(name));
    // Bounded: the table is never full, so an empty slot ends every probe sequence.
    for _ in 0..SLOTS {
        let index = usize::from(*INDEX.slots.get(slot)?);
        if index == usize::from(EMPTY) {
            return None;
        }
        if same_name(ELEMENTS.get(index)?.name, name) {
            return Some(index);
        }
        slot = (slot + 1) % SLOTS;
    }
    None
}

/// The indexes as one profile sees them (built once per document).
#[derive(Clone, Copy, Debug)]
pub struct ForProfile {
    profile: Profile,
    /// The profile's position in [`Profile::ALL`].
    slot: usize,
    exists: u64,
}

impl ForProfile {
    pub fn new(profile: Profile) -> Self {
        let slot = Profile::ALL.iter().position(|p| *p == profile).unwrap_or(0);
        Self { profile, slot, exists: INDEX.exists.get(slot).copied().unwrap_or(0) }
    }

    /// The index in [`ELEMENTS`] of the element named `name`, when it exists under the profile.
    #[inline]
    pub fn element(&self, name: &str) -> Option<usize> {
        element_index(name).filter(|&i| bit(self.exists, i))
    }

    /// Whether a text rule reads the text of the element at `element` (otherwise its text
    /// runs need not be visited).
    #[inline]
    pub fn reads_text(&self, element: usize) -> bool {
        bit(INDEX.text_rules.get(self.slot).copied().unwrap_or(u64::MAX), element)
    }

    /// Whether the element at `parent` takes the element at `child` as a child (the same
    /// answer as [`ElementSpec::allows_child`]).
    #[inline]
    pub fn allows_child(&self, parent: usize, child: usize) -> bool {
        let mask = INDEX.children.get(self.slot).and_then(|c| c.get(parent)).copied().unwrap_or(0);
        bit(mask, child)
    }

    /// What `name` means on the element at `element`: the same answer as
    /// [`ElementSpec::attribute`], from a hash probe when the first attribute of that name
    /// exists under the profile (the table's order decides, as in the scan). Also the name's
    /// bit among the element's attribute names (see [`attribute_bit`]), 0 when it has none.
    #[cfg(test)]
    pub fn attribute(&self, element: usize, name: &str) -> (AttributeLookup, u32) {
        self.attribute_bytes(element, name.as_bytes())
    }

    /// [`Self::attribute`] of a name's bytes (the validator reads names from the source
    /// without slicing them as `str`).
    #[inline]
    pub fn attribute_bytes(&self, element: usize, name: &[u8]) -> (AttributeLookup, u32) {
        let Some(spec) = ELEMENTS.get(element) else {
            return (AttributeLookup::Unknown, 0);
        };
        let mut slot = attribute_slot(element, bytes_key(name));
        for _ in 0..ATTRIBUTE_SLOTS {
            let Some(&entry) = INDEX.attributes.get(slot) else { break };
            if entry == NO_ATTRIBUTE {
                return (AttributeLookup::Unknown, 0);
            }
            if usize::from(entry >> 8) == element {
                let position = u32::from(entry & ((1 << POSITION_BITS) - 1));
                if let Some(first) =
                    spec.attributes.get(position as usize).filter(|a| same_bytes(a.name.as_bytes(), name))
                {
                    if entry & (1 << (POSITION_BITS as usize + self.slot)) != 0 {
                        return (AttributeLookup::Known(first), 1 << position);
                    }
                    return (spec.attribute(as_str(name), self.profile), 1 << position);
                }
            }
            slot = (slot + 1) % ATTRIBUTE_SLOTS;
        }
        let position = spec.attributes.iter().position(|a| a.name.as_bytes() == name);
        let bit = position.and_then(|p| u32::try_from(p).ok()).and_then(|p| 1u32.checked_shl(p));
        (spec.attribute(as_str(name), self.profile), bit.unwrap_or(0))
    }
}

/// Attributes guessed by their place in the start tag (at most this many per tag).
const ORDINALS: usize = 8;
const NO_GUESS: u8 = u8::MAX;

/// Per element and place in the start tag, the table position of the attribute found there
/// last time: documents write an element's attributes in the same order again and again,
/// so one name compare usually replaces the hash probe of [`ForProfile::attribute_bytes`].
/// A guess only says where to compare; the answer is the probe's own (see
/// `Index::known_first`), and a wrong or missing guess just takes the probe.
pub struct Guesses([[u8; ORDINALS]; MAX_ELEMENTS]);

impl Guesses {
    pub fn new() -> Self {
        Self([[NO_GUESS; ORDINALS]; MAX_ELEMENTS])
    }

    /// The guesses for the element at `element`, by place in its start tag (a copy: a loop
    /// keeps them in a register and [`Self::set_row`]s them back).
    #[inline]
    pub fn row(&self, element: usize) -> [u8; ORDINALS] {
        self.0.get(element).copied().unwrap_or([NO_GUESS; ORDINALS])
    }

    #[inline]
    pub fn set_row(&mut self, element: usize, row: [u8; ORDINALS]) {
        if let Some(r) = self.0.get_mut(element) {
            *r = row;
        }
    }
}

impl Default for Guesses {
    fn default() -> Self {
        Self::new()
    }
}

impl ForProfile {
    /// The positions in the table of the element at `element` that a guess may name (see
    /// `Index::known_first`).
    #[inline]
    pub fn known_first(&self, element: usize) -> u32 {
        INDEX.known_first.get(self.slot).and_then(|k| k.get(element)).copied().unwrap_or(0)
    }

    /// [`Self::attribute_bytes`] of the attribute at place `ordinal` of a start tag of the
    /// element at `element` (the same answer, from a guess when it holds). `row`: the
    /// element's [`Guesses::row`], updated; `known`: its [`Self::known_first`]; `spec`:
    /// `ELEMENTS[element]`.
    #[inline(always)]
    pub fn attribute_guessed(
        &self,
        row: &mut [u8; ORDINALS],
        known: u32,
        (element, spec): (usize, &'static ElementSpec),
        ordinal: usize,
        name: &[u8],
    ) -> (AttributeLookup, u32) {
        let slot = row.get_mut(ordinal);
        if let Some(guess) = slot.as_deref().copied() {
            let bit = 1u32.checked_shl(u32::from(guess)).unwrap_or(0);
            if known & bit != 0 {
                let attr = spec.attributes.get(usize::from(guess));
                if let Some(attr) = attr.filter(|a| same_bytes(a.name.as_bytes(), name)) {
                    return (AttributeLookup::Known(attr), bit);
                }
            }
        }
        let (lookup, bit) = self.attribute_bytes(element, name);
        if let (Some(slot), true) = (slot, bit != 0) {
            *slot = u8::try_from(bit.trailing_zeros()).unwrap_or(NO_GUESS);
        }
        (lookup, bit)
    }
}

/// A name's bytes as `str` again (they are a slice of a `str` at ASCII name boundaries; a
/// name that were not UTF-8 would be unknown anyway).
fn as_str(name: &[u8]) -> &str {
    std::str::from_utf8(name).unwrap_or("")
}

fn bit(mask: u64, i: usize) -> bool {
    u32::try_from(i).ok().and_then(|i| mask.checked_shr(i)).is_some_and(|m| m & 1 == 1)
}

/// Positions in [`ELEMENTS`] of the elements with deep rules of their own.
pub const DIAL: usize = position(ELEMENTS, "Dial");
pub const SIP: usize = position(ELEMENTS, "Sip");
pub const URI: usize = position(ELEMENTS, "Uri");

/// The bit of attribute `name` of the element at `element` in the set of names a walk over
/// the element's attributes saw (the position of the first attribute of that name): no bit
/// means no attribute of that name, without a search. A name missing from the element's
/// table fails the build.
pub const fn attribute_bit(element: usize, name: &str) -> u32 {
    let list = ELEMENTS[element].attributes;
    let mut a = 0;
    while a < list.len() {
        if same(list[a].name, name) {
            return 1 << a;
        }
        a += 1;
    }
    panic!("no such attribute in the schema")
}

/// Whether the element at `element` has a required attribute under some profile.
pub fn has_required(element: usize) -> bool {
    bit(INDEX.required, element)
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
                        ForProfile::new(p).allows_child(i, j),
                        e.allows_child(c.name, p),
                        "{} > {} {p}",
                        e.name,
                        c.name
                    );
                }
            }
        }
        for p in Profile::ALL {
            for e in ELEMENTS {
                let known = ForProfile::new(p).element(e.name).is_some();
                assert_eq!(known, e.exists_in(p), "{} {p}", e.name);
            }
        }
        for name in ["", "dial", "Dia", "Dials", "Responsee", "S", "x", "Sip ", "UssdCollectX"] {
            assert_eq!(element_index(name), None, "{name:?}");
        }
    }

    #[test]
    fn same_name_is_string_equality() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "abd",
            "xbc",
            "axc",
            "ax",
            "xb",
            "b",
            "Sip",
            "Say",
            "url",
            "abcd",
            "abce",
            "xbcd",
            "abcdefg",
            "abcdefh",
            "abcdefgh",
            "abcdefgx",
            "statusCallback",
            "statusCallbacX",
            "StatusCallback",
            "statusCallbackEvent",
            "statusCallbackEvenT",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "é",
            "éa",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a:?} {b:?}");
            }
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

    /// Guessed lookups give the probe's answer, whatever was guessed before: every name at
    /// every place, after runs of tags that train the guesses on other names.
    #[test]
    fn guessed_lookups_agree_with_the_probe() {
        let mut names: Vec<&str> =
            ELEMENTS.iter().flat_map(|e| e.attributes.iter().map(|a| a.name)).collect();
        names.extend(["", "x", "Method", "methods", "metho", "statusCallbackX", "urls"]);
        // A small deterministic generator: the order of names in the "tags".
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for p in Profile::ALL {
            let index = ForProfile::new(p);
            let mut guesses = Guesses::new();
            for (e, spec) in ELEMENTS.iter().enumerate() {
                let own: Vec<&str> = spec.attributes.iter().map(|a| a.name).collect();
                for round in 0..400 {
                    let count = 1 + next(ORDINALS + 2);
                    for ordinal in 0..count {
                        // Mostly the element's own names, some others.
                        let name = if round % 5 == 0 && !own.is_empty() {
                            // The same tag again: guesses that hold.
                            own[ordinal % own.len()]
                        } else if round % 3 != 0 && !own.is_empty() {
                            own[next(own.len())]
                        } else {
                            names[next(names.len())]
                        };
                        let mut row = guesses.row(e);
                        let known = index.known_first(e);
                        let guessed =
                            index.attribute_guessed(&mut row, known, (e, spec), ordinal, name.as_bytes());
                        guesses.set_row(e, row);
                        let probed = index.attribute(e, name);
                        assert!(same_lookup(guessed.0, probed.0), "{} {name} {p}", spec.name);
                        assert_eq!(guessed.1, probed.1, "{} {name} {p}", spec.name);
                    }
                }
            }
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
                let first = e.attributes.iter().position(|a| a.name == *name);
                let bit = ForProfile::new(Profile::Twilio).attribute(i, name).1;
                assert_eq!(bit, first.map_or(0, |p| 1 << p), "{} {name}", e.name);
            }
            for name in &names {
                for p in Profile::ALL {
                    assert!(
                        same_lookup(ForProfile::new(p).attribute(i, name).0, e.attribute(name, p)),
                        "{} {name} {p}",
                        e.name
                    );
                }
            }
        }
    }
}
