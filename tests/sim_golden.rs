//! Golden scenarios of the call simulator: every directory `tests/fixtures/sim/NAME/` holds
//! `document.xml`, `scenario.json` (contracts §4) and `notes.md`; it is simulated under each
//! profile and compared with `PROFILE.expected.json` (the Simulation, pretty-printed).
//! `BLESS=1 cargo test --test sim_golden` writes the expected files: review the diff.
//!
//! A missing expected file is a failure unless `BLESS=1`. The hand-written checks of each
//! `notes.md` (what profiles.md says must be true) are evaluated against the actual output
//! every time, blessed or not, so a wrong engine output cannot be blessed silently.
//! A line `Engine-wrong: PROFILE: reason` in `notes.md` records a known discrepancy: that
//! profile is neither compared nor blessed, and at least one of its checks must still fail
//! (when none does, the engine was fixed and the line must go).

#[path = "sim_golden/checks.rs"]
mod checks;
#[path = "sim_golden/diff.rs"]
mod diff;

use checks::{header_values, profiles_of, run_check};
use diff::diff;
use rcml_sip::cli::{run, Files};
use rcml_sip::sim::{simulate, Scenario};
use rcml_sip::{Options, Profile};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sim")
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

fn scenario_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.retain(|p| p.is_dir());
    dirs.sort();
    dirs
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn name_of(dir: &Path) -> String {
    dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned()
}

