//! The text of SIP messages (RFC 3261): full header names, CRLF line ends, a correct
//! `Content-Length`, and a minimal SDP (`m=audio`, plus `m=video` when `<Video>` is enabled).

use std::fmt::Write as _;

/// The platform's own address in every message (TEST-NET-1, RFC 5737).
pub const PLATFORM_HOST: &str = "192.0.2.10";
/// The address a callee's SDP answer uses when its URI host is not an IPv4 address.
const CALLEE_MEDIA_HOST: &str = "198.51.100.7";

/// One dialog between the platform and a dialled endpoint.
#[derive(Clone, Debug)]
pub struct Dialog {
    /// The Request-URI: the dialled URI without `?headers` and without a password.
    pub request_uri: String,
    /// The caller (or `callerId`) as the From user.
    pub from_user: String,
    pub from_tag: String,
    /// The callee's tag, once it answered anything but 100.
    pub to_tag: Option<String>,
    pub call_id: String,
    /// `UDP`, `TCP` or `TLS`.
    pub transport: String,
    /// The callee's `host[:port]`, for the Via of what it sends.
    pub remote: String,
    /// Whether the SDP offers video.
    pub video: bool,
}

impl Dialog {
    /// The caller as the user part of a SIP URI: RFC 3261 `user` characters, others
    /// percent-encoded (a `callerId` may hold anything).
    fn user(&self) -> String {
        sip_user(&self.from_user)
    }

    fn local(&self) -> String {
        let port = if self.transport == "TLS" { 5061 } else { 5060 };
        format!("{PLATFORM_HOST}:{port}")
    }

    fn caller_address(&self) -> String {
        format!(
            "{} <sip:{}@{PLATFORM_HOST}>;tag={}",
            display_name(&self.from_user),
            self.user(),
            self.from_tag
        )
    }

    fn to_header(&self, with_tag: bool) -> String {
        match (&self.to_tag, with_tag) {
            (Some(tag), true) => format!("<{}>;tag={tag}", self.request_uri),
            _ => format!("<{}>", self.request_uri),
        }
    }

    fn platform_via(&self, branch: &str) -> String {
        format!("SIP/2.0/{} {};branch={branch};rport", self.transport, self.local())
    }

    /// `sips` when the dialled URI is a SIPS URI: the platform's Contact, and so the target
    /// of the callee's requests in the dialog, must then be a SIPS URI too (RFC 3261 8.1.1.8).
    fn local_scheme(&self) -> &'static str {
        let sips = self.request_uri.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("sips:"));
        if sips {
            "sips"
        } else {
            "sip"
        }
    }

    /// The platform's Contact URI: the remote target of the callee's requests in the dialog.
    fn contact_uri(&self) -> String {
        let transport = self.transport.to_ascii_lowercase();
        format!("{}:{}@{};transport={transport}", self.local_scheme(), self.user(), self.local())
    }

    fn contact(&self) -> String {
        format!("<{}>", self.contact_uri())
    }
}

/// A name as the user part of a SIP URI: RFC 3261 `user` characters, others percent-encoded
/// (a caller or `callerId` may hold anything).
pub(super) fn sip_user(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()&=+$,;?/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            super::rng::push_hex(&mut out, u64::from(b), 2, true);
        }
    }
    out
}

/// A name as a quoted display name (`"bob"`).
pub(super) fn display_name(name: &str) -> String {
    let mut out = String::from("\"");
    out.push_str(&quote(name));
    out.push('"');
    out
}

/// Escapes `"` and `\` inside a quoted-string.
pub(super) fn quote(s: &str) -> String {
    escape(s, &[('\\', "\\\\"), ('"', "\\\"")])
}

/// `s` with each character of `map` replaced by its text, in one pass (one small loop in the
/// .wasm for every escaping of the simulator, where each `str::replace` pattern type and
/// chain of passes was code of its own).
pub(super) fn escape(s: &str, map: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match map.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// A request the platform sends on the dialog (INVITE, ACK, CANCEL, BYE).
pub struct Request<'a> {
    pub method: &'a str,
    pub branch: &'a str,
    pub cseq: u32,
    /// To carries the callee's tag (ACK of a 2xx, BYE; also the ACK of a non-2xx).
    pub to_tag: bool,
    /// Digest credentials (header name and value), before `headers`.
    pub auth: Option<(&'a str, String)>,
    pub headers: &'a [(String, String)],
    pub sdp: bool,
}

pub fn request(dialog: &Dialog, r: &Request) -> String {
    let mut m = String::with_capacity(MESSAGE_CAPACITY);
    let _ = write!(m, "{} {} SIP/2.0\r\n", r.method, dialog.request_uri);
    header(&mut m, "Via", &dialog.platform_via(r.branch));
    header(&mut m, "Max-Forwards", "70");
    header(&mut m, "From", &dialog.caller_address());
    header(&mut m, "To", &dialog.to_header(r.to_tag));
    header(&mut m, "Call-ID", &dialog.call_id);
    header(&mut m, "CSeq", &format!("{} {}", r.cseq, r.method));
    if r.method == "INVITE" {
        header(&mut m, "Contact", &dialog.contact());
        header(&mut m, "Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS");
    }
    if let Some((name, value)) = &r.auth {
        header(&mut m, name, value);
    }
    for (name, value) in r.headers {
        header(&mut m, name, value);
    }
    finish(&mut m, r.sdp.then(|| sdp(PLATFORM_HOST, 40000, dialog.video)))
}

/// A response the platform receives from the callee to one of its requests.
pub struct Response<'a> {
    pub status: u16,
    pub branch: &'a str,
    pub cseq: u32,
    pub method: &'a str,
    pub headers: &'a [(String, String)],
}

