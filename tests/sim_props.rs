//! Property tests of the call simulator over random documents (a small grammar of verbs,
//! `<Dial>` with random attributes and `<Sip>`/`<Number>`/`<Client>` nouns) and random
//! scenarios, under every profile: ordering of `seq` and `atMs`, status callbacks that are
//! an ordered subset of what each leg subscribed to, at most one bridged leg at a time,
//! a final response for every INVITE, determinism, no password in the output, no panic.

use proptest::prelude::*;
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Never to appear in any output (documents and scenarios carry it as a password).
const MARKER: &str = "pw-MARKER-7f3a";

const EVENTS: [&str; 4] = ["initiated", "ringing", "answered", "completed"];

#[derive(Clone, Debug)]
enum Separator {
    Spaces,
    Commas,
    CommaSpace,
}

#[derive(Clone, Debug)]
struct Callback {
    /// `None`: `statusCallbackEvent` absent.
    events: Option<(Vec<&'static str>, Separator)>,
    method: &'static str,
}

#[derive(Clone, Debug)]
enum Noun {
    Sip {
        transport: Option<&'static str>,
        header: Option<&'static str>,
        credentials: bool,
        screening: bool,
        callback: Option<Callback>,
    },
    Number,
    Client,
}

#[derive(Clone, Debug)]
enum Verb {
    Say(usize),
    Play,
    Pause(u32),
    Gather,
    Hangup,
    Redirect,
    Dial {
        timeout: Option<&'static str>,
        time_limit: Option<&'static str>,
        action: bool,
        star: bool,
        nouns: Vec<Noun>,
    },
}

#[derive(Clone, Debug)]
enum Endpoint {
    Never,
    Answer { ring: Option<u64>, answer: u64, hangup: Option<u64>, header: bool },
    Reject { ring: Option<u64>, at: u64, status: u16 },
    Script(Vec<(u64, u16)>),
    Auth { status: u16, right: bool, challenges: u32, answer: u64, hangup: u64 },
}

fn callback() -> impl Strategy<Value = Callback> {
    let events = proptest::option::of((
        proptest::sample::subsequence(EVENTS.to_vec(), 1..=4),
        prop_oneof![Just(Separator::Spaces), Just(Separator::Commas), Just(Separator::CommaSpace)],
    ));
    (events, prop_oneof![Just("POST"), Just("GET"), Just("get")])
        .prop_map(|(events, method)| Callback { events, method })
}

fn noun() -> impl Strategy<Value = Noun> {
    prop_oneof![
        6 => (
            proptest::option::of(prop_oneof![Just("tcp"), Just("udp"), Just("TCP")]),
            proptest::option::of(prop_oneof![Just("X-Room=12"), Just("custom=a"), Just("X-A=1&amp;X-A=2")]),
            any::<bool>(),
            proptest::bool::weighted(0.3),
            proptest::option::of(callback()),
        )
            .prop_map(|(transport, header, credentials, screening, callback)| Noun::Sip {
                transport,
                header,
                credentials,
                screening,
                callback
            }),
        1 => Just(Noun::Number),
        1 => Just(Noun::Client),
    ]
}

fn verb() -> impl Strategy<Value = Verb> {
    prop_oneof![
        1 => (1usize..4).prop_map(Verb::Say),
        1 => Just(Verb::Play),
        1 => (0u32..3).prop_map(Verb::Pause),
        1 => Just(Verb::Gather),
        1 => Just(Verb::Hangup),
        1 => Just(Verb::Redirect),
        5 => (
            proptest::option::of(prop_oneof![Just("3"), Just("10"), Just("0"), Just("x")]),
            proptest::option::of(prop_oneof![Just("4"), Just("60"), Just("-1")]),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(noun(), 0..4),
        )
            .prop_map(|(timeout, time_limit, action, star, nouns)| Verb::Dial {
                timeout,
                time_limit,
                action,
                star,
                nouns
            }),
    ]
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    let t = || 0u64..8000;
    prop_oneof![
        1 => Just(Endpoint::Never),
        4 => (proptest::option::of(t()), t(), proptest::option::of(t()), any::<bool>())
            .prop_map(|(ring, answer, hangup, header)| Endpoint::Answer { ring, answer, hangup, header }),
        2 => (proptest::option::of(t()), t(), prop_oneof![
                Just(302u16), Just(404), Just(480), Just(486), Just(487), Just(500), Just(503), Just(600), Just(603)
            ])
            .prop_map(|(ring, at, status)| Endpoint::Reject { ring, at, status }),
        1 => proptest::collection::vec((t(), prop_oneof![Just(100u16), Just(180), Just(183), Just(200), Just(486)]), 1..5)
            .prop_map(Endpoint::Script),
        1 => (prop_oneof![Just(401u16), Just(407)], any::<bool>(), 1u32..3, t(), t())
            .prop_map(|(status, right, challenges, answer, hangup)| Endpoint::Auth { status, right, challenges, answer, hangup }),
    ]
}

#[derive(Clone, Debug)]
struct Case {
    verbs: Vec<Verb>,
    endpoints: Vec<Endpoint>,
    caller_hangup: Option<u64>,
    star_at: Option<u64>,
    /// 0 empty, 1 `<Hangup>`, 2 a `<Dial>` (V26), 3 answers 404, 4 takes 61 s.
    screening: u8,
    /// 0 `<Say>`, 1 `<Hangup>`, 2 redirects to itself (a loop for the guard).
    action: u8,
    seed: u64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(verb(), 1..5),
        proptest::collection::vec(endpoint(), 12),
        proptest::option::of(0u64..20_000),
        proptest::option::of(0u64..10_000),
        0u8..5,
        0u8..3,
        any::<u64>(),
    )
        .prop_map(|(verbs, endpoints, caller_hangup, star_at, screening, action, seed)| Case {
            verbs,
            endpoints,
            caller_hangup,
            star_at,
            screening,
            action,
            seed,
        })
}

