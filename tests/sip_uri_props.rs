//! Property tests of the SIP URI parser: random and mutated URIs never panic, every span
//! (diagnostic ranges and fix edits) lies within the input on character boundaries, and the
//! profile never changes the RFC verdict or the components.

use proptest::prelude::*;
use rcml_sip::sip_uri::{self, to_json_value};
use rcml_sip::Profile;

const SEEDS: &[&str] = &[
    "sip:alice@atlanta.com",
    "sips:alice:secret@[2001:db8::10]:5061;transport=tcp;lr?X-a=1&User-to-User=0A%3Bx",
    "sip:example.com;transport=tcp@evil.example",
    "sip:+1-212-555-1212:1234@gateway.com;user=phone;maddr=10.0.0.1?Route=%3Csip:x%3E&body=hi",
    "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
    "<sip:j%C3%B6rg@127.0.0.1:0;transport=%74%6C%73?X-a=1;transport=udp&X-a=2&amp;b=3>",
];

/// Characters that matter to the grammar, plus some that never may appear.
fn uri_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::sample::select(":@;?&=%[]./-_+$,!~*'()#\"<> \t`abcfxAFX0159".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ]
}

fn random_uri() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["", "sip:", "sips:", "SIP:", "tel:", "<sip:"]),
        proptest::collection::vec(uri_char(), 0..60),
    )
        .prop_map(|(prefix, chars)| format!("{prefix}{}", chars.into_iter().collect::<String>()))
}

#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn mutated_uri() -> impl Strategy<Value = String> {
    let mutation = prop_oneof![
        (any::<usize>(), uri_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), uri_char()).prop_map(|(i, c)| Mutation::Replace(i, c)),
    ];
    (proptest::sample::select(SEEDS.to_vec()), proptest::collection::vec(mutation, 1..6)).prop_map(
        |(seed, mutations)| {
            let mut chars: Vec<char> = seed.chars().collect();
            for m in mutations {
                let n = chars.len();
                match m {
                    Mutation::Insert(i, c) => chars.insert(i % (n + 1), c),
                    Mutation::Delete(i) if n > 0 => {
                        chars.remove(i % n);
                    }
                    Mutation::Replace(i, c) if n > 0 => chars[i % n] = c,
                    _ => {}
                }
            }
            chars.into_iter().collect()
        },
    )
}

fn check(input: &str) -> Result<(), TestCaseError> {
    let reference = sip_uri::parse(input, Profile::Restcomm);
    for profile in Profile::ALL {
        let parsed = sip_uri::parse(input, profile);
        prop_assert_eq!(parsed.valid, reference.valid, "valid differs under {}", profile);
        prop_assert_eq!(&parsed.uri, &reference.uri, "components differ under {}", profile);
        for d in &parsed.diagnostics {
            let r = d.text_range();
            prop_assert!(
                r.start <= r.end && input.get(r.start as usize..r.end as usize).is_some(),
                "{} range {:?}",
                d.code,
                r
            );
            for edit in d.fixes.iter().flat_map(|f| &f.edits) {
                prop_assert!(
                    edit.start <= edit.end && input.get(edit.start as usize..edit.end as usize).is_some(),
                    "{} edit {}..{}",
                    d.code,
                    edit.start,
                    edit.end
                );
            }
            prop_assert!(
                rcml_sip::diagnostics::lookup_rule(d.code).is_some(),
                "unregistered code {}",
                d.code
            );
        }
        if let Some(uri) = &parsed.uri {
            for span in [uri.scheme_span, uri.host.span, uri.span]
                .into_iter()
                .chain(uri.user.iter().map(|p| p.span))
                .chain(uri.password.iter().map(|p| p.span))
                .chain(uri.port.iter().map(|p| p.1))
                .chain(uri.params.iter().flat_map(|p| std::iter::once(p.name_span).chain(p.value_span)))
                .chain(uri.headers.iter().flat_map(|h| [h.name_span, h.value_span]))
                .chain(uri.headers_span)
            {
                prop_assert!(
                    input.get(span.start as usize..span.end as usize).is_some(),
                    "component span {:?}",
                    span
                );
            }
            let _ = sip_uri::invite_headers(uri, profile);
        }
        let _ = to_json_value(&parsed).to_string();
        if !parsed.valid {
            prop_assert!(
                !parsed.diagnostics.is_empty() || profile != Profile::Restcomm,
                "invalid without a diagnostic"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn random_uris_are_handled(input in random_uri()) {
        check(&input)?;
    }

    #[test]
    fn mutated_uris_are_handled(input in mutated_uri()) {
        check(&input)?;
    }

    #[test]
    fn arbitrary_strings_are_handled(input in ".{0,80}") {
        check(&input)?;
    }
}

#[test]
fn huge_inputs_stay_linear() {
    let many_params = format!("sip:alice@example.com{}", ";a".repeat(20_000));
    let parsed = sip_uri::parse(&many_params, Profile::Restcomm);
    assert!(!parsed.valid && parsed.diagnostics.len() <= 64);
    let many_headers = format!("sip:alice@example.com?{}", "X-a=1&".repeat(20_000));
    let parsed = sip_uri::parse(&many_headers, Profile::Twilio);
    assert!(!parsed.valid);
    let long_user = format!("sip:{}@example.com", "%41".repeat(100_000));
    assert!(sip_uri::parse(&long_user, Profile::Restcomm).valid);
}
