//! SIP URIs (RFC 3261 §19.1 and §25, with RFC 5954's address rules), with the span of every
//! component, plus the platform layer (length budgets, transport, `X-` header names) on top of
//! the RFC verdict.

pub mod rules;

use crate::diagnostics::Diagnostic;
use crate::profile::Profile;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Sip,
    Sips,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Name,
    Ipv4,
    /// A bracketed IPv6 reference.
    Ipv6,
}

/// A component as written, with its span in the parsed input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub raw: String,
    pub span: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// Percent-decoded name.
    pub name: String,
    pub name_span: TextRange,
    /// Percent-decoded value; `None` for a valueless parameter (`;lr`).
    pub value: Option<String>,
    pub value_span: Option<TextRange>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Percent-decoded name.
    pub name: String,
    pub name_span: TextRange,
    /// Percent-decoded value (`+` stays a plus).
    pub value: String,
    pub value_span: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SipUri {
    pub scheme: Scheme,
    pub scheme_span: TextRange,
    /// As written, not decoded.
    pub user: Option<Part>,
    /// As written; absent and empty differ.
    pub password: Option<Part>,
    /// As written: case kept, IPv6 with brackets, trailing dot kept.
    pub host: Part,
    pub host_kind: HostKind,
    pub port: Option<(u32, TextRange)>,
    pub params: Vec<Param>,
    pub headers: Vec<Header>,
    /// The text after the `?`, if any.
    pub headers_span: Option<TextRange>,
}

/// The result of checking one URI: both verdicts and every diagnostic, spans relative to the
/// input string.
#[derive(Clone, Debug)]
pub struct ParsedSipUri {
    /// The RFC 3261 (+ RFC 5954) verdict. Platform limits never make it false.
    pub valid: bool,
    pub uri: Option<SipUri>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and checks `input` (already trimmed) under `profile`.
pub fn parse(input: &str, profile: Profile) -> ParsedSipUri {
    let _ = (input, profile);
    ParsedSipUri { valid: false, uri: None, diagnostics: Vec::new() }
}
