//! RCML: the schema of every verb and noun (as data, [`schema`]) and the validator that applies
//! it, with the deep `<Dial>`/`<Sip>` rules of `profiles.md` (V1–V32).
//!
//! One pass over the element arena in document order (no recursion on depth): each element is
//! looked up in the schema, its attributes and text checked against their types, its place
//! against its parent's children list, and `<Dial>`, `<Sip>` and `<Uri>` get the deep rules
//! ([`dial`]). Every platform difference is read from a table indexed by the profile.

mod dial;
pub mod rules;
pub mod schema;
mod schema_index;
mod schema_tables;
mod suggest;
mod urls;
mod values;

#[cfg(test)]
mod tests;

pub use schema::{schema_data, schema_json, schema_view};
pub use suggest::did_you_mean;

use crate::diagnostics::{Diagnostic, Diagnostics, Edit};
use crate::profile::{PerProfile, Profile};
use crate::text::TextRange;
use crate::xml::{Attribute, Document, Element, ElementId};
use rules::*;
use schema::{AttributeLookup, ElementKind, ElementSpec, TextContent, ValueType, ELEMENTS};

/// What the document is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The document is a call-screening document (the target of `<Sip url>`): `<Dial>` is
    /// forbidden there (V26).
    pub screening: bool,
}

/// Reports every `rcml/*` (and, through the SIP URI parser, `sip-uri/*`) problem of `document`.
pub fn check(source: &str, document: &Document, diagnostics: &mut Diagnostics) {
    check_with(source, document, diagnostics, Context::default());
}

/// [`check`] for a call-screening document, where `<Dial>` is forbidden (V26).
pub fn check_screening(source: &str, document: &Document, diagnostics: &mut Diagnostics) {
    check_with(source, document, diagnostics, Context { screening: true });
}

/// [`check`] with an explicit [`Context`].
pub fn check_with(source: &str, document: &Document, diagnostics: &mut Diagnostics, context: Context) {
    let mut checker = Checker {
        source,
        doc: document,
        profile: diagnostics.profile,
        index: schema_index::ForProfile::new(diagnostics.profile),
        guesses: schema_index::Guesses::new(),
        out: diagnostics,
        context,
        callback: None,
    };
    checker.run();
}

/// What the walk remembers of each element (indexed like [`Document::elements`]): two
/// bytes.
#[derive(Clone, Copy)]
struct Frame {
    /// The position in [`ELEMENTS`] (or [`Frame::NONE`]) of the nearest element known under
    /// the profile among the element and its ancestors: the container of the element's
    /// children. Unknown wrappers are transparent (Restcomm-Connect still runs the verbs
    /// inside them).
    scope: u8,
    /// Inside or at a TwiML verb whose content is not modelled: nothing below is checked.
    closed: bool,
}

impl Frame {
    const NONE: u8 = u8::MAX;
}

/// The schema entry at a position of [`ELEMENTS`].
fn spec_at(index: u8) -> Option<(usize, &'static ElementSpec)> {
    let index = usize::from(index);
    ELEMENTS.get(index).map(|spec| (index, spec))
}

pub(crate) struct Checker<'a> {
    source: &'a str,
    doc: &'a Document<'a>,
    profile: Profile,
    /// The schema indexes under `profile`.
    index: schema_index::ForProfile,
    /// Where each element's attributes were found last time (see [`schema_index::Guesses`]).
    guesses: schema_index::Guesses,
    out: &'a mut Diagnostics,
    context: Context,
    /// Whether the element last asked about has a `statusCallback` attribute: asked once per
    /// `statusCallbackEvent`, so a tag of thousands of them stays linear.
    callback: Option<(ElementId, bool)>,
}

