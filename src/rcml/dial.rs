//! The deep rules of `<Dial>` (V5, V6, V24, V26, V30, V31) and of the nouns that carry a SIP
//! URI, `<Sip>` and `<Uri>` (V7, V8, V23, V27), whose URI goes to the SIP URI layer
//! (V9–V15, V29) with every range mapped back into the document.

use super::rules::*;
use super::values::shown;
use super::{schema_index, Checker};
use crate::diagnostics::{Diagnostic, Edit, Severity};
use crate::profile::{PerProfile, Profile};
use crate::sip_uri;
use crate::xml::{DecodedText, Element, ElementId};

/// V7: whether a nested `<Video>` makes `name` the URI source.
const NAME_WITH_VIDEO: PerProfile<bool> = PerProfile::new(true, true, false);

/// V6: nouns the documentation says cannot share a `<Dial>` with `<Sip>`.
const NOT_BESIDE_SIP: &[&str] = &["Number", "Client", "Uri", "Conference"];

/// The attributes the deep rules read, as bits of the names a walk saw.
const HANGUP_ON_STAR: u32 = schema_index::attribute_bit(schema_index::DIAL, "hangupOnStar");
const SIP_PASSWORD: u32 = schema_index::attribute_bit(schema_index::SIP, "password");
const URI_PASSWORD: u32 = schema_index::attribute_bit(schema_index::URI, "password");
const SIP_USERNAME: u32 = schema_index::attribute_bit(schema_index::SIP, "username");
const URI_USERNAME: u32 = schema_index::attribute_bit(schema_index::URI, "username");
const SIP_NAME: u32 = schema_index::attribute_bit(schema_index::SIP, "name");

/// V5 under `twilio`: more `<Sip>` than this in one `<Dial>` is an error.
const TWILIO_MAX_SIP: usize = 10;