pub fn response_in(dialog: &Dialog, r: &Response) -> String {
    let mut m = String::with_capacity(MESSAGE_CAPACITY);
    let _ = write!(m, "SIP/2.0 {} {}\r\n", r.status, reason(r.status));
    header(&mut m, "Via", &dialog.platform_via(r.branch));
    header(&mut m, "From", &dialog.caller_address());
    // A 100 and a response to CANCEL (before the dialog exists) carry no To tag.
    header(&mut m, "To", &dialog.to_header(r.status > 100 && r.method != "CANCEL"));
    header(&mut m, "Call-ID", &dialog.call_id);
    header(&mut m, "CSeq", &format!("{} {}", r.cseq, r.method));
    let sdp_body = r.status / 100 == 2 && r.method == "INVITE";
    if r.method == "INVITE" && (r.status / 100 == 2 || (r.status > 100 && r.status < 200)) {
        header(&mut m, "Contact", &format!("<{}>", dialog.request_uri));
    }
    for (name, value) in r.headers {
        header(&mut m, name, value);
    }
    let host = dialog.remote.split(':').next().unwrap_or("");
    let media_host = if !host.is_empty() && crate::sip_uri::ipv4_value(host.as_bytes()).is_some() {
        host
    } else {
        CALLEE_MEDIA_HOST
    };
    finish(&mut m, sdp_body.then(|| sdp(media_host, 30000, dialog.video)))
}

/// A BYE the callee sends (its own CSeq space, From and To swapped), to the platform's
/// Contact (RFC 3261 12.2.1.1: the Request-URI is the remote target).
pub fn bye_in(dialog: &Dialog, branch: &str) -> String {
    let mut m = String::with_capacity(MESSAGE_CAPACITY);
    let _ = write!(m, "BYE {} SIP/2.0\r\n", dialog.contact_uri());
    header(&mut m, "Via", &callee_via(dialog, branch));
    header(&mut m, "Max-Forwards", "70");
    callee_bye_dialog(&mut m, dialog);
    finish(&mut m, None)
}

/// The platform's 200 OK to the callee's BYE.
pub fn bye_ok_out(dialog: &Dialog, branch: &str) -> String {
    let mut m = String::with_capacity(MESSAGE_CAPACITY);
    m.push_str("SIP/2.0 200 OK\r\n");
    header(&mut m, "Via", &callee_via(dialog, branch));
    callee_bye_dialog(&mut m, dialog);
    finish(&mut m, None)
}

/// From, To, Call-ID and CSeq of the callee's BYE transaction (From and To swapped, the
/// callee's own CSeq space), the same in the BYE and in its 200 OK.
fn callee_bye_dialog(m: &mut String, dialog: &Dialog) {
    header(m, "From", &format!("<{}>;tag={}", dialog.request_uri, dialog.to_tag.as_deref().unwrap_or("")));
    header(m, "To", &format!("<sip:{}@{}>;tag={}", dialog.user(), PLATFORM_HOST, dialog.from_tag));
    header(m, "Call-ID", &dialog.call_id);
    header(m, "CSeq", "1 BYE");
}

fn callee_via(dialog: &Dialog, branch: &str) -> String {
    format!("SIP/2.0/{} {};branch={branch}", dialog.transport, dialog.remote)
}

/// Room for a whole message without SDP (a few hundred bytes): built without regrowth.
pub(super) const MESSAGE_CAPACITY: usize = 1024;

pub(super) fn header(m: &mut String, name: &str, value: &str) {
    // Written piece by piece into the message (no per-header `format!`, no copy of the value).
    m.reserve(name.len() + value.len() + 4);
    m.push_str(name);
    m.push_str(": ");
    // Header values come from documents and scenarios: never let one start a new line (each
    // CR or LF becomes a space).
    let mut rest = value;
    while let Some(at) = rest.bytes().position(|b| b == b'\r' || b == b'\n') {
        m.push_str(rest.get(..at).unwrap_or(""));
        m.push(' ');
        rest = rest.get(at + 1..).unwrap_or("");
    }
    m.push_str(rest);
    m.push_str("\r\n");
}

