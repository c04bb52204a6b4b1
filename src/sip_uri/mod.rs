//! SIP URIs (RFC 3261 §19.1 and §25, with RFC 5954's address rules), with the span of every
//! component, plus the platform layer (length budgets, transport, `X-` header names) on top of
//! the RFC verdict.

//!
//! Two verdicts, as sip-uri.md §1 recommends. The **RFC layer** (`syntax`, `host`) decides
//! [`ParsedSipUri::valid`] from the string alone; the **platform layer** (`platform`) adds
//! diagnostics whose severity depends on the profile (V9–V15, V29 and the security items of
//! sip-uri.md §7) and never changes `valid`. Since only the platform layer reads the profile,
//! `valid` is the same under every profile.
//!
//! [`ParsedSipUri::uri`] is `Some` whenever the text starts with `sip:` or `sips:`, even when
//! a component is invalid: the split (find the `@` first, then host, port, `;` parameters and
//! the `?` headers) never fails, so an editor can still show the components of a broken URI
//! next to the diagnostics. It is `None` only for another scheme or no scheme at all, whose
//! structure is not a SIP URI's.
//!
//! Decisions where the references leave a choice:
//! - The platform layer runs on every URI that could be split, not only on RFC-valid ones, so
//!   that one pass shows every problem; it still never touches `valid`.
//! - V13 reads "the URI" as the text before the `?` (at most 254 characters) and "the headers"
//!   as the text after it, `?` excluded (at most 1023); characters are counted, `%HH` is 3.
//!   The other readings are options ([`LengthReading`]).
//! - V29 (a raw `=`, `;`, space… in a header value) is one diagnostic per value with one fix;
//!   the URI is RFC-invalid under every profile, even under `restcomm-connect`, where the
//!   diagnostic is only a warning because the platform accepts it.
//! - `sips:` and `transport=tls` under `twilio`, which accepts them, get `info` portability
//!   advice (V9, V11); so does a header sent as `X-name` under Restcomm (V14).
//! - The RFC's three non-ABNF checks (duplicate parameter, `sips:` with UDP, port ≤ 65535)
//!   are part of the RFC verdict. Escaped CR/LF/NUL are grammatical (valid stays true) but
//!   are errors (`sip-uri/escaped-control-character`) under every profile: header injection.
//! - A URI password is never put in a message, and the JSON view replaces it (see
//!   [`to_json_value`]).

mod chars;
mod fast;
mod host;
mod json;
mod parts;
mod platform;
pub mod rules;
mod scheme;
mod security;
mod syntax;

pub(crate) use host::ipv4_value;
pub use json::{json, to_json_value, ParsedSipUriJson, SipUriJson, REDACTED_PASSWORD};
pub use platform::invite_headers;

use crate::diagnostics::{Diagnostic, Rule};
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
    /// The value as written (Restcomm-Connect cuts it at a raw `=`, V29).
    pub raw_value: String,
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
    /// The whole URI (without angle brackets someone wrapped it in).
    pub span: TextRange,
}

impl SipUri {
    /// The decoded, lower-cased value of the `transport` parameter (its name matched
    /// case-insensitively after decoding); `None` when absent or valueless.
    pub fn transport(&self) -> Option<String> {
        self.transport_param().and_then(|p| p.value.as_deref()).map(str::to_ascii_lowercase)
    }

    /// The first parameter named `transport` (any case, after decoding).
    pub fn transport_param(&self) -> Option<&Param> {
        self.params.iter().find(|p| p.name.eq_ignore_ascii_case("transport"))
    }

    /// The percent-decoded user (the raw one is [`SipUri::user`]).
    pub fn decoded_user(&self) -> Option<String> {
        self.user.as_ref().map(|u| chars::decode(&u.raw))
    }

    /// The parameter with this name (any case), if any.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }
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

/// How the length budgets of V13 are read (sip-uri.md §7 leaves two questions open).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthReading {
    /// The URI must be shorter than this many characters (255).
    pub uri_limit: usize,
    /// The headers must be shorter than this many characters (1024).
    pub headers_limit: usize,
    /// `false` (default): "the URI" is the text before the `?`; `true`: the whole string.
    pub uri_includes_headers: bool,
    /// `false` (default): the `?` counts toward neither budget; `true`: toward the headers.
    pub question_mark_in_headers: bool,
}

impl Default for LengthReading {
    fn default() -> Self {
        Self {
            uri_limit: 255,
            headers_limit: 1024,
            uri_includes_headers: false,
            question_mark_in_headers: false,
        }
    }
}

/// Knobs of [`parse_with`]; [`parse`] uses the defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    pub lengths: LengthReading,
}

/// Parses and checks `input` (already trimmed) under `profile`. Never panics.
pub fn parse(input: &str, profile: Profile) -> ParsedSipUri {
    parse_with(input, profile, &ParseOptions::default())
}