/// The serialized Simulation exactly as the expected files (and `simulate --format json`) hold it.
fn render(dir: &Path, profile: Profile) -> Result<String, String> {
    let scenario = Scenario::from_json(&read(&dir.join("scenario.json"))).map_err(|e| e.to_string())?;
    let simulation = simulate(&read(&dir.join("document.xml")), &scenario, &Options::with_profile(profile));
    let mut text = serde_json::to_string_pretty(&simulation).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

// ------------------------------------------------------------------------------------ notes.md

#[derive(Default)]
struct Notes {
    /// The first paragraph: what the scenario shows.
    title: String,
    checks: Vec<String>,
    covers: Vec<(String, Vec<Profile>)>,
    wrong: BTreeMap<Profile, String>,
}

fn notes(dir: &Path) -> Notes {
    let mut notes = Notes::default();
    let mut in_checks = false;
    let mut in_title = None;
    for line in read(&dir.join("notes.md")).lines() {
        match (in_title, line.trim()) {
            (None, text) if !text.is_empty() && !text.starts_with('#') => {
                notes.title = text.to_owned();
                in_title = Some(true);
            }
            (Some(true), "") => in_title = Some(false),
            (Some(true), text) => {
                notes.title.push(' ');
                notes.title.push_str(text);
            }
            _ => {}
        }
        if line.starts_with("## ") {
            in_checks = line.trim() == "## Checks";
        } else if let Some(rest) = line.strip_prefix("Covers:") {
            for item in rest.split_whitespace() {
                let (row, profiles) = match item.split_once('[') {
                    Some((row, list)) => (row, profiles_of(list.trim_end_matches(']'))),
                    None => (item, Profile::ALL.to_vec()),
                };
                notes.covers.push((row.to_owned(), profiles));
            }
        } else if let Some(rest) = line.strip_prefix("Engine-wrong:") {
            if let Some((profile, reason)) = rest.split_once(':') {
                for p in profiles_of(profile) {
                    notes.wrong.insert(p, reason.trim().to_owned());
                }
            }
        } else if in_checks {
            if let Some(check) = line.strip_prefix("- `").and_then(|l| l.strip_suffix('`')) {
                notes.checks.push(check.to_owned());
            }
        }
    }
    notes
}

// ------------------------------------------------------------------------------------ tests

#[test]
fn golden_scenarios_match_their_expected_simulations_and_checks() {
    let dirs = scenario_dirs();
    assert!(dirs.len() >= 34, "the scenario directory looks incomplete: {} scenarios", dirs.len());
    let mut failures = Vec::new();
    let mut known_wrong = Vec::new();
    for dir in &dirs {
        let name = name_of(dir);
        let notes = notes(dir);
        if notes.checks.is_empty() {
            failures.push(format!("{name}: notes.md has no checks (what must be true?)"));
        }
        for profile in Profile::ALL {
            let actual = match render(dir, profile) {
                Ok(text) => text,
                Err(e) => {
                    failures.push(format!("{name}: {e}"));
                    continue;
                }
            };
            let sim: Value = serde_json::from_str(&actual).unwrap_or(Value::Null);
            let failed: Vec<String> = notes
                .checks
                .iter()
                .filter_map(|c| run_check(c, profile, &sim, &actual))
                .filter_map(Result::err)
                .collect();
            if let Some(reason) = notes.wrong.get(&profile) {
                if failed.is_empty() {
                    failures.push(format!(
                        "{name} [{profile}]: marked Engine-wrong ({reason}) but every check passes: \
                         remove the Engine-wrong line and bless"
                    ));
                } else {
                    known_wrong
                        .push(format!("{name} [{profile}]: {reason} ({} failing checks)", failed.len()));
                }
                continue;
            }
            for f in &failed {
                failures.push(format!("{name} [{profile}] check failed: {f}"));
            }
            let path = dir.join(format!("{profile}.expected.json"));
            let expected = std::fs::read_to_string(&path).ok();
            if expected.as_deref() == Some(actual.as_str()) {
                continue;
            }
            if bless() && failed.is_empty() {
                let _ = std::fs::write(&path, &actual);
            } else if bless() {
                failures.push(format!("{name} [{profile}]: not blessed, its checks fail"));
            } else {
                match expected {
                    None => failures.push(format!("{name} [{profile}]: missing {}", path.display())),
                    Some(expected) => failures.push(format!(
                        "{name} [{profile}]: output differs from {}\n{}",
                        path.display(),
                        diff(&expected, &actual)
                    )),
                }
            }
        }
    }
    if !known_wrong.is_empty() {
        eprintln!(
            "\n!!! {} scenario/profile pairs are KNOWN WRONG in the engine (not compared, not blessed):\n  {}\n",
            known_wrong.len(),
            known_wrong.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} problems (BLESS=1 rewrites outputs whose checks pass):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every served document kept beside a scenario (`served-*.xml`, for reading) is exactly the
/// body the scenario's `http` map serves, so the two never drift apart.
#[test]
fn served_documents_are_the_scenario_bodies() {
    for dir in scenario_dirs() {
        let scenario: Value = serde_json::from_str(&read(&dir.join("scenario.json"))).unwrap_or(Value::Null);
        let bodies: Vec<&str> = scenario
            .get("http")
            .and_then(Value::as_object)
            .map(|m| m.values().filter_map(|r| r.get("body").and_then(Value::as_str)).collect())
            .unwrap_or_default();
        let served =
            std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect::<Vec<_>>());
        for file in served.unwrap_or_default() {
            let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if file_name.starts_with("served-") {
                let text = read(&file);
                assert!(
                    bodies.contains(&text.trim_end_matches('\n')),
                    "{}: {file_name} is not a body of scenario.json",
                    name_of(&dir)
                );
            }
        }
    }
}

/// Every documentation example (`examples/seed-*.xml`) is the `document.xml` of a scenario.
#[test]
fn every_seed_example_is_simulated() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let documents: Vec<String> = scenario_dirs().iter().map(|d| read(&d.join("document.xml"))).collect();
    let mut seeds = 0;
    for entry in std::fs::read_dir(examples).into_iter().flatten().filter_map(Result::ok) {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.starts_with("seed-") && name.ends_with(".xml") {
            seeds += 1;
            assert!(documents.contains(&read(&path)), "no scenario runs examples/{name} verbatim");
        }
    }
    assert_eq!(seeds, 7, "the Sip noun documentation has 7 examples");
}

const S_ROWS: [&str; 21] = [
    "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S8b", "S9", "S10", "S11", "S12", "S13", "S14", "S15",
    "S16", "S17", "S18", "S19", "S20",
];

/// `COVERAGE.md`'s table (between its markers) is generated from the `Covers:` lines and
/// must cover every S-row under every profile, except pairs recorded as Engine-wrong.
#[test]
fn coverage_table_is_current_and_complete() {
    let mut table: BTreeMap<(&str, Profile), Vec<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut index = String::from("\nThe scenarios (first paragraph of each `notes.md`):\n\n");
    for dir in scenario_dirs() {
        let name = name_of(&dir);
        let notes = notes(&dir);
        let _ = writeln!(index, "- `{name}`: {}", notes.title);
        for (row, profiles) in &notes.covers {
            let row = S_ROWS.iter().find(|r| *r == row).copied();
            let row = row.unwrap_or_else(|| panic!("{name}: unknown row in Covers"));
            for p in profiles {
                if !notes.wrong.contains_key(p) {
                    table.entry((row, *p)).or_default().push(name.clone());
                }
            }
        }
        for (p, reason) in &notes.wrong {
            wrong.push(format!("| {name} | {p} | {reason} |"));
        }
    }
    let mut generated = String::from("| row | restcomm | restcomm-connect | twilio |\n|---|---|---|---|\n");
    let mut missing = Vec::new();
    for row in S_ROWS {
        let cells: Vec<String> = Profile::ALL
            .iter()
            .map(|p| {
                let names = table.get(&(row, *p)).cloned().unwrap_or_default();
                if names.is_empty() {
                    missing.push(format!("{row} under {p}"));
                    "**none**".to_owned()
                } else {
                    names.join(", ")
                }
            })
            .collect();
        let _ = writeln!(generated, "| {row} | {} |", cells.join(" | "));
    }
    generated.push_str("\nKnown engine discrepancies (`Engine-wrong:` lines):\n\n");
    if wrong.is_empty() {
        generated.push_str("none\n");
    } else {
        generated.push_str("| scenario | profile | what is wrong |\n|---|---|---|\n");
        for w in &wrong {
            generated.push_str(w);
            generated.push('\n');
        }
    }
    generated.push_str(&index);
    let path = root().join("COVERAGE.md");
    let current = read(&path);
    let (begin, end) = ("<!-- coverage:begin -->\n", "<!-- coverage:end -->");
    let (Some(b), Some(e)) = (current.find(begin), current.find(end)) else {
        panic!("COVERAGE.md needs the markers {begin:?} and {end:?}");
    };
    let inner = &current[b + begin.len()..e];
    if inner != generated {
        if bless() {
            let updated = format!("{}{generated}{}", &current[..b + begin.len()], &current[e..]);
            let _ = std::fs::write(&path, updated);
        } else {
            panic!(
                "COVERAGE.md's table is out of date (BLESS=1 regenerates it):\n{}",
                diff(inner, &generated)
            );
        }
    }
    assert!(missing.is_empty(), "S-rows without a scenario: {}", missing.join(", "));
}

struct Disk;

impl Files for Disk {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| e.to_string())
    }
}

