//! Attribute values against their [`ValueType`]: numbers, booleans, enumerations, DTMF keys,
//! HTTP methods (V20), URLs (V21, V22; the verdict itself is in `urls`), `<Dial>` timeouts
//! (V25) and status-callback event lists (V16–V19).

use super::rules::*;
use super::schema::{AttributeSpec, ElementSpec, ValueType, CALL_EVENTS};
use super::suggest::did_you_mean;
use super::urls::{is_plain_relative_bytes, url_verdict, UrlVerdict};
use super::Checker;
use crate::diagnostics::{Diagnostic, Edit, Severity};
use crate::profile::{PerProfile, Profile};
use crate::text::TextRange;
use crate::xml::{Attribute, Element};

/// V20 under `restcomm-connect`: what a bad method does depends on the attribute.
/// `(element or any, attribute, severity, profile note)`.
const CONNECT_METHOD_VERDICTS: &[(Option<&str>, &str, Severity, &str)] = &[
    (
        Some("Dial"),
        "method",
        Severity::Warning,
        "V20: Restcomm-Connect sends warning 13210 and requests the action with POST",
    ),
    (
        Some("Sip"),
        "method",
        Severity::Error,
        "V20: on Restcomm-Connect the screening request fails and the whole call is hung up",
    ),
    (
        None,
        "statusCallbackMethod",
        Severity::Warning,
        "V20: Restcomm-Connect silently sends no status callbacks",
    ),
];

/// V25: attributes whose bad integer Restcomm-Connect replaces by a default.
const DIAL_SECONDS: &[(&str, &str, &str)] = &[("Dial", "timeout", "30"), ("Dial", "timeLimit", "14400")];

/// V22: `statusCallback` attributes Restcomm-Connect does not resolve against the document URL.
const UNRESOLVED_CALLBACKS: &[&str] = &["Client", "Number", "Sip", "Uri"];

/// V16/V17: the verdict on each separator form, per profile (`None`: canonical there).
const SPACE_FORM: PerProfile<Option<Severity>> =
    PerProfile::new(Some(Severity::Info), Some(Severity::Error), None);
const COMMA_FORM: PerProfile<Option<Severity>> =
    PerProfile::new(Some(Severity::Warning), None, Some(Severity::Warning));
/// The separator each profile reads.
const CANONICAL_SEPARATOR: PerProfile<&str> = PerProfile::new(" ", ",", " ");

/// A name from the document as it appears in a message (inside backticks): shortened when
/// long, so that a 5 MB element name does not become a 5 MB message.
pub(crate) fn short_name(name: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 40;
    match name.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", name.get(..end).unwrap_or("")).into(),
        None => name.into(),
    }
}

/// A value as it appears in a message: quoted, shortened when long.
pub(crate) fn shown(value: &str) -> String {
    const MAX: usize = 40;
    if value.len() <= MAX {
        return format!("`{value}`");
    }
    let mut end = MAX;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    format!("`{}…`", value.get(..end).unwrap_or(""))
}

/// Whether the value of a known attribute needs no diagnostic: the common case, decided
/// without ranges, messages or allocation. `false` sends the attribute to
/// [`Checker::check_value`], which decides again and reports.
///
/// `name`: the attribute's name; `value`: its decoded value, untrimmed, as bytes (the
/// common types are decided on them without slicing a `str`; `false` is always safe).
#[inline]
pub(crate) fn value_is_clean(
    spec: &ElementSpec,
    attr_spec: &AttributeSpec,
    name: &[u8],
    value: &[u8],
) -> bool {
    // Nearly every value starts and ends with a byte above the space: nothing to trim.
    let value = match (value.first(), value.last()) {
        (Some(&first), Some(&last)) if first > b' ' && last > b' ' => value,
        _ => value.trim_ascii(),
    };
    if value.is_empty() {
        return matches!(attr_spec.value, ValueType::Text | ValueType::Key | ValueType::Keys);
    }
    match attr_spec.value {
        ValueType::Text | ValueType::SipUri => true,
        ValueType::Url => {
            let verdict = if is_plain_relative_bytes(value) {
                UrlVerdict::Relative
            } else {
                match std::str::from_utf8(value) {
                    Ok(value) => url_verdict(value),
                    Err(_) => return false,
                }
            };
            match verdict {
                UrlVerdict::Absolute => true,
                UrlVerdict::Relative => {
                    !(name == b"statusCallback" && UNRESOLVED_CALLBACKS.contains(&spec.name))
                }
                UrlVerdict::Unsafe(_) | UrlVerdict::Invalid(_) => false,
            }
        }
        ValueType::Method => is_word(value, "GET") || is_word(value, "POST"),
        ValueType::CallEvents => false,
        ValueType::EventList(known) => std::str::from_utf8(value)
            .is_ok_and(|value| tokens(value, TextRange::default()).all(|(token, _)| known.contains(&token))),
        ValueType::Bool
        | ValueType::PositiveInt
        | ValueType::NonNegativeInt
        | ValueType::Enum(_)
        | ValueType::Key
        | ValueType::Keys => accepts_bytes(attr_spec.value, value),
    }
}

