//! Unit tests of the validator on hand-built trees, independent of the XML layer: a tiny
//! well-formed-only reader (no entities, no recovery) builds the arena.

#![allow(clippy::unwrap_used)] // test input is fixed and well-formed

use super::*;
use crate::diagnostics::Severity;
use crate::xml::ValueData;

/// Reads well-formed XML without entities into a [`Document`] (test only).
fn tree(source: &str) -> Document<'_> {
    let mut doc = Document::new(source);
    let mut stack: Vec<ElementId> = Vec::new();
    let b = source.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let flush_text = |doc: &mut Document, stack: &[ElementId], from: usize, to: usize| {
        if to > from {
            if let Some(&parent) = stack.last() {
                doc.push_text(parent, ValueData::verbatim(TextRange::from_usize(from, to)), false);
            }
        }
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        flush_text(&mut doc, &stack, text_start, i);
        if source[i..].starts_with("<?") || source[i..].starts_with("<!--") {
            let end = if source[i..].starts_with("<?") { "?>" } else { "-->" };
            i += source[i..].find(end).unwrap() + end.len();
        } else if b[i + 1] == b'/' {
            let close = i + source[i..].find('>').unwrap() + 1;
            let id = stack.pop().unwrap();
            doc.extend_span(id, close as u32);
            i = close;
        } else {
            let start = i;
            let mut j = i + 1;
            while b[j].is_ascii_alphanumeric() || b[j] == b':' || b[j] == b'-' || b[j] == b'_' {
                j += 1;
            }
            let name_span = TextRange::from_usize(i + 1, j);
            let attributes_from = doc.attribute_count();
            loop {
                while b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if b[j] == b'>' || b[j] == b'/' {
                    break;
                }
                let n0 = j;
                while b[j] != b'=' {
                    j += 1;
                }
                let quote = b[j + 1] as char;
                let v0 = j + 2;
                let v1 = v0 + source[v0..].find(quote).unwrap();
                let raw_span = TextRange::from_usize(v0, v1);
                doc.push_attribute(TextRange::from_usize(n0, j), quote, ValueData::verbatim(raw_span));
                j = v1 + 1;
            }
            let self_closing = b[j] == b'/';
            let end = j + if self_closing { 2 } else { 1 };
            let parent = stack.last().copied();
            let tag = TextRange::from_usize(start, end);
            let id = doc.push_element(parent, name_span, tag, attributes_from, self_closing);
            if !self_closing {
                stack.push(id);
            }
            i = end;
        }
        text_start = i;
    }
    doc
}

fn run(source: &str, profile: Profile) -> Vec<Diagnostic> {
    let doc = tree(source);
    let mut out = Diagnostics::new(profile);
    check(source, &doc, &mut out);
    out.into_sorted()
}

/// `code severity` of each diagnostic, and the source text it covers.
fn codes(source: &str, profile: Profile) -> Vec<(String, &'static str, String)> {
    run(source, profile)
        .into_iter()
        .map(|d| {
            let covered = d.text_range().slice(source).to_owned();
            (d.code.to_owned(), d.severity.as_str(), covered)
        })
        .collect()
}

fn has(source: &str, profile: Profile, code: &str) -> Option<Severity> {
    run(source, profile).into_iter().find(|d| d.code == code).map(|d| d.severity)
}

const R: Profile = Profile::Restcomm;
const C: Profile = Profile::RestcommConnect;
const T: Profile = Profile::Twilio;

#[test]
fn the_plain_seed_document_is_clean_everywhere() {
    let doc = "<Response>\n    <Dial>\n    <Sip>sip:alice@127.0.0.1:5080</Sip>\n    </Dial>\n</Response>";
    for p in Profile::ALL {
        // Only the SIP URI layer's advice about a loopback target remains.
        let found = codes(doc, p);
        assert!(
            found.iter().all(|(code, severity, _)| code.starts_with("sip-uri/") && *severity == "info"),
            "{p}: {found:?}"
        );
    }
}

#[test]
fn root_is_checked_per_profile() {
    let doc = "<Dial><Sip>sip:a@b</Sip></Dial>";
    assert_eq!(has(doc, R, "rcml/root-not-response"), Some(Severity::Error));
    assert_eq!(has(doc, C, "rcml/root-not-response"), Some(Severity::Warning));
    let d = run("<response><Hangup/></response>", R);
    let fix = &d[0].fixes[0];
    assert_eq!(fix.edits.len(), 2, "both tags renamed: {d:?}");
}

