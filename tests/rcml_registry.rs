//! The registry's examples are honest: for every rule of the whole registry with a `wrong`
//! example, validating `wrong` reports the rule's code under at least one profile where the
//! rule is not silent, and validating `right` never reports it (under any profile).

use rcml_sip::{rules, validate, Options, Profile};

#[test]
fn every_wrong_example_triggers_its_code_and_no_right_example_does() {
    let mut problems = Vec::new();
    for rule in rules() {
        if rule.wrong.is_empty() {
            continue;
        }
        let loud: Vec<Profile> =
            Profile::ALL.into_iter().filter(|p| rule.severity.get(*p).is_some()).collect();
        let triggered = loud
            .iter()
            .any(|p| validate(rule.wrong, &Options::with_profile(*p)).iter().any(|d| d.code == rule.code));
        if !triggered {
            problems.push(format!("{}: `wrong` does not report it under {loud:?}", rule.code));
        }
        for profile in Profile::ALL {
            let found = validate(rule.right, &Options::with_profile(profile));
            if let Some(d) = found.iter().find(|d| d.code == rule.code) {
                problems.push(format!("{}: `right` reports it under {profile}: {}", rule.code, d.message));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn rules_with_examples_have_both() {
    for rule in rules() {
        assert_eq!(
            rule.wrong.is_empty(),
            rule.right.is_empty(),
            "{}: give both examples or neither",
            rule.code
        );
    }
}
