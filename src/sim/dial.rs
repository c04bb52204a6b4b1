//! `<Dial>`: one leg per noun, all INVITEd at once (a parallel fork, S12), run on a
//! discrete-event queue until the Dial is over; then the outcome and the action (S13, S16).

use super::callbacks;
use super::engine::{Loaded, Sim, MAX_AUTH_ROUNDS};
use super::interpreter::{self, attr, end_call, method, text_of, Fetch, Flow};
use super::legs::{self, Leg, State, Target};
use super::output::{DialOutcome, Purpose};
use super::params::{self, DialReport};
use super::queue::{Ev, Queue};
use super::{rules, screening, transactions as tx};
use crate::xml::ElementId;

/// The Dial being run.
pub struct Dial<'s> {
    pub legs: Vec<Leg<'s>>,
    pub q: Queue,
    pub winner: Option<usize>,
    pub bridged_at: Option<u64>,
    pub time_limit_ms: u64,
    pub hangup_on_star: bool,
    pub finished: bool,
    /// The Dial's status when it ended for a reason of its own (timeout, caller), else
    /// taken from the legs.
    pub status: Option<&'static str>,
    /// The whole call ends with the Dial (S14, S18 under restcomm-connect).
    pub ends_call: bool,
    /// No action request (S14 under restcomm-connect).
    pub skip_action: bool,
    pub end_order: u32,
}

pub fn run(sim: &mut Sim, loaded: &Loaded, id: ElementId) -> Flow {
    let Some(e) = loaded.doc.element(id) else { return Flow::Next };
    let e = &e;
    let timeout_s = attr(e, "timeout").and_then(|v| v.parse::<u64>().ok()).filter(|v| *v > 0).unwrap_or(30);
    let time_limit_s =
        attr(e, "timeLimit").and_then(|v| v.parse::<u64>().ok()).filter(|v| *v > 0).unwrap_or(14400);
    let scenario = sim.scenario;
    let from_user = attr(e, "callerId").unwrap_or(&scenario.call.from);
    let text = text_of(e);
    let mut targets = Vec::new();
    let mut conference = false;
    let mut undialable = None;
    if !text.is_empty() {
        targets.push(Target::Text(text));
    } else {
        for (cid, child) in loaded.doc.child_elements(id) {
            match child.name {
                "Sip" | "Uri" | "Number" | "Client" => targets.push(Target::Noun(cid)),
                "Conference" => conference = true,
                other => {
                    undialable.get_or_insert_with(|| other.to_owned());
                }
            }
        }
    }
    if let Some(name) = undialable {
        if sim.b.undialable_child_breaks_dial {
            sim.note(
                format!("the platform cannot dial `<{name}>`: the Dial breaks and the call is hung up"),
                Some("V2/V32: Restcomm-Connect creates no call for it and the dial fails"),
            );
            sim.outcome
                .dials
                .push(DialOutcome { dial_call_status: Some("failed"), ..DialOutcome::default() });
            end_call(sim);
            return Flow::End;
        }
        sim.note(format!("`<{name}>` inside `<Dial>` is not simulated: it is skipped"), None);
    }
    if conference {
        sim.note("`<Conference>` is not simulated: the Dial joins no one", None);
        sim.outcome.dials.push(DialOutcome::default());
        return Flow::Next;
    }
    if targets.is_empty() {
        sim.note("an empty `<Dial>` does nothing: the next verb runs and no action is requested (V31)", None);
        sim.outcome.dials.push(DialOutcome::default());
        return Flow::Next;
    }
    let start = sim.now;
    let mut dial = Dial {
        legs: Vec::new(),
        q: Queue::default(),
        winner: None,
        bridged_at: None,
        time_limit_ms: time_limit_s.saturating_mul(1000),
        hangup_on_star: attr(e, "hangupOnStar").is_some_and(|v| v.eq_ignore_ascii_case("true")),
        finished: false,
        status: None,
        ends_call: false,
        skip_action: false,
        end_order: 0,
    };
    for t in &targets {
        match legs::build(sim, loaded, t, from_user) {
            Ok(leg) => dial.legs.push(leg),
            Err(why) => sim.note(why, None),
        }
    }
    if dial.legs.is_empty() {
        dial.status = Some("failed");
        dial.finished = true;
    } else {
        if dial.legs.len() > 1 {
            sim.note(format!("{} legs ring in parallel: the first 200 OK wins (S12)", dial.legs.len()), None);
        }
        for i in 0..dial.legs.len() {
            if let Some(leg) = dial.legs.get_mut(i) {
                tx::invite(sim, &mut dial.q, leg, i);
            }
        }
        dial.q.at(start.saturating_add(timeout_s.saturating_mul(1000)), Ev::Timeout);
        if let Some(h) = sim.caller_hangup_at() {
            dial.q.at(h.max(start), Ev::CallerHangup);
        }
        let first_digits = sim.next_digits;
        while let Some((at, keys)) = sim.take_digits(start, u64::MAX) {
            dial.q.at(at, Ev::Digits { keys });
        }
        run_queue(sim, &mut dial, timeout_s);
        // Keys pressed after the Dial are for the verbs that follow it.
        sim.next_digits = first_digits;
        let _ = sim.take_digits(sim.now.saturating_add(1), 0);
    }
    finish(sim, loaded, e, dial)
}

