//! The simulator's input (`contracts.md` §4): who calls, what each dialled endpoint does and
//! when, what the application's URLs answer. Every field is optional; the defaults give a
//! sensible call. [`Scenario::from_json`] rejects unknown keys and wrong types, naming the
//! JSON path.

use super::clock;
use super::json_read::{self as jr, Json, Obj, Sink};
use std::fmt;

pub const DEFAULT_START: &str = "2026-11-29T09:00:00Z";
pub const DEFAULT_DOCUMENT_URL: &str = "http://app.test/rcml";

/// The simulator's input (`contracts.md` §4).
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Drives every generated sid, tag, branch and nonce.
    pub seed: u64,
    /// The virtual clock's t = 0, as written (RFC 3339, UTC or with an offset).
    pub start: String,
    /// `start` in milliseconds since 1970-01-01T00:00:00Z.
    pub start_epoch_ms: i64,
    /// The base for relative URLs; the URL of the first document.
    pub document_url: String,
    pub call: Call,
    /// Keyed by the dialled URI as written, without `?headers` (see [`Scenario::endpoint`]).
    pub endpoints: Table<Endpoint>,
    /// Keyed by absolute URL, or `"*"`.
    pub http: Table<HttpAnswer>,
    /// `<Play>` durations by URL.
    pub media: Table<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub from: String,
    pub to: String,
    /// The caller hangs up (ms from t = 0).
    pub hangup_at_ms: Option<u64>,
    /// Keys the caller presses, in time order.
    pub digits: Vec<Digits>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    pub at_ms: u64,
    pub digits: String,
}

/// What one dialled endpoint does; times count from the moment its INVITE is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Endpoint {
    pub ring_at_ms: Option<u64>,
    pub answer_at_ms: Option<u64>,
    pub reject_at_ms: Option<u64>,
    pub reject_status: u16,
    /// The callee sends BYE (only once the call is answered).
    pub hangup_at_ms: Option<u64>,
    /// Sent on the final response.
    pub headers: Vec<(String, String)>,
    pub auth: Option<Auth>,
    /// Replaces the shorthand response fields when present.
    pub script: Option<Vec<Step>>,
}

/// One scripted response of an endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at_ms: u64,
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

/// The endpoint challenges INVITEs with digest authentication.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth {
    /// 401 (`WWW-Authenticate`) or 407 (`Proxy-Authenticate`).
    pub status: u16,
    pub realm: String,
    pub username: String,
    /// The endpoint's password: used to check the response, never output.
    pub password: String,
    pub challenge_at_ms: u64,
    /// How many times it challenges even right credentials.
    pub challenges: u32,
    /// Whether the challenge offers `qop="auth"` (an extension of §4; default true).
    pub qop: bool,
}

/// What an application URL answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    pub delay_ms: u64,
}

impl Default for HttpAnswer {
    fn default() -> Self {
        Self { status: 200, content_type: "text/xml".into(), body: "<Response/>".into(), delay_ms: 0 }
    }
}

impl Default for Call {
    fn default() -> Self {
        Self { from: "bob".into(), to: "+15550001111".into(), hangup_at_ms: None, digits: Vec::new() }
    }
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            seed: 1,
            start: DEFAULT_START.into(),
            start_epoch_ms: clock::parse_rfc3339(DEFAULT_START).unwrap_or(0),
            document_url: DEFAULT_DOCUMENT_URL.into(),
            call: Call::default(),
            endpoints: Table::default(),
            http: Table::default(),
            media: Table::default(),
        }
    }
}

/// A map keyed by strings: the entries as read, and their indices in key order, searched by
/// halves. (A `BTreeMap` per value type cost kilobytes of wasm each; sorting the indices is
/// one shared instance of the sort, where sorting the entries was one per value type.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table<V> {
    entries: Vec<(String, V)>,
    order: Vec<usize>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Self { entries: Vec::new(), order: Vec::new() }
    }
}

impl<V> Table<V> {
    /// From entries with distinct keys (a JSON object's).
    fn from_entries(entries: Vec<(String, V)>) -> Self {
        let key = |i: usize| entries.get(i).map(|(k, _)| k.as_str());
        let order = crate::sort::order_of(entries.len(), &|a, b| key(a).cmp(&key(b)));
        Self { entries, order }
    }

