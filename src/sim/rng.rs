//! The only source of variety in a run: SplitMix64 seeded by the scenario. It makes sids,
//! tags, branches, Call-IDs and nonces; the same seed gives the same bytes everywhere.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `n` lowercase hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        let mut out = String::with_capacity(n + 16);
        while out.len() < n {
            push_hex(&mut out, self.next_u64(), 16, false);
        }
        out.truncate(n);
        out
    }
}

/// Appends the low `digits` hex digits of `value`, most significant first, zero-padded: what
/// `{:0N x}` writes, without the formatting machinery (sids, tags, digests, `%XX` escapes).
pub fn push_hex(out: &mut String, value: u64, digits: u32, upper: bool) {
    let table = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    for i in (0..digits.min(16)).rev() {
        let nibble = (value >> (i * 4)) & 0xF;
        out.push(char::from(table.get(nibble as usize).copied().unwrap_or(b'0')));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (Rng::new(1), Rng::new(1));
        assert_eq!(a.hex(32), b.hex(32));
        assert_eq!(a.hex(7).len(), 7);
        assert_ne!(Rng::new(2).hex(32), Rng::new(1).hex(32));
    }

    #[test]
    fn hex_digits_as_format_writes_them() {
        for v in [0u64, 1, 0xab, 0x7f, 0xff, 0x0123_4567_89ab_cdef, u64::MAX] {
            let mut s = String::new();
            push_hex(&mut s, v, 16, false);
            assert_eq!(s, format!("{v:016x}"));
            let mut s = String::new();
            push_hex(&mut s, v & 0xff, 2, true);
            assert_eq!(s, format!("{:02X}", v & 0xff));
        }
    }
}
