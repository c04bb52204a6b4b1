//! Hostile input (issue 7): each case has one clear, asserted outcome. Nothing here asserts a
//! wall-clock time; `scripts/adversarial-report.sh` measures time and peak memory per case
//! (`cargo test --release --test adversarial -- --exact NAME` under `/usr/bin/time -v`).

use rcml_sip::cli::{run, CliOutput, Files};
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{parse_sip_uri, sip_uri, validate, Diagnostic, Options, Profile};
use std::collections::BTreeMap;

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

fn count(diagnostics: &[Diagnostic], code: &str) -> usize {
    diagnostics.iter().filter(|d| d.code == code).count()
}

/// Every text a diagnostic carries, for "never appears" checks.
fn all_text(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string(diagnostics).expect("diagnostics serialise")
}

struct Memory(BTreeMap<String, Vec<u8>>);

impl Files for Memory {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0.get(path).cloned().ok_or_else(|| "No such file or directory (os error 2)".to_owned())
    }
}

fn cli(args: &[&str], entries: &[(&str, &[u8])]) -> CliOutput {
    let fs = Memory(entries.iter().map(|(k, v)| ((*k).to_owned(), v.to_vec())).collect());
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    run(&args, &fs)
}

/// Runs `f` on a thread with a small stack: a recursion on document depth would overflow it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no stack overflow or panic")
}

// --- Entity expansion -----------------------------------------------------------------------

fn billion_laughs() -> String {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        doc.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    doc.push_str(
        "]>\n<Response><Say>&lol9;</Say><Dial><Sip>sip:&lol9;@example.com</Sip></Dial></Response>\n",
    );
    doc
}

/// Declared entities are reported and never expanded: the references stay undefined.
#[test]
fn billion_laughs_is_reported_and_never_expanded() {
    let doc = billion_laughs();
    for profile in Profile::ALL {
        let d = validate(&doc, &Options::with_profile(profile));
        assert_eq!(count(&d, "xml/doctype"), 1, "{profile}: {:?}", codes(&d));
        assert_eq!(count(&d, "xml/entity-declaration"), 10, "{profile}: {:?}", codes(&d));
        assert_eq!(count(&d, "xml/undefined-entity"), 2, "{profile}: {:?}", codes(&d));
        // Nothing anywhere holds an expansion: "lollol" is in no message.
        assert!(!all_text(&d).contains("lollollol"), "{profile}");
    }
    let mut sink = rcml_sip::Diagnostics::new(Profile::Restcomm);
    let tree = rcml_sip::xml::parse(&doc, &mut sink);
    let text: usize = tree
        .iter()
        .flat_map(|(_, e)| {
            e.texts().map(|t| t.value.text.len()).chain(e.attributes().map(|a| a.value.text.len()))
        })
        .sum();
    assert!(text < doc.len(), "decoded text ({text} bytes) is never larger than the document");
}

/// Quadratic blow-up (one large entity referenced many times) and parameter entities: the
/// same, declarations reported, nothing expanded.
#[test]
fn quadratic_blowup_and_parameter_entities_are_never_expanded() {
    let big = "x".repeat(100_000);
    let refs = "&a;".repeat(20_000);
    let doc = format!(
        "<!DOCTYPE r [<!ENTITY a \"{big}\"><!ENTITY % p \"<!ENTITY b 'c'>\"> %p;]>\
         <Response><Say>{refs}</Say></Response>"
    );
    let d = validate(&doc, &Options::default());
    assert_eq!(count(&d, "xml/doctype"), 1, "{:?}", codes(&d));
    assert!(count(&d, "xml/entity-declaration") >= 2, "{:?}", codes(&d));
    // One diagnostic per reference would be 20 000: the cap holds the line.
    assert!(d.len() <= Options::default().max_diagnostics + 1);
    assert!(all_text(&d).len() < 1_000_000, "no message carries the expansion");
}

const PASSWD_DOC: &str = "<?xml version=\"1.0\"?>\n\
<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY % ext SYSTEM \"file:///etc/passwd\"> %ext;]>\n\
<Response><Say>&xxe;</Say><Dial><Sip>sip:&xxe;@example.com</Sip></Dial></Response>\n";