#[test]
fn unknown_elements_suggest_and_rename_both_tags() {
    let doc = "<Response><Dial><sip>sip:a@b</sip></Dial></Response>";
    let d = run(doc, R);
    assert_eq!(d.len(), 1, "only the unknown <sip>: {d:?}");
    let u = d.iter().find(|d| d.code == "rcml/unknown-element").unwrap();
    assert!(u.message.contains("did you mean `<Sip>`"), "{}", u.message);
    assert_eq!(u.fixes[0].edits.len(), 2);
    assert_eq!(u.fixes[0].edits[1].start as usize, doc.rfind("sip>").unwrap());
    // V2 split under restcomm-connect.
    assert_eq!(has(doc, C, "rcml/unknown-element"), Some(Severity::Error));
    assert_eq!(has("<Response><Foo/></Response>", C, "rcml/unknown-element"), Some(Severity::Warning));
}

#[test]
fn attributes_are_typed() {
    assert!(has("<Response><Say loop=\"x\">Hi</Say></Response>", R, "rcml/invalid-attribute-value").is_some());
    assert!(has("<Response><Say loop=\"0\">Hi</Say></Response>", R, "rcml/invalid-attribute-value").is_none());
    assert!(
        has("<Response><Gather finishOnKey=\"##\"/></Response>", R, "rcml/invalid-attribute-value").is_some()
    );
    assert!(
        has("<Response><Gather finishOnKey=\"\"/></Response>", R, "rcml/invalid-attribute-value").is_none()
    );
    assert!(
        has("<Response><Record maxLength=\"0\"/></Response>", R, "rcml/invalid-attribute-value").is_some()
    );
    let d = run("<Response><Dial callerID=\"bob\"><Sip>sip:a@b</Sip></Dial></Response>", R);
    assert!(d[0].message.contains("did you mean `callerId`"), "{d:?}");
    let d = run("<Response><Dial><Sip statusCallbackEvents=\"completed\">sip:a@b</Sip></Dial></Response>", R);
    assert!(d[0].message.contains("did you mean `statusCallbackEvent`"), "{d:?}");
}

#[test]
fn status_callback_event_separators_follow_v16_v17() {
    let space = "<Response><Dial><Sip statusCallback=\"http://x/s\" statusCallbackEvent=\"initiated ringing\">sip:a@b</Sip></Dial></Response>";
    let comma = "<Response><Dial><Sip statusCallback=\"http://x/s\" statusCallbackEvent=\"initiated,ringing\">sip:a@b</Sip></Dial></Response>";
    let code = "rcml/status-callback-event-separator";
    assert_eq!(has(space, R, code), Some(Severity::Info));
    assert_eq!(has(space, C, code), Some(Severity::Error));
    assert_eq!(has(space, T, code), None);
    assert_eq!(has(comma, R, code), Some(Severity::Warning));
    assert_eq!(has(comma, C, code), None);
    assert_eq!(has(comma, T, code), Some(Severity::Warning));
    let d = run(space, C);
    assert_eq!(d[0].fixes[0].edits[0].text, "initiated,ringing");
    let d = run(comma, T);
    assert_eq!(d[0].fixes[0].edits[0].text, "initiated ringing");
}

#[test]
fn methods_follow_v20() {
    let dial = "<Response><Dial method=\"PUT\" action=\"/a\"><Sip>sip:a@b</Sip></Dial></Response>";
    assert_eq!(has(dial, R, "rcml/invalid-method"), Some(Severity::Error));
    assert_eq!(has(dial, C, "rcml/invalid-method"), Some(Severity::Warning));
    let sip = "<Response><Dial><Sip method=\"PUT\" url=\"/s\">sip:a@b</Sip></Dial></Response>";
    assert_eq!(has(sip, C, "rcml/invalid-method"), Some(Severity::Error));
    assert!(has(
        "<Response><Dial method=\"get\"><Sip>sip:a@b</Sip></Dial></Response>",
        R,
        "rcml/invalid-method"
    )
    .is_none());
}

#[test]
fn urls_follow_v21_v22() {
    let js = "<Response><Dial><Sip url=\"javascript:alert(1)\">sip:a@b</Sip></Dial></Response>";
    assert_eq!(has(js, T, "rcml/unsafe-url"), Some(Severity::Error));
    let rel = "<Response><Dial><Sip statusCallback=\"/s\">sip:a@b</Sip></Dial></Response>";
    assert_eq!(has(rel, R, "rcml/relative-status-callback"), Some(Severity::Info));
    assert_eq!(has(rel, C, "rcml/relative-status-callback"), Some(Severity::Error));
    assert!(has("<Response><Redirect>ftp://x/y</Redirect></Response>", R, "rcml/unsafe-url").is_some());
}