    fn entry(&self, at: usize) -> Option<&(String, V)> {
        self.entries.get(*self.order.get(at)?)
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&str, &V)> {
        let at =
            self.order.binary_search_by(|&i| self.entries.get(i).map(|(k, _)| k.as_str()).cmp(&Some(key)));
        self.entry(at.ok()?).map(|(k, v)| (k.as_str(), v))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.get_key_value(key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get_key_value(key).is_some()
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        (0..self.order.len()).filter_map(|at| self.entry(at)).map(|(_, v)| v)
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

/// A scenario that could not be read, naming the JSON path of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// `endpoints["sip:alice@example.com"].answerAtMs`, or `(root)`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid scenario at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl<'de> serde::Deserialize<'de> for Scenario {
    /// Through [`Scenario::from_data`], so that every face gets the same path errors.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = Json::deserialize(d)?;
        Scenario::from_data(&data).map_err(serde::de::Error::custom)
    }
}

impl Scenario {
    /// Reads a scenario from JSON; unknown keys and wrong types are errors naming the path.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        let data: Json =
            serde_json::from_str(json).map_err(|e| jr::error("", format!("not valid JSON: {e}")))?;
        Scenario::from_data(&data)
    }

    /// Reads a scenario from JSON data (the npm package's `simulate` builds it from the JS
    /// object: `src/wasm/js_json.rs`).
    pub fn from_data(data: &Json) -> Result<Scenario, ScenarioError> {
        let sink = Sink::default();
        let scenario = read_scenario(&Obj::new(
            &sink,
            data,
            "",
            &["seed", "start", "documentUrl", "call", "endpoints", "http", "media"],
        ));
        sink.finish(scenario)
    }

    /// The endpoint for a dialled key (`contracts.md` §4): the key as written without its
    /// `?headers`; then the same without URI parameters; then `"*"`.
    pub fn endpoint(&self, key: &str) -> Option<(&str, &Endpoint)> {
        let no_params = strip_uri_params(key);
        [key, no_params.as_str(), "*"].iter().find_map(|k| self.endpoints.get_key_value(k))
    }

    /// The answer for a request URL: exact, then without its query string, then `"*"`.
    pub fn http_answer(&self, url: &str) -> HttpAnswer {
        let no_query = url.split('?').next().unwrap_or(url);
        [url, no_query, "*"].iter().find_map(|k| self.http.get(k)).cloned().unwrap_or_default()
    }

    /// Whether the scenario says anything about `url` (a redirect to the first document
    /// without an entry runs the given source again).
    pub fn has_http(&self, url: &str) -> bool {
        let no_query = url.split('?').next().unwrap_or(url);
        self.http.contains_key(url) || self.http.contains_key(no_query)
    }
}

/// `sip:alice@example.com;transport=tcp` → `sip:alice@example.com` (parameters follow the
/// host part, so the first `;` after the `@`, or after the scheme when there is no user).
fn strip_uri_params(key: &str) -> String {
    let host_start = key.find('@').map_or_else(|| key.find(':').map_or(0, |i| i + 1), |i| i + 1);
    match key.get(host_start..).and_then(|h| h.find(';')) {
        Some(i) => key.get(..host_start + i).unwrap_or(key).to_owned(),
        None => key.to_owned(),
    }
}

// The readers below read on after an error (the sink keeps the first one): their result
// then does not matter, only the order of their reads, which is the order of the errors.