/// An external entity naming /etc/passwd is reported and never read: no line of the file
/// appears in any output (diagnostics, CLI text and JSON, simulation).
#[test]
fn external_entity_is_never_read() {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_else(|_| "root:x:0:0:".to_owned());
    let lines: Vec<&str> = passwd.lines().filter(|l| l.len() > 8).collect();
    assert!(!lines.is_empty());
    let leaked = |out: &str| lines.iter().find(|l| out.contains(*l)).map(|l| (*l).to_owned());

    for profile in Profile::ALL {
        let d = validate(PASSWD_DOC, &Options::with_profile(profile));
        assert!(count(&d, "xml/entity-declaration") >= 1, "{:?}", codes(&d));
        assert!(all_text(&d).contains("never fetched"), "the message says so");
        assert_eq!(leaked(&all_text(&d)), None);
        let sim = simulate(PASSWD_DOC, &Scenario::default(), &Options::with_profile(profile));
        assert_eq!(leaked(&serde_json::to_string(&sim).expect("serialises")), None);
    }
    let files = [("x.xml", PASSWD_DOC.as_bytes())];
    for args in [
        &["check", "x.xml"][..],
        &["check", "--format", "json", "x.xml"],
        &["simulate", "x.xml"],
        &["simulate", "--format", "json", "x.xml"],
    ] {
        let out = cli(args, &files);
        assert_eq!(leaked(&out.stdout), None, "{args:?}");
        assert_eq!(leaked(&out.stderr), None, "{args:?}");
    }
}

// --- Depth ----------------------------------------------------------------------------------

const DEEP: usize = 100_000;

/// 100 000 nested elements, closed: one `xml/nesting-too-deep`, on a 256 KiB stack (no
/// recursion on depth in the reader, the validator, the renderer or the tree's drop).
#[test]
fn hundred_thousand_deep_nesting_is_one_diagnostic() {
    let doc = format!("<Response>{}{}</Response>", "<Say>".repeat(DEEP), "</Say>".repeat(DEEP));
    let d = on_small_stack(move || {
        let d = validate(&doc, &Options::default());
        let text = rcml_sip::cli::render_report("deep.xml", &doc, &d);
        let sim = simulate(&doc, &Scenario::default(), &Options::default());
        drop(sim);
        assert!(text.contains("nested more than"));
        d
    });
    assert_eq!(count(&d, "xml/nesting-too-deep"), 1, "{:?}", &codes(&d)[..d.len().min(20)]);
    assert!(d.len() <= Options::default().max_diagnostics + 1);
}

/// The same depth never closed: the end of the input closes them with a bounded report.
#[test]
fn hundred_thousand_unclosed_elements_are_bounded() {
    let doc = format!("<Response>{}", "<Dial>".repeat(DEEP));
    let d = on_small_stack(move || validate(&doc, &Options::default()));
    assert_eq!(count(&d, "xml/nesting-too-deep"), 1);
    assert!(count(&d, "xml/unclosed-element") >= 1);
    assert!(d.len() <= Options::default().max_diagnostics + 1, "{}", d.len());
}

// --- Size and counts ------------------------------------------------------------------------

/// A 50 MB document is refused up front with one `limits/input-too-large`, in every face; the
/// limit is configurable.
#[test]
fn fifty_megabyte_document_is_one_limit_diagnostic() {
    let sip = "<Dial><Sip>sip:alice@example.com</Sip></Dial>\n";
    let mut doc = String::from("<Response>\n");
    while doc.len() < 50 * 1024 * 1024 {
        doc.push_str(sip);
    }
    doc.push_str("</Response>\n");
    let d = validate(&doc, &Options::default());
    assert_eq!(codes(&d), ["limits/input-too-large"]);
    assert!(d[0].message.contains("over the limit of 10485760 bytes"), "{}", d[0].message);

    let out = cli(&["check", "big.xml"], &[("big.xml", doc.as_bytes())]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("limits/input-too-large"));
    assert!(out.stdout.len() < 4096, "the code frame shows one line, not the document");

    // Refused, so never parsed, not even to find passwords to mask: no source is shown.
    let secret =
        format!("<Response><Dial><Sip password=\"hunter2-MARKER\">sip:a@b</Sip></Dial>{}", &doc[10..]);
    for format in ["text", "json"] {
        let out = cli(&["check", "--format", format, "big.xml"], &[("big.xml", secret.as_bytes())]);
        assert!(out.stdout.contains("limits/input-too-large"), "{format}");
        assert!(!out.stdout.contains("hunter2"), "{format}: {}", out.stdout);
    }

    // The simulator refuses it the same way: the call cannot run a document it did not read.
    let sim = serde_json::to_value(simulate(&doc, &Scenario::default(), &Options::default())).expect("json");
    let sim_codes: Vec<&str> =
        sim["diagnostics"].as_array().into_iter().flatten().filter_map(|d| d["code"].as_str()).collect();
    assert!(sim_codes.contains(&"limits/input-too-large"), "{sim_codes:?}");
    assert!(sim["events"].as_array().map_or(0, Vec::len) < 20);

    let small = Options { max_input_bytes: 1000, ..Options::default() };
    assert_eq!(codes(&validate(&doc[..2000], &small)), ["limits/input-too-large"]);
    let roomy = Options { max_input_bytes: usize::MAX, ..Options::default() };
    assert!(!codes(&validate(&doc[..2000], &roomy)).contains(&"limits/input-too-large"));
}