impl Checker<'_> {
    fn run(&mut self) {
        let mut frames: Vec<Frame> = Vec::with_capacity(self.doc.elements.len());
        let response = schema_index::element_index("Response").and_then(|i| u8::try_from(i).ok());
        let response = response.unwrap_or(Frame::NONE);
        let response_spec = spec_at(response);
        for (id, element) in self.doc.iter() {
            let element = &element;
            let known =
                self.index.element(element.name).and_then(|i| u8::try_from(i).ok()).unwrap_or(Frame::NONE);
            let parent = element.parent.and_then(|p| frames.get(p.0 as usize).copied());
            let opaque = parent.is_some_and(|f| f.closed);
            let outer = parent.map_or(Frame::NONE, |f| f.scope);
            let spec = spec_at(known);
            frames.push(Frame {
                scope: if spec.is_some() { known } else { outer },
                closed: opaque || spec.is_some_and(|(_, s)| s.open),
            });
            if opaque {
                continue;
            }
            let container = spec_at(outer).or(response_spec);
            match element.parent {
                None => {
                    self.check_root(element);
                    // A noun alone (a documentation fragment) dials nothing.
                    if let (Some((_, spec)), Some((_, response))) = (spec, response_spec) {
                        if matches!(spec.kind, ElementKind::Noun | ElementKind::Part) {
                            self.check_placement(element, spec, response);
                        }
                    }
                }
                Some(parent) => match (spec, container) {
                    (None, _) => self.unknown_element(element, parent),
                    (Some((child, spec)), Some((parent, container))) => {
                        if !self.index.allows_child(parent, child) {
                            self.check_placement(element, spec, container);
                        }
                    }
                    (Some(_), None) => {}
                },
            }
            if let Some((index, spec)) = spec {
                let present = self.check_attributes(element, index, spec);
                if self.index.reads_text(index) {
                    self.check_text(element, spec);
                }
                match index {
                    schema_index::DIAL => self.check_dial(id, element, present),
                    schema_index::SIP | schema_index::URI => {
                        self.check_dialled_uri(id, element, index, present)
                    }
                    _ => {}
                }
            }
        }
    }

    /// V1.
    fn check_root(&mut self, element: &Element) {
        if element.name == "Response" {
            return;
        }
        let mut d = ROOT_NOT_RESPONSE
            .at(
                self.profile,
                element.name_span,
                format!("the root element is `<{}>`, not `<Response>`", values::short_name(element.name)),
            )
            .with_help("Wrap the verbs in `<Response>…</Response>`.");
        if self.profile == Profile::RestcommConnect {
            d = d.with_profile_note(
                "V1: Restcomm-Connect does not check the root element; the verbs inside still run",
            );
        }
        if element.name.eq_ignore_ascii_case("Response") || did_you_mean(element.name, ["Response"]).is_some()
        {
            d = self.with_rename(d, element, "Response");
        } else if let Some((start, end)) = self.wrap_points(element) {
            d = d.with_fix(
                "wrap in `<Response>`",
                vec![
                    Edit { start, end: start, text: "<Response>".into() },
                    Edit { start: end, end, text: "</Response>".into() },
                ],
            );
        }
        self.out.push(d);
    }

    fn wrap_points(&self, element: &Element) -> Option<(u32, u32)> {
        (element.span.end > element.span.start).then_some((element.span.start, element.span.end))
    }

    /// V2.
    fn unknown_element(&mut self, element: &Element, parent: ElementId) {
        let in_dial = self.doc.element(parent).is_some_and(|p| p.name == "Dial");
        // Inside `<Dial>`, restcomm-connect sets the severity (an error) below.
        let forced = in_dial && self.profile == Profile::RestcommConnect;
        if if forced { self.out.skips_forced() } else { self.out.skips(&UNKNOWN_ELEMENT) } {
            return;
        }
        let other_profiles = schema::element(element.name);
        let mut d = match other_profiles {
            Some(spec) => UNKNOWN_ELEMENT
                .at(
                    self.profile,
                    element.name_span,
                    format!("`<{}>` is not an element of the `{}` profile", element.name, self.profile),
                )
                .with_help(format!(
                    "Remove `<{}>`: it is known only under {}.",
                    element.name,
                    profiles_list(spec.profiles)
                ))
                .with_profile_note(format!(
                    "V2: `<{}>` exists only under {}",
                    element.name,
                    profiles_list(spec.profiles)
                )),
            None => UNKNOWN_ELEMENT
                .at(
                    self.profile,
                    element.name_span,
                    format!("unknown element `<{}>`", values::short_name(element.name)),
                )
                .with_help("RCML names are case-sensitive; use one of the verbs and nouns of the schema."),
        };
        if self.profile == Profile::RestcommConnect {
            let connect = if in_dial {
                d = d.with_severity(crate::Severity::Error);
                "as a child of `<Dial>`, an unknown element leaves Restcomm-Connect without a call to make: the dial breaks"
            } else {
                "Restcomm-Connect skips unknown elements at run time (verbs inside still run)"
            };
            let note = match d.profile_note.take() {
                Some(first) => format!("{first}; {connect}"),
                None => format!("V2: {connect}"),
            };
            d = d.with_profile_note(note);
        }
        if other_profiles.is_none() && self.out.dropped() == 0 {
            let names = ELEMENTS.iter().filter(|e| e.exists_in(self.profile)).map(|e| e.name);
            if let Some(best) = did_you_mean(element.name, names) {
                d.message.push_str(&format!("; did you mean `<{best}>`?"));
                d = self.with_rename(d, element, best);
            }
        }
        self.out.push(d);
    }

    /// A fix renaming the start tag and, when there is one, the end tag.
    fn with_rename(&self, d: Diagnostic, element: &Element, to: &str) -> Diagnostic {
        let mut edits =
            vec![Edit { start: element.name_span.start, end: element.name_span.end, text: to.to_owned() }];
        if let Some(end) = self.end_tag_name(element) {
            edits.push(Edit { start: end.start, end: end.end, text: to.to_owned() });
        }
        d.with_fix(format!("rename to `<{to}>`"), edits)
    }

    /// The name inside `</name>`, found backwards from the end of the element's span.
    fn end_tag_name(&self, element: &Element) -> Option<TextRange> {
        if element.self_closing || element.span.end <= element.start_tag.end {
            return None;
        }
        let bytes = self.source.as_bytes();
        let mut end = (element.span.end as usize).checked_sub(1)?;
        if bytes.get(end) != Some(&b'>') {
            return None;
        }
        while end > 0 && bytes.get(end - 1).is_some_and(|b| b.is_ascii_whitespace()) {
            end -= 1;
        }
        let start = end.checked_sub(element.name.len())?;
        let before = start.checked_sub(2)?;
        (self.source.get(start..end) == Some(element.name) && self.source.get(before..start) == Some("</"))
            .then(|| TextRange::from_usize(start, end))
    }

    /// Whether `element` may sit in `container` (its nearest known ancestor).
    fn check_placement(&mut self, element: &Element, spec: &ElementSpec, container: &ElementSpec) {
        if container.allows_child(spec.name, self.profile) {
            return;
        }
        // Where the placement exists under other profiles, say so (the row that decides it).
        let elsewhere = container.children.iter().find(|c| c.name == spec.name).map(|c| c.profiles);
        if container.name == "Dial" && spec.kind == ElementKind::Noun {
            if self.out.skips(&UNDIALABLE_NOUN) {
                return;
            }
            let breaks = if self.profile == Profile::Twilio { "" } else { ": the dial breaks" };
            let note = match elsewhere {
                Some(profiles) => {
                    format!("V32: `<Dial>` dials `<{}>` only under {}", spec.name, profiles_list(profiles))
                }
                None => format!("V32: `<{}>` is not a noun `<Dial>` dials", spec.name),
            };
            let d = UNDIALABLE_NOUN
                .at(
                    self.profile,
                    element.name_span,
                    format!("`<Dial>` cannot dial `<{}>`{breaks}", spec.name),
                )
                .with_help("Dial a `<Sip>`, `<Number>`, `<Client>` or `<Conference>` instead.")
                .with_profile_note(note);
            self.out.push(d);
            return;
        }
        if self.out.skips(&MISPLACED_ELEMENT) {
            return;
        }
        let allowed: Vec<&str> = schema::ELEMENTS
            .iter()
            .filter(|e| e.exists_in(self.profile) && e.allows_child(spec.name, self.profile))
            .map(|e| e.name)
            .collect();
        let place = match allowed.as_slice() {
            [] => "nowhere under this profile".to_owned(),
            names => format!(
                "inside {}",
                names.iter().map(|n| format!("`<{n}>`")).collect::<Vec<_>>().join(" or ")
            ),
        };
        let d = MISPLACED_ELEMENT
            .at(
                self.profile,
                element.name_span,
                match element.parent {
                    None => {
                        format!("`<{}>` is not allowed at the top level", spec.name)
                    }
                    // Name the parent as written (an unknown wrapper is transparent, but it is
                    // where the element sits).
                    Some(parent) => format!(
                        "`<{}>` is not allowed inside `<{}>`",
                        spec.name,
                        self.doc.element(parent).map_or(container.name, |p| p.name)
                    ),
                },
            )
            .with_help(format!("`<{}>` belongs {place}.", spec.name));
        let d = match elsewhere {
            Some(profiles) => {
                let row = PLACEMENT_ROWS
                    .iter()
                    .find(|(parent, child, _)| *parent == container.name && *child == spec.name)
                    .map_or("V2", |r| r.2);
                d.with_profile_note(format!(
                    "{row}: `<{}>` takes `<{}>` children only under {}",
                    container.name,
                    spec.name,
                    profiles_list(profiles)
                ))
            }
            None => d,
        };
        self.out.push(d);
    }

    /// `index`: the position of `spec` in [`ELEMENTS`]. The loop handles the common case (a
    /// known attribute with a clean value) and leaves everything else to [`Self::attribute_problem`].
    ///
    /// Returns the set of the element's attribute names seen (see
    /// [`schema_index::attribute_bit`]), for the deep rules to skip searches.
    fn check_attributes(&mut self, element: &Element, index: usize, spec: &'static ElementSpec) -> u32 {
        if spec.open {
            return u32::MAX;
        }
        let mut present = 0;
        let mut guesses = self.guesses.row(index);
        let known = self.index.known_first(index);
        for (ordinal, attr) in element.attribute_refs().enumerate() {
            let name = attr.name_bytes();
            let (lookup, bit) =
                self.index.attribute_guessed(&mut guesses, known, (index, spec), ordinal, name);
            present |= bit;
            match lookup {
                AttributeLookup::Known(attr_spec)
                    if values::value_is_clean(spec, attr_spec, name, attr.value_bytes()) => {}
                lookup => self.attribute_problem(element, spec, &attr.view(), lookup),
            }
        }
        self.guesses.set_row(index, guesses);
        if schema_index::has_required(index) {
            self.check_required(element, spec);
        }
        present
    }

    /// An attribute that is unknown, known only elsewhere, or whose value needs the full
    /// check. Out of line, so that the loop over clean attributes stays small.
    #[inline(never)]
    fn attribute_problem(
        &mut self,
        element: &Element,
        spec: &'static ElementSpec,
        attr: &Attribute,
        lookup: AttributeLookup,
    ) {
        // No schema attribute is a namespace declaration: only unknown names need the test.
        if !matches!(lookup, AttributeLookup::Known(_))
            && (attr.name.starts_with("xmlns") || attr.name.starts_with("xml:"))
        {
            return;
        }
        match lookup {
            AttributeLookup::Known(attr_spec) => self.check_value(element, spec, attr_spec, attr),
            AttributeLookup::OtherProfile(_) | AttributeLookup::Unknown
                if self.out.skips(&UNKNOWN_ATTRIBUTE) => {}
            AttributeLookup::OtherProfile(attr_spec) => {
                let where_known = profiles_list(attr_spec.profiles);
                let d = UNKNOWN_ATTRIBUTE
                    .at(
                        self.profile,
                        attr.name_span,
                        format!(
                            "`<{}>` has no `{}` attribute under the `{}` profile",
                            spec.name, attr.name, self.profile
                        ),
                    )
                    .with_help(format!(
                        "`{}` is ignored here; it is known only under {where_known}.",
                        attr.name
                    ))
                    .with_profile_note(format!(
                        "V3: `{}` on `<{}>` exists only under {where_known}",
                        attr.name, spec.name
                    ));
                self.out.push(d);
            }
            AttributeLookup::Unknown => {
                let mut d = UNKNOWN_ATTRIBUTE
                    .at(
                        self.profile,
                        attr.name_span,
                        format!("unknown attribute `{}` on `<{}>`", values::short_name(attr.name), spec.name),
                    )
                    .with_help("Unknown attributes are ignored; attribute names are case-sensitive.");
                if self.out.dropped() == 0 {
                    if let Some(best) = did_you_mean(attr.name, spec.attribute_names(self.profile)) {
                        d.message.push_str(&format!("; did you mean `{best}`?"));
                        d = d.with_replacement(format!("rename to `{best}`"), best);
                    } else if let Some(owners) = self.owners_of(attr.name) {
                        d = d.with_help(format!(
                            "`{}` is an attribute of {owners}; move it there.",
                            attr.name
                        ));
                    }
                }
                self.out.push(d);
            }
        }
    }

    #[inline(never)]
    fn check_required(&mut self, element: &Element, spec: &'static ElementSpec) {
        for required in spec.attributes.iter().filter(|a| a.required && a.profiles.get(self.profile)) {
            if element.attribute(required.name).is_none() && !self.out.skips(&MISSING_ATTRIBUTE) {
                let d = MISSING_ATTRIBUTE
                    .at(
                        self.profile,
                        element.name_span,
                        format!("`<{}>` needs a `{}` attribute", spec.name, required.name),
                    )
                    .with_help(format!("Add `{}=\"…\"` ({}).", required.name, required.doc));
                self.out.push(d);
            }
        }
    }

    /// The elements that do have an attribute of this name (`statusCallback` written on
    /// `<Dial>` belongs on its nouns).
    fn owners_of(&self, attribute: &str) -> Option<String> {
        let owners: Vec<String> = ELEMENTS
            .iter()
            .filter(|e| e.exists_in(self.profile))
            .filter(|e| matches!(e.attribute(attribute, self.profile), AttributeLookup::Known(_)))
            .map(|e| format!("`<{}>`", e.name))
            .collect();
        match owners.split_last() {
            None => None,
            Some((last, [])) => Some(last.clone()),
            Some((last, rest)) => Some(format!("{} and {last}", rest.join(", "))),
        }
    }

    fn check_text(&mut self, element: &Element, spec: &ElementSpec) {
        if spec.open {
            return;
        }
        let content = spec.text.get(self.profile);
        let forbidden = content == TextContent::Forbidden;
        let required = content == TextContent::Required && spec.text_value != ValueType::SipUri;
        let url = spec.text_value == ValueType::Url;
        if !(forbidden || required || url) {
            return;
        }
        // Restcomm keeps the last non-blank chunk when text is split around child elements;
        // only a URL needs it, the other rules stop at the first one.
        let mut first_text = None;
        let mut last_text = None;
        for text in element.texts() {
            let (value, decoded) = text.value.trimmed();
            if !value.is_empty() {
                first_text.get_or_insert((text, decoded));
                last_text = Some((text, value, decoded));
                if !url {
                    break;
                }
            }
        }
        let forbidden_text = first_text.filter(|_| forbidden && !self.out.skips(&UNEXPECTED_TEXT));
        if let Some((text, decoded)) = forbidden_text {
            let range = text.value.source_range(decoded);
            let d = UNEXPECTED_TEXT
                .at(self.profile, range, format!("`<{}>` takes no text; this text is ignored", spec.name))
                .with_help("Put the text in a verb (`<Say>` to speak it) or remove it.");
            self.out.push(d);
        }
        if required && last_text.is_none() && !self.out.skips(&MISSING_TEXT) {
            let what = match spec.text_value {
                ValueType::Url => "a URL",
                _ => "text",
            };
            let d = MISSING_TEXT
                .at(self.profile, element.name_span, format!("`<{}>` needs {what} as its content", spec.name))
                .with_help(format!("Write the content of `<{}>` ({}).", spec.name, spec.doc));
            self.out.push(d);
        }
        if let (ValueType::Url, Some((text, value, decoded))) = (spec.text_value, last_text) {
            // An absolute or relative URL in text is fine: no range to map.
            if !matches!(urls::url_verdict(value), urls::UrlVerdict::Absolute | urls::UrlVerdict::Relative) {
                let range = text.value.source_range(decoded);
                self.check_url(value, range, || format!("the `<{}>` URL", spec.name), None);
            }
        }
    }
}

/// The row deciding a placement that exists under some profiles only.
const PLACEMENT_ROWS: &[(&str, &str, &str)] =
    &[("Sip", "Uri", "V7"), ("Sip", "Video", "V8"), ("Sip", "Headers", "V14")];

/// `` `restcomm` and `restcomm-connect` ``.
pub(crate) fn profiles_list(availability: PerProfile<bool>) -> String {
    let names: Vec<String> =
        Profile::ALL.iter().filter(|p| availability.get(**p)).map(|p| format!("`{p}`")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "no profile".to_owned(),
    }
}
