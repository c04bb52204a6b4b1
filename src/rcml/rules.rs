//! The `rcml/*` codes.

use crate::diagnostics::Rule;

pub static RULES: &[&Rule] = &[];
