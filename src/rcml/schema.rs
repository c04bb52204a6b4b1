//! The RCML schema as data: every verb and noun, its attributes (value type, default, a
//! one-line doc), its children, whether it takes text, and under which profiles each exists.
//!
//! The validator, the rule catalogue and the editor completion of the npm package all read
//! these tables (see [`schema_json`]), so a platform difference is one table cell, not a branch.

use crate::profile::{PerProfile, Profile};
use serde::Serialize;
use serde_json::Value;

pub use super::schema_tables::ELEMENTS;

/// Under which profiles something exists.
pub type Availability = PerProfile<bool>;

/// Every profile.
pub const ALL: Availability = PerProfile::all(true);
/// `restcomm` and `restcomm-connect` only.
pub const RESTCOMM: Availability = PerProfile::new(true, true, false);
/// `twilio` only.
pub const TWILIO: Availability = PerProfile::new(false, false, true);

/// What an attribute value (or an element's text) must look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "values", rename_all = "kebab-case")]
pub enum ValueType {
    /// Free text.
    Text,
    /// An `http(s)` URL, absolute or relative to the document URL (V21).
    Url,
    /// `GET` or `POST`, any case (V20).
    Method,
    /// `true` or `false`, any case.
    Bool,
    /// An integer of at least 1.
    PositiveInt,
    /// An integer of at least 0.
    NonNegativeInt,
    /// One of the listed values (exact case).
    Enum(&'static [&'static str]),
    /// The call-progress events of a `<Dial>` noun (`initiated ringing answered completed`),
    /// whose separator the platforms disagree on (V16–V18).
    CallEvents,
    /// Other space-separated event lists.
    EventList(&'static [&'static str]),
    /// At most one DTMF key (`0`-`9`, `#`, `*`), or empty.
    Key,
    /// Any number of DTMF keys.
    Keys,
    /// A SIP URI (element text of `<Sip>` and `<Uri>`), checked by the SIP URI layer.
    SipUri,
}

/// The call-progress events of `<Sip>`, `<Number>`, `<Client>` and `<Uri>`.
pub const CALL_EVENTS: &[&str] = &["initiated", "ringing", "answered", "completed"];

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeSpec {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub value: ValueType,
    pub default: Option<&'static str>,
    /// One line for editor hover.
    pub doc: &'static str,
    pub profiles: Availability,
    pub required: bool,
}

impl AttributeSpec {
    /// An optional attribute known under every profile.
    pub const fn new(
        name: &'static str,
        value: ValueType,
        default: Option<&'static str>,
        doc: &'static str,
    ) -> Self {
        Self { name, value, default, doc, profiles: ALL, required: false }
    }

    /// The same attribute, known only under `profiles`.
    pub const fn only(self, profiles: Availability) -> Self {
        Self { profiles, ..self }
    }

    pub const fn required(self) -> Self {
        Self { required: true, ..self }
    }