fn run_queue(sim: &mut Sim, dial: &mut Dial, timeout_s: u64) {
    while !dial.finished && !sim.stopped {
        let Some((at, ev)) = dial.q.pop() else {
            // Nothing left can happen: nobody will answer and nothing times out.
            dial.finished = true;
            break;
        };
        sim.advance_to(at);
        if sim.stopped {
            break;
        }
        match ev {
            Ev::Respond { leg, tx, status, headers } => respond(sim, dial, leg, tx, status, headers),
            Ev::CalleeBye { leg, tx } => {
                let Some(l) = dial.legs.get_mut(leg) else { continue };
                if l.tx == tx && matches!(l.state, State::Bridged | State::Screening) {
                    tx::bye_in(sim, l);
                    let declined = l.state == State::Screening;
                    tx::end(sim, l, "completed", "completed", &mut dial.end_order);
                    if declined {
                        l.declined = true;
                        dial.winner = None;
                        dial.status = Some("no-answer");
                    }
                    dial.finished = true;
                }
            }
            Ev::Timeout => {
                if dial.winner.is_none() {
                    sim.row_note(format!("no answer within {timeout_s} s: the legs are cancelled"), "S8");
                    let (leg_status, dial_status) = (sim.b.timeout_leg_status, sim.b.timeout_dial_status);
                    for l in dial.legs.iter_mut() {
                        tx::cancel(sim, l, leg_status, dial_status, &mut dial.end_order);
                    }
                    dial.status = Some(dial_status);
                    dial.finished = true;
                }
            }
            Ev::CallerHangup => caller_hangup(sim, dial),
            Ev::Digits { keys } => digits(sim, dial, &keys),
            Ev::TimeLimit { leg } => {
                if dial.winner == Some(leg) && dial.bridged_at.is_some() {
                    sim.row_note("timeLimit reached: the dialled leg is hung up", "S18");
                    if let Some(l) = dial.legs.get_mut(leg) {
                        tx::bye_out(sim, l);
                        tx::end(sim, l, "completed", "completed", &mut dial.end_order);
                    }
                    dial.ends_call = sim.b.time_limit_ends_call;
                    dial.finished = true;
                }
            }
            Ev::ScreenVerb { leg, verb, range, document } => {
                if dial.legs.get(leg).is_some_and(|l| l.state == State::Screening) {
                    sim.verb_event(verb, range, document);
                }
            }
            Ev::ScreenEnd { leg, declined } => screening::end(sim, dial, leg, declined),
        }
        if !dial.finished && dial.winner.is_none() && dial.legs.iter().all(|l| !l.is_open()) {
            dial.finished = true;
        }
    }
}

fn respond(sim: &mut Sim, dial: &mut Dial, i: usize, txn: u32, status: u16, headers: Vec<(String, String)>) {
    let Some(leg) = dial.legs.get_mut(i) else { return };
    if leg.tx != txn || leg.tx_final || leg.state == State::Ended {
        return;
    }
    tx::response_in(sim, leg, status, &headers);
    if status < 200 {
        if matches!(status, 180 | 183) && leg.state == State::Calling {
            leg.state = State::Ringing;
            callbacks::send(sim, leg, callbacks::RINGING);
        }
        return;
    }
    leg.tx_final = true;
    leg.final_code = Some(status);
    leg.final_headers = headers;
    let order = &mut dial.end_order;
    match status {
        200..=299 => {
            tx::ack(sim, leg, true);
            leg.answered_at = Some(sim.now);
            leg.ring_end = Some(sim.now);
            if dial.winner.is_some() {
                // Lost the race by a hair: hang up at once.
                tx::bye_out(sim, leg);
                tx::end(sim, leg, "canceled", "canceled", order);
                return;
            }
            answer(sim, dial, i);
        }
        300..=399 if sim.b.ignores_3xx => {
            tx::ack(sim, leg, false);
            sim.row_note(format!("{status} is ignored: the leg waits for the Dial's timeout"), "S11");
        }
        401 | 407 => {
            tx::ack(sim, leg, false);
            challenged(sim, dial, i, status);
        }
        486 | 600 | 603 => {
            tx::ack(sim, leg, false);
            tx::end(sim, leg, "busy", "busy", order);
        }
        487 if sim.b.ignores_487 => {
            tx::ack(sim, leg, false);
            sim.row_note("a 487 the platform did not cause is ignored: the leg waits for the timeout", "S11");
        }
        _ => {
            tx::ack(sim, leg, false);
            tx::end(sim, leg, "failed", "failed", order);
        }
    }
}

