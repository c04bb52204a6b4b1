//! The command line as a function: exit statuses, usage errors and output shapes
//! (`contracts.md` §3). Documents come from an in-memory file system.

use rcml_sip::cli::{run, CliOutput, Files};
use std::collections::BTreeMap;

struct Memory(BTreeMap<&'static str, Vec<u8>>);

impl Files for Memory {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0.get(path).cloned().ok_or_else(|| "No such file or directory (os error 2)".to_owned())
    }
}

fn files(entries: &[(&'static str, &[u8])]) -> Memory {
    Memory(entries.iter().map(|(k, v)| (*k, v.to_vec())).collect())
}

fn cli(args: &[&str], fs: &Memory) -> CliOutput {
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    run(&args, fs)
}

const GOOD: &[u8] = b"<Response><Dial><Sip>sip:alice@example.com</Sip></Dial></Response>";

#[test]
fn help_and_version_exit_zero() {
    let fs = files(&[]);
    let help = cli(&["--help"], &fs);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("rcml-sip check"));
    let version = cli(&["--version"], &fs);
    assert_eq!(version.code, 0);
    assert_eq!(version.stdout, format!("rcml-sip {}\n", env!("CARGO_PKG_VERSION")));
}

/// Exit status 2 and exactly one line on stderr (contracts §3); `usage` says whether the line
/// points to `--help` (a mistake in the arguments) or not (a file or scenario that cannot be
/// used: the arguments were right).
fn assert_one_line_error(args: &[&str], fs: &Memory, needle: &str, usage: bool) {
    let out = cli(args, fs);
    assert_eq!(out.code, 2, "{args:?}");
    assert_eq!(out.stdout, "", "{args:?}");
    assert!(out.stderr.starts_with("rcml-sip: "), "{args:?}: {}", out.stderr);
    assert!(out.stderr.ends_with('\n'), "{args:?}: {:?}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{args:?}: one line: {:?}", out.stderr);
    assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    assert_eq!(out.stderr.contains("rcml-sip --help"), usage, "{args:?}: {}", out.stderr);
}

#[test]
fn usage_errors_exit_two_with_one_clear_line() {
    let fs = files(&[("a.xml", GOOD)]);
    for (args, needle) in [
        (&["frobnicate"][..], "unknown command `frobnicate`"),
        (&["check"][..], "needs at least one FILE"),
        (&["check", "--profile", "asterisk", "a.xml"][..], "unknown profile `asterisk`"),
        (&["check", "--format", "yaml", "a.xml"][..], "unknown format `yaml`"),
        (&["check", "--bogus", "a.xml"][..], "--bogus"),
        (&["uri"][..], "exactly one URI"),
        (&["simulate", "--scenario", "s.json"][..], "exactly one FILE"),
    ] {
        assert_one_line_error(args, &fs, needle, true);
    }
}

#[test]
fn unusable_inputs_exit_two_with_one_line_naming_the_file() {
    let fs = files(&[
        ("a.xml", GOOD),
        ("s.json", b"{}"),
        ("typo.json", br#"{"endpoints": {"*": {"answerAtMS": 1}}}"#),
        ("cut.json", b"{\"seed\": 1,\n \"x\": "),
        ("key.json", b"{\"call\": {\"a\\nb\": 1}}"),
    ]);
    for (args, needle) in [
        (&["check", "missing.xml"][..], "cannot read `missing.xml`"),
        (&["simulate", "a.xml", "--scenario", "nope.json"][..], "cannot read `nope.json`"),
        (&["simulate", "--scenario", "s.json", "missing.xml"][..], "cannot read `missing.xml`"),
        (
            &["simulate", "--scenario", "typo.json", "a.xml"][..],
            "typo.json: invalid scenario at `endpoints[\"*\"].answerAtMS`",
        ),
        (&["simulate", "--scenario", "cut.json", "a.xml"][..], "cut.json: invalid scenario"),
        // A line break inside a JSON key or a file name is escaped: still one line.
        (&["simulate", "--scenario", "key.json", "a.xml"][..], "key.json: invalid scenario"),
        (&["check", "new\nline.xml"][..], "cannot read `new\\nline.xml`"),
    ] {
        assert_one_line_error(args, &fs, needle, false);
    }
}

#[test]
fn invalid_utf8_is_a_usage_error_naming_the_offset() {
    let fs = files(&[("bad.xml", b"<Response>\xff</Response>")]);
    let out = cli(&["check", "bad.xml"], &fs);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not valid UTF-8 (invalid byte at offset 10)"), "{}", out.stderr);
}

#[test]
fn check_json_has_one_report_per_file() {
    let fs = files(&[("a.xml", GOOD), ("b.xml", GOOD)]);
    let out = cli(&["check", "--format", "json", "a.xml", "b.xml"], &fs);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let reports = value.as_array().expect("array");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["file"], "a.xml");
    assert!(reports[0]["diagnostics"].is_array());
}

#[test]
fn rules_json_lists_the_whole_registry() {
    let out = cli(&["rules", "--format", "json"], &files(&[]));
    assert_eq!(out.code, 0);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let codes: Vec<&str> =
        value.as_array().into_iter().flatten().filter_map(|r| r["code"].as_str()).collect();
    let registry: Vec<&str> = rcml_sip::rules().map(|r| r.code).collect();
    assert_eq!(codes, registry);
    let text = cli(&["rules"], &files(&[]));
    for code in registry {
        assert!(text.stdout.contains(code), "{code} missing from the text catalogue");
    }
}