#[test]
fn dial_shapes() {
    assert_eq!(has("<Response><Dial/></Response>", T, "rcml/empty-dial"), Some(Severity::Error));
    assert_eq!(
        has("<Response><Dial>a@b</Dial></Response>", R, "rcml/dial-text-sip-address"),
        Some(Severity::Warning)
    );
    assert_eq!(
        has("<Response><Dial>123<Number>1</Number></Dial></Response>", T, "rcml/dial-text-with-nouns"),
        Some(Severity::Error)
    );
    let two = "<Response><Dial><Sip>sip:a@b</Sip><Sip>sip:c@d</Sip></Dial></Response>";
    assert_eq!(has(two, R, "rcml/multiple-sip"), Some(Severity::Warning));
    assert_eq!(has(two, C, "rcml/multiple-sip"), None);
    assert_eq!(has(two, T, "rcml/multiple-sip"), Some(Severity::Info));
    let eleven = format!("<Response><Dial>{}</Dial></Response>", "<Sip>sip:a@b</Sip>".repeat(11));
    assert_eq!(has(&eleven, T, "rcml/multiple-sip"), Some(Severity::Error));
    let conf = "<Response><Dial><Sip>sip:a@b</Sip><Conference>room</Conference></Dial></Response>";
    assert_eq!(has(conf, C, "rcml/sip-beside-other-nouns"), Some(Severity::Warning));
    assert_eq!(
        has("<Response><Dial><Queue>q</Queue></Dial></Response>", C, "rcml/undialable-noun"),
        Some(Severity::Error)
    );
    assert_eq!(has("<Response><Dial><Queue>q</Queue></Dial></Response>", T, "rcml/undialable-noun"), None);
    assert_eq!(
        has("<Response><Sip>sip:a@b</Sip></Response>", R, "rcml/misplaced-element"),
        Some(Severity::Error)
    );
}

#[test]
fn sip_uri_source_and_credentials() {
    assert!(has("<Response><Dial><Sip>  </Sip></Dial></Response>", R, "rcml/empty-sip").is_some());
    assert!(has("<Response><Dial><Sip/></Dial></Response>", T, "rcml/empty-sip").is_some());
    let video = "<Response><Dial><Sip>sip:a@b<Video enable=\"true\"/></Sip></Dial></Response>";
    assert_eq!(has(video, C, "rcml/video-without-name"), Some(Severity::Error));
    assert_eq!(has(video, T, "rcml/unknown-element"), Some(Severity::Error));
    let name = "<Response><Dial><Sip name=\"sip:a@b\">sip:a@b</Sip></Dial></Response>";
    assert_eq!(has(name, R, "rcml/name-without-video"), Some(Severity::Warning));
    assert_eq!(has(name, T, "rcml/unknown-attribute"), Some(Severity::Warning));
    let pw = "<Response><Dial><Sip password=\"hunter2\">sip:a@b</Sip></Dial></Response>";
    let d = run(pw, R);
    assert!(d.iter().any(|d| d.code == "rcml/password-without-username"));
    assert!(d.iter().all(|d| !format!("{d:?}").contains("hunter2")));
}

#[test]
fn screening_documents_forbid_dial() {
    let doc = "<Response><Dial><Sip>sip:a@b</Sip></Dial></Response>";
    let parsed = tree(doc);
    let mut out = Diagnostics::new(R);
    check_screening(doc, &parsed, &mut out);
    assert!(out.items().iter().any(|d| d.code == "rcml/dial-in-screening"));
    assert!(has(doc, R, "rcml/dial-in-screening").is_none());
}

#[test]
fn deep_documents_do_not_recurse() {
    let depth = 100_000;
    let doc = format!("<Response>{}{}</Response>", "<Foo>".repeat(depth), "</Foo>".repeat(depth));
    let d = run(&doc, C);
    assert!(!d.is_empty());
}

#[test]
fn attributes_of_other_elements_say_where_they_belong() {
    let d = run("<Response><Dial statusCallback=\"https://x/s\"><Sip>sip:a@b</Sip></Dial></Response>", R);
    let help = d.first().and_then(|d| d.help.clone()).unwrap_or_default();
    assert!(help.contains("`<Sip>`") && help.contains("`<Number>`"), "{help}");
}

