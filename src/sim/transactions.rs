//! SIP transactions of a dialled leg: INVITE (with digest credentials when challenged),
//! ACK, CANCEL/487, BYE both ways; and what the scenario's endpoint answers to an INVITE.

use super::callbacks;
use super::digest::{self, Challenge};
use super::engine::Sim;
use super::legs::{Leg, State};
use super::output::Direction;
use super::queue::{Ev, Queue};
use super::sip_message::{self as msg, Request, Response};

/// Sends an INVITE on `leg` (a new transaction) and schedules the endpoint's answers.
pub fn invite(sim: &mut Sim, q: &mut Queue, leg: &mut Leg, index: usize) {
    leg.tx += 1;
    leg.cseq += 1;
    leg.tx_final = false;
    leg.branch = format!("z9hG4bK{}", sim.rng.hex(16));
    // A new INVITE after a challenge is a new transaction outside any dialog.
    leg.dialog.to_tag = None;
    let auth = match (&leg.credentials, &leg.challenge) {
        (Some(c), Some(ch)) => Some((digest::header_names(ch.status).1, c.header_value())),
        _ => None,
    };
    let m = msg::request(
        &leg.dialog,
        &Request {
            method: "INVITE",
            branch: &leg.branch,
            cseq: leg.cseq,
            to_tag: false,
            auth,
            headers: &leg.headers,
            sdp: true,
        },
    );
    sim.sip(&leg.sid, Direction::Out, m);
    if leg.tx == 1 {
        callbacks::send(sim, leg, callbacks::INITIATED);
    }
    schedule_endpoint(sim, q, leg, index);
}

/// What the endpoint does with the INVITE just sent (`contracts.md` §4, `auth`).
fn schedule_endpoint(sim: &mut Sim, q: &mut Queue, leg: &mut Leg, index: usize) {
    let Some(e) = leg.endpoint else { return };
    let now = sim.now;
    let tx = leg.tx;
    if let Some(auth) = &e.auth {
        let right = match (&leg.credentials, &leg.challenge) {
            (Some(c), Some(ch)) => c.verify(&auth.username, &auth.password, ch, "INVITE"),
            _ => false,
        };
        if !right || leg.endpoint_challenges < auth.challenges {
            leg.endpoint_challenges += 1;
            let challenge = Challenge {
                status: auth.status,
                realm: auth.realm.clone(),
                nonce: sim.rng.hex(32),
                qop: auth.qop,
            };
            let (name, _) = digest::header_names(auth.status);
            let headers = vec![(name.to_owned(), challenge.header_value())];
            leg.challenge = Some(challenge);
            q.at(
                now.saturating_add(auth.challenge_at_ms),
                Ev::Respond { leg: index, tx, status: auth.status, headers },
            );
            return;
        }
    }
    // The shorthand fields as a script: `(at, status, with the endpoint's headers)`, in time
    // order (a stable sort of at most three).
    let mut shorthand: Vec<(u64, u16, bool)> = Vec::new();
    if e.script.is_none() {
        let fields = [
            (e.ring_at_ms, 180, false),
            (e.answer_at_ms, 200, true),
            (e.reject_at_ms, e.reject_status, true),
        ];
        for (at, status, with_headers) in fields {
            if let Some(at) = at {
                let pos = shorthand.partition_point(|s| s.0 <= at);
                shorthand.insert(pos, (at, status, with_headers));
            }
        }
    }
    let mut respond = |at_ms: u64, status: u16, headers: &Vec<(String, String)>| {
        q.at(now.saturating_add(at_ms), Ev::Respond { leg: index, tx, status, headers: headers.clone() });
    };
    for s in e.script.iter().flatten() {
        respond(s.at_ms, s.status, &s.headers);
    }
    let no_headers = Vec::new();
    for (at, status, with_headers) in shorthand {
        respond(at, status, if with_headers { &e.headers } else { &no_headers });
    }
    if let Some(h) = e.hangup_at_ms {
        q.at(now.saturating_add(h), Ev::CalleeBye { leg: index, tx });
    }
}

