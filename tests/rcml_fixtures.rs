//! Golden fixtures of the RCML validator: every `tests/fixtures/rcml/NAME.xml` is validated
//! under each profile and compared with `NAME.PROFILE.expected` (one line per diagnostic:
//! `line:col-line:col severity code message`, then its fixes and profile note indented).
//! `BLESS=1 cargo test --test rcml_fixtures` rewrites the expected files: review the diff.
//!
//! Fixtures named `screening-*.xml` are checked as call-screening documents (V26).

use rcml_sip::diagnostics::{locate, Diagnostic, Diagnostics};
use rcml_sip::{rcml, validate, xml, LineIndex, Options, Profile};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rcml")
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "xml"));
    files.sort();
    files
}

fn diagnose(name: &str, source: &str, profile: Profile) -> Vec<Diagnostic> {
    if !name.starts_with("screening-") {
        return validate(source, &Options::with_profile(profile));
    }
    let mut diagnostics = Diagnostics::new(profile);
    let document = xml::parse(source, &mut diagnostics);
    rcml::check_screening(source, &document, &mut diagnostics);
    let mut out = diagnostics.into_sorted();
    locate(&mut out, &LineIndex::new(source));
    out
}

fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (s, e) = (d.range.start, d.range.end);
        let _ = writeln!(
            out,
            "{}:{}-{}:{} {} {} {}",
            s.line,
            s.column,
            e.line,
            e.column,
            d.severity.as_str(),
            d.code,
            d.message
        );
        for fix in &d.fixes {
            let edits: Vec<String> =
                fix.edits.iter().map(|e| format!("{}..{} {:?}", e.start, e.end, e.text)).collect();
            let _ = writeln!(out, "    fix: {}: {}", fix.title, edits.join(", "));
        }
        if let Some(note) = &d.profile_note {
            let _ = writeln!(out, "    note: {note}");
        }
    }
    out
}

fn expected_path(xml: &Path, profile: Profile) -> PathBuf {
    let stem = xml.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    xml.with_file_name(format!("{stem}.{profile}.expected"))
}

#[test]
fn fixtures_match_their_expected_diagnostics() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let files = fixtures();
    assert!(files.len() >= 40, "the fixture directory looks incomplete: {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let source = std::fs::read_to_string(file).unwrap_or_default();
        for profile in Profile::ALL {
            let actual = render(&diagnose(&name, &source, profile));
            let path = expected_path(file, profile);
            let expected = std::fs::read_to_string(&path).ok();
            if expected.as_deref() == Some(actual.as_str()) {
                continue;
            }
            if bless {
                let _ = std::fs::write(&path, &actual);
            } else {
                failures.push(format!(
                    "--- {}\n{}\n+++ actual\n{actual}",
                    path.display(),
                    expected.unwrap_or_else(|| "(missing)".into())
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture outputs differ (BLESS=1 rewrites):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every `rcml/*` code is triggered by some fixture under every profile where it is not
/// silent, and some fixture (under that profile) does not trigger it.
#[test]
fn fixtures_cover_every_rcml_code_under_every_profile() {
    let mut seen: BTreeMap<(String, Profile), (usize, usize)> = BTreeMap::new();
    let files = fixtures();
    for file in &files {
        let name = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let source = std::fs::read_to_string(file).unwrap_or_default();
        for profile in Profile::ALL {
            let diagnostics = diagnose(&name, &source, profile);
            for rule in rcml::rules::RULES {
                let entry = seen.entry((rule.code.to_owned(), profile)).or_default();
                if diagnostics.iter().any(|d| d.code == rule.code) {
                    entry.0 += 1;
                } else {
                    entry.1 += 1;
                }
            }
        }
    }
    let mut missing = Vec::new();
    for rule in rcml::rules::RULES {
        for profile in Profile::ALL {
            let (hits, misses) = seen.get(&(rule.code.to_owned(), profile)).copied().unwrap_or_default();
            if rule.severity.get(profile).is_some() && hits == 0 {
                missing.push(format!("{} never triggered under {profile}", rule.code));
            }
            if misses == 0 {
                missing.push(format!("{} triggered by every fixture under {profile}", rule.code));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The `seed-*` fixtures are the documentation's examples of `examples/`, byte for byte.
#[test]
fn seed_fixtures_are_the_examples_verbatim() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let seeds: Vec<PathBuf> = fixtures()
        .into_iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("seed-")))
        .collect();
    assert_eq!(seeds.len(), 7, "the Sip noun documentation has 7 examples");
    for seed in seeds {
        let name = seed.file_name().unwrap_or_default();
        let fixture = std::fs::read(&seed).unwrap_or_default();
        let example = std::fs::read(examples.join(name)).unwrap_or_default();
        assert_eq!(fixture, example, "{} differs from examples/", seed.display());
    }
}

/// `SEED_OUTCOMES.md` says which documentation example is valid (no error) under which
/// profile; its verdicts must be what the validator says.
#[test]
fn the_seed_outcome_table_is_true() {
    let table = std::fs::read_to_string(fixture_dir().join("SEED_OUTCOMES.md")).unwrap_or_default();
    let mut rows = 0;
    for line in table.lines().filter(|l| l.starts_with("| `seed-")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let file = cells.get(1).and_then(|c| c.split('`').nth(1)).unwrap_or_default();
        let source = std::fs::read_to_string(fixture_dir().join(file)).unwrap_or_default();
        assert!(!source.is_empty(), "{file}: no such fixture");
        for (i, profile) in Profile::ALL.into_iter().enumerate() {
            let claimed = cells.get(2 + i).and_then(|c| c.split_whitespace().next()).unwrap_or_default();
            let errors =
                diagnose(file, &source, profile).iter().any(|d| d.severity == rcml_sip::Severity::Error);
            let actual = if errors { "invalid" } else { "valid" };
            assert_eq!(claimed, actual, "{file} under {profile}");
        }
        rows += 1;
    }
    assert_eq!(rows, 7, "one row per documentation example");
}
