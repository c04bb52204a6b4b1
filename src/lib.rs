//! # rcml-sip
//!
//! A validator and deterministic call simulator for RCML documents (Restcomm's TwiML-style
//! call-control XML), with deep knowledge of `<Dial><Sip>`, SIP URIs, custom headers and
//! transport, under three behaviour profiles (`restcomm`, `restcomm-connect`, `twilio`).
//!
//! ```
//! use rcml_sip::{validate, Options, Profile};
//!
//! let doc = "<Response><Dial><Sip>sip:alice@example.com;transport=tls</Sip></Dial></Response>";
//! let diagnostics = validate(doc, &Options::default());
//! for d in &diagnostics {
//!     println!("{}:{} {} {}", d.range.start.line, d.range.start.column, d.code, d.message);
//! }
//! # let _ = Profile::Twilio;
//! ```
//!
//! The core is plain Rust: the command line (`src/main.rs`) and the WebAssembly bindings
//! (`src/wasm/`, feature `wasm`) are thin faces over the functions of this module.

pub mod cli;
pub mod diagnostics;
pub mod profile;
pub mod rcml;
pub mod secrets;
pub mod sim;
pub mod sip_uri;
mod sort;
pub mod text;
pub mod xml;

/// Public so that `tests/wasm.rs` can call the exports; JavaScript users see the npm package.
#[cfg(feature = "wasm")]
#[doc(hidden)]
pub mod wasm;

pub use diagnostics::{Diagnostic, Diagnostics, Rule, Severity};
pub use profile::{PerProfile, Profile, UnknownProfile};
pub use text::{LineIndex, TextRange};

/// Options shared by [`validate`] and the simulator.
#[derive(Clone, Debug)]
pub struct Options {
    pub profile: Profile,
    /// Documents larger than this are not parsed (one `limits/input-too-large` diagnostic).
    pub max_input_bytes: usize,
    /// At most this many diagnostics are reported (then one `limits/too-many-diagnostics`).
    pub max_diagnostics: usize,
}

/// 10 MB: far above any real RCML document, low enough that a tab never freezes.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Self {
            profile: Profile::default(),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_diagnostics: diagnostics::DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

impl Options {
    pub fn with_profile(profile: Profile) -> Self {
        Self { profile, ..Self::default() }
    }
}

/// Every problem of an RCML document, in source order, with byte offsets and 1-based
/// lines and byte columns. Never panics, whatever the input.
pub fn validate(source: &str, options: &Options) -> Vec<Diagnostic> {
    let mut diagnostics = Diagnostics::with_limit(options.profile, options.max_diagnostics);
    if source.len() > options.max_input_bytes {
        diagnostics.report(
            &diagnostics::registry::INPUT_TOO_LARGE,
            TextRange::empty(0),
            format!(
                "document is {} bytes, over the limit of {} bytes; it was not checked",
                source.len(),
                options.max_input_bytes
            ),
        );
        let mut out = diagnostics.into_sorted();
        diagnostics::locate(&mut out, &LineIndex::new(source));
        return out;
    }
    let document = xml::parse(source, &mut diagnostics);
    rcml::check(source, &document, &mut diagnostics);
    let mut out = diagnostics.into_sorted();
    // A clean document (the common case while typing) has nothing to scrub or locate: no
    // secret collection, no line index.
    if !out.is_empty() {
        let secrets = secrets::Secrets::of(&document);
        let masker = secrets.masker();
        for d in &mut out {
            masker.scrub_diagnostic(d);
        }
        diagnostics::locate(&mut out, &LineIndex::new(source));
    }
    out
}

/// Parses one SIP URI (leading and trailing whitespace trimmed first, as RCML does) and
/// reports the RFC verdict and every diagnostic, located in `input`.
pub fn parse_sip_uri(input: &str, profile: Profile) -> sip_uri::ParsedSipUri {
    let trimmed = input.trim_matches(|c: char| c.is_ascii_whitespace());
    let lead = text::to_u32(input.len() - input.trim_start_matches(|c: char| c.is_ascii_whitespace()).len());
    let mut parsed = sip_uri::parse(trimmed, profile);
    for d in &mut parsed.diagnostics {
        d.shift(lead);
    }
    if !parsed.diagnostics.is_empty() {
        diagnostics::locate(&mut parsed.diagnostics, &LineIndex::new(input));
    }
    parsed
}

/// The rule catalogue: every diagnostic code, in catalogue order.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    diagnostics::all_rules()
}