/// [`parse`] with explicit options.
pub fn parse_with(input: &str, profile: Profile, options: &ParseOptions) -> ParsedSipUri {
    if fast::is_clean(input, options.lengths) {
        // Nothing to report: only the components are wanted.
        let mut cx = Cx::new(input, profile);
        cx.quiet = true;
        let uri = syntax::parse_uri(&mut cx);
        return ParsedSipUri { valid: true, uri, diagnostics: Vec::new() };
    }
    parse_full(input, profile, options)
}

/// The diagnostics of [`parse`] alone: the components are not built, and a URI of the common
/// shape with nothing to report costs one pass and no allocation.
pub fn diagnostics(input: &str, profile: Profile) -> Vec<Diagnostic> {
    if fast::is_clean(input, LengthReading::default()) {
        return Vec::new();
    }
    parse_full(input, profile, &ParseOptions::default()).diagnostics
}

/// How many diagnostics [`diagnostics`] gives, for a caller past its cap: they are not
/// sorted nor returned.
pub fn diagnostic_count(input: &str, profile: Profile) -> usize {
    if fast::is_clean(input, LengthReading::default()) {
        return 0;
    }
    let mut cx = Cx::new(input, profile);
    cx.counting = true;
    if let Some(uri) = syntax::parse_uri(&mut cx) {
        platform::check(&mut cx, &uri, &ParseOptions::default());
    }
    cx.diagnostics.len() + cx.counted
}

/// [`parse_with`] without the fast path: every layer runs, whatever the URI. The reference
/// the fast path is checked against (unit tests, fuzz target `parse_sip_uri`).
pub fn parse_full(input: &str, profile: Profile, options: &ParseOptions) -> ParsedSipUri {
    let mut cx = Cx::new(input, profile);
    let uri = syntax::parse_uri(&mut cx);
    if let Some(uri) = &uri {
        platform::check(&mut cx, uri, options);
    }
    let mut diagnostics = cx.diagnostics;
    if diagnostics.len() > 1 {
        crate::sort::sort_by_key(&mut diagnostics, |d| (d.range.start.offset, d.range.end.offset));
    }
    ParsedSipUri { valid: cx.valid, uri, diagnostics }
}

/// A URI with more problems than this is not worth listing further.
const MAX_DIAGNOSTICS: usize = 64;

/// The state shared by both layers while checking one URI.
pub(crate) struct Cx<'a> {
    pub input: &'a str,
    pub bytes: &'a [u8],
    pub profile: Profile,
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// A probe run (would `sip:` + this text be valid?): nothing is collected.
    pub quiet: bool,
    /// A counting run ([`diagnostic_count`]): diagnostics are counted in `counted`, and
    /// producers that ask [`Cx::wants`] first build nothing.
    pub counting: bool,
    pub counted: usize,
}

impl<'a> Cx<'a> {
    pub fn new(input: &'a str, profile: Profile) -> Self {
        Self {
            input,
            bytes: input.as_bytes(),
            profile,
            valid: true,
            diagnostics: Vec::new(),
            quiet: false,
            counting: false,
            counted: 0,
        }
    }

    /// A diagnostic that does not touch the verdict (platform layer).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.quiet && !diagnostic.is_suppressed() && self.kept() < MAX_DIAGNOSTICS {
            if self.counting {
                self.counted += 1;
            } else {
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn kept(&self) -> usize {
        self.diagnostics.len() + self.counted
    }

    /// For a producer about to build one diagnostic of `rule` with the rule's own severity
    /// and push it: whether to build it. `false` in a probe run, when the profile silences
    /// the rule, past [`MAX_DIAGNOSTICS`], and in a counting run (where it is counted here).
    pub fn wants(&mut self, rule: &Rule) -> bool {
        if self.quiet || rule.severity.get(self.profile).is_none() || self.kept() >= MAX_DIAGNOSTICS {
            return false;
        }
        if self.counting {
            self.counted += 1;
            return false;
        }
        true
    }

    /// [`Self::wants`] for an RFC-layer problem: the URI is invalid whatever the profile,
    /// whether or not the diagnostic is built.
    pub fn wants_invalid(&mut self, rule: &Rule) -> bool {
        self.valid = false;
        self.wants(rule)
    }

    /// [`Self::wants`] for a diagnostic whose severity the producer sets itself
    /// ([`Diagnostic::with_severity`]), which no profile silences.
    pub fn wants_forced(&mut self) -> bool {
        if self.quiet || self.kept() >= MAX_DIAGNOSTICS {
            return false;
        }
        if self.counting {
            self.counted += 1;
            return false;
        }
        true
    }

    pub fn range(&self, start: usize, end: usize) -> TextRange {
        TextRange::from_usize(start, end)
    }

    /// `input[start..end]`, or `""` when that is not a valid slice.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.input.get(start..end).unwrap_or("")
    }

    /// The character starting at byte `at` (U+FFFD when `at` is not a boundary).
    pub fn char_at(&self, at: usize) -> char {
        self.input.get(at..).and_then(|s| s.chars().next()).unwrap_or('\u{FFFD}')
    }
}
