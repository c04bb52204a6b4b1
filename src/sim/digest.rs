//! HTTP digest authentication for SIP (RFC 2617 with MD5, as RFC 3261 §22 uses it): the
//! challenge an endpoint sends and the response the platform computes from the `<Sip>`
//! `username`/`password`. The password only enters the hash; it is never written anywhere.

/// One challenge (`WWW-Authenticate` on 401, `Proxy-Authenticate` on 407).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// 401 or 407: which header carries it and which answers it.
    pub status: u16,
    pub realm: String,
    pub nonce: String,
    pub qop: bool,
}

impl Challenge {
    pub fn header_value(&self) -> String {
        let mut v =
            format!("Digest realm=\"{}\", nonce=\"{}\", algorithm=MD5", quote(&self.realm), self.nonce);
        if self.qop {
            v.push_str(", qop=\"auth\"");
        }
        v
    }
}

/// The name of the challenge header for a status, and of the answering header.
pub fn header_names(status: u16) -> (&'static str, &'static str) {
    if status == 401 {
        ("WWW-Authenticate", "Authorization")
    } else {
        ("Proxy-Authenticate", "Proxy-Authorization")
    }
}

fn md5_hex(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in md5(input.as_bytes()) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// RFC 1321 MD5, one loop over the 64 steps: a few hundred bytes of wasm where the `md-5`
/// crate's unrolled rounds and buffering took 3.5 KB. (The tests check it against that crate.)
fn md5(input: &[u8]) -> [u8; 16] {
    const SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    const K: [u32; 64] = [
        0xd76a_a478,
        0xe8c7_b756,
        0x2420_70db,
        0xc1bd_ceee,
        0xf57c_0faf,
        0x4787_c62a,
        0xa830_4613,
        0xfd46_9501,
        0x6980_98d8,
        0x8b44_f7af,
        0xffff_5bb1,
        0x895c_d7be,
        0x6b90_1122,
        0xfd98_7193,
        0xa679_438e,
        0x49b4_0821,
        0xf61e_2562,
        0xc040_b340,
        0x265e_5a51,
        0xe9b6_c7aa,
        0xd62f_105d,
        0x0244_1453,
        0xd8a1_e681,
        0xe7d3_fbc8,
        0x21e1_cde6,
        0xc337_07d6,
        0xf4d5_0d87,
        0x455a_14ed,
        0xa9e3_e905,
        0xfcef_a3f8,
        0x676f_02d9,
        0x8d2a_4c8a,
        0xfffa_3942,
        0x8771_f681,
        0x6d9d_6122,
        0xfde5_380c,
        0xa4be_ea44,
        0x4bde_cfa9,
        0xf6bb_4b60,
        0xbebf_bc70,
        0x289b_7ec6,
        0xeaa1_27fa,
        0xd4ef_3085,
        0x0488_1d05,
        0xd9d4_d039,
        0xe6db_99e5,
        0x1fa2_7cf8,
        0xc4ac_5665,
        0xf429_2244,
        0x432a_ff97,
        0xab94_23a7,
        0xfc93_a039,
        0x655b_59c3,
        0x8f0c_cc92,
        0xffef_f47d,
        0x8584_5dd1,
        0x6fa8_7e4f,
        0xfe2c_e6e0,
        0xa301_4314,
        0x4e08_11a1,
        0xf753_7e82,
        0xbd3a_f235,
        0x2ad7_d2bb,
        0xeb86_d391,
    ];
    let mut message = input.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&(input.len() as u64).wrapping_mul(8).to_le_bytes());
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    for block in message.chunks_exact(64) {
        let mut words = [0u32; 16];
        for (word, bytes) in words.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().unwrap_or([0; 4]));
        }
        let [mut a, mut b, mut c, mut d] = state;
        for (i, k) in K.iter().enumerate() {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), 5 * i + 1),
                2 => (b ^ c ^ d, 3 * i + 5),
                _ => (c ^ (b | !d), 7 * i),
            };
            let f = f.wrapping_add(a).wrapping_add(*k).wrapping_add(words[g % 16]);
            (a, d, c) = (d, c, b);
            b = b.wrapping_add(f.rotate_left(SHIFTS[(i / 16) * 4 + i % 4]));
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 16];
    for (bytes, word) in out.chunks_exact_mut(4).zip(state) {
        bytes.copy_from_slice(&word.to_le_bytes());
    }
    out
}