impl Checker<'_> {
    /// `present`: the attribute names the walk saw on it (see [`schema_index::attribute_bit`]).
    pub(crate) fn check_dial(&mut self, id: ElementId, dial: &Element, present: u32) {
        if self.context.screening && !self.out.skips(&DIAL_IN_SCREENING) {
            let d = DIAL_IN_SCREENING
                    .at(self.profile, dial.name_span, "a call-screening document cannot contain `<Dial>`")
                    .with_help("Screening documents may `<Say>`, `<Play>`, `<Gather>` or `<Hangup>`; dial from the main document.")
                    .with_profile_note(
                        PerProfile::new(
                            "V26: the screened leg is declined",
                            "V26: Restcomm-Connect hangs up the whole call, caller included",
                            "V26: TwiML rejects a screening document with `<Dial>`",
                        )
                        .get(self.profile),
                    );
            self.out.push(d);
        }
        let hangup_on_star =
            (present & HANGUP_ON_STAR != 0).then(|| dial.attribute("hangupOnStar")).flatten();
        if let Some(attr) = hangup_on_star {
            if attr.value.trimmed().0.eq_ignore_ascii_case("true") && !self.out.skips(&HANGUP_ON_STAR_IGNORED)
            {
                let d = HANGUP_ON_STAR_IGNORED
                    .at(self.profile, attr.name_span, "`hangupOnStar` is ignored by Restcomm-Connect")
                    .with_help("Do not rely on `*` to end the dialled call on Restcomm-Connect.")
                    .with_profile_note(
                        PerProfile::new(
                            "V24: documented, but Restcomm-Connect's code never reads it",
                            "V24: Restcomm-Connect never reads `hangupOnStar`: pressing `*` does nothing",
                            "V24: TwiML implements it; Restcomm-Connect ignores it",
                        )
                        .get(self.profile),
                    );
                self.out.push(d);
            }
        }

        let mut sips = 0usize;
        let mut second_sip = None;
        let mut beside = None;
        let mut has_conference = false;
        let mut has_children = false;
        for (_, child) in self.doc.child_elements(id) {
            has_children = true;
            match child.name {
                "Sip" => {
                    sips += 1;
                    if sips == 2 {
                        second_sip = Some(child.name_span);
                    }
                }
                name if NOT_BESIDE_SIP.contains(&name) => {
                    has_conference |= name == "Conference";
                    beside.get_or_insert((child.name_span, name));
                }
                _ => {}
            }
        }
        if let Some(range) = second_sip {
            let mut d = MULTIPLE_SIP
                .at(self.profile, range, format!("`<Dial>` has {sips} `<Sip>` nouns; the documentation supports one"))
                .with_help("Dial one `<Sip>` per `<Dial>`, or accept that they ring in parallel where supported.")
                .with_profile_note(
                    PerProfile::new(
                        "V5: documented as unsupported (\"only one Sip noun may be specified\"); Restcomm-Connect forks in parallel",
                        "V5: Restcomm-Connect forks to every `<Sip>` in parallel",
                        "V5: TwiML needs the account's enhanced SIP features and accepts at most 10",
                    )
                    .get(self.profile),
                );
            if self.profile == Profile::Twilio && sips > TWILIO_MAX_SIP {
                d = d.with_severity(Severity::Error);
                d.message =
                    format!("`<Dial>` has {sips} `<Sip>` nouns; TwiML accepts at most {TWILIO_MAX_SIP}");
            }
            self.out.push(d);
        }
        if let (Some((range, other)), true) = (beside, sips > 0) {
            let mut d = SIP_BESIDE_OTHER_NOUNS
                .at(self.profile, range, format!("`<{other}>` shares a `<Dial>` with `<Sip>`"))
                .with_help("Use a separate `<Dial>` (e.g. from the `action` of this one) for the other noun.")
                .with_profile_note(
                    PerProfile::new(
                        "V6: documented as unsupported (\"you cannot add any other nouns\"); Restcomm-Connect forks in parallel",
                        "V6: Restcomm-Connect forks to every noun in parallel",
                        "V6: TwiML needs the account's enhanced SIP features to mix nouns",
                    )
                    .get(self.profile),
                );
            if self.profile == Profile::RestcommConnect && has_conference {
                d = d
                    .with_severity(Severity::Warning)
                    .with_profile_note("V6: on Restcomm-Connect a `<Conference>` wins over every other noun: the `<Sip>` is never dialled");
            }
            self.out.push(d);
        }

        // V30, V31: the text (the last non-blank chunk) and the nouns.
        let text = dial.texts().filter(|t| !t.value.trimmed().0.is_empty()).last();
        match (text, has_children) {
            (Some(text), true) => {
                let (_, decoded) = text.value.trimmed();
                if !self.out.skips(&DIAL_TEXT_WITH_NOUNS) {
                    let d = DIAL_TEXT_WITH_NOUNS
                        .at(
                            self.profile,
                            text.value.source_range(decoded),
                            "`<Dial>` has both text and nouns; the text replaces the nouns",
                        )
                        .with_help("Move the text into its own noun (`<Number>`, `<Sip>`, `<Client>`) or remove it.")
                        .with_profile_note(
                            PerProfile::new(
                                "V30: Restcomm dials the text alone; the nouns are never dialled",
                                "V30: Restcomm-Connect rewrites the text into one noun, which replaces the real children",
                                "V30: TwiML rejects text mixed with nouns",
                            )
                            .get(self.profile),
                        );
                    self.out.push(d);
                }
            }
            (Some(text), false) => {
                let (value, decoded) = text.value.trimmed();
                if value.contains('@') {
                    let range = text.value.source_range(decoded);
                    if !self.out.skips(&DIAL_TEXT_SIP_ADDRESS) {
                        let d = DIAL_TEXT_SIP_ADDRESS
                            .at(
                                self.profile,
                                range,
                                format!("`<Dial>` text {} is dialled as a SIP URI", shown(value)),
                            )
                            .with_help(
                                "Write it as a `<Sip>` noun so its URI is checked and the intent is explicit.",
                            )
                            .with_fix(
                                "wrap in `<Sip>`",
                                vec![
                                    Edit { start: range.start, end: range.start, text: "<Sip>".into() },
                                    Edit { start: range.end, end: range.end, text: "</Sip>".into() },
                                ],
                            )
                            .with_profile_note(
                                PerProfile::new(
                                    "V30: Restcomm dials `<Dial>` text containing `@` as a `<Sip>`",
                                    "V30: Restcomm-Connect dials `<Dial>` text containing `@` as a `<Sip>`",
                                    "V30: TwiML expects a telephone number as `<Dial>` text",
                                )
                                .get(self.profile),
                            );
                        self.out.push(d);
                    }
                }
            }
            (None, false) => {
                if !self.out.skips(&EMPTY_DIAL) {
                    let d = EMPTY_DIAL
                        .at(self.profile, dial.name_span, "`<Dial>` has nothing to dial")
                        .with_help("Add a noun to dial, e.g. `<Sip>sip:alice@example.com</Sip>`, or remove the `<Dial>`.")
                        .with_profile_note(
                            PerProfile::new(
                                "V31: Restcomm runs the next verb and does not request the action",
                                "V31: Restcomm-Connect runs the next verb and does not request the action",
                                "V31: TwiML rejects an empty `<Dial>`",
                            )
                            .get(self.profile),
                        );
                    self.out.push(d);
                }
            }
            (None, true) => {}
        }
    }

    /// `<Sip>` and `<Uri>`: credentials, the URI source (V7, V8), then the URI itself.
    /// `index`: [`schema_index::SIP`] or [`schema_index::URI`]; `present`: the attribute
    /// names the walk saw on it.
    pub(crate) fn check_dialled_uri(&mut self, id: ElementId, element: &Element, index: usize, present: u32) {
        let (password_bit, username_bit) = if index == schema_index::SIP {
            (SIP_PASSWORD, SIP_USERNAME)
        } else {
            (URI_PASSWORD, URI_USERNAME)
        };
        // The bits say whether the names are there; the search runs only for the diagnostic.
        let password = (present & password_bit != 0 && present & username_bit == 0)
            .then(|| element.attribute("password"));
        if let Some(Some(password)) = password {
            // Never echo the value of `password`.
            if !self.out.skips(&PASSWORD_WITHOUT_USERNAME) {
                let d = PASSWORD_WITHOUT_USERNAME
                    .at(
                        self.profile,
                        password.name_span,
                        format!("`<{}>` has `password` but no `username`", element.name),
                    )
                    .with_help("Add the `username` that goes with the password.");
                self.out.push(d);
            }
        }
        let mut video = None;
        let mut uri_children = false;
        for (_, child) in self.doc.child_elements(id) {
            match child.name {
                "Video" => {
                    video.get_or_insert(child.name_span);
                }
                "Uri" => uri_children = true,
                _ => {}
            }
        }
        if NAME_WITH_VIDEO.get(self.profile) && index == schema_index::SIP {
            let name = (present & SIP_NAME != 0).then(|| element.attribute("name")).flatten();
            match (video, name) {
                (Some(video), None) => {
                    if !self.out.skips(&VIDEO_WITHOUT_NAME) {
                        let d = VIDEO_WITHOUT_NAME
                            .at(self.profile, video, "`<Video>` is nested but `<Sip>` has no `name` with the SIP URI")
                            .with_help("With a nested `<Video>`, write the SIP URI in `name`: `<Sip name=\"sip:alice@example.com\">`.")
                            .with_profile_note(
                                PerProfile::new(
                                    "V8: the URI is read from `name`; Restcomm-Connect fails with a null pointer without it",
                                    "V8: Restcomm-Connect fails with a null pointer and the call breaks",
                                    "",
                                )
                                .get(self.profile),
                            );
                        self.out.push(d);
                    }
                    return;
                }
                (Some(_), Some(name)) => {
                    self.check_uri(element, &name.value, Some(name.quote), name.raw_span);
                    return;
                }
                (None, Some(name)) => {
                    if !self.out.skips(&NAME_WITHOUT_VIDEO) {
                        let d = NAME_WITHOUT_VIDEO
                            .at(self.profile, name.name_span, "`name` is ignored without a nested `<Video>`")
                            .with_help("Remove `name`; the SIP URI is the text of `<Sip>`.")
                            .with_profile_note(
                                "V8: `name` is the URI only when a `<Video>` is nested; otherwise it is ignored",
                            );
                        self.out.push(d);
                    }
                }
                (None, None) => {}
            }
        }
        // V7: the last non-blank text chunk, trimmed.
        let last = element
            .texts()
            .filter_map(|t| Some((t, t.value.trimmed())).filter(|(_, (uri, _))| !uri.is_empty()))
            .last();
        match last {
            Some((text, trimmed)) => self.check_trimmed_uri(&text.value, trimmed, None),
            // TwiML: the URIs may be `<Uri>` children instead.
            None if uri_children => {}
            None => {
                if !self.out.skips(&EMPTY_SIP) {
                    let d = EMPTY_SIP
                        .at(self.profile, element.span, format!("`<{}>` has no SIP URI", element.name))
                        .with_help(format!(
                            "Write the SIP URI to dial as the text: `<{0}>sip:alice@example.com</{0}>`.",
                            element.name
                        ));
                    self.out.push(d);
                }
            }
        }
    }

    /// Parses one URI source with the SIP URI layer and maps every diagnostic back through
    /// trimming and entity decoding; fix texts are escaped for where they land.
    fn check_uri(
        &mut self,
        element: &Element,
        text: &DecodedText,
        quote: Option<char>,
        empty_range: crate::TextRange,
    ) {
        let (uri, decoded) = text.trimmed();
        if uri.is_empty() {
            if !self.out.skips(&EMPTY_SIP) {
                let d = EMPTY_SIP
                    .at(self.profile, empty_range, format!("`<{}>` `name` is empty", element.name))
                    .with_help("Write the SIP URI in `name`, e.g. `sip:alice@example.com`.");
                self.out.push(d);
            }
            return;
        }
        self.check_trimmed_uri(text, (uri, decoded), quote);
    }

    /// [`Self::check_uri`] of a URI already trimmed (`trimmed`: `text.trimmed()`, not empty).
    fn check_trimmed_uri(
        &mut self,
        text: &DecodedText,
        (uri, decoded): (&str, crate::TextRange),
        quote: Option<char>,
    ) {
        if self.out.is_full() {
            // Only counted: not mapped, escaped nor sorted.
            self.out.count_dropped(sip_uri::diagnostic_count(uri, self.profile));
            return;
        }
        for mut d in sip_uri::diagnostics(uri, self.profile) {
            d.map_offsets(|o| text.source_offset(decoded.start.saturating_add(o)));
            escape_fixes(&mut d, quote);
            self.out.push(d);
        }
    }
}

/// Fix texts computed on the decoded URI land in XML: escape `&`, `<` and the quote.
fn escape_fixes(d: &mut Diagnostic, quote: Option<char>) {
    for edit in d.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        if edit.text.contains(['&', '<', '"', '\'']) {
            let mut out = String::with_capacity(edit.text.len() + 8);
            for c in edit.text.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '"' if quote == Some('"') => out.push_str("&quot;"),
                    '\'' if quote == Some('\'') => out.push_str("&apos;"),
                    c => out.push(c),
                }
            }
            edit.text = out;
        }
    }
}