    /// The values an editor can offer for it.
    pub fn completion_values(&self) -> &'static [&'static str] {
        match self.value {
            ValueType::Enum(values) | ValueType::EventList(values) => values,
            ValueType::CallEvents => CALL_EVENTS,
            ValueType::Method => &["GET", "POST"],
            ValueType::Bool => &["true", "false"],
            _ => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElementKind {
    /// `<Response>`.
    Root,
    Verb,
    Noun,
    /// A helper element inside a noun (`<Headers>`, `<Header>`).
    Part,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextContent {
    /// Only whitespace may appear.
    Forbidden,
    Optional,
    Required,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct ChildSpec {
    pub name: &'static str,
    pub profiles: Availability,
}

impl ChildSpec {
    pub const fn new(name: &'static str) -> Self {
        Self { name, profiles: ALL }
    }

    pub const fn only(name: &'static str, profiles: Availability) -> Self {
        Self { name, profiles }
    }
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementSpec {
    pub name: &'static str,
    pub kind: ElementKind,
    pub doc: &'static str,
    pub profiles: Availability,
    pub attributes: &'static [AttributeSpec],
    pub children: &'static [ChildSpec],
    pub text: PerProfile<TextContent>,
    /// What the text must look like, when there is text.
    pub text_value: ValueType,
    /// Attributes and children are not modelled (TwiML verbs outside this tool's scope):
    /// nothing inside is reported as unknown.
    pub open: bool,
}

/// What an attribute name means on an element under a profile.
#[derive(Clone, Copy, Debug)]
pub enum AttributeLookup {
    Known(&'static AttributeSpec),
    /// Known on this element, but only under other profiles.
    OtherProfile(&'static AttributeSpec),
    Unknown,
}

impl ElementSpec {
    pub fn exists_in(&self, profile: Profile) -> bool {
        self.profiles.get(profile)
    }

    pub fn attribute(&self, name: &str, profile: Profile) -> AttributeLookup {
        let mut other = None;
        for spec in self.attributes.iter().filter(|a| a.name == name) {
            if spec.profiles.get(profile) {
                return AttributeLookup::Known(spec);
            }
            other = Some(spec);
        }
        other.map_or(AttributeLookup::Unknown, AttributeLookup::OtherProfile)
    }

    /// The attribute names known under `profile` (for "did you mean").
    pub fn attribute_names(&self, profile: Profile) -> impl Iterator<Item = &'static str> + '_ {
        self.attributes.iter().filter(move |a| a.profiles.get(profile)).map(|a| a.name)
    }

    /// Whether `child` may appear directly inside this element under `profile`.
    pub fn allows_child(&self, child: &str, profile: Profile) -> bool {
        self.children.iter().any(|c| c.name == child && c.profiles.get(profile))
    }

    /// Whether `child` appears in the children list under any profile.
    pub fn allows_child_somewhere(&self, child: &str) -> bool {
        self.children.iter().any(|c| c.name == child)
    }
}

/// The element named exactly `name` (a hash probe: see `schema_index`).
pub fn element(name: &str) -> Option<&'static ElementSpec> {
    super::schema_index::element_index(name).and_then(|i| ELEMENTS.get(i))
}

/// The whole schema, every profile, as plain data (the rule catalogue, documentation).
pub fn schema_data() -> Value {
    serde_json::to_value(ELEMENTS).unwrap_or(Value::Null)
}

/// The schema under one profile, in the shape of CodeMirror `@codemirror/lang-xml`'s
/// `elements` option: `[{ name, top, attributes: [{ name, values, completion }], completion,
/// children?, textContent? }]`. Editor completion reads this; nothing is hand-copied. A view
/// serialised as it is read from the tables (no `serde_json::Value`, no vector of elements)
/// by the npm package's `xmlElements`.
pub fn schema_view(profile: Profile) -> SchemaView {
    SchemaView(profile)
}

/// See [`schema_view`].
#[derive(Clone, Copy, Debug)]
pub struct SchemaView(Profile);

impl Serialize for SchemaView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let profile = self.0;
        serializer.collect_seq(ELEMENTS.iter().filter(|e| e.exists_in(profile)).map(|e| ElementJson {
            name: e.name,
            top: e.kind == ElementKind::Root,
            attributes: Attributes(e, profile),
            completion: Completion { kind: "type", info: e.doc, detail: None },
            // lang-xml reads an absent `children` as "anything": give it for closed elements.
            children: (!e.open).then_some(Children(e, profile)),
            text_content: (e.text_value == ValueType::SipUri).then_some(["sip:"]),
        }))
    }
}

/// The attributes of an element under a profile, as [`AttributeJson`]s.
#[derive(Clone, Copy, Debug)]
pub struct Attributes(&'static ElementSpec, Profile);

impl Serialize for Attributes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Attributes(element, profile) = *self;
        serializer.collect_seq(element.attributes.iter().filter(|a| a.profiles.get(profile)).map(|a| {
            AttributeJson {
                name: a.name,
                values: a.completion_values(),
                completion: Completion {
                    kind: "property",
                    info: a.doc,
                    detail: Some(a.default.map_or_else(String::new, |d| format!("default: {d}"))),
                },
            }
        }))
    }
}

/// The children names of an element under a profile.
#[derive(Clone, Copy, Debug)]
pub struct Children(&'static ElementSpec, Profile);

impl Serialize for Children {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Children(element, profile) = *self;
        serializer.collect_seq(element.children.iter().filter(|c| c.profiles.get(profile)).map(|c| c.name))
    }
}

/// [`schema_view`] as a `serde_json::Value`.
pub fn schema_json(profile: Profile) -> Value {
    serde_json::to_value(schema_view(profile)).unwrap_or(Value::Null)
}

/// One element of [`schema_view`] (field order is the output's key order).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementJson {
    pub name: &'static str,
    pub top: bool,
    pub attributes: Attributes,
    pub completion: Completion,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<Children>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_content: Option<[&'static str; 1]>,
}

/// One attribute of an [`ElementJson`].
#[derive(Debug, Serialize)]
pub struct AttributeJson {
    pub name: &'static str,
    pub values: &'static [&'static str],
    pub completion: Completion,
}

/// A CodeMirror completion: `{ type, info, detail? }`.
#[derive(Debug, Serialize)]
pub struct Completion {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub info: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_element_table_is_sorted_and_unique() {
        for pair in ELEMENTS.windows(2) {
            if let [a, b] = pair {
                assert!(a.name < b.name, "{} must come before {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn every_child_is_an_element_of_the_schema() {
        for e in ELEMENTS {
            for c in e.children {
                let child = element(c.name);
                assert!(child.is_some(), "{} lists unknown child {}", e.name, c.name);
            }
        }
    }

    #[test]
    fn attribute_names_are_unique_per_profile() {
        for e in ELEMENTS {
            for p in Profile::ALL {
                let mut names: Vec<&str> = e.attribute_names(p).collect();
                names.sort_unstable();
                let len = names.len();
                names.dedup();
                assert_eq!(len, names.len(), "{} has a duplicate attribute under {p}", e.name);
            }
        }
    }

    #[test]
    fn profile_availability_is_data() {
        let sip = element("Sip");
        assert!(matches!(
            sip.map(|s| s.attribute("name", Profile::Twilio)),
            Some(AttributeLookup::OtherProfile(_))
        ));
        assert!(matches!(
            sip.map(|s| s.attribute("name", Profile::Restcomm)),
            Some(AttributeLookup::Known(_))
        ));
        let dial = element("Dial");
        assert_eq!(dial.map(|d| d.allows_child("Uri", Profile::Restcomm)), Some(true));
        assert_eq!(dial.map(|d| d.allows_child("Uri", Profile::Twilio)), Some(false));
    }

    #[test]
    fn the_editor_spec_has_the_lang_xml_shape() {
        let spec = schema_json(Profile::Restcomm);
        let sip = spec.as_array().and_then(|a| a.iter().find(|e| e["name"] == "Sip")).cloned();
        let sip = sip.unwrap_or_default();
        assert_eq!(sip["top"], false);
        assert!(sip["children"].as_array().is_some_and(|c| c.iter().any(|c| c == "Video")));
        let method =
            sip["attributes"].as_array().and_then(|a| a.iter().find(|a| a["name"] == "method")).cloned();
        assert_eq!(method.unwrap_or_default()["values"], json!(["GET", "POST"]));
        let twilio = schema_json(Profile::Twilio);
        assert!(twilio.as_array().is_some_and(|a| a.iter().all(|e| e["name"] != "Email")));
        assert!(schema_data().as_array().is_some_and(|a| a.len() == ELEMENTS.len()));
    }
}