pub(super) fn finish(m: &mut String, body: Option<String>) -> String {
    match body {
        Some(body) => {
            header(m, "Content-Type", "application/sdp");
            header(m, "Content-Length", &(body.len() as u64).to_string());
            m.push_str("\r\n");
            m.push_str(&body);
        }
        None => {
            header(m, "Content-Length", "0");
            m.push_str("\r\n");
        }
    }
    std::mem::take(m)
}

pub(super) fn sdp(host: &str, port: u16, video: bool) -> String {
    let mut s = format!(
        "v=0\r\no=- 1 1 IN IP4 {host}\r\ns=-\r\nc=IN IP4 {host}\r\nt=0 0\r\n\
         m=audio {port} RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n\
         a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"
    );
    if video {
        let _ = write!(s, "m=video {} RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=sendrecv\r\n", port + 2);
    }
    s
}

/// The first line of a message.
pub fn first_line(message: &str) -> String {
    message.split("\r\n").next().unwrap_or("").to_owned()
}

pub fn reason(status: u16) -> &'static str {
    if let Some((_, text)) = REASONS.iter().find(|(code, _)| *code == status) {
        return text;
    }
    match status {
        s if s < 200 => "Session Progress",
        s if s < 300 => "OK",
        s if s < 400 => "Redirection",
        s if s < 500 => "Client Error",
        s if s < 600 => "Server Error",
        _ => "Global Failure",
    }
}

/// The reason phrases of the codes RFC 3261 names (a table: smaller than a match arm each).
static REASONS: &[(u16, &str)] = &[
    (100, "Trying"),
    (180, "Ringing"),
    (181, "Call Is Being Forwarded"),
    (182, "Queued"),
    (183, "Session Progress"),
    (200, "OK"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Moved Temporarily"),
    (380, "Alternative Service"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (480, "Temporarily Unavailable"),
    (481, "Call/Transaction Does Not Exist"),
    (484, "Address Incomplete"),
    (486, "Busy Here"),
    (487, "Request Terminated"),
    (488, "Not Acceptable Here"),
    (500, "Server Internal Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Server Time-out"),
    (600, "Busy Everywhere"),
    (603, "Decline"),
    (604, "Does Not Exist Anywhere"),
    (606, "Not Acceptable"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog() -> Dialog {
        Dialog {
            request_uri: "sip:alice@127.0.0.1:5080".into(),
            from_user: "bob".into(),
            from_tag: "f1".into(),
            to_tag: Some("t1".into()),
            call_id: "c1@192.0.2.10".into(),
            transport: "TCP".into(),
            remote: "127.0.0.1:5080".into(),
            video: false,
        }
    }

    #[test]
    fn invite_has_every_header_and_a_correct_length() {
        let mut d = dialog();
        d.to_tag = None;
        let h = vec![("X-Room".to_owned(), "12\r\nEvil: 1".to_owned())];
        let m = request(
            &d,
            &Request {
                method: "INVITE",
                branch: "z9hG4bKb",
                cseq: 1,
                to_tag: false,
                auth: None,
                headers: &h,
                sdp: true,
            },
        );
        assert!(m.starts_with("INVITE sip:alice@127.0.0.1:5080 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bKb;rport\r\n"));
        assert!(m.contains("\r\nTo: <sip:alice@127.0.0.1:5080>\r\n"));
        assert!(m.contains("\r\nX-Room: 12  Evil: 1\r\n"));
        let (head, body) = m.split_once("\r\n\r\n").unwrap_or_default();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        assert!(body.contains("m=audio") && !body.contains("m=video"));
    }

    #[test]
    fn responses_carry_the_callee_tag() {
        let m = response_in(
            &dialog(),
            &Response { status: 486, branch: "b", cseq: 1, method: "INVITE", headers: &[] },
        );
        assert!(m.starts_with("SIP/2.0 486 Busy Here\r\n"));
        assert!(m.contains("To: <sip:alice@127.0.0.1:5080>;tag=t1"));
        assert!(m.ends_with("Content-Length: 0\r\n\r\n"));
    }

    #[test]
    fn header_values_never_break_lines_and_names_are_escaped() {
        let mut m = String::new();
        header(&mut m, "X-A", "a\r\nb\nc\rd\u{e9}");
        assert_eq!(m, "X-A: a  b c d\u{e9}\r\n");
        assert_eq!(display_name(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(escape("<a & b>", &[('&', "&amp;"), ('<', "&lt;"), ('>', "&gt;")]), "&lt;a &amp; b&gt;");
    }
}
