//! The deterministic call simulator: a discrete-event engine with a virtual clock.

pub mod rules;
