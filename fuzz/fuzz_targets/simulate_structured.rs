//! The simulator on documents that mostly make sense: elements, attributes and values come
//! from the schema tables (`rcml::schema::ELEMENTS`), `<Dial><Sip>` URIs from a small SIP URI
//! grammar (users, passwords, hosts, ports, parameters, headers), and the scenario (endpoints
//! keyed by those URIs, digest challenges, HTTP answers, digits) from the same fuzz input.
//! Raw bytes (target `simulate`) rarely get past the XML reader to a dialled URI; this one
//! reaches the dial, the SIP dialogs and the digest handshakes at once.
//!
//! Checks: no panic; a second run gives the same bytes; `seq` increases and `atMs` never goes
//! back; no password (a `password` attribute, a URI password, a scenario `auth.password`)
//! appears in the output.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use rcml_sip::rcml::schema::{ElementSpec, ValueType, ELEMENTS};
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use serde_json::{json, Map, Value};

const MAX_DEPTH: usize = 4;
const MAX_NODES: usize = 48;

const USERS: &[&str] = &["alice", "bob", "+15551234567", "agent%207", "a;b", "", "x-y.z_!~*'()", "%zz"];
const HOSTS: &[&str] = &[
    "example.com",
    "pbx.example.org",
    "127.0.0.1",
    "192.0.2.4",
    "[2001:db8::10]",
    "[::1]",
    "0.0.0.0",
    "bad_host",
    "a..b",
    "192.0.2.300",
    "localhost",
    "",
];
const PORTS: &[&str] = &["5060", "5080", "0", "65535", "65536", "x", ""];
const PARAMS: &[&str] = &[
    "transport=udp",
    "transport=tcp",
    "transport=tls",
    "transport=ws",
    "transport=",
    "user=phone",
    "lr",
    "maddr=10.0.0.1",
    "method=INVITE",
    "ttl=5",
    "",
    "x=%41",
];
const HEADERS: &[&str] = &[
    "X-Room=12",
    "X-Customer=a%20b",
    "Subject=hi",
    "body=x",
    "Foo=bar",
    "X-Empty=",
    "X-Line=a%0Db",
    "Call-ID=1",
    "X-Dup=1",
    "X-Dup=2",
];
const URLS: &[&str] = &[
    "http://app.test/next",
    "https://app.test/screen",
    "/relative/path",
    "next.xml",
    "javascript:alert(1)",
    "http://bad host/",
    "ftp://app.test/x",
    "",
];
const TEXTS: &[&str] = &["Hello", "  ", "+15551234567", "a & b", "é😀", "sip:bob@example.com", "1234"];
const NUMBERS: &[&str] = &["0", "1", "5", "30", "600", "-1", "10s", "99999999999999999999", "abc"];
const STATUSES: &[u16] = &[180, 183, 200, 302, 401, 403, 404, 407, 480, 486, 500, 503, 603];

/// The document, the passwords written into it, and the SIP URIs it dials.
struct Gen<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    out: String,
    passwords: Vec<String>,
    uris: Vec<String>,
    nodes: usize,
}

impl Gen<'_, '_> {
    fn pick<T: Copy>(&mut self, from: &[T]) -> Result<T> {
        Ok(*self.u.choose(from)?)
    }

    /// A password no other part of the grammar or of the output could produce by chance.
    fn password(&mut self) -> Result<String> {
        let n: u32 = self.u.arbitrary()?;
        let escaped = if self.u.ratio(1, 4)? { "%21" } else { "" };
        let pw = format!("Zq{n:08x}Pw{escaped}");
        self.passwords.push(pw.clone());
        Ok(pw)
    }

    fn sip_uri(&mut self) -> Result<String> {
        let mut uri = String::from(self.pick(&["sip:", "sips:", "SIP:", "sip:", "tel:", ""])?);
        if self.u.ratio(3, 4)? {
            uri.push_str(self.pick(USERS)?);
            if self.u.ratio(1, 3)? {
                uri.push(':');
                let pw = self.password()?;
                uri.push_str(&pw);
            }
            uri.push('@');
        }
        uri.push_str(self.pick(HOSTS)?);
        if self.u.ratio(1, 3)? {
            uri.push(':');
            uri.push_str(self.pick(PORTS)?);
        }
        for _ in 0..self.u.int_in_range(0..=3)? {
            uri.push(';');
            uri.push_str(self.pick(PARAMS)?);
        }
        for i in 0..self.u.int_in_range(0..=3)? {
            uri.push(if i == 0 { '?' } else { '&' });
            uri.push_str(self.pick(HEADERS)?);
        }
        self.uris.push(uri.clone());
        Ok(uri)
    }