fn read_scenario(o: &Obj) -> Scenario {
    let mut s = Scenario::default();
    if let Some(seed) = o.u64("seed") {
        s.seed = seed;
    }
    if let Some(start) = o.string("start") {
        match clock::parse_rfc3339(&start) {
            Some(ms) => s.start_epoch_ms = ms,
            None => o.fail("start", format!("`{start}` is not an RFC 3339 time like `{DEFAULT_START}`")),
        }
        s.start = start;
    }
    if let Some(url) = o.string("documentUrl") {
        if url::Url::parse(&url).is_err() {
            o.fail("documentUrl", format!("`{url}` is not an absolute URL"));
        }
        s.document_url = url;
    }
    if let Some(call) = o.object("call", &["from", "to", "hangupAtMs", "digits"]) {
        s.call = read_call(&call);
    }
    let known =
        &["ringAtMs", "answerAtMs", "rejectAtMs", "rejectStatus", "hangupAtMs", "headers", "auth", "script"];
    s.endpoints = read_table(o, "endpoints", known, read_endpoint);
    s.http = read_table(o, "http", &["status", "contentType", "body", "delayMs"], read_http);
    s.media = read_table(o, "media", &["durationMs"], |m| {
        m.u64("durationMs").unwrap_or(super::interpreter::PLAY_MS)
    });
    s
}

/// An object of objects keyed by the user (URIs, URLs), each entry read by `read`.
fn read_table<V>(o: &Obj, key: &str, known: &'static [&'static str], read: fn(&Obj) -> V) -> Table<V> {
    let mut entries = Vec::new();
    o.entries(key, known, &mut |k, entry| entries.push((k.to_owned(), read(entry))));
    Table::from_entries(entries)
}

fn read_call(o: &Obj) -> Call {
    let mut call = Call::default();
    if let Some(from) = o.string("from") {
        call.from = from;
    }
    if let Some(to) = o.string("to") {
        call.to = to;
    }
    call.hangup_at_ms = o.u64("hangupAtMs");
    o.items("digits", &["atMs", "digits"], &mut |d| {
        let at_ms = d.required_u64("atMs").unwrap_or(0);
        let digits = d.required_string("digits").unwrap_or_default();
        if let Some(bad) = digits.chars().find(|c| !matches!(c, '0'..='9' | '*' | '#')) {
            d.fail("digits", format!("`{bad}` is not a key (0-9, *, #)"));
        }
        call.digits.push(Digits { at_ms, digits });
    });
    crate::sort::sort_by_key(&mut call.digits, |d| d.at_ms);
    call
}

fn read_endpoint(o: &Obj) -> Endpoint {
    let mut e = Endpoint {
        ring_at_ms: o.u64("ringAtMs"),
        answer_at_ms: o.u64("answerAtMs"),
        reject_at_ms: o.u64("rejectAtMs"),
        reject_status: o.status("rejectStatus").unwrap_or(486),
        hangup_at_ms: o.u64("hangupAtMs"),
        headers: o.string_map("headers"),
        auth: None,
        script: None,
    };
    if e.reject_status < 300 {
        o.fail("rejectStatus", "a rejection is a final failure: 300-699".to_owned());
    }
    let known = &["status", "realm", "username", "password", "challengeAtMs", "challenges", "qop"];
    e.auth = o.object("auth", known).map(|auth| read_auth(&auth));
    if o.get("script").is_some() {
        let mut steps = Vec::new();
        o.items("script", &["atMs", "status", "headers"], &mut |s| {
            steps.push(Step {
                at_ms: s.required_u64("atMs").unwrap_or(0),
                status: s.required_status("status").unwrap_or(200),
                headers: s.string_map("headers"),
            });
        });
        crate::sort::sort_by_key(&mut steps, |s| s.at_ms);
        e.script = Some(steps);
    }
    e
}

fn read_auth(o: &Obj) -> Auth {
    let status = o.status("status").unwrap_or(407);
    if status != 401 && status != 407 {
        o.fail("status", format!("expected 401 or 407, found `{status}`"));
    }
    let challenges = o.u64("challenges").unwrap_or(1);
    Auth {
        status,
        realm: o.string("realm").unwrap_or_else(|| "example.com".into()),
        username: o.string("username").unwrap_or_default(),
        password: o.string("password").unwrap_or_default(),
        challenge_at_ms: o.u64("challengeAtMs").unwrap_or(0),
        challenges: u32::try_from(challenges.min(1000)).unwrap_or(1000),
        qop: o.bool("qop").unwrap_or(true),
    }
}