/// The same size on one line (a minified document): the code frame is bounded too.
#[test]
fn fifty_megabytes_on_one_line_render_a_bounded_frame() {
    let doc = format!("<Response><Say>{}</Say></Response>", "a".repeat(50 * 1024 * 1024));
    let out = cli(&["check", "big.xml"], &[("big.xml", doc.as_bytes())]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("limits/input-too-large"));
    assert!(out.stdout.len() < 4096, "{} bytes of output", out.stdout.len());
}

/// Ten thousand problems: exactly `max_diagnostics` reported, then one
/// `limits/too-many-diagnostics` naming how many were left out.
#[test]
fn diagnostics_are_capped_with_a_final_note() {
    let doc = format!("<Response>{}</Response>", "<Bogus/>".repeat(10_000));
    for max in [1000, 10] {
        let d = validate(&doc, &Options { max_diagnostics: max, ..Options::default() });
        assert_eq!(d.len(), max + 1);
        let last = d.last().expect("a last diagnostic");
        assert_eq!(last.code, "limits/too-many-diagnostics");
        assert!(last.message.contains(&format!("{} more diagnostics", 10_000 - max)), "{}", last.message);
    }
}

/// A 5 MB attribute value and a 5 MB `<Sip>` text: messages quote a preview, never the value.
#[test]
fn huge_values_are_previewed_not_echoed() {
    let huge = "a".repeat(5 * 1024 * 1024);
    for doc in [
        format!("<Response><Dial action=\"{huge}\" timeout=\"{huge}\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
        format!("<Response><Dial><Sip>sip:{huge}@example.com</Sip></Dial></Response>"),
        format!("<Response><Dial><Sip url=\"{huge}:x\">sip:alice@example.com?X-a={huge}</Sip></Dial></Response>"),
        format!("<Response><{huge}/></Response>"),
        format!("<{huge}/>"),
        format!("<Response><Dial {huge}=\"1\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
    ] {
        let d = validate(&doc, &Options::default());
        assert!(!d.is_empty());
        for diagnostic in &d {
            let size = serde_json::to_string(diagnostic).expect("serialises").len();
            assert!(size < 4096, "{}: {size} bytes", diagnostic.code);
        }
        let out = cli(&["check", "huge.xml"], &[("huge.xml", doc.as_bytes())]);
        assert!(out.stdout.len() < 64 * 1024, "{} bytes of text output", out.stdout.len());
    }
}

/// Thousands of `<Sip>` nouns in one `<Dial>`: the multiple-Sip rule and a bounded report.
#[test]
fn thousands_of_sip_nouns() {
    let nouns: String = (0..5000).map(|i| format!("<Sip>sip:user{i}@example.com</Sip>")).collect();
    let doc = format!("<Response><Dial>{nouns}</Dial></Response>");
    let rule = rcml_sip::diagnostics::lookup_rule("rcml/multiple-sip").expect("the V5 rule");
    for profile in Profile::ALL {
        let d = validate(&doc, &Options::with_profile(profile));
        let expected = usize::from(rule.severity.get(profile).is_some());
        assert_eq!(
            count(&d, "rcml/multiple-sip"),
            expected,
            "{profile}: {:?}",
            &codes(&d)[..d.len().min(10)]
        );
        assert!(d.len() <= Options::default().max_diagnostics + 1);
    }
    // Every fork rings: more events than the cap, so the run stops at it with a diagnostic.
    let scenario = r#"{"endpoints": {"*": {"ringAtMs": 100, "answerAtMs": 1000, "hangupAtMs": 5000}}}"#;
    let sim = run_sim(&doc, scenario, Profile::RestcommConnect);
    assert!(sim_codes(&sim).contains(&"sim/too-many-events".to_owned()), "{:?}", sim_codes(&sim));
    assert_eq!(sim_events(&sim).count(), rcml_sip::sim::engine::MAX_EVENTS + 1, "the cap, then the note");
}

// --- URLs -----------------------------------------------------------------------------------

/// `javascript:` and `data:` URLs are `rcml/unsafe-url` wherever a URL is expected.
#[test]
fn javascript_and_data_urls_are_unsafe() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/xml,<Response/>",
        " javascript:x",
    ] {
        for doc in [
            format!("<Response><Dial action=\"{url}\"><Sip>sip:alice@example.com</Sip></Dial></Response>"),
            format!("<Response><Dial><Sip url=\"{url}\">sip:alice@example.com</Sip></Dial></Response>"),
            format!("<Response><Redirect>{url}</Redirect></Response>")
                .replace('<', "<")
                .replace("<Response/>", "&lt;Response/&gt;"),
            format!("<Response><Play>{}</Play></Response>", url.replace('<', "&lt;").replace('>', "&gt;")),
        ] {
            let d = validate(&doc, &Options::default());
            assert_eq!(count(&d, "rcml/unsafe-url"), 1, "{doc}: {:?}", codes(&d));
        }
    }
}

