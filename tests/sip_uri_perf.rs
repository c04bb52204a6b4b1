//! Timing of the SIP URI parser on typical URIs (sip-uri.md §10: "well under 1 µs natively").
//! Ignored by default (timings of a debug build mean nothing); run it with
//! `cargo test --release --test sip_uri_perf -- --ignored --nocapture`.

use rcml_sip::sip_uri;
use rcml_sip::Profile;
use std::time::Instant;

const TYPICAL: &[&str] = &[
    "sip:alice@example.com",
    "sip:alice@192.0.2.4:5060;transport=tcp",
    "sip:+15551234567@gateway.example.com;user=phone",
    "sip:bob@[2001:db8::10]:5070;transport=udp",
    "sip:alice@example.com?X-Customer=42&X-Campaign=spring%20sale",
];

#[test]
#[ignore]
fn typical_uris_parse_well_under_a_microsecond() {
    let rounds = 200_000;
    for input in TYPICAL {
        let start = Instant::now();
        let mut valid = 0;
        for _ in 0..rounds {
            valid += usize::from(
                std::hint::black_box(sip_uri::parse(std::hint::black_box(input), Profile::Restcomm)).valid,
            );
        }
        let per = start.elapsed().as_nanos() / rounds;
        println!("{per:>6} ns  {input}");
        assert_eq!(valid, rounds as usize);
    }
}
