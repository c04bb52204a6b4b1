//! The `sip-uri/*` codes.

use crate::diagnostics::Rule;

pub static RULES: &[&Rule] = &[];
