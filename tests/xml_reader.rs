//! The XML reader, table-driven: per case the input, the profile, and every expected
//! diagnostic as `(code, start, end)` byte offsets (sorted by position). A failing case
//! prints what the reader produced together with the source text each span covers.

use rcml_sip::xml::{self, Document};
use rcml_sip::{Diagnostic, Diagnostics, Profile, Severity};

struct Case {
    name: &'static str,
    profile: Profile,
    input: &'static str,
    expected: &'static [(&'static str, u32, u32)],
}

const R: Profile = Profile::Restcomm;
const RC: Profile = Profile::RestcommConnect;
const T: Profile = Profile::Twilio;

fn run(profile: Profile, input: &str) -> (Document<'_>, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new(profile);
    let doc = xml::parse(input, &mut diagnostics);
    let mut items = diagnostics.items().to_vec();
    items.sort_by_key(|d| (d.range.start.offset, d.range.end.offset, d.code));
    (doc, items)
}

fn show(input: &str, items: &[Diagnostic]) -> String {
    items
        .iter()
        .map(|d| {
            let r = d.text_range();
            format!("  ({:?}, {}, {}), // {:?} {}\n", d.code, r.start, r.end, r.slice(input), d.message)
        })
        .collect()
}

const CASES: &[Case] = &[
    // --- well-formed documents: nothing to say ------------------------------------------
    Case { name: "minimal", profile: R, input: "<Response/>", expected: &[] },
    Case {
        name: "declaration, comment, pi, cdata, references",
        profile: R,
        input: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- c --><?pi x?><Response><Say a='&lt;&#x41;&#65;'>a&amp;b<![CDATA[<&>]]></Say></Response>\n",
        expected: &[],
    },
    Case { name: "bom then declaration", profile: R, input: "\u{FEFF}<?xml version=\"1.0\"?><a/>", expected: &[] },
    Case { name: "whitespace around root", profile: R, input: "\n  <a>\n</a>\n\n", expected: &[] },
    Case { name: "end tag with trailing space", profile: R, input: "<a></a  >", expected: &[] },
    Case { name: "gt in text and attribute", profile: R, input: "<a b=\">\">></a>", expected: &[] },
    // --- V4: bare ampersands ------------------------------------------------------------
    Case {
        name: "bare amp in text",
        profile: R,
        input: "<Sip>sip:a@b?x=1&y=2</Sip>",
        expected: &[("xml/bare-ampersand", 16, 17)],
    },
    Case {
        name: "bare amps under restcomm-connect: reported either way",
        profile: RC,
        input: "<Sip>sip:a@b?x=1&y=2&z=3</Sip>",
        expected: &[("xml/bare-ampersand", 16, 17), ("xml/bare-ampersand", 20, 21)],
    },
    Case {
        name: "bare amp under twilio",
        profile: T,
        input: "<Sip>sip:a@b?x=1&y=2</Sip>",
        expected: &[("xml/bare-ampersand", 16, 17)],
    },
    Case {
        name: "bare amp in attribute",
        profile: R,
        input: "<a href=\"x?a=1&b=2\"/>",
        expected: &[("xml/bare-ampersand", 14, 15)],
    },
    Case {
        name: "amp followed by name and semicolon with junk is bare",
        profile: R,
        input: "<a>x&b=2;</a>",
        expected: &[("xml/bare-ampersand", 4, 5)],
    },
    Case {
        name: "amp at end of input",
        profile: R,
        input: "<a/>&",
        expected: &[("xml/bare-ampersand", 4, 5), ("xml/text-outside-root", 4, 5)],
    },
    Case {
        name: "malformed char ref is a bare amp",
        profile: R,
        input: "<a>&#12a;&#;&#x;</a>",
        expected: &[("xml/bare-ampersand", 3, 4), ("xml/bare-ampersand", 9, 10), ("xml/bare-ampersand", 12, 13)],
    },
    // --- references ---------------------------------------------------------------------
    Case {
        name: "undefined entity",
        profile: R,
        input: "<a>Hello&nbsp;world &AMP;</a>",
        expected: &[("xml/undefined-entity", 8, 14), ("xml/undefined-entity", 20, 25)],
    },
    Case {
        name: "invalid character references",
        profile: R,
        input: "<a b='&#0;'>&#xD800;&#x110000;&#xFFFE;&#9;</a>",
        expected: &[
            ("xml/invalid-char-ref", 6, 10),
            ("xml/invalid-char-ref", 12, 20),
            ("xml/invalid-char-ref", 20, 30),
            ("xml/invalid-char-ref", 30, 38),
        ],
    },
    // --- attributes ---------------------------------------------------------------------
    Case {
        name: "documentation's Video example with curly quotes",
        profile: R,
        input: "<Sip name=\"sip:alice@127.0.0.1:5080\"><Video enable=”true”></Video></Sip>",
        expected: &[("xml/curly-quotes", 51, 61)],
    },
    Case {
        name: "curly single and double-prime quotes",
        profile: R,
        input: "<a b=‘x’ c=″y″/>",
        expected: &[("xml/curly-quotes", 5, 12), ("xml/curly-quotes", 15, 22)],
    },
    Case {
        name: "curly quote opened, straight closed",
        profile: R,
        input: "<a b=“x\"/>",
        expected: &[("xml/curly-quotes", 5, 10)],
    },
    Case {
        name: "unquoted value",
        profile: R,
        input: "<Dial timeout=30 record=true/>",
        expected: &[("xml/unquoted-attribute", 14, 16), ("xml/unquoted-attribute", 24, 28)],
    },
    Case {
        name: "lt in attribute value",
        profile: R,
        input: "<a b=\"1<2<3\"/>",
        expected: &[("xml/lt-in-attribute", 7, 8), ("xml/lt-in-attribute", 9, 10)],
    },
    Case {
        name: "duplicate attribute",
        profile: R,
        input: "<Dial timeout=\"10\" timeout=\"20\"/>",
        expected: &[("xml/duplicate-attribute", 19, 26)],
    },
    Case {
        name: "missing equals",
        profile: R,
        input: "<Dial timeout\"10\"/>",
        expected: &[("xml/missing-equals", 6, 13)],
    },
    Case {
        name: "attribute without value",
        profile: R,
        input: "<Dial record hangupOnStar=/>",
        expected: &[("xml/attribute-without-value", 6, 12), ("xml/attribute-without-value", 13, 25)],
    },
    Case {
        name: "missing space between attributes",
        profile: R,
        input: "<a b=\"1\"c=\"2\"/>",
        expected: &[("xml/missing-attribute-space", 8, 9)],
    },
    Case {
        name: "unclosed attribute value runs into the next tag",
        profile: R,
        input: "<Dial timeout=\"10><Sip>sip:a@b</Sip></Dial>",
        expected: &[("xml/unclosed-attribute-value", 14, 15)],
    },
    Case {
        name: "unclosed attribute value at end of input",
        profile: R,
        input: "<a b='x",
        expected: &[("xml/unclosed-element", 1, 2), ("xml/unclosed-tag", 1, 2), ("xml/unclosed-attribute-value", 5, 6)],
    },
    Case {
        name: "stray quoted string in a tag",
        profile: R,
        input: "<Dial \"10\"/>",
        expected: &[("xml/malformed-tag", 6, 7)],
    },
    Case {
        name: "invalid names",
        profile: R,
        input: "<a 1b=\"x\"><c%d/></a>",
        expected: &[("xml/invalid-name", 3, 5), ("xml/invalid-name", 11, 14)],
    },
    // --- tags ---------------------------------------------------------------------------
    Case {
        name: "lt in text",
        profile: R,
        input: "<Say>1 < 2 <3</Say>",
        expected: &[("xml/unescaped-lt", 7, 8), ("xml/unescaped-lt", 11, 12)],
    },
    Case {
        name: "start tag missing its gt",
        profile: R,
        input: "<Response><Dial <Sip>sip:a@b</Sip></Dial></Response>",
        expected: &[("xml/unclosed-tag", 11, 15)],
    },
    Case {
        name: "end tag missing its gt",
        profile: R,
        input: "<a><b>x</b\n</a>",
        expected: &[("xml/unclosed-tag", 9, 10)],
    },
    Case {
        name: "mismatched end tag (case)",
        profile: R,
        input: "<Dial><Sip>x</sip></Dial>",
        expected: &[("xml/mismatched-end-tag", 14, 17)],
    },
    Case {
        name: "mismatched end tag (typo)",
        profile: R,
        input: "<Response><Dial></Dail></Response>",
        expected: &[("xml/mismatched-end-tag", 18, 22)],
    },
    Case {
        name: "end tag closes an ancestor: the inner element is unclosed",
        profile: R,
        input: "<Response><Dial><Sip>x</Dial></Response>",
        expected: &[("xml/unclosed-element", 17, 20)],
    },
    Case {
        name: "an end tag that matches no open element is a stray end tag, ignored",
        profile: R,
        input: "<a><b></zzz></b></a>",
        expected: &[("xml/unexpected-end-tag", 6, 12)],
    },
    Case {
        name: "a stray end tag inside the root",
        profile: R,
        input: "<Response>\n  <Say>hi</Say>\n  </Dial>\n</Response>",
        expected: &[("xml/unexpected-end-tag", 29, 36)],
    },
    Case {
        name: "stray end tag after the root",
        profile: R,
        input: "<a/></a>",
        expected: &[("xml/unexpected-end-tag", 4, 8)],
    },
    Case {
        name: "end tag before any start tag",
        profile: R,
        input: "</a><b/>",
        expected: &[("xml/unexpected-end-tag", 0, 4)],
    },
    Case {
        name: "end tag with attributes and space after </",
        profile: R,
        input: "<a></ a x=\"1\">",
        expected: &[("xml/malformed-end-tag", 5, 6), ("xml/malformed-end-tag", 8, 13)],
    },
    Case {
        name: "unclosed elements at end of input point at their start tags",
        profile: R,
        input: "<Response>\n  <Dial>\n    <Sip>sip:a@b",
        expected: &[("xml/unclosed-element", 1, 9), ("xml/unclosed-element", 14, 18), ("xml/unclosed-element", 25, 28)],
    },
    Case {
        name: "tags without any gt",
        profile: R,
        input: "<a <b",
        expected: &[
            ("xml/unclosed-element", 1, 2),
            ("xml/unclosed-tag", 1, 2),
            ("xml/unclosed-element", 4, 5),
            ("xml/unclosed-tag", 4, 5),
        ],
    },
    // --- document structure -------------------------------------------------------------
    Case { name: "empty document", profile: R, input: "", expected: &[("xml/empty-document", 0, 0)] },
    Case {
        name: "only a comment",
        profile: R,
        input: "<!-- nothing -->",
        expected: &[("xml/empty-document", 0, 16)],
    },
    Case {
        name: "two roots",
        profile: R,
        input: "<Response/><Hangup/>",
        expected: &[("xml/multiple-roots", 12, 18)],
    },
    Case {
        name: "text before and after the root",
        profile: R,
        input: "hello <a/> bye ",
        expected: &[("xml/text-outside-root", 0, 5), ("xml/text-outside-root", 11, 14)],
    },
    Case {
        name: "cdata outside the root",
        profile: R,
        input: "<a/><![CDATA[x]]>",
        expected: &[("xml/text-outside-root", 13, 14)],
    },
    // --- prolog -------------------------------------------------------------------------
    Case {
        name: "blank line before the declaration",
        profile: R,
        input: "\n<?xml version=\"1.0\"?><a/>",
        expected: &[("xml/declaration-not-at-start", 0, 1)],
    },
    Case {
        name: "declaration after the root",
        profile: R,
        input: "<a/><?xml version=\"1.0\"?>",
        expected: &[("xml/declaration-not-at-start", 4, 9)],
    },
    Case {
        name: "declaration without version and with a bad standalone",
        profile: R,
        input: "<?xml standalone=\"maybe\"?><a/>",
        expected: &[("xml/malformed-declaration", 0, 5), ("xml/malformed-declaration", 6, 16), ("xml/malformed-declaration", 18, 23)],
    },
    Case {
        name: "declaration in upper case",
        profile: R,
        input: "<?XML version=\"1.0\"?><a/>",
        expected: &[("xml/malformed-declaration", 2, 5)],
    },
    Case {
        name: "declaration missing its question mark",
        profile: R,
        input: "<?xml version=\"1.0\"><a/>",
        expected: &[("xml/unclosed-pi", 0, 5)],
    },
    Case {
        name: "latin-1 declared",
        profile: R,
        input: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
        expected: &[("xml/unsupported-encoding", 30, 40)],
    },
    Case {
        name: "doctype",
        profile: R,
        input: "<!DOCTYPE Response><Response/>",
        expected: &[("xml/doctype", 0, 9)],
    },
    Case {
        name: "doctype without name",
        profile: R,
        input: "<!DOCTYPE><a/>",
        expected: &[("xml/doctype", 0, 9)],
    },
    Case {
        name: "billion laughs is never expanded",
        profile: R,
        input: "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><lolz>&lol2;</lolz>",
        expected: &[
            ("xml/doctype", 0, 9),
            ("xml/entity-declaration", 16, 35),
            ("xml/entity-declaration", 35, 62),
            ("xml/undefined-entity", 70, 76),
        ],
    },
    Case {
        name: "external entity is never fetched",
        profile: R,
        input: "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r>&xxe;</r>",
        expected: &[("xml/doctype", 0, 9), ("xml/entity-declaration", 13, 54), ("xml/undefined-entity", 59, 64)],
    },
    Case {
        name: "entity declaration outside a doctype",
        profile: R,
        input: "<!ENTITY x \"y\"><a/>",
        expected: &[("xml/entity-declaration", 0, 15)],
    },
    // --- comments, cdata, pi, characters ------------------------------------------------
    Case {
        name: "double hyphen in comment",
        profile: R,
        input: "<a><!-- a -- b --></a>",
        expected: &[("xml/double-hyphen-in-comment", 10, 12)],
    },
    Case {
        name: "comment ending with --->",
        profile: R,
        input: "<a><!-- a ---></a>",
        expected: &[("xml/double-hyphen-in-comment", 10, 14)],
    },
    Case {
        name: "unclosed comment",
        profile: R,
        input: "<a><!-- a </a>",
        expected: &[("xml/unclosed-element", 1, 2), ("xml/unclosed-comment", 3, 7)],
    },
    Case {
        name: "unclosed cdata",
        profile: R,
        input: "<a><![CDATA[x</a>",
        expected: &[("xml/unclosed-element", 1, 2), ("xml/unclosed-cdata", 3, 12)],
    },
    Case {
        name: "unclosed processing instruction",
        profile: R,
        input: "<a/><?pi x",
        expected: &[("xml/unclosed-pi", 4, 6)],
    },
    Case {
        name: "invalid bang markup",
        profile: R,
        input: "<a><!- x -></a>",
        expected: &[("xml/invalid-markup", 3, 5)],
    },
    Case {
        name: "control characters, one diagnostic per run",
        profile: R,
        input: "<a>\u{0}\u{1}x\u{1F}\u{FFFE}</a>",
        expected: &[("xml/illegal-character", 3, 5), ("xml/illegal-character", 6, 10)],
    },
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for case in CASES {
        let (_, items) = run(case.profile, case.input);
        let got: Vec<(&str, u32, u32)> =
            items.iter().map(|d| (d.code, d.range.start.offset, d.range.end.offset)).collect();
        if got != case.expected {
            failures.push(format!(
                "case `{}`: {:?}\n got:\n{}",
                case.name,
                case.input,
                show(case.input, &items)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_message_is_lower_case_with_help_and_no_trailing_period() {
    for case in CASES {
        let (_, items) = run(case.profile, case.input);
        for d in items {
            let first = d.message.chars().next().unwrap_or('x');
            assert!(!first.is_uppercase(), "{}: {}", case.name, d.message);
            assert!(!d.message.ends_with('.'), "{}: {}", case.name, d.message);
            assert!(
                d.help.as_deref().is_some_and(|h| h.ends_with('.')),
                "{}: {} has no help sentence",
                case.name,
                d.code
            );
            assert!(d.code.starts_with("xml/"), "{}", d.code);
        }
    }
}

// --- the tree ---------------------------------------------------------------------------

fn only<'d>(doc: &'d Document, name: &str) -> rcml_sip::xml::Element<'d> {
    let found: Vec<_> = doc.iter().map(|(_, e)| e).filter(|e| e.name == name).collect();
    assert_eq!(found.len(), 1, "one `<{name}>` expected");
    found.first().copied().unwrap_or_else(|| panic!("no `<{name}>`"))
}

#[test]
fn the_documentation_video_example_is_recovered() {
    let input = "<Response><Dial><Sip name=\"sip:alice@127.0.0.1:5080\"><Video enable=”true”></Video></Sip></Dial></Response>";
    let (doc, items) = run(Profile::Restcomm, input);
    let codes: Vec<_> = items.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["xml/curly-quotes"]);
    let d = &items[0];
    assert_eq!(d.text_range().slice(input), "”true”");
    assert_eq!(d.severity, Severity::Error);
    // The fix turns both typographic quotes into straight ones.
    let fix = &d.fixes[0];
    let mut fixed = input.to_owned();
    for e in fix.edits.iter().rev() {
        fixed.replace_range(e.start as usize..e.end as usize, &e.text);
    }
    assert!(fixed.contains("<Video enable=\"true\">"), "{fixed}");
    assert!(run(Profile::Restcomm, &fixed).1.is_empty());
    // The attribute is recovered with its value and spans.
    let video = only(&doc, "Video");
    let enable = video.attribute("enable").unwrap_or_else(|| panic!("no enable"));
    assert_eq!(enable.value.text, "true");
    assert_eq!(enable.quote, '”');
    assert_eq!(enable.raw_span.slice(input), "true");
    assert_eq!(enable.name_span.slice(input), "enable");
    assert_eq!(only(&doc, "Sip").attribute("name").map(|a| a.value.text), Some("sip:alice@127.0.0.1:5080"));
}

/// A stray end tag's quick fix removes it, and the document is then well-formed (replacing it
/// with the innermost element's name, as a misspelt end tag's fix does, would close that element
/// too early and leave its real end tag stray).
#[test]
fn a_stray_end_tag_is_fixed_by_removing_it() {
    let input = "<Response>\n  <Say>hi</Say>\n  </Dial>\n</Response>";
    let (_, items) = run(Profile::Restcomm, input);
    let fix = items.first().and_then(|d| d.fixes.first()).unwrap_or_else(|| panic!("no fix: {items:?}"));
    let mut fixed = input.to_owned();
    for e in fix.edits.iter().rev() {
        fixed.replace_range(e.start as usize..e.end as usize, &e.text);
    }
    assert_eq!(fixed, "<Response>\n  <Say>hi</Say>\n  \n</Response>");
    assert!(run(Profile::Restcomm, &fixed).1.is_empty());
}

#[test]
fn text_runs_coalesce_text_references_and_cdata() {
    let input = "<Sip>\n  sip:a@b?x=1&amp;y=<![CDATA[2&z]]>3&#x41;\n</Sip>";
    let (doc, items) = run(Profile::Restcomm, input);
    assert!(items.is_empty(), "{}", show(input, &items));
    let sip = only(&doc, "Sip");
    let texts: Vec<_> = sip.texts().collect();
    assert_eq!(texts.len(), 1);
    let t = &texts[0];
    assert!(t.is_cdata);
    assert_eq!(t.value.text, "\n  sip:a@b?x=1&y=2&z3A\n");
    assert_eq!(t.value.span.slice(input), "\n  sip:a@b?x=1&amp;y=<![CDATA[2&z]]>3&#x41;\n");
    // Every decoded character maps back to the source character it came from.
    let text = &t.value.text;
    let expect = |decoded: &str, source: &str| {
        let start = text.find(decoded).unwrap_or_else(|| panic!("{decoded} not decoded"));
        let r = rcml_sip::TextRange::from_usize(start, start + decoded.len());
        assert_eq!(t.value.source_range(r).slice(input), source, "decoded {decoded:?}");
    };
    expect("sip:a@b?x=1", "sip:a@b?x=1");
    expect("y=", "y=");
    expect("2&z", "2&z");
    expect("3", "3");
    expect("\n", "\n");
    // An entity's expansion maps to the whole reference...
    let amp = text.find("&y").unwrap_or(0);
    assert_eq!(t.value.source_range(rcml_sip::TextRange::from_usize(amp, amp + 1)).slice(input), "&amp;");
    // ...and a range that spans it covers it.
    let from = text.find("1&y").unwrap_or(0);
    assert_eq!(t.value.source_range(rcml_sip::TextRange::from_usize(from, from + 3)).slice(input), "1&amp;y");
    // Trimming keeps the map right.
    let (trimmed, range) = t.value.trimmed();
    assert_eq!(trimmed, "sip:a@b?x=1&y=2&z3A");
    assert_eq!(t.value.source_range(range).slice(input), "sip:a@b?x=1&amp;y=<![CDATA[2&z]]>3&#x41;");
}

#[test]
fn a_run_that_is_only_cdata_maps_to_its_content() {
    let input = "<Sip><![CDATA[sip:a@b]]></Sip>";
    let (doc, _) = run(Profile::Restcomm, input);
    let sip = only(&doc, "Sip");
    let t = sip.texts().next().unwrap_or_else(|| panic!("no text"));
    assert_eq!(t.value.text, "sip:a@b");
    let (_, range) = t.value.trimmed();
    assert_eq!(t.value.source_range(range).slice(input), "sip:a@b");
    assert_eq!(t.value.span.slice(input), "<![CDATA[sip:a@b]]>");
}

#[test]
fn comments_split_text_runs() {
    let input = "<Sip>sip:a<!-- c -->@b</Sip>";
    let (doc, _) = run(Profile::Restcomm, input);
    let texts: Vec<_> = only(&doc, "Sip").texts().map(|t| t.value.text.to_owned()).collect();
    assert_eq!(texts, ["sip:a", "@b"]);
}

#[test]
fn attribute_values_decode_and_map() {
    let input = "<Sip name=' sip:a@b?h=1&amp;k=&#50;\n'/>";
    let (doc, items) = run(Profile::Restcomm, input);
    assert!(items.is_empty(), "{}", show(input, &items));
    let a = only(&doc, "Sip").attribute("name").unwrap_or_else(|| panic!("no name"));
    assert_eq!(a.value.text, " sip:a@b?h=1&k=2 ", "line feed normalised to a space");
    assert_eq!(a.raw_span.slice(input), " sip:a@b?h=1&amp;k=&#50;\n");
    assert_eq!(a.quote, '\'');
    let (trimmed, range) = a.value.trimmed();
    assert_eq!(trimmed, "sip:a@b?h=1&k=2");
    assert_eq!(a.value.source_range(range).slice(input), "sip:a@b?h=1&amp;k=&#50;");
    let k = a.value.text.find("k=").unwrap_or(0);
    assert_eq!(a.value.source_range(rcml_sip::TextRange::from_usize(k, k + 2)).slice(input), "k=");
}

#[test]
fn element_spans_and_structure() {
    let input = "<Response>\n <Dial timeout=\"5\"><Sip>x</Sip></Dial><Hangup/></Response>";
    let (doc, items) = run(Profile::Restcomm, input);
    assert!(items.is_empty());
    let root = doc.root_element().unwrap_or_else(|| panic!("no root"));
    assert_eq!(root.span.slice(input), input);
    assert_eq!(root.start_tag.slice(input), "<Response>");
    let dial = only(&doc, "Dial");
    assert_eq!(dial.span.slice(input), "<Dial timeout=\"5\"><Sip>x</Sip></Dial>");
    assert_eq!(dial.start_tag.slice(input), "<Dial timeout=\"5\">");
    assert_eq!(dial.name_span.slice(input), "Dial");
    assert_eq!(dial.depth, 1);
    let hangup = only(&doc, "Hangup");
    assert!(hangup.self_closing);
    assert_eq!(hangup.span.slice(input), "<Hangup/>");
    let names: Vec<_> = doc
        .child_elements(doc.root.unwrap_or(rcml_sip::xml::ElementId(0)))
        .map(|(_, e)| e.name.to_owned())
        .collect();
    assert_eq!(names, ["Dial", "Hangup"]);
}

#[test]
fn unclosed_elements_span_to_where_they_were_closed() {
    let input = "<Response><Dial><Sip>x</Dial></Response>";
    let (doc, _) = run(Profile::Restcomm, input);
    assert_eq!(only(&doc, "Sip").span.slice(input), "<Sip>x");
    assert_eq!(only(&doc, "Dial").span.slice(input), "<Dial><Sip>x</Dial>");
}

// --- V4 under each profile --------------------------------------------------------------

fn bare(profile: Profile, input: &str) -> Vec<(u32, Severity)> {
    let (doc, items) = run(profile, input);
    let out: Vec<_> = items
        .iter()
        .filter(|d| d.code == "xml/bare-ampersand")
        .map(|d| (d.range.start.offset, d.severity))
        .collect();
    assert_eq!(doc.bare_ampersands.len(), out.len());
    for d in items.iter().filter(|d| d.code == "xml/bare-ampersand") {
        assert_eq!(d.fixes[0].edits[0].text, "&amp;");
        assert!(d.profile_note.as_deref().is_some_and(|n| n.starts_with("V4")));
    }
    out
}

#[test]
fn bare_ampersand_severity_follows_semicolon_free_stretches() {
    use Severity::{Error, Warning};
    // The documentation's example: one bare `&`, repaired by Restcomm-Connect.
    let one = "<Response><Dial><Sip>sip:alice@example.com?mycustomheader=tata&myotherheader=toto</Sip></Dial></Response>";
    let at = 62;
    assert_eq!(&one[at as usize..=at as usize], "&");
    assert_eq!(bare(Profile::Restcomm, one), [(at, Error)]);
    assert_eq!(bare(Profile::RestcommConnect, one), [(at, Warning)]);
    assert_eq!(bare(Profile::Twilio, one), [(at, Error)]);
    // Three headers: the second `&` is swallowed by the first's stretch.
    let three = "<Sip>sip:a@b?h1=1&h2=2&h3=3</Sip>";
    assert_eq!(bare(Profile::RestcommConnect, three), [(17, Warning), (22, Error)]);
    // `&amp;` ends a stretch with its `;`.
    let mixed = "<Sip>sip:a@b?h1=1&amp;h2=2&h3=3</Sip>";
    assert_eq!(bare(Profile::RestcommConnect, mixed), [(26, Warning)]);
    // Stretches run across tags: two nouns with one bare `&` each fail.
    let two = "<Dial><Sip>sip:a@b?x=1&y=2</Sip><Sip>sip:c@d?x=1&y=2</Sip></Dial>";
    assert_eq!(bare(Profile::RestcommConnect, two), [(22, Warning), (48, Error)]);
    // A `;` between them (here in a URI parameter) starts a new stretch.
    let split = "<Dial><Sip>sip:a@b?x=1&y=2</Sip><Sip>sip:c@d;transport=udp?x=1&y=2</Sip></Dial>";
    assert_eq!(bare(Profile::RestcommConnect, split), [(22, Warning), (62, Warning)]);
    // An `&` in a comment starts a stretch too (the pre-pass runs on the raw text).
    let comment = "<a><!-- a & b --><b>x&y</b></a>";
    assert_eq!(bare(Profile::RestcommConnect, comment), [(21, Error)]);
    // The decoded text keeps the `&` literally, as repaired.
    let (doc, _) = run(Profile::RestcommConnect, three);
    assert_eq!(
        only(&doc, "Sip").texts().next().map(|t| t.value.text.to_owned()),
        Some("sip:a@b?h1=1&h2=2&h3=3".into())
    );
}

// --- robustness ---------------------------------------------------------------------------

#[test]
fn nesting_100_000_deep_is_fine() {
    let depth = 100_000;
    let mut input = String::with_capacity(depth * 8);
    for _ in 0..depth {
        input.push_str("<a>");
    }
    input.push('x');
    for _ in 0..depth {
        input.push_str("</a>");
    }
    let (doc, items) = run(Profile::Restcomm, &input);
    assert_eq!(doc.len(), depth);
    let codes: Vec<_> = items.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["xml/nesting-too-deep"]);
    let limit = rcml_sip::xml::MAX_DEPTH as usize;
    assert_eq!(items[0].range.start.offset as usize, limit * 3 + 1);
    assert_eq!(doc.iter().last().map(|(_, e)| e.depth), Some(depth as u32 - 1));
    // Unclosed: one diagnostic per element, capped by the collector, and no stack overflow.
    let unclosed = "<a>".repeat(depth);
    let (doc, items) = run(Profile::Restcomm, &unclosed);
    assert_eq!(doc.len(), depth);
    assert!(items.iter().any(|d| d.code == "xml/unclosed-element"));
    drop(doc);
}

#[test]
fn duplicate_attributes_are_the_same_past_sixteen() {
    // Past 16 attributes the reader finds repeats through a sort of the names: each attribute
    // after the first of its name is reported, in source order, as with fewer.
    for n in [2usize, 5, 16, 17, 40] {
        let names: Vec<String> =
            (0..n).map(|i| format!("{}{}", ["b", "a", "ab"][i % 3], (i * 7) % 5)).collect();
        let mut input = String::from("<e");
        let mut expected = Vec::new();
        for (i, name) in names.iter().enumerate() {
            input.push(' ');
            if names.iter().take(i).any(|earlier| earlier == name) {
                expected.push((input.len(), input.len() + name.len()));
            }
            input.push_str(name);
            input.push_str("=\"v\"");
        }
        input.push_str("/>");
        let (_, items) = run(R, &input);
        let got: Vec<(usize, usize)> = items
            .iter()
            .filter(|d| d.code == "xml/duplicate-attribute")
            .map(|d| (d.range.start.offset as usize, d.range.end.offset as usize))
            .collect();
        assert_eq!(got, expected, "{input}");
        assert_eq!(n >= 16, !expected.is_empty());
    }
}
