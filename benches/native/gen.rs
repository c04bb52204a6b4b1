//! Deterministic generator of large RCML documents for the benchmarks: many verbs, and
//! `<Dial>`s of `<Sip>` nouns with custom headers, credentials and transports. The same
//! seed and size always give the same bytes (a tiny xorshift, no dependency), so native and
//! Node measure the very same input. The output is a clean document under the `restcomm`
//! profile (no diagnostic), so that the validator walks every rule without ever hitting
//! the diagnostics cap; `quick` mode checks that.

/// xorshift64*: plenty for picking templates.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const HOSTS: &[&str] =
    &["example.com", "sip.example.net:5080", "pbx.example.org", "[2001:db8::10]:5070", "192.0.2.4"];
const TRANSPORTS: &[&str] = &["", ";transport=tcp", ";transport=udp"];
const VOICES: &[&str] = &["man", "woman"];

/// One `<Sip>` noun: user, host, transport and zero to three custom headers.
fn sip(out: &mut String, rng: &mut Rng, n: u64) {
    let host = HOSTS[rng.below(HOSTS.len() as u64) as usize];
    let transport = TRANSPORTS[rng.below(TRANSPORTS.len() as u64) as usize];
    out.push_str("      <Sip");
    if rng.below(3) == 0 {
        out.push_str(&format!(" username=\"agent{n}\" password=\"pw{}\"", rng.below(10_000)));
    }
    if rng.below(4) == 0 {
        out.push_str(&format!(" url=\"/screen/{n}\" method=\"POST\""));
    }
    out.push_str(&format!(">sip:user{n}@{host}{transport}"));
    let headers = rng.below(4);
    for h in 0..headers {
        let sep = if h == 0 { "?" } else { "&amp;" };
        out.push_str(&format!("{sep}X-Header{h}=value{}", rng.below(100_000)));
    }
    out.push_str("</Sip>\n");
}

/// One top-level verb, picked at random; about a third are `<Dial>`s.
fn verb(out: &mut String, rng: &mut Rng, n: u64) {
    match rng.below(9) {
        0 => out.push_str(&format!(
            "  <Say voice=\"{}\" language=\"en\" loop=\"1\">Hello caller number {n}, please hold.</Say>\n",
            VOICES[rng.below(VOICES.len() as u64) as usize]
        )),
        1 => out.push_str(&format!("  <Play loop=\"1\">http://media.example.com/audio/{n}.mp3</Play>\n")),
        2 => out.push_str(&format!("  <Pause length=\"{}\"/>\n", 1 + rng.below(5))),
        3 => out.push_str(&format!(
            "  <Gather action=\"/gather/{n}\" method=\"POST\" numDigits=\"4\" timeout=\"5\" finishOnKey=\"#\">\n    <Say>Enter the code for menu {n}</Say>\n  </Gather>\n"
        )),
        4 => out.push_str(&format!(
            "  <Record action=\"/record/{n}\" method=\"POST\" maxLength=\"30\" finishOnKey=\"*\" playBeep=\"true\"/>\n"
        )),
        _ => {
            out.push_str(&format!(
                "  <Dial action=\"/dial/{n}\" method=\"POST\" timeout=\"{}\" callerId=\"+1555{:07}\" record=\"false\">\n",
                10 + rng.below(50),
                rng.below(10_000_000)
            ));
            // One `<Sip>` alone (what the documentation supports), or one or two numbers.
            if rng.below(5) == 0 {
                for _ in 0..1 + rng.below(2) {
                    out.push_str(&format!("      <Number>+1555{:07}</Number>\n", rng.below(10_000_000)));
                }
            } else {
                sip(out, rng, n);
            }
            out.push_str("  </Dial>\n");
        }
    }
}

const OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n";
const CLOSE: &str = "  <Hangup/>\n</Response>\n";

/// A document of at most `target` bytes (and within a few hundred bytes of it).
pub fn document(target: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target + 1024);
    out.push_str(OPEN);
    let mut block = String::new();
    for n in 0.. {
        block.clear();
        verb(&mut block, &mut rng, n);
        if out.len() + block.len() + CLOSE.len() > target {
            break;
        }
        out.push_str(&block);
    }
    out.push_str(CLOSE);
    out
}

/// `<Dial>` forking to `branches` SIP endpoints at once (the simulator's parallel fork;
/// clean under `restcomm-connect`, which accepts it, V5).
pub fn fork(branches: usize) -> String {
    let mut out = String::from("<Response>\n  <Dial timeout=\"20\" action=\"/after-dial\">\n");
    for i in 0..branches {
        out.push_str(&format!(
            "    <Sip>sip:agent{i}@pbx{i}.example.com:{};transport=udp?X-Branch={i}</Sip>\n",
            5080 + i
        ));
    }
    out.push_str("  </Dial>\n</Response>\n");
    out
}

/// A scenario for [`fork`]: every branch rings, the last one answers, the call ends later.
pub fn fork_scenario(branches: usize) -> String {
    let mut endpoints = Vec::new();
    for i in 0..branches {
        let key = format!("sip:agent{i}@pbx{i}.example.com:{};transport=udp", 5080 + i);
        let body = if i + 1 == branches {
            "{\"ringAtMs\": 500, \"answerAtMs\": 3000, \"hangupAtMs\": 13000}".to_owned()
        } else {
            format!("{{\"ringAtMs\": {}}}", 400 + 10 * i)
        };
        endpoints.push(format!("\"{key}\": {body}"));
    }
    format!("{{\"seed\": 1, \"endpoints\": {{{}}}}}", endpoints.join(", "))
}

/// SIP URIs of the shapes documents carry, for the per-URI parse figure.
pub const URIS: &[&str] = &[
    "sip:alice@example.com",
    "sip:alice@127.0.0.1:5080",
    "sip:alice@192.0.2.4:5060;transport=tcp",
    "sips:+15551234567@gateway.example.com;user=phone",
    "sip:bob@[2001:db8::10]:5070;transport=udp",
    "sip:alice@example.com?X-Customer=42&X-Campaign=spring%20sale",
    "sip:agent7:secret@pbx.example.org;transport=tls?X-Room=12&X-Account=abc&X-Trace=1",
];

/// A pathological document of at most `target` bytes whose every element is wrong: `sip`,
/// `<Dial><Sip>` with a URI of several problems each; `xml`, bare `&`, undefined entities
/// and unknown elements; otherwise `<Say foo="x"/>` (an unknown attribute, no text). Far
/// past the diagnostics cap: measures what the dropped ones cost.
pub fn pathological(target: usize, kind: &str) -> String {
    let block = match kind {
        "sip" => "<Dial><Sip>sip:alice:pw@127.0.0.1:0;transport=udp;transport=tcp?Foo=bar</Sip></Dial>\n",
        "xml" => "<Say>a & b &nbsp; c</Say><Foo/>\n",
        _ => "<Say foo=\"x\"/>\n",
    };
    let mut out = String::with_capacity(target);
    out.push_str("<Response>\n");
    while out.len() + block.len() + 12 <= target {
        out.push_str(block);
    }
    out.push_str("</Response>\n");
    out
}