fn read_http(o: &Obj) -> HttpAnswer {
    let d = HttpAnswer::default();
    HttpAnswer {
        status: o.status("status").unwrap_or(d.status),
        content_type: o.string("contentType").unwrap_or(d.content_type),
        body: o.string("body").unwrap_or(d.body),
        delay_ms: o.u64("delayMs").unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn defaults_and_full_example_read() {
        let s = Scenario::from_json("{}").unwrap_or_default();
        assert_eq!(s, Scenario::default());
        let json = r#"{ "seed": 7, "start": "2026-11-29T09:00:00Z", "documentUrl": "http://app.test/rcml",
          "call": { "from": "bob", "to": "+15550001111", "hangupAtMs": null, "digits": [ { "atMs": 5000, "digits": "*" } ] },
          "endpoints": { "sip:alice@127.0.0.1:5080": { "ringAtMs": 1000, "answerAtMs": 3000, "rejectAtMs": null,
              "rejectStatus": 486, "hangupAtMs": 13000, "headers": { "X-Room": "12" },
              "auth": { "status": 407, "realm": "example.com", "username": "alice", "password": "secret" } },
            "*": { "script": [ { "atMs": 0, "status": 100 }, { "atMs": 3000, "status": 200, "headers": {} } ] } },
          "http": { "http://app.test/screen": { "status": 200, "contentType": "text/xml", "body": "<Response/>", "delayMs": 0 },
                    "*": { "status": 200, "body": "<Response/>" } },
          "media": { "http://app.test/hold.mp3": { "durationMs": 12000 } } }"#;
        let s = Scenario::from_json(json);
        assert!(s.is_ok(), "{s:?}");
        let s = s.unwrap_or_default();
        assert_eq!(s.seed, 7);
        assert_eq!(s.media.get("http://app.test/hold.mp3"), Some(&12000));
        assert_eq!(
            s.endpoint("sip:alice@127.0.0.1:5080;transport=tcp").map(|e| e.0),
            Some("sip:alice@127.0.0.1:5080")
        );
        assert_eq!(s.endpoint("sip:carol@x").map(|e| e.0), Some("*"));
    }

    #[test]
    fn errors_name_the_path() {
        let cases = [
            (r#"{"endpoints":{"sip:a@b":{"answerAtMS":1}}}"#, r#"endpoints["sip:a@b"].answerAtMS"#),
            (r#"{"endpoints":{"sip:a@b":{"answerAtMs":"1"}}}"#, r#"endpoints["sip:a@b"].answerAtMs"#),
            (r#"{"call":{"digits":[{"atMs":1,"digits":"x"}]}}"#, "call.digits[0].digits"),
            (r#"{"sed":1}"#, "sed"),
            (r#"[1]"#, "(root)"),
            (r#"{"start":"yesterday"}"#, "start"),
            (r#"{"http":{"*":{"status":99}}}"#, r#"http["*"].status"#),
        ];
        for (json, path) in cases {
            match Scenario::from_json(json) {
                Err(e) => assert_eq!(e.path, path, "{json}: {e}"),
                Ok(_) => panic!("{json} was accepted"),
            }
        }
        let e = Scenario::from_json(r#"{"endpoints":{"sip:a@b":{"answerAtMS":1}}}"#).err();
        assert!(e.is_some_and(|e| e.message.contains("did you mean `answerAtMs`")));
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_as_serde_json_does() {
        let s = Scenario::from_json(r#"{"seed": 1, "call": {}, "seed": 2}"#).unwrap_or_default();
        assert_eq!(s.seed, 2);
        let e = Scenario::from_json(r#"{"sed": 1, "seed": 2, "sed": "x"}"#).err().map(|e| e.path);
        assert_eq!(e.as_deref(), Some("sed"));
        let value = serde_json::json!({ "seed": 3, "media": { "m": { "durationMs": 5 } } });
        let from_value = Scenario::deserialize(&value).map_err(|e| e.to_string());
        assert_eq!(from_value, Scenario::from_json(&value.to_string()).map_err(|e| e.to_string()));
    }

    #[test]
    fn http_matches_with_or_without_query() {
        let s = Scenario::from_json(r#"{"http":{"http://a.test/x":{"status":404}}}"#).unwrap_or_default();
        assert_eq!(s.http_answer("http://a.test/x?CallSid=1").status, 404);
        assert_eq!(s.http_answer("http://a.test/y").status, 200);
    }
}