#[test]
fn a_noun_alone_is_misplaced() {
    let doc = "<Sip>sip:alice@127.0.0.1:5080</Sip>";
    assert_eq!(has(doc, C, "rcml/root-not-response"), Some(Severity::Warning));
    assert_eq!(has(doc, C, "rcml/misplaced-element"), Some(Severity::Error));
    assert_eq!(has("<Say>Hi</Say>", C, "rcml/misplaced-element"), None);
}

/// The fast verdict on attribute values never hides a diagnostic: wherever it says clean,
/// the full check reports nothing, for every attribute of the schema under every profile.
#[test]
fn clean_values_have_no_diagnostics() {
    const VALUES: &[&str] = &[
        "",
        " ",
        "true",
        "FALSE",
        "yes",
        "0",
        "1",
        "007",
        "000",
        "10s",
        "-1",
        "999999999",
        "1234567890",
        "GET",
        "post",
        "PUT",
        "#",
        "*",
        "12#",
        "a",
        "/x",
        "http://a.com/x",
        "https://",
        "ftp://a",
        "mailto:x",
        "a b",
        "initiated ringing",
        "initiated,ringing",
        "completed",
        "start end",
        "join",
        "bogus",
        "record-from-start",
        "do-not-record",
        "onEnter",
        "http://[::1]/",
        "//h/p",
        "http://a b/",
    ];
    for spec in ELEMENTS.iter().filter(|e| !e.open) {
        for attr_spec in spec.attributes {
            for value in VALUES {
                let source = format!("<{} {}=\"{value}\"/>", spec.name, attr_spec.name);
                for profile in Profile::ALL {
                    let mut sink = Diagnostics::new(profile);
                    let doc = crate::xml::parse(&source, &mut sink);
                    let (_, element) = doc.iter().next().unwrap();
                    let attr = element.attributes().next().unwrap();
                    let mut out = Diagnostics::new(profile);
                    let mut checker = Checker {
                        source: &source,
                        doc: &doc,
                        profile,
                        out: &mut out,
                        context: Context::default(),
                        callback: None,
                        index: schema_index::ForProfile::new(profile),
                        guesses: schema_index::Guesses::new(),
                    };
                    if values::value_is_clean(
                        spec,
                        attr_spec,
                        attr.name.as_bytes(),
                        attr.value.text.as_bytes(),
                    ) {
                        checker.check_value(&element, spec, attr_spec, &attr);
                        assert!(out.is_empty(), "{source} under {profile}: {:?}", out.items());
                    }
                }
            }
        }
    }
}

/// Each `statusCallbackEvent` asks whether its tag has a `statusCallback`: once per tag, so a
/// tag of many of them stays linear (quadratic, this takes minutes in a debug build).
#[test]
fn a_tag_of_many_status_callback_events_is_checked_in_linear_time() {
    let attributes = " statusCallbackEvent=\"initiated\"".repeat(60_000);
    let source = format!("<Response><Dial><Sip{attributes}>sip:a@b</Sip></Dial></Response>");
    let d = run(&source, Profile::Restcomm);
    let (cap, reported) = d.split_last().unwrap();
    assert_eq!((reported.len(), cap.code), (1000, "limits/too-many-diagnostics"));
    assert!(reported.iter().all(|d| d.code == EVENT_WITHOUT_CALLBACK.code), "{:?}", reported.first());
}

/// Where the index says no text rule reads an element's text, the text check reports
/// nothing, with text or without, under every profile.
#[test]
fn elements_whose_text_is_not_read_have_no_text_diagnostics() {
    for (i, spec) in ELEMENTS.iter().enumerate() {
        for profile in Profile::ALL {
            let index = schema_index::ForProfile::new(profile);
            if index.reads_text(i) {
                continue;
            }
            for source in [format!("<{0}>some text</{0}>", spec.name), format!("<{}/>", spec.name)] {
                let doc = tree(&source);
                let element = doc.element(ElementId(0)).unwrap();
                let mut out = Diagnostics::new(profile);
                let mut checker = Checker {
                    source: &source,
                    doc: &doc,
                    profile,
                    index,
                    guesses: schema_index::Guesses::new(),
                    out: &mut out,
                    context: Context::default(),
                    callback: None,
                };
                checker.check_text(&element, spec);
                assert!(out.is_empty(), "{source} under {profile}: {:?}", out.items());
            }
        }
    }
}
