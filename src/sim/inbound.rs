//! The caller's own SIP dialog with the platform (the inbound call that contracts.md §4 says the
//! platform answers at t = 0): its INVITE, 100 Trying and 180 Ringing before the first document
//! request; 200 OK and ACK when the platform answers (before the first verb other than
//! `<Reject>`); a final failure and its ACK when the platform rejects the call (`<Reject>`: 486
//! or 603) or ends it unanswered (a first document it cannot parse: 500); then BYE and 200 OK
//! from whichever side hangs up first (CANCEL, 200 and 487 if the caller gives up while it
//! still rings).
//!
//! The caller is `sip:FROM@203.0.113.5` (TEST-NET-3) over UDP and calls `sip:TO@192.0.2.10`.
//! The dialog's tags, branches and Call-ID come from a generator of its own, seeded from the
//! scenario's seed, so that every other generated value (sids, the legs' tags, nonces) is the
//! same as in a run without the caller's dialog.

use super::engine::Sim;
use super::output::Direction;
use super::rng::Rng;
use super::sip_message::{
    display_name, finish, header, reason, sdp, sip_user, MESSAGE_CAPACITY, PLATFORM_HOST,
};

/// The caller's address (TEST-NET-3, RFC 5737).
pub const CALLER_HOST: &str = "203.0.113.5";
/// The platform ends a call it never answered (a first document it cannot parse) with this
/// final response; the references do not say which one.
pub const UNANSWERED_END_STATUS: u16 = 500;
/// Mixed into the scenario's seed for the dialog's own generator.
const STREAM: u64 = 0x6361_6c6c_6572;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// No INVITE yet.
    Idle,
    Ringing,
    Answered,
    Ended,
}

pub struct Inbound {
    pub state: State,
    /// The caller's `From` (display name and user), as in the scenario.
    from: String,
    to: String,
    from_tag: String,
    to_tag: String,
    call_id: String,
    invite_branch: String,
    rng: Rng,
}

/// Who sends a message of the caller's dialog.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Caller,
    Platform,
}

impl Inbound {
    pub fn new(seed: u64, from: &str, to: &str) -> Self {
        let mut rng = Rng::new(seed ^ STREAM);
        let from_tag = rng.hex(8);
        let to_tag = rng.hex(8);
        let call_id = format!("{}@{CALLER_HOST}", rng.hex(32));
        let invite_branch = format!("z9hG4bK{}", rng.hex(16));
        Self {
            state: State::Idle,
            from: from.to_owned(),
            to: to.to_owned(),
            from_tag,
            to_tag,
            call_id,
            invite_branch,
            rng,
        }
    }

    fn branch(&mut self) -> String {
        format!("z9hG4bK{}", self.rng.hex(16))
    }

    fn caller_uri(&self) -> String {
        format!("sip:{}@{CALLER_HOST}", sip_user(&self.from))
    }

    fn platform_uri(&self) -> String {
        format!("sip:{}@{PLATFORM_HOST}", sip_user(&self.to))
    }

    /// The platform's Contact: the remote target of the caller's requests once answered.
    fn platform_contact(&self) -> String {
        format!("sip:{}@{PLATFORM_HOST}:5060", sip_user(&self.to))
    }

    fn caller_contact(&self) -> String {
        format!("sip:{}@{CALLER_HOST}:5060", sip_user(&self.from))
    }

    fn via(by: Side, branch: &str) -> String {
        match by {
            Side::Caller => format!("SIP/2.0/UDP {CALLER_HOST}:5060;branch={branch}"),
            Side::Platform => format!("SIP/2.0/UDP {PLATFORM_HOST}:5060;branch={branch};rport"),
        }
    }

    /// From, To, Call-ID and CSeq of a transaction started by `by` (the same in the request
    /// and in its responses).
    fn dialog_headers(&self, m: &mut String, by: Side, cseq: &str, to_tag: bool) {
        let caller = format!("{} <{}>;tag={}", display_name(&self.from), self.caller_uri(), self.from_tag);
        let platform = if to_tag {
            format!("<{}>;tag={}", self.platform_uri(), self.to_tag)
        } else {
            format!("<{}>", self.platform_uri())
        };
        let (from, to) = match by {
            Side::Caller => (caller, platform),
            Side::Platform => (platform, caller),
        };
        header(m, "From", &from);
        header(m, "To", &to);
        header(m, "Call-ID", &self.call_id);
        header(m, "CSeq", cseq);
    }