/// `rcml-sip simulate --format json` prints the expected file, byte for byte.
#[test]
fn the_command_line_prints_the_same_bytes() {
    let dir = root().join("fork-2-first-200-wins");
    for profile in Profile::ALL {
        let expected = read(&dir.join(format!("{profile}.expected.json")));
        let args: Vec<String> = [
            "simulate",
            "--profile",
            profile.as_str(),
            "--format",
            "json",
            "--scenario",
            &dir.join("scenario.json").to_string_lossy(),
            &dir.join("document.xml").to_string_lossy(),
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let out = run(&args, &Disk);
        assert_eq!(out.stderr, "", "{profile}");
        assert!(!expected.is_empty(), "{profile}: the expected file is missing");
        assert!(out.stdout == expected, "{profile}: CLI output differs:\n{}", diff(&expected, &out.stdout));
    }
}

// ---------------------------------------------------------------------- scenario errors

fn scenario_error(json: &str) -> (String, String) {
    match Scenario::from_json(json) {
        Ok(_) => panic!("accepted an invalid scenario: {json}"),
        Err(e) => (e.path.clone(), e.to_string()),
    }
}

#[test]
fn scenario_errors_name_the_json_path() {
    for (json, path, needle) in [
        (r#"{"sede": 1}"#, "sede", "sede"),
        (r#"{"seed": "one"}"#, "seed", ""),
        (r#"{"start": 5}"#, "start", ""),
        (r#"{"call": {"hangupAt": 5}}"#, "call.hangupAt", "hangupAt"),
        (r#"{"call": {"hangupAtMs": "soon"}}"#, "call.hangupAtMs", ""),
        (r#"{"call": {"digits": [{"atMs": 1, "digits": "1"}, {"atms": 2}]}}"#, "call.digits[1].atms", "atms"),
        (
            r#"{"endpoints": {"sip:alice@example.com": {"answerAtMs": "soon"}}}"#,
            r#"endpoints["sip:alice@example.com"].answerAtMs"#,
            "",
        ),
        (
            r#"{"endpoints": {"*": {"auth": {"status": 407, "relm": "x"}}}}"#,
            r#"endpoints["*"].auth.relm"#,
            "relm",
        ),
        (
            r#"{"endpoints": {"x": {"script": [{"atMs": 0, "status": 180, "header": {}}]}}}"#,
            r#"endpoints["x"].script[0].header"#,
            "header",
        ),
        (r#"{"endpoints": {"x": {"headers": {"X-A": 1}}}}"#, r#"endpoints["x"].headers["X-A"]"#, ""),
        (r#"{"http": {"*": {"status": "200"}}}"#, r#"http["*"].status"#, ""),
        (r#"{"http": {"http://a.test/": {"delay": 5}}}"#, r#"http["http://a.test/"].delay"#, "delay"),
        (r#"{"media": {"u": {"durationMs": -1}}}"#, r#"media["u"].durationMs"#, ""),
    ] {
        let (actual_path, message) = scenario_error(json);
        assert_eq!(actual_path, path, "{json}: {message}");
        assert!(message.contains(path), "{json}: the message names the path: {message}");
        assert!(message.contains(needle), "{json}: the message names the key: {message}");
    }
}

#[test]
fn malformed_json_is_an_error_not_a_panic() {
    for json in ["", "{", "[]", "null", "{\"seed\": 1,}", "\u{0}"] {
        assert!(Scenario::from_json(json).is_err(), "{json:?} was accepted");
    }
}

#[test]
fn the_contract_example_scenario_is_accepted() {
    let json = r#"{ "seed": 1, "start": "2026-11-29T09:00:00Z", "documentUrl": "http://app.test/rcml",
      "call": { "from": "bob", "to": "+15550001111", "hangupAtMs": null,
                "digits": [ { "atMs": 5000, "digits": "*" } ] },
      "endpoints": {
        "sip:alice@127.0.0.1:5080": { "ringAtMs": 1000, "answerAtMs": 3000, "rejectAtMs": null,
          "rejectStatus": 486, "hangupAtMs": 13000, "headers": { "X-Room": "12" },
          "auth": { "status": 407, "realm": "example.com", "username": "alice", "password": "secret",
                    "challengeAtMs": 0, "challenges": 1 } },
        "sip:bob@example.com": { "script": [ {"atMs": 0, "status": 100}, {"atMs": 500, "status": 183},
          {"atMs": 3000, "status": 200, "headers": {"X-A": "1"}} ], "hangupAtMs": 9000 },
        "*": { "ringAtMs": 100 } },
      "http": { "http://app.test/screen": { "status": 200, "contentType": "text/xml",
                                            "body": "<Response/>", "delayMs": 0 },
                "*": { "status": 200, "body": "<Response/>" } },
      "media": { "http://app.test/hold.mp3": { "durationMs": 12000 } } }"#;
    assert!(Scenario::from_json(json).is_ok(), "{:?}", Scenario::from_json(json).err());
    assert!(Scenario::from_json("{}").is_ok());
}

/// A bad scenario on the command line: exit 2 and one line naming the file and the path.
#[test]
fn the_command_line_reports_scenario_paths() {
    struct Memory;
    impl Files for Memory {
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            match path {
                "a.xml" => Ok(b"<Response/>".to_vec()),
                "s.json" => Ok(br#"{"call": {"form": "bob"}}"#.to_vec()),
                _ => Err("No such file or directory (os error 2)".to_owned()),
            }
        }
    }
    let args: Vec<String> =
        ["simulate", "--scenario", "s.json", "a.xml"].iter().map(|s| (*s).to_owned()).collect();
    let out = run(&args, &Memory);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("s.json") && out.stderr.contains("call.form"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "one line says it all (contracts §3): {}", out.stderr);
}

/// Every golden output, whatever its scenario: `seq` counts 0, 1, 2…, `atMs` never goes back,
/// every INVITE gets a final response, every Dial executed (outside screening documents) has an
/// outcome entry, and no
/// `password` of the document or the scenario appears anywhere.
#[test]
fn golden_outputs_keep_the_invariants() {
    let mut problems = Vec::new();
    for dir in scenario_dirs() {
        let name = name_of(&dir);
        let scenario: Value = serde_json::from_str(&read(&dir.join("scenario.json"))).unwrap_or(Value::Null);
        let document = read(&dir.join("document.xml"));
        let mut passwords: Vec<String> = document
            .split("password=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_owned))
            .collect();
        for endpoint in
            scenario.get("endpoints").and_then(Value::as_object).into_iter().flat_map(|m| m.values())
        {
            if let Some(p) = endpoint.pointer("/auth/password").and_then(Value::as_str) {
                passwords.push(p.to_owned());
            }
        }
        for profile in Profile::ALL {
            let Ok(text) = render(&dir, profile) else { continue };
            let sim: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let events = sim.get("events").and_then(Value::as_array).cloned().unwrap_or_default();
            let mut at = 0;
            let mut pending = BTreeMap::new();
            for (i, e) in events.iter().enumerate() {
                let seq = e.get("seq").and_then(Value::as_u64);
                let ms = e.get("atMs").and_then(Value::as_u64).unwrap_or_default();
                if seq != Some(i as u64) {
                    problems.push(format!("{name} [{profile}]: event {i} has seq {seq:?}"));
                }
                if ms < at {
                    problems.push(format!("{name} [{profile}]: atMs goes back at seq {i}"));
                }
                at = ms;
                if e.get("kind").and_then(Value::as_str) != Some("sip") {
                    continue;
                }
                let line = e.get("firstLine").and_then(Value::as_str).unwrap_or_default();
                let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
                let cseq = header_values(message, "CSeq").first().copied().unwrap_or_default().to_owned();
                let key = (e.get("leg").and_then(Value::as_str).unwrap_or_default().to_owned(), cseq.clone());
                if line.starts_with("INVITE ") {
                    pending.insert(key, i);
                } else if line.starts_with("SIP/2.0 ")
                    && cseq.ends_with(" INVITE")
                    && line
                        .split_whitespace()
                        .nth(1)
                        .and_then(|c| c.parse::<u16>().ok())
                        .is_some_and(|c| c >= 200)
                {
                    pending.remove(&key);
                }
            }
            if !pending.is_empty() {
                problems.push(format!("{name} [{profile}]: INVITEs without a final response: {pending:?}"));
            }
            // A `<Dial>` met in a screening document is refused (V26), not executed.
            let screening: Vec<&str> = events
                .iter()
                .filter(|e| e.get("purpose").and_then(Value::as_str) == Some("screening"))
                .filter_map(|e| e.get("url").and_then(Value::as_str))
                .collect();
            let dials = events
                .iter()
                .filter(|e| e.get("verb").and_then(Value::as_str) == Some("Dial"))
                .filter(|e| {
                    let document = e.get("document").and_then(Value::as_str).unwrap_or_default();
                    !screening.iter().any(|url| url.starts_with(document))
                })
                .count();
            let outcomes = sim.pointer("/outcome/dials").and_then(Value::as_array).map_or(0, Vec::len);
            if dials != outcomes {
                problems.push(format!("{name} [{profile}]: {dials} Dial verbs but {outcomes} outcome.dials"));
            }
            for p in &passwords {
                if text.contains(p.as_str()) {
                    problems.push(format!("{name} [{profile}]: a password appears in the output"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// For every scenario and profile, `simulate` in both formats: exit 1 exactly when the run has
/// an error diagnostic (contracts §5), a non-empty text timeline, nothing on stderr, and no
/// password in either output.
#[test]
fn the_command_line_runs_every_scenario_in_both_formats() {
    for dir in scenario_dirs() {
        let name = name_of(&dir);
        let (scenario, document) = (dir.join("scenario.json"), dir.join("document.xml"));
        for profile in Profile::ALL {
            let run_as = |format: &str| {
                let args: Vec<String> = [
                    "simulate",
                    "--profile",
                    profile.as_str(),
                    "--format",
                    format,
                    "--scenario",
                    &scenario.to_string_lossy(),
                    &document.to_string_lossy(),
                ]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
                run(&args, &Disk)
            };
            let json = run_as("json");
            let text = run_as("text");
            let sim: Value = serde_json::from_str(&json.stdout).unwrap_or(Value::Null);
            let errors = sim.get("diagnostics").and_then(Value::as_array).is_some_and(|d| {
                d.iter().any(|d| d.get("severity").and_then(Value::as_str) == Some("error"))
            });
            assert_eq!(json.code, i32::from(errors), "{name} [{profile}] json exit status");
            assert_eq!(text.code, json.code, "{name} [{profile}] text exit status");
            assert!(json.stderr.is_empty() && text.stderr.is_empty(), "{name} [{profile}]: {}", text.stderr);
            assert!(text.stdout.lines().count() > 1, "{name} [{profile}]: empty timeline");
            // The outputs name the document by its path, which may hold any word (a checkout
            // under `.../httpsecrets/` holds "secret"): only the rest is searched.
            let path = document.to_string_lossy();
            let (json_out, text_out) =
                (json.stdout.replace(&*path, "DOCUMENT"), text.stdout.replace(&*path, "DOCUMENT"));
            for secret in ["secret", "s3cr3t-401", "wrong-pass", "right-pass", "pw-2x", "nope"] {
                let leaked = json_out.contains(secret) || text_out.contains(secret);
                assert!(
                    !leaked || !read(&dir.join("scenario.json")).contains(secret),
                    "{name} [{profile}]: `{secret}` leaked"
                );
            }
        }
    }
}

/// `sim_wasm_golden.rs` (the same goldens inside WebAssembly) lists every scenario that has all
/// three expected files (no `Engine-wrong:` line); `BLESS=1` rewrites the list.
#[test]
fn the_wasm_golden_list_is_complete() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sim_wasm_golden.rs");
    let source = read(&path);
    let wanted: String = scenario_dirs()
        .iter()
        .filter(|dir| notes(dir).wrong.is_empty())
        .map(|dir| format!("        golden!(\"{}\"),\n", name_of(dir)))
        .collect();
    let (begin, end) = ("    vec![\n", "    ]\n}\n");
    let start = source.find(begin).map(|i| i + begin.len());
    let stop = start.and_then(|s| source[s..].find(end).map(|i| s + i));
    let (Some(start), Some(stop)) = (start, stop) else { panic!("no `vec![` list in {}", path.display()) };
    if source[start..stop] == wanted {
        return;
    }
    if bless() {
        let _ = std::fs::write(&path, format!("{}{wanted}{}", &source[..start], &source[stop..]));
    } else {
        panic!(
            "sim_wasm_golden.rs does not list exactly the complete scenarios (BLESS=1 rewrites it):\n{}",
            diff(&source[start..stop], &wanted)
        );
    }
}