/// A response of the endpoint arrives: logged, the callee's tag remembered.
pub fn response_in(sim: &mut Sim, leg: &mut Leg, status: u16, headers: &[(String, String)]) {
    if status > 100 && leg.dialog.to_tag.is_none() {
        leg.dialog.to_tag = Some(sim.rng.hex(8));
    }
    receive(sim, leg, status, "INVITE", &leg.branch, headers);
}

/// A request without headers of its own or body (ACK, CANCEL, BYE) sent on `leg`.
#[inline(never)]
fn send(sim: &mut Sim, leg: &Leg, method: &str, branch: &str, to_tag: bool) {
    let r = Request { method, branch, cseq: leg.cseq, to_tag, auth: None, headers: &[], sdp: false };
    sim.sip(&leg.sid, Direction::Out, msg::request(&leg.dialog, &r));
}

/// The callee's response to the `method` transaction `branch` of `leg`.
#[inline(never)]
fn receive(sim: &mut Sim, leg: &Leg, status: u16, method: &str, branch: &str, headers: &[(String, String)]) {
    let r = Response { status, branch, cseq: leg.cseq, method, headers };
    sim.sip(&leg.sid, Direction::In, msg::response_in(&leg.dialog, &r));
}

/// ACK of a final response (a 2xx gets its own transaction, a failure the INVITE's branch).
pub fn ack(sim: &mut Sim, leg: &Leg, success: bool) {
    let branch = if success { format!("z9hG4bK{}", sim.rng.hex(16)) } else { leg.branch.clone() };
    send(sim, leg, "ACK", &branch, true);
}

/// Ends a leg: its state, times, and its `completed` callback.
pub fn end(sim: &mut Sim, leg: &mut Leg, status: &'static str, dial_status: &'static str, order: &mut u32) {
    if leg.state == State::Ended {
        return;
    }
    leg.state = State::Ended;
    leg.ended_at = Some(sim.now);
    leg.ring_end.get_or_insert(sim.now);
    leg.status = status;
    leg.dial_status = dial_status;
    *order += 1;
    leg.end_order = *order;
    callbacks::send(sim, leg, callbacks::COMPLETED);
}

/// CANCEL of a leg that has not answered: CANCEL, 200 (CANCEL), 487 (INVITE), ACK.
pub fn cancel(
    sim: &mut Sim,
    leg: &mut Leg,
    status: &'static str,
    dial_status: &'static str,
    order: &mut u32,
) {
    if leg.state == State::Ended {
        return;
    }
    if !leg.tx_final {
        send(sim, leg, "CANCEL", &leg.branch, false);
        receive(sim, leg, 200, "CANCEL", &leg.branch, &[]);
        response_in(sim, leg, 487, &[]);
        ack(sim, leg, false);
        leg.tx_final = true;
        leg.final_code = Some(487);
        leg.final_headers.clear();
    }
    end(sim, leg, status, dial_status, order);
}

/// BYE from the platform on a confirmed dialog, and the callee's 200 OK.
pub fn bye_out(sim: &mut Sim, leg: &mut Leg) {
    leg.cseq += 1;
    let branch = format!("z9hG4bK{}", sim.rng.hex(16));
    send(sim, leg, "BYE", &branch, true);
    receive(sim, leg, 200, "BYE", &branch, &[]);
}

/// BYE from the callee, and the platform's 200 OK.
pub fn bye_in(sim: &mut Sim, leg: &mut Leg) {
    let branch = format!("z9hG4bK{}", sim.rng.hex(16));
    sim.sip(&leg.sid, Direction::In, msg::bye_in(&leg.dialog, &branch));
    sim.sip(&leg.sid, Direction::Out, msg::bye_ok_out(&leg.dialog, &branch));
}