    fn request(&self, by: Side, method: &str, uri: &str, branch: &str, cseq: u32, to_tag: bool) -> String {
        let mut m = String::with_capacity(MESSAGE_CAPACITY);
        m.push_str(&format!("{method} {uri} SIP/2.0\r\n"));
        header(&mut m, "Via", &Self::via(by, branch));
        header(&mut m, "Max-Forwards", "70");
        self.dialog_headers(&mut m, by, &format!("{cseq} {method}"), to_tag);
        let body = if method == "INVITE" {
            header(&mut m, "Contact", &format!("<{}>", self.caller_contact()));
            Some(sdp(CALLER_HOST, 20000, false))
        } else {
            None
        };
        finish(&mut m, body)
    }

    fn response(&self, by: Side, status: u16, branch: &str, cseq: &str) -> String {
        let mut m = String::with_capacity(MESSAGE_CAPACITY);
        m.push_str(&format!("SIP/2.0 {status} {}\r\n", reason(status)));
        let invite = cseq.ends_with("INVITE");
        // A 100, and the 200 to a CANCEL, are sent before the platform's tag exists.
        let to_tag = by == Side::Platform || (status > 100 && !cseq.ends_with("CANCEL"));
        header(&mut m, "Via", &Self::via(by, branch));
        self.dialog_headers(&mut m, by, cseq, to_tag);
        if invite && (100 < status && status < 300) {
            header(&mut m, "Contact", &format!("<{}>", self.platform_contact()));
        }
        let body = (invite && status / 100 == 2).then(|| sdp(PLATFORM_HOST, 41000, false));
        finish(&mut m, body)
    }
}

fn send(sim: &mut Sim, direction: Direction, message: String) {
    let leg = sim.call_sid.clone();
    sim.sip(&leg, direction, message);
}

/// The caller's INVITE arrives; the platform answers 100 Trying and 180 Ringing.
pub fn arrive(sim: &mut Sim) {
    if sim.inbound.state != State::Idle {
        return;
    }
    sim.inbound.state = State::Ringing;
    let d = &sim.inbound;
    let uri = d.platform_uri();
    let invite = d.request(Side::Caller, "INVITE", &uri, &d.invite_branch, 1, false);
    let trying = d.response(Side::Caller, 100, &d.invite_branch, "1 INVITE");
    let ringing = d.response(Side::Caller, 180, &d.invite_branch, "1 INVITE");
    send(sim, Direction::In, invite);
    send(sim, Direction::Out, trying);
    send(sim, Direction::Out, ringing);
}

/// The platform answers the inbound call (200 OK, the caller's ACK).
pub fn answer(sim: &mut Sim) {
    sim.answered = true;
    if sim.inbound.state != State::Ringing {
        return;
    }
    sim.inbound.state = State::Answered;
    let ack_branch = sim.inbound.branch();
    let d = &sim.inbound;
    let ok = d.response(Side::Caller, 200, &d.invite_branch, "1 INVITE");
    let ack = d.request(Side::Caller, "ACK", &d.platform_contact(), &ack_branch, 1, true);
    send(sim, Direction::Out, ok);
    send(sim, Direction::In, ack);
}

/// The platform turns the ringing call down with `status` (the caller ACKs it).
pub fn reject(sim: &mut Sim, status: u16) {
    if sim.inbound.state != State::Ringing {
        return;
    }
    sim.inbound.state = State::Ended;
    let d = &sim.inbound;
    let response = d.response(Side::Caller, status, &d.invite_branch, "1 INVITE");
    // The ACK of a failure belongs to the INVITE's transaction (same branch and Request-URI).
    let ack = d.request(Side::Caller, "ACK", &d.platform_uri(), &d.invite_branch, 1, true);
    send(sim, Direction::Out, response);
    send(sim, Direction::In, ack);
}