/// What a `<Sip>` subscribed to, per profile (profiles.md S1, V16–V18).
fn subscribed(callback: &Callback, profile: Profile) -> BTreeSet<&'static str> {
    let Some((events, separator)) = &callback.events else {
        return match profile {
            Profile::RestcommConnect => EVENTS.into_iter().collect(),
            _ => ["completed"].into_iter().collect(),
        };
    };
    let spaced_only = matches!(separator, Separator::Spaces) && events.len() > 1;
    if profile == Profile::RestcommConnect && spaced_only {
        return BTreeSet::new();
    }
    events.iter().copied().collect()
}

struct Built {
    document: String,
    scenario: String,
    /// Status-callback URL (without query) → what that leg subscribed to, per profile.
    subscriptions: BTreeMap<String, Callback>,
}

fn build(case: &Case) -> Built {
    let mut doc = String::from("<Response>\n");
    let mut subscriptions = BTreeMap::new();
    let mut user = 0usize;
    let mut endpoints = Map::new();
    for verb in &case.verbs {
        match verb {
            Verb::Say(words) => doc.push_str(&format!("  <Say>{}</Say>\n", vec!["word"; *words].join(" "))),
            Verb::Play => doc.push_str("  <Play>http://app.test/a.mp3</Play>\n"),
            Verb::Pause(s) => doc.push_str(&format!("  <Pause length=\"{s}\"/>\n")),
            Verb::Gather => doc.push_str("  <Gather numDigits=\"1\" timeout=\"2\"/>\n"),
            Verb::Hangup => doc.push_str("  <Hangup/>\n"),
            Verb::Redirect => doc.push_str("  <Redirect>/redirected</Redirect>\n"),
            Verb::Dial { timeout, time_limit, action, star, nouns } => {
                doc.push_str("  <Dial");
                if let Some(t) = timeout {
                    doc.push_str(&format!(" timeout=\"{t}\""));
                }
                if let Some(t) = time_limit {
                    doc.push_str(&format!(" timeLimit=\"{t}\""));
                }
                if *action {
                    doc.push_str(" action=\"/action\"");
                }
                if *star {
                    doc.push_str(" hangupOnStar=\"true\"");
                }
                doc.push('>');
                for noun in nouns {
                    let index = user;
                    user += 1;
                    let endpoint = case.endpoints.get(index % case.endpoints.len()).cloned();
                    match noun {
                        Noun::Sip { transport, header, credentials, screening, callback } => {
                            let mut uri = format!("sip:u{index}@example.com");
                            let mut key = uri.clone();
                            if let Some(t) = transport {
                                uri.push_str(&format!(";transport={t}"));
                                key = uri.clone();
                            }
                            if let Some(h) = header {
                                uri.push('?');
                                uri.push_str(h);
                            }
                            doc.push_str("<Sip");
                            if *credentials {
                                doc.push_str(&format!(" username=\"u{index}\" password=\"{MARKER}\""));
                            }
                            if *screening {
                                doc.push_str(" url=\"/screen\"");
                            }
                            if let Some(cb) = callback {
                                let url = format!("http://hooks.test/cb/u{index}");
                                doc.push_str(&format!(
                                    " statusCallback=\"{url}\" statusCallbackMethod=\"{}\"",
                                    cb.method
                                ));
                                if let Some((events, sep)) = &cb.events {
                                    let sep = match sep {
                                        Separator::Spaces => " ",
                                        Separator::Commas => ",",
                                        Separator::CommaSpace => ", ",
                                    };
                                    doc.push_str(&format!(" statusCallbackEvent=\"{}\"", events.join(sep)));
                                }
                                subscriptions.insert(url, cb.clone());
                            }
                            doc.push_str(&format!(">{uri}</Sip>"));
                            if let Some(e) = endpoint {
                                endpoints.insert(key, endpoint_json(&e, index));
                            }
                        }
                        Noun::Number => {
                            let number = format!("+1555000{index:04}");
                            doc.push_str(&format!("<Number>{number}</Number>"));
                            if let Some(e) = endpoint {
                                endpoints.insert(number, endpoint_json(&e, index));
                            }
                        }
                        Noun::Client => {
                            doc.push_str(&format!("<Client>c{index}</Client>"));
                            if let Some(e) = endpoint {
                                endpoints.insert(format!("client:c{index}"), endpoint_json(&e, index));
                            }
                        }
                    }
                }
                doc.push_str("</Dial>\n");
            }
        }
    }
    doc.push_str("</Response>\n");
    let xml = |body: &str| json!({ "status": 200, "contentType": "text/xml", "body": body });
    let screen = match case.screening {
        0 => xml("<Response/>"),
        1 => xml("<Response><Hangup/></Response>"),
        2 => xml("<Response><Dial><Sip>sip:nested@example.com</Sip></Dial></Response>"),
        3 => json!({ "status": 404, "body": "not found" }),
        _ => json!({ "status": 200, "contentType": "text/xml", "body": "<Response/>", "delayMs": 61_000 }),
    };
    let action = match case.action {
        0 => "<Response><Say>done</Say></Response>",
        1 => "<Response><Hangup/></Response>",
        _ => "<Response><Redirect>/action</Redirect></Response>",
    };
    let mut call = json!({ "from": "bob", "to": "+15550001111" });
    if let Some(at) = case.caller_hangup {
        call["hangupAtMs"] = json!(at);
    }
    if let Some(at) = case.star_at {
        call["digits"] = json!([{ "atMs": at, "digits": "*" }]);
    }
    let scenario = json!({
        "seed": case.seed,
        "call": call,
        "endpoints": endpoints,
        "http": {
            "http://app.test/screen": screen,
            "http://app.test/action": xml(action),
            "http://app.test/redirected": xml("<Response><Say>redirected</Say></Response>"),
        },
    });
    Built { document: doc, scenario: scenario.to_string(), subscriptions }
}

