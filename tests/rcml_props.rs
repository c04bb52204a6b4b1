//! Properties of the RCML validator on generated documents built from the schema's own
//! vocabulary (plus near-misses and junk): it never panics, every range and fix edit lies
//! inside the document on character boundaries, and a `password` value is never echoed.

use proptest::prelude::*;
use rcml_sip::{validate, Options, Profile};

const NAMES: &[&str] = &[
    "Response",
    "Dial",
    "Sip",
    "Uri",
    "Number",
    "Client",
    "Conference",
    "Queue",
    "Video",
    "Say",
    "Play",
    "Gather",
    "Pause",
    "Hangup",
    "Record",
    "Redirect",
    "Reject",
    "Email",
    "Headers",
    "Header",
    "Connect",
    "sip",
    "Dail",
    "X",
];
const ATTRIBUTES: &[&str] = &[
    "name",
    "url",
    "method",
    "statusCallback",
    "statusCallbackEvent",
    "statusCallbackMethod",
    "username",
    "action",
    "timeout",
    "timeLimit",
    "hangupOnStar",
    "loop",
    "finishOnKey",
    "callerID",
    "enable",
    "value",
    "record",
];
const VALUES: &[&str] = &[
    "",
    " ",
    "POST",
    "get",
    "PUT",
    "true",
    "10",
    "10s",
    "-1",
    "/rel",
    "https://h/p",
    "javascript:x",
    "http://a b",
    "initiated ringing",
    "initiated,ringing",
    "answerd",
    "sip:a@b",
    "&amp;",
    "x&#233;y",
    "é😀",
];
const TEXTS: &[&str] = &[
    "",
    "  ",
    "sip:alice@example.com",
    " sip:a@b;transport=tcp?X-A=1&amp;X-B=2 ",
    "+15551234567",
    "a@b",
    "tel:1",
    "sips:x@y",
    "héllo 😀",
    "&lt;",
    "sip:a@b?h=1&h2=2",
];

#[derive(Clone, Debug)]
enum Op {
    Open(usize, Vec<(usize, usize)>),
    Close,
    SelfClosing(usize, Vec<(usize, usize)>),
    Text(usize),
    Password,
}

fn op() -> impl Strategy<Value = Op> {
    let attrs = prop::collection::vec((0..ATTRIBUTES.len(), 0..VALUES.len()), 0..4);
    prop_oneof![
        4 => (0..NAMES.len(), attrs.clone()).prop_map(|(n, a)| Op::Open(n, a)),
        3 => Just(Op::Close),
        2 => (0..NAMES.len(), attrs).prop_map(|(n, a)| Op::SelfClosing(n, a)),
        3 => (0..TEXTS.len()).prop_map(Op::Text),
        1 => Just(Op::Password),
    ]
}

fn render(ops: &[Op]) -> String {
    let mut out = String::from("<Response>");
    let mut stack = vec!["Response"];
    let attrs = |out: &mut String, list: &[(usize, usize)]| {
        for (a, v) in list {
            let name = ATTRIBUTES.get(*a).copied().unwrap_or("x");
            out.push_str(&format!(" {name}=\"{}\"", VALUES.get(*v).copied().unwrap_or("")));
        }
    };
    for op in ops {
        match op {
            Op::Open(n, list) => {
                let name = NAMES.get(*n).copied().unwrap_or("X");
                out.push('<');
                out.push_str(name);
                attrs(&mut out, list);
                out.push('>');
                stack.push(name);
            }
            Op::SelfClosing(n, list) => {
                out.push('<');
                out.push_str(NAMES.get(*n).copied().unwrap_or("X"));
                attrs(&mut out, list);
                out.push_str("/>");
            }
            Op::Close => {
                if stack.len() > 1 {
                    out.push_str(&format!("</{}>", stack.pop().unwrap_or("X")));
                }
            }
            Op::Text(t) => out.push_str(TEXTS.get(*t).copied().unwrap_or("")),
            Op::Password => out.push_str("<Sip password=\"PW-S3CRET\">sip:a@b</Sip>"),
        }
    }
    while let Some(name) = stack.pop() {
        out.push_str(&format!("</{name}>"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn validation_is_total_and_ranges_fit(ops in prop::collection::vec(op(), 0..40), cut in 0usize..2000) {
        let whole = render(&ops);
        // Also a truncated document (unclosed tags, half a tag).
        let mut end = cut.min(whole.len());
        while !whole.is_char_boundary(end) {
            end -= 1;
        }
        for doc in [whole.as_str(), whole.get(..end).unwrap_or("")] {
            for profile in Profile::ALL {
                for d in validate(doc, &Options::with_profile(profile)) {
                    let (s, e) = (d.range.start.offset as usize, d.range.end.offset as usize);
                    prop_assert!(s <= e && e <= doc.len(), "{} range {s}..{e} outside {}", d.code, doc.len());
                    prop_assert!(doc.is_char_boundary(s) && doc.is_char_boundary(e), "{} splits a character", d.code);
                    for edit in d.fixes.iter().flat_map(|f| &f.edits) {
                        let (s, e) = (edit.start as usize, edit.end as usize);
                        prop_assert!(s <= e && e <= doc.len(), "{} fix {s}..{e}", d.code);
                        prop_assert!(doc.is_char_boundary(s) && doc.is_char_boundary(e), "{} fix splits a character", d.code);
                    }
                    let shown = format!("{} {:?} {:?} {:?}", d.message, d.help, d.profile_note, d.fixes);
                    prop_assert!(!shown.contains("PW-S3CRET"), "{} echoes a password", d.code);
                }
            }
        }
    }
}