    fn value(&mut self, name: &str, kind: ValueType) -> Result<String> {
        if self.u.ratio(1, 16)? {
            return Ok(self.pick(&["", " ", "&amp;", "x"])?.to_owned());
        }
        Ok(match (name, kind) {
            ("password", _) => self.password()?,
            ("username", _) => self.pick(USERS)?.to_owned(),
            (_, ValueType::Url) => self.pick(URLS)?.to_owned(),
            (_, ValueType::Method) => self.pick(&["GET", "POST", "post", "PUT"])?.to_owned(),
            (_, ValueType::Bool) => self.pick(&["true", "false", "TRUE", "yes"])?.to_owned(),
            (_, ValueType::PositiveInt | ValueType::NonNegativeInt) => self.pick(NUMBERS)?.to_owned(),
            (_, ValueType::Enum(values) | ValueType::EventList(values)) => self.words(values)?,
            (_, ValueType::CallEvents) => {
                self.words(&["initiated", "ringing", "answered", "completed", "bogus"])?
            }
            (_, ValueType::Key) => self.pick(&["#", "*", "1", "", "12"])?.to_owned(),
            (_, ValueType::Keys) => self.pick(&["#", "123*", "", "a"])?.to_owned(),
            (_, ValueType::SipUri) => self.sip_uri()?,
            (_, ValueType::Text) => self.pick(TEXTS)?.to_owned(),
        })
    }

    /// One to three of `values`, separated by spaces or commas.
    fn words(&mut self, values: &[&str]) -> Result<String> {
        if values.is_empty() {
            return Ok(String::new());
        }
        let sep = self.pick(&[" ", ",", ", "])?;
        let mut out = Vec::new();
        for _ in 0..self.u.int_in_range(1..=3)? {
            out.push(self.pick(values)?);
        }
        Ok(out.join(sep))
    }

    fn element(&mut self, spec: &'static ElementSpec, depth: usize) -> Result<()> {
        self.nodes += 1;
        self.out.push('<');
        self.out.push_str(spec.name);
        for _ in 0..self.u.int_in_range(0..=4)? {
            let (name, kind) = match self.u.choose(spec.attributes) {
                Ok(a) if !self.u.ratio(1, 10)? => (a.name, a.value),
                _ => ("bogusAttr", ValueType::Text),
            };
            let value = self.value(name, kind)?;
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(&value, true));
            self.out.push('"');
        }
        let children = if depth < MAX_DEPTH { self.u.int_in_range(0..=3)? } else { 0 };
        let text = match spec.text_value {
            ValueType::SipUri => Some(self.sip_uri()?),
            ValueType::Url => Some(self.pick(URLS)?.to_owned()),
            _ if self.u.ratio(1, 3)? => Some(self.pick(TEXTS)?.to_owned()),
            _ => None,
        };
        if children == 0 && text.is_none() {
            self.out.push_str("/>");
            return Ok(());
        }
        self.out.push('>');
        if let Some(text) = text {
            // Now and then a raw `&` (V4) instead of `&amp;`.
            let raw = self.u.ratio(1, 8)?;
            self.out.push_str(&if raw { text.replace('<', "&lt;") } else { escape(&text, false) });
        }
        for _ in 0..children {
            if self.nodes >= MAX_NODES {
                break;
            }
            let child = match self.u.choose(spec.children) {
                Ok(c) if !self.u.ratio(1, 8)? => ELEMENTS.iter().find(|e| e.name == c.name),
                _ => self.u.choose(ELEMENTS).ok(),
            };
            if let Some(child) = child {
                self.element(child, depth + 1)?;
            }
        }
        self.out.push_str("</");
        self.out.push_str(spec.name);
        self.out.push('>');
        Ok(())
    }
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Endpoints for the dialled URIs (and `*`), digest challenges, HTTP answers, digits.
fn scenario(g: &mut Gen) -> Result<Value> {
    let mut endpoints = Map::new();
    let mut keys: Vec<String> = g.uris.clone();
    keys.push("*".to_owned());
    for key in keys {
        if !g.u.ratio(2, 3)? {
            continue;
        }
        let mut e = Map::new();
        for field in ["ringAtMs", "answerAtMs", "rejectAtMs", "hangupAtMs"] {
            if g.u.ratio(1, 2)? {
                e.insert(field.into(), json!(g.u.int_in_range(0..=120_000u32)?));
            }
        }
        if g.u.ratio(1, 4)? {
            e.insert("rejectStatus".into(), json!(g.pick(STATUSES)?));
        }
        if g.u.ratio(1, 4)? {
            e.insert("headers".into(), json!({ "X-Room": "12", "X-Trace": g.pick(TEXTS)? }));
        }
        if g.u.ratio(1, 3)? {
            let password = g.password()?;
            e.insert(
                "auth".into(),
                json!({
                    "status": g.pick(&[401u16, 407])?,
                    "realm": g.pick(&["example.com", "pbx"])?,
                    "username": g.pick(USERS)?,
                    "password": password,
                    "challenges": g.u.int_in_range(0..=3u8)?,
                    "qop": g.u.arbitrary::<bool>()?,
                }),
            );
        }
        if g.u.ratio(1, 6)? {
            let mut script = Vec::new();
            for _ in 0..g.u.int_in_range(1..=3)? {
                script.push(json!({ "atMs": g.u.int_in_range(0..=10_000u32)?, "status": g.pick(STATUSES)? }));
            }
            e.insert("script".into(), Value::Array(script));
        }
        endpoints.insert(key, Value::Object(e));
    }
    let mut http = Map::new();
    for url in ["http://app.test/next", "https://app.test/screen", "*"] {
        if g.u.ratio(1, 2)? {
            let body = g.pick(&[
                "<Response><Hangup/></Response>",
                "<Response><Say>hi</Say></Response>",
                "junk",
                "",
            ])?;
            http.insert(
                url.into(),
                json!({ "status": g.pick(&[200u16, 404, 500])?, "body": body, "delayMs": g.u.int_in_range(0..=5000u32)? }),
            );
        }
    }
    let mut digits = Vec::new();
    for _ in 0..g.u.int_in_range(0..=2)? {
        digits.push(
            json!({ "atMs": g.u.int_in_range(0..=60_000u32)?, "digits": g.pick(&["1", "#", "12*", "9"])? }),
        );
    }
    Ok(json!({
        "seed": g.u.arbitrary::<u64>()?,
        "call": { "from": "bob", "to": "+15550001111", "digits": digits },
        "endpoints": endpoints,
        "http": http,
    }))
}

