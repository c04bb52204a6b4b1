//! Behaviour checks of the simulator, one or more per S-row of profiles.md, plus the
//! invariants every run must keep (seq, time order, final responses, determinism, secrets).

use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use serde_json::Value;

const P: [Profile; 3] = Profile::ALL;

fn run(doc: &str, scenario: &str, profile: Profile) -> Value {
    let scenario = match Scenario::from_json(scenario) {
        Ok(s) => s,
        Err(e) => panic!("bad scenario: {e}"),
    };
    let sim = simulate(doc, &scenario, &Options::with_profile(profile));
    let json = sim.to_json();
    check_invariants(&json, &sim);
    serde_json::from_str(&json).unwrap_or(Value::Null)
}

fn check_invariants(json: &str, sim: &rcml_sip::sim::Simulation) {
    let mut last = 0;
    let mut invites: std::collections::BTreeMap<(String, String), bool> = Default::default();
    for (i, e) in sim.events.iter().enumerate() {
        assert_eq!(e.seq, i as u64);
        assert!(e.at_ms >= last, "time went back at seq {i}");
        last = e.at_ms;
        if let rcml_sip::sim::EventBody::Sip { leg, message, first_line, .. } = &e.body {
            let cseq = message.lines().find(|l| l.starts_with("CSeq: ")).unwrap_or("").to_owned();
            if first_line.starts_with("INVITE ") {
                invites.insert((leg.clone(), cseq), false);
            } else if cseq.ends_with("INVITE") && first_line.starts_with("SIP/2.0 ") {
                let code: u16 = first_line.get(8..11).and_then(|c| c.parse().ok()).unwrap_or(0);
                if code >= 200 {
                    invites.insert((leg.clone(), cseq), true);
                }
            }
        }
    }
    let cut = sim.diagnostics.iter().any(|d| d.code == "sim/too-many-events");
    for ((leg, cseq), answered) in invites.into_iter().filter(|_| !cut) {
        assert!(answered, "INVITE {cseq} on {leg} got no final response:\n{json}");
    }
    assert!(!json.contains("hunter22") && !json.contains("s3cret"), "a password leaked");
}

/// Events of one kind; `sip` means the dialled legs' messages (not the caller's own dialog
/// with the platform, whose leg is the first document request's).
fn events<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    let all = v["events"].as_array().map(Vec::as_slice).unwrap_or_default();
    let caller = all.iter().find(|e| e["kind"] == "webhook" && e["purpose"] == "document").map(|e| &e["leg"]);
    all.iter().filter(|e| e["kind"] == kind && !(kind == "sip" && Some(&e["leg"]) == caller)).collect()
}

fn callbacks(v: &Value) -> Vec<&Value> {
    events(v, "webhook").into_iter().filter(|e| e["purpose"] == "status-callback").collect()
}

fn action(v: &Value) -> Option<&Value> {
    events(v, "webhook").into_iter().find(|e| e["purpose"] == "action")
}

fn sip_lines(v: &Value) -> Vec<String> {
    events(v, "sip").iter().map(|e| e["firstLine"].as_str().unwrap_or("").to_owned()).collect()
}

const BASIC: &str = r#"<Response><Dial action="/after"><Sip statusCallback="http://app.test/sc">sip:alice@example.com</Sip></Dial><Say>bye now</Say></Response>"#;
const ANSWERS: &str = r#"{"endpoints":{"sip:alice@example.com":{"ringAtMs":1000,"answerAtMs":3000,"hangupAtMs":13000,"headers":{"X-Room":"12"}}}}"#;

#[test]
fn s1_s2_s3_default_events_status_and_sequence() {
    let v = run(BASIC, ANSWERS, Profile::Restcomm);
    let cb = callbacks(&v);
    assert_eq!(cb.len(), 1);
    assert_eq!(cb[0]["params"]["CallStatus"], "completed");
    assert_eq!(cb[0]["params"]["SequenceNumber"], "0");
    assert_eq!(cb[0]["params"]["CallDuration"], "10");
    let v = run(BASIC, ANSWERS, Profile::RestcommConnect);
    let statuses: Vec<_> = callbacks(&v).iter().map(|e| e["params"]["CallStatus"].clone()).collect();
    assert_eq!(statuses, ["initiated", "ringing", "answered", "completed"]);
    let seqs: Vec<_> = callbacks(&v).iter().map(|e| e["params"]["SequenceNumber"].clone()).collect();
    assert_eq!(seqs, ["0", "1", "2", "3"]);
    assert!(callbacks(&v)[0]["params"]["ForwardedFrom"].is_null());
    let doc = BASIC.replace("statusCallback=", "statusCallbackEvent=\"ringing answered\" statusCallback=");
    let v = run(&doc, ANSWERS, Profile::Restcomm);
    let statuses: Vec<_> = callbacks(&v).iter().map(|e| e["params"]["CallStatus"].clone()).collect();
    assert_eq!(statuses, ["ringing", "in-progress"]);
    let seqs: Vec<_> = callbacks(&v).iter().map(|e| e["params"]["SequenceNumber"].clone()).collect();
    assert_eq!(seqs, ["0", "1"]);
    assert!(callbacks(&run(&doc, ANSWERS, Profile::RestcommConnect)).is_empty(), "V16: space list");
}

