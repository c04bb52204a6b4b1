//! HTTP digest authentication for SIP (RFC 2617 with MD5, as RFC 3261 §22 uses it): the
//! challenge an endpoint sends and the response the platform computes from the `<Sip>`
//! `username`/`password`. The password only enters the hash; it is never written anywhere.

use super::sip_message::quote;
use md5::{Digest, Md5};

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
    let mut out = String::with_capacity(32);
    for b in Md5::digest(input.as_bytes()) {
        super::rng::push_hex(&mut out, u64::from(b), 2, false);
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn without_qop() {
        let c = Challenge { status: 407, realm: "r".into(), nonce: "n".into(), qop: false };
        let r = response("u", "p", &c, "INVITE", "sip:a@b", "x");
        let ha1 = md5_hex("u:r:p");
        let ha2 = md5_hex("INVITE:sip:a@b");
        assert_eq!(r.response, md5_hex(&format!("{ha1}:n:{ha2}")));
        assert!(!r.header_value().contains("qop"));
    }
}