fn generate(u: &mut Unstructured) -> Result<(Profile, String, Scenario, Vec<String>)> {
    let profile = *u.choose(&Profile::ALL)?;
    let mut g = Gen { u, out: String::from("<Response>"), passwords: Vec::new(), uris: Vec::new(), nodes: 0 };
    let response = ELEMENTS.iter().find(|e| e.name == "Response");
    let verbs: Vec<&'static ElementSpec> = match response {
        Some(r) => r.children.iter().filter_map(|c| ELEMENTS.iter().find(|e| e.name == c.name)).collect(),
        None => ELEMENTS.iter().collect(),
    };
    for _ in 0..g.u.int_in_range(1..=6)? {
        // `<Dial><Sip>` half of the time: the URIs and the dialogs are the point.
        let verb = if g.u.ratio(1, 2)? {
            ELEMENTS.iter().find(|e| e.name == "Dial")
        } else {
            g.u.choose(&verbs).ok().copied()
        };
        if let Some(verb) = verb {
            g.element(verb, 1)?;
        }
    }
    g.out.push_str("</Response>");
    let scenario_json = scenario(&mut g)?;
    let scenario = Scenario::from_json(&scenario_json.to_string()).unwrap_or_default();
    Ok((profile, g.out, scenario, g.passwords))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok((profile, document, scenario, passwords)) = generate(&mut u) else { return };
    let options = Options::with_profile(profile);
    let sim = simulate(&document, &scenario, &options);
    let json = serde_json::to_string(&sim).expect("a simulation serialises");
    let again = serde_json::to_string(&simulate(&document, &scenario, &options)).expect("serialises");
    assert_eq!(json, again, "the same input gave two different simulations");
    let mut last: Option<(u64, u64)> = None;
    for e in &sim.events {
        if let Some((seq, at)) = last {
            assert!(e.seq > seq, "seq {} after {seq}", e.seq);
            assert!(e.at_ms >= at, "atMs {} after {at} (seq {})", e.at_ms, e.seq);
        }
        last = Some((e.seq, e.at_ms));
    }
    for pw in &passwords {
        assert!(!json.contains(pw.as_str()), "password {pw} in the output of {document}");
        let decoded = pw.replace("%21", "!");
        assert!(!json.contains(decoded.as_str()), "decoded password {decoded} in the output of {document}");
    }
});
