//! The random documents and scenarios of `sim_props.rs`: a small grammar of verbs, `<Dial>`
//! with random attributes and `<Sip>`/`<Number>`/`<Client>` nouns, and endpoint behaviours.

use proptest::prelude::*;
use rcml_sip::Profile;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Never to appear in any output (documents and scenarios carry it as a password).
pub const MARKER: &str = "pw-MARKER-7f3a";

pub const EVENTS: [&str; 4] = ["initiated", "ringing", "answered", "completed"];

#[derive(Clone, Debug)]
pub enum Separator {
    Spaces,
    Commas,
    CommaSpace,
}

#[derive(Clone, Debug)]
pub struct Callback {
    /// `None`: `statusCallbackEvent` absent.
    pub events: Option<(Vec<&'static str>, Separator)>,
    pub method: &'static str,
}

#[derive(Clone, Debug)]
pub enum Noun {
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
pub enum Verb {
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
pub enum Endpoint {
    Never,
    Answer { ring: Option<u64>, answer: u64, hangup: Option<u64>, header: bool },
    Reject { ring: Option<u64>, at: u64, status: u16 },
    Script(Vec<(u64, u16)>),
    Auth { status: u16, right: bool, challenges: u32, answer: u64, hangup: u64 },
}

pub fn callback() -> impl Strategy<Value = Callback> {
    let events = proptest::option::of((
        proptest::sample::subsequence(EVENTS.to_vec(), 1..=4),
        prop_oneof![Just(Separator::Spaces), Just(Separator::Commas), Just(Separator::CommaSpace)],
    ));
    (events, prop_oneof![Just("POST"), Just("GET"), Just("get")])
        .prop_map(|(events, method)| Callback { events, method })
}

pub fn noun() -> impl Strategy<Value = Noun> {
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

pub fn verb() -> impl Strategy<Value = Verb> {
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

pub fn endpoint() -> impl Strategy<Value = Endpoint> {
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
pub struct Case {
    pub verbs: Vec<Verb>,
    pub endpoints: Vec<Endpoint>,
    pub caller_hangup: Option<u64>,
    pub star_at: Option<u64>,
    /// 0 empty, 1 `<Hangup>`, 2 a `<Dial>` (V26), 3 answers 404, 4 takes 61 s.
    pub screening: u8,
    /// 0 `<Say>`, 1 `<Hangup>`, 2 redirects to itself (a loop for the guard).
    pub action: u8,
    pub seed: u64,
    /// Seconds since 1970-01-01 of the virtual clock's t = 0 (`start`).
    pub start: i64,
}

pub fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(verb(), 1..5),
        proptest::collection::vec(endpoint(), 12),
        proptest::option::of(0u64..20_000),
        proptest::option::of(0u64..10_000),
        0u8..5,
        0u8..3,
        any::<u64>(),
        prop_oneof![
            Just(1_793_577_598i64), // 2026-11-01T23:59:58Z, a Sunday, two seconds before midnight
            Just(1_798_761_599),    // 2026-12-31T23:59:59Z
            Just(1_835_395_195),    // 2028-02-28T23:59:55Z, before a leap day
            0i64..4_102_444_800,    // any second from 1970 to 2099
        ],
    )
        .prop_map(|(verbs, endpoints, caller_hangup, star_at, screening, action, seed, start)| Case {
            verbs,
            endpoints,
            caller_hangup,
            star_at,
            screening,
            action,
            seed,
            start,
        })
}

/// What a `<Sip>` subscribed to, per profile (profiles.md S1, V16–V18).
pub fn subscribed(callback: &Callback, profile: Profile) -> BTreeSet<&'static str> {
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

pub struct Built {
    pub document: String,
    pub scenario: String,
    /// Status-callback URL (without query) → what that leg subscribed to, per profile.
    pub subscriptions: BTreeMap<String, Callback>,
    /// The scenario's `start`, seconds since 1970.
    pub start: i64,
    /// Users (`u3`) whose `<Sip>` has a screening `url`.
    pub screened: BTreeSet<String>,
    /// Per `<Dial>` in document order: the DialCallStatus each profile must report
    /// (restcomm, restcomm-connect, twilio), when the case is simple enough to know it.
    pub dial_status: Vec<Option<[&'static str; 3]>>,
}

/// S8, S9, S11 for a Dial of one plain `<Sip>` and a caller who stays: what each profile
/// reports. `None` when it is not that simple (forks, screening, scripts, auth, ties).
fn expected_dial_status(
    case: &Case,
    timeout: Option<&str>,
    nouns: &[Noun],
    first: usize,
) -> Option<[&'static str; 3]> {
    let [Noun::Sip { screening: false, .. }] = nouns else { return None };
    if case.caller_hangup.is_some() {
        return None;
    }
    let limit: u64 = match timeout {
        None | Some("x") => 30_000,
        Some(t) => t.parse::<u64>().ok().filter(|t| *t > 0)? * 1000,
    };
    const TIMED_OUT: [&str; 3] = ["no-answer", "canceled", "no-answer"];
    let (at, status) = match case.endpoints.get(first % case.endpoints.len())? {
        Endpoint::Never => return Some(TIMED_OUT),
        Endpoint::Answer { answer, .. } => (*answer, 200),
        Endpoint::Reject { at, status, .. } => (*at, *status),
        Endpoint::Script(_) | Endpoint::Auth { .. } => return None,
    };
    if at == limit {
        return None;
    }
    if at > limit {
        return Some(TIMED_OUT);
    }
    Some(match status {
        200 => ["completed"; 3],
        486 | 600 | 603 => ["busy"; 3],
        // 3xx: ignored by Restcomm-Connect, and by restcomm where the documentation is silent.
        300..=399 => ["no-answer", "canceled", "failed"],
        // A 487 nobody asked for: Restcomm-Connect waits for the CANCEL path (the timeout).
        487 => ["failed", "canceled", "failed"],
        _ => ["failed"; 3],
    })
}

pub fn build(case: &Case) -> Built {
    let mut doc = String::from("<Response>\n");
    let mut subscriptions = BTreeMap::new();
    let mut screened = BTreeSet::new();
    let mut dial_status = Vec::new();
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
                dial_status.push(expected_dial_status(case, *timeout, nouns, user));
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
                                screened.insert(format!("u{index}"));
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
        "start": rfc3339(case.start),
        "call": call,
        "endpoints": endpoints,
        "http": {
            "http://app.test/screen": screen,
            "http://app.test/action": xml(action),
            "http://app.test/redirected": xml("<Response><Say>redirected</Say></Response>"),
        },
    });
    Built {
        document: doc,
        scenario: scenario.to_string(),
        subscriptions,
        start: case.start,
        screened,
        dial_status,
    }
}

pub fn endpoint_json(e: &Endpoint, index: usize) -> Value {
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

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn rfc3339(seconds: i64) -> String {
    let (y, m, d) = civil(seconds.div_euclid(86_400));
    let t = seconds.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

/// `Sun, 01 Nov 2026 23:59:58` (the zone is added by the caller).
pub fn rfc2822(seconds: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = seconds.div_euclid(86_400);
    let (y, m, d) = civil(days);
    let t = seconds.rem_euclid(86_400);
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let month = MONTHS[(m as usize).saturating_sub(1) % 12];
    format!("{weekday}, {d:02} {month} {y} {:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)
}