#[test]
fn s4_s5_timestamps_and_sids() {
    let ts = |p| {
        run(BASIC, ANSWERS, p)["events"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .rfind(|e| e["purpose"] == "status-callback")
                    .map(|e| e["params"]["Timestamp"].clone())
            })
            .unwrap_or_default()
    };
    assert_eq!(ts(Profile::Restcomm), "Sun, 29 Nov 2026 09:00:13 +0000");
    assert_eq!(ts(Profile::RestcommConnect), "Sun, 29 Nov 2026 09:00:13 UTC");
    for p in P {
        let v = run(BASIC, ANSWERS, p);
        let sid = events(&v, "webhook")[0]["params"]["CallSid"].as_str().unwrap_or("").to_owned();
        let ok = match p {
            Profile::Twilio => sid.len() == 34 && sid.starts_with("CA"),
            _ => sid.len() == 69 && sid.starts_with("ID") && sid.get(34..37) == Some("-CA"),
        };
        assert!(ok, "{p}: {sid}");
    }
}

#[test]
fn s6_status_callback_parameter_sets() {
    let keys = |p| {
        let v = run(BASIC, ANSWERS, p);
        callbacks(&v)[0]["params"]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let r = keys(Profile::Restcomm);
    assert!(r.contains(&"ApiVersion".to_owned()) && r.contains(&"ParentCallSid".to_owned()));
    let c = keys(Profile::RestcommConnect);
    assert!(c.contains(&"InstanceId".to_owned()) && !c.contains(&"ApiVersion".to_owned()));
    let v = run(BASIC, ANSWERS, Profile::Restcomm);
    assert_eq!(callbacks(&v)[0]["params"]["To"], "alice");
    assert_eq!(callbacks(&v)[0]["params"]["Direction"], "outbound-dial");
    let v = run(BASIC, ANSWERS, Profile::Twilio);
    assert_eq!(callbacks(&v)[0]["params"]["To"], "sip:alice@example.com");
}

#[test]
fn s8_no_answer_before_timeout() {
    let doc = r#"<Response><Dial timeout="5" action="/a"><Sip statusCallback="http://app.test/sc">sip:alice@example.com</Sip></Dial></Response>"#;
    let sc = r#"{"endpoints":{"*":{"ringAtMs":1000}}}"#;
    for (p, status) in [
        (Profile::Restcomm, "no-answer"),
        (Profile::RestcommConnect, "canceled"),
        (Profile::Twilio, "no-answer"),
    ] {
        let v = run(doc, sc, p);
        assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], status, "{p}");
        assert_eq!(action(&v).map(|a| a["params"]["DialRingDuration"].clone()), Some("5".into()));
        assert!(sip_lines(&v).iter().any(|l| l.starts_with("CANCEL ")));
        assert!(sip_lines(&v).iter().any(|l| l == "SIP/2.0 487 Request Terminated"));
        assert!(events(&v, "note")
            .iter()
            .any(|n| n["profileNote"].as_str().is_some_and(|t| t.starts_with("S8"))));
    }
    let v = run(doc, sc, Profile::RestcommConnect);
    assert_eq!(callbacks(&v).last().map(|c| c["params"]["CallDuration"].clone()), Some("5".into()));
}

#[test]
fn s8b_caller_hangs_up_while_ringing() {
    let doc = r#"<Response><Dial action="/a"><Sip statusCallback="http://app.test/sc">sip:alice@example.com</Sip></Dial></Response>"#;
    let sc = r#"{"call":{"hangupAtMs":2000},"endpoints":{"*":{"ringAtMs":500}}}"#;
    for (p, status) in [
        (Profile::Restcomm, "canceled"),
        (Profile::RestcommConnect, "completed"),
        (Profile::Twilio, "canceled"),
    ] {
        let v = run(doc, sc, p);
        assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], status, "{p}");
        let a = action(&v);
        assert_eq!(a.map(|a| a["params"]["CallStatus"].clone()), Some("completed".into()));
        assert_eq!(v["outcome"]["endedAtMs"], 2000);
    }
    let v = run(doc, sc, Profile::Restcomm);
    assert_eq!(callbacks(&v).last().map(|c| c["params"]["CallStatus"].clone()), Some("canceled".into()));
}