/// The caller hangs up: BYE once answered, CANCEL while it still rings.
pub fn caller_hangs_up(sim: &mut Sim) {
    match sim.inbound.state {
        State::Answered => bye(sim, Side::Caller),
        State::Ringing => {
            sim.inbound.state = State::Ended;
            let d = &sim.inbound;
            let cancel = d.request(Side::Caller, "CANCEL", &d.platform_uri(), &d.invite_branch, 1, false);
            let ok = d.response(Side::Caller, 200, &d.invite_branch, "1 CANCEL");
            let terminated = d.response(Side::Caller, 487, &d.invite_branch, "1 INVITE");
            let ack = d.request(Side::Caller, "ACK", &d.platform_uri(), &d.invite_branch, 1, true);
            send(sim, Direction::In, cancel);
            send(sim, Direction::Out, ok);
            send(sim, Direction::Out, terminated);
            send(sim, Direction::In, ack);
        }
        State::Idle | State::Ended => {}
    }
}

/// The answered call ends with `by`'s BYE and the other side's 200: the caller's BYE is its
/// second request of the dialog (after the INVITE), the platform's its first.
fn bye(sim: &mut Sim, by: Side) {
    sim.inbound.state = State::Ended;
    let branch = sim.inbound.branch();
    let d = &sim.inbound;
    let (target, cseq, cseq_header, bye_direction, ok_direction) = match by {
        Side::Caller => (d.platform_contact(), 2, "2 BYE", Direction::In, Direction::Out),
        Side::Platform => (d.caller_contact(), 1, "1 BYE", Direction::Out, Direction::In),
    };
    let bye = d.request(by, "BYE", &target, &branch, cseq, true);
    let ok = d.response(by, 200, &branch, cseq_header);
    send(sim, bye_direction, bye);
    send(sim, ok_direction, ok);
}

/// The platform ends the call: BYE once answered; a final failure while it still rings.
pub fn platform_hangs_up(sim: &mut Sim) {
    match sim.inbound.state {
        State::Answered => bye(sim, Side::Platform),
        State::Ringing => reject(sim, UNANSWERED_END_STATUS),
        State::Idle | State::Ended => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog() -> Inbound {
        Inbound::new(7, "bob \"the\" caller", "+15550001111")
    }

    #[test]
    fn the_invite_is_a_whole_request_with_an_offer() {
        let d = dialog();
        let m = d.request(Side::Caller, "INVITE", &d.platform_uri(), &d.invite_branch, 1, false);
        assert!(m.starts_with(
            "INVITE sip:+15550001111@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK"
        ));
        assert!(m.contains("\r\nMax-Forwards: 70\r\nFrom: \"bob \\\"the\\\" caller\" <sip:bob%20%22the%22%20caller@203.0.113.5>;tag="));
        assert!(m.contains("\r\nTo: <sip:+15550001111@192.0.2.10>\r\n"));
        assert!(m.contains("\r\nCSeq: 1 INVITE\r\n"));
        let (head, body) = m.split_once("\r\n\r\n").unwrap_or_default();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        assert!(body.contains("c=IN IP4 203.0.113.5"));
    }

    #[test]
    fn responses_carry_the_platform_tag_except_100() {
        let d = dialog();
        let trying = d.response(Side::Caller, 100, &d.invite_branch, "1 INVITE");
        assert!(!trying.contains(&d.to_tag));
        let ok = d.response(Side::Caller, 200, &d.invite_branch, "1 INVITE");
        assert!(ok.starts_with("SIP/2.0 200 OK\r\n"));
        assert!(ok.contains(&format!("To: <sip:+15550001111@192.0.2.10>;tag={}", d.to_tag)));
        assert!(ok.contains("Contact: <sip:+15550001111@192.0.2.10:5060>"));
        assert!(ok.contains("c=IN IP4 192.0.2.10"));
    }

    #[test]
    fn the_platform_bye_swaps_from_and_to() {
        let d = dialog();
        let bye = d.request(Side::Platform, "BYE", &d.caller_contact(), "z9hG4bKx", 1, true);
        assert!(bye.starts_with("BYE sip:bob%20%22the%22%20caller@203.0.113.5:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKx;rport\r\nMax-Forwards: 70\r\n"));
        assert!(bye.contains(&format!("From: <sip:+15550001111@192.0.2.10>;tag={}", d.to_tag)));
        assert!(bye.ends_with("Content-Length: 0\r\n\r\n"));
    }
}