// --- The command line -----------------------------------------------------------------------

/// Invalid UTF-8 in a file is a usage error naming the offset; NUL bytes (valid UTF-8) are
/// `xml/illegal-character` diagnostics; both through `cli::run`.
#[test]
fn invalid_utf8_and_nul_bytes_in_files() {
    let out = cli(&["check", "bad.xml"], &[("bad.xml", b"<Response>\xc3\x28</Response>")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not valid UTF-8 (invalid byte at offset 10)"), "{}", out.stderr);

    let nul = b"<Response>\0<Say>a\0b</Say>\0</Response>";
    let out = cli(&["check", "--format", "json", "nul.xml"], &[("nul.xml", nul)]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("xml/illegal-character"), "{}", out.stdout);
    let out = cli(&["check", "nul.xml"], &[("nul.xml", nul)]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("xml/illegal-character"));

    let out = cli(&["uri", "sip:al\0ice@example.com"], &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let out = cli(&["simulate", "bad.xml"], &[("bad.xml", b"\xff\xfe<Response/>")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not valid UTF-8"));
}

/// The real binary: an argument that is not UTF-8, a file and standard input with invalid
/// UTF-8 and NUL bytes.
#[cfg(unix)]
#[test]
fn the_binary_survives_invalid_utf8_and_nul_bytes() {
    use std::ffi::OsStr;
    use std::io::Write;
    use std::os::unix::ffi::OsStrExt;
    use std::process::{Command, Stdio};

    let bin = env!("CARGO_BIN_EXE_rcml-sip");
    let out = Command::new(bin)
        .args([OsStr::new("check"), OsStr::from_bytes(b"\xff\xfe.xml")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));

    let out =
        Command::new(bin).args([OsStr::new("uri"), OsStr::from_bytes(b"sip:\xc0@x")]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));

    for (input, code, needle) in [
        (&b"<Response>\xff</Response>"[..], 2, "not valid UTF-8"),
        (&b"<Response>\0</Response>"[..], 1, "xml/illegal-character"),
    ] {
        let mut child = Command::new(bin)
            .args(["check", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        child.stdin.take().expect("stdin").write_all(input).expect("writes");
        let out = child.wait_with_output().expect("exits");
        assert_eq!(out.status.code(), Some(code), "{input:?}");
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(all.contains(needle), "{all}");
    }
}

// --- SIP header injection -------------------------------------------------------------------

/// `%0D%0A` / `%00` decoded into a URI header: an error diagnostic, and the header never
/// reaches the INVITE (so no injected line can).
#[test]
fn escaped_line_breaks_in_a_uri_header_are_an_error_and_never_sent() {
    for input in [
        "sip:alice@example.com?X-a=1%0D%0AX-Evil:%20yes",
        "sip:alice@example.com?X-a=a%00b",
        "sip:alice@example.com?X-a%0Ab=1",
        "sip:alice@example.com?X-a=1%0aVia:%20evil&X-b=ok",
    ] {
        for profile in Profile::ALL {
            let parsed = parse_sip_uri(input, profile);
            assert!(
                codes(&parsed.diagnostics).contains(&"sip-uri/escaped-control-character"),
                "{profile} {input}: {:?}",
                codes(&parsed.diagnostics)
            );
            let uri = parsed.uri.as_ref().expect("the URI is still read");
            for (name, value) in sip_uri::invite_headers(uri, profile) {
                assert!(!name.contains(['\r', '\n', '\0']), "{profile} {input}: name {name:?}");
                assert!(!value.contains(['\r', '\n', '\0']), "{profile} {input}: value {value:?}");
            }
        }
    }
}

/// The same inside a document: the diagnostic, and no SIP message of the simulation carries
/// an injected header line.
#[test]
fn escaped_line_breaks_in_a_document_never_reach_the_simulated_invite() {
    let doc = "<Response><Dial><Sip>sip:alice@example.com?X-a=1%0D%0AX-Evil:%20yes&amp;X-b=%00</Sip></Dial></Response>";
    for profile in Profile::ALL {
        let d = validate(doc, &Options::with_profile(profile));
        assert!(count(&d, "sip-uri/escaped-control-character") >= 2, "{profile}: {:?}", codes(&d));
        let sim = serde_json::to_value(simulate(doc, &Scenario::default(), &Options::with_profile(profile)))
            .expect("serialises");
        let invites = sim_events(&sim)
            .filter(|e| {
                e["firstLine"].as_str().is_some_and(|l| l.starts_with("INVITE sip:alice@example.com"))
            })
            .count();
        assert!(invites >= 1, "{profile}: the INVITE is simulated");
        for event in sim_events(&sim) {
            if let Some(message) = event.get("message").and_then(|m| m.as_str()) {
                assert!(!message.contains("X-Evil"), "{profile}: {message}");
                assert!(!message.contains('\0'), "{profile}: {message}");
                assert!(message.lines().all(|l| !l.contains('\r')), "{profile}: bare CR in {message:?}");
            }
        }
    }
}

// --- The simulator --------------------------------------------------------------------------

fn sim_events(sim: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    sim.get("events").and_then(|e| e.as_array()).into_iter().flatten()
}

fn sim_codes(sim: &serde_json::Value) -> Vec<String> {
    let diagnostics = sim.get("diagnostics").and_then(|d| d.as_array());
    diagnostics.into_iter().flatten().filter_map(|d| d["code"].as_str().map(str::to_owned)).collect()
}

fn run_sim(doc: &str, scenario: &str, profile: Profile) -> serde_json::Value {
    let scenario = Scenario::from_json(scenario).expect("a valid scenario");
    serde_json::to_value(simulate(doc, &scenario, &Options::with_profile(profile))).expect("serialises")
}

/// A `<Play>` of 10^15 ms (about 31 700 years), even from the last second of year 9999: the
/// call is cut at 24 hours of virtual time with `sim/call-too-long`.
#[test]
fn a_play_of_ten_to_the_fifteen_ms_is_cut_at_a_day() {
    let doc = "<Response><Play>http://app.test/x.mp3</Play><Pause length=\"1000000000000\"/></Response>";
    for start in ["2026-11-29T09:00:00Z", "9999-12-31T23:59:59Z"] {
        let scenario = format!(
            r#"{{"start": "{start}", "media": {{"http://app.test/x.mp3": {{"durationMs": 1000000000000000}}}}}}"#
        );
        for profile in Profile::ALL {
            let sim = run_sim(doc, &scenario, profile);
            assert!(
                sim_codes(&sim).contains(&"sim/call-too-long".to_owned()),
                "{profile}: {:?}",
                sim_codes(&sim)
            );
            assert_eq!(sim["outcome"]["endedAtMs"], 86_400_000, "{profile}");
        }
    }
}

/// A redirect loop, an endless chain of `<Dial action>` documents and an endless verb: each
/// stops at its guard with its own diagnostic.
#[test]
fn redirect_loops_action_chains_and_endless_verbs_stop_at_their_guards() {
    let redirect = "<Response><Redirect>http://app.test/a</Redirect></Response>";
    let dial = r#"<Response><Dial action="http://app.test/a"><Sip>sip:a@b.test</Sip></Dial></Response>"#;
    let cases = [
        (
            redirect,
            format!(r#"{{"http": {{"*": {{"status": 200, "body": {redirect:?}}}}}}}"#),
            "sim/redirect-loop",
        ),
        (
            dial,
            format!(
                r#"{{"http": {{"*": {{"status": 200, "body": {dial:?}}}}}, "endpoints": {{"*": {{"rejectAtMs": 10, "rejectStatus": 486}}}}}}"#
            ),
            "sim/too-many-documents",
        ),
        ("<Response><Say loop=\"0\">hi</Say></Response>", "{}".to_owned(), "sim/endless-verb"),
    ];
    for (doc, scenario, code) in cases {
        for profile in Profile::ALL {
            let sim = run_sim(doc, &scenario, profile);
            assert!(sim_codes(&sim).contains(&code.to_owned()), "{profile} {code}: {:?}", sim_codes(&sim));
            assert!(sim_events(&sim).count() < 1000, "{profile} {code}");
        }
    }
}

/// Times of 10^15 ms (about 31 700 years): either a scenario error naming the field, or a
/// simulation that ends (bounded events) with every time as given.
#[test]
fn a_time_of_ten_to_the_fifteen_ms_is_handled() {
    let doc = "<Response><Pause length=\"3600\"/><Dial timeout=\"600\" timeLimit=\"14400\"><Sip>sip:alice@example.com</Sip></Dial></Response>";
    for json in [
        r#"{"call": {"hangupAtMs": 1000000000000000}}"#,
        r#"{"endpoints": {"*": {"ringAtMs": 1000000000000000, "answerAtMs": 1000000000000000, "hangupAtMs": 1000000000000000}}}"#,
        r#"{"call": {"digits": [{"atMs": 1000000000000000, "digits": "*"}]}}"#,
        r#"{"http": {"*": {"status": 200, "body": "<Response/>", "delayMs": 1000000000000000}}}"#,
        r#"{"media": {"*": {"durationMs": 1000000000000000}}}"#,
        r#"{"endpoints": {"*": {"answerAtMs": 18446744073709551615}}}"#,
    ] {
        match Scenario::from_json(json) {
            Err(e) => assert!(!e.path.is_empty(), "{json}: {e}"),
            Ok(scenario) => {
                for profile in Profile::ALL {
                    let sim = simulate(doc, &scenario, &Options::with_profile(profile));
                    let value = serde_json::to_value(&sim).expect("serialises");
                    let events = value.get("events").and_then(|e| e.as_array()).map_or(0, Vec::len);
                    assert!(events < 100_000, "{json}: {events} events");
                }
            }
        }
    }
}

// --- Secrets at scale -----------------------------------------------------------------------

/// 20 000 distinct passwords, each also written in an unknown attribute that a diagnostic
/// names: none appears in the diagnostics or the code frames. (Masking is O(passwords ×
/// reported diagnostics); the report script measures it.)
#[test]
fn twenty_thousand_distinct_passwords_never_show() {
    let n = 20_000;
    let body: String = (0..n)
        .map(|i| {
            format!(
                "<Sip username=\"u\" password=\"pw{i:06}x\" bogus=\"pw{i:06}x\">sip:u{i}@example.com</Sip>"
            )
        })
        .collect();
    let doc = format!("<Response><Dial>{body}</Dial></Response>");
    let d = validate(&doc, &Options::default());
    assert_eq!(d.len(), Options::default().max_diagnostics + 1);
    let json = all_text(&d);
    assert!(json.contains("unknown attribute"), "the diagnostics are about the attributes");
    assert!(!json.contains("pw0"), "a password shows in the diagnostics");
    let out = cli(&["check", "many.xml"], &[("many.xml", doc.as_bytes())]);
    assert!(out.stdout.contains("bogus"), "the frames show the attributes");
    assert!(!out.stdout.contains("pw0"), "a password shows in the code frames");
}

/// The same in the simulator: 2000 dialled `<Sip>` nouns with their own passwords, every fork
/// answering a digest challenge; no password in the simulation.
#[test]
fn two_thousand_passwords_never_show_in_a_simulation() {
    let body: String = (0..2000)
        .map(|i| format!("<Sip username=\"u\" password=\"pw{i:06}x\">sip:u{i}@example.com</Sip>"))
        .collect();
    let doc = format!("<Response><Dial>{body}</Dial></Response>");
    let scenario = r#"{"endpoints": {"*": {"ringAtMs": 100, "answerAtMs": 1000, "hangupAtMs": 2000}}}"#;
    let sim = run_sim(&doc, scenario, Profile::RestcommConnect);
    let json = sim.to_string();
    assert!(sim_events(&sim).count() > 2000, "every fork is simulated");
    assert!(!json.contains("pw00"), "a password shows in the simulation");
}