#[test]
fn s9_s11_failures() {
    let doc = r#"<Response><Dial timeout="10"><Sip>sip:alice@example.com</Sip></Dial></Response>"#;
    for (code, status) in [(486, "busy"), (600, "busy"), (603, "busy"), (404, "failed"), (500, "failed")] {
        let sc = format!(r#"{{"endpoints":{{"*":{{"rejectAtMs":100,"rejectStatus":{code}}}}}}}"#);
        for p in P {
            let v = run(doc, &sc, p);
            assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], status, "{code} {p}");
        }
    }
    let sc = r#"{"endpoints":{"*":{"rejectAtMs":100,"rejectStatus":302}}}"#;
    assert_eq!(run(doc, sc, Profile::Restcomm)["outcome"]["dials"][0]["dialCallStatus"], "no-answer");
    assert_eq!(run(doc, sc, Profile::Twilio)["outcome"]["dials"][0]["dialCallStatus"], "failed");
}

const AUTH_DOC: &str = r#"<Response><Dial action="/a"><Sip username="alice" password="s3cret">sip:alice@example.com</Sip></Dial></Response>"#;

fn auth_scenario(challenges: u32, password: &str) -> String {
    format!(
        r#"{{"endpoints":{{"*":{{"answerAtMs":1000,"hangupAtMs":5000,"auth":{{"status":407,"realm":"example.com","username":"alice","password":"{password}","challenges":{challenges}}}}}}}}}"#
    )
}

#[test]
fn s10_digest_authentication() {
    for p in P {
        let v = run(AUTH_DOC, &auth_scenario(1, "s3cret"), p);
        assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], "completed", "{p}");
        let second = events(&v, "sip")
            .into_iter()
            .filter(|e| e["firstLine"].as_str().is_some_and(|l| l.starts_with("INVITE")))
            .nth(1)
            .map(|e| e["message"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default();
        assert!(
            second.contains("\r\nProxy-Authorization: Digest username=\"alice\", realm=\"example.com\""),
            "{second}"
        );
        assert!(second.contains("qop=auth, nc=00000001"));
        assert!(second.contains("CSeq: 2 INVITE"));
    }
    // Challenged twice even with the right credentials: one retry only, except Restcomm-Connect.
    let sc = auth_scenario(2, "s3cret");
    assert_eq!(run(AUTH_DOC, &sc, Profile::Restcomm)["outcome"]["dials"][0]["dialCallStatus"], "failed");
    assert_eq!(
        run(AUTH_DOC, &sc, Profile::RestcommConnect)["outcome"]["dials"][0]["dialCallStatus"],
        "completed"
    );
    // Wrong credentials forever: Restcomm-Connect loops, the guard stops it.
    let v = run(AUTH_DOC, &auth_scenario(1, "other"), Profile::RestcommConnect);
    assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], "failed");
    assert!(v["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["code"] == "sim/auth-loop")));
    // No credentials: failed.
    let doc = r#"<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>"#;
    assert_eq!(
        run(doc, &auth_scenario(1, "x"), Profile::Restcomm)["outcome"]["dials"][0]["dialCallStatus"],
        "failed"
    );
}

#[test]
fn s12_parallel_fork() {
    let doc = r#"<Response><Dial><Sip statusCallback="http://app.test/sc">sip:a@x.test</Sip><Sip statusCallback="http://app.test/sc">sip:b@x.test</Sip></Dial></Response>"#;
    let sc = r#"{"endpoints":{"sip:a@x.test":{"ringAtMs":100,"answerAtMs":2000,"hangupAtMs":4000},"sip:b@x.test":{"ringAtMs":100,"answerAtMs":3000}}}"#;
    for p in P {
        let v = run(doc, sc, p);
        assert_eq!(v["outcome"]["dials"][0]["answeredBy"], "sip:a@x.test");
        let lines = sip_lines(&v);
        assert_eq!(lines.iter().filter(|l| l.starts_with("CANCEL sip:b@x.test")).count(), 1, "{p}");
        assert!(!lines.iter().any(|l| l.starts_with("CANCEL sip:a@x.test")));
    }
    let v = run(doc, sc, Profile::Restcomm);
    let statuses: Vec<_> = callbacks(&v).iter().map(|e| e["params"]["CallStatus"].clone()).collect();
    assert_eq!(statuses, ["canceled", "completed"]);
}

#[test]
fn s13_dial_sip_parameters() {
    for (p, sent) in [(Profile::Restcomm, true), (Profile::RestcommConnect, false), (Profile::Twilio, true)] {
        let v = run(BASIC, ANSWERS, p);
        let a = action(&v).map(|a| a["params"].clone()).unwrap_or_default();
        assert_eq!(a["DialSipResponseCode"] == "200", sent, "{p}");
        assert_eq!(a["DialSipHeader_X-Room"] == "12", sent, "{p}");
        assert_eq!(a["DialCallStatus"], "completed");
        assert_eq!(a["DialCallDuration"], "10");
    }
}

#[test]
fn s14_s15_screening() {
    let doc = r#"<Response><Dial action="/a"><Sip url="/screen">sip:alice@example.com</Sip></Dial><Say>next</Say></Response>"#;
    let sc = r#"{"endpoints":{"*":{"answerAtMs":1000,"headers":{"X-Room":"12"}}},"http":{"http://app.test/screen":{"body":"<Response><Say>one two</Say><Hangup/></Response>"}}}"#;
    let v = run(doc, sc, Profile::Restcomm);
    let screen =
        events(&v, "webhook").into_iter().find(|e| e["purpose"] == "screening").cloned().unwrap_or_default();
    assert_eq!(screen["url"], "http://app.test/screen");
    assert_eq!(screen["params"]["SipHeader_X-Room"], "12");
    assert!(screen["params"]["SipCallId"].as_str().is_some_and(|s| s.ends_with("@192.0.2.10")));
    assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], "no-answer");
    assert!(v["outcome"]["dials"][0]["answeredBy"].is_null());
    assert_eq!(action(&v).map(|a| a["params"]["DialSipResponseCode"].clone()), Some("200".into()));
    assert_eq!(action(&v).map(|a| a["atMs"].clone()), Some(1800.into()));
    let v = run(doc, sc, Profile::RestcommConnect);
    assert!(action(&v).is_none(), "S14: the whole call is hung up");
    assert_eq!(v["outcome"]["endedAtMs"], 1800);
    // A normal end bridges.
    let ok = sc.replace("<Hangup/>", "");
    let v = run(doc, &ok, Profile::Twilio);
    assert_eq!(v["outcome"]["dials"][0]["dialCallStatus"], "completed");
}