impl Checker<'_> {
    /// Checks the value of a known attribute.
    pub(crate) fn check_value(
        &mut self,
        element: &Element,
        spec: &ElementSpec,
        attr_spec: &AttributeSpec,
        attr: &Attribute,
    ) {
        let (value, decoded) = attr.value.trimmed();
        let range = if value.is_empty() { attr.raw_span } else { attr.value.source_range(decoded) };
        let empty_allowed = matches!(attr_spec.value, ValueType::Text | ValueType::Key | ValueType::Keys);
        if value.is_empty() {
            if !empty_allowed && !self.out.skips(&EMPTY_ATTRIBUTE_VALUE) {
                let d = EMPTY_ATTRIBUTE_VALUE
                    .at(
                        self.profile,
                        attr.name_span.cover(attr.raw_span),
                        format!("`{}` is empty", attr.name),
                    )
                    .with_help(format!("Give `{}` a value or remove the attribute.", attr.name));
                let d = self.with_removal(d, attr);
                self.out.push(d);
            }
            return;
        }
        match attr_spec.value {
            ValueType::Text | ValueType::SipUri => {}
            ValueType::Url => {
                self.check_url(value, range, || format!("`{}`", attr.name), Some((spec.name, attr)))
            }
            ValueType::Method => self.check_method(element, attr, value, range),
            ValueType::Bool => {
                if !accepts(attr_spec.value, value) && !self.out.skips(&INVALID_ATTRIBUTE_VALUE) {
                    let d = self.invalid_value(
                        attr,
                        value,
                        range,
                        "expected `true` or `false`",
                        &["true", "false"],
                    );
                    self.push_with_other_profiles(d, spec, attr, value);
                }
            }
            ValueType::PositiveInt | ValueType::NonNegativeInt => {
                if !accepts(attr_spec.value, value) {
                    let min = u64::from(attr_spec.value == ValueType::PositiveInt);
                    self.invalid_integer(spec, attr, value, range, min);
                }
            }
            ValueType::Enum(values) => {
                if !accepts(attr_spec.value, value) && !self.out.skips(&INVALID_ATTRIBUTE_VALUE) {
                    let expected = format!("expected one of {}", list(values));
                    let d = self.invalid_value(attr, value, range, &expected, values);
                    self.push_with_other_profiles(d, spec, attr, value);
                }
            }
            ValueType::Key | ValueType::Keys => {
                if !accepts(attr_spec.value, value) && !self.out.skips(&INVALID_ATTRIBUTE_VALUE) {
                    let expected = if attr_spec.value == ValueType::Key {
                        "expected one key: `0`-`9`, `#` or `*`"
                    } else {
                        "expected keys `0`-`9`, `#`, `*`"
                    };
                    let d = self.invalid_value(attr, value, range, expected, &[]);
                    self.out.push(d);
                }
            }
            ValueType::CallEvents => self.check_call_events(element, attr, value, decoded),
            ValueType::EventList(known) => {
                for (token, token_range) in tokens(value, decoded) {
                    if !known.contains(&token) {
                        self.unknown_event(attr, token, token_range, known, None);
                    }
                }
            }
        }
    }

    fn with_removal(&self, d: Diagnostic, attr: &Attribute) -> Diagnostic {
        // From the whitespace before the name to the closing quote.
        let bytes = self.source.as_bytes();
        let mut start = attr.name_span.start as usize;
        while start > 0 && bytes.get(start - 1).is_some_and(|b| b.is_ascii_whitespace()) {
            start -= 1;
        }
        let end = attr.raw_span.end as usize + attr.quote.len_utf8();
        if self.source.get(attr.raw_span.end as usize..end) != Some(attr.quote.encode_utf8(&mut [0; 4])) {
            return d;
        }
        d.with_fix(
            format!("remove `{}`", attr.name),
            vec![Edit { start: start as u32, end: end as u32, text: String::new() }],
        )
    }

    fn invalid_value(
        &self,
        attr: &Attribute,
        value: &str,
        range: TextRange,
        expected: &str,
        candidates: &[&str],
    ) -> Diagnostic {
        let mut d = INVALID_ATTRIBUTE_VALUE
            .at(self.profile, range, format!("{} is not a valid `{}` ({expected})", shown(value), attr.name))
            .with_help(format!("Set `{}` to one of the allowed values.", attr.name));
        if let Some(best) = did_you_mean(value, candidates.iter().copied()) {
            d = d.with_replacement(format!("use `{best}`"), best);
        }
        d
    }

    /// A value another profile accepts for the same attribute (TwiML's `record` values on a
    /// Restcomm `<Dial>`) says so.
    fn push_with_other_profiles(&mut self, d: Diagnostic, spec: &ElementSpec, attr: &Attribute, value: &str) {
        let other = spec
            .attributes
            .iter()
            .find(|a| a.name == attr.name && !a.profiles.get(self.profile) && accepts(a.value, value));
        let d = match other {
            Some(other) => d.with_profile_note(format!(
                "V3: {} is a value of `{}` only under {}",
                shown(value),
                attr.name,
                super::profiles_list(other.profiles)
            )),
            None => d,
        };
        self.out.push(d);
    }

    fn invalid_integer(
        &mut self,
        spec: &ElementSpec,
        attr: &Attribute,
        value: &str,
        range: TextRange,
        min: u64,
    ) {
        let dial_default =
            DIAL_SECONDS.iter().find(|(e, a, _)| *e == spec.name && *a == attr.name).map(|t| t.2);
        if self.out.skips(if dial_default.is_some() { &INVALID_TIMEOUT } else { &INVALID_ATTRIBUTE_VALUE }) {
            return;
        }
        let what = if min == 1 { "a positive integer" } else { "a whole number (0 or more)" };
        let message = format!("{} is not {what}", shown(value));
        let mut d = match dial_default {
            Some(default) => INVALID_TIMEOUT
                .at(self.profile, range, format!("`{}` {message}", attr.name))
                .with_help(format!("Write `{}` in whole seconds, e.g. `{default}`.", attr.name))
                .with_profile_note(
                    PerProfile::new(
                        "V25: Restcomm-Connect would fall back to the default with a warning notification",
                        "V25: Restcomm-Connect sends a warning notification and falls back to the default",
                        "V25: TwiML rejects the value",
                    )
                    .get(self.profile),
                ),
            None => INVALID_ATTRIBUTE_VALUE
                .at(self.profile, range, format!("`{}` {message}", attr.name))
                .with_help(format!("Write `{}` as {what}.", attr.name)),
        };
        // `10s` → `10`: keep the leading digits when there are some.
        let digits: &str = value.get(..value.bytes().take_while(u8::is_ascii_digit).count()).unwrap_or("");
        if !digits.is_empty() && digits.len() < value.len() && digits.parse::<u64>().is_ok_and(|n| n >= min) {
            d = d.with_replacement(format!("use `{digits}`"), digits);
        }
        self.out.push(d);
    }

    /// V21/V22 on a URL (an attribute, or the text of `<Play>`/`<Redirect>`/`<Fax>`).
    pub(crate) fn check_url(
        &mut self,
        value: &str,
        range: TextRange,
        // Formatted only for a diagnostic: most URLs are fine.
        what: impl Fn() -> String,
        attribute: Option<(&str, &Attribute)>,
    ) {
        match url_verdict(value) {
            UrlVerdict::Absolute => {}
            UrlVerdict::Relative => {
                let Some((element, attr)) = attribute else { return };
                if attr.name == "statusCallback"
                    && UNRESOLVED_CALLBACKS.contains(&element)
                    && !self.out.skips(&RELATIVE_STATUS_CALLBACK)
                {
                    let note = PerProfile::new(
                        "V22: Restcomm-Connect does not resolve a relative `statusCallback`: it would never deliver these webhooks",
                        "V22: Restcomm-Connect uses the URL as written: without a host no status callback is delivered",
                        "V22: resolved against the document URL here, but Restcomm-Connect would never deliver it",
                    );
                    let d = RELATIVE_STATUS_CALLBACK
                        .at(self.profile, range, format!("`statusCallback` {} is a relative URL", shown(value)))
                        .with_help("Use an absolute URL (`https://host/path`) so every platform can deliver the webhooks.")
                        .with_profile_note(note.get(self.profile));
                    self.out.push(d);
                }
            }
            UrlVerdict::Unsafe(_) if self.out.skips(&UNSAFE_URL) => {}
            UrlVerdict::Invalid(_) if self.out.skips(&INVALID_URL) => {}
            UrlVerdict::Unsafe(scheme) => {
                let d = UNSAFE_URL
                    .at(
                        self.profile,
                        range,
                        format!(
                            "{} uses the `{scheme}:` scheme (expected `http`, `https` or a relative URL)",
                            what()
                        ),
                    )
                    .with_help("Point it at an HTTP(S) URL that serves RCML or receives the webhook.");
                self.out.push(d);
            }
            UrlVerdict::Invalid(reason) => {
                let d = INVALID_URL
                    .at(
                        self.profile,
                        range,
                        format!("{} {} is not a valid URL: {reason}", what(), shown(value)),
                    )
                    .with_help("Percent-encode spaces and special characters, or fix the host name.");
                self.out.push(d);
            }
        }
    }

    fn check_method(&mut self, element: &Element, attr: &Attribute, value: &str, range: TextRange) {
        if value.eq_ignore_ascii_case("GET") || value.eq_ignore_ascii_case("POST") {
            return;
        }
        let verdict = CONNECT_METHOD_VERDICTS
            .iter()
            .find(|(e, a, _, _)| *a == attr.name && e.is_none_or(|e| e == element.name))
            .filter(|_| self.profile == Profile::RestcommConnect);
        // A verdict sets the severity: counted past the cap whatever the registry says.
        if if verdict.is_some() { self.out.skips_forced() } else { self.out.skips(&INVALID_METHOD) } {
            return;
        }
        let mut d = INVALID_METHOD
            .at(self.profile, range, format!("`{}` {} is not `GET` or `POST`", attr.name, shown(value)))
            .with_help(format!("Set `{}` to `GET` or `POST`.", attr.name));
        if let Some((_, _, severity, note)) = verdict {
            d = d.with_severity(*severity).with_profile_note(*note);
        }
        if let Some(best) = did_you_mean(&value.to_ascii_uppercase(), ["GET", "POST"]) {
            d = d.with_replacement(format!("use `{best}`"), best);
        }
        self.out.push(d);
    }

    /// V16–V19 on `statusCallbackEvent` of a dialled noun.
    fn check_call_events(&mut self, element: &Element, attr: &Attribute, value: &str, decoded: TextRange) {
        let range = attr.value.source_range(decoded);
        let has_callback = match self.callback {
            Some((id, has)) if id == element.id => has,
            _ => {
                let has = element.attribute("statusCallback").is_some();
                self.callback = Some((element.id, has));
                has
            }
        };
        if !has_callback && !self.out.skips(&EVENT_WITHOUT_CALLBACK) {
            let d = EVENT_WITHOUT_CALLBACK
                .at(
                    self.profile,
                    attr.name_span,
                    "`statusCallbackEvent` has no effect without `statusCallback`",
                )
                .with_help(
                    "Add a `statusCallback` URL to receive the events, or remove `statusCallbackEvent`.",
                );
            self.out.push(d);
        }
        let events: Vec<(&str, TextRange)> = tokens(value, decoded).collect();
        // Restcomm-Connect removes whitespace, then splits on commas: words separated by
        // whitespace only merge into one unknown event.
        let merged_group = value.split(',').find(|g| g.split_whitespace().nth(1).is_some());
        let has_comma = value.contains(',');
        let canonical: Vec<&str> = events.iter().map(|e| e.0).collect();
        let separator = CANONICAL_SEPARATOR.get(self.profile);
        // Joined only for a separator diagnostic that is built.
        let fix = || (canonical.join(separator) != value).then(|| canonical.join(separator));
        if merged_group.is_some() && !has_comma {
            // The severity is set here: counted past the cap whatever the registry says.
            if let Some(severity) = SPACE_FORM.get(self.profile).filter(|_| !self.out.skips_forced()) {
                let message = match self.profile {
                    Profile::RestcommConnect => {
                        "`statusCallbackEvent` is separated by spaces: no status callback will be sent"
                            .to_owned()
                    }
                    _ => "`statusCallbackEvent` is separated by spaces, which Restcomm-Connect does not read"
                        .to_owned(),
                };
                let mut d = STATUS_CALLBACK_EVENT_SEPARATOR
                    .at(self.profile, range, message)
                    .with_severity(severity)
                    .with_profile_note(
                        "V16: Restcomm-Connect removes whitespace and splits this list on commas: it reads one unknown event and sends no status callbacks",
                    );
                if self.profile == Profile::RestcommConnect {
                    d = d.with_help(
                        "Separate the events with commas: `initiated,ringing,answered,completed`.",
                    );
                    if let Some(text) = fix() {
                        d = d.with_replacement("separate the events with commas", text);
                    }
                } else {
                    d = d.with_help(
                        "This is the documented form. If the document may run on Restcomm-Connect, use commas there, or subscribe to a single event.",
                    );
                }
                self.out.push(d);
            }
        } else if has_comma && events.len() > 1 {
            let merged = merged_group.filter(|_| self.profile == Profile::RestcommConnect);
            let verdict = match merged {
                Some(_) => Some(Severity::Error),
                None => COMMA_FORM.get(self.profile),
            };
            if let Some(severity) = verdict.filter(|_| !self.out.skips_forced()) {
                let message = match merged {
                    Some(group) => format!(
                        "{} has no comma between its events: Restcomm-Connect reads it as one unknown event",
                        shown(group.trim())
                    ),
                    None => "`statusCallbackEvent` is separated by commas; the documentation separates events with spaces"
                        .to_owned(),
                };
                let note = match merged {
                    Some(_) => "V16: Restcomm-Connect removes whitespace and splits this list on commas",
                    None => "V17: Restcomm-Connect reads commas, but the documentation and TwiML separate events with spaces",
                };
                let mut d = STATUS_CALLBACK_EVENT_SEPARATOR
                    .at(self.profile, range, message)
                    .with_severity(severity)
                    .with_profile_note(note)
                    .with_help(match self.profile {
                        Profile::RestcommConnect => "Separate every event with a comma.",
                        _ => "Separate the events with spaces: `initiated ringing answered completed`.",
                    });
                if let Some(text) = fix() {
                    let title = if separator == "," {
                        "separate the events with commas"
                    } else {
                        "separate the events with spaces"
                    };
                    d = d.with_replacement(title, text);
                }
                self.out.push(d);
            }
        }
        for (event, event_range) in events {
            if !CALL_EVENTS.contains(&event) {
                let note = PerProfile::new(
                    None,
                    Some("V18: Restcomm-Connect ignores event names it does not know"),
                    None,
                );
                self.unknown_event(attr, event, event_range, CALL_EVENTS, note.get(self.profile));
            }
        }
    }

    fn unknown_event(
        &mut self,
        attr: &Attribute,
        event: &str,
        decoded: TextRange,
        known: &[&str],
        note: Option<&str>,
    ) {
        if self.out.skips(&UNKNOWN_STATUS_CALLBACK_EVENT) {
            return;
        }
        let range = attr.value.source_range(decoded);
        let mut d = UNKNOWN_STATUS_CALLBACK_EVENT
            .at(
                self.profile,
                range,
                format!("unknown event {} in `{}` (expected {})", shown(event), attr.name, list(known)),
            )
            .with_help("Use only the listed event names.");
        if let Some(best) = did_you_mean(event, known.iter().copied()) {
            d = d.with_replacement(format!("use `{best}`"), best);
        }
        if let Some(note) = note {
            d = d.with_profile_note(note);
        }
        self.out.push(d);
    }
}

