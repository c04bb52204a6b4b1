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

#[test]
fn usage_errors_exit_two_with_one_clear_line() {
    let fs = files(&[("a.xml", GOOD)]);
    for (args, needle) in [
        (&["frobnicate"][..], "unknown command `frobnicate`"),
        (&["check"][..], "needs at least one FILE"),
        (&["check", "--profile", "asterisk", "a.xml"][..], "unknown profile `asterisk`"),
        (&["check", "--format", "yaml", "a.xml"][..], "unknown format `yaml`"),
        (&["check", "missing.xml"][..], "cannot read `missing.xml`"),
        (&["uri"][..], "exactly one URI"),
        (&["simulate", "a.xml", "--scenario", "nope.json"][..], "cannot read `nope.json`"),
    ] {
        let out = cli(args, &fs);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with("rcml-sip: "), "{args:?}");
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