#[test]
fn s16_after_a_bridged_call() {
    let with_after = ANSWERS.replace(
        "}}}}",
        r#"}}},"http":{"http://app.test/after":{"body":"<Response><Say>thanks</Say></Response>"}}}"#,
    );
    let v = run(BASIC, &with_after, Profile::Restcomm);
    assert!(events(&v, "verb").iter().any(|e| e["document"] == "http://app.test/after"));
    let v = run(BASIC, &with_after, Profile::RestcommConnect);
    assert!(action(&v).is_some());
    assert!(!events(&v, "verb").iter().any(|e| e["document"] == "http://app.test/after"));
    let no_action = BASIC.replace(" action=\"/after\"", "");
    let v = run(&no_action, ANSWERS, Profile::Restcomm);
    assert_eq!(events(&v, "verb").last().map(|e| e["verb"].clone()), Some("Say".into()));
    let v = run(&no_action, ANSWERS, Profile::RestcommConnect);
    assert_eq!(events(&v, "verb").last().map(|e| e["verb"].clone()), Some("Dial".into()));
}

#[test]
fn s17_s18_hangup_on_star_and_time_limit() {
    let doc = r#"<Response><Dial hangupOnStar="true" timeLimit="20"><Sip>sip:alice@example.com</Sip></Dial><Say>after</Say></Response>"#;
    let sc = r#"{"call":{"digits":[{"atMs":5000,"digits":"*"}]},"endpoints":{"*":{"answerAtMs":1000}}}"#;
    let v = run(doc, sc, Profile::Restcomm);
    assert_eq!(v["outcome"]["dials"][0]["dialCallDuration"], 4);
    assert_eq!(events(&v, "verb").last().map(|e| e["verb"].clone()), Some("Say".into()));
    let v = run(doc, sc, Profile::RestcommConnect);
    assert_eq!(v["outcome"]["dials"][0]["dialCallDuration"], 20, "S17 ignored, S18 ends it");
    assert_eq!(v["outcome"]["endedAtMs"], 21000);
    let v = run(doc, r#"{"endpoints":{"*":{"answerAtMs":1000}}}"#, Profile::Twilio);
    assert_eq!(v["outcome"]["dials"][0]["dialCallDuration"], 20);
    assert_eq!(events(&v, "verb").last().map(|e| e["verb"].clone()), Some("Say".into()));
}

#[test]
fn s19_s20_invite_headers_and_transport() {
    let doc = r#"<Response><Dial><Sip>sip:alice@example.com;transport=tcp?mycustomheader=foo</Sip></Dial></Response>"#;
    let invite = |p| {
        let v = run(doc, "{}", p);
        events(&v, "sip").first().map(|e| e["message"].as_str().unwrap_or("").to_owned()).unwrap_or_default()
    };
    let r = invite(Profile::Restcomm);
    assert!(r.starts_with("INVITE sip:alice@example.com;transport=tcp SIP/2.0\r\nVia: SIP/2.0/TCP "));
    assert!(
        r.contains("\r\nX-RestComm-ApiVersion: 2012-04-24\r\n")
            && r.contains("\r\nX-mycustomheader: foo\r\n")
    );
    let t = invite(Profile::Twilio);
    assert!(!t.contains("X-RestComm") && !t.contains("mycustomheader"), "{t}");
}

#[test]
fn never_answering_endpoint_and_empty_dial() {
    for p in P {
        let v = run("<Response><Dial timeout=\"3\"><Sip>sip:a@b.test</Sip></Dial></Response>", "{}", p);
        assert_eq!(v["outcome"]["endedAtMs"], 3000);
        let v = run("<Response><Dial/><Say>hi</Say></Response>", "{}", p);
        assert!(v["outcome"]["dials"][0]["dialCallStatus"].is_null());
    }
}

#[test]
fn verbs_take_virtual_time() {
    let doc = r#"<Response><Say loop="2">one two three</Say><Play>http://app.test/a.mp3</Play><Pause length="2"/><Play>/hold.mp3</Play></Response>"#;
    let v = run(doc, r#"{"media":{"http://app.test/hold.mp3":{"durationMs":1500}}}"#, Profile::Restcomm);
    let at: Vec<_> = events(&v, "verb").iter().map(|e| e["atMs"].clone()).collect();
    assert_eq!(at, [0, 2400, 7400, 9400]);
    assert_eq!(v["outcome"]["endedAtMs"], 10900);
}

#[test]
fn gather_uses_digits_and_runs_the_action() {
    let doc = r#"<Response><Gather action="/menu" numDigits="1"><Say>press one</Say></Gather><Say>nothing</Say></Response>"#;
    let sc = r#"{"call":{"digits":[{"atMs":1500,"digits":"1"}]},"http":{"http://app.test/menu":{"body":"<Response><Hangup/></Response>"}}}"#;
    let v = run(doc, sc, Profile::Twilio);
    let a = action(&v).cloned().unwrap_or_default();
    assert_eq!(a["params"]["Digits"], "1");
    assert_eq!(a["atMs"], 1500);
}

#[test]
fn guards_end_loops_with_a_diagnostic() {
    let v = run("<Response><Redirect>/rcml</Redirect></Response>", "{}", Profile::Restcomm);
    assert!(v["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["code"] == "sim/redirect-loop")));
    let v = run("<Response><Play loop=\"0\">x.mp3</Play></Response>", "{}", Profile::Restcomm);
    assert!(v["diagnostics"].as_array().is_some_and(|d| d.iter().any(|d| d["code"] == "sim/endless-verb")));
    let doc = r#"<Response><Pause/><Dial timeout="1"><Sip>sip:a@b.test</Sip></Dial><Redirect>/rcml</Redirect></Response>"#;
    let v = run(doc, "{}", Profile::Restcomm);
    assert!(v["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["code"] == "sim/too-many-documents")));
}

#[test]
fn determinism_and_seed() {
    let s = Scenario::from_json(ANSWERS).unwrap_or_default();
    let a = simulate(AUTH_DOC, &s, &Options::default()).to_json();
    let b = simulate(AUTH_DOC, &s, &Options::default()).to_json();
    assert_eq!(a, b);
    let s2 = Scenario { seed: 2, ..s };
    assert_ne!(a, simulate(AUTH_DOC, &s2, &Options::default()).to_json());
}

#[test]
fn unparseable_document_ends_the_call() {
    let doc = "<Response><Dial><Sip>sip:a@b.test?x=1&y=2&z=3</Sip></Dial></Response>";
    let v = run(doc, "{}", Profile::RestcommConnect);
    assert!(events(&v, "verb").is_empty());
    assert_eq!(v["outcome"]["callStatus"], "failed");
    // V4: restcomm runs the document as Restcomm-Connect's pre-pass repairs it: only the first
    // bare `&` of a `;`-free stretch, so a second one there leaves it unparseable.
    let v = run(doc, "{}", Profile::Restcomm);
    assert!(events(&v, "verb").is_empty(), "restcomm repairs only one bare & per stretch");
    assert_eq!(v["outcome"]["callStatus"], "failed");
    let one_per_stretch = "<Response><Dial><Sip>sip:a@b.test?x=1&y=2</Sip></Dial>;<Say>a&b</Say></Response>";
    for profile in [Profile::Restcomm, Profile::RestcommConnect] {
        let v = run(one_per_stretch, "{}", profile);
        assert_eq!(events(&v, "verb").len(), 2, "{profile:?} repairs one bare & per stretch");
    }
    let v = run(one_per_stretch, "{}", Profile::Twilio);
    assert!(events(&v, "verb").is_empty(), "twilio parses no bare &");
}

#[test]
fn event_guard_stops_a_huge_fork() {
    let nouns: String = (0..1500)
        .map(|i| format!("<Sip statusCallback=\"http://app.test/sc\">sip:u{i}@x.test</Sip>"))
        .collect();
    let doc = format!("<Response><Dial timeout=\"1\">{nouns}</Dial></Response>");
    let v = run(&doc, r#"{"endpoints":{"*":{"ringAtMs":10}}}"#, Profile::RestcommConnect);
    let n = v["events"].as_array().map_or(0, Vec::len);
    assert_eq!(n, 10_001);
    assert!(v["diagnostics"]
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["code"] == "sim/too-many-events")));
}

/// A grid of documents × endpoint behaviours × caller behaviours × profiles: every run keeps
/// the invariants checked by `run` and ends.
#[test]
fn invariants_over_a_grid() {
    let docs = [
        BASIC,
        AUTH_DOC,
        r#"<Response><Say>hi there</Say><Dial timeout="4" timeLimit="6" hangupOnStar="true" action="/a"><Sip url="/s" statusCallback="/sc" statusCallbackEvent="initiated,ringing,answered,completed">sip:a@x.test</Sip><Number statusCallback="http://app.test/sc">+1555</Number><Client>bob</Client></Dial><Gather numDigits="1"><Say>press</Say></Gather></Response>"#,
        "<Response><Dial>sip:a@x.test</Dial><Record action=\"/r\"/></Response>",
        "<Response><Reject reason=\"busy\"/></Response>",
        "<Dial><Sip>sip:a@x.test</Sip><Queue>q</Queue></Dial>",
    ];
    let endpoints = [
        r#"{}"#,
        r#"{"ringAtMs":100,"answerAtMs":1000,"hangupAtMs":3000,"headers":{"X-A":"1"}}"#,
        r#"{"ringAtMs":100,"rejectAtMs":500,"rejectStatus":603}"#,
        r#"{"script":[{"atMs":0,"status":100},{"atMs":50,"status":183},{"atMs":60,"status":180},{"atMs":2000,"status":200}]}"#,
        r#"{"answerAtMs":200,"auth":{"status":401,"username":"alice","password":"s3cret","challenges":3}}"#,
        r#"{"rejectAtMs":10,"rejectStatus":302}"#,
    ];
    let callers =
        [r#"{}"#, r#"{"hangupAtMs":1500}"#, r#"{"hangupAtMs":5000,"digits":[{"atMs":2500,"digits":"*1"}]}"#];
    let mut runs = 0;
    for doc in docs {
        for e in endpoints {
            for c in callers {
                let sc = format!(
                    r#"{{"call":{c},"endpoints":{{"*":{e}}},"http":{{"http://app.test/s":{{"body":"<Response><Say>ok</Say></Response>"}}}}}}"#
                );
                for p in P {
                    let v = run(doc, &sc, p);
                    assert!(!v["outcome"]["callStatus"].as_str().unwrap_or("").is_empty());
                    runs += 1;
                }
            }
        }
    }
    assert_eq!(runs, 6 * 6 * 3 * 3);
}

#[test]
fn utf16_conversion_of_verb_ranges() {
    let doc = "<Response><Say>héllo wörld</Say><Dial/></Response>";
    let mut sim = simulate(doc, &Scenario::default(), &Options::default());
    let byte_start = doc.find("<Dial").unwrap_or(0) as u32;
    sim.to_utf16(doc);
    let dial = sim.events.iter().find_map(|e| match &e.body {
        rcml_sip::sim::EventBody::Verb { verb, range, .. } if verb == "Dial" => Some(*range),
        _ => None,
    });
    assert_eq!(dial.map(|r| r.start.offset), Some(byte_start - 2));
    assert_eq!(dial.map(|r| r.start.column), Some(byte_start - 1));
}

/// A tiny LCG: the test needs no randomness crate and stays reproducible.
struct R(u64);

impl R {
    fn n(&mut self, m: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % m
    }
}
const PIECES: &[&str] = &["<Say>a b c</Say>", "<Play loop=\"2\">/m.mp3</Play>", "<Pause length=\"3\"/>", "<Hangup/>", "<Reject reason=\"busy\"/>",
 "<Redirect>/r</Redirect>", "<Gather numDigits=\"2\" action=\"/g\"><Say>x</Say></Gather>", "<Record action=\"/rec\" timeout=\"2\"/>",
 "<Dial>", "</Dial>", "<Sip url=\"/s\" statusCallback=\"/sc\" statusCallbackEvent=\"initiated,ringing answered\">sip:a@x.test</Sip>",
 "<Sip username=\"u\" password=\"pw123456\">sip:b@x.test;transport=tcp?X-A=1&amp;b=2</Sip>", "<Number statusCallback=\"http://x.test/s\">+1555</Number>",
 "<Client>c</Client>", "<Dial timeout=\"3\" timeLimit=\"5\" hangupOnStar=\"true\" action=\"/a\" method=\"GET\" record=\"true\">", "<Conference>r</Conference>",
 "<Queue>q</Queue>", "<Dial>sip:z@x.test</Dial>", "<Uri>sip:u@x.test</Uri>", "<Sip name=\"sip:v@x.test\"><Video enable=\"true\"/></Sip>", "<sip>x</sip>", "&", "<Response>", "</Response>"];
/// Documents stitched from random verb/noun pieces × random scenarios × profiles: no
/// panic, no password, determinism, seq/time order, final responses, callback order.
#[test]
fn random_documents_keep_the_invariants() {
    let mut r = R(7);
    for i in 0..300 {
        let mut doc = String::from("<Response>");
        for _ in 0..r.n(8) {
            doc.push_str(PIECES[r.n(PIECES.len())]);
        }
        doc.push_str("</Response>");
        let ep = |r: &mut R| {
            format!(r#"{{"ringAtMs":{},"answerAtMs":{},"rejectAtMs":{},"rejectStatus":{},"hangupAtMs":{},"headers":{{"X-H":"v"}}{}}}"#,
            r.n(3000), [r.n(6000) as i64, -1][r.n(2)].max(-1).to_string().replace("-1","null"), ["null","500"][r.n(2)], [486,404,302,487,603,500,401][r.n(7)], r.n(20000),
            [",\"auth\":{\"status\":401,\"username\":\"u\",\"password\":\"pw123456\",\"challenges\":2}", ""][r.n(2)])
        };
        let sc = format!(
            r#"{{"seed":{i},"call":{{"hangupAtMs":{},"digits":[{{"atMs":{},"digits":"*1#"}}]}},"endpoints":{{"*":{},"sip:a@x.test":{}}},"http":{{"http://app.test/s":{{"body":"<Response><Say>ok</Say>{}</Response>","delayMs":{}}},"http://app.test/a":{{"status":{},"body":"<Response><Dial><Sip>sip:q@x.test</Sip></Dial></Response>"}},"*":{{"body":"<Response><Pause/></Response>"}}}}}}"#,
            [r.n(30000).to_string(), "null".into()][r.n(2)],
            r.n(10000),
            ep(&mut r),
            ep(&mut r),
            ["<Hangup/>", ""][r.n(2)],
            r.n(70000),
            [200, 404][r.n(2)]
        );
        let s = match Scenario::from_json(&sc) {
            Ok(s) => s,
            Err(e) => panic!("{e}\n{sc}"),
        };
        for p in Profile::ALL {
            let sim = simulate(&doc, &s, &Options::with_profile(p));
            let json = sim.to_json();
            assert!(!json.contains("pw123456"), "{doc}");
            let mut last = 0;
            for (k, e) in sim.events.iter().enumerate() {
                assert_eq!(e.seq, k as u64);
                assert!(e.at_ms >= last);
                last = e.at_ms;
            }
            assert_eq!(json, simulate(&doc, &s, &Options::with_profile(p)).to_json());
            let cut = sim
                .diagnostics
                .iter()
                .any(|d| d.code.starts_with("sim/too-many-events") || d.code == "sim/call-too-long");
            let mut open: std::collections::BTreeMap<(String, String), bool> = Default::default();
            let mut order: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
            for e in &sim.events {
                match &e.body {
                    rcml_sip::sim::EventBody::Sip { leg, message, first_line, .. } => {
                        let cseq = message.lines().find(|l| l.starts_with("CSeq: ")).unwrap_or("").to_owned();
                        if first_line.starts_with("INVITE ") {
                            open.insert((leg.clone(), cseq), false);
                        } else if cseq.ends_with("INVITE")
                            && first_line.starts_with("SIP/2.0 ")
                            && first_line.get(8..9).is_some_and(|c| c != "1")
                        {
                            open.insert((leg.clone(), cseq), true);
                        }
                    }
                    rcml_sip::sim::EventBody::Webhook {
                        purpose: rcml_sip::sim::Purpose::StatusCallback,
                        leg: Some(leg),
                        params,
                        ..
                    } => {
                        let st = params.get("CallStatus").unwrap_or("");
                        let k = match st {
                            "initiated" => 0,
                            "ringing" => 1,
                            "answered" | "in-progress" => 2,
                            _ => 3,
                        };
                        order.entry(leg.clone()).or_default().push(k);
                    }
                    _ => {}
                }
            }
            if !cut {
                for (k, v) in &open {
                    assert!(v, "{p} {k:?} unanswered\n{doc}\n{sc}");
                }
            }
            for (leg, ks) in order {
                assert!(
                    ks.windows(2).all(|w| w[0] < w[1]),
                    "{p} {leg} callbacks out of order {ks:?}\n{doc}\n{sc}"
                );
            }
        }
    }
}

#[test]
fn twilio_sip_with_uri_and_headers_children() {
    let doc = r#"<Response><Dial><Sip><Uri>sip:alice@example.com</Uri><Headers><Header name="X-Team" value="blue"/></Headers></Sip></Dial></Response>"#;
    let v = run(doc, "{}", Profile::Twilio);
    let invite = events(&v, "sip").first().and_then(|e| e["message"].as_str()).unwrap_or("").to_owned();
    assert!(invite.starts_with("INVITE sip:alice@example.com SIP/2.0\r\n"), "{invite}");
    assert!(invite.contains("\r\nX-Team: blue\r\n"));
}

#[test]
fn v22_relative_status_callback_and_serde_scenario() {
    let doc = r#"<Response><Dial><Sip statusCallback="/sc">sip:alice@example.com</Sip></Dial></Response>"#;
    let v = run(doc, ANSWERS, Profile::Restcomm);
    assert_eq!(callbacks(&v).first().map(|c| c["url"].clone()), Some("http://app.test/sc".into()));
    let v = run(doc, ANSWERS, Profile::RestcommConnect);
    assert!(callbacks(&v).is_empty());
    assert!(events(&v, "note")
        .iter()
        .any(|n| n["profileNote"].as_str().is_some_and(|t| t.starts_with("V22"))));
    // Deserialize goes through the same path-naming reader.
    let e = serde_json::from_str::<Scenario>(r#"{"call":{"hangupAtMS":1}}"#).err().map(|e| e.to_string());
    assert!(e.is_some_and(|e| e.contains("call.hangupAtMS")));
}

/// The caller's own dialog: a `<Reject>` turns the ringing call down (486 for `busy`, else
/// 603) and the caller ACKs it; nothing is answered.
#[test]
fn reject_answers_the_callers_invite_with_a_failure() {
    for (doc, status) in [
        (r#"<Response><Reject reason="busy"/></Response>"#, "SIP/2.0 486 Busy Here"),
        (r#"<Response><Reject/></Response>"#, "SIP/2.0 603 Decline"),
    ] {
        for p in P {
            let v = run(doc, "{}", p);
            let caller: Vec<String> = v["events"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter(|e| e["kind"] == "sip")
                .map(|e| {
                    format!(
                        "{} {}",
                        e["direction"].as_str().unwrap_or(""),
                        e["firstLine"].as_str().unwrap_or("")
                    )
                })
                .collect();
            assert_eq!(
                caller,
                [
                    "in INVITE sip:+15550001111@192.0.2.10 SIP/2.0",
                    "out SIP/2.0 100 Trying",
                    "out SIP/2.0 180 Ringing",
                    &format!("out {status}"),
                    "in ACK sip:+15550001111@192.0.2.10 SIP/2.0",
                ],
                "{p}"
            );
        }
    }
}