/// Whether a non-empty value has the form of a simple value type (numbers, booleans,
/// enumerations, keys); the other types have their own checks and are accepted here.
/// `value.eq_ignore_ascii_case(word)` for a `word` of ASCII letters, without case mapping:
/// setting bit 5 of a byte gives the lower-case letter exactly when the byte is that letter
/// in either case.
/// Words of 4 to 8 letters (`true`, `false`, `POST`) compare as two overlapping 4-byte
/// words, bit 5 set in all four bytes at once.
#[inline(always)]
fn is_word(value: &[u8], word: &str) -> bool {
    let word = word.as_bytes();
    let n = word.len();
    if value.len() != n {
        return false;
    }
    if (4..=8).contains(&n) {
        let lower = |s: &[u8], at: usize| {
            s.get(at..).and_then(<[u8]>::first_chunk::<4>).map(|c| u32::from_le_bytes(*c) | 0x2020_2020)
        };
        return lower(value, 0) == lower(word, 0) && lower(value, n - 4) == lower(word, n - 4);
    }
    value.iter().zip(word).all(|(v, w)| v | 0x20 == w | 0x20)
}

#[inline(always)]
fn accepts(value_type: ValueType, value: &str) -> bool {
    accepts_bytes(value_type, value.as_bytes())
}