/// What the platform sends back: every field of the `Authorization` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    /// `(cnonce, nc)` when `qop=auth` was offered.
    pub qop: Option<(String, String)>,
}

/// RFC 2617 §3.2.2: `response = MD5(HA1:nonce[:nc:cnonce:qop]:HA2)`.
pub fn response(
    username: &str,
    password: &str,
    challenge: &Challenge,
    method: &str,
    uri: &str,
    cnonce: &str,
) -> Credentials {
    let ha1 = md5_hex(&format!("{username}:{}:{password}", challenge.realm));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let nc = "00000001".to_owned();
    let (response, qop) = if challenge.qop {
        (
            md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", challenge.nonce)),
            Some((cnonce.to_owned(), nc)),
        )
    } else {
        (md5_hex(&format!("{ha1}:{}:{ha2}", challenge.nonce)), None)
    };
    Credentials {
        username: username.to_owned(),
        realm: challenge.realm.clone(),
        nonce: challenge.nonce.clone(),
        uri: uri.to_owned(),
        response,
        qop,
    }
}

impl Credentials {
    pub fn header_value(&self) -> String {
        let mut v = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", response=\"{}\", algorithm=MD5",
            quote(&self.username),
            quote(&self.realm),
            self.nonce,
            quote(&self.uri),
            self.response
        );
        if let Some((cnonce, nc)) = &self.qop {
            v.push_str(&format!(", cnonce=\"{cnonce}\", qop=auth, nc={nc}"));
        }
        v
    }

    /// The endpoint's check: the same computation with its own password.
    pub fn verify(&self, username: &str, password: &str, challenge: &Challenge, method: &str) -> bool {
        let cnonce = self.qop.as_ref().map_or("", |(c, _)| c.as_str());
        self.username == username
            && self.nonce == challenge.nonce
            && response(username, password, challenge, method, &self.uri, cnonce).response == self.response
    }
}

/// Escapes `"` and `\` inside a quoted-string.
fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::Digest as _;

    #[test]
    fn rfc_2617_example() {
        // RFC 2617 §3.5 (the values of the RFC's own example).
        let c = Challenge {
            status: 401,
            realm: "testrealm@host.com".into(),
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
            qop: true,
        };
        let r = response("Mufasa", "Circle Of Life", &c, "GET", "/dir/index.html", "0a4f113b");
        assert_eq!(r.response, "6629fae49393a05397450978507c4ef1");
        assert!(r.verify("Mufasa", "Circle Of Life", &c, "GET"));
        assert!(!r.verify("Mufasa", "wrong", &c, "GET"));
        assert!(!r.header_value().contains("Circle Of Life"));
    }

    #[test]
    fn md5_matches_rfc_1321_and_the_md5_crate() {
        let cases = [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
            ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(md5_hex(input), expected, "{input:?}");
        }
        for len in 0..200 {
            let input: String = (0..len).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            let expected: String =
                md5::Md5::digest(input.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(md5_hex(&input), expected, "length {len}");
        }
    }

    #[test]
    fn without_qop() {
        let c = Challenge { status: 407, realm: "r".into(), nonce: "n".into(), qop: false };
        let r = response("u", "p", &c, "INVITE", "sip:a@b", "x");
        let ha1 = md5_hex("u:r:p");
        let ha2 = md5_hex("INVITE:sip:a@b");
        assert_eq!(r.response, md5_hex(&format!("{ha1}:n:{ha2}")));
        assert!(!r.header_value().contains("qop"));
    }
}
