//! Property tests of the call simulator over random documents (a small grammar of verbs,
//! `<Dial>` with random attributes and `<Sip>`/`<Number>`/`<Client>` nouns) and random
//! scenarios, under every profile: ordering of `seq` and `atMs`, status callbacks that are
//! an ordered subset of what each leg subscribed to, at most one bridged leg at a time,
//! a final response for every INVITE, determinism, no password in the output, no panic.

#[path = "sim_props/grammar.rs"]
mod grammar;

use grammar::*;
use proptest::prelude::*;
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

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
        let zone = if profile == Profile::RestcommConnect { "UTC" } else { "+0000" };
        let at = e.get("atMs").and_then(Value::as_u64).unwrap_or_default();
        let expected = format!("{} {zone}", rfc2822(built.start + (at / 1000) as i64));
        if stamp != expected {
            return Err(format!("Timestamp `{stamp}` at {at} ms under {profile}, expected `{expected}`"));
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

    // DialCallStatus of the simple Dials (S8, S9, S11), unless a guard cut the run short.
    let dials = sim.pointer("/outcome/dials").and_then(Value::as_array).cloned().unwrap_or_default();
    let column = Profile::ALL.iter().position(|p| *p == profile).unwrap_or_default();
    for (i, (dial, expected)) in dials.iter().zip(&built.dial_status).enumerate() {
        let Some(expected) = expected.filter(|_| !guarded).map(|e| e[column]) else { continue };
        let actual = str_of(dial, "dialCallStatus");
        if actual != expected {
            return Err(format!(
                "Dial {i}: DialCallStatus `{actual}`, expected `{expected}` under {profile}"
            ));
        }
    }

    // CallDuration on `completed` (S6): talk time when answered; else 0, except Restcomm-Connect's
    // cancelled legs, which count from the leg's creation (its quirk). Screened legs (declines
    // have their own rule) and legs that ended on a 3xx or a 487 nobody asked for are skipped.
    for e in events.iter().filter(|e| str_of(e, "purpose") == "status-callback") {
        let params = e.get("params").cloned().unwrap_or_default();
        let Some(duration) = params.get("CallDuration").and_then(Value::as_str) else { continue };
        let leg = str_of(&params, "CallSid");
        let at = e.get("atMs").and_then(Value::as_u64).unwrap_or_default();
        let on_leg = |pred: &dyn Fn(&Value) -> bool| {
            events.iter().find(|x| str_of(x, "kind") == "sip" && str_of(x, "leg") == leg && pred(x))
        };
        let time = |x: &Value| x.get("atMs").and_then(Value::as_u64).unwrap_or_default();
        let Some(invite) = on_leg(&|x| str_of(x, "firstLine").starts_with("INVITE ")) else { continue };
        let user = str_of(invite, "firstLine").split("sip:").nth(1).and_then(|r| r.split('@').next());
        if user.is_some_and(|u| built.screened.contains(u)) {
            continue;
        }
        let final_code = |x: &Value| {
            let line = str_of(x, "firstLine");
            let cseq = header(str_of(x, "message"), "CSeq").unwrap_or_default();
            (line.starts_with("SIP/2.0 ") && cseq.ends_with("INVITE"))
                .then(|| line.split_whitespace().nth(1).and_then(|c| c.parse::<u16>().ok()))
                .flatten()
        };
        let cancelled = on_leg(&|x| str_of(x, "firstLine").starts_with("CANCEL ")).is_some();
        if on_leg(&|x| final_code(x).is_some_and(|c| (300..400).contains(&c) || (c == 487 && !cancelled)))
            .is_some()
        {
            continue;
        }
        let answered = on_leg(&|x| final_code(x).is_some_and(|c| (200..300).contains(&c)));
        let expected = match (answered, cancelled, profile) {
            (Some(ok), _, _) => (at - time(ok)) / 1000,
            (None, true, Profile::RestcommConnect) => (at - time(invite)) / 1000,
            _ => 0,
        };
        if duration != expected.to_string() {
            return Err(format!("{leg}: CallDuration={duration} at {at} ms, expected {expected}"));
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
        start: 1_793_577_598,
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
        (
            "duration",
            doctor(&|l| {
                for e in l.iter_mut().filter(|e| e["params"]["CallDuration"].is_string()) {
                    e["params"]["CallDuration"] = json!("4242");
                }
            }),
        ),
        ("final", doctor(&|l| l[final_response]["firstLine"] = json!("SIP/2.0 183 Session Progress"))),
        ("password", doctor(&|l| l[0]["url"] = json!(format!("http://x.test/?p={MARKER}")))),
    ] {
        assert!(result.is_err(), "doctored `{what}` not caught");
    }
}

/// The test's own calendar (checked against `date -u`), so a Timestamp mismatch is the engine's.
#[test]
fn the_reference_calendar_is_right() {
    for (seconds, text, iso) in [
        (0, "Thu, 01 Jan 1970 00:00:00", "1970-01-01T00:00:00Z"),
        (1_793_577_598, "Sun, 01 Nov 2026 23:59:58", "2026-11-01T23:59:58Z"),
        (1_798_761_599, "Thu, 31 Dec 2026 23:59:59", "2026-12-31T23:59:59Z"),
        (1_835_395_195 + 10, "Tue, 29 Feb 2028 00:00:05", "2028-02-29T00:00:05Z"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59", "2099-12-31T23:59:59Z"),
    ] {
        assert_eq!(rfc2822(seconds), text);
        assert_eq!(rfc3339(seconds), iso);
    }
}