fn challenged(sim: &mut Sim, dial: &mut Dial, i: usize, status: u16) {
    let Some(leg) = dial.legs.get_mut(i) else { return };
    if leg.username.is_none() || leg.password.as_deref().is_none_or(str::is_empty) {
        sim.note(
            format!("{status} challenge and the `<{}>` has no username/password: the leg fails", leg.noun),
            None,
        );
        tx::end(sim, leg, "failed", "failed", &mut dial.end_order);
        return;
    };
    let limit = sim.b.auth_retries.unwrap_or(MAX_AUTH_ROUNDS);
    if leg.auth_rounds >= limit {
        match sim.b.auth_retries {
            Some(_) => {
                sim.row_note("challenged again after the retry with credentials: the leg fails", "S10")
            }
            None => {
                let m = format!(
                    "`{}` challenged {} times; Restcomm-Connect would answer forever: the simulation stops the loop",
                    leg.key,
                    leg.auth_rounds + 1
                );
                sim.row_note(m.clone(), "S10");
                sim.finding(&rules::AUTH_LOOP, m);
            }
        }
        tx::end(sim, leg, "failed", "failed", &mut dial.end_order);
        return;
    }
    leg.auth_rounds += 1;
    if leg.challenge.is_none() {
        return;
    }
    let cnonce = sim.rng.hex(16);
    let (Some(user), Some(password), Some(challenge)) = (&leg.username, &leg.password, &leg.challenge) else {
        return;
    };
    let credentials =
        super::digest::response(user, password, challenge, "INVITE", &leg.dialog.request_uri, &cnonce);
    let note = (leg.auth_rounds == 1)
        .then(|| format!("{status}: the INVITE is sent again with digest credentials for `{user}`"));
    leg.credentials = Some(credentials);
    if let Some(note) = note {
        sim.row_note(note, "S10");
    }
    tx::invite(sim, &mut dial.q, leg, i);
}

fn answer(sim: &mut Sim, dial: &mut Dial, i: usize) {
    dial.winner = Some(i);
    let Some(leg) = dial.legs.get_mut(i) else { return };
    let screening = leg.screening.is_some();
    leg.state = if screening { State::Screening } else { State::Bridged };
    callbacks::send(sim, leg, callbacks::ANSWERED);
    let others = dial.legs.len() > 1;
    if others {
        sim.note("first 200 OK wins: the other legs are cancelled (S12)", None);
    }
    for (j, other) in dial.legs.iter_mut().enumerate() {
        if j != i {
            tx::cancel(sim, other, "canceled", "canceled", &mut dial.end_order);
        }
    }
    if screening {
        screening::start(sim, dial, i);
    } else {
        bridge(sim, dial, i);
    }
}

pub fn bridge(sim: &mut Sim, dial: &mut Dial, i: usize) {
    let Some(leg) = dial.legs.get_mut(i) else { return };
    leg.state = State::Bridged;
    dial.bridged_at = Some(sim.now);
    sim.note(format!("the caller is bridged to `{}`", leg.key), None);
    dial.q.at(sim.now.saturating_add(dial.time_limit_ms), Ev::TimeLimit { leg: i });
}

fn caller_hangup(sim: &mut Sim, dial: &mut Dial) {
    interpreter::caller_hangs_up(sim);
    let ringing = dial.bridged_at.is_none();
    if ringing {
        sim.row_note("the caller hung up while the Dial was ringing: every leg is cancelled", "S8b");
    }
    let gone_status = sim.b.caller_gone_dial_status;
    for l in dial.legs.iter_mut() {
        match l.state {
            State::Bridged => {
                tx::bye_out(sim, l);
                tx::end(sim, l, "completed", "completed", &mut dial.end_order);
            }
            State::Screening => {
                tx::bye_out(sim, l);
                tx::end(sim, l, "canceled", gone_status, &mut dial.end_order);
            }
            _ => tx::cancel(sim, l, "canceled", gone_status, &mut dial.end_order),
        }
    }
    if ringing {
        dial.winner = None;
        dial.status = Some(gone_status);
    }
    dial.finished = true;
}