fn endpoint_json(e: &Endpoint, index: usize) -> Value {
    match e {
        Endpoint::Never => json!({}),
        Endpoint::Answer { ring, answer, hangup, header } => {
            let mut v = json!({ "answerAtMs": answer });
            if let Some(r) = ring {
                v["ringAtMs"] = json!(r.min(answer));
            }
            if let Some(h) = hangup {
                v["hangupAtMs"] = json!(answer + h);
            }
            if *header {
                v["headers"] = json!({ "X-Leg": format!("u{index}") });
            }
            v
        }
        Endpoint::Reject { ring, at, status } => {
            let mut v = json!({ "rejectAtMs": at, "rejectStatus": status });
            if let Some(r) = ring {
                v["ringAtMs"] = json!(r.min(at));
            }
            v
        }
        Endpoint::Script(steps) => {
            let mut steps = steps.clone();
            steps.sort_unstable();
            json!({ "script": steps.iter().map(|(at, status)| json!({ "atMs": at, "status": status })).collect::<Vec<_>>() })
        }
        Endpoint::Auth { status, right, challenges, answer, hangup } => json!({
            "answerAtMs": answer,
            "hangupAtMs": answer + hangup,
            "auth": {
                "status": status,
                "realm": "example.com",
                "username": format!("u{index}"),
                "password": if *right { MARKER.to_owned() } else { format!("{MARKER}-other") },
                "challenges": challenges,
            },
        }),
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// The status-callback event a `CallStatus` stands for, per profile (S2).
fn event_of(call_status: &str, profile: Profile) -> Option<&'static str> {
    match (profile, call_status) {
        (_, "initiated") => Some("initiated"),
        (_, "ringing") => Some("ringing"),
        (Profile::RestcommConnect, "answered") => Some("answered"),
        (Profile::RestcommConnect, "completed") => Some("completed"),
        (Profile::RestcommConnect, _) => None,
        (_, "in-progress") => Some("answered"),
        (_, "completed" | "busy" | "failed" | "no-answer" | "canceled") => Some("completed"),
        _ => None,
    }
}

fn check(built: &Built, profile: Profile) -> Result<(), String> {
    let scenario = Scenario::from_json(&built.scenario).map_err(|e| format!("scenario rejected: {e}"))?;
    let options = Options::with_profile(profile);
    let first = serde_json::to_string_pretty(&simulate(&built.document, &scenario, &options))
        .map_err(|e| e.to_string())?;
    let again = Scenario::from_json(&built.scenario).map_err(|e| e.to_string())?;
    let second = serde_json::to_string_pretty(&simulate(&built.document, &again, &options))
        .map_err(|e| e.to_string())?;
    if first != second {
        return Err("two runs of the same input differ".into());
    }
    check_output(built, profile, &first)
}

/// The invariants of one serialized Simulation (separate so that doctored outputs can show
/// that each invariant is really checked).
fn check_output(built: &Built, profile: Profile, first: &str) -> Result<(), String> {
    if first.contains("MARKER") {
        return Err("the password appears in the output".into());
    }
    let sim: Value = serde_json::from_str(first).map_err(|e| e.to_string())?;
    let events = sim.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
    if events.is_empty() {
        return Err("no events at all (the document fetch is always one)".into());
    }

    // seq strictly increasing, atMs non-decreasing.
    let mut last: Option<(u64, u64)> = None;
    for e in &events {
        let seq = e.get("seq").and_then(Value::as_u64).ok_or("event without seq")?;
        let at = e.get("atMs").and_then(Value::as_u64).ok_or("event without atMs")?;
        if let Some((s, a)) = last {
            if seq <= s {
                return Err(format!("seq {seq} after {s}"));
            }
            if at < a {
                return Err(format!("atMs {at} after {a} (seq {seq})"));
            }
        }
        last = Some((seq, at));
    }

    // Nothing happens after the call has ended.
    let ended = sim.pointer("/outcome/endedAtMs").and_then(Value::as_u64).ok_or("no outcome.endedAtMs")?;
    if let Some((_, last)) = last.filter(|(_, at)| *at > ended) {
        return Err(format!("an event at {last} ms, after the call ended at {ended} ms"));
    }

    // Status callbacks: per leg, a subset of the subscribed events, in order.
    let mut per_leg: BTreeMap<String, Vec<(String, &'static str)>> = BTreeMap::new();
    for e in events.iter().filter(|e| str_of(e, "purpose") == "status-callback") {
        let url = str_of(e, "url").split('?').next().unwrap_or_default().to_owned();
        let status = e.get("params").map(|p| str_of(p, "CallStatus")).unwrap_or_default();
        let event =
            event_of(status, profile).ok_or_else(|| format!("CallStatus `{status}` under {profile}"))?;
        let leg = e.get("params").map(|p| str_of(p, "CallSid")).unwrap_or_default().to_owned();
        per_leg.entry(leg).or_default().push((url, event));
    }
    // S3–S6 on every status callback: SequenceNumber, CallDuration only on completed,
    // Timestamp zone, CallSid shape.
    let mut counters: BTreeMap<String, u64> = BTreeMap::new();
    for e in events.iter().filter(|e| str_of(e, "purpose") == "status-callback") {
        let params = e.get("params").cloned().unwrap_or_default();
        let sid = str_of(&params, "CallSid").to_owned();
        let status = str_of(&params, "CallStatus");
        let event = event_of(status, profile).unwrap_or_default();
        let seq: u64 =
            str_of(&params, "SequenceNumber").parse().map_err(|_| "SequenceNumber not a number")?;
        let counter = counters.entry(sid.clone()).or_default();
        let expected = match profile {
            Profile::RestcommConnect => EVENTS.iter().position(|x| *x == event).unwrap_or_default() as u64,
            _ => *counter,
        };
        *counter += 1;
        if seq != expected {
            return Err(format!("{sid}: SequenceNumber {seq} for `{status}`, expected {expected}"));
        }
        if (event == "completed") != params.get("CallDuration").is_some() {
            return Err(format!("{sid}: CallDuration on `{status}` is wrong: {params}"));
        }
        let stamp = str_of(&params, "Timestamp");
        let zone = if profile == Profile::RestcommConnect { " UTC" } else { " +0000" };
        if !stamp.ends_with(zone) || stamp.len() != 25 + zone.len() {
            return Err(format!("Timestamp `{stamp}` under {profile}"));
        }
        let hex = |s: &str| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit());
        let shaped = match profile {
            Profile::Twilio => sid.strip_prefix("CA").is_some_and(hex),
            _ => sid
                .strip_prefix("ID")
                .and_then(|r| r.split_once("-CA"))
                .is_some_and(|(a, b)| hex(a) && hex(b)),
        };
        if !shaped {
            return Err(format!("CallSid `{sid}` under {profile}"));
        }
    }

    for (leg, sent) in &per_leg {
        let mut previous: Option<usize> = None;
        for (url, event) in sent {
            let cb = built.subscriptions.get(url).ok_or_else(|| format!("callback to unsubscribed {url}"))?;
            if !subscribed(cb, profile).contains(event) {
                return Err(format!("leg {leg}: `{event}` sent to {url}, not subscribed ({cb:?})"));
            }
            let rank = EVENTS.iter().position(|x| x == event).unwrap_or_default();
            if previous.is_some_and(|p| p >= rank) {
                return Err(format!("leg {leg}: callbacks out of order: {sent:?}"));
            }
            previous = Some(rank);
        }
    }

    // Completeness: a dialled leg sends `initiated`, `ringing` (after a 180/183) and
    // `completed` when it subscribed to them, unless a guard (`sim/*`) cut the run short.
    let guarded = sim
        .get("diagnostics")
        .and_then(Value::as_array)
        .is_some_and(|d| d.iter().any(|d| str_of(d, "code").starts_with("sim/")));
    let mut rang: BTreeSet<&str> = BTreeSet::new();
    for e in events.iter().filter(|e| str_of(e, "kind") == "sip" && str_of(e, "direction") == "in") {
        if str_of(e, "firstLine").starts_with("SIP/2.0 18") {
            rang.insert(str_of(e, "leg"));
        }
    }
    let invites = events.iter().filter(|e| {
        str_of(e, "kind") == "sip"
            && str_of(e, "direction") == "out"
            && str_of(e, "firstLine").starts_with("INVITE ")
    });
    for e in invites.filter(|_| !guarded) {
        let line = str_of(e, "firstLine");
        let Some(user) = line.split("sip:").nth(1).and_then(|r| r.split('@').next()) else { continue };
        let Some(cb) = built.subscriptions.get(&format!("http://hooks.test/cb/{user}")) else { continue };
        let want = subscribed(cb, profile);
        let leg = str_of(e, "leg");
        let sent: Vec<&str> =
            per_leg.get(leg).map(|v| v.iter().map(|(_, ev)| *ev).collect()).unwrap_or_default();
        for must in ["initiated", "ringing", "completed"] {
            let due = must != "ringing" || rang.contains(leg);
            if due && want.contains(must) && !sent.contains(&must) {
                return Err(format!(
                    "leg {leg} ({user}) subscribed to `{must}` but it was never sent: {sent:?}"
                ));
            }
        }
    }

    // SIP: every INVITE gets a final response; at most one leg bridged at a time.
    let sip: Vec<&Value> = events.iter().filter(|e| str_of(e, "kind") == "sip").collect();
    let mut pending: BTreeSet<(String, String)> = BTreeSet::new();
    let mut bridged: BTreeMap<String, (u64, Option<u64>)> = BTreeMap::new();
    for e in &sip {
        let leg = str_of(e, "leg").to_owned();
        let line = str_of(e, "firstLine");
        let message = str_of(e, "message");
        let cseq = header(message, "CSeq").unwrap_or_default().to_owned();
        let at = e.get("atMs").and_then(Value::as_u64).unwrap_or_default();
        let out = str_of(e, "direction") == "out";
        if out && line.starts_with("INVITE ") {
            pending.insert((leg.clone(), cseq.clone()));
        }
        if !out && cseq.ends_with("INVITE") {
            let code: u16 = line.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or_default();
            if code >= 200 {
                pending.remove(&(leg.clone(), cseq.clone()));
            }
            if (200..300).contains(&code) {
                bridged.entry(leg.clone()).or_insert((at, None));
            }
        }
        if line.starts_with("BYE ") {
            if let Some(span) = bridged.get_mut(&leg) {
                span.1.get_or_insert(at);
            }
        }
    }
    if !pending.is_empty() {
        return Err(format!("INVITEs without a final response: {pending:?}"));
    }
    let spans: Vec<(u64, u64)> = bridged.values().map(|(a, b)| (*a, b.unwrap_or(u64::MAX))).collect();
    for (i, x) in spans.iter().enumerate() {
        for y in spans.iter().skip(i + 1) {
            if x.0.max(y.0) < x.1.min(y.1) {
                return Err(format!("two legs answered and bridged at once: {spans:?}"));
            }
        }
    }
    let winners = sim
        .pointer("/outcome/dials")
        .and_then(Value::as_array)
        .map(|d| d.iter().all(|d| d.get("answeredBy").is_none_or(|a| a.is_null() || a.is_string())))
        .unwrap_or(false);
    if !winners {
        return Err("outcome.dials missing or answeredBy not a single URI".into());
    }
    Ok(())
}

proptest! {
    // 96 cases by default; `PROPTEST_CASES=5000` for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_calls_keep_the_simulator_invariants(case in case()) {
        let built = build(&case);
        for profile in Profile::ALL {
            if let Err(e) = check(&built, profile) {
                return Err(TestCaseError::fail(format!(
                    "{profile}: {e}\n--- document\n{}\n--- scenario\n{}", built.document, built.scenario
                )));
            }
        }
    }

    /// Any text as a document, any JSON-ish text as a scenario: errors, never panics.
    #[test]
    fn hostile_input_never_panics(
        parts in proptest::collection::vec(prop_oneof![
            Just("<Response>"), Just("</Response>"), Just("<Dial>"), Just("</Dial>"), Just("<Sip>"),
            Just("</Sip>"), Just("<Dial action=\"/a\" timeout=\"1\">"), Just("sip:a@b"), Just("&"),
            Just("<Redirect>/r</Redirect>"), Just("<Gather>"), Just("<Say>x</Say>"), Just("\u{0}"),
            Just("<Sip url=\"/s\" statusCallback=\"/c\">"), Just("<Number>1</Number>"), Just("?X-A=1"),
        ], 0..30),
        json in "[{}\\[\\]\":,0-9a-zA-Z*]{0,60}",
        seed in any::<u64>(),
    ) {
        let doc: String = parts.concat();
        let _ = Scenario::from_json(&json);
        let scenario = Scenario::from_json(&format!(
            r#"{{"seed": {seed}, "endpoints": {{"*": {{"ringAtMs": 10, "answerAtMs": 20, "hangupAtMs": 40}}}},
                "http": {{"*": {{"status": 200, "body": "<Response><Redirect>/r</Redirect></Response>"}}}}}}"#
        ));
        prop_assert!(scenario.is_ok(), "{:?}", scenario.err());
        if let Ok(scenario) = scenario {
            for profile in Profile::ALL {
                let _ = simulate(&doc, &scenario, &Options::with_profile(profile));
            }
        }
    }
}

