//! The one registry of diagnostic codes.
//!
//! Each area keeps its rules beside the code that emits them (`xml::rules`, `sip_uri::rules`,
//! `rcml::rules`, `sim::rules`); this module joins them into one catalogue, in which every code
//! is unique. The rule catalogue (`rcml-sip rules`, the README table, the playground's links)
//! and the registry tests read it.

use super::{docs, Rule, Severity};
use crate::profile::PerProfile;

/// Reported once when a document produces more diagnostics than the cap.
pub static TOO_MANY_DIAGNOSTICS: Rule = Rule {
    code: "limits/too-many-diagnostics",
    summary: "more diagnostics than the limit; the rest are not reported",
    severity: PerProfile::all(Some(Severity::Info)),
    explanation: docs!(
        "A document with thousands of problems is usually not an RCML document at all. \
        Reporting stops at the limit so that an editor stays responsive; fix the first problems \
        and the rest are reported again."
    ),
    wrong: "",
    right: "",
    row: None,
};

/// A document over the configured size limit (default 10 MB) is not parsed at all.
pub static INPUT_TOO_LARGE: Rule = Rule {
    code: "limits/input-too-large",
    summary: "the document is larger than the input limit and was not checked",
    severity: PerProfile::all(Some(Severity::Error)),
    explanation: docs!(
        "Parsing is linear, but a document of tens of megabytes is not an RCML document \
        a platform would accept; refusing it up front keeps editors and CI jobs responsive. \
        The limit is configurable (`Options::max_input_bytes`)."
    ),
    wrong: "",
    right: "",
    row: None,
};

static OWN_RULES: &[&Rule] = &[&TOO_MANY_DIAGNOSTICS, &INPUT_TOO_LARGE];

/// The rule tables of every area, in catalogue order.
fn areas() -> [&'static [&'static Rule]; 5] {
    [
        crate::xml::rules::RULES,
        crate::rcml::rules::RULES,
        crate::sip_uri::rules::RULES,
        crate::sim::rules::RULES,
        OWN_RULES,
    ]
}

/// Every rule, in catalogue order.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    areas().into_iter().flat_map(|area| area.iter().copied())
}

/// The rule with this code, if any.
pub fn lookup_rule(code: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = BTreeSet::new();
        for rule in all_rules() {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            let (area, name) = rule.code.split_once('/').unwrap_or(("", ""));
            assert!(
                ["xml", "rcml", "sip-uri", "sim", "limits"].contains(&area),
                "{}: unknown area",
                rule.code
            );
            assert!(
                !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}: name must be kebab-case",
                rule.code
            );
            assert!(!rule.summary.is_empty() && !rule.summary.ends_with('.'), "{}: summary", rule.code);
            assert_eq!(
                rule.explanation.is_empty(),
                !cfg!(feature = "rule-docs"),
                "{}: explanation",
                rule.code
            );
        }
    }
}