fn digits(sim: &mut Sim, dial: &mut Dial, keys: &str) {
    sim.note(format!("the caller presses `{keys}`"), None);
    let (Some(i), Some(_)) = (dial.winner, dial.bridged_at) else { return };
    if !(dial.hangup_on_star && keys.contains('*')) {
        return;
    }
    if !sim.b.hangup_on_star {
        sim.row_note("`*` with hangupOnStar: ignored", "S17");
        return;
    }
    sim.row_note("`*` with hangupOnStar: the dialled leg is hung up", "S17");
    if let Some(l) = dial.legs.get_mut(i) {
        tx::bye_out(sim, l);
        tx::end(sim, l, "completed", "completed", &mut dial.end_order);
    }
    dial.finished = true;
}

/// The Dial is over: close what is left, record the outcome, request the action.
fn finish(sim: &mut Sim, loaded: &Loaded, e: &crate::xml::Element, mut dial: Dial) -> Flow {
    for l in dial.legs.iter_mut().filter(|l| l.is_open()) {
        if l.state == State::Bridged {
            tx::bye_out(sim, l);
            tx::end(sim, l, "completed", "completed", &mut dial.end_order);
        } else {
            tx::cancel(sim, l, "canceled", "canceled", &mut dial.end_order);
        }
    }
    let bridged = dial.winner.is_some() && dial.bridged_at.is_some();
    let reported = match dial.winner {
        Some(i) if bridged => dial.legs.get(i),
        // The last leg to end (the last of equals, as `max_by_key` picks).
        _ => {
            let mut last: Option<&Leg> = None;
            for l in &dial.legs {
                if last.is_none_or(|m| l.end_order >= m.end_order) {
                    last = Some(l);
                }
            }
            last
        }
    };
    let status: Option<&str> = match (bridged, dial.status) {
        (true, _) => Some("completed"),
        (false, Some(s)) => Some(s),
        (false, None) => reported.map(|l| l.dial_status),
    };
    // Borrowed from the reported leg (the legs are the Dial's, not the run's).
    let (sid, duration, ring, call_id, code, headers): (_, _, _, _, _, &[(String, String)]) = match reported {
        Some(l) => (
            Some(l.sid.as_str()),
            match (bridged, l.answered_at) {
                (true, Some(a)) => l.ended_at.unwrap_or(sim.now).saturating_sub(a) / 1000,
                _ => 0,
            },
            l.ring_end.unwrap_or(sim.now).saturating_sub(l.invite_at) / 1000,
            Some(l.dialog.call_id.as_str()),
            l.final_code,
            &l.final_headers,
        ),
        None => (None, 0, 0, None, None, &[]),
    };
    sim.outcome.dials.push(DialOutcome {
        dial_call_status: status,
        dial_call_sid: sid.map(str::to_owned),
        dial_call_duration: duration,
        answered_by: reported.filter(|_| bridged).map(|l| l.key.clone()),
        dial_ring_duration: ring,
        dial_sip_response_code: code,
    });
    if dial.ends_call && !sim.caller_gone {
        sim.note("the platform hangs up the caller too", None);
        end_call(sim);
    }
    if dial.skip_action {
        return Flow::End;
    }
    let recording = (bridged && attr(e, "record").is_some_and(|v| v == "true"))
        .then(|| format!("http://recordings.test/{}.wav", sim.call_sid));
    let report = DialReport {
        status,
        sid,
        duration,
        ring_duration: ring,
        sip_call_id: call_id,
        sip_response_code: code,
        sip_headers: headers,
        recording_url: recording.as_deref(),
    };
    let caller_gone = sim.caller_gone;
    let hangs_up_after_bridge = bridged && !sim.b.runs_action_after_bridge && !caller_gone;
    let action = attr(e, "action").and_then(|a| sim.resolve(&loaded.url, a));
    let Some(url) = action else {
        if caller_gone {
            return Flow::End;
        }
        if hangs_up_after_bridge {
            sim.row_note(
                "the bridged call ended: the platform hangs up the caller; no verb after the Dial runs",
                "S16",
            );
            end_call(sim);
            return Flow::End;
        }
        return Flow::Next;
    };
    if !sim.b.dial_sip_params && dial.legs.iter().any(|l| l.noun == "Sip") {
        sim.row_note("the action request carries no DialSip* parameters", "S13");
    }
    let call_status = if caller_gone { "completed" } else { "in-progress" };
    let p = params::dial_action(sim, call_status, &report);
    let run = !caller_gone && !hangs_up_after_bridge;
    let fetch =
        Fetch { purpose: Purpose::Action, method: method(e, "method"), url, params: p, run, redirect: false };
    if run {
        return Flow::Fetch(fetch);
    }
    interpreter::fetch(sim, fetch);
    if caller_gone {
        sim.note("the caller is gone: the action's document is not run", None);
    } else {
        sim.row_note("the bridged call ended: the action is requested but its document is not run", "S16");
        end_call(sim);
    }
    Flow::End
}