/// Every invariant can fail: a real run passes, and each doctored copy of it is caught.
#[test]
fn each_invariant_catches_a_doctored_output() {
    let cb = Callback { events: Some((vec!["initiated", "completed"], Separator::Commas)), method: "POST" };
    let case = Case {
        verbs: vec![Verb::Dial {
            timeout: None,
            time_limit: None,
            action: false,
            star: false,
            nouns: vec![
                Noun::Sip {
                    transport: None,
                    header: None,
                    credentials: true,
                    screening: false,
                    callback: Some(cb),
                },
                Noun::Sip {
                    transport: None,
                    header: None,
                    credentials: false,
                    screening: false,
                    callback: None,
                },
            ],
        }],
        endpoints: vec![
            Endpoint::Auth { status: 407, right: true, challenges: 1, answer: 1000, hangup: 2000 },
            Endpoint::Answer { ring: Some(100), answer: 1500, hangup: None, header: false },
        ],
        caller_hangup: None,
        star_at: None,
        screening: 0,
        action: 0,
        seed: 3,
    };
    let built = build(&case);
    let profile = Profile::Restcomm;
    let scenario = Scenario::from_json(&built.scenario).map_err(|e| e.to_string());
    let Ok(scenario) = scenario else { panic!("{scenario:?}") };
    let text =
        serde_json::to_string_pretty(&simulate(&built.document, &scenario, &Options::with_profile(profile)))
            .unwrap_or_default();
    assert_eq!(check_output(&built, profile, &text), Ok(()));
    let sim: Value = serde_json::from_str(&text).unwrap_or_default();
    let events = sim["events"].as_array().cloned().unwrap_or_default();
    let statuses = events.iter().filter(|e| str_of(e, "purpose") == "status-callback").count();
    assert_eq!(statuses, 2, "the sample subscribes to initiated and completed: {text}");
    let doctor = |f: &dyn Fn(&mut Vec<Value>)| {
        let mut copy = sim.clone();
        if let Some(list) = copy.get_mut("events").and_then(Value::as_array_mut) {
            f(list);
        }
        check_output(&built, profile, &copy.to_string())
    };
    let position = |pred: &dyn Fn(&Value) -> bool| events.iter().position(pred).unwrap_or_default();
    let status = position(&|e| str_of(e, "purpose") == "status-callback");
    let final_response = position(&|e| str_of(e, "firstLine").starts_with("SIP/2.0 407"));
    for (what, result) in [
        ("seq", doctor(&|l| l.swap(0, 1))),
        ("atMs", doctor(&|l| l[1]["atMs"] = json!(999_999))),
        (
            "ended",
            doctor(&|l| {
                if let Some(e) = l.last_mut() {
                    e["atMs"] = json!(99_999_999);
                }
            }),
        ),
        ("order", doctor(&|l| l[status]["params"]["CallStatus"] = json!("completed"))),
        ("subset", doctor(&|l| l[status]["params"]["CallStatus"] = json!("ringing"))),
        ("complete", doctor(&|l| l.retain(|e| str_of(e, "purpose") != "status-callback"))),
        ("sequence", doctor(&|l| l[status]["params"]["SequenceNumber"] = json!("7"))),
        ("timestamp", doctor(&|l| l[status]["params"]["Timestamp"] = json!("Sun, 29 Nov 2026 09:00:00 UTC"))),
        ("sid", doctor(&|l| l[status]["params"]["CallSid"] = json!("CA0123"))),
        ("final", doctor(&|l| l[final_response]["firstLine"] = json!("SIP/2.0 183 Session Progress"))),
        ("password", doctor(&|l| l[0]["url"] = json!(format!("http://x.test/?p={MARKER}")))),
    ] {
        assert!(result.is_err(), "doctored `{what}` not caught");
    }
}