/// [`accepts`] of a value's bytes.
#[inline(always)]
fn accepts_bytes(value_type: ValueType, value: &[u8]) -> bool {
    let keys = |b: &u8| b.is_ascii_digit() || *b == b'#' || *b == b'*';
    match value_type {
        ValueType::Bool => is_word(value, "true") || is_word(value, "false"),
        // At most 9 digits (no overflow anywhere); a positive integer has a non-zero digit.
        ValueType::PositiveInt | ValueType::NonNegativeInt => {
            !value.is_empty()
                && value.len() <= 9
                && value.iter().all(u8::is_ascii_digit)
                && (value_type == ValueType::NonNegativeInt || value.iter().any(|&b| b != b'0'))
        }
        ValueType::Enum(values) => values.iter().any(|v| v.as_bytes() == value),
        ValueType::Key => value.len() <= 1 && value.iter().all(keys),
        ValueType::Keys => value.iter().all(keys),
        _ => true,
    }
}

/// The events of a list split on commas and whitespace, with their decoded ranges.
fn tokens(value: &str, decoded: TextRange) -> impl Iterator<Item = (&str, TextRange)> + '_ {
    let base = value.as_ptr() as usize;
    value.split(|c: char| c == ',' || c.is_ascii_whitespace()).filter(|t| !t.is_empty()).map(move |t| {
        let start = decoded.start as usize + (t.as_ptr() as usize - base);
        (t, TextRange::from_usize(start, start + t.len()))
    })
}

/// `` `a`, `b` or `c` ``.
pub(crate) fn list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_word_is_case_insensitive_equality_for_letter_words() {
        for word in ["true", "false", "GET", "POST"] {
            for v in 0..=255u8 {
                for at in 0..word.len() {
                    let mut bytes = word.as_bytes().to_vec();
                    bytes[at] = v;
                    if let Ok(value) = std::str::from_utf8(&bytes) {
                        assert_eq!(
                            is_word(value.as_bytes(), word),
                            value.eq_ignore_ascii_case(word),
                            "{value:?}"
                        );
                    }
                }
            }
            for value in ["", "t", "tru", "truee", "TRUE", "True", "fALSE", "get", "Post", "P0ST", "TRU\u{0}"]
            {
                assert_eq!(
                    is_word(value.as_bytes(), word),
                    value.eq_ignore_ascii_case(word),
                    "{value:?} {word}"
                );
            }
        }
    }
}
